"""Feedback for the "Check yourself" exercises of notebook 06 (vanishing and exploding gradients).

Same style as :mod:`helpers.checks`: run the reader's function on a few cases,
print one specific verdict and return it as a :class:`~helpers.checks.Feedback`.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .feedback import Feedback, call_student, report
from ..gradient_flow import chain_bound


def check_sigmoid_chain_bound(bound: Callable) -> Feedback:
    """Check ``bound(weights)``: the largest possible |∂a_L/∂a_0| of a sigmoid chain."""
    cases = [np.array([1.0, 1.0, 1.0]), np.array([2.0, -3.0, 0.5, 1.5]), np.array([-4.0] * 6)]
    results = []
    for weights in cases:
        result, error = call_student(bound, weights.copy())
        if error == "not attempted":
            return report("not attempted", "Not attempted yet: return (1/4)^L times the product "
                           "of |w_k|, then run this cell again.")
        if error:
            return report("wrong", f"Your function raised {error}.")
        try:
            results.append(float(result))
        except (TypeError, ValueError):
            return report("wrong", "Return one number (the bound for the whole chain), not a list.")
    expected = [float(chain_bound(w, 0.25)[0]) for w in cases]
    if np.allclose(results, expected, rtol=1e-9):
        return report("correct", f"Correct: six weights of −4 give (1/4 · 4)^6 = {expected[2]:g} — "
                       "weights of size 4 exactly cancel the sigmoid's 1/4.")
    w = cases[1]
    if np.isclose(results[1], 0.25 ** len(w) * np.prod(w)):
        return report("wrong", "A negative weight made your bound negative: use |w_k| "
                       "(np.abs) — the bound is on the size of the gradient.")
    if np.isclose(results[0], 0.25 ** 3) and np.isclose(results[1], 0.25 ** 4):
        return report("wrong", "Your bound ignores the weights: multiply by ∏|w_k|.")
    if np.isclose(results[0], 0.5 ** 3):
        return report("wrong", "The sigmoid's largest slope is σ'(0) = σ(0)(1 − σ(0)) = 1/4, not 1/2.")
    return report("wrong", f"For weights {cases[1].tolist()} the bound is (1/4)^4 · 2·3·0.5·1.5 = "
                   f"{expected[1]:.6g}; yours gave {results[1]:.6g}.")


def check_clip_by_norm(clip: Callable) -> Feedback:
    """Check ``clip(g, c)``: rescale the vector g so that its norm is at most c, keeping its direction."""
    big, small, threshold = np.array([30.0, -40.0]), np.array([0.3, 0.4]), 5.0
    result, error = call_student(clip, big.copy(), threshold)
    if error == "not attempted":
        return report("not attempted", "Not attempted yet: scale g by min(1, c/‖g‖), then run "
                       "this cell again.")
    if error:
        return report("wrong", f"Your function raised {error}.")
    clipped = np.asarray(result, dtype=float)
    if clipped.shape != big.shape:
        return report("wrong", f"Return a vector of the same shape as g {big.shape}; got {clipped.shape}.")
    if np.allclose(clipped, np.clip(big, -threshold, threshold)):
        return report("wrong", "You clipped each entry separately (np.clip): that changes the "
                       "direction. Scale the whole vector by c/‖g‖ instead.")
    if not np.isclose(np.linalg.norm(clipped), threshold):
        return report("wrong", f"g = {big.tolist()} has norm 50; clipped to c = {threshold:g} its norm "
                       f"should be {threshold:g}, yours is {np.linalg.norm(clipped):.4g}.")
    if not np.allclose(clipped, big * threshold / 50):
        return report("wrong", "The norm is right but the direction changed: multiply every entry "
                       "by the same factor c/‖g‖.")
    kept, error = call_student(clip, small.copy(), threshold)
    if error:
        return report("wrong", f"Your function raised {error} on a small gradient.")
    if not np.allclose(np.asarray(kept, dtype=float), small):
        return report("wrong", f"A gradient already shorter than c must stay unchanged: "
                       f"{small.tolist()} became {np.asarray(kept).tolist()}. Use min(1, c/‖g‖).")
    return report("correct", "Correct: long gradients are shortened to length c, short ones are "
                   "left alone, and the direction never changes.")
