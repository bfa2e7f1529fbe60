"""The gradient-flow panel of notebook 06 driven without a kernel."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.datasets import circles
from helpers.gradient_flow import flow_snapshot, make_network
from helpers.panels.gradient_flow import GradientFlowPanel


@pytest.fixture
def panel():
    return GradientFlowPanel(depth=10, width=32, activation="sigmoid",
                             initialisation="small normal", steps=50)


def drawn(line):
    return np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)


def test_first_draw_shows_every_layer_and_says_vanishing(panel):
    x, y = drawn(panel.init_line)
    np.testing.assert_array_equal(x, np.arange(1, 11))
    X, labels = circles(128, seed=0)
    expected = flow_snapshot(make_network(10, 32, "sigmoid", "small normal", seed=0), X, labels)
    np.testing.assert_allclose(y, expected.delta_norms)
    assert panel.status_text.startswith("at initialisation: ‖∂J/∂z₁‖ / ‖∂J/∂z_L‖ = ")
    assert "vanishing" in panel.status_text and panel.status_level == "warn"
    assert len(drawn(panel.trained_line)[0]) == 0
    assert panel.heatmap.get_array().shape == (9, 40)
    lo, hi = panel.ax_norms.get_ylim()
    assert lo <= y.min() and hi >= y.max()


def test_changing_the_activation_changes_the_status(panel):
    before = panel.status_text
    with panel.hold_updates():
        panel.controls["activation"].value = "relu"
        panel.controls["initialisation"].value = "He/Kaiming"
    assert panel.status_text != before
    assert "balanced" in panel.status_text and panel.status_level == "good"
    assert "dead units" in panel.status_text
    assert panel.ax_hist.get_xlim() == (-1.0, 3.0)


def test_depth_slider_changes_the_number_of_layers_drawn(panel):
    panel.controls["depth"].value = 30
    assert len(drawn(panel.init_line)[0]) == 30
    assert panel.heatmap.get_array().shape[0] == 29
    assert panel.ax_norms.get_xlim() == (0.5, 30.5)
    panel.controls["depth"].value = 2
    assert len(drawn(panel.init_line)[0]) == 2
    assert panel.heatmap.get_array().shape[0] == 1


def test_scale_slider_moves_tanh_from_collapse_to_saturation(panel):
    with panel.hold_updates():
        panel.controls["activation"].value = "tanh"
        panel.controls["initialisation"].value = "large normal"
    assert "saturated outputs" in panel.status_text
    saturated = panel.snapshot_init.saturated.mean()
    panel.controls["gain"].value = 0.1  # std 0.1
    assert panel.snapshot_init.saturated.mean() < saturated
    assert panel.snapshot_init.activation_std[-1] < 0.05


def test_training_draws_the_after_state_and_the_loss(panel):
    panel.train()
    x, y = drawn(panel.trained_line)
    assert len(x) == 10 and np.all(np.isfinite(y))
    losses = np.asarray(panel.loss_line.get_ydata(), dtype=float)
    assert len(losses) == 51
    assert panel.status_text.startswith("loss ")
    assert "after 50 steps" in panel.status_text and "vanishing" in panel.status_text
    assert "after 50 steps" in panel.hist_title.get_text()
    # a slider change goes back to the start and forgets the training
    panel.controls["width"].value = 16
    assert len(drawn(panel.trained_line)[0]) == 0
    assert panel.status_text.startswith("at initialisation")


def test_explosion_is_said_plainly_and_clipping_keeps_it_finite(panel):
    with panel.hold_updates():
        panel.controls["activation"].value = "relu"
        panel.controls["initialisation"].value = "large normal"
    assert "exploding" in panel.status_text
    panel.train()
    assert panel.status_text.startswith("the loss became inf/NaN at step ")
    assert "turn on clipping" in panel.status_text and panel.status_level == "bad"
    losses = np.asarray(panel.loss_line.get_ydata(), dtype=float)
    assert len(losses) >= 1 and np.all(np.isfinite(losses))
    assert "inf/NaN" in panel.loss_note.get_text()

    panel.controls["clip"].value = True
    panel.train()
    assert "inf/NaN" not in panel.status_text
    assert "clipping shortened" in panel.status_text
    losses = np.asarray(panel.loss_line.get_ydata(), dtype=float)
    assert len(losses) == 51 and np.all(np.isfinite(losses)) and losses[-1] < losses[0]


def test_relu_and_leaky_relu_report_dead_units(panel):
    with panel.hold_updates():
        panel.controls["activation"].value = "leaky_relu"
        panel.controls["initialisation"].value = "He/Kaiming"
    assert "dead units 0%" in panel.status_text


def test_fallback_text_names_the_controls(panel):
    data = panel.control_box()._repr_mimebundle_()
    text = data[0]["text/plain"] if isinstance(data, tuple) else data["text/plain"]
    assert "Run All" in text and "depth" in text and "train button" in text
    assert panel.status_text in text


def test_control_box_holds_every_control_the_button_and_the_status(panel):
    columns, status = panel.control_box().children
    shown = [w for column in columns.children for w in column.children]
    assert status is panel.status and panel.train_button in shown
    assert all(control in shown for control in panel.controls.values())


def test_rerun_closes_previous_figure(panel):
    before = len(plt.get_fignums())
    GradientFlowPanel()
    assert len(plt.get_fignums()) == before


def test_blitted_picture_equals_a_full_redraw(panel):
    # Several blitted updates, some over a saved background, some changing the axis limits.
    for name, value in [("gain", 0.8), ("gain", 1.3), ("activation", "tanh"), ("depth", 12),
                        ("gain", 1.0)]:
        panel.controls[name].value = value
    panel.controls["steps"].value = 10
    panel.train()
    blitted = np.asarray(panel.fig.canvas.buffer_rgba()).copy()
    panel.fig.canvas.draw()
    full = np.asarray(panel.fig.canvas.buffer_rgba())
    assert np.mean(np.any(blitted != full, axis=-1)) < 1e-3  # anti-aliasing at most


def test_a_blitted_move_shows_what_a_full_redraw_shows_legend_included(panel):
    """The legend is pasted as saved pixels on a blit: the picture must equal a full redraw,
    for a vanishing and an exploding network (the legend in its two corners) and after
    returning to a setting whose background was saved."""
    for name, value in [("gain", 1.41), ("initialisation", "He/Kaiming"), ("gain", 3.0),
                        ("initialisation", "small normal"), ("gain", 1.41)]:
        panel.controls[name].value = value
        blitted = np.asarray(panel.fig.canvas.buffer_rgba()).copy()
        panel.fig.canvas.draw()
        full = np.asarray(panel.fig.canvas.buffer_rgba())
        assert np.array_equal(blitted, full), f"after {name} = {value}"
    assert panel.legend.get_visible()
