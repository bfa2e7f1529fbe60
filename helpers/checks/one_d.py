"""Checks for notebooks 00 and 01: the first step, the update loop, the central difference.

Each exercise's catalogue of mistakes (what students write, the message naming the
misconception, the later hint) is the data at the top of its section; the check below it
computes what each mistake would answer and names the one that matches.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .feedback import (Exercise, Feedback, Mistake, Unusable, alternatives, as_array, as_number,
                       call_student, close, correct, first_match, is_placeholder, not_attempted,
                       unusable, wrong)

# -- notebook 00: the first step ----------------------------------------------------------------

FIRST_STEP = Exercise(
    key="00.first_step", notebook="00", title="Exercise — one step by hand", check="check_first_step",
    not_attempted="Not attempted yet: replace the `...` with your number, then run the cell.",
    unexplained="Not quite. Work it in two parts: the slope J′(x₀) first, then the step.",
    hint="J′(x) = 2x for J = x². Compute J′(3), multiply by η, then decide the direction.",
    mistakes=(
        Mistake("uphill", "x₀ + η J′(x₀)",
                "You moved uphill: your x₁ is further from the minimum at 0 than x₀.",
                "The slope at x₀ = 3 is positive, so downhill is towards smaller x: subtract."),
        Mistake("forgot_lr", "x₀ − J′(x₀)",
                "Your step ignores the learning rate: the whole slope was taken as the step.",
                "The step is η times the slope."),
        Mistake("forgot_factor_2", "x₀ − η x₀ (slope of x² taken as x)",
                "The step has the right direction but half the length: check the slope of x².",
                "d/dx x² = 2x."),
        Mistake("step_only", "−η J′(x₀)",
                "That is the step itself, not the new point: the new point is the old one plus "
                "the step.", "Start from x₀ and move by the step."),
        Mistake("used_height", "x₀ − η J(x₀)",
                "You used the height J(x₀) where the slope J′(x₀) belongs.",
                "Gradient descent follows the slope, J′, not the value, J."),
        Mistake("gave_height", "J(x₁)",
                "That is the height J(x₁) of the new point; the question asks for its position x₁.",
                "Give x₁ itself, before squaring."),
    ),
    answer_keys=("0.6", "3 - 0.4 * 6", "3 − 2.4"),
)


def check_first_step(x1) -> Feedback:
    """Check the reader's x₁ for one step of descent on J = x² from x₀ = 3 with η = 0.4."""
    ex, x0, lr = FIRST_STEP, 3.0, 0.4
    if is_placeholder(x1):
        return not_attempted(ex)
    try:
        answer = as_number(x1, "one number, x₁")
    except Unusable as problem:
        return unusable(ex, problem)
    right = x0 - lr * 2 * x0
    if close(answer, right, rtol=1e-6):
        return correct(f"Correct: J′(3) = 6, the step is η · 6 = {lr * 6:g}, so x₁ = {right:g} — "
                       "closer to the minimum at 0.")
    key = first_match(answer, {
        "uphill": x0 + lr * 2 * x0, "forgot_lr": x0 - 2 * x0, "forgot_factor_2": x0 - lr * x0,
        "step_only": alternatives(-lr * 2 * x0, lr * 2 * x0), "used_height": x0 - lr * x0 ** 2,
        "gave_height": right ** 2})
    return wrong(ex, key)


# -- notebook 01: the update loop -----------------------------------------------------------------

