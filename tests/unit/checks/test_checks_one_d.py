"""Notebooks 00 and 01: every catalogued mistake gets its own message; right answers pass."""
import numpy as np
import pytest

from helpers.checks import (CENTRAL_DIFFERENCE, DESCENT_LOOP, FIRST_STEP, check_central_difference,
                            check_descent_loop, check_first_step)

# -- 00: one step by hand (x0 = 3, η = 0.4, J = x²) --------------------------------------------

FIRST_STEP_MUTANTS = {
    "uphill": 3 + 0.4 * 6, "forgot_lr": 3 - 6, "forgot_factor_2": 3 - 0.4 * 3,
    "step_only": -0.4 * 6, "used_height": 3 - 0.4 * 9, "gave_height": (3 - 0.4 * 6) ** 2,
}


@pytest.mark.parametrize("key", [m.key for m in FIRST_STEP.mistakes])
def test_first_step_mistakes(key, names_mistake):
    names_mistake(check_first_step(FIRST_STEP_MUTANTS[key]), FIRST_STEP, key)


def test_first_step_right_and_placeholders(capsys):
    assert check_first_step(0.6).status == "correct"
    assert check_first_step(np.float64(0.6000000001)).status == "correct"
    assert check_first_step(...).status == "not attempted"
    assert "0.6" not in capsys.readouterr().out.split("\n")[-2]
    for garbage in ("0.6", {"x": 1}, 0.6j, float("nan"), [0.6, 1]):
        verdict = check_first_step(garbage)
        assert verdict.status == "wrong" and verdict.mistake is not None


# -- 01: the loop ---------------------------------------------------------------------------------

def loop(update, count=lambda steps: steps, start=True, before=False):
    def descend(df, x0, lr, steps):
        xs, x = ([x0] if start else []), x0
        for _ in range(count(steps)):
            if before:
                xs.append(x)
            x = update(x, df, lr, x0)
            if not before:
                xs.append(x)
        return xs
    return descend


def restarts(df, x0, lr, steps):
    return [x0] + [x0 - lr * df(x0) for _ in range(steps)]


def typed_slope(df, x0, lr, steps):
    xs, x = [x0], x0
    for _ in range(steps):
        x = x - lr * 2 * x
        xs.append(x)
    return xs


def last_point(df, x0, lr, steps):
    x = x0
    for _ in range(steps):
        x = x - lr * df(x)
    return x


LOOP_MUTANTS = {
    "uphill": loop(lambda x, df, lr, x0: x + lr * df(x)),
    "forgot_lr": loop(lambda x, df, lr, x0: x - df(x)),
    "step_too_long": loop(lambda x, df, lr, x0: x - 2 * lr * df(x)),
    "step_too_short": loop(lambda x, df, lr, x0: x - lr * df(x) / 2),
    "lr_twice": loop(lambda x, df, lr, x0: x - lr * lr * df(x)),
    "restarts_from_x0": restarts,
    "appends_before_update": loop(lambda x, df, lr, x0: x - lr * df(x), before=True),
    "missing_start": loop(lambda x, df, lr, x0: x - lr * df(x), start=False),
    "wrong_count": loop(lambda x, df, lr, x0: x - lr * df(x), count=lambda s: s - 1),
    "ignores_df": typed_slope,
    "returned_last_point": last_point,
}


@pytest.mark.parametrize("key", [m.key for m in DESCENT_LOOP.mistakes])
def test_loop_mistakes(key, names_mistake):
    names_mistake(check_descent_loop(LOOP_MUTANTS[key]), DESCENT_LOOP, key)


def test_loop_one_step_too_many_is_the_count_mistake(names_mistake):
    names_mistake(check_descent_loop(loop(lambda x, df, lr, x0: x - lr * df(x),
                                          count=lambda s: s + 1)), DESCENT_LOOP, "wrong_count")


def test_loop_right_and_stub(capsys):
    assert check_descent_loop(loop(lambda x, df, lr, x0: x - lr * df(x))).status == "correct"
    assert check_descent_loop(lambda df, x0, lr, steps: [x0]).status == "not attempted"
    out = capsys.readouterr().out
    assert "Correct" in out and "lr" not in out.split("\n")[1].split(":")[0]


# -- 01: the central difference ------------------------------------------------------------------

def fixed_step(f, x, h):
    h = 1e-3
    return (f(x + h) - f(x - h)) / (2 * h)


CENTRAL_MUTANTS = {
    "forward_difference": lambda f, x, h: (f(x + h) - f(x)) / h,
    "backward_difference": lambda f, x, h: (f(x) - f(x - h)) / h,
    "one_sided_over_2h": lambda f, x, h: (f(x + h) - f(x)) / (2 * h),
    "precedence": lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h,
    "divides_by_h": lambda f, x, h: (f(x + h) - f(x - h)) / h,
    "divides_by_4h": lambda f, x, h: (f(x + h) - f(x - h)) / (4 * h),
    "sign": lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h),
    "ignores_h": fixed_step,
}


@pytest.mark.parametrize("key", [m.key for m in CENTRAL_DIFFERENCE.mistakes])
def test_central_difference_mistakes(key, names_mistake):
    names_mistake(check_central_difference(CENTRAL_MUTANTS[key]), CENTRAL_DIFFERENCE, key)


def test_half_forward_is_not_called_a_4h_mistake():
    verdict = check_central_difference(lambda f, x, h: (f(x + h) - f(x)) / (2 * h))
    assert "4h" not in verdict.message


def test_central_difference_right_answers():
    assert check_central_difference(lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h)).status == "correct"
    five_point = lambda f, x, h: (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h)
    assert check_central_difference(five_point).status == "correct"
