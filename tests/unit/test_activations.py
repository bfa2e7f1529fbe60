"""Activations: derivatives against central differences, stability, registry."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.activations import ACTIVATIONS, Activation, elu, get_activation, leaky_relu

NAMES = sorted(ACTIVATIONS)


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_central_difference(name):
    act = ACTIVATIONS[name]
    # Stay 1e-3 away from the kink at 0 so the step h never straddles it.
    z = np.concatenate([np.linspace(-6, -1e-3, 200), np.linspace(1e-3, 6, 200)])
    h = 1e-6
    numeric = (act.f(z + h) - act.f(z - h)) / (2 * h)
    np.testing.assert_allclose(act.df(z), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_derivative_from_output_equals_derivative(name):
    act = ACTIVATIONS[name]
    z = np.linspace(-8, 8, 401)
    np.testing.assert_allclose(act.derivative(z, act.f(z)), act.df(z), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", NAMES)
def test_extreme_inputs_stay_finite_without_warnings(name):
    # pytest turns RuntimeWarning (overflow) into an error, so this also checks silence.
    act = ACTIVATIONS[name]
    z = np.array([-1e300, -1000.0, -50.0, 0.0, 50.0, 1000.0, 1e300])
    assert np.all(np.isfinite(act.f(z)))
    assert np.all(np.isfinite(act.df(z)))


def test_sigmoid_exact_values_at_extremes():
    s = ACTIVATIONS["sigmoid"]
    assert s.f(np.array(1000.0)) == 1.0
    assert s.f(np.array(-1000.0)) == 0.0
    assert s.f(np.array(0.0)) == 0.5
    # Far in the left tail the stable branch keeps relative accuracy: σ(−50) ≈ e^(−50).
    np.testing.assert_allclose(s.f(np.array(-50.0)), np.exp(-50.0), rtol=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_float32_in_float32_out(name):
    act = ACTIVATIONS[name]
    z = np.linspace(-3, 3, 7, dtype=np.float32)
    assert act.f(z).dtype == np.float32
    assert act.df(z).dtype == np.float32
    assert act.derivative(z, act.f(z)).dtype == np.float32


def test_kink_conventions():
    zero = np.array([0.0])
    assert ACTIVATIONS["relu"].df(zero)[0] == 0.0
    assert leaky_relu(0.1).df(zero)[0] == pytest.approx(0.1)
    assert elu(2.0).df(zero)[0] == pytest.approx(2.0)


@given(st.floats(-30, 30), st.floats(0.0, 0.5))
@settings(max_examples=60, deadline=None)
def test_leaky_relu_is_max_of_line_and_identity(z, slope):
    act = leaky_relu(slope)
    assert act.f(np.array(z)) == pytest.approx(max(slope * z, z))


def test_registry_and_clear_errors():
    assert set(ACTIVATIONS) == {"sigmoid", "tanh", "relu", "leaky_relu", "elu", "identity"}
    assert get_activation("tanh") is ACTIVATIONS["tanh"]
    custom = leaky_relu(0.2)
    assert get_activation(custom) is custom
    assert isinstance(custom, Activation)
    with pytest.raises(ValueError, match="choose one of: .*sigmoid"):
        get_activation("softsign")
    with pytest.raises(ValueError, match="slope"):
        leaky_relu(-1)
    with pytest.raises(ValueError, match="α"):
        elu(0)


def _exact_sigmoid(z: float) -> float:
    """σ(z) from 40-digit decimal arithmetic, rounded once to the nearest float."""
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 40
        return float(1 / (1 + (-decimal.Decimal(float(z))).exp()))


@pytest.mark.parametrize("dtype, max_ulps", [(np.float64, 3), (np.float32, 3)])
def test_sigmoid_is_within_a_few_units_in_the_last_place(dtype, max_ulps):
    # The smallest z whose σ(z) is a normal float: below it the result underflows.
    low = -708.0 if dtype == np.float64 else -87.0
    z = np.concatenate([np.linspace(low, 40, 1500), np.linspace(-2, 2, 500)]).astype(dtype)
    exact = np.array([_exact_sigmoid(v) for v in z])
    ulps = np.abs(ACTIVATIONS["sigmoid"].f(z) - exact) / np.spacing(exact.astype(dtype))
    assert ulps.max() <= max_ulps


def test_sigmoid_underflow_region_is_off_by_less_than_the_smallest_normal_float():
    # e^(−z) overflows for z < −709.78: σ becomes 1/inf = 0, against a true value below 2.3e-308.
    z = np.linspace(-760.0, -709.0, 400)
    exact = np.array([_exact_sigmoid(v) for v in z])
    got = ACTIVATIONS["sigmoid"].f(z)
    assert np.all(got >= 0)
    assert np.max(np.abs(got - exact)) < np.finfo(np.float64).tiny


def test_sigmoid_accepts_scalars_lists_and_integers():
    s = ACTIVATIONS["sigmoid"].f
    assert s(0) == 0.5 and s(np.int64(0)) == 0.5
    np.testing.assert_allclose(s([0, 1]), [0.5, 1 / (1 + np.exp(-1.0))], rtol=1e-15)
    z = np.array([-3.0, 0.5])
    before = z.copy()
    s(z)
    assert np.array_equal(z, before)  # the input is not overwritten
