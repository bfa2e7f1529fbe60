"""Checks for notebook 01: the update loop and the central difference."""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..calculus import central_difference
from .feedback import Feedback, call_student, report


# -- notebook 01: the update loop ---------------------------------------------------

def check_descent_loop(descend: Callable) -> Feedback:
    """Check ``descend(df, x0, lr, steps)``, which must return [x0, x1, …, x_steps]."""
    df = lambda x: 2 * x  # slope of J(x) = x²
    x0, lr, steps = 2.0, 0.1, 5
    expected = [x0 * (1 - 2 * lr) ** k for k in range(steps + 1)]
    result, error = call_student(descend, df, x0, lr, steps)
    if error == "not attempted":
        return report("not attempted", "Not attempted yet: fill in the loop, then run this cell again.")
    if error:
        return report("wrong", f"Your function raised {error}.")
    try:
        xs = [float(x) for x in result]
    except (TypeError, ValueError):
        return report("wrong", "Return the list of all points [x0, x1, …], not a single number.")
    if len(xs) <= 1:
        return report("not attempted", "Not attempted yet: your function returned only the start "
                       "point. Repeat `steps` times: x ← x − lr · df(x), appending each x.")
    if len(xs) != steps + 1:
        return report("wrong", f"With steps={steps} the list should hold {steps + 1} points "
                       f"(the start plus one per step); yours has {len(xs)}.")
    if not np.isclose(xs[0], x0):
        return report("wrong", f"The list should start with x0 = {x0}; yours starts with {xs[0]:.4g}.")
    if xs[1] > x0 + 1e-12:
        return report("wrong", f"Your first step moved uphill at x={x0}: from {x0} to {xs[1]:.4g}. "
                       "Step against the slope: x − lr·df(x), with a minus.")
    if np.isclose(xs[1], x0 - df(x0)):
        return report("wrong", "Your step ignores the learning rate: multiply the slope by lr.")
    if not np.allclose(xs, expected, rtol=1e-9, atol=1e-12):
        k = int(np.argmax(~np.isclose(xs, expected, rtol=1e-9, atol=1e-12)))
        return report("wrong", f"Point {k} should be {expected[k]:.6g} but is {xs[k]:.6g}: "
                       "check that each step starts from the previous point.")
    return report("correct", f"Correct: from x0 = {x0} with lr = {lr}, five steps reach "
                   f"x5 = {xs[-1]:.5f}, each ×{1 - 2 * lr:.1f} the one before.")


# -- notebook 01: the central difference ---------------------------------------------

def check_central_difference(derivative: Callable) -> Feedback:
    """Check ``derivative(f, x, h)`` against the central difference on sin at several points."""
    cases = [(np.sin, 0.3), (np.sin, 1.2), (np.exp, -0.5)]
    exact = {np.sin: np.cos, np.exp: np.exp}
    h = 1e-5
    first, error = call_student(derivative, *cases[0], h)
    if error == "not attempted" or first is None and error is None:
        return report("not attempted", "Not attempted yet: return (f(x + h) − f(x − h)) / (2h).")
    if error:
        return report("wrong", f"Your function raised {error}.")
    for f, x in cases:
        value, error = call_student(derivative, f, x, h)
        if error:
            return report("wrong", f"Your function raised {error}.")
        value, true = float(value), float(exact[f](x))
        if np.isclose(value, true, rtol=1e-7):
            continue
        ratio = value / true if true else np.inf
        if np.isclose(ratio, 2, rtol=1e-4):
            return report("wrong", "Your derivative is off by a factor 2: divide by 2h, not h.")
        if np.isclose(ratio, 0.5, rtol=1e-4):
            return report("wrong", "Your derivative is off by a factor 1/2: the points x ± h "
                           "are 2h apart, so divide by 2h (not 4h).")
        if np.isclose(ratio, -1, rtol=1e-4):
            return report("wrong", "Your derivative has the wrong sign: take f(x + h) − f(x − h).")
        if np.isclose(value, float((f(x + h) - f(x)) / h), rtol=1e-9):
            return report("wrong", "That is the forward difference (error ∝ h). Use both "
                           "neighbours: (f(x + h) − f(x − h)) / (2h), error ∝ h².")
        return report("wrong", f"At x = {x} for {f.__name__} you return {value:.8g}; the slope "
                       f"is {true:.8g}.")
    check = float(central_difference(np.sin, 0.3, h))
    return report("correct", f"Correct: sin′(0.3) ≈ {check:.10f}, and cos(0.3) = "
                   f"{np.cos(0.3):.10f} (they agree to about 1e-11).")
