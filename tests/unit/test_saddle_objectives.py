"""The saddle objectives of notebook 04: exact derivatives, vectorisation, registry."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers.calculus import numerical_gradient, relative_error
from helpers.objectives import (OBJECTIVES_2D, SADDLES_2D, monkey_saddle, saddle,
                                two_valleys)

SADDLE_OBJECTIVES = [saddle(), monkey_saddle(), two_valleys()]
IDS = [obj.formula for obj in SADDLE_OBJECTIVES]
coordinate = st.floats(-1.5, 1.5, allow_nan=False)


def numerical_hessian(grad, p, h=1e-6):
    """Central differences of the exact gradient, one column per coordinate."""
    cols = []
    for i in range(2):
        e = np.zeros(2)
        e[i] = h
        cols.append((grad(p + e) - grad(p - e)) / (2 * h))
    return np.stack(cols, axis=-1)


@pytest.mark.parametrize("obj", SADDLE_OBJECTIVES, ids=IDS)
@settings(max_examples=60, deadline=None)
@given(x=coordinate, y=coordinate)
def test_gradient_matches_central_differences(obj, x, y):
    p = np.array([x, y])
    exact, approx = obj.grad(p), numerical_gradient(obj.f, p)
    assert np.allclose(exact, approx, rtol=1e-6, atol=1e-7), (exact, approx)


@pytest.mark.parametrize("obj", SADDLE_OBJECTIVES, ids=IDS)
@settings(max_examples=60, deadline=None)
@given(x=coordinate, y=coordinate)
def test_hessian_matches_central_differences_of_the_gradient(obj, x, y):
    p = np.array([x, y])
    exact, approx = obj.hessian(p), numerical_hessian(obj.grad, p)
    assert np.allclose(exact, approx, rtol=1e-6, atol=1e-6), (exact, approx)
    assert np.array_equal(exact, exact.T)


def test_hand_values():
    assert saddle().f(np.array([3.0, 2.0])) == 5.0
    assert np.array_equal(saddle().grad(np.array([3.0, 2.0])), [6.0, -4.0])
    assert monkey_saddle().f(np.array([2.0, 1.0])) == 8 - 6
    assert np.array_equal(monkey_saddle().grad(np.array([2.0, 1.0])), [12 - 3, -12])
    assert two_valleys().f(np.array([0.0, 0.0])) == 0.25
    assert np.array_equal(two_valleys().grad(np.array([2.0, 1.0])), [6.0, 1.0])


@pytest.mark.parametrize("obj", SADDLE_OBJECTIVES, ids=IDS)
def test_vectorised_over_leading_axes(obj):
    pts = np.random.default_rng(4).uniform(-1.5, 1.5, size=(3, 5, 2))
    f, g, h = obj.f(pts), obj.grad(pts), obj.hessian(pts)
    assert f.shape == (3, 5) and g.shape == (3, 5, 2) and h.shape == (3, 5, 2, 2)
    for idx in np.ndindex(3, 5):
        assert f[idx] == pytest.approx(obj.f(pts[idx]), rel=1e-14)
        np.testing.assert_allclose(g[idx], obj.grad(pts[idx]), rtol=1e-14)
        np.testing.assert_allclose(h[idx], obj.hessian(pts[idx]), rtol=1e-14)


@pytest.mark.parametrize("obj", SADDLE_OBJECTIVES, ids=IDS)
def test_registered_with_saddles_where_the_gradient_vanishes(obj):
    assert OBJECTIVES_2D[obj.name].formula == obj.formula
    for point in SADDLES_2D[obj.name]:
        assert np.all(obj.grad(np.array(point)) == 0)


def test_two_valleys_minima_are_critical_and_the_stable_line_is_exact():
    obj = two_valleys()
    for m in obj.minima:
        assert np.all(obj.grad(np.array(m)) == 0)
        assert obj.f(np.array(m)) == 0
    # On x = 0 the gradient has no x-part, so descent started there stays there.
    ys = np.linspace(-1.2, 1.2, 25)
    line = np.stack([np.zeros_like(ys), ys], axis=1)
    assert np.all(obj.grad(line)[:, 0] == 0)
