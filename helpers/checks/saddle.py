"""Checks for notebook 04: classifying critical points, where descent falls, the escape time."""
from __future__ import annotations


import numpy as np
from .feedback import Feedback, report




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
    from ..critical_points import classify_hessian

    if not isinstance(answers, dict):
        return report("wrong", "Give a dict such as {\"A\": \"minimum\", \"B\": ...}.")
    filled = {k: _normalise_kind(v) for k, v in answers.items() if str(v).strip() not in ("", "...")}
    if not filled:
        return report("not attempted", "Not attempted yet: replace each \"...\" by minimum, "
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
        return report("wrong", "Not quite.\n  " + "\n  ".join(problems))
    return report("correct", "Correct, all five. Note B: both diagonal entries are positive, yet "
                   "it is a saddle — look at the eigenvalues, not the diagonal.")


#: Starts on J = (x² − 1)²/4 + y²/2 for the "which side" exercise (plain GD, η = 0.1).
FALL_QUIZ = {"P": (1e-3, 0.9), "Q": (-1e-9, 1.2), "R": (0.0, -1.1), "S": (2e-12, -0.6)}
_FALL_NAMES = {"left": "the left minimum (−1, 0)", "right": "the right minimum (1, 0)",
               "saddle": "the saddle (0, 0)"}


def fall_destination(start, lr: float = 0.1, steps: int = 3000) -> str:
    """Where plain GD from ``start`` ends on the two valleys: "left", "right" or "saddle"."""
    from ..descent import run
    from ..objectives import two_valleys

    obj = two_valleys()
    end = run(obj.f, obj.grad, np.array(start, dtype=float), lr=lr, steps=steps, tol=0).final
    if abs(end[0]) < 1e-6:
        return "saddle"
    return "right" if end[0] > 0 else "left"


def check_fall_sides(answers: dict) -> Feedback:
    """Check the reader's predictions ("left", "right", "saddle") for the starts in FALL_QUIZ."""
    if not isinstance(answers, dict):
        return report("wrong", "Give a dict such as {\"P\": \"left\", \"Q\": ...}.")
    filled = {k: str(v).strip().lower() for k, v in answers.items()
              if str(v).strip() not in ("", "...")}
    if not filled:
        return report("not attempted", "Not attempted yet: replace each \"...\" by left, right "
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
        return report("wrong", "Not quite.\n  " + "\n  ".join(problems))
    return report("correct", "Correct: only the sign of the offset along the downhill "
                   "direction (x) decides, however tiny; exactly 0 stays on the saddle.")


def check_escape_prediction(steps, eps: float = 1e-8, lr: float = 0.05) -> Feedback:
    """Check a predicted number of steps for GD on x² − y² to carry y from ε to |y| ≥ 1."""
    from ..descent import GradientDescent
    from ..objectives import saddle
    from ..saddle_escape import measure_escape_steps

    if steps is None or steps is Ellipsis:
        return report("not attempted", "Not attempted yet: set my_steps to your prediction.")
    try:
        guess = float(steps)
    except (TypeError, ValueError):
        return report("wrong", "Give a number of steps, e.g. my_steps = 120.")
    measured = int(measure_escape_steps(saddle().grad, GradientDescent(lr), [[1.0, eps]],
                                        (0, 0), (0, 1))[0])
    exact = np.log(1 / eps) / np.log(1 + 2 * lr)
    if abs(guess - measured) <= 1:
        return report("correct", f"Correct: ln(1/ε)/ln(1 + 2η) = {exact:.2f}, and the first whole "
                       f"step with |y| ≥ 1 is step {measured} (measured).")
    if abs(guess - np.log(1 / eps) / np.log(1 + lr)) <= 1:
        return report("wrong", "You used 1 + η; on x² − y² the gradient in y is −2y, so each "
                       "step multiplies y by 1 + 2η.")
    return report("wrong", f"Descent needs {measured} steps here (measured). Each step multiplies y "
                   "by 1 + 2η; solve (1 + 2η)^k ε = 1 for k.")
