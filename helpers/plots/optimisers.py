"""Drawing for notebook 07 (optimisers): each function takes an ``ax`` and data.

Knows nothing of widgets; :mod:`helpers.panels.optimiser_race` wires these to controls.
"""
from __future__ import annotations

import numpy as np

from .figure import COLOURS, use_plain_log_labels
from .two_d import plot_contours, plot_minima

#: One colour per optimiser, the same in every figure and in the panel (Okabe–Ito).
OPTIMISER_COLOURS = {
    "gradient descent": "#000000",
    "momentum": "#E69F00",
    "Nesterov": "#56B4E9",
    "AdaGrad": "#009E73",
    "RMSProp": "#CC79A7",
    "Adam": "#D55E00",
    "AdamW": "#0072B2",
}


def colour_of(name: str) -> str:
    """The colour of optimiser ``name`` (grey for unknown names)."""
    return OPTIMISER_COLOURS.get(name, "#6c757d")


def plot_race_paths(ax, objective, race, upto: int | None = None):
    """Contours of the objective and every optimiser's path up to step ``upto``; returns
    {name: Line2D}."""
    plot_contours(ax, objective, n=160)
    if objective.minima:
        plot_minima(ax, objective.minima, label="_minimum")
    lines = {}
    for name, entry in race.entries.items():
        k = len(entry.points) if upto is None else upto + 1
        pts = entry.points[:k]
        (lines[name],) = ax.plot(pts[:, 0], pts[:, 1], "-", color=colour_of(name), lw=1.4,
                                 label=name, zorder=4)
    start = next(iter(race.entries.values())).points[0]
    ax.plot(*start, "o", color=COLOURS["start"], ms=9, mec="white", zorder=5, label="start")
    return lines


def plot_race_losses(ax, race, floor: float = 1e-12):
    """Loss above the lowest minimum against the step, log scale; returns {name: Line2D}."""
    reference = race.minimum if race.minimum is not None else 0.0
    lines = {}
    for name, entry in race.entries.items():
        gap = np.maximum(entry.losses - reference, floor)
        (lines[name],) = ax.semilogy(np.arange(len(gap)), gap, color=colour_of(name), lw=1.5,
                                     label=name)
    ax.set_xlabel("step k")
    ax.set_ylabel("J(x_k) − J_min")
    use_plain_log_labels(ax.yaxis)
    return lines


def plot_stability_limits(ax, betas, measured):
    """Measured largest stable ηλ against β, over the line 2 + 2β; returns (line, points)."""
    betas = np.asarray(betas, dtype=float)
    fine = np.linspace(0, 1, 101)
    (line,) = ax.plot(fine, 2 + 2 * fine, color=COLOURS["curve"], lw=1.5, label="2 + 2β (theory)")
    (points,) = ax.plot(betas, measured, "o", color=COLOURS["path"], ms=7,
                        label="measured from runs")
    ax.fill_between(fine, 0, 2 + 2 * fine, color=COLOURS["start"], alpha=0.15,
                    label="converges")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 4.2)
    ax.set_xlabel("momentum β")
    ax.set_ylabel("ηλ")
    ax.legend(loc="upper left", frameon=False)
    return line, points


def plot_rate_map(ax, lrs, betas, rates, optimum=None):
    """The rate per step over the (η, β) plane as a heat map (white where it diverges),
    with the optimal pair marked; returns the image."""
    from matplotlib.colors import Normalize

    shown = np.where(np.asarray(rates) < 1, rates, np.nan)
    image = ax.pcolormesh(lrs, betas, shown, cmap="viridis", norm=Normalize(0.5, 1.0),
                          shading="nearest")
    ax.contour(lrs, betas, np.asarray(rates), levels=[0.7, 0.8, 0.9, 0.95, 0.99],
               colors="white", linewidths=0.7)
    ax.contour(lrs, betas, np.asarray(rates), levels=[1.0], colors=COLOURS["path"],
               linewidths=1.6)
    if optimum is not None:
        ax.plot(optimum[0], optimum[1], "*", color="white", mec="black", ms=16,
                label=f"optimal pair, rate {optimum[2]:.3f}")
        ax.legend(loc="lower right", framealpha=0.9)
    ax.set_xlabel("learning rate η")
    ax.set_ylabel("momentum β")
    return image


