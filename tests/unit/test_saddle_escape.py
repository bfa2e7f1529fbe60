"""The truths notebook 04 states about escaping saddles, checked against their formulas."""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers.descent import GradientDescent, Momentum, NoisyGradient, NoisyGradientDescent, run
from helpers.objectives import saddle, two_valleys
from helpers.saddle_escape import (escape_time_formula, first_escape_step, growth_factor,
                                   measure_escape_steps, momentum_growth_factor,
                                   noise_equivalent_offset, noisy_escape_time_median,
                                   offsets_along, plateau_span, saddle_geometry, saddle_run)

SADDLE = saddle()
ORIGIN, UP = np.zeros(2), np.array([0.0, 1.0])
EPS_DECADES = 10.0 ** -np.arange(1, 13)        # ε = 1e-1 … 1e-12


def escape_steps(eps, rule, obj=SADDLE, direction=UP, radius=1.0, max_steps=5_000):
    starts = np.stack([np.ones_like(eps), eps], axis=1)
    return measure_escape_steps(obj.grad, rule, starts, ORIGIN, direction, radius=radius,
                                max_steps=max_steps)


# --- exactly on the stable line -------------------------------------------------------------

@pytest.mark.parametrize("lr", [0.05, 0.1, 0.3, 0.45])
def test_started_on_the_stable_line_gd_converges_to_the_saddle(lr):
    traj = run(SADDLE.f, SADDLE.grad, [1.0, 0.0], lr=lr, steps=2_000, tol=1e-12)
    assert traj.outcome.kind == "converged"
    assert np.all(traj.points[:, 1] == 0.0)            # y never moves off 0
    assert np.linalg.norm(traj.final) < 1e-10
    assert traj.grad_norms[-1] < 1e-10
    # x shrinks by exactly (1 − 2η) each step.
    np.testing.assert_allclose(traj.points[1:11, 0], (1 - 2 * lr) ** np.arange(1, 11), rtol=1e-12)


def test_on_the_stable_line_of_two_valleys_gd_also_stops_at_the_saddle():
    obj = two_valleys()
    traj = run(obj.f, obj.grad, [0.0, 1.0], lr=0.1, steps=2_000, tol=1e-12)
    assert np.all(traj.points[:, 0] == 0.0)
    assert np.linalg.norm(traj.final) < 1e-10
    assert traj.losses[-1] == pytest.approx(0.25)       # the saddle's height, not a minimum's (0)


@settings(max_examples=60, deadline=None)
@given(log_eps=st.floats(-15, -0.5), lr=st.floats(0.01, 0.45))
def test_any_positive_offset_escapes_at_the_ceiling_of_the_formula(log_eps, lr):
    """y_k = (1 + 2η)^k ε, so the first k with |y_k| ≥ 1 is the ceiling of ln(1/ε)/ln(1 + 2η)."""
    eps = 10.0 ** log_eps
    measured = escape_steps(np.array([eps]), GradientDescent(lr))[0]
    predicted = float(escape_time_formula(eps, lr))
    assert measured > 0
    assert predicted - 1e-9 <= measured < predicted + 1 + 1e-9


@pytest.mark.parametrize("lr", [0.05, 0.1])
def test_escape_times_from_1e_1_to_1e_12_match_the_formula_within_5_percent(lr):
    measured = escape_steps(EPS_DECADES, GradientDescent(lr))
    predicted = escape_time_formula(EPS_DECADES, lr)
    assert np.all(np.abs(measured - predicted) / predicted < 0.05), (measured, predicted)
    # Escape time is linear in log(1/ε): each factor 10 costs ln 10 / ln(1 + 2η) steps more.
    slope = np.polyfit(np.log(1 / EPS_DECADES), measured, 1)[0]
    assert slope == pytest.approx(1 / math.log(1 + 2 * lr), rel=0.02)


def test_y_follows_the_geometric_law_exactly():
    lr, eps = 0.1, 1e-9
    traj = run(SADDLE.f, SADDLE.grad, [1.0, eps], lr=lr, steps=100, tol=0.0)
    k = np.arange(len(traj.points))
    np.testing.assert_allclose(traj.points[:, 1], (1 + 2 * lr) ** k * eps, rtol=1e-12)


def test_formula_edge_cases():
    assert escape_time_formula(0.0, 0.1) == np.inf
    assert escape_time_formula(1.0, 0.1) == 0.0
    assert growth_factor(0.1) == pytest.approx(1.2)
    with pytest.raises(ValueError, match="downhill"):
        escape_time_formula(1e-3, 0.1, curvature=2.0)


# --- the plateau ----------------------------------------------------------------------------

