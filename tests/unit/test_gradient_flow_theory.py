"""The facts notebook 06 states about slopes and the chain rule, checked against formulas."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.activations import ACTIVATIONS, get_activation
from helpers.gradient_flow import (
    chain_bound,
    derivative_peak,
    inactive_unit_fraction,
    scalar_chain,
)


# -- slopes of the activations --------------------------------------------------------

def test_sigmoid_slope_peaks_at_one_quarter_at_zero():
    peak, where = derivative_peak("sigmoid")
    assert peak == pytest.approx(0.25, abs=1e-15)
    assert where == 0.0


def test_tanh_slope_peaks_at_one_at_zero():
    peak, where = derivative_peak("tanh")
    assert peak == pytest.approx(1.0, abs=1e-15)
    assert where == 0.0


@given(st.floats(-700, 700, allow_nan=False))
def test_sigmoid_slope_is_at_most_one_quarter_everywhere(z):
    slope = float(get_activation("sigmoid").df(np.array(z)))
    assert 0.0 <= slope <= 0.25


@given(st.floats(-700, 700, allow_nan=False))
def test_tanh_slope_is_at_most_one_everywhere(z):
    slope = float(get_activation("tanh").df(np.array(z)))
    assert 0.0 <= slope <= 1.0


def test_relu_slope_takes_only_the_values_zero_and_one():
    zs = np.linspace(-5, 5, 10001)
    assert set(np.unique(get_activation("relu").df(zs))) == {0.0, 1.0}


def test_leaky_relu_and_elu_slopes_never_vanish_left_of_zero():
    zs = np.linspace(-5, 0, 501)
    assert np.all(ACTIVATIONS["leaky_relu"].df(zs) > 0)
    assert np.all(ACTIVATIONS["elu"].df(zs) > 0)


# -- the scalar chain -------------------------------------------------------------------

def _central_difference_sensitivity(weights, x0, activation, l, h=1e-6):
    """∂a_L/∂a_l by perturbing a_l and running the rest of the chain."""
    act = get_activation(activation)

    def tail(a_l):
        a = a_l
        for w in weights[l:]:
            a = act.f(w * a)
        return a

    a, _ = scalar_chain(weights, x0, activation)
    return (tail(a[l] + h) - tail(a[l] - h)) / (2 * h)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "elu"])
def test_scalar_chain_sensitivity_matches_central_differences(activation):
    weights = np.array([1.5, -0.7, 2.0, 0.9, -1.2])
    _, sensitivity = scalar_chain(weights, 0.3, activation)
    for l in range(len(weights)):
        expected = _central_difference_sensitivity(weights, 0.3, activation, l)
        assert sensitivity[l] == pytest.approx(expected, rel=1e-6, abs=1e-12)


def test_chain_bound_formula_by_hand():
    weights = [2.0, -3.0, 0.5]
    # b_l = (1/4)^(3−l) ∏_{k>l} |w_k|
    expected = [0.25**3 * 2 * 3 * 0.5, 0.25**2 * 3 * 0.5, 0.25 * 0.5, 1.0]
    np.testing.assert_allclose(chain_bound(weights, 0.25), expected, rtol=1e-15)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(-6, 6, allow_nan=False), min_size=1, max_size=30),
    st.floats(-3, 3, allow_nan=False),
)
def test_sigmoid_chain_never_beats_the_quarter_power_bound(weights, x0):
    _, sensitivity = scalar_chain(weights, x0, "sigmoid")
    bound = chain_bound(weights, 0.25)
    assert np.all(np.abs(sensitivity) <= bound * (1 + 1e-12))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-6, 6, allow_nan=False), min_size=1, max_size=30),
       st.floats(-3, 3, allow_nan=False))
def test_tanh_chain_never_beats_the_product_of_weights(weights, x0):
    _, sensitivity = scalar_chain(weights, x0, "tanh")
    assert np.all(np.abs(sensitivity) <= chain_bound(weights, 1.0) * (1 + 1e-12))


def test_sigmoid_chain_bound_is_nearly_reached_when_every_unit_sits_at_zero():
    # With x0 = 0 the first unit sits at z = 0 (slope exactly 1/4); tiny weights
    # keep the later z near 0, so the measured product approaches the bound.
    weights = np.full(10, 1e-4)
    _, sensitivity = scalar_chain(weights, 0.0, "sigmoid")
    ratio = np.abs(sensitivity[0]) / chain_bound(weights, 0.25)[0]
    assert 0.999 < ratio <= 1.0


def test_chain_bound_shrinks_geometrically_for_unit_weights():
    bound = chain_bound(np.ones(10), 0.25)
    np.testing.assert_allclose(bound, 0.25 ** np.arange(10, -1, -1), rtol=1e-15)


# -- switched-off units -------------------------------------------------------------------

def test_inactive_units_are_those_off_for_every_example():
    z = np.array([[-1.0, 2.0, -0.5, 0.0],
                  [-3.0, -1.0, -0.1, -2.0]])
    # columns 0, 2 and 3 never switch on
    assert inactive_unit_fraction(z) == pytest.approx(3 / 4)


# -- skip connections ---------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-3.9, 3.9, allow_nan=False), min_size=1, max_size=30),
       st.floats(-2, 2, allow_nan=False))
def test_residual_sigmoid_chain_keeps_each_factor_between_one_minus_and_one_plus_w_over_4(weights, x0):
    from helpers.gradient_flow import residual_chain

    _, sensitivity = residual_chain(weights, x0, "sigmoid")
    w = np.abs(np.asarray(weights))
    lower = np.append(np.cumprod((1 - w / 4)[::-1])[::-1], 1.0)
    upper = np.append(np.cumprod((1 + w / 4)[::-1])[::-1], 1.0)
    assert np.all(sensitivity >= lower * (1 - 1e-12))
    assert np.all(sensitivity <= upper * (1 + 1e-12))


def test_residual_chain_sensitivity_matches_central_differences():
    from helpers.gradient_flow import residual_chain

    weights = np.array([0.5, -1.2, 2.0, 0.3])
    a, sensitivity = residual_chain(weights, 0.4, "tanh")
    h = 1e-6

    def tail(a_l, l):
        for w in weights[l:]:
            a_l = a_l + np.tanh(w * a_l)
        return a_l

    for l in range(len(weights)):
        expected = (tail(a[l] + h, l) - tail(a[l] - h, l)) / (2 * h)
        assert sensitivity[l] == pytest.approx(expected, rel=1e-6)
