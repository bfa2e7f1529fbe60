"""Finite differences: their order of accuracy and the best step, measured."""
import numpy as np
import pytest

from helpers.calculus import (best_central_step, central_difference, central_difference_errors,
                              forward_difference, gradient_check, numerical_gradient,
                              relative_error, stationary_point)


def test_central_difference_error_falls_as_h_squared():
    hs = np.array([1e-2, 5e-3])
    errors = central_difference_errors(np.sin, np.cos, 1.0, hs)
    assert errors[0] / errors[1] == pytest.approx(4, rel=0.01)


def test_forward_difference_error_falls_as_h():
    e1 = abs(forward_difference(np.sin, 1.0, 1e-2) - np.cos(1.0))
    e2 = abs(forward_difference(np.sin, 1.0, 5e-3) - np.cos(1.0))
    assert e1 / e2 == pytest.approx(2, rel=0.02)


def test_best_step_formula_and_measurement_agree_near_1e_5():
    hs = np.logspace(-12, -1, 45)
    measured = hs[np.argmin(central_difference_errors(np.sin, np.cos, 1.0, hs))]
    formula = best_central_step(np.cos(1.0), np.sin(1.0))
    assert 3e-6 < formula < 3e-5
    assert 3e-6 < measured < 3e-5
    assert abs(np.log10(measured / formula)) < 0.5


def test_numerical_gradient_and_check():
    f = lambda w: np.sum(w**3) + w[0] * w[1]
    grad = lambda w: 3 * w**2 + np.array([w[1], w[0], 0.0])
    w = np.array([0.3, -1.2, 2.0])
    np.testing.assert_allclose(numerical_gradient(f, w), grad(w), rtol=1e-8)
    assert gradient_check(f, grad, w) < 1e-9
    wrong = lambda w: 3 * w**2
    assert gradient_check(f, wrong, w) > 1e-2


def test_relative_error_edge_cases():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2))


def test_stationary_point_finds_root_of_slope():
    x = stationary_point(lambda x: 4 * x**3 - 4 * x + 0.5, lambda x: 12 * x**2 - 4, 0.0)
    assert abs(4 * x**3 - 4 * x + 0.5) < 1e-12
    assert 0.1 < x < 0.15
