"""Checks for notebook 04: classifying critical points, where descent falls, the escape time.

Each exercise's catalogue of mistakes is the data at the top of its section (see
:mod:`helpers.checks.feedback` for the contract). The quiz checks never name the right class or
side of a wrong entry: they name the misconception and let the reader try again.
"""
from __future__ import annotations

import numpy as np

from .feedback import (Exercise, Feedback, Mistake, Unusable, alternatives, as_number, correct, first_match,
                       is_placeholder, not_attempted, unusable, wrong)

#: Hessians at critical points for the classification exercise of notebook 04.
HESSIAN_QUIZ = {
    "A": [[2.0, 0.0], [0.0, 3.0]],
    "B": [[1.0, 2.0], [2.0, 1.0]],
    "C": [[-1.0, 0.5], [0.5, -2.0]],
    "D": [[0.0, 0.0], [0.0, 4.0]],
    "E": [[1.0, 0.0, 0.0], [0.0, 2.0, 1.5], [0.0, 1.5, 1.0]],
}
_KINDS = ("minimum", "maximum", "saddle", "degenerate")

HESSIAN_CLASSES = Exercise(
    key="04.hessian_classes", notebook="04", title="Exercise 1 — classify",
    check="check_hessian_classes",
    not_attempted="Not attempted yet: replace each \"...\" with a class, then run the cell.",
    unexplained="That class does not match the signs of this Hessian's eigenvalues.",
    hint="Compute np.linalg.eigvalsh(np.array(HESSIAN_QUIZ[name])) and look at the signs: all "
         "positive, all negative, both signs, or a zero.",
    mistakes=(
        Mistake("diagonal_rule", "B or E called a minimum (all diagonal entries positive)",
                "Positive diagonal entries do not make a minimum: the off-diagonal coupling can "
                "turn a direction downhill. The eigenvalues decide.",
                "For a 2 × 2 matrix a negative determinant means eigenvalues of both signs."),
        Mistake("zero_eigenvalue", "D called a minimum or a saddle", "One eigenvalue of D is "
                "exactly 0: along that direction the second-order test sees no curvature at all.",
                "With a zero eigenvalue and no negative one, the test cannot decide."),
        Mistake("signs_swapped", "A called a maximum or C a minimum", "Positive curvature curves "
                "up (a bowl), negative curvature curves down (a dome): the signs were read the "
                "wrong way round.", "A minimum has all eigenvalues positive."),
        Mistake("determinant_only", "C called a minimum because det > 0", "A positive "
                "determinant only says the two eigenvalues have the same sign; it does not say "
                "which sign.", "The trace (the sum of the eigenvalues) gives the sign."),
        Mistake("not_a_class", "a word other than the four classes (or a typo)", "Use one of "
                "the four words: minimum, maximum, saddle, degenerate.",
                "Check the spelling of each answer."),
        Mistake("missing", "an entry left as \"...\" or deleted", "no answer yet.",
                "Give all five."),
    ),
    answer_keys=("\"B\": \"saddle\"", "B: saddle", "C: maximum", "D: degenerate", "E: saddle"),
)


def _normalise_kind(answer) -> str:
    text = " ".join(str(answer).strip().lower().split())
    return {"min": "minimum", "max": "maximum", "saddle point": "saddle"}.get(text, text)


def _hessian_kind(hessian) -> str:
    from ..critical_points import classify_hessian
    return classify_hessian(hessian)


def _kind_mistake(name: str, given: str, truth: str) -> str | None:
    if given not in _KINDS:
        return "not_a_class"
    if truth == "degenerate":
        return "zero_eigenvalue"
    if truth == "saddle" and given == "minimum" and np.all(np.diag(HESSIAN_QUIZ[name]) > 0):
        return "diagonal_rule"
    if truth == "maximum" and given == "minimum":
        return "determinant_only" if np.linalg.det(np.array(HESSIAN_QUIZ[name])) > 0 else None
    if {given, truth} == {"minimum", "maximum"}:
        return "signs_swapped"
    return None


