"""Notebook 07's live panel: optimisers racing on one landscape, step by step.

Controls: the landscape (a long valley with its condition number κ, Rosenbrock, two valleys
with a saddle between them), gradient noise on or off, which optimisers run, and the
settings (η, β, β₂, ε) of the one chosen under "tune". A ``widgets.Play`` beat advances the
current step; "step" adds one, "reset" goes back to 0. The whole race (300 steps) is
computed when a setting changes, and only for the optimisers whose setting changed (all of
them in one vectorised run, see :func:`helpers.optimisers.race`); a beat only reveals more of
it. "explain this update" draws the tuned optimiser's gradient, carried-over velocity and step
at the current step.

Speed: races are kept per optimiser and setting (the last few of each), so returning to a
setting is instant; each landscape's contours and layout are made once; the valley's ellipses
are kept per κ. Redraws blit in layers (see :meth:`OptimiserRacePanel.redraw`): the tuned
optimiser is drawn above the others, so a change of its η, β, β₂ or ε redraws only its own path,
head, loss curve and arrows over a saved picture of everything else.
"""
from __future__ import annotations

from collections import OrderedDict
from itertools import count

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection

from .. import optimisers as op
from .. import plots
from ..objectives import quadratic_bowl, rosenbrock, two_valleys
from ..plots.optimisers import colour_of
from .base import Panel, slider_style

STEPS = 300
LANDSCAPES = ("long valley", "Rosenbrock", "two valleys (saddle)")
RACERS = ("gradient descent", "momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam")
#: Gradient noise σ of the noisy variant of each landscape.
NOISE = {"long valley": 0.5, "Rosenbrock": 5.0, "two valleys (saddle)": 0.2}
#: Starting learning rates that work on each landscape.
DEFAULT_LR = {
    "long valley": {"gradient descent": 1.0, "momentum": 0.5, "Nesterov": 0.5, "AdaGrad": 1.0,
                    "RMSProp": 0.1, "Adam": 0.3},
    "Rosenbrock": {"gradient descent": 1e-3, "momentum": 2e-4, "Nesterov": 2e-4, "AdaGrad": 0.3,
                   "RMSProp": 0.01, "Adam": 0.05},
    "two valleys (saddle)": {"gradient descent": 0.3, "momentum": 0.1, "Nesterov": 0.1,
                             "AdaGrad": 0.3, "RMSProp": 0.03, "Adam": 0.05},
}
VALLEY_LEVELS = (0.02, 0.1, 0.3, 0.7, 1.3, 2.2, 3.5, 5.5, 8.0, 11.0)
ARROW_COLOURS = ("#343a40",)  # the gradient; velocity and step take the optimiser's colour
#: Races kept per optimiser (one per setting and landscape), newest last.
RACES_KEPT = 24
#: Pictures kept for layered blitting (one per set of unchanged artists).
LAYERS_KEPT = 4
#: z-orders of a racer's path and head, and of its loss curve; the tuned racer goes above all.
Z_PATH, Z_HEAD, Z_LOSS = 4.0, 6.0, 2.0
Z_TUNED = {"path": 6.2, "head": 6.4, "loss": 2.5}


def landscape(name: str, kappa: float):
    """The objective of a landscape name (the valley ½xᵀAx has λ = 1/κ and 1)."""
    if name == "long valley":
        return quadratic_bowl(1.0 / kappa, 1.0, 30.0, half_width=5.0)
    if name == "Rosenbrock":
        return rosenbrock()
    if name == "two valleys (saddle)":
        return two_valleys()
    raise ValueError(f"unknown landscape {name!r}")


START = {"long valley": None, "Rosenbrock": (-1.5, 2.0), "two valleys (saddle)": (0.02, 1.1)}


def default_settings(name: str) -> dict:
    """η for ``name`` on every landscape, β = 0.9, β₂ = 0.999 (0.9 for RMSProp), ε = 1e-8."""
    return {"lr": 0.1, "beta": 0.9, "beta2": 0.9 if name == "RMSProp" else 0.999, "eps": 1e-8}


