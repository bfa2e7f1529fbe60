"""Feedback for the "Check yourself" exercises of notebooks 02 and 03.

Same contract as :mod:`helpers.checks`: each ``check_*`` runs or reads the
reader's answer, prints one specific verdict and returns it as a Feedback.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..calculus import numerical_gradient
from .feedback import Feedback, call_student, report
from ..step_size import optimal_rate, optimal_step, stability_limit

# -- notebook 02: a gradient by hand ------------------------------------------------

#: The function of exercise 1 in notebook 02 (written out in the notebook too).
def exercise_function(w) -> float:
    """J(x, y) = x² + 3xy + 5y² + 2x."""
    x, y = w
    return x * x + 3 * x * y + 5 * y * y + 2 * x


def check_gradient_2d(gradient: Callable) -> Feedback:
    """Check the reader's ``gradient(w)`` of J(x, y) = x² + 3xy + 5y² + 2x at a few points."""
    points = [np.array(p) for p in ((1.0, 2.0), (-0.5, 0.3), (2.0, -1.0))]
    first, error = call_student(gradient, points[0])
    if error == "not attempted" or (first is None and error is None):
        return report("not attempted", "Not attempted yet: return [∂J/∂x, ∂J/∂y] as an array.")
    if error:
        return report("wrong", f"Your function raised {error}.")
    for p in points:
        value, error = call_student(gradient, p)
        if error:
            return report("wrong", f"Your function raised {error}.")
        value = np.asarray(value, dtype=float).ravel()
        if value.shape != (2,):
            return report("wrong", f"Return two numbers [∂J/∂x, ∂J/∂y]; yours has shape {value.shape}.")
        true = numerical_gradient(exercise_function, p)
        wrong = ~np.isclose(value, true, rtol=1e-5, atol=1e-6)
        if not wrong.any():
            continue
        if np.allclose(value, true[::-1], rtol=1e-5):
            return report("wrong", "Your two components are swapped: the first is ∂J/∂x.")
        name, exact = ("∂J/∂x", "2x + 3y + 2") if wrong[0] else ("∂J/∂y", "3x + 10y")
        i = 0 if wrong[0] else 1
        return report("wrong", f"At (x, y) = ({p[0]:g}, {p[1]:g}) your {name} is {value[i]:.6g} but "
                       f"it should be {true[i]:.6g}. Differentiate term by term, holding the other "
                       f"variable fixed (the answer has the form {exact.split('+')[0].strip()} + …).")
    return report("correct", "Correct: ∇J = [2x + 3y + 2, 3x + 10y], and it agrees with central "
                   "differences at every point tried.")


# -- notebook 02: the vectorised update ---------------------------------------------

def check_vectorised_step(step_all: Callable) -> Feedback:
    """Check ``step_all(X, lr)``: one GD step from every row of X (shape (n, 2)) on ½ xᵀAx."""
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -3.0], [2.0, 2.0]])
    lr = 0.1
    expected = X - lr * X @ A
    result, error = call_student(step_all, X.copy(), lr)
    if error == "not attempted" or (result is None and error is None):
        return report("not attempted", "Not attempted yet: return X − lr · (X @ A), all rows at once.")
    if error:
        return report("wrong", f"Your function raised {error}.")
    result = np.asarray(result, dtype=float)
    if result.shape != X.shape:
        return report("wrong", f"With {len(X)} starts the result should have shape {X.shape} "
                       f"(one new point per row); yours has {result.shape}.")
    if np.allclose(result, expected):
        return report("correct", "Correct: one line moves all four starts; each row is "
                       "x − η A x (A is symmetric, so X @ A gives every Ax as a row).")
    if np.allclose(result, X + lr * X @ A):
        return report("wrong", "Every point moved uphill: subtract the gradient (x − η∇J).")
    if np.allclose(result, X - X @ A):
        return report("wrong", "Your step ignores the learning rate: multiply the gradient by lr.")
    if np.allclose(result, X - lr * X @ A.T @ A) or np.allclose(result, X - lr * A):
        return report("wrong", "The gradient of ½ xᵀAx is Ax; for rows of X that is X @ A.")
    rows = np.flatnonzero(~np.all(np.isclose(result, expected), axis=1))
    return report("wrong", f"Row {rows[0]} should be {np.round(expected[rows[0]], 4).tolist()} but is "
                   f"{np.round(result[rows[0]], 4).tolist()}.")