DESCENT_LOOP = Exercise(
    key="01.descent_loop", notebook="01", title="Exercise 1 — the loop", check="check_descent_loop",
    not_attempted="Not attempted yet: your function returns only the start point. Write the loop, "
                  "then run the cell.",
    unexplained="Your list of points is not the descent path.",
    hint="Inside the loop: compute the new x from the current x, then append it. Print xs to see "
         "your points.",
    mistakes=(
        Mistake("uphill", "x + lr·df(x)", "Your first step moved uphill: the point went further "
                "from the minimum of x².", "Step against the slope."),
        Mistake("forgot_lr", "x − df(x)", "Your step ignores the learning rate `lr`.",
                "The step is lr times the slope."),
        Mistake("step_too_long", "x − 2·lr·df(x)", "Your steps point the right way but are twice "
                "as long as the rule says.", "One step moves by lr · df(x), with no extra factor."),
        Mistake("step_too_short", "x − lr·df(x)/2", "Your steps point the right way but are half "
                "as long as the rule says.", "One step moves by lr · df(x), with no extra factor."),
        Mistake("lr_twice", "x − lr·lr·df(x)", "Your steps are far too short: the learning rate "
                "enters twice.", "Multiply the slope by lr once."),
        Mistake("restarts_from_x0", "x_new = x0 − lr·df(x0) every time", "All your points after "
                "the first are the same: each step starts again from x0 instead of the previous "
                "point.", "Keep one variable x and overwrite it at every step."),
        Mistake("appends_before_update", "xs.append(x) before updating x", "Your list repeats x0: "
                "you append before updating, so the last step is missing.",
                "Update x first, then append the new value."),
        Mistake("missing_start", "the list without x0", "Your list should start with the start "
                "point x0.", "Begin from xs = [x0], as the stub does."),
        Mistake("wrong_count", "range(steps − 1), range(steps + 1)", "Your list has the wrong "
                "length: it should hold the start plus one point per step.",
                "With steps = 5 the list holds 6 points."),
        Mistake("ignores_df", "a slope typed in (2·x) instead of calling df", "Your loop does not "
                "use the `df` it is given: with a different slope function it gave the points "
                "of x².", "Call df(x) for the slope; the check passes other functions too."),
        Mistake("returned_last_point", "return x", "Your function returned one number: return the "
                "whole list of points.", "Return xs, not x."),
    ),
    answer_keys=("x - lr * df(x)", "x − lr·df(x)"),
)


def _descent_points(df, x0, lr, steps, factor=1.0):
    xs, x = [x0], x0
    for _ in range(steps):
        x = x - factor * lr * df(x)
        xs.append(x)
    return xs


def check_descent_loop(descend: Callable) -> Feedback:
    """Check ``descend(df, x0, lr, steps)``, which must return [x0, x1, …, x_steps].

    Two cases: J = x² (df = 2x) from 2, and J = sin (df = cos) from 1, so a slope typed into the
    loop is caught.
    """
    ex = DESCENT_LOOP
    cases = [(lambda x: 2 * x, 2.0, 0.1, 5), (np.cos, 1.0, 0.3, 4)]
    answers = []
    for df, x0, lr, steps in cases:
        xs, problem = call_student(descend, df, x0, lr, steps, read=_read_points)
        if problem == "not attempted":
            return not_attempted(ex)
        if problem is not None:
            return unusable(ex, problem)
        answers.append(xs)
    if answers[0].size == 1 and close(answers[0][0], cases[0][1]):
        return not_attempted(ex)
    for (df, x0, lr, steps), xs in zip(cases, answers):
        expected = _descent_points(df, x0, lr, steps)
        if close(xs, expected, rtol=1e-9):
            continue
        if xs.size == 1:
            return wrong(ex, "returned_last_point")
        return wrong(ex, _loop_mistake(xs, df, x0, lr, steps))
    end = answers[0][-1]
    return correct(f"Correct: from x0 = 2 with lr = 0.1, five steps reach x5 = {end:.5f}, each "
                   "×0.8 the one before; and your loop follows any slope function it is given.")


def _read_points(value):
    if isinstance(value, (int, float, np.number)):
        return np.array([as_number(value)])
    return as_array(value, "the list of points [x0, x1, …]").reshape(-1)


def _loop_mistake(xs, df, x0, lr, steps) -> str | None:
    path = lambda factor=1.0, n=steps: np.array(_descent_points(df, x0, lr, n, factor))
    key = first_match(xs, {
        "uphill": path(-1.0), "forgot_lr": path(1 / lr), "step_too_long": path(2.0),
        "step_too_short": path(0.5), "lr_twice": path(lr),
        "restarts_from_x0": np.array([x0] + [x0 - lr * df(x0)] * steps),
        "appends_before_update": path(n=steps)[[0, *range(steps)]],
        "missing_start": path()[1:],
        "wrong_count": alternatives(path(n=steps - 1), path(n=steps + 1)),
        "ignores_df": np.array(_descent_points(lambda x: 2 * x, x0, lr, steps))}, rtol=1e-9)
    if key is None and len(xs) != steps + 1:
        return "wrong_count"
    return key


# -- notebook 01: the central difference --------------------------------------------------------

