"""How gradient descent gets stuck near a saddle, and how long it takes to get away.

On J = x² − y² one step of plain gradient descent is

    x_{k+1} = (1 − 2η) x_k,      y_{k+1} = (1 + 2η) y_k,

so a start (x₀, ε) keeps y_k = (1 + 2η)^k ε. Started exactly on the stable
line (ε = 0) it slides into the saddle and stays; any ε > 0 grows
geometrically and reaches |y| = 1 after ln(1/ε) / ln(1 + 2η) steps. In
between, x has already shrunk and y is still tiny, so the gradient is tiny
too: the loss curve shows a *plateau* whose length grows like log(1/ε).

In general the factor is 1 + η|λ| for a Hessian eigenvalue λ < 0. Momentum
makes that factor bigger; gradient noise acts like a random start offset.
This module holds those formulas and the measurements that check them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from helpers.critical_points import analyse_point

#: An escape counts once the distance from the saddle along the downhill direction reaches this.
ESCAPE_RADIUS = 1.0


def growth_factor(lr, curvature=-2.0):
    """How much plain GD multiplies an offset along an eigen-direction per step: 1 − ηλ.

    For a negative eigenvalue λ this is 1 + η|λ| > 1 (the offset grows); for
    J = x² − y², λ = −2 and the factor is 1 + 2η.
    """
    return 1.0 - np.asarray(lr, dtype=float) * curvature


def escape_time_formula(eps, lr, curvature=-2.0, radius: float = ESCAPE_RADIUS):
    """Steps for plain GD to carry an offset ε along a downhill direction out to ``radius``.

    Solves (1 + η|λ|)^k ε = radius for k: k = ln(radius/ε) / ln(1 + η|λ|), a
    real number (the first whole step that gets there is its ceiling). ε = 0
    gives infinity: started on the stable line, descent never leaves.
    """
    eps = np.abs(np.asarray(eps, dtype=float))
    factor = growth_factor(lr, curvature)
    if np.any(factor <= 1):
        raise ValueError("the escape formula needs a downhill direction (λ < 0) and η > 0")
    with np.errstate(divide="ignore"):
        return np.log(radius / eps) / np.log(factor)


def momentum_growth_factor(lr, beta, curvature=-2.0):
    """Per-step growth of a downhill offset under heavy-ball momentum.

    With v ← βv − η∇J and x ← x + v, the offset obeys
    y_{k+1} = (1 + β + η|λ|) y_k − β y_{k−1}; its growth factor is the larger root r of
    r² − (1 + β + η|λ|) r + β = 0, which exceeds 1 + η|λ| whenever β > 0.
    """
    b = 1.0 + np.asarray(beta, dtype=float) - np.asarray(lr, dtype=float) * curvature
    return (b + np.sqrt(b * b - 4 * np.asarray(beta, dtype=float))) / 2


def noise_equivalent_offset(lr, noise, curvature=-2.0):
    """Typical start offset that gradient noise of size σ creates along a downhill direction.

    With y_{k+1} = a y_k − ησ ξ_k (a = 1 + η|λ|, ξ_k ~ N(0, 1)) and y₀ = 0,
    y_k = −ησ a^k Σ_j a^(−j) ξ_j. The sum settles to a Gaussian of standard
    deviation 1/√(a² − 1), so the noise behaves like a start offset
    ε = ησ |Z| / √(a² − 1) with Z ~ N(0, 1). This returns that scale ησ/√(a² − 1).
    """
    a = growth_factor(lr, curvature)
    return np.asarray(lr, dtype=float) * np.asarray(noise, dtype=float) / np.sqrt(a * a - 1)


def noisy_escape_time_median(lr, noise, curvature=-2.0, radius: float = ESCAPE_RADIUS) -> float:
    """Median escape time from ε = 0 predicted by :func:`noise_equivalent_offset`.

    The median of |Z| for Z ~ N(0, 1) is 0.6745 (the quartile of the normal law), so the
    median offset is 0.6745 ησ/√(a² − 1); this feeds it to :func:`escape_time_formula`.
    """
    median_abs_normal = 0.6744897501960817
    eps = median_abs_normal * noise_equivalent_offset(lr, noise, curvature)
    return float(escape_time_formula(eps, lr, curvature, radius))


def offsets_along(points, saddle, direction) -> np.ndarray:
    """Signed distance of each point from ``saddle`` along the unit vector ``direction``."""
    d = np.asarray(direction, dtype=float)
    return (np.asarray(points, dtype=float) - np.asarray(saddle, dtype=float)) @ (d / np.linalg.norm(d))


def first_escape_step(offsets, radius: float = ESCAPE_RADIUS) -> int | None:
    """The first iteration k with |offset_k| ≥ radius, or None if it never gets there."""
    beyond = np.flatnonzero(np.abs(np.asarray(offsets, dtype=float)) >= radius)
    return int(beyond[0]) if beyond.size else None


def measure_escape_steps(
    grad: Callable[[np.ndarray], np.ndarray],
    rule: Any,
    starts,
    saddle,
    direction,
    *,
    radius: float = ESCAPE_RADIUS,
    max_steps: int = 10_000,
) -> np.ndarray:
    """Run a step rule from many starts at once and count the steps to escape.

    Parameters
    ----------
    grad : vectorised gradient, (n, d) → (n, d).
    rule : a step rule (``init(x)``, ``step(x, g, state)``) that works on (n, d) arrays.
    starts : (n, d) start points.
    saddle, direction : the saddle and its downhill (unstable) unit direction.
    radius : escape once the offset along ``direction`` reaches this.
    max_steps : give up after this many steps.

    Returns
    -------
    (n,) integer array: the first k with |offset_k| ≥ radius, or −1 if none.
    """
    x = np.array(starts, dtype=float)
    found = np.full(len(x), -1)
    found[np.abs(offsets_along(x, saddle, direction)) >= radius] = 0
    state = rule.init(x)
    with np.errstate(all="ignore"):
        for k in range(1, max_steps + 1):
            if np.all(found >= 0):
                break
            x, state = rule.step(x, grad(x), state)
            out = (found < 0) & (np.abs(offsets_along(x, saddle, direction)) >= radius)
            found[out] = k
    return found


def plateau_span(grad_norms, threshold: float) -> tuple[int, int] | None:
    """The longest stretch of iterations k with ‖∇J(w_k)‖ < threshold, as (first, last).

    The plateau is where descent barely moves because the gradient is tiny. None if
    the gradient norm never drops below ``threshold``.
    """
    below = np.asarray(grad_norms, dtype=float) < threshold
    if not below.any():
        return None
    edges = np.diff(np.concatenate([[0], below.astype(int), [0]]))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    longest = int(np.argmax(stops - starts))
    return int(starts[longest]), int(stops[longest] - 1)


# ----------------------------------------------------------------------------
# One experiment as the live panel shows it: start at distance ε off the stable
# line, descend, and say in words what happened.
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SaddleGeometry:
    """A saddle and its two eigen-directions (2-D objectives with one downhill direction).

    saddle : the critical point.
    stable : unit eigenvector with positive eigenvalue (along the stable line).
    unstable : unit eigenvector with negative eigenvalue (the way off the saddle).
    stable_curvature, unstable_curvature : the matching eigenvalues.
    """

    saddle: np.ndarray
    stable: np.ndarray
    unstable: np.ndarray
    stable_curvature: float
    unstable_curvature: float

    def start(self, eps: float, along_stable: float = 1.0) -> np.ndarray:
        """The point ``along_stable`` out on the stable line, nudged ε towards the unstable side."""
        return self.saddle + along_stable * self.stable + eps * self.unstable


def _canonical_sign(v: np.ndarray) -> np.ndarray:
    """Flip a unit vector so its largest component is positive (eigh's sign is arbitrary)."""
    return v if v[np.argmax(np.abs(v))] > 0 else -v


def saddle_geometry(objective, saddle) -> SaddleGeometry:
    """Eigen-directions of a 2-D saddle of ``objective``; raises ValueError if not a saddle."""
    info = analyse_point(objective, saddle)
    if info.kind != "saddle":
        raise ValueError(f"the point {tuple(info.point)} is a {info.kind}, not a saddle")
    return SaddleGeometry(
        saddle=info.point,
        stable=_canonical_sign(info.stable_directions[0]),
        unstable=_canonical_sign(info.unstable_directions[0]),
        stable_curvature=float(info.eigenvalues[-1]),
        unstable_curvature=float(info.eigenvalues[0]),
    )


def trace_path(grad: Callable[[np.ndarray], np.ndarray], rule: Any, x0, steps: int,
               window: tuple[tuple[float, float], tuple[float, float]]) -> tuple[np.ndarray, int | None]:
    """Apply a step rule from ``x0`` and record every point, stopping once the path leaves ``window``.

    A lean loop (no per-step loss or checks) so a live panel can afford hundreds of steps
    per slider move; losses and gradient norms are evaluated afterwards on all points at
    once. Returns the points inside the window, shape (k + 1, 2), and the step at which
    the path left it (None if it stayed inside). Non-finite points count as outside.
    """
    (x_lo, x_hi), (y_lo, y_hi) = window
    x = np.asarray(x0, dtype=float)
    points = [x]
    state = rule.init(x)
    with np.errstate(all="ignore"):
        for k in range(1, steps + 1):
            x, state = rule.step(x, grad(x), state)
            if not (x_lo <= x[0] <= x_hi and y_lo <= x[1] <= y_hi):
                return np.array(points), k
            points.append(x)
    return np.array(points), None


@dataclass(frozen=True)
class SaddleRun:
    """One descent from near a saddle, with what the panel reports about it.

    points, losses, grad_norms : per iteration k, cut where the path left the window.
    offsets : distance from the saddle along the downhill direction, per iteration.
    escape_step : first k with |offset| ≥ the escape radius, or None.
    plateau : (first, last) iterations of the plateau, or None.
    left_at : the step at which the path left the window, or None.
    kind : "escaped", "stuck", "plateau" (still creeping when the budget ran out) or "diverged".
    message : the status line.
    """

    points: np.ndarray
    losses: np.ndarray
    grad_norms: np.ndarray
    offsets: np.ndarray
    escape_step: int | None
    plateau: tuple[int, int] | None
    left_at: int | None
    kind: str
    message: str

    @property
    def final(self) -> np.ndarray:
        """The last point drawn."""
        return self.points[-1]


def window(objective, margin: float = 0.25):
    """The objective's plotting window widened by ``margin`` of its size on every side."""
    (x0, x1), (y0, y1) = objective.x_range, objective.y_range
    mx, my = margin * (x1 - x0), margin * (y1 - y0)
    return (x0 - mx, x1 + mx), (y0 - my, y1 + my)


def saddle_run(
    objective,
    geometry: SaddleGeometry,
    eps: float,
    rule: Any,
    *,
    steps: int = 300,
    radius: float = ESCAPE_RADIUS,
    plateau_fraction: float = 0.1,
) -> SaddleRun:
    """Descend from ε off the stable line and describe the escape (or the lack of one).

    Parameters
    ----------
    objective : an ``Objective2D``.
    geometry : its saddle (from :func:`saddle_geometry`).
    eps : start offset from the stable line (its sign picks the side).
    rule : the step rule (plain GD, noisy GD, momentum …).
    steps : the step budget.
    radius : the escape distance along the downhill direction.
    plateau_fraction : the plateau is where ‖∇J‖ is below this share of its start value.
    """
    if not np.isfinite(eps):
        raise ValueError(f"the offset ε must be a finite number, got {eps}")
    points, left_at = trace_path(objective.grad, rule, geometry.start(eps), steps,
                                 window(objective))
    losses = objective.f(points)
    grad_norms = np.linalg.norm(objective.grad(points), axis=-1)
    offsets = offsets_along(points, geometry.saddle, geometry.unstable)
    escape = first_escape_step(offsets, radius)
    # Only the stretch before the escape counts: settling into a minimum afterwards is no plateau.
    before = grad_norms if escape is None else grad_norms[:escape + 1]
    plateau = plateau_span(before, plateau_fraction * grad_norms[0])
    kind, message = _describe(objective, geometry, points, grad_norms, escape, plateau, steps,
                              left_at)
    return SaddleRun(points, losses, grad_norms, offsets, escape, plateau, left_at, kind, message)


def _nearest_minimum(objective, point: np.ndarray, within: float = 0.05):
    """The known minimum of ``objective`` within ``within`` of ``point``, or None."""
    for m in objective.minima:
        if np.linalg.norm(point - np.asarray(m)) <= within:
            return m
    return None


def _describe(objective, geometry: SaddleGeometry, points: np.ndarray, grad_norms: np.ndarray,
              escape: int | None, plateau, steps: int, left_at: int | None) -> tuple[str, str]:
    """The status line: escaped / stuck at the saddle / still on the plateau / diverged."""
    if escape is not None:
        where = ""
        if plateau is not None and plateau[0] < escape:
            where = f" (plateau from step {plateau[0]} to {plateau[1]})"
        landing = _nearest_minimum(objective, points[-1])
        if landing is not None:
            where += f", then settled in the minimum at ({landing[0]:g}, {landing[1]:g})"
        return "escaped", f"escaped after {escape} steps{where}"
    if left_at is not None:
        bound = 2 / geometry.stable_curvature
        return "diverged", (f"diverged: the path left the picture at step {left_at} "
                            f"(along the uphill direction the step must stay below η = {bound:g})")
    g = grad_norms[-1]
    if g < 1e-8:
        return "stuck", f"stuck at the saddle: gradient norm {g:.0e} after {steps} steps"
    return "plateau", f"still on the plateau after {steps} steps: gradient norm {g:.0e}"
