"""The saddle panel of notebook 04 driven without a kernel: every control changes what is drawn and said."""
import math

import numpy as np
import pytest

from helpers.descent import GradientDescent, Momentum, NoisyGradient
from helpers.objectives import saddle, two_valleys
from helpers.panels.saddle import SaddlePanel
from helpers.saddle_escape import escape_time_formula

SADDLE, VALLEYS = saddle().name, two_valleys().name


@pytest.fixture
def panel():
    return SaddlePanel()


def drawn_path(panel):
    return np.column_stack([panel.path.get_xdata(), panel.path.get_ydata()]).astype(float)


def test_first_draw_escapes_as_the_formula_says(panel):
    k = math.ceil(escape_time_formula(1e-6, 0.1))
    assert panel.status_text.startswith(f"escaped after {k} steps")
    assert panel.status_level == "good"
    path = drawn_path(panel)
    np.testing.assert_allclose(path[0], [1.0, 1e-6])
    assert abs(path[k, 1]) >= 1 > abs(path[k - 1, 1])
    assert panel.escape_lines[0].get_visible() and panel.escape_lines[0].get_xdata()[0] == k
    assert panel.loss_band.get_visible()
    first, last = panel.result.plateau
    assert panel.loss_band.get_x() == first and panel.loss_band.get_width() == last - first


def test_exactly_zero_is_stuck_and_says_the_gradient_norm(panel):
    panel.controls["exactly_zero"].value = True
    assert panel.status_text.startswith("stuck at the saddle: gradient norm ")
    assert panel.status_level == "warn"
    assert panel.controls["eps"].disabled
    path = drawn_path(panel)
    assert np.all(path[:, 1] == 0) and len(path) == 301
    g = 2 * 0.8 ** 300
    assert f"{g:.0e}" in panel.status_text
    assert not panel.escape_lines[0].get_visible()


def test_moving_eps_changes_the_escape_step(panel):
    steps = []
    for eps in (1e-2, 1e-6, 1e-10):
        panel.controls["eps"].value = eps
        steps.append(panel.result.escape_step)
        assert panel.result.escape_step == math.ceil(escape_time_formula(eps, 0.1))
    assert steps[0] < steps[1] < steps[2]


def test_noise_escapes_from_zero_and_the_seed_matters(panel):
    panel.controls["exactly_zero"].value = True
    assert not panel.controls["seed"].value and panel.controls["seed"].disabled
    panel.controls["noise"].value = 1e-3
    assert panel.status_text.startswith("escaped after")
    assert not panel.controls["seed"].disabled
    first = panel.result.escape_step
    panel.controls["seed"].value = 0            # unchanged seed: same numbers again
    panel.update()
    assert panel.result.escape_step == first
    assert isinstance(panel.rule(), NoisyGradient)
    paths = set()
    for seed in range(4):
        panel.controls["seed"].value = seed
        paths.add(tuple(drawn_path(panel)[5]))
    assert len(paths) == 4


def test_momentum_escapes_sooner(panel):
    plain = panel.result.escape_step
    panel.controls["beta"].value = 0.6
    assert isinstance(panel.rule(), Momentum)
    assert panel.result.escape_step < plain
    panel.controls["beta"].value = 0.0
    assert isinstance(panel.rule(), GradientDescent)


def test_too_large_a_step_diverges_with_a_message_and_finite_drawing(panel):
    panel.controls["exactly_zero"].value = True
    panel.controls["lr"].value = 1.5
    assert panel.status_text.startswith("diverged: the path left the picture at step")
    assert panel.status_level == "bad"
    assert np.all(np.isfinite(drawn_path(panel)))
    assert np.all(np.isfinite(panel.loss_line.get_ydata()))


def test_two_valleys_falls_to_the_nudged_side_and_redraws_the_map(panel):
    old_background = list(panel._map_static)
    panel.controls["function"].value = VALLEYS
    assert "(x² − 1)²/4 + y²/2" in panel.ax_map.get_title()
    assert all(a not in panel.ax_map.get_children() for a in old_background[:2])
    assert "settled in the minimum at (1, 0)" in panel.status_text
    np.testing.assert_allclose(drawn_path(panel)[0], [1e-6, 1.0])
    panel.controls["exactly_zero"].value = True
    assert panel.status_text.startswith("stuck at the saddle")


def test_linear_theory_is_shown_only_when_it_applies(panel):
    assert "linear theory" in panel.status_text
    panel.controls["noise"].value = 1e-4
    assert "linear theory" not in panel.status_text


def test_fallback_text_names_the_controls(panel):
    data = panel.control_box()._repr_mimebundle_()
    text = data[0]["text/plain"] if isinstance(data, tuple) else data["text/plain"]
    assert "Run All" in text and "ε" in text and panel.status_text in text


def test_rerun_closes_previous_figure(panel):
    import matplotlib.pyplot as plt
    old = panel.fig
    new = SaddlePanel()
    open_figures = [plt.figure(n) for n in plt.get_fignums()]
    assert new.fig in open_figures and old not in open_figures


@pytest.mark.parametrize("moves", [
    [("eps", 1e-9)],
    [("exactly_zero", True)],
    [("exactly_zero", True), ("noise", 1e-3), ("beta", 0.5)],
    [("function", VALLEYS), ("eps", 1e-3)],
    [("lr", 1.5)],
], ids=lambda moves: "+".join(name for name, _ in moves))
def test_blitted_picture_equals_a_full_redraw(panel, moves):
    """The fast path (saved background + moving artists) draws exactly what a full redraw draws."""
    for name, value in moves:
        panel.controls[name].value = value
    blitted = np.asarray(panel.fig.canvas.buffer_rgba()).copy()
    panel.fig.canvas.draw()
    full = np.asarray(panel.fig.canvas.buffer_rgba())
    assert np.array_equal(blitted, full)


def test_iteration_axis_fits_the_run_not_the_whole_budget(panel):
    from helpers.panels.saddle import _iteration_limit

    assert panel.result.escape_step < 100 and panel.ax_loss.get_xlim() == (0, 100)
    panel.controls["eps"].value = 1e-12                    # 152 steps: the axis grows
    assert panel.ax_loss.get_xlim() == (0, 200)
    panel.controls["exactly_zero"].value = True            # stuck: the whole budget
    assert panel.ax_loss.get_xlim() == (0, panel.controls["steps"].value)
    assert _iteration_limit(10, 300) == 50 and _iteration_limit(950, 300) == 300 and _iteration_limit(999, 1000) == 1000
