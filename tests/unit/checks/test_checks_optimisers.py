"""The Adam exercise's check: right answers pass, each catalogued mistake is named by its key and
message, garbage gets a one-line verdict and never a traceback."""
import time

import numpy as np
import pytest

from helpers.checks import ADAM_STEP, EXERCISES, check_adam_step, leaks
from helpers.checks.optimisers import reference_adam_step


def test_reference_adam_step_passes():
    assert check_adam_step(reference_adam_step).status == "correct"


def written_out(x, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def test_written_out_adam_passes():
    assert check_adam_step(written_out).status == "correct"


def test_lists_and_float32_pass_too():
    def as_lists(*args):
        return tuple(list(a) for a in written_out(*args))
    assert check_adam_step(as_lists).status == "correct"


def test_not_attempted_is_neutral(capsys):
    def adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
        raise NotImplementedError
    feedback = check_adam_step(adam_step)
    assert feedback.status == "not attempted"
    assert feedback.message == ADAM_STEP.not_attempted
    for giveaway in ("sqrt", "√", "1 − β", "ε", "bias"):
        assert giveaway not in feedback.message
    assert capsys.readouterr().out.strip() == str(feedback)


def test_adam_step_is_catalogued():
    assert ADAM_STEP in EXERCISES and ADAM_STEP.check == "check_adam_step"


# -- one wrong implementation per catalogued mistake, written as a student would -------------

def _moments(g, m, v, beta1, beta2):
    return beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g * g


def one_array(x, g, m, v, t, lr, beta1, beta2, eps):
    return written_out(x, g, m, v, t, lr, beta1, beta2, eps)[0]


def swapped_m_v(*args):
    x_new, m_new, v_new = written_out(*args)
    return x_new, v_new, m_new


def returned_old_state(x, g, m, v, t, lr, beta1, beta2, eps):
    m_new, v_new = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m_new / (1 - beta1 ** t), v_new / (1 - beta2 ** t)
    return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def returned_corrected(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    m = m / (1 - beta1 ** t)
    v = v / (1 - beta2 ** t)
    return x - lr * m / (np.sqrt(v) + eps), m, v


def weights_swapped(x, g, m, v, t, lr, beta1, beta2, eps):
    m = (1 - beta1) * m + beta1 * g
    v = (1 - beta2) * v + beta2 * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def no_square(x, g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def no_bias_correction(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    return x - lr * m / (np.sqrt(v) + eps), m, v


def no_correction_of_m(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    return x - lr * m / (np.sqrt(v / (1 - beta2 ** t)) + eps), m, v


def no_correction_of_v(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    return x - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v) + eps), m, v


def correction_without_t(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1), v / (1 - beta2)
    return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def t_plus_one(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1 ** (t + 1)), v / (1 - beta2 ** (t + 1))
    return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def t_minus_one(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1 ** (t - 1)), v / (1 - beta2 ** (t - 1))
    return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def eps_inside_sqrt(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return x - lr * m_hat / np.sqrt(v_hat + eps), m, v


def no_sqrt(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return x - lr * m_hat / (v_hat + eps), m, v


def step_without_x(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return -lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def uphill(x, g, m, v, t, lr, beta1, beta2, eps):
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return x + lr * m_hat / (np.sqrt(v_hat) + eps), m, v


MUTANTS = {
    "one_array": [one_array], "swapped_m_v": [swapped_m_v],
    "returned_old_state": [returned_old_state], "returned_corrected": [returned_corrected],
    "weights_swapped": [weights_swapped], "no_square": [no_square],
    "no_bias_correction": [no_bias_correction], "no_correction_of_m": [no_correction_of_m],
    "no_correction_of_v": [no_correction_of_v], "correction_without_t": [correction_without_t],
    "t_off_by_one": [t_plus_one, t_minus_one], "eps_inside_sqrt": [eps_inside_sqrt],
    "no_sqrt": [no_sqrt], "step_without_x": [step_without_x], "uphill": [uphill],
}


@pytest.mark.parametrize("key", [m.key for m in ADAM_STEP.mistakes])
def test_each_catalogued_mistake_is_named(key, names_mistake):
    assert key in MUTANTS, f"no mutation test for {key}"
    for mutant in MUTANTS[key]:
        names_mistake(check_adam_step(mutant), ADAM_STEP, key)


def test_the_hint_comes_from_the_second_attempt():
    first, second = check_adam_step(no_sqrt), check_adam_step(no_sqrt)
    hint = ADAM_STEP.mistake("no_sqrt").hint
    assert hint not in first.message and "Hint: " + hint in second.message


def test_no_message_gives_the_answer():
    texts = [ADAM_STEP.not_attempted, ADAM_STEP.unexplained, ADAM_STEP.hint]
    texts += [m.message for m in ADAM_STEP.mistakes] + [m.hint for m in ADAM_STEP.mistakes]
    for text in texts:
        assert leaks(text, ADAM_STEP.answer_keys) == [], text
    assert leaks("return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v", ADAM_STEP.answer_keys)


def test_an_unknown_mistake_names_the_first_value_that_differs_in_flow_order():
    def adam_step(*args):
        x_new, m_new, v_new = written_out(*args)
        return x_new + 1e-3, m_new, 2 * v_new
    feedback = check_adam_step(adam_step)
    assert feedback.status == "wrong" and feedback.mistake is None
    assert ADAM_STEP.unexplained in feedback.message and "is v_new" in feedback.message


# -- garbage: one line, never a traceback, never a hang ------------------------------------

def endless(*args):
    while True:
        pass


def raises(*args):
    raise ValueError("something inside")


GARBAGE = {
    "None": (lambda *a: None, "returned_none"), "str": (lambda *a: "0.5", "not_a_number"),
    "dict": (lambda *a: {"x": 1}, "not_a_number"), "complex": (lambda *a: 1 + 2j, "not_a_number"),
    "nan scalar": (lambda *a: np.nan, "wrong_shape"),
    "three numbers": (lambda *a: (1.0, 2.0, 3.0), "wrong_shape"),
    "two arrays": (lambda x, *a: (x, x), "wrong_shape"),
    "a text in the tuple": (lambda x, *a: (x, x, "abc"), "not_a_number"),
    "short x": (lambda x, *a: (x[:2], x, x), "wrong_shape"),
    "NaN inside": (lambda x, *a: (x * np.nan, x, x), "not_finite"),
    "inf array": (lambda *a: np.full((4, 2), np.inf), "wrong_shape"),
    "raises": (raises, "raised"), "divides by zero": (lambda *a: 1 / 0, "raised"),
    "endless": (endless, "too_slow"), "object": (lambda *a: object(), "not_a_number"),
    "ragged": (lambda *a: [[1.0], [1.0, 2.0]], "wrong_shape"),
    "wrong arity": (lambda: 0, "raised"), "huge": (lambda *a: np.ones(10 ** 5), "wrong_shape"),
    "not a function": (42, "not_callable"),
}


@pytest.mark.parametrize("name", GARBAGE)
def test_garbage_gets_a_one_line_verdict(name, capsys):
    function, key = GARBAGE[name]
    started = time.monotonic()
    verdict = check_adam_step(function)
    assert time.monotonic() - started < 3
    assert verdict.status == "wrong" and verdict.mistake == key, verdict
    out = capsys.readouterr().out
    assert "\n" not in verdict.message and "Traceback" not in out