# -- notebook 03: predict the cliff and the best step ----------------------------------

#: The matrix of the notebook-03 exercise.
EXERCISE_MATRIX = np.array([[5.0, 3.0], [3.0, 5.0]])


def check_cliff_prediction(cliff) -> Feedback:
    """Check the reader's η at which descent on ½ xᵀAx with A = EXERCISE_MATRIX stops converging."""
    lam_min, lam_max = np.linalg.eigvalsh(EXERCISE_MATRIX)
    truth = stability_limit(lam_max)
    if cliff is None or cliff is ...:
        return report("not attempted", "Not attempted yet: set my_cliff to a number.")
    try:
        cliff = float(cliff)
    except (TypeError, ValueError):
        return report("wrong", "Give one number for the learning rate.")
    if np.isclose(cliff, truth, rtol=1e-3):
        return report("correct", f"Correct: the eigenvalues of A are {lam_min:g} and {lam_max:g}, so "
                       f"descent converges iff η < 2/λ_max = {truth:g}.")
    hints = [
        (2 / EXERCISE_MATRIX[0, 0], "2 divided by a diagonal entry ignores the coupling 3xy: "
         "use the eigenvalues of A, not its diagonal."),
        (2 / lam_min, f"2/λ_min is the limit of the slow direction (λ = {lam_min:g}); the fast "
         "one, with the largest eigenvalue, blows up first."),
        (1 / lam_max, "1/λ_max is where the fast direction starts to oscillate; it still "
         "converges until 2/λ_max."),
        (optimal_step(lam_min, lam_max), "That is the best step 2/(λ_min + λ_max); the cliff is "
         "further out."),
    ]
    for value, hint in hints:
        if np.isclose(cliff, value, rtol=1e-3):
            return report("wrong", hint)
    return report("wrong", f"Not quite ({cliff:.4g}). Find the eigenvalues of A "
                   "(np.linalg.eigvalsh) and apply η < 2/λ_max.")


def check_best_step(lr, rate) -> Feedback:
    """Check the reader's best fixed step and its contraction per step for A = EXERCISE_MATRIX."""
    lam_min, lam_max = np.linalg.eigvalsh(EXERCISE_MATRIX)
    best, best_rate = optimal_step(lam_min, lam_max), optimal_rate(lam_max / lam_min)
    if lr is None or rate is None or lr is ... or rate is ...:
        return report("not attempted", "Not attempted yet: set best_lr and best_rate.")
    try:
        lr, rate = float(lr), float(rate)
    except (TypeError, ValueError):
        return report("wrong", "Give a number for each of best_lr and best_rate.")
    if not np.isclose(lr, best, rtol=1e-3):
        if np.isclose(lr, 1 / lam_max, rtol=1e-3):
            return report("wrong", "1/λ_max is perfect for the fast direction alone but leaves "
                           f"the slow one shrinking by only 1 − λ_min/λ_max = {1 - lam_min / lam_max:g}. "
                           "Balance the two: |1 − ηλ_min| = |1 − ηλ_max|.")
        return report("wrong", f"best_lr = {lr:.4g} is not it: solve 1 − ηλ_min = ηλ_max − 1.")
    if not np.isclose(rate, best_rate, rtol=1e-3):
        return report("wrong", f"best_lr is right. The rate is |1 − η λ_min| at that η, which equals "
                       "(κ − 1)/(κ + 1); yours is " f"{rate:.4g}.")
    return report("correct", f"Correct: η* = 2/({lam_min:g} + {lam_max:g}) = {best:g} and each step "
                   f"shrinks the error by (κ − 1)/(κ + 1) = {best_rate:g} (κ = {lam_max / lam_min:g}).")
