"""Checks for notebooks 02 and 03: a gradient by hand, the vectorised step, the cliff, the best
fixed step.

Each exercise's catalogue of mistakes is the data at the top of its section (see
:mod:`helpers.checks.feedback` for the contract).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..step_size import optimal_rate, optimal_step, stability_limit
from .feedback import (Exercise, Feedback, Mistake, Unusable, alternatives, as_array, as_number,
                       call_student, close, correct, first_match, is_placeholder, not_attempted,
                       unusable, wrong)

# -- notebook 02: a gradient by hand -----------------------------------------------------------

GRADIENT_2D = Exercise(
    key="02.gradient_2d", notebook="02", title="Exercise 1 — a gradient by hand",
    check="check_gradient_2d",
    not_attempted="Not attempted yet: replace the `raise NotImplementedError` line with your "
                  "code, then run the cell.",
    unexplained="Your gradient is not ∇J.",
    hint="Differentiate J term by term: once treating y as a constant (∂J/∂x), once treating x "
         "as a constant (∂J/∂y).",
    mistakes=(
        Mistake("swapped", "[∂J/∂y, ∂J/∂x]", "Your two components are in the wrong order.",
                "The first entry is the derivative with respect to x."),
        Mistake("sign", "−∇J", "Your gradient points the wrong way: every component has the "
                "wrong sign.", "∇J points uphill; the minus sign belongs in the update, not here."),
        Mistake("doubled", "2∇J", "Your gradient is twice too long: each component has an extra "
                "factor 2.", "The derivative of x² is 2x, of 3xy is 3y: no factor is doubled."),
        Mistake("halved", "½∇J", "Your gradient is half as long as it should be.",
                "The derivative of x² is 2x, not x."),
        Mistake("lost_constant", "2x + 3y (the +2 dropped)", "Your ∂J/∂x misses the "
                "contribution of the linear term 2x.", "A term a·x contributes a to ∂J/∂x."),
        Mistake("cross_term_as_constant", "3xy differentiated as 3", "You differentiated 3xy as "
                "if it were 3x or 3y alone: the other variable is a factor that stays.",
                "Holding y fixed, 3xy is (3y)·x."),
        Mistake("cross_term_in_one_component", "3xy left out of one component", "The term 3xy "
                "depends on both x and y, so it contributes to both partial derivatives.",
                "Differentiate 3xy with respect to x and, separately, with respect to y."),
        Mistake("square_as_linear", "5y² → 5y or x² → x", "You differentiated a square as if it "
                "were linear: the power rule brings down a factor 2.", "d/dy (5y²) = 5·2y."),
        Mistake("returned_value", "J(x, y) itself", "Your function returned one number, the "
                "value of J: the gradient is a pair of slopes.",
                "Return an array of two numbers, [∂J/∂x, ∂J/∂y]."),
    ),
    answer_keys=("2 * x + 3 * y + 2", "3 * x + 10 * y", "2x + 3y + 2", "3x + 10y"),
)


def exercise_function(w) -> float:
    """J(x, y) = x² + 3xy + 5y² + 2x, the function of exercise 1 in notebook 02."""
    x, y = w
    return x * x + 3 * x * y + 5 * y * y + 2 * x


def _gradient(x, y):
    return np.array([2 * x + 3 * y + 2, 3 * x + 10 * y])


def check_gradient_2d(gradient: Callable) -> Feedback:
    """Check the reader's ``gradient(w)`` of J(x, y) = x² + 3xy + 5y² + 2x at a few points."""
    ex = GRADIENT_2D
    for p in ((1.0, 2.0), (-0.5, 0.3), (2.0, -1.0)):
        value, problem = call_student(gradient, np.array(p), read=as_array)
        if problem == "not attempted":
            return not_attempted(ex)
        if problem is not None:
            return unusable(ex, problem)
        x, y = p
        true = _gradient(x, y)
        if value.size == 1 and close(value.ravel()[0], exercise_function(p)):
            return wrong(ex, "returned_value")
        if value.size != 2:
            return unusable(ex, Unusable("wrong_shape", f"Your gradient holds {value.size} "
                                         "values: return two, [∂J/∂x, ∂J/∂y]."))
        value = value.reshape(2)
        if close(value, true, rtol=1e-6, atol=1e-9):
            continue
        key = first_match(value, {
            "swapped": true[::-1], "sign": -true, "doubled": 2 * true, "halved": true / 2,
            "lost_constant": true - [2, 0],
            "cross_term_as_constant": alternatives(true + [3 - 3 * y, 3 - 3 * x],
                                                   true + [3 - 3 * y, 0], true + [0, 3 - 3 * x]),
            "cross_term_in_one_component": alternatives(true - [3 * y, 0], true - [0, 3 * x]),
            "square_as_linear": alternatives(true - [0, 5 * y], true - [x, 0], true - [x, 5 * y]),
        }, rtol=1e-6, atol=1e-9)
        return wrong(ex, key, f"(At (x, y) = ({x:g}, {y:g}) you return "
                     f"[{value[0]:.4g}, {value[1]:.4g}].)")
    return correct("Correct: your gradient agrees with the partial derivatives at every point "
                   "tried (and with central differences).")


