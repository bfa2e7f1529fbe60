"""The live panel of notebook 06: how the gradient reaches each layer of a deep network.

Choose depth, width, activation, initialisation and its scale: the panel shows
‖∂J/∂z_l‖ for every layer on a log axis and the histogram of every hidden
layer's outputs as a heat map (saturation and collapse show at a glance), at
initialisation. The "train" button then takes N steps of gradient descent
(learning rate, optional clipping by norm) and adds the state after training
and the loss curve. The status line gives the first-to-last ratio in words,
and says plainly when the loss became inf or NaN.

Moving a slider recomputes one forward and backward pass (fast); training is
on a button because N steps of a 30-layer network take longer than a slider
may.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.ticker import LogLocator, MaxNLocator

from ..datasets import circles
from ..gradient_flow import (
    INITIALISATIONS,
    activation_histograms,
    describe_flow,
    flow_snapshot,
    histogram_range,
    make_network,
    train,
)
from ..plots.gradient_flow import (
    STATE_COLOURS,
    heatmap_extent,
    layer_norm_data,
    log_limits,
    plot_activation_heatmap,
    plot_layer_norms,
)
from .base import Panel, slider_style

ACTIVATION_CHOICES = ("sigmoid", "tanh", "relu", "leaky_relu", "elu")
HISTOGRAM_BINS = 40
#: The norm axis's limits move in blocks of this many decades.
DECADE_STEP = 4
LEVELS = {"balanced": "good", "uneven": "warn", "vanishing": "warn", "exploding": "warn",
          "broken": "bad"}


class SavedPixels(Artist):
    """Pixels saved from the canvas, pasted back where they came from when drawn.

    The legend over the norm lines is rendered once per saved background and pasted on
    top of the lines after each blit: its text and frame cost more to draw than all the
    rest of a slider move. Its frame is opaque, so the pasted pixels are what a full
    redraw draws there.
    """

    def __init__(self):
        super().__init__()
        self.region = None

    def draw(self, renderer) -> None:
        if self.region is not None and self.get_visible():
            renderer.restore_region(self.region)


def _percent(fraction: np.ndarray) -> str:
    return f"{100 * float(np.nanmean(fraction)) if len(fraction) else 0.0:.0f}%"


class GradientFlowPanel(Panel):
    """Per-layer gradient norms and activation histograms of a deep network, live."""

    controls_summary = ("the depth, width, activation, initialisation, scale, training-steps, "
                        "learning-rate and clipping controls and the train button")
    backgrounds_kept = 12  # ~1.4 MB each: returning to a recent setting reuses its picture

    def __init__(self, depth: int = 10, width: int = 32, activation: str = "sigmoid",
                 initialisation: str = "small normal", steps: int = 100, lr: float = 0.1,
                 examples: int = 128, seed: int = 0):
        super().__init__(figsize=(9.4, 4.0))
        self.X, self.y = circles(examples, seed=seed)
        self.seed = seed
        self.net = None
        self.record = None
        self._build_controls(depth, width, activation, initialisation, steps, lr)
        self._build_figure()
        self._freeze_layout()
        self.train_button = widgets.Button(description="▶ train N steps", button_style="primary",
                                           layout=widgets.Layout(width="180px"))
        self.train_button.on_click(lambda _button: self.train())
        self._start()

    # -- controls -------------------------------------------------------------
    def _build_controls(self, depth, width, activation, initialisation, steps, lr) -> None:
        style = slider_style()
        c = self.controls
        c["depth"] = widgets.IntSlider(value=depth, min=2, max=30, description="depth L (layers)",
                                       **style)
        c["width"] = widgets.IntSlider(value=width, min=4, max=64, step=4,
                                       description="width (units per layer)", **style)
        c["activation"] = widgets.Dropdown(options=list(ACTIVATION_CHOICES), value=activation,
                                           description="activation", **style)
        c["initialisation"] = widgets.Dropdown(options=list(INITIALISATIONS), value=initialisation,
                                               description="initialisation", **style)
        c["gain"] = widgets.FloatLogSlider(value=1.0, base=10, min=-1, max=1, step=0.05,
                                           description="scale × (init std)", readout_format=".2f",
                                           **style)
        c["steps"] = widgets.IntSlider(value=steps, min=10, max=300, step=10,
                                       description="training steps N", **style)
        c["lr"] = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=1, step=0.05,
                                         description="learning rate η", readout_format=".3g", **style)
        c["clip"] = widgets.Checkbox(value=False, description="clip the gradient norm",
                                     indent=False)
        c["threshold"] = widgets.FloatLogSlider(value=1.0, base=10, min=-2, max=2, step=0.1,
                                                description="clipping threshold",
                                                readout_format=".2g", **style)

    def control_box(self):
        """Network controls on the left, training controls and the button on the right."""
        box = super().control_box()
        c = self.controls
        network = widgets.VBox([c[k] for k in ("depth", "width", "activation", "initialisation", "gain")])
        training = widgets.VBox([c[k] for k in ("steps", "lr", "clip", "threshold")] + [self.train_button])
        box.children = (widgets.HBox([network, training]), self.status)
        return box

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> None:
        grid = self.fig.add_gridspec(1, 3, width_ratios=[1.15, 1.1, 0.9], wspace=0.12)
        self.ax_norms = self.fig.add_subplot(grid[0])
        self.ax_hist = self.fig.add_subplot(grid[1])
        self.ax_loss = self.fig.add_subplot(grid[2])

        self.init_line = plot_layer_norms(self.ax_norms, [1.0], color=STATE_COLOURS["init"],
                                          ls="--", label="at initialisation", zorder=3)
        self.trained_line = plot_layer_norms(self.ax_norms, [np.nan], color=STATE_COLOURS["trained"],
                                             label="after N steps")
        self.ax_norms.set_title("gradient reaching each layer", fontsize=11)
        # An opaque frame in a corner the lines leave free (chosen in update): pasted as
        # saved pixels after each blit (SavedPixels).
        self._legend_corner = "upper left"
        self.legend = self.ax_norms.legend(loc=self._legend_corner, fontsize=8, framealpha=1.0)
        self.legend_pixels = SavedPixels()
        self._legend_regions: dict = {}

        empty = np.zeros((1, HISTOGRAM_BINS))
        self.heatmap = plot_activation_heatmap(self.ax_hist, empty, np.linspace(0, 1, HISTOGRAM_BINS + 1))
        colourbar = self.fig.colorbar(self.heatmap, ax=self.ax_hist, fraction=0.06, pad=0.02)
        colourbar.set_label("share of the layer's outputs", fontsize=8)
        colourbar.set_ticks([0.0, 0.25, 0.5], labels=["0", "0.25", "≥ 0.5"])
        self.hist_title = self.ax_hist.set_title("", fontsize=11)

        (self.loss_line,) = self.ax_loss.plot([], [], color=STATE_COLOURS["trained"], lw=2)
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_xlabel("step k")
        self.ax_loss.set_ylabel("loss J")
        self.ax_loss.yaxis.tick_right()  # its labels change width; keep them clear of the colour bar
        self.ax_loss.yaxis.set_label_position("right")
        self.ax_loss.set_title("loss while training", fontsize=11)
        self.ax_loss.grid(alpha=0.3, which="both")
        self.loss_note = self.ax_loss.text(0.5, 0.5, "", transform=self.ax_loss.transAxes,
                                           ha="center", va="center", fontsize=9, color="0.3")
        # Few major ticks and no minor grid: text and grid lines are most of a redraw's cost.
        self.ax_norms.yaxis.set_major_locator(LogLocator(numticks=6))
        self.ax_norms.xaxis.set_major_locator(MaxNLocator(integer=True))
        for ax in (self.ax_norms, self.ax_loss):
            ax.grid(False, which="minor")

    def _freeze_layout(self) -> None:
        """Lay the figure out once, then keep the axes where they are.

        Constrained layout measures every label on every redraw, which costs more
        than the drawing itself; the panel's axes never need to move.
        """
        self.ax_norms.set_ylim(1e-150, 1e10)  # three-digit exponents: the widest tick labels shown
        self.ax_hist.set_ylim(0.5, 30.5)  # two-digit layer numbers
        self.ax_loss.set_ylim(0.45, 4.5)  # labels such as 6×10⁻¹, the widest it shows
        self.fig.get_layout_engine().execute(self.fig)
        self.fig.set_layout_engine("none")
        for ax in self.fig.axes:
            # Constrained layout sets only the "active" position; without it a redraw would
            # fall back to the original grid position.
            ax.set_position(ax.get_position(original=False), which="both")
        self._frozen = True
        self._backgrounds = {}

    def _norm_limits(self, *arrays) -> tuple[float, float]:
        """Limits of the norm axis in blocks of ``DECADE_STEP`` decades.

        Fixed blocks (not limits that follow the data) let most slider moves keep the
        saved background, and a background made for one block serves every later visit.
        """
        low, high = log_limits(*arrays, pad=2.0)
        low = np.floor(np.log10(low) / DECADE_STEP) * DECADE_STEP
        high = np.ceil(np.log10(high) / DECADE_STEP) * DECADE_STEP
        return float(10 ** low), float(10 ** max(high, low + DECADE_STEP))

    # -- fast redraw (Panel.redraw blits these over a saved background) -------------------
    def moving_artists(self) -> list:
        """What a slider changes, in the order a full redraw draws it.

        The heat map's title and the note on the empty loss axis change only with the
        train button, so they are part of the background (see ``background_key``); the
        note is drawn on top once a loss curve can cross it.
        """
        moving = [self.trained_line, self.init_line, self.legend, self.legend_pixels,
                  self.heatmap, *self.ax_hist.spines.values(), self.loss_line]
        return moving + [self.loss_note] if self._loss_drawn() else moving

    def background_key(self) -> tuple:
        """The saved background shows ticks, labels and titles: every axis's limits, the
        heat map's title, (while no loss is drawn) the note on the loss axis, and the
        legend's corner (its pixels are saved with the background)."""
        limits = tuple(ax.get_xlim() + ax.get_ylim() for ax in (self.ax_norms, self.ax_hist, self.ax_loss))
        note = None if self._loss_drawn() else self.loss_note.get_text()
        return limits, self.hist_title.get_text(), note, self._legend_corner

    def _place_legend(self, norms) -> None:
        """The legend in the left corner the norm line leaves free: upper left when the
        gradient grows towards the output (vanishing), lower left when it shrinks."""
        finite = np.asarray(norms, dtype=float)
        finite = finite[np.isfinite(finite) & (finite > 0)]
        vanishing = len(finite) < 2 or finite[0] <= finite[-1]
        self._legend_corner = "upper left" if vanishing else "lower left"
        self.legend.set_loc(self._legend_corner)

    def redraw(self) -> None:
        """Blit (see Panel.redraw) with the legend pasted as saved pixels, not drawn again."""
        if not hasattr(self.fig.canvas, "copy_from_bbox"):
            super().redraw()
            return
        key = (self.fig.canvas.get_width_height(physical=True), self.fig.dpi, self.background_key())
        # Saved with the background; a new background saves them (_render_background).
        self.legend_pixels.region = self._legend_regions.get(key)
        self.legend.set_visible(False)
        try:
            super().redraw()
        finally:
            self.legend.set_visible(True)  # a full redraw (browser refresh, savefig) draws it

    def _render_background(self, moving: list):
        """The background without the moving artists, and the legend's pixels drawn over it."""
        background = super()._render_background(moving)
        self.legend.set_visible(True)
        self.fig.draw_artist(self.legend)
        self.legend.set_visible(False)
        key = (self.fig.canvas.get_width_height(physical=True), self.fig.dpi, self.background_key())
        if len(self._legend_regions) >= self.backgrounds_kept:
            self._legend_regions.pop(next(iter(self._legend_regions)))
        region = self.fig.canvas.copy_from_bbox(self.legend.get_window_extent().padded(2))
        self._legend_regions[key] = self.legend_pixels.region = region
        return background

    def _loss_drawn(self) -> bool:
        return len(self.loss_line.get_xdata()) > 0


    # -- update (sliders): the network at initialisation ------------------------------
    def update(self) -> None:
        c = self.controls
        self.activation = c["activation"].value
        self.net = make_network(c["depth"].value, c["width"].value, self.activation,
                                c["initialisation"].value, c["gain"].value, seed=self.seed)
        self.snapshot_init = flow_snapshot(self.net, self.X, self.y)
        self.record = None
        depth = self.net.n_layers
        self.init_line.set_data(*layer_norm_data(self.snapshot_init.delta_norms))
        self._place_legend(self.snapshot_init.delta_norms)
        self.trained_line.set_data([], [])
        self.ax_norms.set_xlim(0.5, depth + 0.5)
        self.ax_norms.set_ylim(*self._norm_limits(self.snapshot_init.delta_norms))
        self._draw_histograms(self.snapshot_init, "at initialisation")
        self.loss_line.set_data([], [])
        self.loss_note.set_text("press\n▶ train N steps")
        kind, words = describe_flow(self.snapshot_init.delta_norms)
        self.set_status(f"at initialisation: {words}{self._units(self.snapshot_init)}", LEVELS[kind])
        self.redraw()

    def _draw_histograms(self, snapshot, when: str) -> None:
        fractions, edges = activation_histograms(snapshot.hidden_outputs,
                                                 histogram_range(self.activation), HISTOGRAM_BINS)
        if len(fractions) == 0:
            fractions = np.zeros((1, HISTOGRAM_BINS))
        self.heatmap.set_data(fractions)
        self.heatmap.set_extent(heatmap_extent(fractions, edges))
        self.ax_hist.set_xlim(edges[0], edges[-1])
        self.ax_hist.set_ylim(0.5, len(fractions) + 0.5)
        self.hist_title.set_text(f"hidden-layer outputs {when}")

    def _units(self, snapshot) -> str:
        """Saturated outputs for squashing activations; switched-off and dead units for ReLUs."""
        if self.activation in ("relu", "leaky_relu"):
            return f" · dead units {_percent(snapshot.dead)}"
        return f" · saturated outputs {_percent(snapshot.saturated)}"

    # -- the button: N steps of gradient descent ----------------------------------------
    def train(self) -> None:
        """Train a copy of the network at initialisation for N steps and draw the result."""
        if self.net is None:
            return
        c = self.controls
        clip = c["threshold"].value if c["clip"].value else None
        self.set_status(f"training {c['steps'].value} steps…", "info")
        net = self.net.copy()
        self.record = train(net, self.X, self.y, lr=c["lr"].value, steps=c["steps"].value, clip=clip)
        after = flow_snapshot(net, self.X, self.y)
        self._draw_training(after)
        self.set_status(*self._describe_training(after, clip))
        self.redraw()

    def _draw_training(self, after) -> None:
        losses = self.record.losses
        self.loss_line.set_data(np.arange(len(losses)), losses)
        self.ax_loss.set_xlim(0, max(len(losses) - 1, 1))
        self.ax_loss.set_ylim(*log_limits(losses, pad=1.5))
        self.loss_note.set_text("")
        steps = len(losses) - 1
        if after.finite:
            self.trained_line.set_data(*layer_norm_data(after.delta_norms))
            self._draw_histograms(after, f"after {steps} steps")
        else:
            self.trained_line.set_data([], [])
            self.loss_note.set_text(f"inf/NaN from\nstep {self.record.diverged_at}")
        self.ax_norms.set_ylim(*self._norm_limits(self.snapshot_init.delta_norms,
                                                  after.delta_norms if after.finite else []))

    def _describe_training(self, after, clip) -> tuple[str, str]:
        record = self.record
        clipped = f" (clipping shortened {record.clipped_steps} steps)" if clip else ""
        if record.diverged_at is not None:
            hint = "lower η" if clip else "turn on clipping or lower η"
            return (f"the loss became inf/NaN at step {record.diverged_at}{clipped}: the weights "
                    f"blew up (exploding gradients) — {hint}", "bad")
        kind, words = describe_flow(after.delta_norms)
        return (f"{record.message}{clipped} · now {words}{self._units(after)}",
                "good" if record.losses[-1] < 0.5 * record.losses[0] else LEVELS[kind])
