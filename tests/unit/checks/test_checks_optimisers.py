"""The Adam exercise's check: right answers pass, each slip is named, garbage never raises."""
import numpy as np
import pytest

from helpers.checks.optimisers import _SLIPS, _reference, check_adam_step, reference_adam_step


def test_reference_adam_step_passes():
    assert check_adam_step(reference_adam_step).status == "correct"


def test_written_out_adam_passes():
    def adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
        return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
    assert check_adam_step(adam_step).status == "correct"


def test_not_attempted_does_not_reveal_the_answer(capsys):
    def adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
        raise NotImplementedError
    feedback = check_adam_step(adam_step)
    assert feedback.status == "not attempted"
    for giveaway in ("sqrt", "√", "1 − β", "ε", "bias"):
        assert giveaway not in feedback.message
    assert capsys.readouterr().out.strip() == str(feedback)


@pytest.mark.parametrize("slip", list(_SLIPS))
def test_each_slip_is_named(slip):
    def adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
        return _reference(x, g, m, v, t, lr, beta1, beta2, eps, slip=slip)
    feedback = check_adam_step(adam_step)
    assert feedback.status == "wrong"
    assert _SLIPS[slip] in feedback.message


@pytest.mark.parametrize("returned, words", [
    (None, "returned None"), ("x", "returned str"), ((1, 2), "length 2"),
    (lambda x: (x, x, "abc"), "v_new is not an array"),
    (lambda x: (x[:2], x, x), "shape"), (lambda x: (x * np.nan, x, x), "NaN"),
])
def test_garbage_gets_a_message_not_a_traceback(returned, words):
    def adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
        return returned(x) if callable(returned) else returned
    feedback = check_adam_step(adam_step)
    assert feedback.status == "wrong" and words in feedback.message


def test_a_raising_function_is_reported():
    def adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
        return 1 / 0
    feedback = check_adam_step(adam_step)
    assert feedback.status == "wrong" and "ZeroDivisionError" in feedback.message


def test_an_unknown_mistake_names_the_outputs_that_differ():
    def adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
        x_new, m_new, v_new = reference_adam_step(x, g, m, v, t, lr, beta1, beta2, eps)
        return x_new + 1e-3, m_new, 2 * v_new
    feedback = check_adam_step(adam_step)
    assert feedback.status == "wrong" and "x_new and v_new differ" in feedback.message
