"""Drawing notebook 08's measurements: sharpness against 2/η, the implicit-bias angle, width sweeps."""
from __future__ import annotations

import numpy as np

from .figure import COLOURS


def plot_sharpness(ax_sharp, ax_loss, run, label: str | None = None, colour: str | None = None):
    """λ_max against steps with the 2/η line (left), and the training loss (right, log scale)."""
    colour = colour or COLOURS["curve"]
    label = label or f"η = {run.lr:g}"
    ax_sharp.plot(run.sharpness_steps, run.sharpness, color=colour, lw=1.8, label=f"sharpness λ_max, {label}")
    ax_sharp.axhline(run.threshold, color=colour, ls="--", lw=1.2, label=f"2/η = {run.threshold:g}")
    ax_sharp.set_xlabel("step")
    ax_sharp.set_ylabel("largest Hessian eigenvalue λ_max")
    ax_sharp.legend(fontsize=8, loc="center right")
    ax_loss.plot(run.steps, run.losses, color=colour, lw=1.0, label=label)
    ax_loss.set_yscale("log")
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("training loss (log scale)")
    ax_loss.legend(fontsize=8)


def plot_separators(ax, X, y, directions: dict):
    """The two classes and, for each named direction w, the line w·x = 0 through the origin."""
    ax.scatter(*X[y > 0].T, s=18, color=COLOURS["start"], label="y = +1")
    ax.scatter(*X[y < 0].T, s=18, color=COLOURS["path"], marker="s", label="y = −1")
    reach = 1.1 * np.abs(X).max()
    styles = ["-", "--", ":", "-."]
    for (name, w), style in zip(directions.items(), styles):
        w = np.asarray(w, float)
        along = np.array([-w[1], w[0]]) / np.linalg.norm(w)
        ax.plot(*np.column_stack([-reach * along, reach * along]), style, color="black", lw=1.3, label=name)
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-reach, reach)
    ax.set_aspect("equal")
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.legend(fontsize=8, loc="upper left")


def plot_angle(ax, runs, labels):
    """Angle to the max-margin direction against steps (log axis), one curve per run."""
    for run, label in zip(runs, labels):
        ax.plot(run.checkpoints[1:], run.angles_deg[1:], "-o", ms=2.5, lw=1.3, label=label)
    ax.set_xscale("log")
    ax.set_xlabel("step t (log scale)")
    ax.set_ylabel("angle to max-margin ŵ (degrees)")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8)


def plot_width_sweep(ax_loss, ax_change, sweep):
    """Final training loss against width (left) and ‖W_T − W_0‖/‖W_0‖ with a 1/√m guide (right).

    Every seed is a dot; the line is the median over seeds.
    """
    widths = sweep.widths
    floor = 1e-32
    for j in range(len(sweep.seeds)):
        ax_loss.plot(widths, np.maximum(sweep.final_loss[:, j], floor), "o", color=COLOURS["curve"], alpha=0.5, ms=4)
        ax_change.plot(widths, sweep.relative_change[:, j], "o", color=COLOURS["path"], alpha=0.5, ms=4)
    ax_loss.plot(widths, np.maximum(sweep.median("final_loss"), floor), "-", color=COLOURS["curve"], label="median of seeds")
    change = sweep.median("relative_change")
    ax_change.plot(widths, change, "-", color=COLOURS["path"], label="median of seeds")
    guide = change[-1] * np.sqrt(widths[-1] / widths)
    ax_change.plot(widths, guide, ":", color="black", label="∝ 1/√m")
    for ax in (ax_loss, ax_change):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("width m (log scale)")
        ax.legend(fontsize=8)
    ax_loss.set_ylabel("training loss at the end (10⁻³² = round-off)")
    ax_change.set_ylabel("‖W_T − W₀‖ / ‖W₀‖")


def plot_index_against_loss(ax_index, ax_fit, survey, model):
    """Left: the index of each distinct critical point against its loss (log axis), the marker's
    area growing with how many starts found it (Dauphin et al. 2014, Fig. 1). Right: the data
    and the network's function at one point of each kind, with how often it was found."""
    levels = survey.levels()
    reps = survey.representatives()
    n = survey.eigenvalues.shape[1]
    styles = {"descent": ("s", COLOURS["start"], "minimum (descent, then Newton on J)"),
              "newton": ("o", COLOURS["path"], "saddle (Newton on ∇J = 0)")}
    shown = set()
    for J, k, count, how in levels:
        marker, colour, label = styles["descent" if k == 0 else "newton"]
        ax_index.scatter([J], [k / n], s=25 + 8 * np.sqrt(count), marker=marker, color=colour,
                         zorder=3, label=None if label in shown else label)
        shown.add(label)
    ax_index.set_xscale("log")
    ax_index.set_xlabel("loss J at the critical point (log scale)")
    ax_index.set_ylabel("index: fraction of negative eigenvalues")
    ax_index.set_ylim(-0.04, max(0.45, 1.25 * max(k for _, k, _, _ in levels) / n))
    lo, hi = min(J for J, *_ in levels), max(J for J, *_ in levels)
    ax_index.set_xlim(lo / 4, hi * 6)
    ax_index.legend(fontsize=8, loc="upper left")
    x = np.linspace(model.X[:, 0].min(), model.X[:, 0].max(), 200)
    ax_fit.plot(model.X[:, 0], model.y, "o", color="black", ms=4, label="data")
    for (J, k, count, _), i in zip(levels, reps):
        style = "-" if k == 0 else "--"
        ax_fit.plot(x, model.predict(survey.points[i], x)[0], style, lw=1.5,
                    label=f"{J:.2g} · {k} · {count}×")
    ax_fit.set_xlabel("x")
    ax_fit.set_ylabel("network output f(x)")
    low, high = ax_fit.get_ylim()
    ax_fit.set_ylim(low, high + 0.5 * (high - low))  # room for the legend above the curves
    ax_fit.legend(fontsize=8, loc="upper center", ncols=2,
                  title="J · negative eigenvalues · times found", title_fontsize=8)
