"""The 1-D objectives: exact derivatives agree with finite differences; minima are minima."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers.calculus import central_difference
from helpers.objectives import OBJECTIVES_1D, quadratic

OBJECTIVES = list(OBJECTIVES_1D.values()) + [quadratic(0.5), quadratic(7.0)]


@pytest.mark.parametrize("objective", OBJECTIVES, ids=lambda o: o.name)
@settings(max_examples=60, deadline=None)
@given(u=st.floats(0, 1))
def test_derivatives_match_central_differences(objective, u):
    low, high = objective.x_range
    x = low + u * (high - low)
    h = 1e-5
    assert objective.df(x) == pytest.approx(central_difference(objective.f, x, h), rel=1e-6, abs=1e-6)
    assert objective.d2f(x) == pytest.approx(central_difference(objective.df, x, h), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("objective", OBJECTIVES, ids=lambda o: o.name)
def test_listed_minima_are_local_minima(objective):
    assert objective.minima, "every objective lists its minima"
    for x in objective.minima:
        assert abs(objective.df(x)) < 1e-10
        assert objective.d2f(x) >= 0
        assert objective.f(x) <= min(objective.f(x - 1e-3), objective.f(x + 1e-3))


def test_functions_are_vectorised():
    xs = np.linspace(-1, 1, 7)
    for objective in OBJECTIVES:
        for fn in (objective.f, objective.df, objective.d2f):
            assert np.shape(fn(xs)) == xs.shape


def test_bumpy_has_three_valleys_and_double_well_two():
    assert len(OBJECTIVES_1D["bumpy  x²/2 + 2 sin 2x"].minima) == 3
    left, right = OBJECTIVES_1D["double well  x⁴ − 2x² + x/2"].minima
    well = OBJECTIVES_1D["double well  x⁴ − 2x² + x/2"]
    assert well.f(left) < well.f(right)  # the left valley is the deeper one


def test_lowest_value_on_the_range():
    from helpers.expressions import parse_function
    from helpers.objectives import lowest_value
    assert lowest_value(OBJECTIVES_1D["parabola  x²"]) == 0.0
    well = OBJECTIVES_1D["double well  x⁴ − 2x² + x/2"]
    assert lowest_value(well) == pytest.approx(well.f(well.minima[0]))
    typed = parse_function("(x - 0.123)**2 + 1")  # minimum between grid points
    assert lowest_value(typed) == pytest.approx(1.0, abs=1e-14)
