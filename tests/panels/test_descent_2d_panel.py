"""The 2-D descent panel of notebook 02 driven without a kernel, clicks included."""
import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent

from helpers.objectives import QUADRATIC_BOWL_NAME, himmelblau, rosenbrock, three_wells
from helpers.panels.descent_2d import SUGGESTED_LR, Descent2DPanel
from helpers.step_size import stability_limit


@pytest.fixture
def panel():
    return Descent2DPanel()


def path_xy(panel):
    line = panel.path[0]
    return np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float)


def click(panel, x, y, ax=None):
    """Press the mouse at data point (x, y) of ``ax`` (default: the contour plot)."""
    ax = ax or panel.ax_contour
    panel.fig.canvas.draw()
    px, py = ax.transData.transform((x, y))
    event = MouseEvent("button_press_event", panel.fig.canvas, px, py, button=1)
    panel.fig.canvas.callbacks.process("button_press_event", event)


def test_first_draw_descends_the_bowl_and_states_the_limit(panel):
    bowl = panel.objective
    assert path_xy(panel)[0] == pytest.approx(bowl.default_start)
    assert len(path_xy(panel)) > 10
    assert f"2/λ_max = {stability_limit(bowl.lam_max):.3g}" in panel.status_text
    assert panel.status_text.startswith("start (")


def test_click_on_the_contour_sets_the_start(panel):
    click(panel, 2.5, -3.0)
    assert path_xy(panel)[0] == pytest.approx([2.5, -3.0], abs=1e-9)
    assert panel.status_text.startswith("start (2.50, -3.00)")


def test_click_elsewhere_changes_nothing(panel):
    before = path_xy(panel).copy()
    click(panel, 10.0, 0.5, ax=panel.ax_loss)
    np.testing.assert_array_equal(path_xy(panel), before)


def test_lr_beyond_two_over_lam_max_diverges(panel):
    panel.controls["lr"].value = 1.2 * stability_limit(panel.objective.lam_max)
    assert "diverged at step" in panel.status_text
    assert panel.status_level == "bad"
    assert np.all(np.isfinite(path_xy(panel)))
    assert np.all(np.isfinite(panel.loss_line.get_ydata()))


def test_kappa_and_rotation_reshape_the_bowl(panel):
    panel.controls["kappa"].value = 50.0
    panel.controls["angle"].value = 90
    bowl = panel.objective
    assert bowl.kappa == pytest.approx(50.0) and bowl.angle == 90
    assert "κ = 50" in panel.status_text
    ellipse = panel.level_lines.get_segments()[0]
    np.testing.assert_allclose(bowl.f(ellipse), bowl.f(ellipse)[0], rtol=1e-9)
    # Rotated by 90°, the long axis of every ellipse is vertical.
    assert np.ptp(ellipse[:, 1]) > 5 * np.ptp(ellipse[:, 0])


def test_zigzag_needs_more_steps_as_kappa_grows(panel):
    steps = {}
    panel.controls["steps"].value = 1000
    for kappa in (2.0, 20.0):
        panel.controls["kappa"].value = kappa
        panel.controls["lr"].value = 1.0 / kappa            # half the limit 2/λ_max
        assert panel.status_text.count("converged after") == 1
        steps[kappa] = len(path_xy(panel))
    assert steps[20.0] > 5 * steps[2.0]


@pytest.mark.parametrize("objective", [rosenbrock(), himmelblau(), three_wells()],
                         ids=["rosenbrock", "himmelblau", "wells"])
def test_function_menu_switches_contours_start_and_lr(panel, objective):
    panel.controls["function"].value = objective.name
    assert panel.controls["kappa"].disabled and panel.controls["angle"].disabled
    assert panel.controls["lr"].value == pytest.approx(SUGGESTED_LR[objective.name], rel=0.05)
    assert path_xy(panel)[0] == pytest.approx(objective.default_start)
    assert panel.level_lines.get_segments() == []
    assert len(panel.background) == 2
    np.testing.assert_allclose(panel.minima_marker.get_xdata(), np.array(objective.minima)[:, 0])
    panel.controls["function"].value = QUADRATIC_BOWL_NAME
    assert not panel.controls["kappa"].disabled
    assert panel.background == [] and len(panel.level_lines.get_segments()) > 5


def test_himmelblau_start_decides_the_minimum(panel):
    h = himmelblau()
    panel.controls["function"].value = h.name
    ends = set()
    for start in [(1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0)]:
        click(panel, *start)
        assert "converged after" in panel.status_text
        ends.add(tuple(np.round(path_xy(panel)[-1], 2)))
    assert ends == {tuple(np.round(m, 2)) for m in h.minima}


def test_steps_budget_and_message(panel):
    panel.controls["lr"].value = 0.001
    panel.controls["steps"].value = 5
    assert len(path_xy(panel)) == 6
    assert "still moving after 5 steps" in panel.status_text
    assert panel.status_level == "warn"
