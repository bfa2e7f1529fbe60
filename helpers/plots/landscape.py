"""Drawing the loss landscape: the line from start to trained weights, 2-D slices with the path."""
from __future__ import annotations

import numpy as np

from .figure import COLOURS


def plot_line(ax, alphas, losses, label: str = "training loss"):
    """J along (1 − α)θ₀ + αθ_T, with the start (α = 0) and the trained weights (α = 1) marked."""
    alphas, losses = np.asarray(alphas), np.asarray(losses)
    line, = ax.plot(alphas, losses, color=COLOURS["curve"], lw=2, label=label)
    for alpha, name, colour in ((0.0, "start θ₀", COLOURS["start"]), (1.0, "trained θ_T", COLOURS["end"])):
        ax.plot([alpha], [np.interp(alpha, alphas, losses)], "o", color=colour, ms=7, label=name, zorder=3)
    ax.set_yscale("log")
    ax.set_xlabel("α   (θ = (1 − α)·θ₀ + α·θ_T)")
    ax.set_ylabel("loss J (log scale)")
    ax.legend(loc="upper center", fontsize=9)
    return line


def contour_levels(losses, count: int = 20) -> np.ndarray:
    """Levels spaced evenly in log J between the slice's smallest and largest loss."""
    finite = np.asarray(losses)[np.isfinite(losses)]
    lo, hi = max(float(finite.min()), 1e-12), float(finite.max())
    return np.geomspace(lo, hi * (1 + 1e-9), count)


def plot_slice(ax, slice_, title: str | None = None, colorbar: bool = True):
    """Filled log-spaced contours of a :class:`helpers.landscape.Slice`, its origin and any path."""
    from matplotlib.colors import LogNorm

    levels = contour_levels(slice_.losses)
    filled = ax.contourf(slice_.a, slice_.b, slice_.losses, levels=levels, norm=LogNorm(), cmap="viridis")
    ax.contour(slice_.a, slice_.b, slice_.losses, levels=levels[::3], colors="white", linewidths=0.5, alpha=0.6)
    ax.plot([0], [0], "*", color=COLOURS["end"], ms=13, mec="white", label="trained θ_T", zorder=4)
    if slice_.path is not None:
        ax.plot(slice_.path[:, 0], slice_.path[:, 1], "-o", color="white", ms=3, lw=1.5, zorder=3,
                label="training path (per epoch)")
        ax.plot(slice_.path[0, 0], slice_.path[0, 1], "o", color=COLOURS["start"], ms=8, mec="white",
                zorder=4, label="start θ₀")
    names = ("PCA direction 1", "PCA direction 2") if slice_.kind == "pca" else ("direction 1 (a)", "direction 2 (b)")
    if slice_.explained is not None:
        names = tuple(f"{n} ({100 * e:.1f} % of the path)" for n, e in zip(names, slice_.explained))
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    if title:
        ax.set_title(title, fontsize=11)
    ax.legend(loc="upper right", fontsize=8, framealpha=0.8)
    if colorbar:
        from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

        bar = ax.figure.colorbar(filled, ax=ax, shrink=0.9)
        bar.ax.yaxis.set_major_locator(FixedLocator(levels[::4]))
        bar.ax.yaxis.set_minor_locator(NullLocator())
        bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.2g}"))
        bar.set_label("loss J (log scale)")
    return filled


def plot_surface(ax3d, slice_, clip: float | None = None):
    """The slice as a 3-D surface of log₁₀ J (``ax3d`` from projection="3d")."""
    A, B = np.meshgrid(slice_.a, slice_.b)
    Z = np.log10(slice_.losses if clip is None else np.minimum(slice_.losses, clip))
    surface = ax3d.plot_surface(A, B, Z, cmap="viridis", linewidth=0, antialiased=True)
    ax3d.set_xlabel("a")
    ax3d.set_ylabel("b")
    ax3d.set_zlabel("log₁₀ J")
    return surface
