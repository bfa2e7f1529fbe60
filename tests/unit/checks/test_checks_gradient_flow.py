"""The exercise checks of notebook 06 accept right answers and name typical mistakes."""
import numpy as np

from helpers.checks import check_clip_by_norm, check_sigmoid_chain_bound


def test_chain_bound_check():
    assert check_sigmoid_chain_bound(lambda w: 0.25 ** len(w) * np.prod(np.abs(w))).status == "correct"

    def todo(w):
        raise NotImplementedError

    assert check_sigmoid_chain_bound(todo).status == "not attempted"
    signed = check_sigmoid_chain_bound(lambda w: 0.25 ** len(w) * np.prod(w))
    assert signed.status == "wrong" and "|w_k|" in signed.message
    no_weights = check_sigmoid_chain_bound(lambda w: 0.25 ** len(w))
    assert no_weights.status == "wrong" and "ignores the weights" in no_weights.message
    half = check_sigmoid_chain_bound(lambda w: 0.5 ** len(w) * np.prod(np.abs(w)))
    assert half.status == "wrong" and "1/4" in half.message
    assert check_sigmoid_chain_bound(lambda w: [1, 2]).status == "wrong"


def test_clip_check():
    def right(g, c):
        n = np.linalg.norm(g)
        return g * min(1.0, c / n)

    assert check_clip_by_norm(right).status == "correct"
    elementwise = check_clip_by_norm(lambda g, c: np.clip(g, -c, c))
    assert elementwise.status == "wrong" and "np.clip" in elementwise.message
    always = check_clip_by_norm(lambda g, c: g * c / np.linalg.norm(g))
    assert always.status == "wrong" and "unchanged" in always.message
    assert check_clip_by_norm(lambda g, c: g).status == "wrong"

    def todo(g, c):
        raise NotImplementedError

    assert check_clip_by_norm(todo).status == "not attempted"
