"""Pure drawing functions for one-variable descent: each takes an ``ax`` and data.

They know nothing of widgets. Live panels call them once to create the
artists and afterwards only change the artists' data.
"""
from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection

from .figure import COLOURS


def function_grid(objective, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """x values across the objective's range and f there (NaN where f is undefined)."""
    xs = np.linspace(*objective.x_range, n)
    with np.errstate(all="ignore"):
        ys = np.asarray(objective.f(xs), dtype=float)
    return xs, np.where(np.isfinite(ys), ys, np.nan)


def tangent_segments(f, df, xs, half_width: float, aspect: float = 1.0) -> np.ndarray:
    """Segments of the tangent line at each x, all of about the same length on screen.

    ``half_width`` is the half-length for a flat tangent, in x units; ``aspect``
    is how many y units the plot shows per x unit, so steep tangents are
    shortened to keep their drawn length equal. Returns shape (n, 2, 2).
    """
    xs = np.asarray(xs, dtype=float)
    with np.errstate(all="ignore"):
        ys, slopes = np.asarray(f(xs), dtype=float), np.asarray(df(xs), dtype=float)
        dx = half_width / np.sqrt(1 + (slopes / aspect) ** 2)
    left = np.stack([xs - dx, ys - slopes * dx], axis=-1)
    right = np.stack([xs + dx, ys + slopes * dx], axis=-1)
    return np.stack([left, right], axis=1)


def plot_function(ax, objective, **style):
    """Draw f on its range; returns the Line2D."""
    xs, ys = function_grid(objective)
    style = {"color": COLOURS["curve"], "lw": 2, **style}
    (line,) = ax.plot(xs, ys, **style)
    ax.set_xlabel("x")
    ax.set_ylabel("J(x)")
    return line


def plot_path_1d(ax, f, points, **style):
    """Draw the visited points on the curve, joined in order; returns (line, start, end)."""
    points = np.asarray(points, dtype=float)
    with np.errstate(all="ignore"):
        values = np.asarray(f(points), dtype=float)
    style = {"color": COLOURS["path"], "marker": "o", "ms": 5, "lw": 1.2, "alpha": 0.9, **style}
    (line,) = ax.plot(points, values, **style, zorder=3)
    (start,) = ax.plot(points[:1], values[:1], "o", color=COLOURS["start"], ms=10, zorder=4,
                       label="start")
    (end,) = ax.plot(points[-1:], values[-1:], "*", color=COLOURS["end"], ms=14, zorder=4,
                     label="last point")
    return line, start, end


def plot_tangents(ax, f, df, xs, half_width: float, aspect: float = 1.0):
    """Draw short tangent lines at the points ``xs``; returns the LineCollection."""
    segments = tangent_segments(f, df, xs, half_width, aspect)
    collection = LineCollection(segments, colors=COLOURS["tangent"], linewidths=2, zorder=2,
                                label="tangent (slope J′)")
    ax.add_collection(collection)
    return collection


def loss_gap(losses, reference: float) -> np.ndarray:
    """J(x_k) − J_ref, floored at a tiny positive number so it can go on a log axis."""
    return np.maximum(np.asarray(losses, dtype=float) - reference, 1e-16)


def plot_loss_curve(ax, losses, reference: float = 0.0, **style):
    """Loss above ``reference`` against iteration k, log scale; returns the Line2D."""
    gap = loss_gap(losses, reference)
    style = {"color": COLOURS["path"], "marker": ".", "lw": 1.5, **style}
    (line,) = ax.plot(np.arange(len(gap)), gap, **style)
    ax.set_yscale("log")
    ax.set_xlabel("iteration k")
    ax.set_ylabel("J(x_k) − J_min")
    return line


def plot_difference_errors(ax, hs, errors, label: str, **style):
    """Error of a finite difference against the step h on log–log axes; returns the Line2D."""
    (line,) = ax.loglog(hs, errors, marker="o", ms=3, label=label, **style)
    ax.set_xlabel("step h")
    ax.set_ylabel("|numerical − exact|")
    return line


def label_slopes(ax, xs, ys, slopes, fontsize: float = 9, **style):
    """Write "slope s" beside each point (x, y) on the inside of the bend, above the tangent.

    A falling tangent gets its label up and to the right, a rising one up and to the left, so
    on a convex curve the text sits between the curve's arms, clear of the tangent line.
    Returns the Annotations.
    """
    texts = []
    for x, y, slope in zip(np.ravel(xs), np.ravel(ys), np.ravel(slopes)):
        right = slope < 0
        texts.append(ax.annotate(f"slope {slope:+g}".replace("-", "−"), (x, y),
                                 xytext=(12 if right else -12, 8), textcoords="offset points",
                                 ha="left" if right else "right", va="bottom",
                                 **{"color": "#9a6200", "fontsize": fontsize, **style}))
    return texts