def _quiz_verdict(ex: Exercise, answers, names, judge) -> Feedback | None:
    """Shared reading of a dict quiz: not a dict, nothing filled in, or a list of problems."""
    if not isinstance(answers, dict):
        return unusable(ex, Unusable("not_a_number", "Give a dict such as "
                                     f"{{\"{names[0]}\": ..., \"{names[1]}\": ...}}, one entry "
                                     "per point."))
    filled = {str(k).strip().upper(): v for k, v in answers.items() if not is_placeholder(v)}
    if not filled:
        return not_attempted(ex)
    lines, keys = [], []
    for name in names:
        if name not in filled:
            lines.append(f"{name}: {ex.mistake('missing').message}")
            keys.append("missing")
            continue
        key = judge(name, filled[name])
        if key is not False:
            mistake = ex.mistake(key) if key else None
            lines.append(f"{name} (“{filled[name]}”): "
                         f"{mistake.message if mistake else ex.unexplained}")
            keys.append(key)
    if not lines:
        return None
    first = next((k for k in keys if k and k != "missing"), next((k for k in keys if k), None))
    return wrong(ex, first, lead="Not quite.\n  " + "\n  ".join(lines))


def check_hessian_classes(answers: dict) -> Feedback:
    """Check the reader's names ("minimum", "maximum", "saddle", "degenerate") for HESSIAN_QUIZ."""
    ex = HESSIAN_CLASSES

    def judge(name, given):
        given, truth = _normalise_kind(given), _hessian_kind(HESSIAN_QUIZ[name])
        return False if given == truth else _kind_mistake(name, given, truth)

    verdict = _quiz_verdict(ex, answers, list(HESSIAN_QUIZ), judge)
    if verdict is not None:
        return verdict
    return correct("Correct, all five. Note B: both diagonal entries are positive, yet it is a "
                   "saddle — look at the eigenvalues, not the diagonal.")


#: Starts on J = (x² − 1)²/4 + y²/2 for the "which side" exercise (plain GD, η = 0.1).
FALL_QUIZ = {"P": (1e-3, 0.9), "Q": (-1e-9, 1.2), "R": (0.0, -1.1), "S": (2e-12, -0.6)}
_SIDES = ("left", "right", "saddle")

FALL_SIDES = Exercise(
    key="04.fall_sides", notebook="04", title="Exercise 2 — which side?", check="check_fall_sides",
    not_attempted="Not attempted yet: replace each \"...\" with left, right or saddle, then run "
                  "the cell.",
    unexplained="That is not where descent from this start ends.",
    hint="Near the saddle, follow x alone: each step multiplies a small x by about 1 + η.",
    mistakes=(
        Mistake("tiny_is_zero", "S or Q (tiny x₀) answered saddle", "However tiny, a nonzero "
                "offset x₀ grows at every step: only exactly 0 stays on the saddle.",
                "Each step multiplies a small x by about 1 + η > 1."),
        Mistake("zero_falls", "R (x₀ = 0 exactly) answered left or right", "With x₀ exactly 0 "
                "the x-part of the gradient, x³ − x, is 0 at every step: nothing pushes x off 0.",
                "Which way could it fall, if x never changes?"),
        Mistake("y_decides", "the side taken from the sign of y", "The y-coordinate does not "
                "decide the side: y simply shrinks to 0 in every run.",
                "Only the downhill direction of the saddle, x, matters."),
        Mistake("sign_flipped", "a start with x₀ > 0 sent left (or x₀ < 0 right)", "Descent "
                "keeps the sign of x₀: near the saddle x is multiplied by a positive factor, so "
                "it cannot cross 0.", "Each step multiplies a small x by about 1 + η."),
        Mistake("not_a_side", "a word other than left, right, saddle", "Use one of the three "
                "words: left, right, saddle.", "Check the spelling of each answer."),
        Mistake("missing", "an entry left as \"...\"", "no answer yet.", "Give all four."),
    ),
    answer_keys=("\"Q\": \"left\"", "P: right", "Q: left", "R: saddle", "S: right"),
)


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
    ex = FALL_SIDES

    def judge(name, given):
        given = str(given).strip().lower()
        (x0, y0), truth = FALL_QUIZ[name], fall_destination(FALL_QUIZ[name])
        if given == truth:
            return False
        if given not in _SIDES:
            return "not_a_side"
        if truth == "saddle":
            return "zero_falls"
        if given == "saddle":
            return "tiny_is_zero"
        if given == ("right" if y0 > 0 else "left"):
            return "y_decides"
        return "sign_flipped"

    verdict = _quiz_verdict(ex, answers, list(FALL_QUIZ), judge)
    if verdict is not None:
        return verdict
    return correct("Correct: only the sign of the offset along the downhill direction (x) "
                   "decides, however tiny; exactly 0 stays on the saddle.")