def test_plateau_span_finds_the_longest_stretch_below_the_threshold():
    g = np.array([5, 0.5, 0.4, 3, 0.1, 0.1, 0.1, 0.2, 4])
    assert plateau_span(g, 1.0) == (4, 7)
    assert plateau_span(g, 0.05) is None
    assert plateau_span(np.array([0.1, 0.1]), 1.0) == (0, 1)


def test_plateau_length_grows_like_log_one_over_eps():
    """Each factor 10 in ε adds ln 10 / ln(1 + 2η) iterations to the plateau."""
    lr, geometry = 0.1, saddle_geometry(SADDLE, ORIGIN)
    eps = 10.0 ** -np.arange(3, 13)
    lengths = []
    for e in eps:
        result = saddle_run(SADDLE, geometry, e, GradientDescent(lr), steps=400)
        lengths.append(result.plateau[1] - result.plateau[0])
    per_decade = np.diff(lengths)
    expected = math.log(10) / math.log(1 + 2 * lr)
    assert np.all(np.abs(per_decade - expected) <= 1)
    assert np.mean(per_decade) == pytest.approx(expected, rel=0.05)


# --- what the panel reports -----------------------------------------------------------------

def test_panel_run_reports_stuck_and_escaped_and_diverged():
    geometry = saddle_geometry(SADDLE, ORIGIN)
    stuck = saddle_run(SADDLE, geometry, 0.0, GradientDescent(0.1), steps=170)
    assert stuck.kind == "stuck" and stuck.escape_step is None
    assert stuck.message.startswith("stuck at the saddle: gradient norm ")
    g = 2 * 0.8 ** 170                                  # ‖∇J‖ = 2|x_k| = 2 (1 − 2η)^k
    assert stuck.grad_norms[-1] == pytest.approx(g, rel=1e-9)
    assert f"{g:.0e}" in stuck.message

    escaped = saddle_run(SADDLE, geometry, 1e-6, GradientDescent(0.1))
    k = math.ceil(escape_time_formula(1e-6, 0.1))
    assert escaped.kind == "escaped" and escaped.escape_step == k
    assert escaped.message.startswith(f"escaped after {k} steps")

    diverged = saddle_run(SADDLE, geometry, 0.0, GradientDescent(1.2))
    assert diverged.kind == "diverged" and "η = 1" in diverged.message


def test_panel_run_on_two_valleys_falls_to_the_side_it_was_nudged():
    obj = two_valleys()
    geometry = saddle_geometry(obj, ORIGIN)
    for sign in (1, -1):
        result = saddle_run(obj, geometry, sign * 1e-5, GradientDescent(0.2), steps=400, radius=0.5)
        assert result.kind == "escaped"
        np.testing.assert_allclose(result.final, [sign * 1.0, 0.0], atol=1e-6)
        assert f"minimum at ({sign}, 0)" in result.message


def test_bad_offset_is_refused_clearly():
    with pytest.raises(ValueError, match="finite"):
        saddle_run(SADDLE, saddle_geometry(SADDLE, ORIGIN), float("nan"), GradientDescent(0.1))
    with pytest.raises(ValueError, match="not a saddle"):
        saddle_geometry(two_valleys(), (1.0, 0.0))


def test_escape_helpers_on_hand_data():
    assert first_escape_step([0.1, -0.5, -1.0, 2.0]) == 2
    assert first_escape_step([0.1, 0.2]) is None
    np.testing.assert_allclose(offsets_along([[1.0, 2.0], [3.0, -1.0]], [1.0, 0.0], [0.0, 2.0]),
                               [2.0, -1.0])


# --- noise ----------------------------------------------------------------------------------

def test_noisy_rule_is_gradient_plus_seeded_gaussian_noise():
    rule = NoisyGradientDescent(lr=0.1, noise=0.5, seed=3)
    x, g = np.zeros((20_000, 2)), np.ones((20_000, 2))
    x_new, _ = rule.step(x, g, rule.init(x))
    noise = (x - x_new) / 0.1 - g
    assert np.mean(noise) == pytest.approx(0.0, abs=0.02)
    assert np.std(noise) == pytest.approx(0.5, rel=0.02)
    again, _ = rule.step(x, g, rule.init(x))
    assert np.array_equal(x_new, again)                  # same seed, same numbers


def test_zero_noise_is_plain_gradient_descent_bit_for_bit():
    a = run(SADDLE.f, SADDLE.grad, [1.0, 1e-6], rule=NoisyGradientDescent(0.1, 0.0), steps=60, tol=0)
    b = run(SADDLE.f, SADDLE.grad, [1.0, 1e-6], lr=0.1, steps=60, tol=0)
    assert np.array_equal(a.points, b.points)


