"""Step size: when gradient descent creeps, zig-zags, bounces or blows up.

On J(x) = a x²/2 one step maps x to (1 − ηa) x, so x_k = (1 − ηa)^k x₀ and the
factor 1 − ηa decides everything: the regimes switch at η = 1/a and η = 2/a.
On a quadratic bowl ½ xᵀAx each eigen-direction behaves like its own parabola
with a = λ, so descent converges iff η < 2/λ_max, and the best fixed step
2/(λ_min + λ_max) contracts the error by (κ − 1)/(κ + 1) per step.

This module states those formulas and measures the same numbers from runs:
a learning-rate sweep and its cliff, the contraction rate of a run, the
iterations needed against κ, basin maps over a grid of starts, and the angle
between the gradient and a level set. It knows nothing of plotting.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .descent import run_batch
from .objectives import Objective2D

# ----------------------------------------------------------------------------
# The parabola a x²/2
# ----------------------------------------------------------------------------

#: Relative tolerance for "η is exactly 1/a or 2/a" (a slider value rarely is).
BOUNDARY_RTOL = 1e-9


@dataclass(frozen=True)
class Regime:
    """What gradient descent does on a x²/2 with learning rate η.

    kind : "monotone", "one step", "oscillating", "bouncing" or "diverging".
    factor : the multiplier 1 − ηa of one step (x_{k+1} = factor · x_k).
    message : one line for a status bar.
    """

    kind: str
    factor: float
    message: str

    @property
    def converges(self) -> bool:
        """True when |1 − ηa| < 1."""
        return abs(self.factor) < 1


def regime_1d(lr: float, a: float) -> Regime:
    """Name the regime of gradient descent on J(x) = a x²/2 with learning rate ``lr``.

    Parameters
    ----------
    lr : learning rate η (> 0).
    a : curvature J'' (> 0).

    Returns
    -------
    Regime: monotone for η < 1/a, one step at η = 1/a, oscillating but
    converging for 1/a < η < 2/a, bouncing forever at η = 2/a, diverging beyond.
    """
    lr, a = float(lr), float(a)
    if not (np.isfinite(a) and a > 0):
        raise ValueError(f"the curvature a must be a positive number, got {a:g}")
    if not np.isfinite(lr):
        raise ValueError(f"the learning rate η must be a finite number, got {lr}")
    if lr <= 0:
        raise ValueError(f"the learning rate η must be positive, got {lr:g}: "
                         "η ≤ 0 stands still or climbs uphill")
    factor = 1.0 - lr * a
    size = abs(factor)
    if np.isclose(lr * a, 1.0, rtol=BOUNDARY_RTOL, atol=0):
        return Regime("one step", 0.0, "η = 1/a: lands exactly on the minimum in one step")
    if lr * a < 1:
        return Regime("monotone", factor,
                      f"monotone: x shrinks ×{size:.3g} per step and never crosses the minimum")
    if np.isclose(lr * a, 2.0, rtol=BOUNDARY_RTOL, atol=0):
        return Regime("bouncing", -1.0,
                      "bouncing forever: η = 2/a, so x flips sign and |x| never changes")
    if lr * a < 2:
        return Regime("oscillating", factor,
                      f"oscillating but converging: x flips sign, |x| shrinks ×{size:.3g} per step")
    return Regime("diverging", factor,
                  f"diverging: x flips sign and |x| grows ×{size:.3g} per step")


def iterates_1d(x0: float, lr: float, a: float, steps: int) -> np.ndarray:
    """The closed form x_k = (1 − ηa)^k x₀ for k = 0 … ``steps``."""
    with np.errstate(over="ignore"):
        return x0 * np.power(1.0 - lr * a, np.arange(steps + 1, dtype=float))


# ----------------------------------------------------------------------------
# Quadratic bowls: the formulas
# ----------------------------------------------------------------------------


def _check_positive(name: str, value) -> None:
    values = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(values) & (values > 0)):
        raise ValueError(f"{name} must be a finite number > 0 (a curvature of a bowl), got {value!r}")


def _check_condition_number(kappa) -> None:
    values = np.asarray(kappa, dtype=float)
    if not np.all(np.isfinite(values) & (values >= 1)):
        raise ValueError(f"the condition number kappa = λ_max/λ_min must be a finite number ≥ 1, "
                         f"got {kappa!r}")


def _check_eigenvalue_pair(lam_min, lam_max) -> None:
    _check_positive("lam_min", lam_min)
    _check_positive("lam_max", lam_max)
    if np.any(np.asarray(lam_min, dtype=float) > np.asarray(lam_max, dtype=float)):
        raise ValueError(f"lam_max must be at least lam_min, got lam_min = {lam_min!r}, "
                         f"lam_max = {lam_max!r}")


def stability_limit(lam_max: float) -> float:
    """2/λ_max: gradient descent on a quadratic converges iff η is below it (λ_max > 0)."""
    _check_positive("lam_max", lam_max)
    return 2.0 / lam_max


def optimal_step(lam_min: float, lam_max: float) -> float:
    """2/(λ_min + λ_max): the fixed step that balances the slow and fast directions
    (0 < λ_min ≤ λ_max)."""
    _check_eigenvalue_pair(lam_min, lam_max)
    return 2.0 / (lam_min + lam_max)


def optimal_rate(kappa: float) -> float:
    """(κ − 1)/(κ + 1): the error contraction per step at the optimal fixed step (κ ≥ 1)."""
    _check_condition_number(kappa)
    return (kappa - 1.0) / (kappa + 1.0)


def contraction_rate(lr: float, eigenvalues) -> float:
    """max_i |1 − η λ_i|: how much the slowest eigen-direction shrinks per step."""
    return float(np.max(np.abs(1.0 - lr * np.asarray(eigenvalues, dtype=float))))


def tuned_momentum(lam_min: float, lam_max: float) -> tuple[float, float]:
    """The heavy-ball (η, β) that is fastest on a quadratic (Polyak's choice).

    η = 4/(√λ_max + √λ_min)², β = ((√κ − 1)/(√κ + 1))²; the error then shrinks
    about (√κ − 1)/(√κ + 1) per step, so iterations grow like √κ, not κ.
    """
    _check_eigenvalue_pair(lam_min, lam_max)
    root_min, root_max = np.sqrt(lam_min), np.sqrt(lam_max)
    lr = 4.0 / (root_max + root_min) ** 2
    beta = ((root_max - root_min) / (root_max + root_min)) ** 2
    return float(lr), float(beta)


def momentum_rate(kappa: float) -> float:
    """(√κ − 1)/(√κ + 1): the contraction per step of tuned heavy-ball momentum (κ ≥ 1)."""
    _check_condition_number(kappa)
    root = np.sqrt(kappa)
    return float((root - 1.0) / (root + 1.0))


def heavy_ball_rate(lr: float, beta: float, lam) -> np.ndarray:
    """Contraction per step of heavy-ball momentum along an eigen-direction with curvature λ.

    Along that direction e_{k+1} = (1 + β − ηλ) e_k − β e_{k−1}; the error shrinks
    like the larger root r of r² − (1 + β − ηλ) r + β = 0 in absolute value.
    β = 0 gives |1 − ηλ|. The run converges iff this is below 1, which holds
    iff 0 < ηλ < 2(1 + β): momentum moves the cliff out to 2(1 + β)/λ_max.
    """
    lam = np.asarray(lam, dtype=float)
    b = 1.0 + beta - lr * lam
    disc = (b * b - 4.0 * beta).astype(complex)
    roots = np.stack([(b + np.sqrt(disc)) / 2, (b - np.sqrt(disc)) / 2])
    return np.max(np.abs(roots), axis=0)


# ----------------------------------------------------------------------------
# Measuring the same numbers from runs
# ----------------------------------------------------------------------------


def measured_rate(points: np.ndarray, minimum, tail: float = 0.5) -> float:
    """Contraction per step of ‖x_k − x*‖, measured over the last part of a run.

    Parameters
    ----------
    points : (k + 1, d) the iterates of one run.
    minimum : x*, the point the run approaches.
    tail : fraction of the run to measure over (the start carries transients).

    Returns
    -------
    (‖e_end‖ / ‖e_start‖)^(1 / (end − start)), the geometric-mean ratio.
    """
    errors = np.linalg.norm(np.asarray(points, dtype=float) - np.asarray(minimum), axis=-1)
    usable = np.flatnonzero(np.isfinite(errors) & (errors > 1e-300))
    if len(usable) < 3:
        raise ValueError("need at least three finite points away from the minimum")
    end = int(usable[-1])
    start = int(usable[0] + (1 - tail) * (end - usable[0]))
    start = min(start, end - 1)
    return float((errors[end] / errors[start]) ** (1.0 / (end - start)))


def measured_rates(objective: Objective2D, x0, lrs, steps: int = 100,
                   minimum=(0.0, 0.0)) -> np.ndarray:
    """:func:`measured_rate` of a plain-descent run from ``x0`` for each learning rate, all at once."""
    lrs = np.asarray(lrs, dtype=float)
    starts = np.broadcast_to(np.asarray(x0, dtype=float), (len(lrs), 2))
    result = run_batch(objective.f, objective.grad, starts, lrs, steps=steps, tol=0.0,
                       keep_path=True)
    return np.array([measured_rate(result.points[:, i], minimum) for i in range(len(lrs))])


def best_measured_step(objective: Objective2D, x0, lrs, steps: int = 100,
                       minimum=(0.0, 0.0)) -> tuple[float, float]:
    """The learning rate among ``lrs`` whose run contracts fastest, and that measured rate."""
    rates = measured_rates(objective, x0, lrs, steps, minimum)
    best = int(np.argmin(rates))
    return float(np.asarray(lrs, dtype=float)[best]), float(rates[best])


@dataclass(frozen=True)
class Sweep:
    """Final loss after ``steps`` updates for each learning rate.

    lrs : (n,) learning rates, increasing.
    final_loss : (n,) loss at the end (inf where the run diverged).
    start_loss : the loss at the common start point.
    steps : the step budget of every run.
    """

    lrs: np.ndarray
    final_loss: np.ndarray
    start_loss: float
    steps: int

    @property
    def blew_up(self) -> np.ndarray:
        """(n,) True where the loss ended at or above where it started (or overflowed)."""
        return ~(self.final_loss < self.start_loss)


def lr_sweep(objective: Objective2D, x0, lrs, steps: int = 200) -> Sweep:
    """Run plain gradient descent from ``x0`` once for every learning rate, all at once.

    Parameters
    ----------
    objective : a vectorised 2-D objective.
    x0 : the common start point (2,).
    lrs : learning rates to try (any order; they are sorted).
    steps : updates per run.
    """
    lrs = np.sort(np.asarray(lrs, dtype=float))
    if lrs.size == 0 or not np.all(np.isfinite(lrs)) or lrs[0] <= 0:
        raise ValueError("the learning rates must be finite and positive")
    x0 = np.asarray(x0, dtype=float)
    starts = np.broadcast_to(x0, (len(lrs), x0.size))
    result = run_batch(objective.f, objective.grad, starts, lrs, steps=steps, tol=0.0)
    return Sweep(lrs=lrs, final_loss=result.final_loss,
                 start_loss=float(objective.f(x0)), steps=steps)


def cliff_bracket(sweep: Sweep) -> tuple[float, float]:
    """The two neighbouring learning rates between which the loss stops falling.

    Returns (last η whose loss fell, first η whose loss did not). Raises if the
    sweep never crosses (all rates too small or all too large).
    """
    bad = sweep.blew_up
    if not bad.any() or bad.all():
        raise ValueError("the sweep does not cross the cliff: widen the range of learning rates")
    first_bad = int(np.argmax(bad))
    if first_bad == 0:
        raise ValueError("even the smallest learning rate blew up: start the sweep lower")
    return float(sweep.lrs[first_bad - 1]), float(sweep.lrs[first_bad])


def measured_cliff(sweep: Sweep) -> float:
    """The cliff of a sweep: the geometric midpoint of :func:`cliff_bracket`."""
    low, high = cliff_bracket(sweep)
    return float(np.sqrt(low * high))


def refine_cliff(objective: Objective2D, x0, sweep: Sweep, n: int = 200) -> float:
    """Zoom into the cliff: a second sweep of ``n`` rates spread evenly inside the bracket."""
    low, high = cliff_bracket(sweep)
    fine = lr_sweep(objective, x0, np.linspace(low, high, n), steps=sweep.steps)
    return measured_cliff(fine)


def iterations_to_tolerance(kappas, *, momentum: bool = False, tol: float = 1e-6,
                            max_steps: int = 20_000) -> np.ndarray:
    """Steps until ‖x_k‖ ≤ tol · ‖x₀‖ on the bowls diag(1, κ), one run per κ, all at once.

    Plain descent uses the optimal step 2/(1 + κ); with ``momentum`` the tuned
    heavy ball of :func:`tuned_momentum`. Returns an int array (−1: never reached).
    """
    kappas = np.asarray(kappas, dtype=float)
    if np.any(kappas < 1):
        raise ValueError("the condition number κ is at least 1")
    lams = np.stack([np.ones_like(kappas), kappas], axis=1)       # (n, 2) per-run eigenvalues
    if momentum:
        lr, beta = np.array([tuned_momentum(1.0, k) for k in kappas]).T
    else:
        lr, beta = optimal_step(1.0, kappas), np.zeros_like(kappas)
    lr, beta = lr[:, None], beta[:, None]
    x = np.full((len(kappas), 2), np.sqrt(0.5))                     # ‖x₀‖ = 1
    velocity = np.zeros_like(x)
    reached_at = np.full(len(kappas), -1)
    for k in range(1, max_steps + 1):
        velocity = beta * velocity - lr * lams * x                   # ∇J = diag(1, κ) x
        x = x + velocity
        newly = (reached_at < 0) & (np.einsum("ij,ij->i", x, x) <= tol * tol)
        reached_at[newly] = k
        if np.all(reached_at >= 0):
            break
    return reached_at


def fit_exponent(xs, ys) -> float:
    """Slope p of the least-squares line log y = p log x + c (the power in y ∝ x^p)."""
    slope, _ = np.polyfit(np.log(np.asarray(xs, float)), np.log(np.asarray(ys, float)), 1)
    return float(slope)


# ----------------------------------------------------------------------------
# Basins: which minimum each start reaches
# ----------------------------------------------------------------------------

#: Labels in a basin map that are not the index of a minimum.
DIVERGED, UNSETTLED = -1, -2


@dataclass(frozen=True)
class BasinMap:
    """For a grid of starts, the index of the minimum each one reached.

    xs, ys : the grid axes, shapes (nx,) and (ny,).
    labels : (ny, nx) index into ``minima``; DIVERGED (−1) or UNSETTLED (−2) otherwise.
    minima : the objective's known minima, (m, 2).
    lr, steps, beta : how the descent was run.
    """

    xs: np.ndarray
    ys: np.ndarray
    labels: np.ndarray
    minima: np.ndarray
    lr: float
    steps: int
    beta: float = 0.0

    def fractions(self) -> dict[int, float]:
        """Share of the starts with each label."""
        values, counts = np.unique(self.labels, return_counts=True)
        return {int(v): float(c) / self.labels.size for v, c in zip(values, counts)}

    def nearest_minimum(self, point) -> int:
        """Index of the known minimum closest to ``point`` (where a finished run ended)."""
        return int(np.argmin(np.linalg.norm(self.minima - np.asarray(point, dtype=float), axis=1)))

    def summary(self) -> str:
        """One line such as "minimum 1 26%, never settled 46%, diverged 3%"."""
        names = {DIVERGED: "diverged", UNSETTLED: "never settled"}
        return ", ".join(f"{names.get(label, f'minimum {label + 1}')} {share:.0%}"
                         for label, share in self.fractions().items())


def basin_map(objective: Objective2D, lr: float, *, n: int = 200, steps: int = 150,
              beta: float = 0.0, radius: float | None = None, tol: float = 1e-7) -> BasinMap:
    """Run descent from every point of an n × n grid over the plotting window, all at once.

    A start is labelled with the minimum it converged to (its steps fell below
    ``tol`` within ``radius`` of that minimum, by default 2% of the window width),
    DIVERGED if it left the finite numbers, and UNSETTLED otherwise (still
    moving, or bouncing for ever around or between minima).
    """
    if not objective.minima:
        raise ValueError(f"{objective.name} lists no minima to colour the basins by")
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"the learning rate η must be positive, got {lr:g}")
    xs = np.linspace(*objective.x_range, n)
    ys = np.linspace(*objective.y_range, n)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    result = run_batch(objective.f, objective.grad, grid, lr, steps=steps, tol=tol, beta=beta)
    minima = np.asarray(objective.minima, dtype=float)
    if radius is None:
        radius = 0.02 * (objective.x_range[1] - objective.x_range[0])
    distances = np.linalg.norm(result.final[:, None, :] - minima[None], axis=2)
    settled = (distances.min(axis=1) <= radius) & (result.converged_at >= 0)
    labels = np.where(settled, distances.argmin(axis=1), UNSETTLED)
    labels = np.where(result.diverged_at >= 0, DIVERGED, labels)
    return BasinMap(xs=xs, ys=ys, labels=labels.reshape(n, n), minima=minima,
                    lr=float(lr), steps=steps, beta=float(beta))


# ----------------------------------------------------------------------------
# The gradient is perpendicular to the level set
# ----------------------------------------------------------------------------


def level_set_tangents(f, points, radius: float = 1e-4, samples: int = 128) -> np.ndarray:
    """Unit tangents (n, 2) of the level sets through ``points``, from values of f alone.

    On a small circle around p the level set J = J(p) crosses twice; the chord
    between those two crossings points along the tangent (error ∝ radius²).
    No gradient is used, so comparing with ∇J is an independent check.
    """
    points = np.atleast_2d(np.asarray(points, dtype=float))
    level = f(points)[:, None]
    full = np.linspace(0.0, 2 * np.pi, samples, endpoint=False)
    ring = points[:, None, :] + radius * np.stack([np.cos(full), np.sin(full)], -1)
    values = f(ring) - level                                     # (n, 2·samples)
    nxt = np.roll(values, -1, axis=1)
    crossings = np.signbit(values) != np.signbit(nxt)
    tangents = np.empty_like(points)
    for i, row in enumerate(crossings):
        idx = np.flatnonzero(row)
        if len(idx) != 2:
            raise ValueError(f"the level set through {points[i]} does not cross the circle "
                             "twice: use a smaller radius or a point where ∇J ≠ 0")
        ends = [_bisect_angle(f, points[i], level[i, 0], radius, full[j],
                              full[j] + 2 * np.pi / len(full)) for j in idx]
        chord = ends[1] - ends[0]
        tangents[i] = chord / np.linalg.norm(chord)
    return tangents


def _bisect_angle(f, centre, level, radius, lo, hi, iterations: int = 60) -> np.ndarray:
    """The point of the circle between angles lo and hi where f equals ``level``."""
    point = lambda t: centre + radius * np.array([np.cos(t), np.sin(t)])
    g_lo = f(point(lo)) - level
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        g_mid = f(point(mid)) - level
        if np.signbit(g_mid) == np.signbit(g_lo):
            lo, g_lo = mid, g_mid
        else:
            hi = mid
    return point(0.5 * (lo + hi))


def gradient_tangent_cosines(objective: Objective2D, points, radius: float = 1e-4) -> np.ndarray:
    """|cos| of the angle between ∇J and the level-set tangent at each point (≈ 0: perpendicular)."""
    points = np.atleast_2d(np.asarray(points, dtype=float))
    g = objective.grad(points)
    t = level_set_tangents(objective.f, points, radius)
    return np.abs(np.sum(g * t, axis=1)) / np.linalg.norm(g, axis=1)


def local_stability_limit(objective: Objective2D, point) -> float:
    """2/λ_max of the Hessian at ``point``: the largest step that is stable *there*.

    On a non-quadratic loss the curvature changes from place to place, so a step can be stable
    near the minimum and unstable further out (notebook 02's Rosenbrock run, notebook 03 §5).
    """
    eigenvalues = np.linalg.eigvalsh(objective.hessian(np.asarray(point, dtype=float)))
    if eigenvalues[-1] <= 0:
        return float("inf")
    return stability_limit(float(eigenvalues[-1]))


def ellipse_axis_ratio(matrix, level: float = 1.0, samples: int = 3600) -> float:
    """Longest over shortest radius of the level curve ½wᵀAw = level, measured on the curve.

    Along a unit direction u the curve sits at radius r with ½r²uᵀAu = level; the ratio of the
    largest to the smallest r is √(λ_max/λ_min) = √κ for a positive definite A.
    """
    angles = np.linspace(0, np.pi, samples, endpoint=False)
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    curvature = np.einsum("ni,ij,nj->n", directions, np.asarray(matrix, dtype=float), directions)
    radii = np.sqrt(2 * level / curvature)
    return float(radii.max() / radii.min())


def measured_momentum_cliff(lam: float, beta: float, lrs, steps: int = 2000) -> float:
    """The smallest η in ``lrs`` for which heavy-ball momentum does *not* converge, measured.

    Runs the error recurrence e_{k+1} = (1 + β − ηλ) e_k − β e_{k−1} along one eigen-direction
    (curvature λ) for every η at once, from e_0 = e_1 = 1, and calls a run converged when
    |e| has fallen below its start after ``steps`` steps. Theory: the cliff is 2(1 + β)/λ.
    """
    if lam <= 0:
        raise ValueError(f"lam must be a positive curvature, got {lam!r}")
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta!r}")
    lrs = np.sort(np.asarray(lrs, dtype=float))
    previous, current = np.ones_like(lrs), np.ones_like(lrs)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            previous, current = current, (1 + beta - lrs * lam) * current - beta * previous
    settled = np.abs(current) < 1.0
    unstable = np.flatnonzero(~settled)
    return float(lrs[unstable[0]]) if unstable.size else float("inf")
