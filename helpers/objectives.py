"""Test functions to descend on, each with its exact derivatives.

A 1-D objective bundles the function ``f``, its first and second derivatives,
a sensible plotting range and its known local minima. ``OBJECTIVES_1D`` is a
registry by name, used by the dropdowns of the live panels.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .calculus import stationary_point

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




def double_well() -> Objective1D:
    """f(x) = x⁴ − 2x² + x/2: two valleys of different depth."""
    f = lambda x: np.power(x, 4) - 2 * np.square(x) + 0.5 * np.asarray(x, dtype=float)
    df = lambda x: 4 * np.power(x, 3) - 4 * np.asarray(x, dtype=float) + 0.5
    d2f = lambda x: 12 * np.square(x) - 4.0
    minima = tuple(stationary_point(df, d2f, guess) for guess in (-1.0, 1.0))
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
    minima = tuple(stationary_point(df, d2f, guess) for guess in (-3.4, -0.7, 2.1))
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


def lowest_value(objective: Objective1D, n: int = 2001) -> float:
    """The lowest value of J on the objective's range (known minima, else the grid's best
    point polished by Newton's method)."""
    xs = np.linspace(*objective.x_range, n)
    with np.errstate(all="ignore"):
        values = np.asarray(objective.f(xs), dtype=float)
        candidates = [float(objective.f(m)) for m in objective.minima]
        values = np.where(np.isfinite(values), values, np.nan)
        if not np.all(np.isnan(values)):
            best = float(xs[np.nanargmin(values)])
            candidates.append(float(np.nanmin(values)))
            if float(objective.d2f(best)) > 0:
                try:
                    polished = stationary_point(objective.df, objective.d2f, best, steps=20)
                except ValueError:  # no stationary point within Newton's reach (e.g. x + tanh x)
                    polished = None
                if polished is not None and objective.x_range[0] <= polished <= objective.x_range[1]:
                    candidates.append(float(objective.f(polished)))
    finite = [c for c in candidates if np.isfinite(c)]
    return min(finite) if finite else 0.0


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


# ----------------------------------------------------------------------------
# Bowls, valleys and several minima (notebooks 02 and 03): the quadratic bowl
# ½ xᵀAx built from its eigenvalues and a rotation, Rosenbrock's banana valley,
# Himmelblau's four minima, and three wells of different depths.
# ----------------------------------------------------------------------------


def _rotation(angle_deg: float) -> np.ndarray:
    """The 2×2 matrix that turns vectors by ``angle_deg`` degrees anticlockwise."""
    t = np.deg2rad(angle_deg)
    return np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])


def _bowl_matrix(lam_min: float, lam_max: float, angle_deg: float) -> np.ndarray:
    """A = R diag(λ_min, λ_max) Rᵀ, symmetrised against round-off."""
    r = _rotation(angle_deg)
    a = r @ np.diag([lam_min, lam_max]) @ r.T
    return 0.5 * (a + a.T)


@dataclass(frozen=True)
class QuadraticBowl(Objective2D):
    """J(x) = ½ xᵀAx with A = R diag(λ_min, λ_max) Rᵀ, R a rotation by ``angle`` degrees.

    Extra parameters
    ----------------
    lam_min, lam_max : the eigenvalues of A (curvatures along the slow and fast
        directions), 0 < lam_min ≤ lam_max.
    angle : rotation, in degrees, of the slow direction (eigenvector of λ_min)
        from the x axis.
    """

    lam_min: float = 1.0
    lam_max: float = 1.0
    angle: float = 0.0

    @property
    def matrix(self) -> np.ndarray:
        """The symmetric matrix A."""
        return _bowl_matrix(self.lam_min, self.lam_max, self.angle)

    @property
    def eigenvalues(self) -> tuple[float, float]:
        """(λ_min, λ_max)."""
        return (self.lam_min, self.lam_max)

    @property
    def kappa(self) -> float:
        """Condition number κ = λ_max / λ_min."""
        return self.lam_max / self.lam_min

    @property
    def slow_direction(self) -> np.ndarray:
        """Unit eigenvector of λ_min: the long, flat axis of the valley."""
        return _rotation(self.angle)[:, 0]

    @property
    def fast_direction(self) -> np.ndarray:
        """Unit eigenvector of λ_max: the steep walls of the valley."""
        return _rotation(self.angle)[:, 1]

    def level_curve(self, level: float, n: int = 121) -> np.ndarray:
        """Points (n, 2) of the ellipse J(x) = ``level``: semi-axes √(2·level/λ)."""
        t = np.linspace(0.0, 2 * np.pi, n)
        radius = np.sqrt(2 * level)
        return radius * (np.outer(np.cos(t) / np.sqrt(self.lam_min), self.slow_direction)
                         + np.outer(np.sin(t) / np.sqrt(self.lam_max), self.fast_direction))


