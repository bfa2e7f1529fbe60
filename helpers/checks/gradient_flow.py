"""Checks for notebook 06 (vanishing and exploding gradients): the chain bound, clipping by norm.

Each exercise's catalogue of mistakes is the data at the top of its section (see
:mod:`helpers.checks.feedback` for the contract).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..gradient_flow import chain_bound
from .feedback import (Exercise, Feedback, Mistake, Unusable, alternatives, as_array, as_number,
                       call_student, close, correct, first_match, not_attempted, unusable, wrong)

CHAIN_BOUND = Exercise(
    key="06.chain_bound", notebook="06", title="Exercise 1 — the bound",
    check="check_sigmoid_chain_bound",
    not_attempted="Not attempted yet: replace the `raise NotImplementedError` line with your "
                  "code, then run the cell.",
    unexplained="That is not the largest possible |∂a_L/∂a_0|.",
    hint="Each layer multiplies the derivative by w_k · σ′(z_k) (section 2); bound each factor "
         "by its largest possible size and multiply the bounds.",
    mistakes=(
        Mistake("signed_weights", "∏ w_k without absolute values", "A negative weight made your "
                "bound negative: the bound is on the size of the gradient.",
                "Take the size of each weight."),
        Mistake("ignores_weights", "only the activation's factor", "Your bound ignores the "
                "weights: each layer multiplies by its weight as well as by σ′.",
                "Include every w_k."),
        Mistake("slope_half", "(1/2)^L · ∏|w_k|", "The sigmoid's largest slope is not ½: "
                "compute σ′(0) = σ(0)(1 − σ(0)).", "σ(0) = ½."),
        Mistake("forgot_quarter", "∏|w_k| alone (tanh's bound)", "Your bound forgets the "
                "sigmoid's slope: that is the bound for an activation whose slope can reach 1, "
                "such as tanh.", "Every layer also multiplies by σ′(z) ≤ σ′(0)."),
        Mistake("exponent_L_minus_1", "(1/4)^(L − 1) · ∏|w_k|", "One sigmoid factor is "
                "missing: a chain of L layers has L activations, one per weight.",
                "Count one σ′ per weight."),
        Mistake("quarter_once", "(1/4) · ∏|w_k|", "The sigmoid's slope enters once per layer, "
                "not once for the whole chain.", "Raise the slope bound to the number of layers."),
        Mistake("sum_not_product", "(1/4)^L · Σ|w_k|", "The chain rule multiplies the layers' "
                "factors; you added the weights.", "Use a product over the layers."),
    ),
    answer_keys=("0.25 ** len(weights) * np.prod(np.abs(weights))", "(1/4)^L",
                 "product of |w_k|", "(1/4)**"),
)


def check_sigmoid_chain_bound(bound: Callable) -> Feedback:
    """Check ``bound(weights)``: the largest possible |∂a_L/∂a_0| of a sigmoid chain."""
    ex = CHAIN_BOUND
    cases = [np.array([1.0, 1.0, 1.0]), np.array([2.0, -3.0, 0.5, 1.5]), np.array([-4.0] * 6)]
    results = []
    for weights in cases:
        value, problem = call_student(bound, weights, read=lambda v: as_number(
            v, "one number, the bound for the whole chain"))
        if problem == "not attempted":
            return not_attempted(ex)
        if problem is not None:
            return unusable(ex, problem)
        results.append(value)
    expected = [float(chain_bound(w, 0.25)[0]) for w in cases]
    if close(results, expected, rtol=1e-9):
        return correct(f"Correct: the bound is (1/4)^L ∏|w_k|; six weights of −4 give "
                       f"{expected[2]:g}. That value is not reached: it needs every z_k = 0, but "
                       "with |w| = 4 the input z = w·a + b of a layer whose input a = σ(·) lies "
                       "in (0, 1) is not 0 in general, so σ′(z) < 1/4 and the true factor per "
                       "layer is below 1 (Nielsen, ch. 5).")

    def predict(rule):
        return [float(rule(w)) for w in cases]

    key = first_match(results, {
        "signed_weights": predict(lambda w: 0.25 ** len(w) * np.prod(w)),
        "ignores_weights": predict(lambda w: 0.25 ** len(w)),
        "slope_half": predict(lambda w: 0.5 ** len(w) * np.prod(np.abs(w))),
        "forgot_quarter": predict(lambda w: np.prod(np.abs(w))),
        "exponent_L_minus_1": predict(lambda w: 0.25 ** (len(w) - 1) * np.prod(np.abs(w))),
        "quarter_once": predict(lambda w: 0.25 * np.prod(np.abs(w))),
        "sum_not_product": predict(lambda w: 0.25 ** len(w) * np.sum(np.abs(w)))}, rtol=1e-9)
    return wrong(ex, key, f"(For weights {cases[1].tolist()} yours gives {results[1]:.6g}.)")


CLIP = Exercise(
    key="06.clip", notebook="06", title="Exercise 2 — clipping", check="check_clip_by_norm",
    not_attempted="Not attempted yet: replace the `raise NotImplementedError` line with your "
                  "code, then run the cell.",
    unexplained="That is not g clipped to norm at most c.",
    hint="Two cases: a gradient already short enough comes back unchanged; a longer one keeps "
         "its direction and is scaled down to length exactly c (section 6).",
    mistakes=(
        Mistake("elementwise", "np.clip(g, −c, c)", "You clipped each entry separately: that "
                "changes the direction of the gradient. Clipping by norm scales the whole vector.",
                "Multiply every entry by the same factor."),
        Mistake("always_rescales", "g · c/‖g‖ for every g", "A gradient already shorter than c "
                "must come back unchanged: yours was stretched to length c.",
                "Only scale when the norm exceeds c."),
        Mistake("max_not_min", "g · max(1, c/‖g‖)", "Your function leaves long gradients alone "
                "and stretches short ones: the opposite of clipping.",
                "The factor must never exceed 1."),
        Mistake("inverted_factor", "g / (c/‖g‖)", "Your long gradient got longer: the factor "
                "is upside down.", "The scaled vector should have norm c."),
        Mistake("l1_norm", "‖g‖₁ (sum of absolute values)", "You measured the gradient's length "
                "with the sum of absolute values; the length is the Euclidean norm.",
                "np.linalg.norm(g)."),
        Mistake("max_norm", "‖g‖∞ (largest entry)", "You measured the gradient's length by its "
                "largest entry; the length is the Euclidean norm.", "np.linalg.norm(g)."),
        Mistake("per_column", "a norm per column (axis=0)", "For a matrix you scaled each column "
                "by its own norm: that changes the direction. Clipping uses one norm over all "
                "the entries.", "np.linalg.norm(g) without an axis."),
        Mistake("factor_only", "min(1, c/‖g‖) returned alone", "You returned the scale factor, "
                "one number: return the scaled gradient, an array like g.",
                "Multiply g by the factor."),
        Mistake("zero_gradient", "c/‖g‖ with ‖g‖ = 0", "A zero gradient gave NaN or infinity: "
                "‖g‖ = 0 divides by zero. A zero gradient needs no clipping.",
                "Only compute c/‖g‖ when ‖g‖ exceeds c."),
    ),
    answer_keys=("min(1, c / ‖g‖)", "min(1.0, c / np.linalg.norm(g))", "c / np.linalg.norm(g)"),
)


def _clip(g, c):
    norm = np.linalg.norm(g)
    return g if norm <= c else g * (c / norm)


def check_clip_by_norm(clip: Callable) -> Feedback:
    """Check ``clip(g, c)``: rescale g (a vector or matrix) so that its norm is at most c,
    keeping its direction; a short or zero g comes back unchanged."""
    ex = CLIP
    c = 5.0
    cases = [np.array([30.0, -40.0]), np.array([0.3, 0.4]), np.array([[3.0, 1.0], [-4.0, 7.0]]),
             np.zeros(3)]
    for g in cases:
        value, problem = call_student(clip, g, c, read=as_array)
        if problem == "not attempted":
            return not_attempted(ex)
        if problem is not None:
            if problem.key == "not_finite" and not g.any():
                return wrong(ex, "zero_gradient")
            return unusable(ex, problem)
        expected = _clip(g, c)
        if close(value, expected, rtol=1e-9):
            continue
        norm = np.linalg.norm(g)
        l1, linf = np.abs(g).sum(), np.abs(g).max()
        key = first_match(value, {
            "elementwise": np.clip(g, -c, c),
            "always_rescales": g * c / norm if norm else g,
            "max_not_min": g * max(1.0, c / norm) if norm else g,
            "inverted_factor": alternatives(g / (c / norm), g / min(1.0, c / norm)) if norm else g,
            "l1_norm": g * min(1.0, c / l1) if norm else g,
            "max_norm": g * min(1.0, c / linf) if norm else g,
            "per_column": g * np.minimum(1.0, c / np.linalg.norm(g, axis=0)) if norm else g,
            "factor_only": alternatives(min(1.0, c / norm), c / norm) if norm else 1.0},
            rtol=1e-9)
        if key is None and np.size(value) != g.size:
            return unusable(ex, Unusable("wrong_shape", f"Return an array of the same shape as "
                                         f"g, {g.shape}; yours has shape {np.shape(value)}."))
        return wrong(ex, key, f"(For g = {g.tolist()} and c = {c:g}.)")
    return correct("Correct: long gradients are shortened to length c, short and zero ones are "
                   "left alone, and the direction never changes — for a matrix too, with one "
                   "norm over all its entries.")
