"""Notebooks 02 and 03: every catalogued mistake gets its own message; right answers pass."""
import numpy as np
import pytest

from helpers.checks import (BEST_STEP, CLIFF, GRADIENT_2D, VECTORISED_STEP, check_best_step,
                            check_cliff_prediction, check_gradient_2d, check_vectorised_step)

A = np.array([[3.0, 1.0], [1.0, 2.0]])


def right_gradient(w):
    x, y = w
    return np.array([2 * x + 3 * y + 2, 3 * x + 10 * y])


GRADIENT_MUTANTS = {
    "swapped": lambda w: right_gradient(w)[::-1],
    "sign": lambda w: -right_gradient(w),
    "doubled": lambda w: 2 * right_gradient(w),
    "halved": lambda w: right_gradient(w) / 2,
    "lost_constant": lambda w: np.array([2 * w[0] + 3 * w[1], 3 * w[0] + 10 * w[1]]),
    "cross_term_as_constant": lambda w: np.array([2 * w[0] + 3 + 2, 3 + 10 * w[1]]),
    "cross_term_in_one_component": lambda w: np.array([2 * w[0] + 2, 3 * w[0] + 10 * w[1]]),
    "square_as_linear": lambda w: np.array([2 * w[0] + 3 * w[1] + 2, 3 * w[0] + 5 * w[1]]),
    "returned_value": lambda w: w[0] ** 2 + 3 * w[0] * w[1] + 5 * w[1] ** 2 + 2 * w[0],
}


@pytest.mark.parametrize("key", [m.key for m in GRADIENT_2D.mistakes])
def test_gradient_mistakes(key, names_mistake):
    names_mistake(check_gradient_2d(GRADIENT_MUTANTS[key]), GRADIENT_2D, key)


def test_gradient_right_in_any_container():
    assert check_gradient_2d(right_gradient).status == "correct"
    assert check_gradient_2d(lambda w: tuple(right_gradient(w))).status == "correct"
    assert check_gradient_2d(lambda w: right_gradient(w).reshape(2, 1)).status == "correct"


STEP_MUTANTS = {
    "uphill": lambda X, lr: X + lr * X @ A,
    "forgot_lr": lambda X, lr: X - X @ A,
    "forgot_half": lambda X, lr: X - 2 * lr * X @ A,
    "half_step": lambda X, lr: X - 0.5 * lr * X @ A,
    "step_only": lambda X, lr: -lr * X @ A,
    "diagonal_only": lambda X, lr: X - lr * X * np.diag(A),
    "transposed": lambda X, lr: X.T - lr * A @ X.T,
    "gradient_only": lambda X, lr: X @ A,
}


@pytest.mark.parametrize("key", [m.key for m in VECTORISED_STEP.mistakes])
def test_vectorised_step_mistakes(key, names_mistake):
    names_mistake(check_vectorised_step(STEP_MUTANTS[key]), VECTORISED_STEP, key)


def test_vectorised_step_right_and_shapes():
    assert check_vectorised_step(lambda X, lr: X - lr * X @ A).status == "correct"
    assert check_vectorised_step(lambda X, lr: np.array([x - lr * A @ x for x in X])).status == "correct"
    assert check_vectorised_step(lambda X, lr: (X - lr * X @ A)[0]).mistake == "wrong_shape"
    assert check_vectorised_step(lambda X, lr: X - lr * X @ np.ones((3, 3))).mistake == "shapes_do_not_fit"


CLIFF_MUTANTS = {"diagonal": 0.4, "smallest_eigenvalue": 1.0, "oscillation_start": 0.125,
                 "best_step": 0.2, "one_over_smallest": 0.5, "negative": -0.25}


@pytest.mark.parametrize("key", [m.key for m in CLIFF.mistakes])
def test_cliff_mistakes(key, names_mistake):
    names_mistake(check_cliff_prediction(CLIFF_MUTANTS[key]), CLIFF, key)


def test_cliff_right_answers_and_placeholders():
    assert check_cliff_prediction(0.25).status == "correct"
    assert check_cliff_prediction(np.float64(2) / 8).status == "correct"
    assert check_cliff_prediction(None).status == "not attempted"
    assert check_cliff_prediction("abc").mistake == "not_a_number"
    assert check_cliff_prediction(0.3).mistake is None


BEST_MUTANTS = {"fast_direction_only": (0.125, 0.75), "cliff_as_best": (0.25, 1.0),
                "negative_lr": (-0.2, 0.6), "loss_factor": (0.2, 0.36),
                "momentum_rate": (0.2, 1 / 3), "rate_is_kappa": (0.2, 4.0),
                "negative_rate": (0.2, -0.6)}


@pytest.mark.parametrize("key", [m.key for m in BEST_STEP.mistakes])
def test_best_step_mistakes(key, names_mistake):
    names_mistake(check_best_step(*BEST_MUTANTS[key]), BEST_STEP, key)


def test_best_step_right_and_placeholders():
    assert check_best_step(0.2, 0.6).status == "correct"
    assert check_best_step(None, None).status == "not attempted"
    assert check_best_step(0.2, None).status == "not attempted"
    assert check_best_step(0.2, 0.5).mistake is None
    assert check_best_step(0.2, 0.6 + 0.1j).mistake == "not_a_number"
