"""The live saddle panel of notebook 04: how long descent lingers near a saddle, and why.

Start a distance ε off the saddle's stable line (a log slider, or exactly 0),
pick the learning rate, the gradient-noise level and momentum β, and watch the
path on the contour plot, the loss and gradient norm against iteration with
the plateau shaded, and a status line that says whether descent escaped, and
after how many steps, or is stuck at the saddle.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Patch
from matplotlib.ticker import LogLocator, MaxNLocator, NullLocator

from .. import plots
from ..critical_points import analyse_point
from ..descent import GradientDescent, Momentum, NoisyGradient
from ..objectives import SADDLES_2D, saddle, two_valleys
from ..saddle_escape import (escape_time_formula, momentum_growth_factor, saddle_geometry,
                             saddle_run, window)
from .base import Panel, slider_style

#: Noise levels σ offered by the slider (exactly 0 first).
NOISE_LEVELS = (0.0, 1e-10, 1e-8, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1)

#: Saved blitting backgrounds (one per function and axis-limit setting), so a switch back
#: to a function shown before only blits.
BACKGROUNDS_KEPT = 6

#: Escape distance along the downhill direction: |y| = 1 on x² − y², half-way to a minimum
#: (|x| = 1/2) on the two valleys.
ESCAPE_RADIUS = {saddle().name: 1.0, two_valleys().name: 0.5}


def _coarse_range(values) -> tuple[float, float]:
    """Limits around ``values`` rounded outwards to a step of about a tenth of their span."""
    low, high = float(np.min(values)), float(np.max(values))
    span = high - low or 1.0
    step = 10.0 ** np.floor(np.log10(span)) / 2
    return (float(step * np.floor((low - 0.04 * span) / step)),
            float(step * np.ceil((high + 0.04 * span) / step)))


def _decade_range(values) -> tuple[float, float]:
    """Log-axis limits: the top decade above the largest value, the bottom in steps of 3 decades."""
    if values.size == 0:
        return 1e-3, 10.0
    top = np.ceil(np.log10(values.max()) + 0.3)
    bottom = 3 * np.floor((np.log10(values.min()) - 0.3) / 3)
    return float(10.0 ** bottom), float(10.0 ** max(top, bottom + 1))


#: Lengths the iteration axis snaps to, so it changes rarely while a slider moves.
ITERATION_LIMITS = (50, 100, 150, 200, 300, 500, 750, 1000)


def _iteration_limit(run_length: int, budget: int) -> int:
    """The iteration axis: the first round length past the run (with a tenth to spare), at most the budget."""
    fitting = [n for n in ITERATION_LIMITS if n >= 1.1 * run_length]
    return min(fitting[0] if fitting else budget, budget)


def _noise_label(sigma: float) -> str:
    return "0" if sigma == 0 else f"{sigma:.0e}"


class SaddlePanel(Panel):
    """Gradient descent started near a saddle, live."""

    controls_summary = ("the function menu, the start-offset ε slider with its “exactly 0” box, "
                        "and the learning-rate, noise, momentum, seed and steps sliders")

    def __init__(self, function: str | None = None, eps: float = 1e-6, lr: float = 0.1,
                 noise: float = 0.0, beta: float = 0.0, steps: int = 300):
        # 4.5 in × 100 dpi is exactly 450 px; 4.6 in would give 459.99… → a 459-px canvas that
        # the browser stretches to 460 px, blurring every horizontal line.
        super().__init__(figsize=(9.4, 4.5))  # 940 × 450 px: fits the notebook column
        self.objectives = {obj.name: obj for obj in (saddle(), two_valleys())}
        self.objective = self.objectives[function or saddle().name]
        self._build_controls(eps, lr, noise, beta, steps)
        self._build_figure()
        self.controls["function"].observe(self._on_function, names="value")
        self._start(handled_elsewhere=("function",))
        self._freeze_layout()

    def _freeze_layout(self) -> None:
        """Lay the figure out once, then keep the axes where they are.

        Constrained layout re-measures every tick label on every draw, which is half
        the cost of a redraw here; the figure size never changes, so once is enough.
        """
        name = self.objective.name
        if name in self._layouts:  # the layout solved for this function before: the same again
            for ax, position in zip(self.fig.axes, self._layouts[name]):
                ax.set_position(position, which="both")
                ax.set_in_layout(True)
        else:
            # Lay out for the widest tick labels the right-hand plots can show, so none is cut later.
            self.ax_grad.set_xlim(0, 1000)
            self.ax_grad.set_ylim(1e-99, 10)
            self.fig.set_layout_engine("constrained")
            self.fig.draw_without_rendering()  # lays out (measures the text) without rasterising
            self.fig.set_layout_engine("none")
            self._layouts[name] = [ax.get_position(original=True) for ax in self.fig.axes]
            # Backgrounds of this function saved before now were drawn with another layout.
            self._saved_backgrounds = {key: background for key, background
                                       in self._saved_backgrounds.items() if key[1] != name}
        self._limits = None
        self.update()

    # -- fast redraw ---------------------------------------------------------------
    def _canvas_key(self):
        """What the saved background depends on: pixel size and resolution of the canvas."""
        return self.fig.canvas.get_width_height(physical=True), self.fig.dpi

    def _background_key(self) -> tuple:
        """Canvas, function (contours, title, layout) and axis limits: all a background shows."""
        return self._canvas_key(), self.objective.name, self._limits

    def _moving_artists(self) -> list:
        """What changes when a slider moves, in the order a full redraw draws them (by zorder)."""
        right = [self.loss_band, self.grad_band, self.loss_line, self.grad_line, *self.escape_lines,
                 *self.ax_loss.spines.values(), *self.ax_grad.spines.values(),
                 self.ax_loss.get_legend()]
        # The critical-point markers sit on top of the path, as in a full redraw.
        return right + [self.path, self.start_marker, *self._point_markers, self.end_marker]

    def _capture_background(self):
        """Render everything that does not move (contours, axes, ticks, labels) and return it."""
        moving = self._moving_artists()
        shown = [artist.get_visible() for artist in moving]
        for artist in moving:
            artist.set_visible(False)
        try:
            self.fig.canvas.draw()
            return self.fig.canvas.copy_from_bbox(self.fig.bbox)
        finally:
            for artist, visible in zip(moving, shown):
                artist.set_visible(visible)

    def redraw(self) -> None:
        """Paste the saved background, draw only what moved, and send the new picture.

        Rendering text (tick labels, titles, the eigenvalue labels) is most of the cost of a
        full redraw, and none of it changes while the axis limits stay the same; the limits
        move in coarse steps (see ``_draw_run``), so most slider moves only draw the path and
        the two curves (blitting). Any full redraw (a refresh in the browser, saving the
        figure) still draws everything.
        """
        canvas = self.fig.canvas
        if not hasattr(canvas, "copy_from_bbox"):
            super().redraw()
            return
        key = self._background_key()
        if key not in self._saved_backgrounds:
            if len(self._saved_backgrounds) >= BACKGROUNDS_KEPT:
                self._saved_backgrounds.pop(next(iter(self._saved_backgrounds)))
            self._saved_backgrounds[key] = self._capture_background()
        canvas.restore_region(self._saved_backgrounds[key])
        for artist in self._moving_artists():
            if artist.get_visible():
                self.fig.draw_artist(artist)
        canvas.blit(self.fig.bbox)

    # -- controls -------------------------------------------------------------
    def _build_controls(self, eps, lr, noise, beta, steps) -> None:
        style = slider_style()
        self.controls["function"] = widgets.Dropdown(
            options=list(self.objectives), value=self.objective.name, description="function",
            **style)
        self.controls["eps"] = widgets.FloatLogSlider(
            value=max(eps, 1e-12), base=10, min=-12, max=-1, step=0.5,
            description="start offset ε", readout_format=".0e", **style)
        self.controls["exactly_zero"] = widgets.Checkbox(
            value=eps == 0, description="ε = 0 exactly (start on the stable line)",
            indent=False, layout=widgets.Layout(width="420px"))
        self.controls["lr"] = widgets.FloatLogSlider(
            value=lr, base=10, min=-2, max=0.2, step=0.01, description="learning rate η",
            readout_format=".3g", **style)
        self.controls["noise"] = widgets.SelectionSlider(
            options=[(_noise_label(s), s) for s in NOISE_LEVELS], value=noise,
            description="gradient noise σ", **style)
        self.controls["beta"] = widgets.FloatSlider(
            value=beta, min=0.0, max=0.95, step=0.05, description="momentum β",
            readout_format=".2f", **style)
        self.controls["seed"] = widgets.IntSlider(
            value=0, min=0, max=20, description="noise seed", **style)
        self.controls["steps"] = widgets.IntSlider(
            value=steps, min=20, max=1000, step=10, description="steps", **style)

    def _on_function(self, change) -> None:
        self.objective = self.objectives[change["new"]]
        self._draw_objective()
        self._freeze_layout()   # the new window has another shape: lay out again (once)

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> None:
        grid = self.fig.add_gridspec(2, 2, width_ratios=[1.05, 1])
        self.ax_map = self.fig.add_subplot(grid[:, 0])
        self.ax_loss = self.fig.add_subplot(grid[0, 1])
        self.ax_grad = self.fig.add_subplot(grid[1, 1], sharex=self.ax_loss)
        self._map_static: list = []
        self._saved_backgrounds: dict = {}  # background key → saved pixels, oldest first
        self._layouts: dict = {}  # function name → axes positions from the constrained layout
        self._limits = None
        self.path, self.start_marker = plots.saddle.plot_path_2d(self.ax_map, [[0.0, 0.0]])
        (self.end_marker,) = self.ax_map.plot([], [], "*", color=plots.COLOURS["end"], ms=14,
                                              zorder=8)  # above the eigenvalue labels
        self.loss_line, self.loss_band = plots.saddle.plot_loss_with_plateau(
            self.ax_loss, [0.0], None)
        self.grad_line, self.grad_band = plots.saddle.plot_grad_norms(self.ax_grad, [1.0], None)
        self.escape_lines = [ax.axvline(0, color=plots.COLOURS["path"], lw=1.2, ls="--",
                                        label="escape") for ax in (self.ax_loss, self.ax_grad)]
        self.ax_loss.set_xlabel("")
        self.ax_loss.tick_params(labelbottom=False)
        self.ax_loss.set_title("loss and gradient norm against iteration", fontsize=11)
        for ax in (self.ax_loss, self.ax_grad):
            ax.grid(True, alpha=0.3)
        # Few tick labels: drawing text is most of the cost of a redraw.
        self.ax_grad.xaxis.set_major_locator(MaxNLocator(6, integer=True))
        self.ax_loss.yaxis.set_major_locator(MaxNLocator(4))
        self.ax_grad.yaxis.set_major_locator(LogLocator(numticks=5))
        self.ax_grad.yaxis.set_minor_locator(NullLocator())
        plateau_key = Patch(color=plots.saddle.SADDLE_COLOURS["plateau"], alpha=0.45, label="plateau")
        self.ax_loss.legend(handles=[plateau_key, self.escape_lines[0]], loc="lower left",
                            fontsize=8, framealpha=0.9)
        self._draw_objective()

    def _draw_objective(self) -> None:
        """Contours, the saddle, its eigen-directions and the escape lines (on a menu change only)."""
        for artist in self._map_static:
            artist.remove()
        obj, ax = self.objective, self.ax_map
        saddle_point = SADDLES_2D[obj.name][0]
        self.geometry = saddle_geometry(obj, saddle_point)
        # Paths are cut where they leave the widened window, so J never drops below this.
        (x0, x1), (y0, y1) = window(obj)
        corners = np.array(np.meshgrid(np.linspace(x0, x1, 81), np.linspace(y0, y1, 81))).T
        self._lowest_loss = float(np.min(obj.f(corners)))
        info = analyse_point(obj, saddle_point)
        filled, lines = plots.saddle.plot_contours(ax, obj, n=160)
        artists = [filled, lines]
        artists += plots.saddle.plot_eigen_directions(ax, info.point, info.eigenvalues,
                                                      info.eigenvectors, length=0.8)
        points = [info.point] + [np.array(m) for m in obj.minima]
        self._point_markers = plots.saddle.mark_critical_points(
            ax, points, [info.kind] + ["minimum"] * len(obj.minima))
        artists += self._point_markers
        radius = ESCAPE_RADIUS[obj.name]
        u, s = self.geometry.unstable, self.geometry.saddle
        for side in (1, -1):
            centre = s + side * radius * u
            ends = np.array([centre - 3 * self.geometry.stable, centre + 3 * self.geometry.stable])
            artists += ax.plot(ends[:, 0], ends[:, 1], ":", color=plots.saddle.SADDLE_COLOURS["downhill"],
                               lw=1.2, zorder=3)
        artists.append(ax.text(0.02, 0.02, f"dotted: escape at distance {radius:g}",
                               transform=ax.transAxes, fontsize=8, color="0.25",
                               bbox={"fc": "white", "ec": "none", "alpha": 0.8}))
        ax.set_xlim(obj.x_range)
        ax.set_ylim(obj.y_range)
        ax.set_title(f"J = {obj.formula}", fontsize=11)
        self._map_static = artists

    # -- update -----------------------------------------------------------------
    def eps(self) -> float:
        """The start offset the controls ask for (0 when the box is ticked)."""
        return 0.0 if self.controls["exactly_zero"].value else float(self.controls["eps"].value)

    def rule(self):
        """The step rule the controls ask for: momentum if β > 0, else (noisy) gradient descent."""
        c = self.controls
        lr, sigma, beta = c["lr"].value, c["noise"].value, c["beta"].value
        rule = Momentum(lr, beta) if beta > 0 else GradientDescent(lr)
        return NoisyGradient(rule, sigma, c["seed"].value) if sigma > 0 else rule

    def update(self) -> None:
        self.controls["eps"].disabled = self.controls["exactly_zero"].value
        self.controls["seed"].disabled = self.controls["noise"].value == 0
        result = saddle_run(self.objective, self.geometry, self.eps(), self.rule(),
                            steps=self.controls["steps"].value,
                            radius=ESCAPE_RADIUS[self.objective.name])
        self.result = result
        self._draw_run(result)
        self.set_status(*self._describe(result))
        self.redraw()

    def _draw_run(self, result) -> None:
        pts = result.points
        self.path.set_data(pts[:, 0], pts[:, 1])
        self.start_marker.set_data(pts[:1, 0], pts[:1, 1])
        self.end_marker.set_data(pts[-1:, 0], pts[-1:, 1])
        k = np.arange(len(pts))
        self.loss_line.set_data(k, result.losses)
        g = np.where(result.grad_norms > 0, result.grad_norms, np.nan)
        self.grad_line.set_data(k, g)
        for band in (self.loss_band, self.grad_band):
            plots.saddle.set_plateau(band, result.plateau)
        for line in self.escape_lines:
            line.set_xdata([result.escape_step or 0] * 2)
            line.set_visible(result.escape_step is not None)
        # The axes change in coarse steps only (each change costs a full render): the iteration
        # axis spans the run (to the next of a few round lengths, at most the step budget), the
        # loss axis the window's lowest J up to the start's J.
        losses = [self._lowest_loss, float(np.max(result.losses))]
        limits = (_iteration_limit(len(pts), self.controls["steps"].value), _coarse_range(losses),
                  _decade_range(g[np.isfinite(g)]))
        if limits != self._limits:
            # New limits change ticks and labels: another saved background (rendered if new).
            self._limits = limits
            self.ax_loss.set_xlim(0, limits[0])
            self.ax_loss.set_ylim(*limits[1])
            self.ax_grad.set_ylim(*limits[2])

    def _describe(self, result) -> tuple[str, str]:
        level = {"escaped": "good", "stuck": "warn", "plateau": "warn", "diverged": "bad"}[result.kind]
        text = result.message
        prediction = self._prediction()
        if result.kind == "escaped" and prediction is not None:
            text += f" · linear theory ln(R/ε)/ln(growth) = {prediction:.1f}"
        return text, level

    def _prediction(self) -> float | None:
        """Steps to escape predicted from the Hessian alone (no noise; with or without momentum)."""
        eps, c = self.eps(), self.controls
        if eps == 0 or c["noise"].value > 0:
            return None
        lam = self.geometry.unstable_curvature
        lr, beta = c["lr"].value, c["beta"].value
        growth = float(momentum_growth_factor(lr, beta, lam))
        # ln(R/ε)/ln(growth): the plain-GD formula with the growth factor swapped in.
        return float(escape_time_formula(eps, (growth - 1) / abs(lam), lam,
                                         ESCAPE_RADIUS[self.objective.name]))

