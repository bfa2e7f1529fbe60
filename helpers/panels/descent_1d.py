"""The live 1-D descent panel of notebook 01.

Pick a function (or type your own), a learning rate, a start point and a step
budget; see the path on the curve with the tangents that decided each step,
the loss against iteration, and a status line that names what happened.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import plots
from ..descent import run
from ..expressions import ExpressionError, parse_function
from ..objectives import OBJECTIVES_1D, Objective1D, lowest_value
from .base import Panel, slider_style

YOUR_FUNCTION = "your function (type it below)"
EXAMPLE_FORMULA = "x**4 - 3*x**2 + x"
TANGENTS_SHOWN = 8
DECADE_STEP = 4  # the loss axis spans whole blocks of 4 decades
SCREEN_ASPECT = 1.4  # width / height of the curve axes on screen, for equal-length tangents
#: Values of J beyond this size are left off the curve: axis limits near the float range
#: (1.8e308) overflow inside matplotlib's transforms.
MAX_DRAWN = 1e100
MAX_GAP = 1e300  # the loss axis stops here, so its limits stay finite


def _fmt(value: float) -> str:
    return f"{value:.3g}"


def curve_picture(objective: Objective1D):
    """What the curve axes show for ``objective``: x, J(x) with the undrawable parts as NaN,
    the y limits, and the lowest value of J on the range (the loss axis's reference).

    Raises
    ------
    ExpressionError
        If fewer than two values of J are finite and at most MAX_DRAWN in size.
    """
    xs, ys = plots.one_d.function_grid(objective)
    ys = np.where(np.abs(ys) <= MAX_DRAWN, ys, np.nan)
    if np.count_nonzero(np.isfinite(ys)) < 2:
        raise ExpressionError(f"J(x) is too large to draw on [{objective.x_range[0]:g}, "
                              f"{objective.x_range[1]:g}] (|J| > {MAX_DRAWN:g} almost everywhere)")
    low, high = float(np.nanmin(ys)), float(np.nanmax(ys))
    margin = 0.08 * (high - low or max(abs(high), 1.0))
    reference = max(lowest_value(objective), -MAX_GAP)
    return xs, ys, (low - margin, high + margin), reference


class Descent1DPanel(Panel):
    """Gradient descent on a function of one variable, live."""

    controls_summary = ("the function menu, the formula box, the learning-rate, start and "
                        "steps sliders")

    def __init__(self, function: str | None = None, lr: float = 0.25, steps: int = 40):
        super().__init__(figsize=(9, 3.9))
        self.custom = parse_function(EXAMPLE_FORMULA)
        self.objective: Objective1D = OBJECTIVES_1D[function or next(iter(OBJECTIVES_1D))]
        self._build_controls(lr, steps)
        self._build_figure()
        self.controls["function"].observe(self._on_function, names="value")
        self.controls["formula"].observe(self._on_formula, names="value")
        self._start(handled_elsewhere=("function", "formula"))

    # -- controls -------------------------------------------------------------
    def _build_controls(self, lr: float, steps: int) -> None:
        style = slider_style()
        self.controls["function"] = widgets.Dropdown(
            options=list(OBJECTIVES_1D) + [YOUR_FUNCTION], value=self.objective.name,
            description="function", **style)
        self.controls["formula"] = widgets.Text(
            value=EXAMPLE_FORMULA, description="your J(x) =", continuous_update=False,
            placeholder="e.g. x**4 - 3*x**2 + x   (press Enter)", **style)
        self.controls["lr"] = widgets.FloatLogSlider(
            value=lr, base=10, min=-3, max=0.5, step=0.01, description="learning rate η",
            readout_format=".3g", **style)
        low, high = self.objective.x_range
        self.controls["start"] = widgets.FloatSlider(
            value=self.objective.default_start, min=low, max=high, step=0.01,
            description="start x₀", readout_format=".2f", **style)
        self.controls["steps"] = widgets.IntSlider(
            value=steps, min=1, max=100, description="steps", **style)

    def _on_function(self, change) -> None:
        name = change["new"]
        self._use_objective(self.custom if name == YOUR_FUNCTION else OBJECTIVES_1D[name])

    def _on_formula(self, change) -> None:
        try:
            custom = parse_function(change["new"])
            curve_picture(custom)
        except ExpressionError as error:
            self.set_status(f"Could not use that formula: {error} "
                            f"(still showing J(x) = {self.objective.formula})", "bad")
            return
        self.custom = custom
        if self.controls["function"].value == YOUR_FUNCTION:
            self._use_objective(self.custom)
        else:
            self.controls["function"].value = YOUR_FUNCTION  # triggers _on_function

    def _use_objective(self, objective: Objective1D) -> None:
        self.objective = objective
        start = self.controls["start"]
        low, high = objective.x_range
        with self.hold_updates():
            start.min, start.max = min(start.min, low), max(start.max, high)
            start.value = objective.default_start
            start.min, start.max = low, high
            self._draw_objective()
        self.fit_layout()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> None:
        grid = self.fig.add_gridspec(1, 2, width_ratios=[1.45, 1])
        self.ax_curve = self.fig.add_subplot(grid[0])
        self.ax_loss = self.fig.add_subplot(grid[1])
        self.curve = plots.one_d.plot_function(self.ax_curve, self.objective, label="J(x)")
        start = self.objective.default_start
        self.tangents = plots.one_d.plot_tangents(self.ax_curve, self.objective.f, self.objective.df,
                                            [start], 0.3)
        self.path, self.start_marker, self.end_marker = plots.one_d.plot_path_1d(
            self.ax_curve, self.objective.f, [start])
        self.off_plot_note = self.ax_curve.text(
            0.5, 0.96, "", transform=self.ax_curve.transAxes, ha="center", va="top",
            fontsize=10, color=plots.COLOURS["end"],
            bbox={"boxstyle": "round", "fc": "white", "ec": plots.COLOURS["end"], "alpha": 0.9})
        # Below the axes: inside, a legend would cover the curve or the path for some function.
        self.fig.legend(*self.ax_curve.get_legend_handles_labels(), loc="outside lower left",
                        ncols=4, fontsize=9, frameon=False)
        self.loss_line = plots.one_d.plot_loss_curve(self.ax_loss, [1.0])
        self.ax_loss.set_title("loss against iteration", fontsize=11)
        self.ax_loss.xaxis.set_major_locator(MaxNLocator(integer=True))
        plots.use_plain_log_labels(self.ax_loss.yaxis)
        self.ax_loss.grid(True, which="major", alpha=0.3)
        self._draw_objective()

    def _draw_objective(self) -> None:
        xs, ys, y_limits, self.reference_loss = curve_picture(self.objective)
        self.curve.set_data(xs, ys)
        self.ax_curve.set_xlim(*self.objective.x_range)
        self.ax_curve.set_ylim(*y_limits)
        self.ax_curve.set_title(f"J(x) = {self.objective.formula}", fontsize=11)

    # -- update -----------------------------------------------------------------
    def update(self) -> None:
        obj = self.objective
        lr = self.controls["lr"].value
        x0 = self.controls["start"].value
        try:
            trajectory = run(obj.f, obj.df, x0, lr=lr, steps=self.controls["steps"].value)
        except ValueError:
            self.set_status(f"J or its slope is not defined at x₀ = {_fmt(x0)}: "
                            "move the start point.", "bad")
            return
        self._draw_path(trajectory.points, trajectory.losses)
        self.set_status(*self._describe(trajectory, lr))
        self.redraw()

    def _draw_path(self, points: np.ndarray, losses: np.ndarray) -> None:
        obj = self.objective
        self.path.set_data(points, losses)
        self.start_marker.set_data(points[:1], losses[:1])
        self.end_marker.set_data(points[-1:], losses[-1:])
        x_span = np.diff(self.ax_curve.get_xlim())[0]
        y_span = np.diff(self.ax_curve.get_ylim())[0]
        segments = plots.one_d.tangent_segments(
            obj.f, obj.df, points[:TANGENTS_SHOWN], 0.06 * x_span,
            aspect=y_span / x_span * SCREEN_ASPECT)
        self.tangents.set_segments(segments[np.all(np.isfinite(segments), axis=(1, 2))])
        self.off_plot_note.set_text(self._off_plot_message(points, losses))
        gap = np.minimum(plots.one_d.loss_gap(
            losses, min(self.reference_loss, float(losses.min()))), MAX_GAP)
        self.loss_line.set_data(np.arange(len(gap)), gap)
        # Limits move in whole steps (budget, decades) so most updates keep the background.
        self.ax_loss.set_xlim(-0.5, self.controls["steps"].value + 0.5)
        low = np.floor(np.log10(gap.min()) / DECADE_STEP) * DECADE_STEP
        high = np.ceil(np.log10(max(gap.max(), 1e-15)) / DECADE_STEP) * DECADE_STEP
        self.ax_loss.set_ylim(10 ** (low - 0.3), 10 ** (max(high, low + DECADE_STEP) + 0.3))

    def moving_artists(self) -> list:
        return [self.tangents, self.path, self.start_marker, self.end_marker, self.off_plot_note,
                self.loss_line]

    def background_key(self) -> tuple:
        return (self.ax_curve.get_xlim(), self.ax_curve.get_ylim(), self.ax_curve.get_title(),
                self.ax_loss.get_xlim(), self.ax_loss.get_ylim())

    def _off_plot_message(self, points: np.ndarray, losses: np.ndarray) -> str:
        low, high = self.ax_curve.get_xlim()
        y_low, y_high = self.ax_curve.get_ylim()
        outside = (points < low) | (points > high) | (losses < y_low) | (losses > y_high)
        if not outside.any():
            return ""
        first = int(np.argmax(outside))
        return f"from step {first} the path leaves the plot (last x = {_fmt(points[-1])})"

    def _describe(self, trajectory, lr: float) -> tuple[str, str]:
        outcome = trajectory.outcome
        x_end = float(trajectory.final)
        if outcome.kind == "diverged":
            return (f"diverged at step {outcome.step}: the steps grew without bound; "
                    f"the last finite points are drawn (x = {_fmt(x_end)})", "bad")
        with np.errstate(all="ignore"):
            factor = abs(1 - lr * float(self.objective.d2f(x_end)))
        local = f" · |1 − η J″(x)| = {factor:.2f} at x = {_fmt(x_end)}"
        if outcome.kind == "converged":
            return (f"{outcome.message} to x = {_fmt(x_end)}, "
                    f"J = {_fmt(float(trajectory.losses[-1]))}{local}", "good")
        if outcome.kind == "oscillating":
            regular = outcome.message.startswith("oscillating")
            return outcome.message + (local if regular else ""), "warn"
        return (f"{outcome.message} at x = {_fmt(x_end)}: "
                "give it more steps or a larger η", "warn")