# -- notebook 02: the vectorised update ------------------------------------------------------

VECTORISED_STEP = Exercise(
    key="02.vectorised_step", notebook="02", title="Exercise 2 — the vectorised update",
    check="check_vectorised_step",
    not_attempted="Not attempted yet: replace the `raise NotImplementedError` line with your "
                  "code, then run the cell.",
    unexplained="Your rows are not one gradient-descent step from each start.",
    hint="For one point the step is w − η · (gradient at w); write the same with the whole "
         "array X, whose rows are the points.",
    mistakes=(
        Mistake("uphill", "X + lr · X @ A", "Every point moved uphill: the gradient was added.",
                "Descent subtracts the gradient."),
        Mistake("forgot_lr", "X − X @ A", "Your step ignores the learning rate `lr`.",
                "Multiply the gradient by lr."),
        Mistake("forgot_half", "X − 2 lr · X @ A", "Your step is twice too long: the gradient of "
                "½ wᵀAw has no factor 2 — the ½ cancels the 2 from differentiating the square.",
                "Differentiate ½ a w² in one dimension: a w."),
        Mistake("half_step", "X − ½ lr · X @ A", "Your step is half as long as it should be: "
                "the ½ in ½ wᵀAw is already used up by the derivative.",
                "Differentiate ½ a w² in one dimension: a w."),
        Mistake("step_only", "−lr · X @ A", "You returned only the steps, not the new points.",
                "Add each step to the point it starts from."),
        Mistake("diagonal_only", "X − lr · X * diag(A)", "Your gradient uses only the diagonal of "
                "A: the off-diagonal entries couple x and y.",
                "Use the matrix product with the whole A."),
        Mistake("transposed", "(X − lr · X @ A).T, or A @ X.T", "Your result is transposed: one "
                "point per column. Return one point per row, like X.",
                "The result has the shape of X."),
        Mistake("gradient_only", "X @ A (or lr · X @ A)", "You returned the gradient (or the "
                "scaled gradient), not the new points.", "The new point is the old one minus "
                "lr times the gradient."),
    ),
    answer_keys=("X - lr * X @ A", "X − lr · (X @ A)", "X - lr*(X @ A)"),
)


