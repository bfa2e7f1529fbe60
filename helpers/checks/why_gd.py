"""Checks for notebook 08 (why gradient descent trains networks): the edge-of-stability
prediction and the normalised margin."""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from .feedback import Feedback, call_student, report

#: The step size of the sharpness exercise.
EDGE_EXERCISE_LR = 0.05


def check_edge_prediction(answer) -> Feedback:
    """Check a predicted sharpness plateau for full-batch GD with η = EDGE_EXERCISE_LR."""
    lr = EDGE_EXERCISE_LR
    if answer is None:
        return report("not attempted", "Not attempted yet: set `prediction` to a number, then run this cell again.")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return report("wrong", f"Give one number (the sharpness λ_max), not {type(answer).__name__}.")
    if not math.isfinite(value):
        return report("wrong", "Give a finite number.")
    expected = 2 / lr
    if math.isclose(value, expected, rel_tol=0.02):
        return report("correct", f"Correct: with η = {lr:g} the sharpness rises until it reaches about "
                      f"2/η = {expected:g} and hovers there (an observation, not a theorem).")
    if math.isclose(value, 1 / lr, rel_tol=0.02):
        return report("wrong", "1/η is the curvature at which one step lands exactly on the minimum of a "
                      "quadratic. Stability is lost later: at which curvature does |1 − ηλ| reach 1?")
    if math.isclose(value, 2 * lr, rel_tol=0.02) or math.isclose(value, lr / 2, rel_tol=0.02):
        return report("wrong", "That number is a step size, not a curvature: the threshold grows as η shrinks.")
    return report("wrong", "Not quite. Think of notebook 03: gradient descent on λx²/2 multiplies x by "
                  "(1 − ηλ) each step. For which λ does that factor reach −1?")


def _margin_cases():
    X = np.array([[2.0, 1.0], [1.0, 3.0], [-1.5, -0.5], [-0.5, -2.0]])
    y = np.array([1.0, 1.0, -1.0, -1.0])
    return X, y, [np.array([1.0, 0.0]), np.array([3.0, 4.0]), np.array([1.0, 1.0])]


def check_normalised_margin(margin: Callable) -> Feedback:
    """Check ``margin(w, X, y)`` = min_i yᵢ w·xᵢ / ‖w‖ (labels ±1)."""
    X, y, ws = _margin_cases()
    results = []
    for w in ws:
        result, error = call_student(margin, w.copy(), X.copy(), y.copy())
        if error == "not attempted":
            return report("not attempted", "Not attempted yet: replace the `raise NotImplementedError` "
                          "line, then run this cell again.")
        if error:
            return report("wrong", f"Your function raised {error}.")
        try:
            results.append(float(result))
        except (TypeError, ValueError):
            return report("wrong", "Return one number (the margin of w on the whole data set), not an array.")
    scores = [y * (X @ w) for w in ws]
    norms = [np.linalg.norm(w) for w in ws]
    expected = [s.min() / n for s, n in zip(scores, norms)]
    if np.allclose(results, expected, rtol=1e-9):
        return report("correct", f"Correct: for w = (3, 4) the margin is {expected[1]:.3f}, the distance "
                      "from the line w·x = 0 to the nearest point.")
    if np.allclose(results, [s.min() for s in scores], rtol=1e-9):
        return report("wrong", "Divide by ‖w‖: without it, doubling w doubles your margin, although the "
                      "line w·x = 0 does not move.")
    if np.allclose(results, [s.mean() / n for s, n in zip(scores, norms)], rtol=1e-9):
        return report("wrong", "The margin is set by the *nearest* point: take the minimum over i, not the mean.")
    if np.allclose(results, [(X @ w).min() / n for w, n in zip(ws, norms)], rtol=1e-9) or \
            np.allclose(results, [np.abs(X @ w).min() / n for w, n in zip(ws, norms)], rtol=1e-9):
        return report("wrong", "Multiply by the label yᵢ: a point is on the right side when yᵢ w·xᵢ > 0.")
    return report("wrong", "Not yet: for w = (1, 0) and these four points the margin should be "
                  "min over i of yᵢ w·xᵢ / ‖w‖. Compare your number with that formula term by term.")
