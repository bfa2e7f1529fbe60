"""The 1-D drawing functions of notebook 01 label what the text says."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from helpers import plots  # noqa: E402


def test_slope_labels_name_each_slope_on_the_inside_of_the_bend():
    fig, ax = plt.subplots()
    xs = np.array([-2.0, 0.5, 2.0])
    texts = plots.one_d.label_slopes(ax, xs, xs ** 2, 2 * xs)
    assert [t.get_text() for t in texts] == ["slope −4", "slope +1", "slope +4"]
    assert [t.get_ha() for t in texts] == ["left", "right", "right"]   # falling: to the right
    assert [t.xy for t in texts] == [(-2.0, 4.0), (0.5, 0.25), (2.0, 4.0)]
    assert texts[0].get_color() == "#9a6200"
    assert plots.one_d.label_slopes(ax, [1.0], [1.0], [2.0], color="red")[0].get_color() == "red"
    plt.close(fig)