def check_vectorised_step(step_all: Callable) -> Feedback:
    """Check ``step_all(X, lr)``: one GD step from every row of X (shape (n, 2)) on ½ wᵀAw."""
    ex = VECTORISED_STEP
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -3.0], [2.0, 2.0]])
    lr = 0.1
    result, problem = call_student(step_all, X, lr, read=as_array)
    if problem == "not attempted":
        return not_attempted(ex)
    if problem is not None:
        return unusable(ex, problem)
    expected, grad = X - lr * X @ A, X @ A
    if close(result, expected, rtol=1e-9):
        return correct("Correct: one line moves all four starts; each row is w − η A w "
                       "(A is symmetric, so X @ A gives every Aw as a row).")
    key = first_match(result, {
        "uphill": X + lr * grad, "forgot_lr": X - grad, "forgot_half": X - 2 * lr * grad,
        "half_step": X - 0.5 * lr * grad, "step_only": alternatives(-lr * grad, lr * grad),
        "diagonal_only": X - lr * X * np.diag(A), "transposed": expected.T,
        "gradient_only": alternatives(grad, lr * grad)}, rtol=1e-9)
    if key is None and result.shape != X.shape:
        return unusable(ex, Unusable("wrong_shape", f"With {len(X)} starts the result should "
                                     f"have shape {X.shape}, one new point per row; yours has "
                                     f"shape {result.shape}."))
    return wrong(ex, key)


# -- notebook 03: predict the cliff and the best step -----------------------------------------

#: The matrix of the notebook-03 exercises.
EXERCISE_MATRIX = np.array([[5.0, 3.0], [3.0, 5.0]])

CLIFF = Exercise(
    key="03.cliff", notebook="03", title="Exercise 1 — predict the cliff",
    check="check_cliff_prediction",
    not_attempted="Not attempted yet: set my_cliff to a number, then run the cell.",
    unexplained="Not the cliff.",
    hint="Find the eigenvalues of A (np.linalg.eigvalsh); the direction with the largest "
         "eigenvalue is the first to blow up (section 2).",
    mistakes=(
        Mistake("diagonal", "2 / A[0, 0]", "You used a diagonal entry of A: the coupling 3xy "
                "changes the curvatures, which are the eigenvalues, not the diagonal.",
                "Use the eigenvalues of A."),
        Mistake("smallest_eigenvalue", "2 / λ_min", "That is the limit of the slow, flat "
                "direction: the steep direction blows up at a smaller η.",
                "Which eigenvalue gives the smallest limit?"),
        Mistake("oscillation_start", "1 / λ_max", "At that η the steep direction only starts "
                "to oscillate; it still converges for somewhat larger steps.",
                "Section 1: oscillating but converging lasts until the factor 1 − ηλ reaches −1."),
        Mistake("best_step", "2 / (λ_min + λ_max)", "That is the best fixed step (exercise 2); "
                "the cliff lies further out.", "At the cliff, |1 − ηλ| = 1 for the steepest "
                "direction."),
        Mistake("one_over_smallest", "1 / λ_min", "That uses the flat direction's eigenvalue, "
                "and 1 instead of 2: descent has diverged long before.",
                "Use the largest eigenvalue and the factor 1 − ηλ = −1."),
        Mistake("negative", "a negative η", "A learning rate is positive: a negative one climbs "
                "uphill at every step.", "Give the size of the largest η that still converges."),
    ),
    answer_keys=("0.25", "2/λ_max = 0.25"),
)


def _eigenvalues():
    lam_min, lam_max = np.linalg.eigvalsh(EXERCISE_MATRIX)
    return float(lam_min), float(lam_max)


def check_cliff_prediction(cliff) -> Feedback:
    """Check the reader's η at which descent on ½ wᵀAw with A = EXERCISE_MATRIX stops converging."""
    ex = CLIFF
    if is_placeholder(cliff):
        return not_attempted(ex)
    try:
        guess = as_number(cliff, "one number, the learning rate")
    except Unusable as problem:
        return unusable(ex, problem)
    lam_min, lam_max = _eigenvalues()
    truth = stability_limit(lam_max)
    if close(guess, truth, rtol=1e-3):
        return correct(f"Correct: the eigenvalues of A are {lam_min:g} and {lam_max:g}, so "
                       f"descent converges iff η < 2/λ_max = {truth:g}.")
    key = first_match(guess, {
        "diagonal": 2 / EXERCISE_MATRIX[0, 0], "smallest_eigenvalue": 2 / lam_min,
        "oscillation_start": 1 / lam_max, "best_step": optimal_step(lam_min, lam_max),
        "one_over_smallest": 1 / lam_min}, rtol=1e-3)
    if key is None and guess < 0:
        key = "negative"
    return wrong(ex, key)


