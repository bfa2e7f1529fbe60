"""Over-parameterisation: wider two-layer networks fit the data, and their weights barely move.

The setting of Du, Zhai, Poczós & Singh (2019), "Gradient descent provably optimizes
over-parameterized neural networks": n inputs on the unit circle, a two-layer ReLU network

    f(x) = (1/√m) Σ_{r=1}^{m} a_r ReLU(w_r·x),   a_r = ±1 fixed, w_r ~ N(0, I) at the start,

and gradient descent on the first layer W = (w_1, …, w_m) with the squared loss
J(W) = (1/2n) Σᵢ (f(xᵢ) − yᵢ)². Their theorem: if no two inputs are parallel and the
width m is large enough — polynomial in n and in 1/λ₀, where λ₀ > 0 is the smallest
eigenvalue of the limiting kernel matrix H^∞ — then with high probability over the start
the training loss falls to 0 *linearly* (geometrically), and every w_r stays within
O(n/(√m λ₀)) of its start. The width they require is far larger than what works in
practice; that gap, and what happens for deep networks trained with feature learning,
is open.

What :func:`width_sweep` measures is the picture behind the theorem, the *lazy regime*:
as m grows the loss still reaches 0, while the relative change ‖W_T − W_0‖/‖W_0‖ shrinks
(like 1/√m), so the network behaves like its linearisation around the start.

The network is written out here rather than with :class:`helpers.nn.Network` because the
theorem's network has a fixed output layer and the 1/√m factor, which ``Network`` has not.

Public API (stable)
-------------------
circle_data(n=6, seed=0) -> (X (n, 2) on the unit circle, y (n,) uniform in [−1, 1])
LazyRun(width, losses, relative_change, steps_to_target)
train_two_layer(X, y, width, lr=1.0, steps=2000, seed=0, target=1e-3) -> LazyRun
WidthSweep(widths, seeds, final_loss, relative_change, steps_to_target) ; .median(name)
width_sweep(X, y, widths, seeds=(0, 1, 2), lr=1.0, steps=2000, target=1e-3) -> WidthSweep
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np


def _whole(name: str, value, least: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < least:
        raise ValueError(f"{name} must be a whole number ≥ {least}, got {value!r}")
    return int(value)


def circle_data(n: int = 6, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n inputs at distinct angles on the unit circle (no two parallel) and random targets in [−1, 1].

    Random targets have no pattern to learn: fitting them is pure memorisation, which
    only a network with enough parameters can do.
    """
    n = _whole("n", n, 2)
    rng = np.random.default_rng(_whole("seed", seed, 0))
    # Angles spread round the circle, jittered so that (almost surely) no two inputs are parallel.
    angles = (np.arange(n) + rng.uniform(0.1, 0.9, n)) * 2 * np.pi / n
    return np.column_stack([np.cos(angles), np.sin(angles)]), rng.uniform(-1.0, 1.0, n)


@dataclass(frozen=True)
class LazyRun:
    """One training run of the two-layer network.

    width : m.  losses : (steps + 1,) J after each step (entry 0 at the start).
    relative_change : ‖W_T − W_0‖_F / ‖W_0‖_F.
    steps_to_target : first step with J ≤ target · J(W_0), or None if never reached.
    """

    width: int
    losses: np.ndarray
    relative_change: float
    steps_to_target: int | None


def train_two_layer(X, y, width: int, lr: float = 1.0, steps: int = 2000, seed: int = 0,
                    target: float = 1e-3) -> LazyRun:
    """Full-batch gradient descent on W of f(x) = (1/√m) Σ a_r ReLU(w_r·x), output weights fixed.

    ∂J/∂w_r = (1/n) Σᵢ (f(xᵢ) − yᵢ) (a_r/√m) 1[w_r·xᵢ > 0] xᵢ.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64).ravel()
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(f"X must be (n, d) and y must have n entries; got X {X.shape}, y {y.shape}")
    m = _whole("width", width)
    steps = _whole("steps", steps)
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}")
    if not 0 < target < 1:
        raise ValueError(f"target must be a fraction between 0 and 1, got {target!r}")
    rng = np.random.default_rng(_whole("seed", seed, 0))
    W0 = rng.standard_normal((m, X.shape[1]))
    a = rng.choice([-1.0, 1.0], m) / np.sqrt(m)
    W = W0.copy()
    n = len(X)
    losses = np.empty(steps + 1)
    for k in range(steps + 1):
        Z = X @ W.T  # (n, m)
        residual = np.maximum(Z, 0.0) @ a - y
        losses[k] = 0.5 * np.mean(residual ** 2)
        if k == steps:
            break
        W -= (lr / n) * (((residual[:, None] * (Z > 0)) * a).T @ X)
    reached = np.nonzero(losses <= target * losses[0])[0]
    return LazyRun(width=m, losses=losses,
                   relative_change=float(np.linalg.norm(W - W0) / np.linalg.norm(W0)),
                   steps_to_target=int(reached[0]) if len(reached) else None)


@dataclass(frozen=True)
class WidthSweep:
    """Runs over widths × seeds. Arrays have shape (len(widths), len(seeds)).

    steps_to_target holds NaN where the target was not reached.
    """

    widths: np.ndarray
    seeds: np.ndarray
    final_loss: np.ndarray
    relative_change: np.ndarray
    steps_to_target: np.ndarray

    def median(self, name: str) -> np.ndarray:
        """Median over seeds of ``final_loss``, ``relative_change`` or ``steps_to_target``."""
        if name not in ("final_loss", "relative_change", "steps_to_target"):
            raise ValueError(f"name must be final_loss, relative_change or steps_to_target, got {name!r}")
        return np.median(getattr(self, name), axis=1)


def width_sweep(X, y, widths: Sequence[int], seeds: Sequence[int] = (0, 1, 2), lr: float = 1.0,
                steps: int = 2000, target: float = 1e-3) -> WidthSweep:
    """:func:`train_two_layer` for every width and seed."""
    widths, seeds = list(widths), list(seeds)
    if not widths or not seeds:
        raise ValueError("widths and seeds must each list at least one value")
    runs = [[train_two_layer(X, y, w, lr, steps, s, target) for s in seeds] for w in widths]
    return WidthSweep(
        widths=np.array(widths), seeds=np.array(seeds),
        final_loss=np.array([[r.losses[-1] for r in row] for row in runs]),
        relative_change=np.array([[r.relative_change for r in row] for row in runs]),
        steps_to_target=np.array([[np.nan if r.steps_to_target is None else r.steps_to_target
                                   for r in row] for row in runs]),
    )


def limit_kernel(X) -> np.ndarray:
    """Du et al.'s H^∞: H_ij = E_w[xᵢ·xⱼ 1[w·xᵢ > 0, w·xⱼ > 0]] = xᵢ·xⱼ (π − arccos xᵢ·xⱼ)/(2π).

    The formula holds for unit inputs and w ~ N(0, I); its smallest eigenvalue λ₀ sets
    both the width the theorem asks for and the rate at which the loss falls.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or not np.allclose(np.linalg.norm(X, axis=1), 1.0):
        raise ValueError("X: the formula needs inputs of length 1, one per row")
    G = np.clip(X @ X.T, -1.0, 1.0)
    return G * (np.pi - np.arccos(G)) / (2 * np.pi)
