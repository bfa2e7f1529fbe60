"""Feedback for the "Check yourself" exercises: specific, friendly, never a traceback.

Each ``check_*`` function runs the reader's code on a few cases, compares it
with the reference and prints one verdict: "not attempted yet", what exactly
is wrong, or a congratulation. It also returns that verdict as a
:class:`Feedback`, so tests can assert on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .calculus import central_difference


@dataclass(frozen=True)
class Feedback:
    """The verdict of a check: ``status`` is "correct", "wrong" or "not attempted"."""

    status: str
    message: str

    def __str__(self) -> str:
        mark = {"correct": "✔", "wrong": "✘", "not attempted": "…"}[self.status]
        return f"{mark} {self.message}"


def _report(status: str, message: str) -> Feedback:
    feedback = Feedback(status, message)
    print(feedback)
    return feedback


def _call(function: Callable, *args):
    """Run the reader's function; return (result, None) or (None, a one-line error)."""
    try:
        with np.errstate(all="ignore"):
            return function(*args), None
    except NotImplementedError:
        return None, "not attempted"
    except Exception as error:  # the reader's code may raise anything
        return None, f"{type(error).__name__}: {error}"


# -- notebook 01: the update loop ---------------------------------------------------

def check_descent_loop(descend: Callable) -> Feedback:
    """Check ``descend(df, x0, lr, steps)``, which must return [x0, x1, …, x_steps]."""
    df = lambda x: 2 * x  # slope of J(x) = x²
    x0, lr, steps = 2.0, 0.1, 5
    expected = [x0 * (1 - 2 * lr) ** k for k in range(steps + 1)]
    result, error = _call(descend, df, x0, lr, steps)
    if error == "not attempted":
        return _report("not attempted", "Not attempted yet: fill in the loop, then run this cell again.")
    if error:
        return _report("wrong", f"Your function raised {error}.")
    try:
        xs = [float(x) for x in result]
    except (TypeError, ValueError):
        return _report("wrong", "Return the list of all points [x0, x1, …], not a single number.")
    if len(xs) <= 1:
        return _report("not attempted", "Not attempted yet: your function returned only the start "
                       "point. Repeat `steps` times: x ← x − lr · df(x), appending each x.")
    if len(xs) != steps + 1:
        return _report("wrong", f"With steps={steps} the list should hold {steps + 1} points "
                       f"(the start plus one per step); yours has {len(xs)}.")
    if not np.isclose(xs[0], x0):
        return _report("wrong", f"The list should start with x0 = {x0}; yours starts with {xs[0]:.4g}.")
    if xs[1] > x0 + 1e-12:
        return _report("wrong", f"Your first step moved uphill at x={x0}: from {x0} to {xs[1]:.4g}. "
                       "Step against the slope: x − lr·df(x), with a minus.")
    if np.isclose(xs[1], x0 - df(x0)):
        return _report("wrong", "Your step ignores the learning rate: multiply the slope by lr.")
    if not np.allclose(xs, expected, rtol=1e-9, atol=1e-12):
        k = int(np.argmax(~np.isclose(xs, expected, rtol=1e-9, atol=1e-12)))
        return _report("wrong", f"Point {k} should be {expected[k]:.6g} but is {xs[k]:.6g}: "
                       "check that each step starts from the previous point.")
    return _report("correct", f"Correct: from x0 = {x0} with lr = {lr}, five steps reach "
                   f"x5 = {xs[-1]:.5f}, each ×{1 - 2 * lr:.1f} the one before.")


# -- notebook 01: the central difference ---------------------------------------------