class OptimiserRacePanel(Panel):
    """Optimisers racing on a landscape; play / pause / step / reset; explain one update."""

    controls_summary = ("the landscape, κ, noise and optimiser choices, each optimiser's η, β, "
                        "β₂ and ε, and the play / step / reset buttons")
    backgrounds_kept = 6

    def __init__(self, racers=("gradient descent", "momentum", "Nesterov", "RMSProp", "Adam"),
                 step: int = 0):
        """``racers``: the optimisers ticked at first; ``step``: the step shown at first."""
        super().__init__(figsize=(9.4, 4.4))
        self.settings = {name: default_settings(name) for name in RACERS}
        self._cache: dict[str, OrderedDict] = {name: OrderedDict() for name in RACERS}
        self._serials = count()
        self._objectives: dict[tuple, object] = {}
        self._valley_curves: dict[float, list] = {}
        self._contour_sets: dict[str, list] = {}
        self._layouts: dict[tuple, list] = {}
        self._signatures: dict[int, tuple] = {}
        self._drawn: tuple = ()
        self._layers: OrderedDict = OrderedDict()
        self._build_controls(racers)
        self.controls["step"].value = int(np.clip(step, 0, STEPS))
        self._build_figure()
        self._apply_landscape_defaults()
        self._fill_tuning()
        for name in ("lr", "beta", "beta2", "eps"):
            self.controls[name].observe(self._on_setting, names="value")
        self.controls["tune"].observe(self._on_tune, names="value")
        self.controls["landscape"].observe(self._on_landscape, names="value")
        self.step_button.on_click(lambda _b: self.step())
        self.reset_button.on_click(lambda _b: self.reset())
        self._start(handled_elsewhere=("lr", "beta", "beta2", "eps", "tune", "landscape"))

    # -- controls -------------------------------------------------------------
    def _build_controls(self, racers) -> None:
        style = slider_style()
        c = self.controls
        c["landscape"] = widgets.Dropdown(options=LANDSCAPES, value="long valley",
                                          description="landscape", **style)
        c["kappa"] = widgets.FloatLogSlider(value=25, base=10, min=0, max=3, step=0.05,
                                            description="valley κ", readout_format=".3g", **style)
        c["noise"] = widgets.Checkbox(value=False, description="noisy gradients",
                                      indent=False)
        c["racers"] = widgets.SelectMultiple(options=RACERS, value=tuple(racers), rows=6,
                                             description="optimisers", **style)
        c["tune"] = widgets.Dropdown(options=RACERS, value="Adam", description="tune", **style)
        c["lr"] = widgets.FloatLogSlider(value=0.1, base=10, min=-5, max=1, step=0.05,
                                         description="learning rate η", readout_format=".3g", **style)
        c["beta"] = widgets.FloatSlider(value=0.9, min=0.0, max=0.99, step=0.01,
                                        description="β (momentum, Adam's β₁)", **style)
        c["beta2"] = widgets.FloatSlider(value=0.999, min=0.5, max=0.999, step=0.001,
                                         readout_format=".3f", description="β₂ (RMSProp, Adam)", **style)
        c["eps"] = widgets.FloatLogSlider(value=1e-8, base=10, min=-8, max=0, step=0.5,
                                          description="ε (AdaGrad, RMSProp, Adam)",
                                          readout_format=".0e", **style)
        c["explain"] = widgets.Checkbox(value=True, description="explain this update", indent=False)
        # The Play widget's timer lives in the browser: each beat increments its value.
        c["step"] = widgets.Play(value=0, min=0, max=STEPS, step=1, interval=120,
                                 description="race", show_repeat=False)
        self.step_button = widgets.Button(description="step", layout=widgets.Layout(width="70px"))
        self.reset_button = widgets.Button(description="reset", layout=widgets.Layout(width="70px"))
        self.explanation = widgets.HTML()
        self.explanation_text = ""

    def control_box(self):
        """The controls with the play row labelled in words and the explanation line."""
        box = super().control_box()
        play = self.controls["step"]
        row = widgets.HBox([widgets.Label("race:"), play, self.step_button, self.reset_button,
                            widgets.Label("▶ play · ❚❚ pause · ■ stop")])
        children = [row if child is play else child for child in box.children]
        box.children = tuple(children) + (self.explanation,)
        return box

    def step(self) -> None:
        """One step further (the "step" button)."""
        play = self.controls["step"]
        play.value = min(play.value + 1, STEPS)

    def reset(self) -> None:
        """Back to step 0, paused (the "reset" button)."""
        play = self.controls["step"]
        play.playing = False
        play.value = 0

    def _fill_tuning(self) -> None:
        """Show the tuned optimiser's settings on the sliders (one update afterwards)."""
        name, c = self.controls["tune"].value, self.controls
        self._paused = True
        try:
            for key in ("lr", "beta", "beta2", "eps"):
                c[key].value = self.settings[name][key]
            takes = op.OPTIMISERS[name][1]
            c["beta"].disabled = not ("beta" in takes or "beta1" in takes)
            c["beta2"].disabled = "beta2" not in takes
            c["eps"].disabled = "eps" not in takes
        finally:
            self._paused = False

    def _apply_landscape_defaults(self) -> None:
        for name in RACERS:
            self.settings[name]["lr"] = DEFAULT_LR[self.controls["landscape"].value][name]
        self.controls["kappa"].disabled = self.controls["landscape"].value != "long valley"

    def _on_setting(self, _change) -> None:
        if self._paused:
            return
        name = self.controls["tune"].value
        for key in ("lr", "beta", "beta2", "eps"):
            self.settings[name][key] = self.controls[key].value
        self.update()

    def _on_tune(self, _change) -> None:
        self._fill_tuning()
        self.update()

    def _on_landscape(self, _change) -> None:
        self._apply_landscape_defaults()
        self._fill_tuning()
        self._draw_landscape()
        self._paused = True  # no redraw yet: the layout may change first
        try:
            self.update()
        finally:
            self._paused = False
        self._fit_layout_once()
        self.redraw()

    def _fit_layout_once(self) -> None:
        """New tick labels need a new layout; each landscape's is computed once and kept."""
        key = (self.controls["landscape"].value, self.ax_loss.get_ylim())
        axes = (self.ax_map, self.ax_loss)
        if key in self._layouts:
            for ax, (original, active) in zip(axes, self._layouts[key]):
                ax._set_position(original, which="original")
                ax._set_position(active, which="active")
            return
        self.fit_layout()
        self._layouts[key] = [(ax.get_position(original=True).frozen(),
                               ax.get_position(original=False).frozen()) for ax in axes]

    def fit_layout(self) -> None:
        super().fit_layout()
        self._layers.clear()

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> None:
        grid = self.fig.add_gridspec(1, 2, width_ratios=[1.1, 1])
        self.ax_map = self.fig.add_subplot(grid[0])
        self.ax_loss = self.fig.add_subplot(grid[1])
        self.contours: list = []
        self.valley_lines = LineCollection([], colors=plots.COLOURS["curve"], linewidths=0.8,
                                           alpha=0.7)
        self.ax_map.add_collection(self.valley_lines)
        self.minima_marker = plots.two_d.plot_minima(self.ax_map, [(0.0, 0.0)], label="_minimum")
        self.paths, self.heads, self.loss_lines = {}, {}, {}
        for name in RACERS:
            colour = colour_of(name)
            (self.paths[name],) = self.ax_map.plot([], [], "-", color=colour, lw=1.4,
                                                   zorder=Z_PATH)
            (self.heads[name],) = self.ax_map.plot([], [], "o", color=colour, ms=6, mec="white",
                                                   zorder=Z_HEAD)
            (self.loss_lines[name],) = self.ax_loss.semilogy([np.nan], [np.nan], color=colour,
                                                             lw=1.5, label=name, zorder=Z_LOSS)
        (self.start_marker,) = self.ax_map.plot([], [], "o", color=plots.COLOURS["start"], ms=9,
                                                mec="white", zorder=5)
        self.arrows = self.ax_map.quiver(np.zeros(3), np.zeros(3), np.zeros(3), np.zeros(3),
                                         angles="xy", scale_units="xy", scale=1, width=0.006,
                                         zorder=7)
        self.now_line = self.ax_loss.axvline(0, color=plots.COLOURS["minimum"], lw=1, ls=":")
        self.ax_loss.set_xlim(0, STEPS)
        self.ax_loss.set_xlabel("step k")
        self.ax_loss.set_title("J(x_k) − J_min (log scale)", fontsize=10)
        plots.use_plain_log_labels(self.ax_loss.yaxis)
        self.ax_loss.grid(True, which="major", alpha=0.3)
        # Outside the axes, so the moving curves never draw over it (it stays in the background).
        self.legend = self.fig.legend(handles=list(self.loss_lines.values()),
                                      loc="outside lower center", ncols=len(RACERS), fontsize=9,
                                      frameon=False)
        self._draw_landscape()

    def _draw_landscape(self) -> None:
        """Contours of the landscape (made once per landscape, then shown or hidden); the
        valley's ellipses are moving artists (κ moves them)."""
        for artist in self.contours:
            artist.set_visible(False)
        name = self.controls["landscape"].value
        ax = self.ax_map
        if name == "long valley":
            self.contours = []
            ax.set_xlim(-5, 5)
            ax.set_ylim(-5, 5)
            ax.set_aspect("equal")
        else:
            self.valley_lines.set_segments([])
            objective = landscape(name, 1.0)
            if name not in self._contour_sets:
                self._contour_sets[name] = list(plots.two_d.plot_contours(ax, objective, n=120))
            self.contours = self._contour_sets[name]
            for artist in self.contours:
                artist.set_visible(True)
            ax.set_xlim(objective.x_range)
            ax.set_ylim(objective.y_range)
            ax.set_aspect("equal")
        ax.set_title(f"{name}: paths of the racers", fontsize=10)
        ax.set_xlabel("x")
        ax.set_ylabel("y")

    # -- compute ------------------------------------------------------------------
    def _rules(self) -> dict:
        rules = {}
        for name in self.controls["racers"].value:
            rules[name] = op.make_rule(name, **self.settings[name])
        return rules

    def _objective(self):
        c = self.controls
        key = (c["landscape"].value, c["kappa"].value if c["landscape"].value == "long valley"
               else None)
        if key not in self._objectives:
            self._objectives[key] = landscape(c["landscape"].value, c["kappa"].value)
        return self._objectives[key]

    def compute(self) -> op.Race:
        """The race for the current controls: the optimisers with a setting not seen before
        run together (one vectorised run), the others come from the cache."""
        c = self.controls
        objective = self._objective()
        noise = NOISE[c["landscape"].value] if c["noise"].value else 0.0
        where = (c["landscape"].value, objective.kappa if hasattr(objective, "kappa") else None,
                 noise)
        rules = self._rules()
        missing = {name: rule for name, rule in rules.items() if (where, rule) not in self._cache[name]}
        if missing:
            result = op.race(objective, missing, START[c["landscape"].value], steps=STEPS,
                             noise=noise, seed=0)
            for name, entry in result.entries.items():
                kept = self._cache[name]
                kept[(where, missing[name])] = (entry, result.minimum, next(self._serials))
                while len(kept) > RACES_KEPT:
                    kept.popitem(last=False)
        entries, minimum, self.serials = {}, None, {}
        for name, rule in rules.items():
            kept = self._cache[name]
            kept.move_to_end((where, rule))
            entries[name], minimum, self.serials[name] = kept[(where, rule)]
        self.objective = objective
        return op.Race(entries, minimum)

    # -- update ---------------------------------------------------------------------
    def update(self) -> None:
        try:
            self._update()
        except ValueError as error:  # a setting a rule refuses
            self.set_status(f"cannot run: {error}", "bad")
            self.redraw()
        except Exception as error:  # never let an exception reach the widget observer
            self.set_status(f"something went wrong: {type(error).__name__}: {error}", "bad")

    def _update(self) -> None:
        race = self.compute()
        self.race = race
        k = int(self.controls["step"].value)
        self._draw_valley()
        self._raise_tuned()
        self._changed(self.start_marker, self.controls["landscape"].value)
        for name in RACERS:
            self._draw_racer(name, race.entries.get(name), k, race.minimum)
        if self._changed(self.now_line, k):
            self.now_line.set_xdata([k, k])
        self._draw_explanation(race, k)
        self._set_loss_limits(race)
        if not race.entries:
            self.set_status("choose at least one optimiser", "info")
        else:
            self.set_status(race.summary(k) if k > 0 else self._start_text(race), self._level(race, k))
        self.redraw()

    def _start_text(self, race) -> str:
        ends = " · ".join(f"{name}: {entry.message}" for name, entry in race.entries.items())
        return f"step 0 — press ▶ or step. Where each will end after {STEPS} steps: {ends}"

    @staticmethod
    def _level(race, k: int) -> str:
        kinds = {e.outcome for e in race.entries.values() if e.outcome_step <= k}
        if "diverged" in kinds:
            return "bad"
        if "stalled" in kinds:
            return "warn"
        return "good" if "converged" in kinds else "info"

    def _changed(self, artist, *what) -> bool:
        """Record what ``artist`` now shows; True if that differs from what it showed."""
        signature = (artist.get_visible(), *what)
        if self._signatures.get(id(artist)) == signature:
            return False
        self._signatures[id(artist)] = signature
        return True

    def _draw_valley(self) -> None:
        name = self.controls["landscape"].value
        kappa = self.objective.kappa if name == "long valley" else None
        if name == "long valley" and self._changed(self.valley_lines, kappa):
            if kappa not in self._valley_curves:
                self._valley_curves[kappa] = [self.objective.level_curve(c) for c in VALLEY_LEVELS]
            self.valley_lines.set_segments(self._valley_curves[kappa])
        elif name != "long valley":
            self._changed(self.valley_lines, None)
        minima = np.asarray(self.objective.minima, dtype=float).reshape(-1, 2)
        self.minima_marker.set_data(minima[:, 0], minima[:, 1])

    def _raise_tuned(self) -> None:
        """The tuned optimiser above the others (so its changes redraw only its artists)."""
        tuned = self.controls["tune"].value
        for name in RACERS:
            top = name == tuned
            self.paths[name].set_zorder(Z_TUNED["path"] if top else Z_PATH)
            self.heads[name].set_zorder(Z_TUNED["head"] if top else Z_HEAD)
            self.loss_lines[name].set_zorder(Z_TUNED["loss"] if top else Z_LOSS)

    def _draw_racer(self, name, entry, k, minimum) -> None:
        visible = entry is not None
        for artist in (self.paths[name], self.heads[name], self.loss_lines[name]):
            artist.set_visible(visible)
        if not visible:
            for artist in (self.paths[name], self.heads[name], self.loss_lines[name]):
                self._changed(artist)
            return
        last = entry.last_finite(k)
        self.start_marker.set_data(entry.points[:1, 0], entry.points[:1, 1])
        serial = self.serials[name]
        if not self._changed(self.paths[name], serial, last):
            return
        self._changed(self.heads[name], serial, last)
        self._changed(self.loss_lines[name], serial, last)
        pts = entry.points[:last + 1]
        self.paths[name].set_data(pts[:, 0], pts[:, 1])
        self.heads[name].set_data(pts[-1:, 0], pts[-1:, 1])
        gap = np.maximum(entry.losses[:last + 1] - (minimum or 0.0), 1e-16)
        self.loss_lines[name].set_data(np.arange(len(gap)), gap)

    def _draw_explanation(self, race, k: int) -> None:
        name = self.controls["tune"].value
        entry = race.entries.get(name)
        if not self.controls["explain"].value or entry is None:
            self.arrows.set_visible(False)
            self._changed(self.arrows)
            self._set_explanation("" if entry is not None or not self.controls["explain"].value
                                  else f"{name} is not racing: tick it under “optimisers”.")
            return
        at = entry.last_finite(min(k, STEPS - 1))
        self.arrows.set_visible(True)
        if not self._changed(self.arrows, name, self.serials[name], at):
            return
        parts = entry.explain(at)
        point = entry.points[at]
        span = np.ptp(self.ax_map.get_xlim())
        vectors = [-parts["gradient"], parts["velocity"], parts["step"]]
        uv = np.array([self._arrow(v, 0.12 * span) for v in vectors])
        self.arrows.set_offsets(np.tile(point, (3, 1)))
        self.arrows.set_UVC(uv[:, 0], uv[:, 1])
        colour = colour_of(name)
        self.arrows.set_color([ARROW_COLOURS[0], colour, colour])
        self.arrows.set_visible(True)
        self._set_explanation(self._explain_words(name, at, parts))

    @staticmethod
    def _arrow(vector, length: float) -> np.ndarray:
        """``vector`` drawn at a readable length (its direction is what the picture shows)."""
        if vector is None:
            return np.zeros(2)
        size = float(np.hypot(*vector))
        if not np.isfinite(size) or size == 0:
            return np.zeros(2)
        return np.asarray(vector) * (length / size)

    @staticmethod
    def _explain_words(name, k, parts) -> str:
        def fmt(v):
            return "(" + ", ".join(f"{float(c):.3g}" for c in v) + ")"
        text = f"{name}, step {k} → {k + 1}: gradient g = {fmt(parts['gradient'])}"
        if parts["velocity"] is not None:
            what = "η·m̂ (carried over)" if name == "Adam" else "velocity v"
            text += f" · {what} = {fmt(parts['velocity'])}"
        text += f" · step size per coordinate = {fmt(parts['scale'])} · step = {fmt(parts['step'])}"
        return text

    def _set_explanation(self, text: str) -> None:
        self.explanation_text = text
        self.explanation.value = f'<span style="font-size:0.95em">{text}</span>' if text else ""

    def _set_loss_limits(self, race) -> None:
        """From 1e-16 to a decade above the start's loss: fixed per landscape and start, so
        updates keep the cached background (a diverging curve leaves through the top)."""
        start = np.asarray(START[self.controls["landscape"].value] or self.objective.default_start)
        gap = float(self.objective.f(start)) - (race.minimum or 0.0)
        top = 10.0 ** (np.ceil(np.log10(max(gap, 1e-12))) + 1)
        if self.ax_loss.get_ylim() != (1e-16, top):
            self.ax_loss.set_ylim(1e-16, top)

    def moving_artists(self) -> list:
        """In drawing order: the valley, the other racers, the start, the now line, then the
        tuned racer and its arrows (the two axes do not overlap, so their artists interleave)."""
        tuned = self.controls["tune"].value
        others = [name for name in RACERS if name != tuned]
        return [self.valley_lines, *(self.paths[n] for n in others), self.start_marker,
                *(self.heads[n] for n in others), *(self.loss_lines[n] for n in others),
                self.now_line, self.paths[tuned], self.heads[tuned], self.loss_lines[tuned],
                self.arrows]

    def background_key(self) -> tuple:
        return (self.controls["landscape"].value, self.ax_loss.get_ylim())

    def redraw(self) -> None:
        """Blit in layers: the saved background, then a saved picture of the longest run of
        moving artists (in drawing order) that did not change since the last redraw, then the
        rest. A beat redraws every racer over the background and the valley; a change of the
        tuned optimiser's setting redraws only that optimiser's artists and arrows."""
        canvas = self.fig.canvas
        if self._paused:
            return
        if not hasattr(canvas, "copy_from_bbox"):
            canvas.draw_idle()
            return
        moving = self.moving_artists()
        key = (canvas.get_width_height(physical=True), self.fig.dpi, self.background_key())
        background = self._background_for(key, moving)
        shown = tuple((id(a), a.get_zorder(), self._signatures.get(id(a))) for a in moving)
        unchanged = 0
        while (unchanged < len(shown) and unchanged < len(self._drawn)
               and shown[unchanged] == self._drawn[unchanged]):
            unchanged += 1
        self._drawn = shown
        region, done = background, 0
        for prefix in range(unchanged, 0, -1):  # the longest saved picture that still holds
            layer_key = (key, id(background), shown[:prefix])
            if layer_key in self._layers:
                self._layers.move_to_end(layer_key)
                region, done = self._layers[layer_key], prefix
                break
        canvas.restore_region(region)
        for artist in moving[done:unchanged]:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        if unchanged > done:
            self._layers[(key, id(background), shown[:unchanged])] = canvas.copy_from_bbox(
                self.fig.bbox)
            while len(self._layers) > LAYERS_KEPT:
                self._layers.popitem(last=False)
        for artist in moving[unchanged:]:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        canvas.blit(self.fig.bbox)