def plot_first_steps(ax, steps_by_label: dict, lr: float):
    """Step lengths |Δx_k| of the first steps for each label, with η marked; returns lines."""
    lines = []
    for (label, steps), marker in zip(steps_by_label.items(), "os^v"):
        k = np.arange(1, len(steps) + 1)
        lines.append(ax.plot(k, steps, marker + "-", ms=5, lw=1.3, label=label)[0])
    ax.axhline(lr, color=COLOURS["minimum"], ls="--", lw=1, label="η")
    ax.set_xlabel("step t")
    ax.set_ylabel("|Δx_t|")
    ax.legend(frameon=False)
    return lines


def plot_step_vs_gradient(ax, gradients, steps_by_eps: dict, lr: float):
    """Adam's step length against the gradient's size, one curve per ε (log–log)."""
    for label, steps in steps_by_eps.items():
        ax.loglog(gradients, steps, lw=1.6, label=label)
    ax.axhline(lr, color=COLOURS["minimum"], ls="--", lw=1, label="η")
    ax.set_xlabel("gradient size |g| (constant)")
    ax.set_ylabel("step length |Δx|")
    use_plain_log_labels(ax.xaxis)
    use_plain_log_labels(ax.yaxis)
    ax.legend(frameon=False, loc="lower right")


def plot_mean_losses(ax, curves: dict, floor_value: float | None = None):
    """Mean loss over many noisy runs against the step (log scale), one line per schedule;
    the predicted noise floor of the constant step as a dashed line."""
    for label, losses in curves.items():
        ax.semilogy(np.arange(len(losses)), losses, lw=1.5, label=label)
    if floor_value is not None:
        ax.axhline(floor_value, color=COLOURS["minimum"], ls="--", lw=1,
                   label="noise floor ησ²/(2(2 − ηλ)) summed")
    ax.set_xlabel("step k")
    ax.set_ylabel("mean J(x_k)")
    use_plain_log_labels(ax.yaxis)
    ax.legend(frameon=False, fontsize=9)


def plot_loss_bands(ax, curves: dict, x=None):
    """Median training loss over seeds with the min–max band, one colour per optimiser.

    ``curves`` maps a label to an array (n_seeds, n_points).
    """
    for label, runs in curves.items():
        runs = np.asarray(runs, dtype=float)
        xs = np.arange(runs.shape[1]) if x is None else x
        name = label.split(" (")[0]
        ax.fill_between(xs, runs.min(axis=0), runs.max(axis=0), color=colour_of(name), alpha=0.2)
        ax.semilogy(xs, np.median(runs, axis=0), color=colour_of(name), lw=1.6, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (cross-entropy)")
    ax.legend(frameon=False, fontsize=9)


def draw_update_arrows(ax, point, parts: dict, colour: str, length: float):
    """Arrows for one update at ``point``: −gradient, velocity and the step itself.

    Vectors are rescaled to ``length`` (their directions matter; the status line gives
    sizes). Returns the list of artists.
    """
    artists = []
    for key, style in (("gradient", dict(color="#343a40", ls="-")),
                       ("velocity", dict(color=colour, ls="--")),
                       ("step", dict(color=colour, ls="-"))):
        vector = parts.get(key)
        if vector is None:
            continue
        vector = -vector if key == "gradient" else vector
        size = float(np.hypot(*vector))
        if not np.isfinite(size) or size == 0:
            continue
        tip = point + vector * (length / size)
        artists.append(ax.annotate("", xy=tip, xytext=point,
                                   arrowprops=dict(arrowstyle="->", lw=2, **style)))
    return artists
