"""The 1-D panel driven without a kernel: every control changes what is drawn and said."""
import numpy as np
import pytest

from helpers.objectives import OBJECTIVES_1D
from helpers.panels import Descent1DPanel
from helpers.panels.descent_1d import YOUR_FUNCTION


@pytest.fixture
def panel():
    return Descent1DPanel(function="parabola  x²", lr=0.1, steps=30)


def path_x(panel):
    return np.asarray(panel.path.get_xdata(), dtype=float)


def test_first_draw_shows_a_path_and_a_status(panel):
    assert len(path_x(panel)) == 31
    assert panel.status_text.startswith("still moving after 30 steps")


def test_default_panel_converges_on_the_parabola():
    panel = Descent1DPanel()
    assert panel.status_text.startswith("converged after")
    assert panel.status_level == "good"
    assert len(panel.tangents.get_segments()) == 8


@pytest.mark.parametrize("lr,phrase,level", [
    (0.3, "converged after", "good"),
    (0.9, "oscillating but converging: each step is ×0.80 the last · |1 − η J″(x)| = 0.80", "warn"),
    (1.0, "oscillating without settling", "warn"),
    (1.2, "oscillating and growing ×1.40", "warn"),
    (2.0, "diverged at step", "bad"),
])
def test_learning_rate_changes_regime(panel, lr, phrase, level):
    panel.controls["lr"].value = lr
    assert phrase in panel.status_text
    assert panel.status_level == level


def test_divergence_message_and_finite_plotted_data(panel):
    panel.controls["lr"].value = 2.5
    assert panel.status_text.startswith("diverged at step")
    xs, ys = path_x(panel), np.asarray(panel.path.get_ydata(), dtype=float)
    assert len(xs) > 1 and np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))
    assert "leaves the plot" in panel.off_plot_note.get_text()
    assert np.all(np.isfinite(panel.loss_line.get_ydata()))


def test_start_and_steps_controls(panel):
    panel.controls["start"].value = -1.5
    assert path_x(panel)[0] == pytest.approx(-1.5)
    panel.controls["steps"].value = 5
    assert len(path_x(panel)) == 6
    assert len(panel.loss_line.get_xdata()) == 6


def test_function_menu_switches_curve_and_start_range(panel):
    panel.controls["function"].value = "double well  x⁴ − 2x² + x/2"
    well = OBJECTIVES_1D["double well  x⁴ − 2x² + x/2"]
    assert panel.controls["start"].min == well.x_range[0]
    assert panel.controls["start"].value == pytest.approx(well.default_start)
    np.testing.assert_allclose(panel.curve.get_ydata(), well.f(panel.curve.get_xdata()))
    assert "x⁴ − 2x² + x/2" in panel.ax_curve.get_title()


def test_typed_function_is_used_and_bad_text_keeps_last_good(panel):
    panel.controls["formula"].value = "sin(3*x) + x**2/4"
    assert panel.controls["function"].value == YOUR_FUNCTION
    assert "sin(3*x) + x**2/4" in panel.ax_curve.get_title()
    drawn = path_x(panel).copy()
    for bad in ["__import__('os')", "x +", "y**2", "1/0", ""]:
        panel.controls["formula"].value = bad
        assert panel.status_text.startswith("Could not use that formula")
        assert panel.status_level == "bad"
        assert "sin(3*x) + x**2/4" in panel.status_text  # still showing the last good one
        np.testing.assert_array_equal(path_x(panel), drawn)
    panel.controls["lr"].value = 0.02
    assert not panel.status_text.startswith("Could not")


def test_start_where_typed_function_is_undefined(panel):
    panel.controls["formula"].value = "log(x)"
    panel.controls["start"].value = -2.0
    assert "not defined at x₀ = -2" in panel.status_text


def test_fallback_text_names_controls_and_status(panel):
    data = panel.control_box()._repr_mimebundle_()
    text = data[0]["text/plain"] if isinstance(data, tuple) else data["text/plain"]
    assert "Run All" in text and "learning-rate" in text and panel.status_text in text


def test_rerun_closes_previous_figure(panel):
    import matplotlib.pyplot as plt
    before = len(plt.get_fignums())
    Descent1DPanel()
    assert len(plt.get_fignums()) == before


def test_blitted_picture_equals_a_full_redraw():
    panel = Descent1DPanel(function="double well  x⁴ − 2x² + x/2", lr=0.02, steps=40)
    for lr in (0.05, 0.08, 0.12):  # several blitted updates over one saved background
        panel.controls["lr"].value = lr
    blitted = np.asarray(panel.fig.canvas.buffer_rgba()).copy()
    panel.fig.canvas.draw()
    full = np.asarray(panel.fig.canvas.buffer_rgba())
    assert np.mean(np.any(blitted != full, axis=-1)) < 1e-3  # anti-aliasing at most


def test_legend_sits_below_the_axes_never_over_the_curve():
    from helpers.panels import Descent1DPanel
    panel = Descent1DPanel()
    panel.fig.canvas.draw()
    assert not panel.ax_curve.get_legend() and len(panel.fig.legends) == 1
    renderer = panel.fig.canvas.get_renderer()
    legend_box = panel.fig.legends[0].get_window_extent(renderer)
    for ax in (panel.ax_curve, panel.ax_loss):
        assert not legend_box.overlaps(ax.get_window_extent(renderer))
    assert [t.get_text() for t in panel.fig.legends[0].get_texts()] == [
        "J(x)", "tangent (slope J′)", "start", "last point"]
