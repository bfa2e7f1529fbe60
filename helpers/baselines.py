"""Baselines a trained network should be compared with: the best constant, the best straight line.

A network's loss means little on its own. The best *constant* prediction (the
mean target) and the best *affine* model (least squares for regression,
logistic regression for two classes) are computed exactly here, so a notebook
can say how much the hidden layers add.
"""
from __future__ import annotations

import numpy as np


def _with_intercept(X) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"inputs must have shape (m, n), got {X.shape}")
    return np.column_stack([np.ones(len(X)), X])


def _column(y, m: int) -> np.ndarray:
    y = np.asarray(y, dtype=float).reshape(m, -1)
    if y.shape[1] != 1:
        raise ValueError("one target per example expected")
    return y[:, 0]


def mean_prediction_loss(y) -> float:
    """Squared-error loss J = (1/2m) Σ (ȳ − yᵢ)² of always predicting the mean target ȳ."""
    y = np.ravel(np.asarray(y, dtype=float))
    return float(0.5 * np.mean((y - y.mean()) ** 2))


def least_squares_loss(X, y) -> float:
    """Squared-error loss J = (1/2m) Σ (ŷᵢ − yᵢ)² of the best affine fit ŷ = b + X w (least squares)."""
    A = _with_intercept(X)
    t = _column(y, len(A))
    coef, *_ = np.linalg.lstsq(A, t, rcond=None)
    return float(0.5 * np.mean((A @ coef - t) ** 2))


def logistic_regression(X, y, steps: int = 50, ridge: float = 1e-10) -> tuple[float, float]:
    """The best straight class boundary: logistic regression fitted by Newton's method.

    Minimises the mean binary cross-entropy (1/m) Σ [log(1 + e^{zᵢ}) − yᵢ zᵢ] with
    z = b + X w. The loss is convex, so Newton's steps reach its minimum.

    Parameters
    ----------
    X : (m, n) inputs; y : (m,) labels 0 or 1.
    steps : Newton steps (it stops earlier once the step is negligible).
    ridge : added to the Hessian's diagonal, so separable data cannot break the solve.

    Returns
    -------
    (loss, accuracy) at the fitted weights.
    """
    A = _with_intercept(X)
    t = _column(y, len(A))
    theta = np.zeros(A.shape[1])
    for _ in range(steps):
        z = A @ theta
        p = 1 / (1 + np.exp(-z))
        gradient = A.T @ (p - t) / len(A)
        hessian = (A * (p * (1 - p))[:, None]).T @ A / len(A) + ridge * np.eye(A.shape[1])
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.max(np.abs(step)) < 1e-12:
            break
    z = A @ theta
    loss = float(np.mean(np.logaddexp(0, z) - t * z))
    return loss, float(np.mean((z > 0) == (t > 0.5)))
