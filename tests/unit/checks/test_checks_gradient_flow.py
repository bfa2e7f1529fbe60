"""Notebook 06: every catalogued mistake gets its own message; right answers pass."""
import numpy as np
import pytest

from helpers.checks import CHAIN_BOUND, CLIP, check_clip_by_norm, check_sigmoid_chain_bound

BOUND_MUTANTS = {
    "signed_weights": lambda w: 0.25 ** len(w) * np.prod(w),
    "ignores_weights": lambda w: 0.25 ** len(w),
    "slope_half": lambda w: 0.5 ** len(w) * np.prod(np.abs(w)),
    "forgot_quarter": lambda w: np.prod(np.abs(w)),
    "exponent_L_minus_1": lambda w: 0.25 ** (len(w) - 1) * np.prod(np.abs(w)),
    "quarter_once": lambda w: 0.25 * np.prod(np.abs(w)),
    "sum_not_product": lambda w: 0.25 ** len(w) * np.sum(np.abs(w)),
}


@pytest.mark.parametrize("key", [m.key for m in CHAIN_BOUND.mistakes])
def test_bound_mistakes(key, names_mistake):
    names_mistake(check_sigmoid_chain_bound(BOUND_MUTANTS[key]), CHAIN_BOUND, key)


def test_bound_right_and_the_success_message_is_honest():
    verdict = check_sigmoid_chain_bound(lambda w: 0.25 ** len(w) * np.prod(np.abs(w)))
    assert verdict.status == "correct" and "not reached" in verdict.message
    assert "exactly cancel" not in verdict.message
    assert check_sigmoid_chain_bound(lambda w: [1, 2]).mistake == "wrong_shape"


def clip_with(norm=np.linalg.norm, factor=lambda n, c: min(1.0, c / n)):
    def clip(g, c):
        return g * factor(norm(g), c)
    return clip


def right_clip(g, c):
    n = np.linalg.norm(g)
    return g if n <= c else g * (c / n)


CLIP_MUTANTS = {
    "elementwise": lambda g, c: np.clip(g, -c, c),
    "always_rescales": lambda g, c: g * c / np.linalg.norm(g),
    "max_not_min": clip_with(factor=lambda n, c: max(1.0, c / n)),
    "inverted_factor": lambda g, c: g / (c / np.linalg.norm(g)),
    "l1_norm": clip_with(norm=lambda g: np.abs(g).sum()),
    "max_norm": clip_with(norm=lambda g: np.abs(g).max()),
    "per_column": lambda g, c: g * np.minimum(1.0, c / np.linalg.norm(g, axis=0)),
    "factor_only": lambda g, c: min(1.0, c / np.linalg.norm(g)),
    "zero_gradient": lambda g, c: right_clip(g, c) if g.any() else g * (c / np.linalg.norm(g)),
}


@pytest.mark.parametrize("key", [m.key for m in CLIP.mistakes])
def test_clip_mistakes(key, names_mistake):
    names_mistake(check_clip_by_norm(CLIP_MUTANTS[key]), CLIP, key)


def test_clip_right_answers():
    assert check_clip_by_norm(right_clip).status == "correct"
    assert check_clip_by_norm(clip_with()).status == "correct"  # min(1, c/0) = 1 on a zero g

    def todo(g, c):
        raise NotImplementedError

    assert check_clip_by_norm(todo).status == "not attempted"
