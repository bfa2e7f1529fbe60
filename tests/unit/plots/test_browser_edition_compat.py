"""What the browser edition (Pyodide: numpy 2.0, matplotlib 3.8) needs from the helpers."""
import gzip

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from helpers import datasets, plots  # noqa: E402


def test_vertical_band_is_a_movable_rectangle_over_the_full_height():
    fig, ax = plt.subplots()
    ax.set_ylim(-5, 50)
    band = plots.vertical_band(ax, 1.0, 3.0, alpha=0.3)
    assert isinstance(band, Rectangle)
    band.set_x(2.0)
    band.set_width(0.5)
    fig.canvas.draw()
    (x0, y0), (x1, y1) = band.get_bbox().get_points()
    assert (x0, x1) == (2.0, 2.5) and (y0, y1) == (0, 1)  # y in axes fractions: full height
    x_data, y_axes = ax.transData.transform((2.0, 0))[0], ax.transAxes.transform((0, 1))[1]
    assert np.allclose(band.get_transform().transform((0, 1)), (x_data, y_axes))
    plt.close(fig)


def test_digits_are_read_from_plain_csv_when_there_is_one(tmp_path, monkeypatch):
    rows = "1,2,3\n4,5,6\n"
    (tmp_path / "digits.csv").write_text(rows)
    monkeypatch.setattr(datasets, "DATA_DIR", tmp_path)
    assert datasets._digits_file() == tmp_path / "digits.csv"
    (tmp_path / "digits.csv").unlink()
    (tmp_path / "digits.csv.gz").write_bytes(gzip.compress(rows.encode()))
    assert datasets._digits_file() == tmp_path / "digits.csv.gz"
    assert np.loadtxt(datasets._digits_file(), delimiter=",").tolist() == [[1, 2, 3], [4, 5, 6]]
