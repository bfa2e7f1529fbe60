"""Classifying critical points from the Hessian, and the random-matrix experiment."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers.critical_points import (POSITIVE_DEFINITE_2X2, analyse_point, classify_eigenvalues,
                                     classify_hessian, definiteness_fractions,
                                     newton_critical_point, random_symmetric_matrices)
from helpers.objectives import monkey_saddle, saddle, two_valleys


@pytest.mark.parametrize("eigenvalues, kind", [
    ([1.0, 3.0], "minimum"),
    ([-1.0, -0.5], "maximum"),
    ([-2.0, 2.0], "saddle"),
    ([-1.0, 0.0, 1.0], "saddle"),        # a sign change decides even with a zero
    ([0.0, 0.0], "degenerate"),
    ([0.0, 2.0], "degenerate"),
    ([-1.0, 1e-14], "degenerate"),
    ([5.0], "minimum"),
])
def test_classify_eigenvalues(eigenvalues, kind):
    assert classify_eigenvalues(eigenvalues) == kind


@settings(max_examples=80, deadline=None)
@given(signs=st.lists(st.sampled_from([-1.0, 1.0]), min_size=1, max_size=6),
       scale=st.floats(0.1, 10.0), seed=st.integers(0, 10_000))
def test_classification_sees_through_a_rotation(signs, scale, seed):
    """A rotated diagonal matrix Q D Qᵀ is classified by the signs in D alone."""
    d = len(signs)
    q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((d, d)))
    magnitudes = scale * np.linspace(1, 2, d)
    h = q @ np.diag(np.array(signs) * magnitudes) @ q.T
    h = (h + h.T) / 2
    expected = ("minimum" if min(signs) > 0 else "maximum" if max(signs) < 0 else "saddle")
    assert classify_hessian(h) == expected


@pytest.mark.parametrize("bad, words", [
    (np.ones((2, 3)), "square"),
    (np.array([[1.0, 2.0], [0.0, 1.0]]), "symmetric"),
    (np.array([[np.nan, 0.0], [0.0, 1.0]]), "not finite"),
])
def test_bad_hessians_get_a_clear_message(bad, words):
    with pytest.raises(ValueError, match=words):
        classify_hessian(bad)


def test_zero_gradient_with_a_negative_eigenvalue_is_not_a_minimum():
    info = analyse_point(saddle(), (0.0, 0.0))
    assert info.grad_norm == 0.0
    assert info.value == 0.0
    np.testing.assert_array_equal(info.eigenvalues, [-2.0, 2.0])
    assert info.eigenvalues.min() < 0
    assert info.kind == "saddle"
    np.testing.assert_allclose(np.abs(info.unstable_directions), [[0.0, 1.0]])
    np.testing.assert_allclose(np.abs(info.stable_directions), [[1.0, 0.0]])
    # Along the unstable direction J really goes down on both sides.
    for t in (1e-3, -1e-3):
        assert saddle().f(np.array([0.0, t])) < info.value


def test_monkey_saddle_is_degenerate_yet_not_a_minimum():
    info = analyse_point(monkey_saddle(), (0.0, 0.0))
    assert info.grad_norm == 0.0 and info.kind == "degenerate"
    np.testing.assert_array_equal(np.abs(info.eigenvalues), [0.0, 0.0])
    # Third-order terms decide: J < 0 just beside it along three directions, J > 0 along three others.
    angles = np.deg2rad(np.arange(0, 360, 60))
    values = monkey_saddle().f(1e-2 * np.stack([np.cos(angles), np.sin(angles)], axis=1))
    np.testing.assert_array_equal(np.sign(values), [1, -1, 1, -1, 1, -1])


def test_two_valleys_saddle_sits_between_two_minima():
    obj = two_valleys()
    centre = analyse_point(obj, (0.0, 0.0))
    assert centre.kind == "saddle"
    np.testing.assert_array_equal(centre.eigenvalues, [-1.0, 1.0])
    for m in obj.minima:
        info = analyse_point(obj, m)
        assert info.kind == "minimum" and info.grad_norm == 0.0
        np.testing.assert_allclose(info.eigenvalues, [1.0, 2.0])


@pytest.mark.parametrize("guess, expected", [((0.2, -0.3), (0.0, 0.0)), ((0.8, 0.1), (1.0, 0.0)),
                                             ((-1.3, 0.2), (-1.0, 0.0))])
def test_newton_finds_the_nearby_critical_point_of_any_kind(guess, expected):
    p = newton_critical_point(two_valleys(), guess)
    np.testing.assert_allclose(p, expected, atol=1e-12)


def test_newton_reports_a_singular_hessian():
    with pytest.raises(ValueError, match="singular"):
        newton_critical_point(monkey_saddle(), (0.0, 0.0), steps=3, tol=-1.0)


def test_random_matrices_are_symmetric_with_the_stated_variances():
    m = random_symmetric_matrices(3, 40_000, np.random.default_rng(1))
    assert np.array_equal(m, np.swapaxes(m, 1, 2))
    assert np.var(m[:, 0, 0]) == pytest.approx(1.0, abs=0.03)
    assert np.var(m[:, 0, 1]) == pytest.approx(0.5, abs=0.02)


def test_positive_definite_2x2_formula_by_direct_sampling():
    m = random_symmetric_matrices(2, 200_000, np.random.default_rng(2))
    a, b, c = m[:, 0, 0], m[:, 0, 1], m[:, 1, 1]
    share = np.mean((a > 0) & (a * c - b * b > 0))      # Sylvester's criterion
    sigma = np.sqrt(POSITIVE_DEFINITE_2X2 * (1 - POSITIVE_DEFINITE_2X2) / len(a))
    assert abs(share - POSITIVE_DEFINITE_2X2) < 4 * sigma


def test_fraction_of_minima_falls_quickly_with_dimension():
    trials = 20_000
    r = definiteness_fractions(np.arange(1, 7), trials=trials, seed=0)
    sigma = lambda p: np.sqrt(p * (1 - p) / trials)
    # Dimension 1: a random number is positive half the time.
    assert abs(r.all_positive[0] - 0.5) < 4 * sigma(0.5)
    # Dimension 2: the exact value (2 − √2)/4.
    assert abs(r.all_positive[1] - POSITIVE_DEFINITE_2X2) < 4 * sigma(POSITIVE_DEFINITE_2X2)
    # Falls with dimension, by more than a factor 3 per step from n = 2 on, until none are left.
    seen = r.all_positive[r.all_positive > 0]
    assert np.all(np.diff(r.all_positive) <= 0)
    assert np.all(seen[2:] < seen[1:-1] / 3)
    assert r.all_positive[-1] < 1e-3
    # By symmetry maxima are as rare as minima; everything else is a saddle.
    assert np.all(np.abs(r.all_negative - r.all_positive) < 4 * sigma(r.all_positive) + 1e-12)
    np.testing.assert_allclose(r.mixed + r.all_positive + r.all_negative, 1.0)
    np.testing.assert_allclose(r.negative_share, 0.5, atol=0.02)


def test_fractions_are_seeded():
    a = definiteness_fractions([2, 3], trials=2_000, seed=7)
    b = definiteness_fractions([2, 3], trials=2_000, seed=7)
    np.testing.assert_array_equal(a.all_positive, b.all_positive)
    with pytest.raises(ValueError, match="positive"):
        definiteness_fractions([0, 2])


def test_the_notebook_experiment_finds_no_minimum_from_dimension_6_on():
    """Notebook 04 draws 50 000 matrices per dimension 1 … 8 with seed 0 and says so."""
    r = definiteness_fractions(np.arange(1, 9), trials=50_000, seed=0)
    assert np.all(r.all_positive[5:] == 0) and np.all(r.all_positive[:5] > 0)
    assert np.all(r.mixed >= 0) and r.mixed[0] == 0


def test_himmelblau_has_four_minima_four_saddles_and_one_maximum_as_notebook_02_prints():
    """02 §3: Newton from a 9 × 9 grid finds all nine critical points, each classified by its Hessian."""
    from helpers.critical_points import critical_points_on_grid
    from helpers.objectives import himmelblau
    hills = himmelblau()
    found = critical_points_on_grid(hills)
    assert [c.kind for c in found] == ["minimum"] * 4 + ["saddle"] * 4 + ["maximum"]
    for c in found:
        assert c.grad_norm < 1e-8
        lam = np.linalg.eigvalsh(hills.hessian(c.point))
        assert (lam > 0).sum() == {"minimum": 2, "saddle": 1, "maximum": 0}[c.kind]
    saddles = [tuple(np.round(c.point, 3)) for c in found if c.kind == "saddle"]
    assert saddles == [(-3.073, -0.081), (-0.128, -1.954), (0.087, 2.884), (3.385, 0.074)]
    peak = found[-1]
    assert tuple(np.round(peak.point, 3)) == (-0.271, -0.923) and round(peak.value, 1) == 181.6
    assert [round(c.value, 1) for c in found if c.kind == "saddle"] == [104.0, 178.3, 67.7, 13.3]
    minima = sorted(tuple(np.round(c.point, 3)) for c in found if c.kind == "minimum")
    assert minima == sorted(tuple(np.round(m, 3)) for m in hills.minima)


def test_critical_points_on_grid_finds_the_one_saddle_of_x2_minus_y2():
    from helpers.critical_points import critical_points_on_grid
    from helpers.objectives import saddle
    found = critical_points_on_grid(saddle(), n=4)
    assert len(found) == 1 and found[0].kind == "saddle"
    np.testing.assert_allclose(found[0].point, [0, 0], atol=1e-12)


# -- critical points of a tiny network (notebook 08, section 6) ---------------------------------

from helpers import critical_points as cp
from helpers import sharpness as sh
from helpers.landscape import flatten


def _tiny(n_inputs=1, hidden=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((12, n_inputs))
    y = np.sin(X.sum(axis=1))
    return cp.TinyNetwork(X, y, hidden), rng


@pytest.mark.parametrize("n_inputs, hidden", [(1, 3), (2, 3), (3, 2)])
def test_tiny_network_matches_the_backprop_network_and_its_exact_hessian(n_inputs, hidden):
    model, rng = _tiny(n_inputs, hidden)
    theta = rng.standard_normal((3, model.n_parameters))
    J, g, H = model.loss_gradient_hessian(theta)
    for k in range(3):
        net = model.as_network(theta[k])
        assert np.allclose(flatten(net), theta[k])
        out = net.output(model.X)[:, 0]
        assert J[k] == pytest.approx(0.5 * np.mean((out - model.y) ** 2), rel=1e-12)
        assert np.allclose(g[k], sh.gradient(net, model.X, model.y, "squared_error"), atol=1e-13)
        assert np.allclose(H[k], sh.full_hessian(net, model.X, model.y, "squared_error"), atol=1e-12)
        assert np.allclose(model.predict(theta[k], model.X)[0], out)
    assert np.array_equal(H, np.swapaxes(H, 1, 2))
    J2, g2 = model.loss_and_gradient(theta)
    assert np.array_equal(J, J2) and np.allclose(g, g2, atol=1e-15)


def test_tiny_network_hessian_matches_finite_differences_of_its_gradient():
    model, rng = _tiny(2, 3, seed=4)
    theta = rng.standard_normal(model.n_parameters)
    _, _, H = model.loss_gradient_hessian(theta)
    eps = 1e-6
    fd = np.column_stack([(model.loss_and_gradient(theta + eps * e)[1][0]
                           - model.loss_and_gradient(theta - eps * e)[1][0]) / (2 * eps)
                          for e in np.eye(model.n_parameters)])
    assert np.abs(fd - H[0]).max() <= 1e-7 * np.abs(H[0]).max()
    # and the gradient against finite differences of the loss
    g = model.loss_and_gradient(theta)[1][0]
    fd_g = [(model.loss(theta + eps * e)[0] - model.loss(theta - eps * e)[0]) / (2 * eps)
            for e in np.eye(model.n_parameters)]
    assert np.allclose(fd_g, g, atol=1e-8)


def test_index_on_a_known_quadratic():
    """J(θ) = ½ θᵀ Q D Qᵀ θ has Hessian Q D Qᵀ: the index is the share of negative entries of D."""
    rng = np.random.default_rng(3)
    D = np.array([-3.0, -0.5, 0.0, 1e-13, 0.2, 2.0, 5.0, 7.0])
    Q = np.linalg.qr(rng.standard_normal((8, 8)))[0]
    H = Q @ np.diag(D) @ Q.T
    lam = np.linalg.eigvalsh((H + H.T) / 2)
    assert cp.hessian_index(lam) == pytest.approx(2 / 8)          # the zeros are not negative
    assert cp.hessian_index(-lam) == pytest.approx(4 / 8)         # −D: −3·… flipped
    assert cp.hessian_index([1.0, 2.0]) == 0 and cp.hessian_index([-1.0, -2.0]) == 1
    assert cp.hessian_index([-1e-12, 4.0]) == 0                  # round-off is not a direction
    np.testing.assert_allclose(cp.hessian_index(np.array([D, -D, np.abs(D)])), [2 / 8, 4 / 8, 0])
    for bad in ([], [np.nan, 1.0]):
        with pytest.raises(ValueError, match="finite"):
            cp.hessian_index(bad)


def test_newton_methods_find_a_saddle_and_a_minimum():
    X, y = cp.bump_data()
    model = cp.TinyNetwork(X, y, 3)
    # All weights 0 and c = mean(y): every unit is off, ∇J = 0 exactly, a saddle.
    zero = np.zeros(model.n_parameters)
    zero[-1] = y.mean()
    t, J, g, H = cp.newton_on_gradient_norm(model, zero[None, :], iterations=3)
    assert np.linalg.norm(g) < 1e-15 and J[0] == pytest.approx(0.5 * np.var(y))
    lam = np.linalg.eigvalsh(H[0])
    assert lam[0] < 0 < lam[-1]
    start = np.random.default_rng(2).standard_normal((4, model.n_parameters))
    t, J, g, H = cp.newton_minimise(model, start, iterations=300)
    done = np.linalg.norm(g, axis=1) < 1e-10
    assert done.any() and np.all(cp.hessian_index(np.linalg.eigvalsh(H[done])) == 0)
    assert np.all(J <= model.loss(start))  # only downhill steps


def test_tiny_network_refuses_bad_input():
    with pytest.raises(ValueError, match="one row per target"):
        cp.TinyNetwork(np.ones((3, 1)), np.ones(4), 2)
    with pytest.raises(ValueError, match="hidden"):
        cp.TinyNetwork(np.ones((3, 1)), np.ones(3), 0)
    with pytest.raises(ValueError, match="finite"):
        cp.TinyNetwork(np.array([[np.nan]]), np.ones(1), 1)
    with pytest.raises(ValueError, match="entries per row"):
        cp.TinyNetwork(np.ones((3, 1)), np.ones(3), 2).loss(np.ones(4))


@pytest.fixture(scope="module")
def survey():
    """Notebook 08's survey, with the notebook's arguments (the defaults)."""
    X, y = cp.bump_data()
    return cp.survey_critical_points(X, y, hidden=3)


def test_every_kept_point_is_critical_by_an_independent_gradient(survey):
    X, y = cp.bump_data()
    model = cp.TinyNetwork(X, y, 3)
    assert np.all(survey.grad_norms < survey.threshold) and survey.threshold == 1e-10
    for theta, lam, J in zip(survey.points, survey.eigenvalues, survey.losses):
        net = model.as_network(theta)
        assert np.linalg.norm(sh.gradient(net, X, y, "squared_error")) < 2 * survey.threshold
        H = sh.full_hessian(net, X, y, "squared_error")
        np.testing.assert_allclose(np.linalg.eigvalsh(H), lam, atol=1e-12)
        assert J == pytest.approx(model.loss(theta)[0])


def test_the_survey_numbers_the_notebook_states(survey):
    # The counts the notebook prints (they do not change under round-off, see the gap below).
    assert survey.starts == {"newton": 450, "descent": 30}
    assert survey.kept("newton") == 74 and survey.kept("descent") == 21 and len(survey.losses) == 95
    rows = survey.levels()
    assert [(J, k) for J, k, _, _ in rows] == [(1.83e-06, 0), (0.00548, 1), (0.00567, 2),
                                              (0.0405, 2), (0.0752, 2), (0.0774, 3)]
    assert [n for *_, n, _ in rows] == [21, 3, 41, 1, 4, 25]
    # Every run ends far from the ‖∇J‖ cut of 1e-10 (a factor 10 or more on either side), so
    # the counts do not depend on the last digits of a run.
    final = survey.final_grad_norms
    assert len(final) == 480
    assert final[final < survey.threshold].max() < 1e-11 and final[final >= survey.threshold].min() > 1e-9
    # No minimum from Newton on ∇J = 0, and every descent run that converged ended in one.
    assert all(how == ("descent" if k == 0 else "newton") for _, k, _, how in rows)
    # The index rises with the loss: printed as "above 0.9".
    assert 0.93 < survey.correlation() <= 1
    # The index does not depend on the zero cut: a wide gap between round-off and real curvature.
    zero, smallest = survey.smallest_nonzero_gap()
    assert zero < 1e-14 and smallest > 1e-8
    # The loss values sit far from a rounding edge of the 3 printed digits.
    for J in survey.losses:
        digits = J / 10 ** np.floor(np.log10(J)) * 100
        assert abs(digits - np.round(digits) - 0.5) < 0.45 or abs(digits - np.round(digits)) < 0.4


def test_the_survey_does_not_change_under_round_off_sized_changes_of_the_data():
    X, y = cp.bump_data()
    a = cp.survey_critical_points(X, y, random_starts=60, descent_runs=6, descent_steps=1000)
    b = cp.survey_critical_points(X * (1 + 1e-14), y * (1 - 1e-14), random_starts=60,
                                  descent_runs=6, descent_steps=1000)
    assert [r[:3] for r in a.levels()] == [r[:3] for r in b.levels()]


def test_permuting_units_or_flipping_a_units_signs_leaves_the_loss_unchanged():
    """The 3! · 2³ = 48 copies of every critical point the notebook mentions."""
    import itertools
    X, y = cp.bump_data()
    model = cp.TinyNetwork(X, y, 3)
    theta = np.random.default_rng(1).standard_normal(model.n_parameters)
    W, b, v, c = theta[:3], theta[3:6], theta[6:9], theta[9:]
    copies = set()
    for perm in itertools.permutations(range(3)):
        for signs in itertools.product([1.0, -1.0], repeat=3):
            s = np.array(signs)
            copy = np.concatenate([(s * W)[list(perm)], (s * b)[list(perm)], (s * v)[list(perm)], c])
            assert model.loss(copy)[0] == pytest.approx(model.loss(theta)[0], rel=1e-12)
            copies.add(tuple(np.round(copy, 12)))
    assert len(copies) == 48
