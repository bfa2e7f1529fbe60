"""The baselines notebook 05 compares its networks with, checked against their formulas."""
import numpy as np
import pytest

from helpers.baselines import least_squares_loss, logistic_regression, mean_prediction_loss
from helpers.datasets import load_sleep_study, two_moons


def test_mean_prediction_loss_is_half_the_variance():
    y = np.array([1.0, 2.0, 4.0, 7.0])
    assert mean_prediction_loss(y) == pytest.approx(0.5 * np.var(y))


def test_least_squares_loss_matches_polyfit_on_one_input():
    rng = np.random.default_rng(0)
    x = rng.normal(size=50)
    y = 3 * x - 1 + rng.normal(scale=0.2, size=50)
    slope, intercept = np.polyfit(x, y, 1)
    expected = 0.5 * np.mean((slope * x + intercept - y) ** 2)
    assert least_squares_loss(x[:, None], y) == pytest.approx(expected, rel=1e-10)


def test_an_exact_line_has_zero_least_squares_loss():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 3.0], [4.0, 1.0]])
    assert least_squares_loss(X, X @ [2.0, -1.0] + 0.5) < 1e-25


def test_logistic_regression_matches_a_long_gradient_descent_on_the_convex_loss():
    X, y = two_moons(n=200, noise=0.15, seed=0)
    loss, accuracy = logistic_regression(X, y)
    A = np.column_stack([np.ones(len(X)), X])
    theta = np.zeros(3)
    for _ in range(20_000):
        p = 1 / (1 + np.exp(-(A @ theta)))
        theta -= 2.0 * A.T @ (p - y) / len(A)
    z = A @ theta
    assert loss <= np.mean(np.logaddexp(0, z) - y * z) + 1e-12
    assert loss == pytest.approx(np.mean(np.logaddexp(0, z) - y * z), abs=1e-6)
    assert accuracy == pytest.approx(np.mean((z > 0) == (y > 0.5)))


def test_notebook_05_sleep_baselines():
    hours, scores = load_sleep_study()
    X, y = hours / hours.max(axis=0), scores[:, None] / 100
    assert mean_prediction_loss(y) == pytest.approx(3.71e-3, abs=0.005e-3)
    assert least_squares_loss(X, y) == pytest.approx(6.0e-4, abs=0.05e-4)


def test_notebook_05_moons_straight_boundary():
    X, y = two_moons(n=200, noise=0.15, seed=0)
    loss, accuracy = logistic_regression(X, y)
    assert loss == pytest.approx(0.287, abs=0.0004)
    assert accuracy == pytest.approx(0.89)