QUADRATIC_BOWL_NAME = "quadratic bowl  ½ xᵀAx"


def quadratic_bowl(lam_min: float = 1.0, lam_max: float = 10.0, angle: float = 30.0,
                   *, half_width: float = 5.0) -> QuadraticBowl:
    """A bowl ½ xᵀAx with eigenvalues ``lam_min`` ≤ ``lam_max``, rotated by ``angle`` degrees.

    Parameters
    ----------
    lam_min, lam_max : curvatures along the slow and fast eigen-directions (> 0).
    angle : rotation of the slow direction from the x axis, in degrees.
    half_width : the plotting window is [−half_width, half_width]².

    Returns
    -------
    QuadraticBowl, whose ``kappa``, ``matrix``, ``slow_direction`` and
    ``fast_direction`` give the condition number and the eigen-directions.
    """
    lam_min, lam_max = float(lam_min), float(lam_max)
    if not (np.isfinite(lam_min) and np.isfinite(lam_max)) or lam_min <= 0:
        raise ValueError(f"the eigenvalues must be finite and positive, got {lam_min:g}, {lam_max:g}")
    if lam_max < lam_min:
        raise ValueError(f"need lam_min ≤ lam_max, got {lam_min:g} > {lam_max:g}")
    a = _bowl_matrix(lam_min, lam_max, angle)

    (a00, a01), (_, a11) = a

    def f(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return 0.5 * (a00 * x * x + 2 * a01 * x * y + a11 * y * y)

    def grad(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return np.stack([a00 * x + a01 * y, a01 * x + a11 * y], axis=-1)

    def hessian(p):
        p = np.asarray(p, dtype=float)
        return np.broadcast_to(a, p.shape[:-1] + (2, 2)).copy()

    start = _rotation(angle) @ np.array([-0.8 * half_width, 0.5 * half_width])
    return QuadraticBowl(
        name=QUADRATIC_BOWL_NAME,
        formula=f"½ xᵀAx,  λ = {lam_min:g} and {lam_max:g},  θ = {angle:g}°",
        f=f, grad=grad, hessian=hessian,
        x_range=(-half_width, half_width), y_range=(-half_width, half_width),
        minima=((0.0, 0.0),),
        default_start=(float(start[0]), float(start[1])),
        lam_min=lam_min, lam_max=lam_max, angle=float(angle),
    )


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Objective2D:
    """J(x, y) = (a − x)² + b (y − x²)²: a curved, flat-bottomed valley; minimum at (a, a²)."""
    def f(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return (a - x) ** 2 + b * (y - x ** 2) ** 2

    def grad(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return np.stack([-2 * (a - x) - 4 * b * x * (y - x ** 2), 2 * b * (y - x ** 2)], axis=-1)

    def hessian(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        dxx = 2 - 4 * b * y + 12 * b * x ** 2
        dxy = -4 * b * x
        dyy = np.full_like(x, 2 * b)
        return np.stack([np.stack([dxx, dxy], axis=-1), np.stack([dxy, dyy], axis=-1)], axis=-2)

    return Objective2D(
        name="Rosenbrock  (1 − x)² + 100(y − x²)²",
        formula=f"({a:g} − x)² + {b:g}(y − x²)²",
        f=f, grad=grad, hessian=hessian,
        x_range=(-2.0, 2.0), y_range=(-1.0, 3.0),
        minima=((a, a * a),),
        default_start=(-1.5, 2.0),
        log_levels=True,
    )


def _polish_minimum(grad: ArrayFunction, hessian: ArrayFunction, guess, steps: int = 50):
    """Newton's method on ∇J = 0 from ``guess``; returns the stationary point as (x, y)."""
    p = np.asarray(guess, dtype=float)
    for _ in range(steps):
        p = p - np.linalg.solve(hessian(p), grad(p))
    return (float(p[0]), float(p[1]))


def himmelblau() -> Objective2D:
    """J(x, y) = (x² + y − 11)² + (x + y² − 7)²: four minima, all with J = 0."""
    def f(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2

    def grad(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        u, v = x ** 2 + y - 11, x + y ** 2 - 7
        return np.stack([4 * x * u + 2 * v, 2 * u + 4 * y * v], axis=-1)

    def hessian(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        dxx = 12 * x ** 2 + 4 * y - 42
        dxy = 4 * x + 4 * y
        dyy = 4 * x + 12 * y ** 2 - 26
        return np.stack([np.stack([dxx, dxy], axis=-1), np.stack([dxy, dyy], axis=-1)], axis=-2)

    minima = tuple(_polish_minimum(grad, hessian, g)
                   for g in ((3.0, 2.0), (-2.8, 3.1), (-3.8, -3.3), (3.6, -1.8)))
    return Objective2D(
        name="Himmelblau  (x² + y − 11)² + (x + y² − 7)²",
        formula="(x² + y − 11)² + (x + y² − 7)²",
        f=f, grad=grad, hessian=hessian,
        x_range=(-5.0, 5.0), y_range=(-5.0, 5.0),
        minima=minima,
        default_start=(0.0, 0.0),
        log_levels=True,
    )


#: Centres, depths and widths of the wells in :func:`three_wells`.
THREE_WELLS_CENTRES = np.array([[-2.0, -1.0], [2.0, -1.5], [0.5, 2.2]])
THREE_WELLS_DEPTHS = np.array([3.0, 2.0, 1.2])
THREE_WELLS_WIDTHS = np.array([1.0, 0.8, 0.7])
THREE_WELLS_BOWL = 0.08


def three_wells() -> Objective2D:
    """J(x) = 0.08‖x‖² − Σᵢ dᵢ exp(−‖x − cᵢ‖² / 2sᵢ²): a deep, a middle and a shallow minimum.

    Gaussian dips of depths dᵢ = 3, 2, 1.2 on a gentle bowl; which one gradient
    descent ends in depends on the start, not on which is deepest.
    """
    centres, depths, widths, bowl = (THREE_WELLS_CENTRES, THREE_WELLS_DEPTHS,
                                     THREE_WELLS_WIDTHS, THREE_WELLS_BOWL)

    # One well at a time on the x and y columns: numpy is slow at reducing
    # tiny trailing axes, and basin maps evaluate this on 40 000 points per step.
    wells = list(zip(centres[:, 0], centres[:, 1], depths, widths))

    def _bumps(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        for cx, cy, depth, width in wells:
            dx, dy = x - cx, y - cy
            yield dx, dy, depth * np.exp(-(dx * dx + dy * dy) / (2 * width ** 2)), width

    def f(p):
        p = np.asarray(p, dtype=float)
        total = bowl * (p[..., 0] ** 2 + p[..., 1] ** 2)
        for _, _, bump, _ in _bumps(p):
            total = total - bump
        return total

    def grad(p):
        p = np.asarray(p, dtype=float)
        gx, gy = 2 * bowl * p[..., 0], 2 * bowl * p[..., 1]
        for dx, dy, bump, width in _bumps(p):
            gx = gx + bump * dx / width ** 2
            gy = gy + bump * dy / width ** 2
        return np.stack([gx, gy], axis=-1)

    def hessian(p):
        p = np.asarray(p, dtype=float)
        hxx = np.full(p.shape[:-1], 2 * bowl)
        hyy, hxy = hxx.copy(), np.zeros(p.shape[:-1])
        for dx, dy, bump, width in _bumps(p):
            s = bump / width ** 2
            hxx = hxx + s * (1 - dx * dx / width ** 2)
            hyy = hyy + s * (1 - dy * dy / width ** 2)
            hxy = hxy - s * dx * dy / width ** 2
        return np.stack([np.stack([hxx, hxy], axis=-1), np.stack([hxy, hyy], axis=-1)], axis=-2)

    minima = tuple(_polish_minimum(grad, hessian, c) for c in centres)
    return Objective2D(
        name="three wells  (deep, middle, shallow)",
        formula="0.08‖x‖² − Σᵢ dᵢ exp(−‖x − cᵢ‖²/2sᵢ²)",
        f=f, grad=grad, hessian=hessian,
        x_range=(-4.0, 4.0), y_range=(-4.0, 4.0),
        minima=minima,
        default_start=(0.0, 0.5),
    )


OBJECTIVES_2D.update({obj.name: obj for obj in (
    quadratic_bowl(), rosenbrock(), himmelblau(), three_wells())})


# ----------------------------------------------------------------------------
# Saddle points (notebook 04). Each of these has a critical point that is not a
# minimum: a plain saddle, a degenerate "monkey" saddle, and a saddle sitting
# between two minima. ``SADDLES_2D`` lists each one's saddle points.
# ----------------------------------------------------------------------------


def saddle() -> Objective2D:
    """J(x, y) = x² − y²: a minimum along x, a maximum along y, a saddle at the origin.

    The Hessian is diag(2, −2) everywhere, so gradient descent multiplies x by
    (1 − 2η) and y by (1 + 2η) at every step: the line y = 0 is the stable line.
    """
    def f(p):
        p = np.asarray(p, dtype=float)
        return np.square(p[..., 0]) - np.square(p[..., 1])

    def grad(p):
        p = np.asarray(p, dtype=float)
        return np.stack([2 * p[..., 0], -2 * p[..., 1]], axis=-1)

    def hessian(p):
        p = np.asarray(p, dtype=float)
        return np.broadcast_to(np.diag([2.0, -2.0]), p.shape[:-1] + (2, 2)).copy()

    return Objective2D(
        name="saddle  x² − y²", formula="x² − y²", f=f, grad=grad, hessian=hessian,
        x_range=(-1.25, 1.25), y_range=(-1.25, 1.25), default_start=(1.0, 1e-6),
    )


def monkey_saddle() -> Objective2D:
    """J(x, y) = x³ − 3xy²: three valleys meet at the origin, where the Hessian is zero.

    The second-order test says nothing there (all eigenvalues are 0); the third-order
    terms make it a saddle with three downhill directions, a "seat for a monkey".
    """
    def f(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return x ** 3 - 3 * x * y ** 2

    def grad(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return np.stack([3 * x ** 2 - 3 * y ** 2, -6 * x * y], axis=-1)

    def hessian(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return np.stack([np.stack([6 * x, -6 * y], axis=-1),
                         np.stack([-6 * y, -6 * x], axis=-1)], axis=-2)

    return Objective2D(
        name="monkey saddle  x³ − 3xy²", formula="x³ − 3xy²", f=f, grad=grad, hessian=hessian,
        x_range=(-1.25, 1.25), y_range=(-1.25, 1.25), default_start=(0.8, 1e-3),
    )


def two_valleys() -> Objective2D:
    """J(x, y) = (x² − 1)²/4 + y²/2: a saddle at the origin between minima at (±1, 0).

    At the origin the Hessian is diag(−1, 1): downhill along x, uphill along y. The
    gradient (x³ − x, y) has no x-part on the line x = 0, so that line is exactly the
    stable line: a start on it slides into the saddle, while a start nudged to
    x = ±ε falls into the minimum on the side it was nudged towards.
    """
    def f(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return np.square(x ** 2 - 1) / 4 + y ** 2 / 2

    def grad(p):
        p = np.asarray(p, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return np.stack([x ** 3 - x, y], axis=-1)

    def hessian(p):
        p = np.asarray(p, dtype=float)
        x = p[..., 0]
        zeros = np.zeros_like(x)
        return np.stack([np.stack([3 * x ** 2 - 1, zeros], axis=-1),
                         np.stack([zeros, np.ones_like(x)], axis=-1)], axis=-2)

    return Objective2D(
        name="two valleys  (x² − 1)²/4 + y²/2", formula="(x² − 1)²/4 + y²/2",
        f=f, grad=grad, hessian=hessian,
        x_range=(-1.6, 1.6), y_range=(-1.25, 1.25),
        minima=((-1.0, 0.0), (1.0, 0.0)),
        default_start=(1e-3, 1.0),
    )


_SADDLE_OBJECTIVES = (saddle(), monkey_saddle(), two_valleys())

#: The saddle points of each saddle objective, by objective name.
SADDLES_2D: dict[str, tuple[tuple[float, float], ...]] = {
    obj.name: ((0.0, 0.0),) for obj in _SADDLE_OBJECTIVES
}

OBJECTIVES_2D.update({obj.name: obj for obj in _SADDLE_OBJECTIVES})
