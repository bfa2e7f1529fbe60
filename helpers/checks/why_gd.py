"""Checks for notebook 08 (why gradient descent trains networks): the edge-of-stability
prediction and the normalised margin.

Each exercise's catalogue of mistakes is the data at the top of its section (see
:mod:`helpers.checks.feedback` for the contract).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .feedback import (Exercise, Feedback, Mistake, Unusable, alternatives, as_array, as_number,
                       call_student, close, correct, first_match, is_placeholder, not_attempted,
                       unusable, wrong)

#: The step size of the sharpness exercise.
EDGE_EXERCISE_LR = 0.01
#: The step sizes of the notebook's two runs in section 7, whose thresholds its figure shows.
_SHOWN_LRS = (0.2, 0.05)

EDGE = Exercise(
    key="08.edge", notebook="08", title="Exercise 1 — predict the plateau",
    check="check_edge_prediction",
    not_attempted="Not attempted yet: set `prediction` to a number, then run this cell again.",
    unexplained="Not quite: that is not where the sharpness stops rising at this step size.",
    hint="Think of notebook 03: gradient descent on λx²/2 multiplies x by (1 − ηλ) each step. "
         "For which λ does that factor reach −1?",
    mistakes=(
        Mistake("one_over_lr", "1/η", "1/η is the curvature at which one step lands exactly on "
                "the minimum of a quadratic. Stability is lost later than that.",
                "At which curvature does |1 − ηλ| reach 1?"),
        Mistake("a_step_size", "2η or η/2", "That number is a step size, not a curvature: the "
                "threshold grows as η shrinks.", "The answer is a curvature, measured in 1/η."),
        Mistake("shown_run", "10 or 40, a threshold drawn in section 7's figure", "That is a "
                "threshold of a run in the figure, which used η = 0.2 or η = 0.05; this exercise "
                "uses another η.", "The plateau depends on η: redo the reasoning with this η."),
        Mistake("overshoot_peak", "about 13, the peak of section 7's figure", "That is the "
                "overshoot of the η = 0.2 run in the figure, before the sharpness was pulled "
                "back; and this exercise uses another η.", "Where does the sharpness settle, "
                "and how does that level depend on η?"),
        Mistake("curvature_doubled", "4/η, from writing the quadratic as λx²", "Twice too big: "
                "the sharpness is the second derivative, so λx²/2 has sharpness λ (λx² would "
                "have 2λ).", "Write one step on λx²/2 and find when |1 − ηλ| = 1."),
        Mistake("negative", "a negative number", "A curvature that makes gradient descent "
                "unstable is positive: the sharpness is the *largest* eigenvalue, and it rises.",
                "Give the size of the curvature at the plateau."),
    ),
    answer_keys=("200", "2/η = 200", "2 / 0.01"),
)


def check_edge_prediction(answer) -> Feedback:
    """Check a predicted sharpness plateau for full-batch GD with η = EDGE_EXERCISE_LR."""
    ex, lr = EDGE, EDGE_EXERCISE_LR
    if is_placeholder(answer):
        return not_attempted(ex)
    try:
        value = as_number(answer, "one number, the sharpness λ_max, e.g. prediction = 12.5")
    except Unusable as problem:
        return unusable(ex, problem)
    expected = 2 / lr
    if 0.975 * expected <= value <= 1.05 * expected:
        return correct(f"Correct: with η = {lr:g} the sharpness rises until it reaches about "
                       f"2/η = {expected:g} and hovers there, a few per cent above it in section "
                       "7's runs (an observation, not a theorem).")
    key = first_match(value, {
        "one_over_lr": 1 / lr,
        "a_step_size": alternatives(2 * lr, lr / 2, lr),
        "shown_run": alternatives(*(2 / lr_shown for lr_shown in _SHOWN_LRS)),
        "curvature_doubled": 4 / lr,
    }, rtol=0.03)
    if key is None and 12.0 <= value <= 14.0:
        key = "overshoot_peak"
    if key is None and value < 0:
        key = "negative"
    return wrong(ex, key)


# -- Exercise 2: the normalised margin ----------------------------------------------------------

MARGIN = Exercise(
    key="08.margin", notebook="08", title="Exercise 2 — the margin",
    check="check_normalised_margin",
    not_attempted="Not attempted yet: replace the `raise NotImplementedError` line, then run "
                  "this cell again.",
    unexplained="Not yet: that is not the signed distance from the line w·x = 0 to the nearest "
                "point.",
    hint="Three ingredients: which side each point is on, the distance of each point from the "
         "line, and which point counts.",
    mistakes=(
        Mistake("no_norm", "min yᵢ w·xᵢ, not divided by the length of w", "Your margin changes "
                "when w is scaled: doubling w doubles it, although the line w·x = 0 does not "
                "move.", "A distance from a line must not depend on the length of w."),
        Mistake("squared_norm", "divided by ‖w‖²", "Doubling w halves your margin, although the "
                "line w·x = 0 does not move: you divided by the length of w once too often.",
                "A distance from a line must not depend on the length of w."),
        Mistake("l1_norm", "divided by Σ|wⱼ|", "You measured the length of w with the sum of "
                "absolute values: the distance from a line uses the Euclidean length.",
                "np.linalg.norm(w)."),
        Mistake("mean_not_min", "the mean over the points", "The margin is set by the *nearest* "
                "point, not by the average point.", "Which single point decides the margin?"),
        Mistake("max_not_min", "the maximum over the points", "You took the farthest point: the "
                "margin is set by the point nearest to the line.",
                "Which single point decides the margin?"),
        Mistake("no_labels", "min w·xᵢ / ‖w‖, without the labels", "Your margin ignores the "
                "labels: a point is on the right side when its label and w·x have the same sign.",
                "Multiply each w·xᵢ by its label yᵢ."),
        Mistake("absolute_value", "min |w·xᵢ| / ‖w‖", "|w·x| is the distance of a point from the "
                "line, but a point on the wrong side must count negative: yours never does.",
                "Use the label yᵢ, not an absolute value."),
        Mistake("per_point", "the array of yᵢ w·xᵢ / ‖w‖, one value per point", "You returned "
                "one value per point: the margin of w on the data set is one number.",
                "Reduce the values to the one that decides."),
        Mistake("nearest_index", "np.argmin(…), the position of the nearest point", "You "
                "returned *which* point is nearest (its position in X), not its distance.",
                "np.argmin gives a position; you need the value there."),
    ),
    answer_keys=("np.min(y * (X @ w)) / np.linalg.norm(w)", "min(y * X @ w) / norm(w)",
                 "min over i of yᵢ w·xᵢ / ‖w‖", "min_i yᵢ w·xᵢ / ‖w‖"),
)


def _margin_cases():
    X = np.array([[2.0, 1.0], [1.0, 3.0], [-1.5, -0.5], [-0.5, -2.0]])
    y = np.array([1.0, 1.0, -1.0, -1.0])
    return X, y, [np.array([1.0, 0.0]), np.array([3.0, 4.0]), np.array([1.0, 1.0]),
                  np.array([1.0, -1.0])]


def _read_margin(value):
    """One number, or the whole per-point array (recognised as a mistake), else Unusable."""
    if isinstance(value, (list, tuple, np.ndarray)) and np.size(value) > 1:
        return as_array(value, "one number, the margin of w on the whole data set")
    return as_number(value, "one number, the margin of w on the whole data set")


def check_normalised_margin(margin: Callable) -> Feedback:
    """Check ``margin(w, X, y)`` = min_i yᵢ w·xᵢ / ‖w‖ (labels ±1)."""
    ex = MARGIN
    X, y, ws = _margin_cases()
    results = []
    for w in ws:
        result, problem = call_student(margin, w, X, y, read=_read_margin)
        if problem == "not attempted":
            return not_attempted(ex)
        if problem is not None:
            return unusable(ex, problem)
        if np.size(result) > 1:
            if close(result, y * (X @ w) / np.linalg.norm(w)) or close(result, y * (X @ w)):
                return wrong(ex, "per_point")
            return unusable(ex, Unusable("wrong_shape", f"Your function returned {np.size(result)} "
                                         "values: return one number, the margin of w on the whole "
                                         "data set."))
        results.append(float(result))
    scores = [y * (X @ w) for w in ws]
    norms = [np.linalg.norm(w) for w in ws]
    expected = [s.min() / n for s, n in zip(scores, norms)]
    if close(results, expected, rtol=1e-9):
        return correct(f"Correct: for w = (3, 4) the margin is {expected[1]:.3f}, the distance from "
                       "the line w·x = 0 to the nearest point; for w = (1, −1) it is negative, "
                       "because a point lies on the wrong side.")

    def predict(rule):
        return [float(rule(w, s, n)) for w, s, n in zip(ws, scores, norms)]

    key = first_match(results, {
        "no_norm": predict(lambda w, s, n: s.min()),
        "squared_norm": predict(lambda w, s, n: s.min() / n ** 2),
        "l1_norm": predict(lambda w, s, n: s.min() / np.abs(w).sum()),
        "mean_not_min": alternatives(predict(lambda w, s, n: s.mean() / n),
                                     predict(lambda w, s, n: s.mean())),
        "max_not_min": alternatives(predict(lambda w, s, n: s.max() / n),
                                    predict(lambda w, s, n: s.max())),
        "no_labels": predict(lambda w, s, n: (X @ w).min() / n),
        "absolute_value": alternatives(predict(lambda w, s, n: np.abs(X @ w).min() / n),
                                       predict(lambda w, s, n: np.abs(s).min() / n)),
        "nearest_index": alternatives(predict(lambda w, s, n: np.argmin(s)),
                                      predict(lambda w, s, n: np.argmin(np.abs(X @ w)))),
    }, rtol=1e-9)
    return wrong(ex, key, "(The check tries w = (1, 0), (3, 4), (1, 1) and (1, −1) on four points.)")