def test_negative_noise_is_refused():
    with pytest.raises(ValueError, match="noise"):
        NoisyGradientDescent(0.1, -1.0)


def test_noise_escapes_from_exactly_zero_in_a_stable_number_of_steps():
    rule = NoisyGradientDescent(lr=0.1, noise=0.01, seed=0)
    first = escape_steps(np.array([0.0]), rule)[0]
    second = escape_steps(np.array([0.0]), rule)[0]
    assert first == second > 0
    assert escape_steps(np.array([0.0]), GradientDescent(0.1), max_steps=2_000)[0] == -1


def test_noise_acts_like_a_random_offset_of_the_predicted_size():
    """Median escape time over seeds ≈ formula with ε = 0.6745 ησ / √((1 + 2η)² − 1)."""
    lr, sigma = 0.1, 0.01
    steps = [escape_steps(np.array([0.0]), NoisyGradientDescent(lr, sigma, seed))[0]
             for seed in range(300)]
    assert min(steps) > 0
    assert np.median(steps) == pytest.approx(noisy_escape_time_median(lr, sigma), rel=0.05)
    assert noise_equivalent_offset(lr, sigma) == pytest.approx(lr * sigma / math.sqrt(1.2 ** 2 - 1))


# --- momentum -------------------------------------------------------------------------------

@pytest.mark.parametrize("beta", [0.3, 0.6, 0.9])
def test_momentum_grows_the_offset_by_the_larger_root(beta):
    lr = 0.1
    traj = run(SADDLE.f, SADDLE.grad, [1.0, 1e-12], rule=Momentum(lr, beta), steps=120, tol=0)
    ratios = traj.points[1:, 1] / traj.points[:-1, 1]
    r = momentum_growth_factor(lr, beta)
    assert ratios[-1] == pytest.approx(r, rel=1e-6)
    assert r > growth_factor(lr)


def test_momentum_escapes_faster_than_plain_gd():
    plain = escape_steps(EPS_DECADES, GradientDescent(0.1))
    heavy = escape_steps(EPS_DECADES, Momentum(0.1, 0.6))
    assert np.all(heavy < plain)
    # For small ε the escape time approaches ln(1/ε)/ln r, so the slope per decade is ln 10/ln r.
    slope = np.polyfit(np.log(1 / EPS_DECADES), heavy, 1)[0]
    assert slope == pytest.approx(1 / math.log(momentum_growth_factor(0.1, 0.6)), rel=0.03)


@pytest.mark.parametrize("rule", [GradientDescent(0.1), Momentum(0.1, 0.6),
                                  NoisyGradientDescent(0.1, 0.05, seed=2)], ids=repr)
def test_panel_path_is_the_runner_path(rule):
    """The lean loop the panel uses visits exactly the points descent.run visits."""
    geometry = saddle_geometry(SADDLE, ORIGIN)
    result = saddle_run(SADDLE, geometry, 1e-4, rule, steps=300)
    traj = run(SADDLE.f, SADDLE.grad, [1.0, 1e-4], rule=rule, steps=len(result.points) - 1, tol=0)
    np.testing.assert_array_equal(result.points, traj.points)
    np.testing.assert_allclose(result.losses, traj.losses, rtol=1e-15)
    np.testing.assert_allclose(result.grad_norms, traj.grad_norms, rtol=1e-15)
    assert result.left_at == len(result.points)           # it escaped and then left the picture


def test_noise_wraps_any_rule_and_zero_noise_changes_nothing():
    heavy = Momentum(0.1, 0.6)
    plain = run(SADDLE.f, SADDLE.grad, [1.0, 1e-6], rule=heavy, steps=50, tol=0)
    wrapped = run(SADDLE.f, SADDLE.grad, [1.0, 1e-6], rule=NoisyGradient(heavy, 0.0), steps=50, tol=0)
    assert np.array_equal(plain.points, wrapped.points)
    noisy = NoisyGradient(heavy, 0.01, seed=5)
    first = escape_steps(np.array([0.0]), noisy)[0]
    assert first == escape_steps(np.array([0.0]), noisy)[0] > 0
    # Noise with momentum escapes sooner than noise alone (same seed, same noise).
    assert first < escape_steps(np.array([0.0]), NoisyGradientDescent(0.1, 0.01, seed=5))[0]


def test_the_notebook_noise_experiment_matches_its_prediction():
    """Notebook 04: 200 seeds, σ = 0.01, η = 0.1; the median is within 5% of the prediction."""
    steps = [escape_steps(np.array([0.0]), NoisyGradientDescent(0.1, 0.01, seed))[0]
             for seed in range(200)]
    assert min(steps) > 0
    assert np.median(steps) == pytest.approx(noisy_escape_time_median(0.1, 0.01), rel=0.05)
