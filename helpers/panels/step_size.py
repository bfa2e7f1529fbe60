"""The live panels of notebook 03: the step-size regimes in 1-D, and η against 2/λ_max in 2-D.

``RegimePanel``: on J(x) = a x²/2 move η and the curvature a; see the path on
the parabola, x_k against k, and where η sits against 1/a and 2/a on the curve
of the factor |1 − ηa|, with the regime named.

``ValleyPanel``: on a long, rotated valley ½ xᵀAx move κ, η and the momentum β;
the slow and fast eigen-directions are drawn, and the distance to the minimum
along each is plotted against k, so you see which direction zig-zags, which
crawls, and which blows up once η passes 2/λ_max.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plots
from ..descent import trace
from ..objectives import quadratic_bowl
from ..step_size import heavy_ball_rate, iterates_1d, regime_1d, stability_limit
from .base import Panel, slider_style
from .descent_2d import decade_limits, step_axis_end

#: The shaded regimes of the factor plot, named in a legend below the axes (never over the curve).
REGIME_BANDS = (("monotone", "#90be6d", "monotone (η < 1/a)"),
                ("oscillating", "#ffb703", "oscillating, converging"),
                ("diverging", "#f28482", "diverging (η > 2/a)"))
LR_MAX_1D = 2.5
X0_1D = 2.0
BOWL_LEVELS = 0.5 * np.linspace(0.5, 7.0, 14) ** 2


def _fmt(value: float) -> str:
    return f"{value:.3g}"


class RegimePanel(Panel):
    """Gradient descent on a x²/2: the four regimes of η, live."""

    controls_summary = "the learning-rate, curvature and steps sliders"

    def __init__(self, lr: float = 0.3, a: float = 2.0, steps: int = 12):
        super().__init__(figsize=(9.4, 3.8))
        style = slider_style()
        self.controls["lr"] = widgets.FloatSlider(
            value=lr, min=0.01, max=LR_MAX_1D, step=0.01, description="learning rate η",
            readout_format=".2f", **style)
        self.controls["a"] = widgets.FloatSlider(
            value=a, min=1.0, max=4.0, step=0.5, description="curvature a", readout_format=".1f",
            **style)
        self.controls["steps"] = widgets.IntSlider(
            value=steps, min=1, max=30, description="steps", **style)
        self._build_figure()
        self._start()

    def _build_figure(self) -> None:
        ax_curve, ax_xk, ax_factor = self.fig.subplots(1, 3, width_ratios=[1.1, 1, 1.25])
        self.ax_curve, self.ax_xk, self.ax_factor = ax_curve, ax_xk, ax_factor
        xs = np.linspace(-3, 3, 200)
        (self.parabola,) = ax_curve.plot(xs, xs * xs, color=plots.COLOURS["curve"], lw=2)
        (self.path_curve,) = ax_curve.plot([X0_1D], [1.0], "o-", color=plots.COLOURS["path"],
                                           ms=4, lw=1)
        ax_curve.set_xlim(-3, 3)
        ax_curve.set_ylim(-0.3, 10)
        ax_curve.set_xlabel("x")
        ax_curve.set_ylabel("J(x) = a x²/2")
        ax_curve.set_title("the path on the parabola", fontsize=10)
        (self.xk_line,) = ax_xk.plot([0], [X0_1D], "o-", color=plots.COLOURS["path"], ms=4)
        ax_xk.axhline(0, color="0.5", lw=0.8)
        ax_xk.set_ylim(-3.2, 3.2)
        ax_xk.set_xlabel("iteration k")
        ax_xk.set_ylabel("x_k")
        ax_xk.set_title("x_k = (1 − ηa)^k x₀", fontsize=10)
        self._build_factor_axes(ax_factor)

    def _build_factor_axes(self, ax) -> None:
        etas = np.linspace(0, LR_MAX_1D, 400)
        (self.factor_curve,) = ax.plot(etas, etas, color=plots.COLOURS["curve"], lw=2)
        ax.axhline(1.0, color="0.4", ls=":", lw=1)
        self.bands = {kind: plots.vertical_band(ax, 0, 1, color=colour, alpha=0.18, lw=0,
                                                label=label)
                      for kind, colour, label in REGIME_BANDS}
        self.one_over_a = ax.axvline(0.5, color="0.3", ls="--", lw=1, label="η = 1/a: one step")
        self.two_over_a = ax.axvline(1.0, color=plots.two_d.COLOURS_2D["cliff"], ls="--", lw=1.5,
                                     label="η = 2/a: bouncing")
        # "1/a" at the top (the V's tip is at the bottom there), "2/a" at the bottom (the curve
        # is at 1 or above right of 2/a): neither ever touches the curve or the other.
        self.boundary_labels = [ax.text(0, y, f" {text}", ha="left", va=va, fontsize=9,
                                        transform=ax.get_xaxis_transform())
                                for text, y, va in (("1/a", 0.97, "top"), ("2/a", 0.03, "bottom"))]
        (self.factor_marker,) = ax.plot([0.3], [0.4], "o", color=plots.COLOURS["path"], ms=10,
                                        zorder=5)
        ax.set_xlim(0, LR_MAX_1D)
        ax.set_ylim(0, 2.8)
        ax.set_xlabel("learning rate η")
        ax.set_ylabel("|1 − ηa|\n(shrink factor per step)")  # two lines: fits large fonts too
        ax.set_title("where η sits", fontsize=10)
        # The regimes are named below the axes, so no label sits on the curve or the marker.
        self.fig.legend(*ax.get_legend_handles_labels(), loc="outside lower right", ncols=5,
                        fontsize=9, frameon=False, handlelength=1.6, columnspacing=1.2)

    def update(self) -> None:
        lr, a, steps = (self.controls[n].value for n in ("lr", "a", "steps"))
        regime = regime_1d(lr, a)
        xs = iterates_1d(X0_1D, lr, a, steps)
        shown = np.clip(xs, -1e6, 1e6)
        self.parabola.set_ydata(0.5 * a * self.parabola.get_xdata() ** 2)
        self.path_curve.set_data(shown, 0.5 * a * shown ** 2)
        self.xk_line.set_data(np.arange(len(xs)), shown)
        self.ax_xk.set_xlim(-0.5, step_axis_end(steps, 10) + 0.5)
        self._draw_factor(lr, a, regime.factor)
        off = np.abs(xs) > 3
        note = (f" · from step {int(np.argmax(off))} x leaves the plot (x_{steps} = {xs[-1]:.3g})"
                if off.any() else "")
        level = {"monotone": "good", "one step": "good", "oscillating": "warn",
                 "bouncing": "warn", "diverging": "bad"}[regime.kind]
        self.set_status(f"η = {lr:.2f}, 1/a = {1 / a:.3g}, 2/a = {2 / a:.3g}, "
                        f"|1 − ηa| = {abs(regime.factor):.3g} → {regime.message}{note}", level)
        self.redraw()

    def _draw_factor(self, lr: float, a: float, factor: float) -> None:
        etas = self.factor_curve.get_xdata()
        self.factor_curve.set_ydata(np.abs(1 - etas * a))
        edges = {"monotone": (0, 1 / a), "oscillating": (1 / a, 2 / a),
                 "diverging": (2 / a, LR_MAX_1D)}
        for kind, (low, high) in edges.items():
            self.bands[kind].set_x(low)
            self.bands[kind].set_width(max(high - low, 0))
        self.one_over_a.set_xdata([1 / a, 1 / a])
        self.two_over_a.set_xdata([2 / a, 2 / a])
        for label, x in zip(self.boundary_labels, (1 / a, 2 / a)):
            label.set_x(x)
        self.factor_marker.set_data([lr], [min(abs(factor), 2.75)])

    def moving_artists(self) -> list:
        # Everything that follows the curvature a is cheap to draw, so it moves too.
        return [*self.bands.values(), self.parabola, self.path_curve, self.xk_line,
                self.factor_curve, self.one_over_a, self.two_over_a, *self.boundary_labels,
                self.factor_marker]

    def background_key(self) -> tuple:
        return (self.ax_xk.get_xlim(),)


class ValleyPanel(Panel):
    """A long rotated valley: η against 2/λ_max, the slow and fast directions, and momentum β."""

    controls_summary = "the κ, rotation, learning-rate, momentum β and steps sliders"

    def __init__(self, kappa: float = 20.0, angle: float = 30.0, lr: float = 0.09,
                 beta: float = 0.0, steps: int = 80):
        super().__init__(figsize=(9.4, 4.2))
        style = slider_style()
        self.controls["kappa"] = widgets.FloatLogSlider(
            value=kappa, base=10, min=0, max=2, step=0.05, description="κ = λ_max/λ_min",
            readout_format=".3g", **style)
        self.controls["angle"] = widgets.IntSlider(
            value=int(angle), min=0, max=180, step=5, description="rotation θ (°)", **style)
        self.controls["lr"] = widgets.FloatLogSlider(
            value=lr, base=10, min=-3, max=0, step=0.01, description="learning rate η",
            readout_format=".3g", **style)
        self.controls["beta"] = widgets.FloatSlider(
            value=beta, min=0.0, max=0.95, step=0.05, description="momentum β",
            readout_format=".2f", **style)
        self.controls["steps"] = widgets.IntSlider(
            value=steps, min=1, max=300, description="steps", **style)
        self.bowl = quadratic_bowl(1.0, kappa, angle)
        self._build_figure()
        self._start()

    def _build_figure(self) -> None:
        ax, ax_parts = self.fig.subplots(1, 2, width_ratios=[1.05, 1])
        self.ax_contour, self.ax_parts = ax, ax_parts
        self.level_lines = plots.two_d.plot_level_curves(ax, [self.bowl.level_curve(c)
                                                           for c in BOWL_LEVELS])
        self.directions = plots.two_d.plot_eigen_directions(ax, self.bowl)
        self.path = plots.two_d.plot_path_2d(ax, [self.bowl.default_start])
        ax.plot([], [], color=plots.two_d.COLOURS_2D["slow"], lw=2.5, label="slow direction (λ_min)")
        ax.plot([], [], color=plots.two_d.COLOURS_2D["fast"], lw=2.5, label="fast direction (λ_max)")
        # Legends sit outside the axes, so moving lines never draw over them.
        self.fig.legend(*ax.get_legend_handles_labels(), loc="outside lower left", ncols=4,
                        fontsize=8, frameon=False)
        ax.set_title("a long valley ½ xᵀAx, from a fixed start", fontsize=10)
        self.eta_note = ax.text(0.02, 0.98, "", transform=ax.transAxes, ha="left", va="top",
                                fontsize=9, bbox={"boxstyle": "round", "fc": "white", "alpha": 0.9})
        ax.set_xlim(self.bowl.x_range)
        ax.set_ylim(self.bowl.y_range)
        ax.set_aspect("equal")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        (self.slow_line,) = ax_parts.semilogy([0], [1], color=plots.two_d.COLOURS_2D["slow"], lw=2,
                                              marker=".", label="|along slow direction|")
        (self.fast_line,) = ax_parts.semilogy([0], [1], color=plots.two_d.COLOURS_2D["fast"], lw=2,
                                              marker=".", label="|along fast direction|")
        plots.use_plain_log_labels(ax_parts.yaxis)
        ax_parts.set_xlabel("iteration k")
        ax_parts.set_ylabel("distance to the minimum")
        ax_parts.set_title("the error along each eigen-direction", fontsize=10)
        ax_parts.grid(True, which="major", alpha=0.3)
        self.fig.legend(*ax_parts.get_legend_handles_labels(), loc="outside lower right", ncols=2,
                        fontsize=8, frameon=False)

    def update(self) -> None:
        kappa, angle, lr, beta, steps = (self.controls[n].value
                                         for n in ("kappa", "angle", "lr", "beta", "steps"))
        if (kappa, angle) != (self.bowl.kappa, self.bowl.angle):
            self.bowl = quadratic_bowl(1.0, kappa, angle)
            self.level_lines.set_segments([self.bowl.level_curve(c) for c in BOWL_LEVELS])
            plots.two_d.set_eigen_directions(self.directions, self.bowl)
        bowl = self.bowl
        trajectory = trace(bowl.f, bowl.grad, bowl.default_start, lr=lr, beta=beta, steps=steps,
                           tol=1e-10)
        points = trajectory.points
        plots.two_d.set_path_2d(self.path, points)
        ks = np.arange(len(points))
        slow = np.maximum(np.abs(points @ bowl.slow_direction), 1e-16)
        fast = np.maximum(np.abs(points @ bowl.fast_direction), 1e-16)
        self.slow_line.set_data(ks, slow)
        self.fast_line.set_data(ks, fast)
        self.ax_parts.set_xlim(-0.5, step_axis_end(steps) + 0.5)
        self.ax_parts.set_ylim(*decade_limits(np.concatenate([slow, fast, [1e-16]])))
        self.eta_note.set_text(f"η = {lr:.3g} = {lr * bowl.lam_max / 2:.2f} × 2/λ_max"
                               + (f",  β = {beta:.2f}" if beta else ""))
        self.set_status(*self._describe(trajectory, lr, beta))
        self.redraw()

    def moving_artists(self) -> list:
        return [self.level_lines, *self.directions, *self.path, self.slow_line, self.fast_line,
                self.eta_note]

    def background_key(self) -> tuple:
        return (self.ax_parts.get_xlim(), self.ax_parts.get_ylim())

    def _describe(self, trajectory, lr: float, beta: float) -> tuple[str, str]:
        bowl, outcome = self.bowl, trajectory.outcome
        slow_rate, fast_rate = heavy_ball_rate(lr, beta, [bowl.lam_min, bowl.lam_max])
        limit = stability_limit(bowl.lam_max) * (1 + beta)
        cliff = "2/λ_max" if beta == 0 else "2(1 + β)/λ_max"
        rates = f"per step: slow ×{slow_rate:.3g}, fast ×{fast_rate:.3g}"
        if np.isclose(max(slow_rate, fast_rate), 1.0, rtol=1e-9, atol=0):
            return (f"bouncing forever: η = {lr:.3g} is exactly {cliff}, so the fast direction "
                    "flips sign without shrinking", "warn")
        if fast_rate >= 1 or slow_rate >= 1:
            what = "diverged" if outcome.kind == "diverged" else "diverges"
            when = f" at step {outcome.step}" if outcome.kind == "diverged" else ""
            return (f"{what}{when}: η = {lr:.3g} is above {cliff} = {limit:.3g}, "
                    f"so the fast direction grows ×{fast_rate:.3g} per step", "bad")
        slower = "slow" if slow_rate >= fast_rate else "fast"
        pace = f"the {slower} direction sets the pace ({rates})"
        if np.isclose(slow_rate, fast_rate, rtol=1e-3):
            pace = f"both directions shrink alike ({rates})"
        if outcome.kind == "converged":
            return f"converged after {outcome.step} steps: η is below {cliff} = {limit:.3g}; {pace}", "good"
        return (f"still moving after {outcome.step} steps: η is below {cliff} = {limit:.3g}; "
                f"{pace}", "warn")
