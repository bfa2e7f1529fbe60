"""The "Check yourself" feedback of notebooks 02 and 03: right answers pass, each mistake is named."""
import numpy as np
import pytest

from helpers.checks import (check_best_step, check_cliff_prediction, check_gradient_2d,
                               check_vectorised_step)

A = np.array([[3.0, 1.0], [1.0, 2.0]])


def test_gradient_check(capsys):
    assert check_gradient_2d(lambda w: np.array([2 * w[0] + 3 * w[1] + 2, 3 * w[0] + 10 * w[1]])).status == "correct"
    swapped = check_gradient_2d(lambda w: np.array([3 * w[0] + 10 * w[1], 2 * w[0] + 3 * w[1] + 2]))
    assert swapped.status == "wrong" and "swapped" in swapped.message
    wrong_y = check_gradient_2d(lambda w: np.array([2 * w[0] + 3 * w[1] + 2, 3 * w[0] + 5 * w[1]]))
    assert wrong_y.status == "wrong" and "∂J/∂y" in wrong_y.message
    def todo(w):
        raise NotImplementedError
    assert check_gradient_2d(todo).status == "not attempted"
    assert "✔" in capsys.readouterr().out


def test_vectorised_step_check():
    assert check_vectorised_step(lambda X, lr: X - lr * X @ A).status == "correct"
    assert "uphill" in check_vectorised_step(lambda X, lr: X + lr * X @ A).message
    assert "learning rate" in check_vectorised_step(lambda X, lr: X - X @ A).message
    assert "shape" in check_vectorised_step(lambda X, lr: (X - lr * X @ A)[0]).message
    assert check_vectorised_step(lambda X, lr: 1 / 0).status == "wrong"


@pytest.mark.parametrize("answer, status, phrase", [
    (0.25, "correct", "2/λ_max"), (0.4, "wrong", "diagonal"), (1.0, "wrong", "slow direction"),
    (0.125, "wrong", "oscillate"), (0.2, "wrong", "best step"), (0.3, "wrong", "eigenvalues"),
    (None, "not attempted", "Not attempted"), ("abc", "wrong", "one number")])
def test_cliff_prediction(answer, status, phrase):
    feedback = check_cliff_prediction(answer)
    assert feedback.status == status and phrase in feedback.message


def test_best_step():
    assert check_best_step(0.2, 0.6).status == "correct"
    assert "1/λ_max" in check_best_step(0.125, 0.75).message
    assert "rate" in check_best_step(0.2, 0.5).message
    assert check_best_step(None, None).status == "not attempted"
