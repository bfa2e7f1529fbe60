"""Implicit bias: which separator gradient descent picks when many fit the data.

For linearly separable data {(xᵢ, yᵢ)}, yᵢ ∈ {−1, +1}, the logistic loss
J(w) = (1/m) Σᵢ log(1 + exp(−yᵢ w·xᵢ)) has no minimum: it tends to 0 as ‖w‖ → ∞ along
any separating direction. Soudry, Hoffer, Nacson, Gunasekar & Srebro (2018) proved that
gradient descent with a small enough fixed step (η < 2/β, β the smoothness constant) from
any start still picks a direction: w_t/‖w_t‖ → ŵ/‖ŵ‖, where ŵ is the *hard-margin SVM*

    ŵ = argmin ‖w‖²  subject to  yᵢ w·xᵢ ≥ 1 for all i,

and that the convergence is slow: ‖w_t/‖w_t‖ − ŵ/‖ŵ‖‖ = O(1/log t). (No bias term:
separators through the origin, as in the theorem; append a constant feature for an
offset, which is then also penalised.)

Here ŵ is computed independently of gradient descent, by coordinate ascent on the dual
problem  max_α Σᵢ αᵢ − ½‖Σᵢ αᵢyᵢxᵢ‖²,  α ≥ 0  (the hard-margin case of Hsieh et al.
2008), and checked against the KKT conditions: w = Σ αᵢyᵢxᵢ, α ≥ 0, margins ≥ 1, and
αᵢ(yᵢw·xᵢ − 1) = 0.

Public API (stable)
-------------------
separable_blobs(n=40, seed=0) -> (X (n, 2), y (n,) of ±1), separable through 0
MaxMargin(w, alpha, margin, support, sweeps) ; max_margin(X, y, tol=1e-12, max_sweeps=100000)
kkt_residuals(X, y, w, alpha) -> dict of the four KKT residuals
smoothness(X) -> β = σ_max(X)² / (4m), the logistic loss's largest curvature bound
LogisticRun(checkpoints, weights, losses, angles_deg, margins) ;
logistic_gradient_descent(X, y, lr, steps, reference, w0=None, checkpoints=40)
angle_degrees(u, v) -> angle between two vectors
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _as_data(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64).ravel()
    if X.ndim != 2 or len(X) != len(y) or len(X) < 2:
        raise ValueError(f"X must be (m, d) with m ≥ 2 and y must have m entries; got X {X.shape}, y {y.shape}")
    if not np.all(np.isin(y, (-1.0, 1.0))):
        raise ValueError("y: labels must be −1 or +1")
    return X, y


def separable_blobs(n: int = 40, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Labelled points separable by a line through the origin, with a lopsided cloud.

    Each point is xᵢ = yᵢ zᵢ with zᵢ = (1 + 0.3|e|, u), u uniform on [0, 4]: every zᵢ lies
    to the right of the vertical line at 1, so w = (1, 0) separates them with margin ≥ 1.
    The points nearest that line decide the max-margin direction, while the cloud's mean
    (the direction of the first gradient step from w = 0) points about 60° away from it,
    so the approach is slow enough to watch.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 4:
        raise ValueError(f"n must be a whole number ≥ 4, got {n!r}")
    rng = np.random.default_rng(_check_seed(seed))
    y = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    z = np.column_stack([1.0 + 0.3 * np.abs(rng.standard_normal(n)), rng.uniform(0.0, 4.0, n)])
    return y[:, None] * z, y


def _check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0, got {seed!r}")
    return int(seed)


@dataclass(frozen=True)
class MaxMargin:
    """The hard-margin separator through the origin.

    w : ŵ, the smallest vector with yᵢ w·xᵢ ≥ 1 for all i.
    alpha : the dual variables (αᵢ > 0 only on the support vectors).
    margin : the geometric margin 1/‖ŵ‖ = min_i yᵢ ŵ·xᵢ / ‖ŵ‖.
    support : indices of the support vectors.
    sweeps : passes of coordinate ascent used.
    """

    w: np.ndarray
    alpha: np.ndarray
    margin: float
    support: np.ndarray
    sweeps: int


def max_margin(X, y, tol: float = 1e-12, max_sweeps: int = 100_000) -> MaxMargin:
    """ŵ by coordinate ascent on the dual  max Σα − ½‖Σ αᵢyᵢxᵢ‖², α ≥ 0.

    Each coordinate step maximises the dual exactly in αᵢ:
    αᵢ ← max(0, αᵢ + (1 − yᵢ w·xᵢ)/‖xᵢ‖²), keeping w = Σ αⱼyⱼxⱼ up to date.
    Stops when a full sweep changes no αᵢ by more than ``tol`` (relative to max α).
    Raises ValueError if the data are not separable through the origin (α grows without bound).
    """
    X, y = _as_data(X, y)
    if np.any(np.sum(X * X, axis=1) == 0):
        raise ValueError("X: a point at the origin cannot be separated by a line through it")
    Q = np.sum(X * X, axis=1)
    alpha = np.zeros(len(X))
    w = np.zeros(X.shape[1])
    for sweep in range(1, max_sweeps + 1):
        largest_change = 0.0
        for i in range(len(X)):
            new = max(0.0, alpha[i] + (1.0 - y[i] * (w @ X[i])) / Q[i])
            change = new - alpha[i]
            if change != 0.0:
                w += change * y[i] * X[i]
                alpha[i] = new
                largest_change = max(largest_change, abs(change))
        if largest_change <= tol * max(1.0, alpha.max()):
            break
        if alpha.max() > 1e12:
            raise ValueError("X, y: the data are not separable by a line through the origin")
    else:
        raise ValueError(f"X, y: max_margin did not converge in max_sweeps={max_sweeps} sweeps; the data "
                         "may not be separable by a line through the origin (or the margin is tiny)")
    support = np.nonzero(alpha > 1e-9 * max(1.0, alpha.max()))[0]
    return MaxMargin(w=w, alpha=alpha, margin=float(1.0 / np.linalg.norm(w)), support=support, sweeps=sweep)


def kkt_residuals(X, y, w, alpha) -> dict[str, float]:
    """How far (w, α) is from the KKT conditions of the hard-margin problem (all 0 at the optimum).

    stationarity : ‖w − Σ αᵢyᵢxᵢ‖.   dual_feasibility : max(0, −min αᵢ).
    primal_feasibility : max(0, 1 − min yᵢ w·xᵢ).   complementary_slackness : max |αᵢ(yᵢw·xᵢ − 1)|.
    """
    X, y = _as_data(X, y)
    w, alpha = np.asarray(w, float), np.asarray(alpha, float)
    margins = y * (X @ w)
    return {
        "stationarity": float(np.linalg.norm(w - (alpha * y) @ X)),
        "dual_feasibility": float(max(0.0, -alpha.min())),
        "primal_feasibility": float(max(0.0, 1.0 - margins.min())),
        "complementary_slackness": float(np.max(np.abs(alpha * (margins - 1.0)))),
    }


def smoothness(X) -> float:
    """β = σ_max(X)²/(4m): the mean logistic loss's Hessian never exceeds β (since σ' ≤ 1/4)."""
    X = np.asarray(X, dtype=np.float64)
    return float(np.linalg.norm(X, 2) ** 2 / (4 * len(X)))


def angle_degrees(u, v) -> float:
    """The angle between vectors u and v, in degrees (0 for the same direction)."""
    u, v = np.asarray(u, float), np.asarray(v, float)
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if nu == 0 or nv == 0:
        raise ValueError("angle_degrees: a zero vector has no direction")
    return float(np.degrees(np.arccos(np.clip(u @ v / (nu * nv), -1.0, 1.0))))


def _logistic_loss(margins: np.ndarray) -> float:
    return float(np.mean(np.logaddexp(0.0, -margins)))


@dataclass(frozen=True)
class LogisticRun:
    """Gradient descent on the logistic loss, seen at log-spaced checkpoints.

    checkpoints : step numbers t.  weights : w_t at those steps, shape (len, d).
    losses : J(w_t).  angles_deg : angle between w_t and the reference direction.
    margins : min_i yᵢ w_t·xᵢ / ‖w_t‖, the normalised margin of w_t.
    """

    checkpoints: np.ndarray
    weights: np.ndarray
    losses: np.ndarray
    angles_deg: np.ndarray
    margins: np.ndarray


def logistic_gradient_descent(X, y, lr: float, steps: int, reference, w0=None,
                              checkpoints: int = 40) -> LogisticRun:
    """w ← w − η∇J(w) on the mean logistic loss for ``steps`` steps from ``w0`` (default 0).

    Parameters
    ----------
    X, y : data with labels ±1.
    lr : η; Soudry et al.'s theorem needs η < 2/β (see :func:`smoothness`).
    steps : number of steps (≥ 1).
    reference : the direction to measure angles against (usually the max-margin ŵ).
    w0 : start; zeros by default.
    checkpoints : how many log-spaced steps to record (plus step 0).
    """
    X, y = _as_data(X, y)
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"steps must be a whole number ≥ 1, got {steps!r}")
    w = np.zeros(X.shape[1]) if w0 is None else np.array(w0, dtype=np.float64)
    record_at = np.unique(np.concatenate([[0], np.geomspace(1, steps, checkpoints).round().astype(int)]))
    Xy = X * y[:, None]
    step_rows = Xy * (lr / len(X))
    rows = []
    next_record = 0
    with np.errstate(over="ignore"):  # e^s overflows to inf for large margins: 1/(1 + inf) = 0 is right
        for t in range(steps + 1):
            if t == record_at[next_record]:
                rows.append((t, w.copy()))
                next_record += 1
                if next_record == len(record_at):
                    break
            # −∇J = (1/m) Σ σ(−sᵢ) yᵢxᵢ with sᵢ = yᵢ w·xᵢ and σ(−s) = 1/(1 + e^s).
            w += (1.0 / (1.0 + np.exp(Xy @ w))) @ step_rows
    ts = np.array([t for t, _ in rows])
    W = np.array([v for _, v in rows])
    margins = Xy @ W.T  # (m, len)
    norms = np.linalg.norm(W, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        normalised = np.where(norms > 0, margins.min(axis=0) / norms, np.nan)
    angles = np.array([angle_degrees(v, reference) if np.linalg.norm(v) > 0 else np.nan for v in W])
    return LogisticRun(checkpoints=ts, weights=W, losses=np.array([_logistic_loss(m) for m in margins.T]),
                       angles_deg=angles, margins=normalised)
