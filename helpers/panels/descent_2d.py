"""The live 2-D descent panel of notebook 02.

Pick a function of two variables, the learning rate and the step budget (and,
for the quadratic bowl, its condition number κ and rotation); click anywhere on
the contour plot to start there. The path is drawn on the contours, the loss
against iteration on a log scale beside it, and the status line says what
happened and after how many steps.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plots
from ..descent import trace
from ..objectives import (QUADRATIC_BOWL_NAME, Objective2D, himmelblau, quadratic_bowl,
                          rosenbrock, three_wells)
from ..step_size import stability_limit
from .base import Panel, slider_style

#: A learning rate that shows something sensible on each objective when it is picked.
SUGGESTED_LR = {QUADRATIC_BOWL_NAME: 0.1, rosenbrock().name: 0.001, himmelblau().name: 0.01,
                three_wells().name: 0.3}
BOWL_LEVELS = 0.5 * np.linspace(0.5, 7.0, 14) ** 2     # J values of the drawn ellipses (λ = 1)
DECADE_STEP = 4  # log axes span whole blocks of 4 decades, so most updates keep the background


def decade_limits(values, top: float = 0.0) -> tuple[float, float]:
    """Limits for a log axis holding ``values`` (and reaching at least ``top``), rounded out
    to blocks of DECADE_STEP decades."""
    values = np.asarray(values, dtype=float)
    low = np.floor(np.log10(max(values.min(), 1e-16)) / DECADE_STEP) * DECADE_STEP
    high = np.ceil(np.log10(max(values.max(), top, 1e-15)) / DECADE_STEP) * DECADE_STEP
    return 10 ** (low - 0.3), 10 ** (max(high, low + DECADE_STEP) + 0.3)


def step_axis_end(steps: int, block: int = 50) -> int:
    """The iteration axis ends at the budget rounded up to a block, so dragging the steps
    slider keeps the same axis (and the cached background) most of the time."""
    return int(np.ceil(steps / block) * block)


def _fmt_point(p) -> str:
    return f"({p[0]:.2f}, {p[1]:.2f})"


class Descent2DPanel(Panel):
    """Gradient descent on a function of two variables, live; click to choose the start."""

    #: One saved background per function and loss-axis setting: a switch back to a
    #: function shown before blits instead of rendering the contours again.
    backgrounds_kept = 8
    controls_summary = ("the function menu, the learning-rate, κ, rotation and steps sliders, "
                        "and a click on the contour plot to pick the start")

    def __init__(self, function: str | None = None, lr: float | None = None, steps: int = 200,
                 kappa: float = 10.0, angle: float = 30.0):
        super().__init__(figsize=(9.4, 4.3))
        self.objectives = {obj.name: obj for obj in (quadratic_bowl(1.0, kappa, angle),
                                                     rosenbrock(), himmelblau(), three_wells())}
        name = function or QUADRATIC_BOWL_NAME
        self.objective: Objective2D = self.objectives[name]
        self.start = np.array(self.objective.default_start, dtype=float)
        self._build_controls(lr if lr is not None else SUGGESTED_LR[name], steps, kappa, angle)
        self._build_figure()
        self.controls["function"].observe(self._on_function, names="value")
        for name in ("kappa", "angle"):
            self.controls[name].observe(self._on_bowl_shape, names="value")
        self.click_connection = self.fig.canvas.mpl_connect("button_press_event", self._on_click)
        self._start(handled_elsewhere=("function", "kappa", "angle"))

    # -- controls -------------------------------------------------------------
    def _build_controls(self, lr: float, steps: int, kappa: float, angle: float) -> None:
        style = slider_style()
        self.controls["function"] = widgets.Dropdown(
            options=list(self.objectives), value=self.objective.name, description="function",
            **style)
        self.controls["lr"] = widgets.FloatLogSlider(
            value=lr, base=10, min=-4, max=0, step=0.02, description="learning rate η",
            readout_format=".3g", **style)
        self.controls["kappa"] = widgets.FloatLogSlider(
            value=kappa, base=10, min=0, max=2, step=0.05, description="bowl: κ = λ_max/λ_min",
            readout_format=".3g", **style)
        self.controls["angle"] = widgets.IntSlider(
            value=int(angle), min=0, max=180, step=5, description="bowl: rotation θ (°)",
            **style)
        self.controls["steps"] = widgets.IntSlider(
            value=steps, min=1, max=1000, description="steps", **style)
        self._enable_bowl_controls()

    def _enable_bowl_controls(self) -> None:
        is_bowl = self.objective.name == QUADRATIC_BOWL_NAME
        self.controls["kappa"].disabled = not is_bowl
        self.controls["angle"].disabled = not is_bowl

    def _on_function(self, change) -> None:
        self.objective = self.objectives[change["new"]]
        self.start = np.array(self.objective.default_start, dtype=float)
        self._enable_bowl_controls()
        with self.hold_updates():
            self.controls["lr"].value = SUGGESTED_LR[self.objective.name]
            self._draw_objective()

    def _on_bowl_shape(self, _change) -> None:
        bowl = quadratic_bowl(1.0, self.controls["kappa"].value, self.controls["angle"].value)
        self.objectives[QUADRATIC_BOWL_NAME] = bowl
        if self.objective.name == QUADRATIC_BOWL_NAME:
            self.objective = bowl
            self.level_lines.set_segments([bowl.level_curve(c) for c in BOWL_LEVELS])
            self.update()

    def _on_click(self, event) -> None:
        if event.inaxes is not self.ax_contour or event.xdata is None or event.ydata is None:
            return
        self.set_start(event.xdata, event.ydata)

    def set_start(self, x: float, y: float) -> None:
        """Start the next run at (x, y) (what a click on the contour plot does)."""
        self.start = np.array([float(x), float(y)])
        self.update()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> None:
        grid = self.fig.add_gridspec(1, 2, width_ratios=[1.15, 1])
        self.ax_contour = self.fig.add_subplot(grid[0])
        self.ax_loss = self.fig.add_subplot(grid[1])
        self.background: list = []
        self._saved_contours: dict[str, list] = {}  # function name → its contour artists
        self.level_lines = plots.two_d.plot_level_curves(self.ax_contour, [])
        self.minima_marker = plots.two_d.plot_minima(self.ax_contour, [(0.0, 0.0)])
        self.path = plots.two_d.plot_path_2d(self.ax_contour, [self.start])
        # Outside the axes, so the moving path never draws over it (it stays in the background).
        self.fig.legend(*self.ax_contour.get_legend_handles_labels(), loc="outside lower left",
                        ncols=3, fontsize=8, frameon=False)
        self.loss_line = plots.one_d.plot_loss_curve(self.ax_loss, [1.0])
        plots.use_plain_log_labels(self.ax_loss.yaxis)
        self.ax_loss.set_title("loss against iteration (log scale)", fontsize=11)
        self.ax_loss.grid(True, which="major", alpha=0.3)
        self._draw_objective()

    def _draw_objective(self) -> None:
        """Redraw the contours: only when the function changes (κ and θ move the ellipses)."""
        for artist in self.background:
            artist.remove()
        self.background = []
        obj, ax = self.objective, self.ax_contour
        if obj.name == QUADRATIC_BOWL_NAME:
            self.level_lines.set_segments([obj.level_curve(c) for c in BOWL_LEVELS])
            ax.set_xlim(obj.x_range)
            ax.set_ylim(obj.y_range)
            ax.set_aspect("equal")
        else:
            self.level_lines.set_segments([])
            self.background = self._contours_of(obj)
        minima = np.asarray(obj.minima, dtype=float)
        self.minima_marker.set_data(minima[:, 0], minima[:, 1])
        ax.set_title(f"J = {obj.formula.split(',')[0]}", fontsize=10)
        ax.set_xlabel("x        (click on the plot to start there)")
        with np.errstate(all="ignore"):
            self.lowest = float(min(obj.f(minima)))
            # The loss axis reaches the highest J in the window, so clicks keep its limits.
            self.highest_gap = float(np.nanmax(plots.two_d.grid_values(obj, 41)[2])) - self.lowest

    def _contours_of(self, obj: Objective2D) -> list:
        """The filled contours and level lines of ``obj``: computed on its first visit, kept
        (off the axes) when another function is shown, and put back on a later visit."""
        saved = self._saved_contours.get(obj.name)
        if saved is None:
            saved = self._saved_contours[obj.name] = list(plots.two_d.plot_contours(self.ax_contour, obj))
            return saved
        ax = self.ax_contour
        for artist in saved:
            ax.add_collection(artist, autolim=False)
        # What plot_contours sets besides drawing.
        ax.set_xlim(obj.x_range)
        ax.set_ylim(obj.y_range)
        ax.set_aspect("equal")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        return saved

    # -- update -----------------------------------------------------------------
    def update(self) -> None:
        obj, lr = self.objective, self.controls["lr"].value
        trajectory = trace(obj.f, obj.grad, self.start, lr=lr, steps=self.controls["steps"].value)
        plots.two_d.set_path_2d(self.path, trajectory.points)
        gap = plots.one_d.loss_gap(trajectory.losses, self.lowest)
        self.loss_line.set_data(np.arange(len(gap)), gap)
        self.ax_loss.set_xlim(-0.5, step_axis_end(self.controls["steps"].value) + 0.5)
        # Fixed bottom (the 1e-16 floor) and top (highest J in the window) unless a run
        # diverges: clicks and most slider moves then keep the cached background.
        self.ax_loss.set_ylim(*decade_limits(np.r_[gap, 1e-16], top=self.highest_gap))
        self.set_status(*self._describe(trajectory, lr))
        self.redraw()

    def moving_artists(self) -> list:
        # The bowl's ellipses move with κ and θ; drawn here they need no new background.
        return [self.level_lines, self.loss_line, *self.path]

    def background_key(self) -> tuple:
        return (self.objective.name, self.ax_loss.get_xlim(), self.ax_loss.get_ylim())

    def _describe(self, trajectory, lr: float) -> tuple[str, str]:
        obj, outcome = self.objective, trajectory.outcome
        head = f"start {_fmt_point(self.start)}: "
        limit = ""
        if obj.name == QUADRATIC_BOWL_NAME:
            limit = (f" · κ = {obj.kappa:.3g}, η = {lr:.3g} vs the limit "
                     f"2/λ_max = {stability_limit(obj.lam_max):.3g}")
        end = trajectory.final
        leaves = not (obj.x_range[0] <= end[0] <= obj.x_range[1]
                      and obj.y_range[0] <= end[1] <= obj.y_range[1])
        where = " (outside the plot)" if leaves else ""
        if outcome.kind == "diverged":
            return (head + f"diverged at step {outcome.step}; the last finite points are drawn"
                    + limit, "bad")
        if outcome.kind == "converged":
            return (head + f"{outcome.message} to {_fmt_point(end)}, "
                    f"J = {float(trajectory.losses[-1]):.3g}" + limit, "good")
        if outcome.kind == "oscillating":
            return head + outcome.message + where + limit, "warn"
        return (head + f"{outcome.message} at {_fmt_point(end)}{where}, "
                f"J = {float(trajectory.losses[-1]):.3g}" + limit, "warn")
