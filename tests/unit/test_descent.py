"""The runner: updates, outcomes in words, divergence without warnings, batch runs."""
import warnings

import numpy as np
import pytest

from helpers.descent import BLOW_UP_NORM, GradientDescent, run, run_batch
from helpers.objectives import OBJECTIVES_1D, quadratic


def test_one_step_is_x_minus_lr_times_slope():
    traj = run(lambda x: x**2, lambda x: 2 * x, 3.0, lr=0.1, steps=1, tol=0)
    assert traj.points.tolist() == [3.0, pytest.approx(3.0 - 0.1 * 6.0)]
    assert traj.losses[1] == pytest.approx((3.0 - 0.6) ** 2)
    assert traj.grad_norms[0] == pytest.approx(6.0)


def test_rule_protocol_is_used():
    traj = run(lambda x: x**2, lambda x: 2 * x, 1.0, rule=GradientDescent(0.25), steps=3, tol=0)
    np.testing.assert_allclose(traj.points, [1.0, 0.5, 0.25, 0.125])


@pytest.mark.parametrize("a", [0.5, 2.0, 10.0])
class TestRegimesOnQuadratic:
    """On J = a x²/2: x_k = (1 − ηa)^k x₀, with switches at η = 1/a and η = 2/a."""

    def run(self, a, lr, steps=400):
        q = quadratic(a)
        return run(q.f, q.df, 1.5, lr=lr, steps=steps)

    def test_below_one_over_a_converges_monotonically(self, a):
        traj = self.run(a, 0.6 / a)
        assert traj.outcome.kind == "converged" and not traj.outcome.zigzag
        assert np.all(np.diff(traj.points) <= 0)

    def test_between_one_and_two_over_a_converges_zigzagging(self, a):
        traj = self.run(a, 1.6 / a)
        assert traj.outcome.kind == "converged" and traj.outcome.zigzag
        assert "zig-zag" in traj.outcome.message

    def test_between_with_small_budget_is_oscillating_but_converging(self, a):
        traj = self.run(a, 1.6 / a, steps=10)
        assert traj.outcome.kind == "oscillating"
        assert traj.outcome.message.startswith("oscillating but converging")
        assert traj.outcome.step_ratio == pytest.approx(0.6, rel=1e-6)  # |1 − ηa|

    def test_at_two_over_a_bounces_forever(self, a):
        traj = self.run(a, 2.0 / a, steps=50)
        assert traj.outcome.kind == "oscillating"
        assert "without settling" in traj.outcome.message
        np.testing.assert_allclose(np.abs(traj.points), 1.5)

    def test_above_two_over_a_diverges(self, a):
        traj = self.run(a, 2.4 / a)
        assert traj.outcome.kind == "diverged"
        # |x_k| = 1.4^k · 1.5 passes the blow-up norm at the first k where that exceeds it.
        expected = int(np.ceil(np.log(BLOW_UP_NORM / 1.5) / np.log(1.4)))
        assert traj.outcome.step == expected
        assert traj.outcome.message == f"diverged at step {expected}"
        assert np.all(np.isfinite(traj.points)) and np.all(np.isfinite(traj.losses))


def test_budget_message_when_still_moving():
    q = quadratic(1.0)
    traj = run(q.f, q.df, 2.0, lr=0.01, steps=5)
    assert traj.outcome.kind == "budget"
    assert traj.outcome.message == "still moving after 5 steps (budget used)"


def test_explosive_divergence_gives_no_warnings_and_keeps_finite_points():
    quartic = OBJECTIVES_1D["quartic  x⁴/4"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = run(quartic.f, quartic.df, 2.0, lr=3.0, steps=50)
    assert traj.outcome.kind == "diverged" and traj.outcome.step == 3
    np.testing.assert_allclose(traj.points, [2.0, -22.0, 31922.0])


def test_start_where_loss_undefined_is_a_clear_error():
    with pytest.raises(ValueError, match="not finite at the start"):
        run(np.log, lambda x: 1 / x, -1.0, lr=0.1)


def test_run_batch_matches_single_runs():
    q = quadratic(3.0)
    f = lambda X: q.f(X[:, 0])
    g = lambda X: q.df(X)
    lrs = np.array([0.1, 0.5, 0.7, 0.8])
    batch = run_batch(f, g, np.full((4, 1), 1.5), lrs, steps=200, keep_path=True)
    for i, lr in enumerate(lrs):
        single = run(q.f, q.df, 1.5, lr=lr, steps=200)
        if single.outcome.kind == "diverged":
            assert batch.diverged_at[i] == single.outcome.step
            assert np.isinf(batch.final_loss[i])
        else:
            assert batch.converged_at[i] == single.outcome.step
            assert batch.final[i, 0] == pytest.approx(single.final, abs=1e-12)


def test_notebook_01_stopping_counts_match_the_formula_and_cost_20_or_21_steps_per_factor_100():
    """01 §5: tol 1e-2 … 1e-8 stop after 19, 40, 60, 81 steps; ln(100)/ln(1/(1 − 2η)) = 20.6."""
    import math
    from helpers.descent import run
    counts = [run(lambda x: x * x, lambda x: 2 * x, 2.5, lr=0.1, steps=1000, tol=tol).outcome.step
              for tol in (1e-2, 1e-4, 1e-6, 1e-8)]
    predicted = [math.ceil(math.log(tol / (2 * 0.1 * 2.5)) / math.log(0.8)) + 1 for tol in (1e-2, 1e-4, 1e-6, 1e-8)]
    assert counts == predicted == [19, 40, 60, 81]
    assert set(np.diff(counts)) == {20, 21}
    assert round(math.log(100) / math.log(1 / 0.8), 1) == 20.6