BEST_STEP = Exercise(
    key="03.best_step", notebook="03", title="Exercise 2 — the best fixed step",
    check="check_best_step",
    not_attempted="Not attempted yet: set best_lr and best_rate, then run the cell.",
    unexplained="Not quite.",
    hint="The best η makes the slow and the fast direction shrink equally fast: "
         "|1 − ηλ_min| = |1 − ηλ_max| (section 4).",
    mistakes=(
        Mistake("fast_direction_only", "best_lr = 1 / λ_max", "That η is perfect for the steep "
                "direction alone, but the flat one then shrinks very slowly.",
                "Balance the two directions' factors."),
        Mistake("cliff_as_best", "best_lr = 2 / λ_max", "That is the cliff (exercise 1): there "
                "the steep direction bounces forever without shrinking.",
                "Balance the two directions' factors."),
        Mistake("negative_lr", "a negative best_lr", "A learning rate is positive: a negative "
                "one climbs uphill.", "Balance the two directions' factors."),
        Mistake("loss_factor", "best_rate = rate² (the loss factor)", "best_lr is right. Your "
                "rate is the factor for the loss J; the question asks for the distance to the "
                "minimum, whose factor is its square root.",
                "J is quadratic in the distance, so J's factor is the distance's factor squared."),
        Mistake("momentum_rate", "best_rate = (√κ − 1)/(√κ + 1)", "best_lr is right. That rate "
                "is the heavy ball's (section 6), not plain descent's.",
                "Evaluate |1 − ηλ_min| at your η."),
        Mistake("rate_is_kappa", "best_rate = κ or 1/κ", "best_lr is right. The condition "
                "number is not the rate: the rate is the factor |1 − ηλ| at your η.",
                "Evaluate |1 − ηλ_min| at your η."),
        Mistake("negative_rate", "best_rate < 0", "best_lr is right. A rate is a size, "
                "|1 − ηλ|, so it is positive.", "Evaluate |1 − ηλ_min| at your η."),
    ),
    answer_keys=("0.2", "0.6", "2/(λ_min + λ_max)"),
)


def check_best_step(lr, rate) -> Feedback:
    """Check the reader's best fixed step and its contraction per step of the distance to the
    minimum, for A = EXERCISE_MATRIX."""
    ex = BEST_STEP
    if is_placeholder(lr) or is_placeholder(rate):
        return not_attempted(ex)
    try:
        lr = as_number(lr, "one number for best_lr")
        rate = as_number(rate, "one number for best_rate")
    except Unusable as problem:
        return unusable(ex, problem)
    lam_min, lam_max = _eigenvalues()
    kappa = lam_max / lam_min
    best, best_rate = optimal_step(lam_min, lam_max), optimal_rate(kappa)
    if not close(lr, best, rtol=1e-3):
        key = first_match(lr, {"fast_direction_only": 1 / lam_max,
                               "cliff_as_best": stability_limit(lam_max)}, rtol=1e-3)
        if key is None and lr < 0:
            key = "negative_lr"
        return wrong(ex, key, "" if key else "best_lr is not the best fixed step.")
    if not close(rate, best_rate, rtol=1e-3):
        key = first_match(rate, {
            "loss_factor": best_rate ** 2,
            "momentum_rate": (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1),
            "rate_is_kappa": alternatives(kappa, 1 / kappa), "negative_rate": -best_rate},
            rtol=1e-3)
        return wrong(ex, key, "" if key else "best_lr is right; best_rate is not.")
    return correct(f"Correct: η* = 2/({lam_min:g} + {lam_max:g}) = {best:g} and each step shrinks "
                   f"the distance to the minimum by (κ − 1)/(κ + 1) = {best_rate:g} "
                   f"(κ = {kappa:g}); the loss shrinks by its square.")