def check_central_difference(derivative: Callable) -> Feedback:
    """Check ``derivative(f, x, h)`` against the central difference on sin at several points."""
    cases = [(np.sin, 0.3), (np.sin, 1.2), (np.exp, -0.5)]
    exact = {np.sin: np.cos, np.exp: np.exp}
    h = 1e-5
    first, error = _call(derivative, *cases[0], h)
    if error == "not attempted" or first is None and error is None:
        return _report("not attempted", "Not attempted yet: return (f(x + h) − f(x − h)) / (2h).")
    if error:
        return _report("wrong", f"Your function raised {error}.")
    for f, x in cases:
        value, error = _call(derivative, f, x, h)
        if error:
            return _report("wrong", f"Your function raised {error}.")
        value, true = float(value), float(exact[f](x))
        if np.isclose(value, true, rtol=1e-7):
            continue
        ratio = value / true if true else np.inf
        if np.isclose(ratio, 2, rtol=1e-4):
            return _report("wrong", "Your derivative is off by a factor 2: divide by 2h, not h.")
        if np.isclose(ratio, 0.5, rtol=1e-4):
            return _report("wrong", "Your derivative is off by a factor 1/2: the points x ± h "
                           "are 2h apart, so divide by 2h (not 4h).")
        if np.isclose(ratio, -1, rtol=1e-4):
            return _report("wrong", "Your derivative has the wrong sign: take f(x + h) − f(x − h).")
        if np.isclose(value, float((f(x + h) - f(x)) / h), rtol=1e-9):
            return _report("wrong", "That is the forward difference (error ∝ h). Use both "
                           "neighbours: (f(x + h) − f(x − h)) / (2h), error ∝ h².")
        return _report("wrong", f"At x = {x} for {f.__name__} you return {value:.8g}; the slope "
                       f"is {true:.8g}.")
    check = float(central_difference(np.sin, 0.3, h))
    return _report("correct", f"Correct: sin′(0.3) ≈ {check:.10f}, and cos(0.3) = "
                   f"{np.cos(0.3):.10f} (they agree to about 1e-11).")


# -- notebook 04: saddle points ---------------------------------------------------------

#: Hessians at critical points for the classification exercise of notebook 04.
HESSIAN_QUIZ = {
    "A": [[2.0, 0.0], [0.0, 3.0]],
    "B": [[1.0, 2.0], [2.0, 1.0]],
    "C": [[-1.0, 0.5], [0.5, -2.0]],
    "D": [[0.0, 0.0], [0.0, 4.0]],
    "E": [[1.0, 0.0, 0.0], [0.0, 2.0, 1.5], [0.0, 1.5, 1.0]],
}

_KIND_REASONS = {
    "minimum": "all eigenvalues are positive, so J curves up in every direction",
    "maximum": "all eigenvalues are negative, so J curves down in every direction",
    "saddle": "there are eigenvalues of both signs: up along one eigenvector, down along another",
    "degenerate": ("an eigenvalue is 0 and the others share one sign: the second-order test "
                   "cannot decide (higher-order terms do)"),
}


def _normalise_kind(answer) -> str:
    text = str(answer).strip().lower()
    return {"min": "minimum", "max": "maximum", "saddle point": "saddle"}.get(text, text)


def check_hessian_classes(answers: dict) -> Feedback:
    """Check the reader's names ("minimum", "maximum", "saddle", "degenerate") for HESSIAN_QUIZ."""
    from .critical_points import classify_hessian

    if not isinstance(answers, dict):
        return _report("wrong", "Give a dict such as {\"A\": \"minimum\", \"B\": ...}.")
    filled = {k: _normalise_kind(v) for k, v in answers.items() if str(v).strip() not in ("", "...")}
    if not filled:
        return _report("not attempted", "Not attempted yet: replace each \"...\" by minimum, "
                       "maximum, saddle or degenerate.")
    problems = []
    for name, hessian in HESSIAN_QUIZ.items():
        truth = classify_hessian(hessian)
        lam = ", ".join(f"{v:.3g}" for v in np.linalg.eigvalsh(np.array(hessian)))
        given = filled.get(name)
        if given is None:
            problems.append(f"{name}: no answer yet.")
        elif given not in _KIND_REASONS:
            problems.append(f"{name}: “{answers[name]}” is not one of minimum, maximum, saddle, "
                            "degenerate.")
        elif given != truth:
            problems.append(f"{name}: you said {given}, but the eigenvalues are {lam}: "
                            f"{_KIND_REASONS[truth]}, so it is a {truth}.")
    if problems:
        return _report("wrong", "Not quite.\n  " + "\n  ".join(problems))
    return _report("correct", "Correct, all five. Note B: both diagonal entries are positive, yet "
                   "it is a saddle — look at the eigenvalues, not the diagonal.")


