"""The step-size theory of notebook 03, checked numerically against its formulas."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers.descent import run
from helpers.objectives import himmelblau, quadratic_bowl, rosenbrock, three_wells
from helpers.step_size import (
    DIVERGED, UNSETTLED, basin_map, best_measured_step, cliff_bracket, contraction_rate,
    fit_exponent, gradient_tangent_cosines, heavy_ball_rate, iterates_1d, iterations_to_tolerance,
    level_set_tangents, lr_sweep, measured_cliff, measured_rate, momentum_rate,
    optimal_rate, optimal_step, refine_cliff, regime_1d, stability_limit, tuned_momentum,
)

# ---------------------------------------------------------------- a x²/2


def _descend_1d(a, lr, x0=1.0, steps=30):
    traj = run(lambda x: 0.5 * a * float(x @ x), lambda x: a * x, np.array([x0]),
               lr=lr, steps=steps, tol=0)
    return traj.points[:, 0]


@pytest.mark.parametrize("a", [0.5, 2.0, 7.0])
def test_regimes_switch_at_one_over_a_and_two_over_a(a):
    eps = 1e-3
    assert regime_1d((1 - eps) / a, a).kind == "monotone"
    assert regime_1d(1 / a, a).kind == "one step"
    assert regime_1d((1 + eps) / a, a).kind == "oscillating"
    assert regime_1d((2 - eps) / a, a).kind == "oscillating"
    assert regime_1d(2 / a, a).kind == "bouncing"
    assert regime_1d((2 + eps) / a, a).kind == "diverging"


@settings(max_examples=60, deadline=None)
@given(a=st.floats(0.1, 20.0), eta_a=st.floats(0.01, 3.0))
def test_each_named_regime_is_what_descent_actually_does(a, eta_a):
    lr = eta_a / a
    regime = regime_1d(lr, a)
    xs = _descend_1d(a, lr, steps=12)
    assert regime.factor == pytest.approx(1 - eta_a, abs=1e-12)
    np.testing.assert_allclose(xs, iterates_1d(1.0, lr, a, 12), rtol=1e-9, atol=1e-300)
    sizes, signs = np.abs(xs), np.sign(xs)
    if regime.kind == "monotone":
        assert np.all(signs > 0) and np.all(np.diff(sizes) < 0)
    elif regime.kind == "oscillating":
        assert np.all(signs[1:] * signs[:-1] < 0) and np.all(np.diff(sizes) < 0)
    elif regime.kind == "bouncing":
        np.testing.assert_allclose(sizes, 1.0, rtol=1e-6)
    elif regime.kind == "diverging":
        assert np.all(signs[1:] * signs[:-1] < 0) and np.all(np.diff(sizes) > 0)
    assert regime.converges == (abs(1 - eta_a) < 1)


def test_regime_message_shows_the_factor():
    assert "×0.6" in regime_1d(0.2, 2.0).message
    assert "grows ×1.4" in regime_1d(1.2, 2.0).message


@pytest.mark.parametrize("lr", [0.0, -0.5, float("nan"), float("inf")])
def test_bad_learning_rates_get_a_clear_message(lr):
    with pytest.raises(ValueError, match="learning rate"):
        regime_1d(lr, 2.0)


# ---------------------------------------------------------------- quadratic bowls


bowls = st.builds(lambda lam, kappa, angle: quadratic_bowl(lam, lam * kappa, angle),
                  st.floats(0.2, 5.0), st.floats(2.0, 60.0), st.floats(-90.0, 90.0))


@settings(max_examples=15, deadline=None)
@given(bowl=bowls)
def test_converges_iff_lr_below_two_over_lam_max(bowl):
    limit = stability_limit(bowl.lam_max)
    for factor, converges in [(0.97, True), (1.03, False)]:
        traj = run(bowl.f, bowl.grad, bowl.default_start, lr=factor * limit, steps=3000, tol=1e-8)
        assert (traj.outcome.kind == "converged") == converges


@settings(max_examples=10, deadline=None)
@given(bowl=bowls)
def test_measured_cliff_within_one_percent_of_two_over_lam_max(bowl):
    limit = stability_limit(bowl.lam_max)
    sweep = lr_sweep(bowl, bowl.default_start, np.geomspace(1e-3, 10, 300) * limit, steps=300)
    low, high = cliff_bracket(sweep)
    assert low < limit * 1.01 and high > limit * 0.99
    assert refine_cliff(bowl, bowl.default_start, sweep) == pytest.approx(limit, rel=0.01)


def test_sweep_marks_diverged_runs_as_infinite_loss():
    bowl = quadratic_bowl(1.0, 10.0, 30.0)
    sweep = lr_sweep(bowl, bowl.default_start, [0.01, 0.1, 0.5, 5.0], steps=200)
    assert np.all(np.isfinite(sweep.final_loss[:2])) and np.isinf(sweep.final_loss[-1])
    assert list(sweep.blew_up) == [False, False, True, True]
    assert measured_cliff(sweep) == pytest.approx(np.sqrt(0.1 * 0.5))


def test_sweep_that_never_crosses_says_so():
    bowl = quadratic_bowl(1.0, 10.0, 0.0)
    sweep = lr_sweep(bowl, bowl.default_start, [0.01, 0.02], steps=50)
    with pytest.raises(ValueError, match="does not cross"):
        cliff_bracket(sweep)


@pytest.mark.parametrize("kappa, angle", [(4.0, 0.0), (10.0, 30.0), (50.0, -70.0)])
def test_best_fixed_step_and_its_rate_match_the_formulas(kappa, angle):
    bowl = quadratic_bowl(1.0, kappa, angle)
    eta_star = optimal_step(1.0, kappa)
    lrs = np.linspace(0.5, 1.5, 201) * eta_star
    steps = int(min(1000, 20 * kappa))
    best_lr, best_rate = best_measured_step(bowl, bowl.default_start, lrs, steps=steps)
    assert best_lr == pytest.approx(eta_star, rel=0.01)
    assert best_rate == pytest.approx(optimal_rate(kappa), rel=0.01)
    assert contraction_rate(eta_star, bowl.eigenvalues) == pytest.approx(optimal_rate(kappa))


@settings(max_examples=20, deadline=None)
@given(bowl=bowls, share=st.floats(0.1, 1.9))
def test_measured_rate_of_any_stable_step_is_max_of_one_minus_eta_lambda(bowl, share):
    lr = share / bowl.lam_max
    expected = contraction_rate(lr, bowl.eigenvalues)
    steps = int(np.clip(np.log(1e-100) / np.log(expected), 50, 4000))
    traj = run(bowl.f, bowl.grad, bowl.default_start, lr=lr, steps=steps, tol=0)
    assert measured_rate(traj.points, (0.0, 0.0)) == pytest.approx(expected, rel=0.01)


def test_iterations_grow_like_kappa_for_descent_and_sqrt_kappa_for_momentum():
    kappas = np.geomspace(10, 1000, 7)
    plain = iterations_to_tolerance(kappas)
    heavy = iterations_to_tolerance(kappas, momentum=True)
    assert np.all(plain > 0) and np.all(heavy > 0)
    assert fit_exponent(kappas, plain) == pytest.approx(1.0, abs=0.1)
    assert fit_exponent(kappas, heavy) == pytest.approx(0.5, abs=0.1)
    # Each count agrees with the contraction rate: ⌈ln tol / ln r⌉ for plain descent.
    expected = np.ceil(np.log(1e-6) / np.log(optimal_rate(kappas)))
    np.testing.assert_allclose(plain, expected, atol=1)


def test_tuned_momentum_contracts_like_sqrt_kappa_rate():
    kappa = 100.0
    lr, beta = tuned_momentum(1.0, kappa)
    assert beta == pytest.approx(momentum_rate(kappa) ** 2)
    from helpers.descent import Momentum
    bowl = quadratic_bowl(1.0, kappa, 20.0)
    traj = run(bowl.f, bowl.grad, bowl.default_start, rule=Momentum(lr, beta), steps=600, tol=0)
    # The double root makes the error ∝ k r^k, so allow a few percent over long runs.
    assert measured_rate(traj.points, (0.0, 0.0)) == pytest.approx(momentum_rate(kappa), rel=0.02)
    assert measured_rate(traj.points, (0.0, 0.0)) < optimal_rate(kappa)


def test_fit_exponent_recovers_a_power_law():
    xs = np.array([1.0, 2.0, 5.0, 10.0])
    assert fit_exponent(xs, 3 * xs ** 1.7) == pytest.approx(1.7)


# ---------------------------------------------------------------- basins


def test_himmelblau_basin_map_matches_single_runs_and_splits_four_ways():
    h = himmelblau()
    basins = basin_map(h, lr=0.01, n=40, steps=300)
    shares = basins.fractions()
    assert sorted(shares) == [0, 1, 2, 3]
    assert all(0.15 < s < 0.35 for s in shares.values())
    rng = np.random.default_rng(0)
    for i, j in rng.integers(0, 40, size=(12, 2)):
        start = (basins.xs[j], basins.ys[i])
        final = run(h.f, h.grad, start, lr=0.01, steps=300, tol=1e-9).final
        nearest = int(np.argmin(np.linalg.norm(basins.minima - final, axis=1)))
        assert basins.labels[i, j] == nearest


def test_too_large_a_step_leaves_starts_unsettled_or_diverged():
    h = himmelblau()
    labels = basin_map(h, lr=0.03, n=40, steps=300).labels
    assert np.mean(labels < 0) > 0.5
    summary = basin_map(h, lr=0.03, n=40, steps=300).summary()
    assert "diverged" in summary and "never settled" in summary and "%" in summary
    assert DIVERGED in labels and UNSETTLED in labels


def test_basin_map_of_three_wells_reaches_each_well():
    shares = basin_map(three_wells(), lr=0.3, n=50).fractions()
    assert sorted(shares) == [0, 1, 2]


def test_basin_map_refuses_a_bad_learning_rate():
    with pytest.raises(ValueError, match="learning rate"):
        basin_map(himmelblau(), lr=-0.1, n=5)


# ---------------------------------------------------------------- ∇J ⟂ level set


@pytest.mark.parametrize("obj", [quadratic_bowl(1, 20, 35), rosenbrock(), himmelblau(),
                                 three_wells()], ids=["bowl", "rosenbrock", "himmelblau", "wells"])
def test_gradient_is_perpendicular_to_the_level_set(obj):
    rng = np.random.default_rng(1)
    points = np.stack([rng.uniform(*obj.x_range, 60), rng.uniform(*obj.y_range, 60)], axis=1)
    points = points[np.linalg.norm(obj.grad(points), axis=1) > 1e-2]
    assert len(points) > 30
    assert np.max(gradient_tangent_cosines(obj, points)) < 1e-4


def test_tangent_check_can_fail():
    # A deliberately wrong "gradient" (rotated by 30°) must be caught.
    bowl = quadratic_bowl(1, 5, 0)
    p = np.array([[1.0, 1.0]])
    t = level_set_tangents(bowl.f, p)
    c, s = np.cos(np.pi / 6), np.sin(np.pi / 6)
    wrong = bowl.grad(p) @ np.array([[c, s], [-s, c]])
    cos = abs(float(np.sum(wrong * t))) / np.linalg.norm(wrong)
    assert cos > 0.4


@settings(max_examples=30, deadline=None)
@given(eta_lam=st.floats(0.01, 4.5), beta=st.floats(0.0, 0.95))
def test_heavy_ball_rate_matches_a_run_and_its_stability_limit(eta_lam, beta):
    from helpers.descent import Momentum
    lam = 2.0
    lr = eta_lam / lam
    rate = float(heavy_ball_rate(lr, beta, lam))
    assert (rate < 1) == (eta_lam < 2 * (1 + beta)) or abs(eta_lam - 2 * (1 + beta)) < 1e-6
    if beta == 0:
        assert rate == pytest.approx(abs(1 - eta_lam))
    b = 1 + beta - eta_lam
    real_roots = b * b > 1.2 * 4 * beta    # complex roots make |e_k| swing; near-double roots add k r^k
    if real_roots and 0.05 < rate < 0.995:
        steps = int(min(4000, np.log(1e-60) / np.log(rate)))
        traj = run(lambda x: 0.5 * lam * float(x @ x), lambda x: lam * x, np.array([1.0]),
                   rule=Momentum(lr, beta), steps=steps, tol=0)
        assert measured_rate(traj.points, (0.0,)) == pytest.approx(rate, rel=0.02)


def test_tuned_heavy_ball_rate_is_sqrt_beta_on_both_ends():
    lr, beta = tuned_momentum(1.0, 50.0)
    np.testing.assert_allclose(heavy_ball_rate(lr, beta, [1.0, 50.0]), np.sqrt(beta), rtol=1e-6)


@pytest.mark.parametrize("lr", [0.01, 0.02, 0.03])
def test_default_basin_budget_is_long_enough(lr):
    # Doubling the step budget must not change a single label: 150 steps suffice.
    h = himmelblau()
    short = basin_map(h, lr=lr, n=60).labels
    np.testing.assert_array_equal(short, basin_map(h, lr=lr, n=60, steps=300).labels)


def test_default_basin_budget_three_wells():
    w = three_wells()
    np.testing.assert_array_equal(basin_map(w, lr=0.3, n=60).labels,
                                  basin_map(w, lr=0.3, n=60, steps=300).labels)


def test_local_stability_limits_of_rosenbrock_as_notebook_02_prints_them():
    from helpers.objectives import rosenbrock
    from helpers.step_size import local_stability_limit
    banana = rosenbrock()
    at_start = local_stability_limit(banana, banana.default_start)
    at_minimum = local_stability_limit(banana, (1.0, 1.0))
    # Hessian at (x, y): [[2 − 400(y − x²) + 800x², −400x], [−400x, 200]]
    x, y = banana.default_start
    hessian = np.array([[2 - 400 * (y - x * x) + 800 * x * x, -400 * x], [-400 * x, 200.0]])
    assert at_start == pytest.approx(2 / np.linalg.eigvalsh(hessian)[-1], rel=1e-12)
    assert round(at_start, 5) == 0.00096 and round(at_minimum, 5) == 0.00200
    assert at_start < 0.0015 < at_minimum  # the notebook's step: unstable at the start only
    kappa = np.divide(*np.linalg.eigvalsh(banana.hessian(np.array([1.0, 1.0])))[::-1])
    assert 2400 < kappa < 2600


def test_rosenbrock_run_bounces_first_as_notebook_02_says():
    from helpers.objectives import rosenbrock
    banana = rosenbrock()
    trip = run(banana.f, banana.grad, banana.default_start, lr=0.0015, steps=200)
    assert trip.losses[0] == pytest.approx(12.5)
    assert int(np.argmax(trip.losses[:100])) == 5 and 240 < trip.losses[5] < 250


@pytest.mark.parametrize("kappa", [1.0, 10.0, 50.0])
def test_ellipse_axis_ratio_is_the_square_root_of_kappa(kappa):
    from helpers.objectives import quadratic_bowl
    from helpers.step_size import ellipse_axis_ratio
    bowl = quadratic_bowl(1.0, kappa, 30.0)
    assert ellipse_axis_ratio(bowl.matrix) == pytest.approx(np.sqrt(kappa), rel=1e-4)


def test_himmelblau_pairs_of_starts_002_apart_end_in_different_minima():
    from helpers.objectives import himmelblau
    hills = himmelblau()
    basins = basin_map(hills, lr=0.01, n=20, steps=150)
    pairs = [((-0.04, 2.0), (-0.02, 2.0)), ((-2.0, -0.25), (-2.0, -0.23)),
             ((2.0, -0.16), (2.0, -0.14)), ((-0.14, -2.0), (-0.12, -2.0))]
    for a, b in pairs:
        ends = [basins.nearest_minimum(run(hills.f, hills.grad, s, lr=0.01, steps=300).points[-1]) for s in (a, b)]
        assert ends[0] != ends[1]
        for start, end in zip((a, b), ends):
            final = run(hills.f, hills.grad, start, lr=0.01, steps=300).points[-1]
            assert np.linalg.norm(final - hills.minima[end]) < 1e-3  # settled, far from any border


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
def test_measured_momentum_cliff_is_2_1_plus_beta_over_lambda(beta):
    from helpers.step_size import measured_momentum_cliff
    lam = 100.0
    theory = 2 * (1 + beta) / lam
    lrs = np.linspace(0.5 * theory, 1.5 * theory, 2001)
    assert measured_momentum_cliff(lam, beta, lrs) == pytest.approx(theory, rel=0.01)


def test_untuned_momentum_rate_is_root_beta_when_both_roots_are_complex():
    # notebook 03: β = 0.9, η = 0.004 on the κ = 50 valley: rate √0.9 = 0.949 in both directions
    rates = heavy_ball_rate(0.004, 0.9, np.array([1.0, 50.0]))
    np.testing.assert_allclose(rates, np.sqrt(0.9), rtol=1e-12)


def test_measured_momentum_cliff_rejects_bad_arguments():
    from helpers.step_size import measured_momentum_cliff
    with pytest.raises(ValueError, match="beta"):
        measured_momentum_cliff(1.0, 1.0, [0.1])
    with pytest.raises(ValueError, match="lam"):
        measured_momentum_cliff(-1.0, 0.5, [0.1])


def test_notebook_03_sweep_slow_end_and_best_step_ratio():
    bowl = quadratic_bowl(1.0, 10.0, 30.0)
    lrs = np.geomspace(1e-3, 1.0, 300)
    sweep = lr_sweep(bowl, bowl.default_start, lrs, steps=300)
    fold = sweep.start_loss / sweep.final_loss[0]
    assert 8.5 < fold < 9.2  # "about ninefold", printed as 8.8
    assert optimal_step(bowl.lam_min, bowl.lam_max) / stability_limit(bowl.lam_max) == pytest.approx(
        bowl.kappa / (bowl.kappa + 1))


def test_himmelblau_borders_run_through_the_saddles_and_meet_at_the_maximum():
    """02 §7: the two sides of each saddle reach two different minima (2|3, 3|4, 1|2, 1|4 in x
    order); 360 starts 0.02 around the maximum reach all four minima, 4, 1, 179 and 176 of them."""
    from helpers.critical_points import critical_points_on_grid
    from helpers.descent import run_batch
    hills = himmelblau()
    basins = basin_map(hills, lr=0.01, n=20, steps=150)
    found = critical_points_on_grid(hills)
    pairs = []
    for c in [c for c in found if c.kind == "saddle"]:
        ends = [run(hills.f, hills.grad, c.point + s * c.unstable_directions[0], lr=0.01, steps=2000).final
                for s in (0.05, -0.05)]
        for end in ends:   # settled at a minimum, so the label is not a border case
            assert np.linalg.norm(end - hills.minima[basins.nearest_minimum(end)]) < 1e-4
        pairs.append(sorted(basins.nearest_minimum(p) + 1 for p in ends))
    assert pairs == [[2, 3], [3, 4], [1, 2], [1, 4]]
    peak = found[-1].point
    t = np.deg2rad(np.arange(360))
    around = run_batch(hills.f, hills.grad, peak + 0.02 * np.stack([np.cos(t), np.sin(t)], axis=1),
                       lr=0.01, steps=3000, tol=0).final
    labels = [basins.nearest_minimum(p) for p in around]
    assert np.bincount(labels, minlength=4).tolist() == [4, 1, 179, 176]
    assert max(np.linalg.norm(p - hills.minima[k]) for p, k in zip(around, labels)) < 1e-6


def test_rosenbrock_first_steps_within_1_01_001_as_notebook_02_states():
    banana = rosenbrock()
    trip = run(banana.f, banana.grad, banana.default_start, lr=0.0015, steps=8000, tol=1e-10)
    distance = np.linalg.norm(trip.points - np.array([1.0, 1.0]), axis=1)
    assert [int(np.argmax(distance < r)) for r in (1.0, 0.1, 0.01)] == [894, 3932, 7694]
