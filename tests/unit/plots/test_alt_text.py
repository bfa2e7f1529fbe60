"""Alt text travels with every saved picture: static figures and live panels' canvases."""
import base64

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers import plots  # noqa: E402
from helpers.panels.base import picture_with_alt  # noqa: E402


def test_description_names_titles_and_axis_labels():
    fig, (left, right) = plt.subplots(1, 2)
    fig.suptitle("two views")
    left.set(title="loss", xlabel="step", ylabel="J")
    right.set_title("path")
    assert plots.describe_figure(fig) == "two views; loss (x: step, y: J); path"
    plt.close(fig)


def test_description_of_an_unlabelled_figure_is_not_empty():
    fig, ax = plt.subplots()
    ax.set_axis_off()
    assert plots.describe_figure(fig) == "figure"
    plt.close(fig)


def test_png_bundle_keeps_the_picture_and_its_alt_text():
    data, metadata = plots.figure.png_bundle(b"\x89PNG fake", "a parabola")
    assert base64.b64decode(data["image/png"]) == b"\x89PNG fake"
    assert metadata == {"image/png": {"alt": "a parabola"}}


def test_canvas_bundle_gets_alt_on_its_img_and_escaped():
    bundle = {"text/html": "<div><img src='data:image/png;base64,AAAA' width=640/></div>",
              "image/png": "AAAA", "text/plain": "Canvas(...)"}
    data, metadata = picture_with_alt(bundle, 'J(x) = x² & "η"')
    assert data["text/html"].startswith('<div><img alt="J(x) = x² &amp; &quot;η&quot;" src=')
    assert metadata["image/png"]["alt"] == 'J(x) = x² & "η"'
    assert bundle["text/html"].startswith("<div><img src")  # the original is left alone


def test_a_panel_describes_its_picture_and_status():
    from helpers.panels import Descent1DPanel

    panel = Descent1DPanel()
    alt = panel.picture_alt()
    assert alt.startswith("Gradient descent on a function of one variable, live. Picture: ")
    assert " ".join(panel.status_text.split()) in alt and "\n" not in alt
    plt.close(panel.fig)
