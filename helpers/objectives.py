"""Test functions to descend on, each with its exact derivatives.

A 1-D objective bundles the function ``f``, its first and second derivatives,
a sensible plotting range and its known local minima. ``OBJECTIVES_1D`` is a
registry by name, used by the dropdowns of the live panels.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

ArrayFunction = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Objective1D:
    """A function of one variable with exact first and second derivatives.

    Parameters
    ----------
    name : short label for dropdowns, e.g. ``"quadratic  x²"``.
    formula : the function written as a reader would, e.g. ``"x²"``.
    f, df, d2f : vectorised callables: f(x), f'(x), f''(x).
    x_range : (low, high) interval worth plotting.
    minima : x positions of the local minima, sorted.
    default_start : a start point that shows something interesting.
    """

    name: str
    formula: str
    f: ArrayFunction
    df: ArrayFunction
    d2f: ArrayFunction
    x_range: tuple[float, float]
    minima: tuple[float, ...] = field(default=())
    default_start: float = 2.0


def quadratic(a: float = 1.0) -> Objective1D:
    """The parabola f(x) = a x²/2, whose curvature f'' = a sets every threshold."""
    formula = {1.0: "x²/2", 2.0: "x²"}.get(float(a), f"{a:g}·x²/2")
    return Objective1D(
        name=f"parabola  {formula}",
        formula=formula,
        f=lambda x: 0.5 * a * np.square(x),
        df=lambda x: a * np.asarray(x, dtype=float),
        d2f=lambda x: np.full_like(np.asarray(x, dtype=float), a),
        x_range=(-3.0, 3.0),
        minima=(0.0,),
        default_start=2.5,
    )


def _newton_root(df: ArrayFunction, d2f: ArrayFunction, x: float, steps: int = 50) -> float:
    """Polish a stationary point of f (a root of f') by Newton's method."""
    for _ in range(steps):
        x = x - float(df(x)) / float(d2f(x))
    return x


def double_well() -> Objective1D:
    """f(x) = x⁴ − 2x² + x/2: two valleys of different depth."""
    f = lambda x: np.power(x, 4) - 2 * np.square(x) + 0.5 * np.asarray(x, dtype=float)
    df = lambda x: 4 * np.power(x, 3) - 4 * np.asarray(x, dtype=float) + 0.5
    d2f = lambda x: 12 * np.square(x) - 4.0
    minima = tuple(_newton_root(df, d2f, guess) for guess in (-1.0, 1.0))
    return Objective1D(
        name="double well  x⁴ − 2x² + x/2",
        formula="x⁴ − 2x² + x/2",
        f=f, df=df, d2f=d2f,
        x_range=(-1.8, 1.8),
        minima=minima,
        default_start=0.3,
    )


def bumpy() -> Objective1D:
    """f(x) = x²/2 + 2 sin 2x: a bowl with ripples, so side valleys trap a small step."""
    f = lambda x: 0.5 * np.square(x) + 2 * np.sin(2 * np.asarray(x, dtype=float))
    df = lambda x: np.asarray(x, dtype=float) + 4 * np.cos(2 * np.asarray(x, dtype=float))
    d2f = lambda x: 1 - 8 * np.sin(2 * np.asarray(x, dtype=float))
    minima = tuple(_newton_root(df, d2f, guess) for guess in (-3.4, -0.7, 2.1))
    return Objective1D(
        name="bumpy  x²/2 + 2 sin 2x",
        formula="x²/2 + 2 sin 2x",
        f=f, df=df, d2f=d2f,
        x_range=(-4.5, 4.0),
        minima=minima,
        default_start=3.0,
    )


def quartic() -> Objective1D:
    """f(x) = x⁴/4: the slope x³ grows so fast that a large step overshoots explosively."""
    return Objective1D(
        name="quartic  x⁴/4",
        formula="x⁴/4",
        f=lambda x: 0.25 * np.power(x, 4),
        df=lambda x: np.power(x, 3),
        d2f=lambda x: 3 * np.square(x),
        x_range=(-2.5, 2.5),
        minima=(0.0,),
        default_start=2.0,
    )


OBJECTIVES_1D: dict[str, Objective1D] = {
    obj.name: obj for obj in (quadratic(2.0), double_well(), bumpy(), quartic())
}


# ----------------------------------------------------------------------------
# Functions of two variables. Each callable takes points of shape (..., 2) and
# returns f of shape (...), the gradient of shape (..., 2) and the Hessian of
# shape (..., 2, 2), so one call evaluates a whole grid or many starts at once.
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Objective2D:
    """A function of two variables with exact gradient and Hessian.

    Parameters
    ----------
    name, formula : labels for dropdowns and titles.
    f, grad, hessian : vectorised over leading axes; input shape (..., 2).
    x_range, y_range : the window worth plotting.
    minima : known local minima, shape (m, 2) as a tuple of (x, y) pairs.
    default_start : a start point that shows something interesting.
    log_levels : draw contours at log-spaced levels (for steep valleys).
    """

    name: str
    formula: str
    f: ArrayFunction
    grad: ArrayFunction
    hessian: ArrayFunction
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    minima: tuple[tuple[float, float], ...] = field(default=())
    default_start: tuple[float, float] = (1.0, 1.0)
    log_levels: bool = False


OBJECTIVES_2D: dict[str, Objective2D] = {}