CENTRAL_DIFFERENCE = Exercise(
    key="01.central_difference", notebook="01", title="Exercise 2 — the central difference",
    check="check_central_difference",
    not_attempted="Not attempted yet: replace the `raise NotImplementedError` line with your "
                  "code, then run the cell.",
    unexplained="Your estimate is not the slope.",
    hint="Evaluate f once on each side of x, a distance h away, and divide the rise by the run.",
    mistakes=(
        Mistake("forward_difference", "(f(x + h) − f(x)) / h", "That is the forward difference: "
                "it looks only to the right of x, so its error shrinks like h, not h².",
                "Use one point on each side of x."),
        Mistake("backward_difference", "(f(x) − f(x − h)) / h", "That is the backward difference: "
                "it looks only to the left of x, so its error shrinks like h, not h².",
                "Use one point on each side of x."),
        Mistake("one_sided_over_2h", "(f(x + h) − f(x)) / (2h)", "Your two points are only h "
                "apart, but you divide by 2h: a one-sided difference over the central run.",
                "Use points on both sides of x; then the run really is 2h."),
        Mistake("precedence", "(f(x + h) − f(x − h)) / 2*h", "Python reads `/ 2*h` as “divide by "
                "2, then multiply by h”, so your estimate is tiny (the slope times h²).",
                "Put the whole denominator in brackets."),
        Mistake("divides_by_h", "(f(x + h) − f(x − h)) / h", "Your estimate is twice the slope: "
                "the two points x ± h are further apart than h.",
                "The run is the distance between the two points."),
        Mistake("divides_by_4h", "(f(x + h) − f(x − h)) / (4h)", "Your estimate is half the "
                "slope: you divide by twice the distance between the points.",
                "The run is the distance between the two points."),
        Mistake("sign", "(f(x − h) − f(x + h)) / (2h)", "Your estimate has the wrong sign: the "
                "rise is taken from the right point to the left one.",
                "Subtract the left value from the right value."),
        Mistake("ignores_h", "a fixed step (e.g. 1e-3) instead of h", "Your function does not "
                "use the `h` it is given: with h = 0.01 it gave the same estimate as a different "
                "step.", "Use the argument h everywhere, not a number typed in."),
    ),
    answer_keys=("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) − f(x − h)) / (2h)"),
)


def _central(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def check_central_difference(derivative: Callable) -> Feedback:
    """Check ``derivative(f, x, h)``: the central difference, on sin and exp at a few points.

    With h = 1e-5 the answer must match the true slope to 1e-7 (so a five-point stencil passes
    too); with h = 0.01 it must match the central difference at that h (so h is really used).
    """
    ex = CENTRAL_DIFFERENCE
    slope = {np.sin: np.cos, np.exp: np.exp}
    cases = [(np.sin, 1.2, 1e-2), (np.sin, 0.3, 1e-5), (np.sin, 1.2, 1e-5), (np.exp, -0.5, 1e-5)]
    for f, x, h in cases:
        value, problem = call_student(derivative, f, x, h, read=as_number)
        if problem == "not attempted":
            return not_attempted(ex)
        if problem is not None:
            return unusable(ex, problem)
        true = float(slope[f](x))
        good = (close(value, true, rtol=1e-7) if h < 1e-3 else
                close(value, _central(f, x, h), rtol=1e-9) or close(value, true, rtol=1e-8))
        if good:
            continue
        return wrong(ex, _difference_mistake(value, f, x, h, true),
                     f"(For {f.__name__} at x = {x} with h = {h:g} you return {value:.8g}.)")
    return correct(f"Correct: sin′(0.3) ≈ {_central(np.sin, 0.3, 1e-5):.10f}, and cos(0.3) = "
                   f"{np.cos(0.3):.10f} (they agree to about 1e-11).")


def _difference_mistake(value, f, x, h, true) -> str | None:
    key = first_match(value, {
        "forward_difference": (f(x + h) - f(x)) / h,
        "backward_difference": (f(x) - f(x - h)) / h,
        "one_sided_over_2h": alternatives((f(x + h) - f(x)) / (2 * h), (f(x) - f(x - h)) / (2 * h)),
        "precedence": (f(x + h) - f(x - h)) / 2 * h,
        "divides_by_h": (f(x + h) - f(x - h)) / h,
        "divides_by_4h": (f(x + h) - f(x - h)) / (4 * h),
        "sign": -_central(f, x, h)}, rtol=1e-7)
    if key is None and h > 1e-3 and close(value, true, rtol=1e-3):
        return "ignores_h"  # near the slope, but not the central difference of this h
    return key
