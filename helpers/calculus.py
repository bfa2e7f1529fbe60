"""Numerical derivatives and gradient checking.

Finite differences approximate a derivative from function values alone. Their
error has two parts: truncation (the Taylor terms left out, ∝ h² for the
central difference) and round-off (float64 keeps ~16 digits, so subtracting
two nearly equal values costs ε_machine·|f|/h). The best h balances the two.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

MACHINE_EPSILON = float(np.finfo(float).eps)


def forward_difference(f: Callable, x, h: float = 1e-6):
    """(f(x + h) − f(x)) / h: error ∝ h."""
    return (f(x + h) - f(x)) / h


def central_difference(f: Callable, x, h: float = 1e-5):
    """(f(x + h) − f(x − h)) / 2h: error ∝ h², the symmetric terms cancel."""
    return (f(x + h) - f(x - h)) / (2 * h)


def central_difference_errors(f: Callable, df: Callable, x: float, hs: np.ndarray) -> np.ndarray:
    """Absolute error of the central difference at ``x`` for each step in ``hs``."""
    hs = np.asarray(hs, dtype=float)
    return np.abs(central_difference(f, x, hs) - df(x))


def best_central_step(f3_scale: float = 1.0, f_scale: float = 1.0) -> float:
    """The h that minimises truncation h²|f'''|/6 plus round-off ε|f|/h.

    Setting the derivative of h²·c/6 + ε·s/h to zero gives h = (3 ε s / c)^(1/3),
    about 1e-5 when |f| and |f'''| are of order one.
    """
    return float((3 * MACHINE_EPSILON * f_scale / f3_scale) ** (1 / 3))


def central_error_bound(h, f3_scale: float = 1.0, f_scale: float = 1.0):
    """The error bound of the central difference: truncation h²|f'''|/6 plus round-off ε|f|/h.

    Taylor: f(x ± h) = f ± hf' + h²f''/2 ± h³f'''/6 + O(h⁴), so the even terms cancel in
    f(x+h) − f(x−h) and the truncation error of the quotient is h²f'''/6. The round-off term is
    a worst case (each value rounded by up to ε|f|); real rounding errors partly cancel.
    """
    h = np.asarray(h, dtype=float)
    return h ** 2 * f3_scale / 6 + MACHINE_EPSILON * f_scale / h


def best_forward_step(f2_scale: float = 1.0, f_scale: float = 1.0) -> float:
    """The h that minimises the forward difference's bound h|f''|/2 + ε|f|/h: (2ε|f|/|f''|)^(1/2)."""
    return float(np.sqrt(2 * MACHINE_EPSILON * f_scale / f2_scale))


def forward_error_bound(h, f2_scale: float = 1.0, f_scale: float = 1.0):
    """The error bound of the forward difference (f(x+h) − f(x))/h: h|f''|/2 + ε|f|/h (first order)."""
    h = np.asarray(h, dtype=float)
    return h * f2_scale / 2 + MACHINE_EPSILON * f_scale / h


def numerical_gradient(f: Callable, x, h: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar function of a vector, one coordinate at a time."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e.flat[i] = h
        grad.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
    return grad


def relative_error(a, b) -> float:
    """|a − b| / max(|a|, |b|), with both norms taken over all entries; 0 when both are 0."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def gradient_check(f: Callable, grad: Callable, x, h: float = 1e-6) -> float:
    """Relative error between an analytic gradient and central differences at ``x``."""
    return relative_error(grad(np.asarray(x, dtype=float)), numerical_gradient(f, x, h))


def stationary_point(df: Callable, d2f: Callable, guess: float, steps: int = 50) -> float:
    """A point where J'(x) = 0, found by Newton's method on J' from ``guess``.

    Raises
    ------
    ValueError
        If ``guess`` is not a finite number, or Newton's method meets a point where
        J''(x) = 0 or a step that is not finite (J' has no root it can reach from there:
        e.g. J(x) = x + tanh x, whose slope 1 + tanh'(x) never vanishes).
    """
    x = float(guess)
    if not np.isfinite(x):
        raise ValueError(f"the guess must be a finite number, got {guess}")
    with np.errstate(all="ignore"):
        for _ in range(steps):
            curvature = float(d2f(x))
            if curvature == 0 or not np.isfinite(curvature):
                shown = 0.0 if curvature == 0 else curvature  # not "-0"
                raise ValueError(f"Newton's method stopped at x = {x:.6g}: J''(x) = {shown:g}, "
                                 "so the step J'(x)/J''(x) is undefined")
            x_new = x - float(df(x)) / curvature
            if not np.isfinite(x_new):
                raise ValueError(f"Newton's method left the finite numbers from x = {x:.6g}")
            x = x_new
    return x


def zero_crossings(xs, ys) -> np.ndarray:
    """Where a sampled curve y(x) crosses zero, by linear interpolation between samples.

    ``xs`` increasing, same length as ``ys``. A sample that is exactly 0 counts once; a curve
    that only touches zero between two samples of the same sign is not found.
    """
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if xs.shape != ys.shape or xs.ndim != 1:
        raise ValueError("xs and ys must be 1-D arrays of the same length")
    exact = xs[ys == 0]
    i = np.nonzero(ys[:-1] * ys[1:] < 0)[0]
    between = xs[i] - ys[i] * (xs[i + 1] - xs[i]) / (ys[i + 1] - ys[i])
    return np.sort(np.r_[exact, between])
