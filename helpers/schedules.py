"""Learning-rate schedules: a step size that changes with the iteration k.

A large step early covers ground; a small step late settles into the minimum.
Each schedule maps k (a number or an array of iterations) to η_k, and
:class:`ScheduledDescent` is a step rule for :func:`helpers.descent.run` that
uses η_k at step k.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np


def _check(lr0: float) -> None:
    if not (np.isfinite(lr0) and lr0 > 0):
        raise ValueError(f"the starting learning rate η₀ must be positive, got {lr0:g}")


def constant(k, lr0: float):
    """η_k = η₀."""
    _check(lr0)
    return np.full(np.shape(k), float(lr0)) if np.ndim(k) else float(lr0)


def step_decay(k, lr0: float, drop: float = 0.5, every: int = 50):
    """η_k = η₀ · drop^⌊k / every⌋: cut the step by ``drop`` every ``every`` iterations."""
    _check(lr0)
    if not 0 < drop <= 1 or every < 1:
        raise ValueError("need 0 < drop ≤ 1 and every ≥ 1")
    return lr0 * np.power(drop, np.floor_divide(k, every))


def inverse_time(k, lr0: float, decay: float = 0.05):
    """η_k = η₀ / (1 + decay · k): the 1/t schedule of stochastic approximation."""
    _check(lr0)
    if decay < 0:
        raise ValueError("the decay must be ≥ 0")
    return lr0 / (1.0 + decay * np.asarray(k, dtype=float))


def cosine(k, lr0: float, total: int = 200, lr_min: float = 0.0):
    """η_k = η_min + ½(η₀ − η_min)(1 + cos(π k / total)), then η_min after ``total`` steps."""
    _check(lr0)
    if total < 1:
        raise ValueError("the schedule length must be at least one step")
    progress = np.minimum(np.asarray(k, dtype=float), total) / total
    return lr_min + 0.5 * (lr0 - lr_min) * (1.0 + np.cos(np.pi * progress))


def warmup_cosine(k, lr0: float, warmup: int = 20, total: int = 200, lr_min: float = 0.0):
    """Linear warm-up from η₀/warmup to η₀ over the first ``warmup`` steps, then cosine
    decay to η_min at ``total``: η_k = η₀ (k + 1)/warmup for k < warmup, else
    η_min + ½(η₀ − η_min)(1 + cos(π (k − warmup)/(total − warmup)))."""
    _check(lr0)
    if not 1 <= warmup < total:
        raise ValueError(f"need 1 ≤ warmup < total, got warmup={warmup}, total={total}")
    k = np.asarray(k, dtype=float)
    ramp = lr0 * (k + 1) / warmup
    progress = np.clip((k - warmup) / (total - warmup), 0, 1)
    decay = lr_min + 0.5 * (lr0 - lr_min) * (1.0 + np.cos(np.pi * progress))
    out = np.where(k < warmup, ramp, decay)
    return float(out) if out.ndim == 0 else out


SCHEDULES: dict[str, Callable] = {
    "constant": constant,
    "step decay": step_decay,
    "1/t": inverse_time,
    "cosine": cosine,
}


@dataclass(frozen=True)
class ScheduledDescent:
    """Gradient descent with a schedule: x ← x − η_k ∇J(x), where η_k = schedule(k).

    The state is the iteration counter k (starting at 0).
    """

    schedule: Callable[[int], float]

    def init(self, x: np.ndarray) -> int:
        return 0

    def step(self, x: np.ndarray, g: np.ndarray, state: Any) -> tuple[np.ndarray, Any]:
        return x - float(self.schedule(state)) * g, state + 1