#: Starts on J = (x² − 1)²/4 + y²/2 for the "which side" exercise (plain GD, η = 0.1).
FALL_QUIZ = {"P": (1e-3, 0.9), "Q": (-1e-9, 1.2), "R": (0.0, -1.1), "S": (2e-12, -0.6)}
_FALL_NAMES = {"left": "the left minimum (−1, 0)", "right": "the right minimum (1, 0)",
               "saddle": "the saddle (0, 0)"}


def fall_destination(start, lr: float = 0.1, steps: int = 3000) -> str:
    """Where plain GD from ``start`` ends on the two valleys: "left", "right" or "saddle"."""
    from .descent import run
    from .objectives import two_valleys

    obj = two_valleys()
    end = run(obj.f, obj.grad, np.array(start, dtype=float), lr=lr, steps=steps, tol=0).final
    if abs(end[0]) < 1e-6:
        return "saddle"
    return "right" if end[0] > 0 else "left"


def check_fall_sides(answers: dict) -> Feedback:
    """Check the reader's predictions ("left", "right", "saddle") for the starts in FALL_QUIZ."""
    if not isinstance(answers, dict):
        return _report("wrong", "Give a dict such as {\"P\": \"left\", \"Q\": ...}.")
    filled = {k: str(v).strip().lower() for k, v in answers.items()
              if str(v).strip() not in ("", "...")}
    if not filled:
        return _report("not attempted", "Not attempted yet: replace each \"...\" by left, right "
                       "or saddle.")
    problems = []
    for name, start in FALL_QUIZ.items():
        truth, given = fall_destination(start), filled.get(name)
        if given is None:
            problems.append(f"{name}: no answer yet.")
        elif given not in _FALL_NAMES:
            problems.append(f"{name}: “{answers[name]}” is not one of left, right, saddle.")
        elif given != truth:
            x0 = start[0]
            why = ("x₀ is exactly 0, so the x-part of the gradient, x³ − x, is 0 at every step"
                   if x0 == 0 else f"x₀ = {x0:g} is {'positive' if x0 > 0 else 'negative'}, and "
                   "each step multiplies a small x by about 1 + η, keeping its sign")
            problems.append(f"{name} = {start}: descent ends at {_FALL_NAMES[truth]}, not "
                            f"{_FALL_NAMES[given]}: {why}. The y-coordinate does not matter.")
    if problems:
        return _report("wrong", "Not quite.\n  " + "\n  ".join(problems))
    return _report("correct", "Correct: only the sign of the offset along the downhill "
                   "direction (x) decides, however tiny; exactly 0 stays on the saddle.")


def check_escape_prediction(steps, eps: float = 1e-8, lr: float = 0.05) -> Feedback:
    """Check a predicted number of steps for GD on x² − y² to carry y from ε to |y| ≥ 1."""
    from .descent import GradientDescent
    from .objectives import saddle
    from .saddle_escape import measure_escape_steps

    if steps is None or steps is Ellipsis:
        return _report("not attempted", "Not attempted yet: set my_steps to your prediction.")
    try:
        guess = float(steps)
    except (TypeError, ValueError):
        return _report("wrong", "Give a number of steps, e.g. my_steps = 120.")
    measured = int(measure_escape_steps(saddle().grad, GradientDescent(lr), [[1.0, eps]],
                                        (0, 0), (0, 1))[0])
    exact = np.log(1 / eps) / np.log(1 + 2 * lr)
    if abs(guess - measured) <= 1:
        return _report("correct", f"Correct: ln(1/ε)/ln(1 + 2η) = {exact:.2f}, and the first whole "
                       f"step with |y| ≥ 1 is step {measured} (measured).")
    if abs(guess - np.log(1 / eps) / np.log(1 + lr)) <= 1:
        return _report("wrong", "You used 1 + η; on x² − y² the gradient in y is −2y, so each "
                       "step multiplies y by 1 + 2η.")
    return _report("wrong", f"Descent needs {measured} steps here (measured). Each step multiplies y "
                   "by 1 + 2η; solve (1 + 2η)^k ε = 1 for k.")
