"""The 2-D objectives of notebooks 02 and 03: exact derivatives against central differences."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers.calculus import relative_error
from helpers.objectives import (
    OBJECTIVES_2D, QUADRATIC_BOWL_NAME, himmelblau, quadratic_bowl, rosenbrock, three_wells,
)

MINE = [quadratic_bowl(), quadratic_bowl(0.5, 40.0, -65.0), rosenbrock(), himmelblau(),
        three_wells()]
IDS = ["bowl", "bowl-rotated", "rosenbrock", "himmelblau", "three-wells"]


def _point_in(obj, u, v):
    (x0, x1), (y0, y1) = obj.x_range, obj.y_range
    return np.array([x0 + u * (x1 - x0), y0 + v * (y1 - y0)])


def _central_gradient(f, p, h=1e-6):
    e = np.eye(2) * h
    return np.array([(f(p + e[i]) - f(p - e[i])) / (2 * h) for i in range(2)])


def _central_hessian(grad, p, h=1e-6):
    e = np.eye(2) * h
    cols = [(grad(p + e[i]) - grad(p - e[i])) / (2 * h) for i in range(2)]
    return np.stack(cols, axis=-1)


unit = st.floats(0.0, 1.0)


@pytest.mark.parametrize("obj", MINE, ids=IDS)
@settings(max_examples=40, deadline=None)
@given(u=unit, v=unit)
def test_gradient_matches_central_differences(obj, u, v):
    p = _point_in(obj, u, v)
    exact, numeric = obj.grad(p), _central_gradient(obj.f, p)
    scale = max(1.0, np.linalg.norm(exact))
    assert np.linalg.norm(exact - numeric) / scale < 1e-6


@pytest.mark.parametrize("obj", MINE, ids=IDS)
@settings(max_examples=40, deadline=None)
@given(u=unit, v=unit)
def test_hessian_matches_central_differences_and_is_symmetric(obj, u, v):
    p = _point_in(obj, u, v)
    exact, numeric = obj.hessian(p), _central_hessian(obj.grad, p)
    np.testing.assert_allclose(exact, exact.T)
    assert np.linalg.norm(exact - numeric) / max(1.0, np.linalg.norm(exact)) < 1e-6


@pytest.mark.parametrize("obj", MINE, ids=IDS)
def test_vectorised_over_leading_axes(obj):
    rng = np.random.default_rng(3)
    grid = np.stack([rng.uniform(*obj.x_range, (4, 5)), rng.uniform(*obj.y_range, (4, 5))], -1)
    f, g, h = obj.f(grid), obj.grad(grid), obj.hessian(grid)
    assert f.shape == (4, 5) and g.shape == (4, 5, 2) and h.shape == (4, 5, 2, 2)
    for i, j in [(0, 0), (3, 4), (2, 1)]:
        assert f[i, j] == pytest.approx(obj.f(grid[i, j]))
        np.testing.assert_allclose(g[i, j], obj.grad(grid[i, j]))
        np.testing.assert_allclose(h[i, j], obj.hessian(grid[i, j]))


@pytest.mark.parametrize("obj", MINE, ids=IDS)
def test_listed_minima_are_minima(obj):
    assert obj.minima
    for m in obj.minima:
        m = np.array(m)
        assert np.linalg.norm(obj.grad(m)) < 1e-9
        assert np.all(np.linalg.eigvalsh(obj.hessian(m)) > 0)


def test_known_minima_values():
    assert rosenbrock().minima == ((1.0, 1.0),)
    h = himmelblau()
    assert len(h.minima) == 4
    for m in h.minima:
        assert h.f(np.array(m)) == pytest.approx(0.0, abs=1e-20)
    assert (3.0, 2.0) in [tuple(np.round(m, 12)) for m in h.minima]


def test_three_wells_have_different_depths():
    w = three_wells()
    depths = [float(w.f(np.array(m))) for m in w.minima]
    assert len(depths) == 3
    assert min(np.diff(sorted(depths))) > 0.5


@settings(max_examples=40, deadline=None)
@given(lam_min=st.floats(0.05, 5.0), ratio=st.floats(1.0, 200.0), angle=st.floats(-180, 180))
def test_bowl_is_built_from_its_eigenvalues_and_angle(lam_min, ratio, angle):
    bowl = quadratic_bowl(lam_min, lam_min * ratio, angle)
    a = bowl.matrix
    np.testing.assert_allclose(np.linalg.eigvalsh(a), [bowl.lam_min, bowl.lam_max], rtol=1e-10)
    assert bowl.kappa == pytest.approx(ratio)
    np.testing.assert_allclose(a @ bowl.slow_direction, bowl.lam_min * bowl.slow_direction,
                               atol=1e-9 * bowl.lam_max)
    np.testing.assert_allclose(a @ bowl.fast_direction, bowl.lam_max * bowl.fast_direction,
                               atol=1e-9 * bowl.lam_max)
    t = np.deg2rad(angle)
    np.testing.assert_allclose(bowl.slow_direction, [np.cos(t), np.sin(t)], atol=1e-12)
    np.testing.assert_allclose(bowl.hessian(np.zeros(2)), a)


def test_bowl_level_curve_lies_on_its_level():
    bowl = quadratic_bowl(1.0, 25.0, 40.0)
    np.testing.assert_allclose(bowl.f(bowl.level_curve(3.0)), 3.0, rtol=1e-12)


@pytest.mark.parametrize("lams", [(0.0, 1.0), (-1.0, 2.0), (3.0, 1.0), (1.0, float("nan"))])
def test_bowl_rejects_bad_eigenvalues_with_a_message(lams):
    with pytest.raises(ValueError, match="eigenvalues|lam_min"):
        quadratic_bowl(*lams)


def test_registry_holds_each_objective_once_by_name():
    for name in (QUADRATIC_BOWL_NAME, rosenbrock().name, himmelblau().name, three_wells().name):
        assert OBJECTIVES_2D[name].name == name
