"""The first, tiny live panel of notebook 00: one step of gradient descent on J(x) = x².

Two sliders (start x₀ and learning rate η) and one picture: the point, the
tangent whose slope J′(x₀) = 2x₀ decides the step, and where the step lands,
with the arithmetic x₁ = x₀ − η·J′(x₀) written out.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plots
from ..objectives import quadratic
from .base import Panel, slider_style


class FirstStepPanel(Panel):
    """One descent step on the parabola, with the arithmetic shown."""

    controls_summary = "the start and learning-rate sliders"

    def __init__(self, start: float = 2.0, lr: float = 0.2):
        super().__init__(figsize=(7, 3.6))
        self.objective = quadratic(2.0)  # J(x) = x², J'(x) = 2x
        style = slider_style()
        self.controls["start"] = widgets.FloatSlider(
            value=start, min=-2.5, max=2.5, step=0.1, description="start x₀", **style)
        self.controls["lr"] = widgets.FloatSlider(
            value=lr, min=0.0, max=1.2, step=0.05, description="learning rate η", **style)
        self._build_figure()
        self._start()

    def _build_figure(self) -> None:
        self.ax = self.fig.add_subplot()
        plots.one_d.plot_function(self.ax, self.objective)
        self.ax.set_xlim(-3, 3)
        self.ax.set_ylim(-0.8, 9.5)
        self.tangent = plots.one_d.plot_tangents(self.ax, self.objective.f, self.objective.df, [0.0], 1.0)
        (self.before,) = self.ax.plot([], [], "o", color=plots.COLOURS["start"], ms=11,
                                      label="x₀", zorder=4)
        (self.after,) = self.ax.plot([], [], "*", color=plots.COLOURS["end"], ms=15,
                                     label="x₁ after one step", zorder=4)
        self.arrow = self.ax.annotate("", xy=(0, 0), xytext=(0, 0), arrowprops={
            "arrowstyle": "->", "color": plots.COLOURS["path"], "lw": 2})
        self.ax.axhline(0, color="0.8", lw=1, zorder=0)
        self.ax.legend(loc="upper center", fontsize=9, ncols=2)
        self.ax.set_title("one step: x₁ = x₀ − η·J′(x₀) on J(x) = x²", fontsize=11)

    def moving_artists(self) -> list:
        return [self.tangent, self.arrow, self.before, self.after]

    def update(self) -> None:
        x0, lr = self.controls["start"].value, self.controls["lr"].value
        slope = float(self.objective.df(x0))
        x1 = x0 - lr * slope
        f = self.objective.f
        self.before.set_data([x0], [f(x0)])
        self.after.set_data([x1], [f(x1)])
        self.tangent.set_segments(plots.one_d.tangent_segments(f, self.objective.df, [x0], 0.6,
                                                         aspect=10 / 6 * 1.6))
        # Draw the move along the x axis, where the update happens.
        self.arrow.xy, self.arrow.xyann = (x1, -0.4), (x0, -0.4)
        arithmetic = (f"x₁ = {x0:.2f} − {lr:.2f} × {slope:.2f} = {x1:.2f}:  "
                      f"J went from {f(x0):.2f} to {f(x1):.2f}")
        if abs(x1) < abs(x0):
            self.set_status(arithmetic + " (downhill)", "good")
        elif np.isclose(abs(x1), abs(x0)):
            self.set_status(arithmetic + " (same height: the step is too big or zero)", "warn")
        else:
            self.set_status(arithmetic + " (uphill: the step overshot the bottom)", "bad")
        self.redraw()
