"""Gradient descent as a loop you can inspect: step rules and a runner.

``run`` repeats ``x ← rule.step(x, ∇J(x))`` and returns a :class:`Trajectory`:
every point visited, the loss and gradient norm there, and an :class:`Outcome`
in words (converged after k steps / oscillating / diverged at step k / still
moving when the budget ran out). It never prints overflow warnings: a step
that leaves the finite numbers ends the run as "diverged" and keeps the last
finite points for plotting.

A step rule is any object with ``init(x) -> state`` and
``step(x, g, state) -> (x_new, state)``; plain gradient descent is the
simplest one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

#: A point whose norm passes this is treated as having diverged.
BLOW_UP_NORM = 1e8


def check_learning_rate(lr, name: str = "lr") -> None:
    """Raise a ValueError naming ``name`` unless every learning rate is a finite number > 0.

    η = 0 never moves (and would look "converged" at once); η < 0 climbs uphill.
    """
    values = np.asarray(lr, dtype=float)
    if values.size == 0 or not np.all(np.isfinite(values) & (values > 0)):
        raise ValueError(f"the learning rate {name} must be a finite number > 0, got {lr!r}: "
                         "η = 0 never moves and η < 0 climbs uphill")


def check_momentum(beta, name: str = "beta") -> None:
    """Raise a ValueError naming ``name`` unless every momentum β satisfies 0 ≤ β < 1."""
    values = np.asarray(beta, dtype=float)
    if not np.all(np.isfinite(values) & (values >= 0) & (values < 1)):
        raise ValueError(f"the momentum {name} must satisfy 0 ≤ β < 1, got {beta!r}: "
                         "with β ≥ 1 the velocity never decays")


def _check_budget(steps, tol) -> None:
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"the step budget steps must be a whole number ≥ 1, got {steps!r}")
    if not (np.isfinite(tol) and tol >= 0):
        raise ValueError(f"the tolerance tol must be a finite number ≥ 0, got {tol!r}")


def _check_point_functions(f, grad, x: np.ndarray):
    """The loss and gradient at the start point, checked for shape: J one number, ∇J one
    partial derivative per coordinate of x."""
    loss = np.asarray(f(x), dtype=float)
    if loss.size != 1:
        raise ValueError(f"f must return one number for a point, got shape {loss.shape} for the "
                         f"start point x0 of shape {x.shape}")
    g = np.asarray(grad(x), dtype=float)
    if g.shape != x.shape:
        raise ValueError(f"grad must return one partial derivative per coordinate: it returned "
                         f"shape {g.shape} for the start point x0 of shape {x.shape}")
    return float(loss.reshape(())), g


@dataclass(frozen=True)
class GradientDescent:
    """Plain gradient descent: x ← x − η ∇J(x)."""

    lr: float

    def __post_init__(self):
        check_learning_rate(self.lr)

    def init(self, x: np.ndarray) -> None:
        return None

    def step(self, x: np.ndarray, g: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        return x - self.lr * g, state


@dataclass(frozen=True)
class Momentum:
    """Heavy-ball momentum: v ← β v − η ∇J(x), then x ← x + v.

    The velocity ``v`` (the state) remembers past steps, so directions where the
    gradient keeps its sign build up speed while zig-zag components cancel.
    Equivalently x_{k+1} = x_k − η ∇J(x_k) + β (x_k − x_{k−1}); β = 0 is plain
    gradient descent.
    """

    lr: float
    beta: float = 0.9

    def __post_init__(self):
        check_learning_rate(self.lr)
        check_momentum(self.beta)

    def init(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(np.asarray(x, dtype=float))

    def step(self, x: np.ndarray, g: np.ndarray, state: np.ndarray) -> tuple[np.ndarray, Any]:
        velocity = self.beta * state - self.lr * g
        return x + velocity, velocity


@dataclass(frozen=True)
class Outcome:
    """How a run ended, in words and as data.

    kind : "converged", "oscillating", "diverged" or "budget" (still moving).
    step : the step at which it converged or diverged, else the steps taken.
    message : one line for a status bar, e.g. "diverged at step 7".
    zigzag : True when most steps reversed direction (crossing the minimum).
    step_ratio : median of |Δx_k| / |Δx_{k−1}| over the last steps (None if
        too few steps): below 1 the steps shrink, above 1 they grow.
    """

    kind: str
    step: int
    message: str
    zigzag: bool = False
    step_ratio: float | None = None


@dataclass(frozen=True)
class Trajectory:
    """Everything a run visited. Arrays are indexed by iteration k = 0 … steps."""

    points: np.ndarray
    losses: np.ndarray
    grad_norms: np.ndarray
    outcome: Outcome

    @property
    def steps(self) -> int:
        """Number of updates made (points minus one)."""
        return len(self.points) - 1

    @property
    def final(self) -> np.ndarray:
        """The last finite point."""
        return self.points[-1]


def _norm(v: np.ndarray) -> float:
    return float(np.sqrt(np.sum(np.square(v))))


def _is_finite(x: np.ndarray, loss: float) -> bool:
    return bool(np.all(np.isfinite(x))) and np.isfinite(loss) and _norm(x) < BLOW_UP_NORM


def run(
    f: Callable[[np.ndarray], Any],
    grad: Callable[[np.ndarray], Any],
    x0: Any,
    *,
    lr: float | None = None,
    rule: Any = None,
    steps: int = 100,
    tol: float = 1e-6,
) -> Trajectory:
    """Descend from ``x0`` for at most ``steps`` updates.

    Parameters
    ----------
    f, grad : the loss J(x) and its gradient ∇J(x).
    x0 : start point (a number or a 1-D array).
    lr : learning rate η for plain gradient descent (ignored if ``rule`` given).
    rule : a step rule (see module docstring); default ``GradientDescent(lr)``.
    steps : the step budget.
    tol : stop as "converged" once a step moves x by less than ``tol``.

    Returns
    -------
    Trajectory with the points, losses, gradient norms and the outcome.
    """
    if rule is None:
        if lr is None:
            raise ValueError("give a learning rate lr or a step rule")
        rule = GradientDescent(lr)
    _check_budget(steps, tol)
    x = np.asarray(x0, dtype=float)
    with np.errstate(all="ignore"):
        loss, g = _check_point_functions(f, grad, x)
        if not (_is_finite(x, loss) and np.all(np.isfinite(g))):
            raise ValueError(f"the loss or its gradient is not finite at the start point {x0}")
        points, losses, grad_norms = [x], [loss], [_norm(g)]
        state = rule.init(x)
        converged_at = diverged_at = None
        for k in range(1, steps + 1):
            x_new, state = rule.step(x, g, state)
            loss = float(f(x_new))
            g = np.asarray(grad(x_new), dtype=float)
            if not (_is_finite(x_new, loss) and np.all(np.isfinite(g))):
                diverged_at = k
                break
            points.append(x_new)
            losses.append(loss)
            grad_norms.append(_norm(g))
            moved = _norm(x_new - x)
            x = x_new
            if moved < tol:
                converged_at = k
                break
    points_arr = np.array(points)
    return Trajectory(
        points=points_arr,
        losses=np.array(losses),
        grad_norms=np.array(grad_norms),
        outcome=_describe(points_arr, steps, converged_at, diverged_at),
    )


def _step_shape(points: np.ndarray, last: int = 8) -> tuple[bool, np.ndarray]:
    """Whether the last steps reverse direction, and the length ratios of successive steps."""
    deltas = np.diff(points.reshape(len(points), -1), axis=0)[-last:]
    if len(deltas) < 3:
        return False, np.array([])
    turns = np.sum(deltas[1:] * deltas[:-1], axis=1) < 0
    lengths = np.sqrt(np.sum(np.square(deltas), axis=1))
    nonzero = lengths[:-1] > 0
    ratios = lengths[1:][nonzero] / lengths[:-1][nonzero]
    return bool(np.mean(turns) > 0.5), ratios


def _median(ratios: np.ndarray) -> float | None:
    return float(np.median(ratios)) if len(ratios) else None


def _describe(
    points: np.ndarray, budget: int, converged_at: int | None, diverged_at: int | None
) -> Outcome:
    """Turn how the loop ended into an Outcome with a one-line message."""
    if diverged_at is not None:
        zigzag, ratios = _step_shape(points)
        return Outcome("diverged", diverged_at, f"diverged at step {diverged_at}", zigzag,
                       _median(ratios))
    if converged_at is not None:
        # The last, tiny step says nothing about the shape of the path.
        zigzag, ratios = _step_shape(points[:-1])
        how = ", zig-zagging across the minimum" if zigzag else ""
        return Outcome("converged", converged_at, f"converged after {converged_at} steps{how}",
                       zigzag, _median(ratios))
    zigzag, ratios = _step_shape(points)
    ratio = _median(ratios)
    if zigzag and ratio is not None:
        if np.all(ratios < 0.999):
            msg = f"oscillating but converging: each step is ×{ratio:.2f} the last"
        elif np.all(np.abs(ratios - 1) <= 1e-3):
            msg = "oscillating without settling: it bounces between the same two sides"
        elif np.all(ratios > 1.001):
            msg = f"oscillating and growing ×{ratio:.2f} per step: it will diverge"
        else:
            msg = "bouncing around irregularly: the step is too large to settle anywhere"
        return Outcome("oscillating", budget, msg, True, ratio)
    return Outcome("budget", budget, f"still moving after {budget} steps (budget used)",
                   zigzag, ratio)


@dataclass(frozen=True)
class BatchResult:
    """Many runs at once (n starts and/or n learning rates), all sharing one step budget.

    final : (n, d) last finite point of each run.
    final_loss : (n,) loss there (inf for runs that diverged).
    converged_at : (n,) step at which the step length fell below tol, or -1.
    diverged_at : (n,) step at which the run left the finite numbers, or -1.
    points : (steps + 1, n, d) every point, only if ``keep_path`` (NaN after divergence).
    losses : (steps + 1, n) every loss, only if ``keep_path`` (NaN after divergence).
    """

    final: np.ndarray
    final_loss: np.ndarray
    converged_at: np.ndarray
    diverged_at: np.ndarray
    points: np.ndarray | None = None
    losses: np.ndarray | None = None


def _check_vectorised(f, grad, x: np.ndarray) -> None:
    """Call f and grad once on three copies of the first start: a function written for one
    point (``p[0]``, ``p[1]`` meaning coordinates) gives the wrong shape there."""
    probe = np.repeat(x[:1], 3, axis=0)
    with np.errstate(all="ignore"):
        try:
            g = np.asarray(grad(probe), dtype=float)
        except (IndexError, ValueError, TypeError) as error:
            raise ValueError(f"grad must be vectorised: given X of shape (n, d) it must return "
                             f"(n, d), one gradient per row; calling it failed ({error})") from None
        if g.shape != probe.shape:
            raise ValueError(f"grad must be vectorised: given X of shape (n, d) = {probe.shape} it "
                             f"must return (n, d), one gradient per row; it returned {g.shape}")
        try:
            values = np.asarray(f(probe), dtype=float)
        except (IndexError, ValueError, TypeError) as error:
            raise ValueError(f"f must be vectorised: given X of shape (n, d) it must return "
                             f"(n,), one loss per row; calling it failed ({error})") from None
        if values.shape != (3,):
            raise ValueError(f"f must be vectorised: given X of shape (n, d) = {probe.shape} it "
                             f"must return (n,), one loss per row; it returned {values.shape}")


def run_batch(
    f: Callable[[np.ndarray], np.ndarray],
    grad: Callable[[np.ndarray], np.ndarray],
    x0s: np.ndarray,
    lr: float | np.ndarray,
    *,
    steps: int = 100,
    tol: float = 1e-6,
    keep_path: bool = False,
    beta: float | np.ndarray = 0.0,
) -> BatchResult:
    """Gradient descent from n starts (and/or with n learning rates) in one loop.

    ``f`` and ``grad`` must be vectorised: f(X) for X of shape (n, d) gives (n,),
    grad(X) gives (n, d), each row on its own (``grad`` is called only on the rows
    still running). ``lr`` is a number or an array of shape (n,). Runs that
    converge are frozen; runs that diverge are frozen at their last finite point.
    ``beta`` (a number or shape (n,)) adds heavy-ball momentum as in
    :class:`Momentum`; with momentum a run counts as converged only when both its
    step and its plain gradient step η‖∇J‖ are below ``tol`` (a ball can stand
    still for an instant at the top of a swing). ``beta=0`` is plain descent.
    """
    x = np.array(x0s, dtype=float)
    if x.ndim != 2 or len(x) == 0:
        raise ValueError(f"the starts x0s must be a table of shape (n, d), one start per row; "
                         f"got shape {x.shape}")
    n = len(x)
    check_learning_rate(lr)
    check_momentum(beta)
    for name, value in (("lr", lr), ("beta", beta)):
        if np.ndim(value) and np.shape(value) != (n,):
            raise ValueError(f"{name} must be one number or one per start, shape ({n},) for "
                             f"the {n} starts; got shape {np.shape(value)}")
    _check_budget(steps, tol)
    _check_vectorised(f, grad, x)
    converged_at = np.full(n, -1)
    diverged_at = np.full(n, -1)
    # The runs still moving are kept packed together (ids, xs, velocity, lr, beta), so a
    # step costs nothing for finished runs and needs no scatter while none finishes.
    ids = np.arange(n)
    xs, velocity = x.copy(), np.zeros_like(x)
    lrs = np.broadcast_to(np.asarray(lr, dtype=float), (n,))[:, None].copy()
    betas = np.broadcast_to(np.asarray(beta, dtype=float), (n,))[:, None].copy()
    tol_sq, blow_up_sq = tol * tol, BLOW_UP_NORM * BLOW_UP_NORM
    path = [x.copy()] if keep_path else None
    loss_path = [f(x)] if keep_path else None
    with np.errstate(all="ignore"):
        for k in range(1, steps + 1):
            if ids.size == 0:
                break
            gradient_step = lrs * grad(xs)
            v = betas * velocity - gradient_step
            x_new = xs + v
            # NaN and overflow fail this comparison too, so they count as diverged.
            finite = np.einsum("ij,ij->i", x_new, x_new) < blow_up_sq
            done = finite & (np.einsum("ij,ij->i", v, v) < tol_sq) & (
                np.einsum("ij,ij->i", gradient_step, gradient_step) < tol_sq)
            keep = finite & ~done
            if keep.all():
                xs, velocity = x_new, v
            else:
                diverged_at[ids[~finite]] = k
                x[ids[~finite]] = xs[~finite]       # the last finite point
                converged_at[ids[done]] = k
                x[ids[done]] = x_new[done]
                ids, xs, velocity = ids[keep], x_new[keep], v[keep]
                lrs, betas = lrs[keep], betas[keep]
            if keep_path:
                x[ids] = xs
                path.append(np.where((diverged_at >= 0)[:, None], np.nan, x))
                loss_path.append(np.where(diverged_at >= 0, np.nan, f(x)))
        x[ids] = xs
        final_loss = np.where(diverged_at >= 0, np.inf, f(x))
    return BatchResult(
        final=x, final_loss=final_loss, converged_at=converged_at, diverged_at=diverged_at,
        points=np.array(path) if keep_path else None,
        losses=np.array(loss_path) if keep_path else None,
    )


@dataclass(frozen=True)
class NoisyGradient:
    """Any step rule fed a noisy gradient: ∇J(x) + σ ξ_k with ξ_k ~ N(0, I).

    A stand-in for stochastic gradient descent, whose mini-batch gradient is the
    true gradient plus noise. The noise generator is part of the state, created
    afresh from ``seed`` by ``init``: the same seed gives the same run every time.
    ``noise`` = σ = 0 leaves the wrapped rule unchanged. Works on one point (d,) or
    many (n, d).
    """

    rule: Any
    noise: float
    seed: int = 0

    def __post_init__(self):
        if not np.isfinite(self.noise) or self.noise < 0:
            raise ValueError(f"the noise level σ must be a number ≥ 0, got {self.noise}")

    def init(self, x: np.ndarray) -> tuple[Any, np.random.Generator]:
        return self.rule.init(x), np.random.default_rng(self.seed)

    def step(self, x: np.ndarray, g: np.ndarray, state: tuple) -> tuple[np.ndarray, tuple]:
        inner, rng = state
        if self.noise > 0:
            g = g + self.noise * rng.standard_normal(np.shape(x))
        x_new, inner = self.rule.step(x, g, inner)
        return x_new, (inner, rng)


class NoisyGradientDescent(NoisyGradient):
    """Gradient descent on a noisy gradient: x ← x − η (∇J(x) + σ ξ_k), ξ_k ~ N(0, I)."""

    def __init__(self, lr: float, noise: float, seed: int = 0):
        super().__init__(GradientDescent(lr), noise, seed)

    @property
    def lr(self) -> float:
        return self.rule.lr


def trace(
    f: Callable[[np.ndarray], np.ndarray],
    grad: Callable[[np.ndarray], np.ndarray],
    x0: Any,
    *,
    lr: float,
    beta: float = 0.0,
    steps: int = 100,
    tol: float = 1e-6,
) -> Trajectory:
    """The same Trajectory as ``run(f, grad, x0, rule=Momentum(lr, beta), ...)``, faster.

    For live panels: the loop only steps and checks; the losses and gradient norms
    of all visited points are computed afterwards in one vectorised call, so ``f``
    and ``grad`` must accept an array of points (n, d). ``beta=0`` is plain descent.
    """
    check_learning_rate(lr)
    check_momentum(beta)
    _check_budget(steps, tol)
    x = np.array(x0, dtype=float)
    with np.errstate(all="ignore"):
        loss, g = _check_point_functions(f, grad, x)
        if not (_is_finite(x, loss) and np.all(np.isfinite(g))):
            raise ValueError(f"the loss or its gradient is not finite at the start point {x0}")
        velocity, points = np.zeros_like(x), [x]
        converged_at = diverged_at = None
        tol_sq, blow_up_sq = tol * tol, BLOW_UP_NORM * BLOW_UP_NORM
        for k in range(1, steps + 1):
            velocity = beta * velocity - lr * g
            x_new = x + velocity
            g = np.asarray(grad(x_new), dtype=float)
            if not (np.all(np.isfinite(x_new)) and float(x_new @ x_new) < blow_up_sq
                    and np.all(np.isfinite(g))):
                diverged_at = k
                break
            points.append(x_new)
            moved = x_new - x
            x = x_new
            if float(moved @ moved) < tol_sq:
                converged_at = k
                break
        points_arr = np.array(points)
        losses = np.asarray(f(points_arr), dtype=float)
        bad_loss = ~np.isfinite(losses)
        if bad_loss.any():  # a finite point with an infinite loss ends the run there, as in run()
            first = int(np.argmax(bad_loss))
            points_arr, losses = points_arr[:first], losses[:first]
            converged_at, diverged_at = None, first
        grad_norms = np.linalg.norm(np.asarray(grad(points_arr), dtype=float), axis=-1)
    return Trajectory(points=points_arr, losses=losses, grad_norms=grad_norms,
                      outcome=_describe(points_arr, steps, converged_at, diverged_at))
