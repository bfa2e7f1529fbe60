"""Notebook 05: every catalogued mistake gets its own message, compared output layer first."""
import numpy as np
import pytest

from helpers.activations import get_activation
from helpers.checks import BACKWARD, OUTPUT_DELTA, check_backward_2_3_1, check_output_delta

sigmoid = get_activation("sigmoid")
s = sigmoid.f

OUTPUT_MUTANTS = {
    "forgot_mean": lambda z, y: s(z) - y,
    "divided_twice": lambda z, y: (s(z) - y) / len(z) / len(z),
    "sign": lambda z, y: (y - s(z)) / len(z),
    "sign_and_sum": lambda z, y: y - s(z),
    "kept_sigmoid_slope": lambda z, y: (s(z) - y) * s(z) * (1 - s(z)) / len(z),
    "forgot_sigmoid": lambda z, y: (z - y) / len(z),
    "slope_for_prediction": lambda z, y: (sigmoid.df(z) - y) / len(z),
    "collapsed": lambda z, y: np.mean(s(z) - y),
}


@pytest.mark.parametrize("key", [m.key for m in OUTPUT_DELTA.mistakes])
def test_output_delta_mistakes(key, names_mistake):
    names_mistake(check_output_delta(OUTPUT_MUTANTS[key]), OUTPUT_DELTA, key)


def test_output_delta_right_and_stub():
    assert check_output_delta(lambda z, y: (s(z) - y) / len(z)).status == "correct"

    def todo(z, y):
        raise NotImplementedError

    assert check_output_delta(todo).status == "not attempted"
    assert check_output_delta(lambda z, y: ((s(z) - y) / len(z)).ravel()).mistake == "wrong_shape"


def backward_with(sign=1.0, factor=1.0, per_m=True, twice=False, output_slope=True,
                  slope_at_a=False, hidden_slope=True, delta1_from_error=False,
                  bias=lambda d: d.sum(axis=0), transposed=False, swap_inputs=False):
    """A backward pass for the 2-3-1 sigmoid net, with one of the students' mistakes switched on."""
    def backward(X, y, W1, b1, W2, b2):
        m = len(X)
        A1 = s(X @ W1 + b1)
        y_hat = s(A1 @ W2 + b2)
        error = sign * factor * (y_hat - y) / (m if per_m else 1) / (m if twice else 1)
        out_slope = s(y_hat) * (1 - s(y_hat)) if slope_at_a else y_hat * (1 - y_hat)
        hid_slope = s(A1) * (1 - s(A1)) if slope_at_a else A1 * (1 - A1)
        delta2 = error * out_slope if output_slope else error
        delta1 = ((error if delta1_from_error else delta2) @ W2.T) * (hid_slope if hidden_slope else 1)
        if transposed:
            return delta1.T @ X, bias(delta1), delta2.T @ A1, bias(delta2)
        if swap_inputs:
            return A1.T @ delta1, bias(delta1), X.T @ delta2, bias(delta2)
        return X.T @ delta1, bias(delta1), A1.T @ delta2, bias(delta2)
    return backward


BACKWARD_MUTANTS = {
    "sign": backward_with(sign=-1.0),
    "forgot_half": backward_with(factor=2.0),
    "forgot_mean": backward_with(per_m=False),
    "divided_twice": backward_with(twice=True),
    "forgot_output_slope": backward_with(output_slope=False),
    "slope_of_activation": backward_with(slope_at_a=True),
    "forgot_hidden_slope": backward_with(hidden_slope=False),
    "delta1_from_error": backward_with(delta1_from_error=True),
    "bias_mean": backward_with(bias=lambda d: d.mean(axis=0)),
    "bias_keepdims": backward_with(bias=lambda d: d.sum(axis=0, keepdims=True)),
    "bias_total": backward_with(bias=np.sum),
    "bias_wrong_axis": backward_with(bias=lambda d: d.sum(axis=1)),
    "transposed": backward_with(transposed=True),
    "wrong_input": backward_with(swap_inputs=True),
    "not_four": lambda X, y, W1, b1, W2, b2: backward_with()(X, y, W1, b1, W2, b2)[:2],
}


@pytest.mark.parametrize("key", [m.key for m in BACKWARD.mistakes])
def test_backward_mistakes(key, names_mistake):
    names_mistake(check_backward_2_3_1(BACKWARD_MUTANTS[key]), BACKWARD, key)


@pytest.mark.parametrize("key", ["sign", "forgot_half", "forgot_output_slope", "bias_mean"])
def test_output_layer_mistakes_are_blamed_on_the_output_layer(key):
    message = check_backward_2_3_1(BACKWARD_MUTANTS[key]).message
    assert "∂J/∂W²" in message or "∂J/∂b²" in message
    assert "output layer is right" not in message


def test_backward_right_and_stub():
    assert check_backward_2_3_1(backward_with()).status == "correct"

    def todo(X, y, W1, b1, W2, b2):
        raise NotImplementedError

    assert check_backward_2_3_1(todo).status == "not attempted"
    assert check_backward_2_3_1(lambda *a: None).mistake == "returned_none"


def test_the_catalogue_backward_pass_is_the_engine():
    from helpers.checks.backprop import _backward_variants
    rng = np.random.default_rng(0)
    X, y = rng.uniform(size=(4, 2)), rng.uniform(size=(4, 1))
    params = [rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=(3, 1)), rng.normal(size=1)]
    right, _, _ = _backward_variants(X, y, *params)
    mine = backward_with()(X, y, *params)
    assert all(np.allclose(a, b, rtol=1e-12) for a, b in zip(right, mine))
