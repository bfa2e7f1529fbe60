"""The two panels of notebook 03 driven without a kernel."""
import numpy as np
import pytest

from helpers.panels.step_size import RegimePanel, ValleyPanel
from helpers.step_size import heavy_ball_rate, regime_1d, stability_limit, tuned_momentum


@pytest.fixture
def regime():
    return RegimePanel(lr=0.3, a=2.0, steps=12)


@pytest.fixture
def valley():
    return ValleyPanel(kappa=20.0, angle=30.0, lr=0.09, beta=0.0, steps=80)


@pytest.mark.parametrize("lr, kind, level", [
    (0.3, "monotone", "good"), (0.5, "one step", "good"), (0.8, "oscillating", "warn"),
    (1.0, "bouncing", "warn"), (1.1, "diverging", "bad")])
def test_regime_panel_names_the_regime(regime, lr, kind, level):
    regime.controls["lr"].value = lr
    expected = regime_1d(lr, 2.0)
    assert expected.kind == kind
    assert expected.message in regime.status_text
    assert regime.status_level == level
    assert f"|1 − ηa| = {abs(1 - 2.0 * lr):.3g}" in regime.status_text


def test_regime_panel_draws_the_closed_form(regime):
    regime.controls["lr"].value = 0.8
    xs = np.asarray(regime.xk_line.get_ydata(), dtype=float)
    np.testing.assert_allclose(xs, 2.0 * (1 - 0.8 * 2.0) ** np.arange(13))
    assert regime.factor_marker.get_ydata()[0] == pytest.approx(0.6)


def test_regime_boundaries_follow_the_curvature(regime):
    regime.controls["a"].value = 4.0
    assert regime.one_over_a.get_xdata()[0] == pytest.approx(0.25)
    assert regime.two_over_a.get_xdata()[0] == pytest.approx(0.5)
    assert regime.bands["oscillating"].get_x() == pytest.approx(0.25)
    assert regime.bands["oscillating"].get_width() == pytest.approx(0.25)
    assert "2/a = 0.5" in regime.status_text
    regime.controls["lr"].value = 0.6
    assert regime.status_text.split("→ ")[1].startswith("diverging")
    assert "leaves the plot" in regime.status_text
    assert np.all(np.isfinite(regime.xk_line.get_ydata()))


def test_valley_panel_reports_the_limit_and_the_pace(valley):
    assert "below 2/λ_max = 0.1" in valley.status_text
    assert "the slow direction sets the pace" in valley.status_text
    slow = np.asarray(valley.slow_line.get_ydata())
    fast = np.asarray(valley.fast_line.get_ydata())
    assert slow[-1] > 100 * fast[-1]          # the fast direction is long gone, the slow one lingers


def test_valley_panel_diverges_past_two_over_lam_max(valley):
    valley.controls["lr"].value = 1.05 * stability_limit(20.0)
    assert valley.status_text.startswith("diverges") or valley.status_text.startswith("diverged")
    assert valley.status_level == "bad"
    fast = np.asarray(valley.fast_line.get_ydata())
    assert fast[-1] > fast[1]
    assert np.all(np.isfinite(valley.path[0].get_xdata()))


def test_valley_eigen_arrows_turn_with_the_rotation(valley):
    valley.controls["angle"].value = 90
    slow_arrow = valley.directions[0]
    assert abs(slow_arrow.xy[0]) < 1e-9 and slow_arrow.xy[1] > 1      # vertical slow axis
    ellipse = valley.level_lines.get_segments()[3]
    assert np.ptp(ellipse[:, 1]) > 3 * np.ptp(ellipse[:, 0])


def test_momentum_straightens_the_zigzag_and_moves_the_cliff(valley):
    valley.controls["steps"].value = 300
    plain_steps = len(valley.path[0].get_xdata())
    lr, beta = tuned_momentum(1.0, 20.0)
    with valley.hold_updates():
        valley.controls["lr"].value = lr
        valley.controls["beta"].value = round(beta / 0.05) * 0.05
    assert "converged after" in valley.status_text
    assert len(valley.path[0].get_xdata()) < plain_steps / 2
    # With β the cliff is 2(1 + β)/λ_max: a step past 2/λ_max still converges.
    valley.controls["lr"].value = 0.12
    rate = heavy_ball_rate(0.12, valley.controls["beta"].value, 20.0)
    assert rate < 1
    assert "2(1 + β)/λ_max" in valley.status_text and valley.status_level != "bad"


def test_regime_panel_legend_names_every_regime_including_bouncing(regime):
    legend = regime.fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [
        "monotone (η < 1/a)", "oscillating, converging", "diverging (η > 2/a)",
        "η = 1/a: one step", "η = 2/a: bouncing"]


@pytest.mark.parametrize("a", [1.0, 2.0, 3.0, 4.0])
def test_regime_panel_boundary_labels_never_touch_the_curve_or_each_other(regime, a):
    regime.controls["a"].value = a
    regime.fig.canvas.draw()
    renderer = regime.fig.canvas.get_renderer()
    curve = regime.factor_curve
    etas = np.linspace(0, 2.5, 2001)
    on_screen = curve.axes.transData.transform(np.column_stack([etas, np.abs(1 - a * etas)]))
    boxes = [label.get_window_extent(renderer) for label in regime.boundary_labels]
    for box in boxes:
        inside = ((on_screen[:, 0] > box.x0) & (on_screen[:, 0] < box.x1)
                  & (on_screen[:, 1] > box.y0) & (on_screen[:, 1] < box.y1))
        assert not inside.any()
    assert not boxes[0].overlaps(boxes[1])
