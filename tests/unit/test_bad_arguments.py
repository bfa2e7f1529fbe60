"""Every public helper refuses a bad argument with one clear error that names the argument
and the allowed range, instead of returning a plausible wrong answer."""
import numpy as np
import pytest

from helpers import descent, step_size
from helpers.descent import GradientDescent, Momentum, run, run_batch, trace


def bowl(x):
    return float(np.sum(np.square(x)))


def bowl_grad(x):
    return 2 * np.asarray(x, dtype=float)


# -- descent.run / trace -----------------------------------------------------------------

@pytest.mark.parametrize("lr", [0.0, -0.1, float("nan"), float("inf")])
def test_run_refuses_a_learning_rate_that_is_not_positive(lr):
    with pytest.raises(ValueError, match=r"learning rate lr .*> 0"):
        run(bowl, bowl_grad, 1.0, lr=lr)


@pytest.mark.parametrize("lr", [0.0, -0.5])
def test_step_rules_refuse_a_learning_rate_that_is_not_positive(lr):
    with pytest.raises(ValueError, match="learning rate lr"):
        GradientDescent(lr)
    with pytest.raises(ValueError, match="learning rate lr"):
        Momentum(lr, 0.5)


@pytest.mark.parametrize("beta", [-0.1, 1.0, 1.5, float("nan")])
def test_momentum_refuses_beta_outside_zero_one(beta):
    with pytest.raises(ValueError, match=r"momentum beta .*0 ≤ β < 1"):
        Momentum(0.1, beta)


def test_trace_refuses_a_learning_rate_that_is_not_positive():
    with pytest.raises(ValueError, match="learning rate lr"):
        trace(lambda p: np.sum(p**2, axis=-1), lambda p: 2 * p, [1.0, 1.0], lr=0.0)


def test_run_refuses_a_scalar_gradient_for_a_2d_start():
    with pytest.raises(ValueError, match=r"grad .*shape \(\).*start point x0 of shape \(2,\)"):
        run(bowl, lambda x: 2 * float(x[0]), [1.0, 2.0], lr=0.1)


def test_run_refuses_a_loss_that_is_not_a_number():
    with pytest.raises(ValueError, match=r"f .*one number"):
        run(lambda x: np.square(x), bowl_grad, [1.0, 2.0], lr=0.1)


@pytest.mark.parametrize("steps", [0, -3, 2.5])
def test_run_refuses_a_step_budget_that_is_not_a_positive_integer(steps):
    with pytest.raises(ValueError, match="steps"):
        run(bowl, bowl_grad, 1.0, lr=0.1, steps=steps)


def test_run_refuses_a_negative_tolerance():
    with pytest.raises(ValueError, match="tol"):
        run(bowl, bowl_grad, 1.0, lr=0.1, tol=-1e-3)


# -- descent.run_batch ---------------------------------------------------------------------

def vectorised_f(X):
    return np.sum(X**2, axis=1)


def vectorised_grad(X):
    return 2 * X


@pytest.mark.parametrize("n", [2, 5])
def test_run_batch_refuses_a_gradient_that_is_not_vectorised(n):
    starts = np.ones((n, 2))
    one_point_grad = lambda p: np.array([2 * p[0], 4 * p[1]])   # written for a single (2,) point
    with pytest.raises(ValueError, match=r"grad must be vectorised.*\(n, d\)"):
        run_batch(vectorised_f, one_point_grad, starts, 0.1)


def test_run_batch_refuses_a_loss_that_is_not_vectorised():
    one_point_f = lambda p: p[0] ** 2 + p[1] ** 2
    with pytest.raises(ValueError, match=r"f must be vectorised.*\(n,\)"):
        run_batch(one_point_f, vectorised_grad, np.ones((4, 2)), 0.1)


def test_run_batch_refuses_starts_that_are_not_a_table():
    with pytest.raises(ValueError, match=r"x0s .*\(n, d\)"):
        run_batch(vectorised_f, vectorised_grad, [1.0, 2.0], 0.1)


@pytest.mark.parametrize("lr", [0.0, -1.0, [0.1, 0.0, 0.2]])
def test_run_batch_refuses_learning_rates_that_are_not_positive(lr):
    with pytest.raises(ValueError, match="learning rate lr"):
        run_batch(vectorised_f, vectorised_grad, np.ones((3, 2)), lr)


def test_run_batch_refuses_a_learning_rate_array_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"lr .*3 starts"):
        run_batch(vectorised_f, vectorised_grad, np.ones((3, 2)), [0.1, 0.2])


def test_run_batch_still_accepts_good_input():
    result = run_batch(vectorised_f, vectorised_grad, np.ones((3, 2)), [0.1, 0.2, 0.3], steps=500)
    assert np.all(result.converged_at > 0)
    assert np.allclose(result.final, 0, atol=1e-5)


# -- step_size formulas ------------------------------------------------------------------

@pytest.mark.parametrize("call,argument", [
    (lambda: step_size.stability_limit(-1.0), "lam_max"),
    (lambda: step_size.stability_limit(0.0), "lam_max"),
    (lambda: step_size.stability_limit(float("nan")), "lam_max"),
    (lambda: step_size.optimal_rate(0.0), "kappa"),
    (lambda: step_size.optimal_rate(0.5), "kappa"),
    (lambda: step_size.optimal_step(-1.0, 2.0), "lam_min"),
    (lambda: step_size.optimal_step(3.0, 2.0), "lam_max"),
    (lambda: step_size.momentum_rate(0.5), "kappa"),
    (lambda: step_size.tuned_momentum(0.0, 1.0), "lam_min"),
    (lambda: step_size.regime_1d(0.0, 1.0), "learning rate"),
    (lambda: step_size.regime_1d(0.1, -1.0), "curvature a"),
])
def test_step_size_formulas_name_the_bad_argument(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


def test_step_size_formulas_still_take_arrays():
    kappas = np.array([1.0, 10.0, 100.0])
    assert np.allclose(step_size.optimal_step(1.0, kappas), 2 / (1 + kappas))
    assert step_size.stability_limit(4.0) == 0.5
    assert step_size.optimal_rate(1.0) == 0.0
    with pytest.raises(ValueError, match="kappa"):
        step_size.optimal_rate(np.array([2.0, 0.3]))


def test_module_constants_unchanged():
    assert descent.BLOW_UP_NORM == 1e8


# -- Newton's method and the lowest value of a 1-D objective ------------------------------

from helpers.calculus import stationary_point  # noqa: E402
from helpers.expressions import parse_function  # noqa: E402
from helpers.objectives import lowest_value  # noqa: E402


def test_stationary_point_refuses_a_zero_curvature():
    # J = x + tanh x: J'' = 0 at x = 0, and J' = 1 + sech² x never vanishes.
    with pytest.raises(ValueError, match=r"J''\(x\) = 0"):
        stationary_point(lambda x: 1 + 1 / np.cosh(x) ** 2,
                         lambda x: -2 * np.tanh(x) / np.cosh(x) ** 2, 0.0)


def test_stationary_point_refuses_a_guess_that_is_not_finite():
    with pytest.raises(ValueError, match="guess"):
        stationary_point(lambda x: x, lambda x: 1.0, float("nan"))


@pytest.mark.parametrize("formula,low", [("x + tanh(x)", -3 + np.tanh(-3)),
                                         ("x + arctan(x)", -3 + np.arctan(-3)),
                                         ("x + sigmoid(4*x)", -3 + 1 / (1 + np.exp(12)))])
def test_lowest_value_of_a_function_without_a_stationary_point(formula, low):
    assert lowest_value(parse_function(formula)) == pytest.approx(low, rel=1e-3)