ESCAPE = Exercise(
    key="04.escape", notebook="04", title="Exercise 3 — predict the plateau",
    check="check_escape_prediction",
    not_attempted="Not attempted yet: set my_steps to your prediction, then run the cell.",
    unexplained="Not the number of steps.",
    hint="Each step multiplies y by the same factor; set (factor)^k · ε = 1, take logarithms, "
         "and round up to a whole step.",
    mistakes=(
        Mistake("factor_one_plus_lr", "ln(1/ε) / ln(1 + η)", "You used the factor 1 + η: on "
                "x² − y² the gradient in y is −2y, so the factor per step is not 1 + η.",
                "Write one step for y: y ← y − η · ∂J/∂y."),
        Mistake("log_approximation", "ln(1/ε) / (2η), from ln(1 + 2η) ≈ 2η", "You replaced "
                "ln(1 + 2η) by 2η: at η = 0.05 that approximation is 5 % too big, which costs "
                "about ten steps.", "Keep the logarithm exact."),
        Mistake("table_row", "the η = 0.1, ε = 1e-8 row of the §5 table", "That is the table's "
                "row for η = 0.1; this exercise uses η = 0.05.", "Redo the formula with η = 0.05."),
        Mistake("rounded_down", "the floor of the formula", "You rounded down: the formula's k "
                "is not a whole number, and after that many whole steps |y| is still below 1.",
                "The first whole step that reaches 1 is the next integer up."),
        Mistake("one_too_many", "one more than the first escape step", "One step too many: the "
                "question asks for the first step at which |y| ≥ 1.",
                "Count the steps, not the points including the start."),
        Mistake("mixed_logarithms", "log10 on one side, ln on the other", "You mixed a base-10 "
                "and a natural logarithm: the ratio is only right with the same base on top and "
                "below.", "Use np.log for both, or np.log10 for both."),
        Mistake("shrinking_direction", "the factor 1 − 2η (the x direction)", "You used the "
                "factor of x, the direction that shrinks: y is the direction that grows.",
                "∂J/∂y = −2y, so y ← y + 2ηy."),
    ),
    answer_keys=("194", "193.3", "ln(1/ε)/ln(1 + 2η) = 193"),
)


def check_escape_prediction(steps, eps: float = 1e-8, lr: float = 0.05) -> Feedback:
    """Check a predicted number of steps for GD on x² − y² to carry y from ε to |y| ≥ 1."""
    from ..descent import GradientDescent
    from ..objectives import saddle
    from ..saddle_escape import measure_escape_steps

    ex = ESCAPE
    if is_placeholder(steps):
        return not_attempted(ex)
    try:
        guess = as_number(steps, "one number of steps, e.g. my_steps = 120")
    except Unusable as problem:
        return unusable(ex, problem)
    measured = int(measure_escape_steps(saddle().grad, GradientDescent(lr), [[1.0, eps]],
                                        (0, 0), (0, 1))[0])
    exact = np.log(1 / eps) / np.log(1 + 2 * lr)
    if measured - 1 < guess <= measured:
        return correct(f"Correct: ln(1/ε)/ln(1 + 2η) = {exact:.2f}, and the first whole step "
                       f"with |y| ≥ 1 is step {measured} (measured).")
    ln_eps = np.log(1 / eps)
    key = first_match(round(guess), {
        "factor_one_plus_lr": _whole(ln_eps / np.log(1 + lr)),
        "log_approximation": _whole(ln_eps / (2 * lr)),
        "table_row": _whole(ln_eps / np.log(1 + 2 * 0.1)),
        "one_too_many": measured + 1, "rounded_down": measured - 1,
        "mixed_logarithms": alternatives(*_whole(np.log10(1 / eps) / np.log(1 + 2 * lr)),
                                         *_whole(ln_eps / np.log10(1 + 2 * lr))),
        "shrinking_direction": alternatives(*_whole(ln_eps / -np.log(1 - 2 * lr)),
                                            *_whole(ln_eps / np.log(1 - 2 * lr)))},
        rtol=0, atol=0.5)
    return wrong(ex, key)


def _whole(k: float):
    """The whole numbers a student may give for a real k: rounded down or up."""
    return alternatives(float(np.floor(k)), float(np.ceil(k)))
