"""The live decision-boundary panel of notebook 05: watch a network learn to classify.

Pick a 2-D data set, the network (hidden units per layer, hidden layers, activation),
the learning rate and the batch mode; press ▶ (train) and the filled probability map,
the p = ½ boundary, the weights in the network diagram and the loss curve animate as
gradient descent runs, a few epochs per beat of the Play widget's timer. Any change of a
control restarts from the same seeded initial weights (epoch 0), so two settings can be
compared fairly; ■ (stop) restarts too. ``step(epochs)`` trains without the timer.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from .. import plots
from ..datasets import TOY_DATASETS
from ..nn import Network
from ..training import BATCH_MODES, Trainer, batch_size_for
from .base import Panel, slider_style

ACTIVATION_CHOICES = ("tanh", "relu", "sigmoid", "leaky_relu", "elu")
MAX_DEPTH = 4
GRID_SIZE = 70
#: About this many updates run per animation tick (one tick per ▶ timer beat).
UPDATES_PER_TICK = 40
MINI_BATCH = 16
INIT_SEED = 0

def _nice_above(value: float) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ at least ``value``."""
    exponent = np.floor(np.log10(value))
    return min(m * 10.0 ** e for e in (exponent, exponent + 1) for m in (1, 2, 5)
               if m * 10.0 ** e >= value)


def freeze_layout(fig) -> None:
    """Place the axes once with the constrained layout, then keep them there.

    Re-solving the layout costs more than the rest of a redraw together, and the
    panel's axes never change size.
    """
    fig.canvas.draw()
    fig.set_layout_engine("none")


class DecisionBoundaryPanel(Panel):
    """A small classifier on a 2-D data set, trained live by gradient descent."""

    controls_summary = ("the data set, hidden units, hidden layers, activation, learning-rate "
                        "and batch-mode controls, and the ▶ train / ❚❚ pause buttons")
    backgrounds_kept = 12  # ~1.4 MB each: returning to a recent setting reuses its picture

    def __init__(self, dataset: str = "two moons", hidden_units: int = 8, depth: int = 2,
                 activation: str = "relu", lr: float = 0.1, batch_mode: str = "mini-batch",
                 n_points: int = 200):
        super().__init__(figsize=(9.4, 3.6))
        self.n_points = n_points
        self._build_controls(dataset, hidden_units, depth, activation, lr, batch_mode)
        self._build_figure()
        self.controls["train"].observe(self._on_tick, names="value")
        self._start(handled_elsewhere=("train",))

    # -- controls -------------------------------------------------------------
    def _build_controls(self, dataset, hidden_units, depth, activation, lr, batch_mode) -> None:
        style = slider_style()
        self.controls["dataset"] = widgets.Dropdown(
            options=list(TOY_DATASETS), value=dataset, description="data set", **style)
        self.controls["hidden_units"] = widgets.IntSlider(
            value=hidden_units, min=1, max=32, description="hidden units per layer", **style)
        self.controls["depth"] = widgets.IntSlider(
            value=depth, min=1, max=MAX_DEPTH, description="hidden layers", **style)
        self.controls["activation"] = widgets.Dropdown(
            options=list(ACTIVATION_CHOICES), value=activation, description="activation", **style)
        self.controls["lr"] = widgets.FloatLogSlider(
            value=lr, base=10, min=-3, max=1.5, step=0.05, description="learning rate η",
            readout_format=".3g", **style)
        self.controls["batch_mode"] = widgets.ToggleButtons(
            options=list(BATCH_MODES), value=batch_mode, description="batch",
            style={"description_width": "initial", "button_width": "110px"})
        # The Play widget's timer lives in the browser: each beat increments its value.
        self.controls["train"] = widgets.Play(
            value=0, min=0, max=10**6, step=1, interval=150, description="train",
            show_repeat=False)

    def control_box(self):
        """The controls, with the ▶ ❚❚ ■ buttons labelled in words."""
        box = super().control_box()
        play = self.controls["train"]
        row = widgets.HBox([widgets.Label("train:"), play,
                            widgets.Label("▶ train · ❚❚ pause · ■ start again")])
        box.children = tuple(row if child is play else child for child in box.children)
        return box

    # -- figure -----------------------------------------------------------------
    def _build_figure(self) -> None:
        grid = self.fig.add_gridspec(1, 3, width_ratios=[1.05, 1.0, 1.0])
        self.ax_boundary = self.fig.add_subplot(grid[0])
        self.ax_network = self.fig.add_subplot(grid[1])
        self.ax_loss = self.fig.add_subplot(grid[2])
        X, y = self._data()
        xs, ys, _ = plots.network.boundary_grid(X, GRID_SIZE)
        self.boundary = plots.network.plot_decision_boundary(
            self.ax_boundary, xs, ys, np.full((GRID_SIZE, GRID_SIZE), 0.5), X, y)
        self.ax_boundary.set_title("P(class 1) and the boundary p = ½", fontsize=10)
        # The coordinates of a toy set carry no meaning; fewer tick labels also draw faster.
        self.ax_boundary.set_xticks([])
        self.ax_boundary.set_yticks([])
        self.network = plots.network.plot_network(self.ax_network, (2, 1), max_layers=MAX_DEPTH + 2,
                                             max_width=4.0)
        self.ax_network.set_title("weights (width ∝ |w|, blue +, red −)", fontsize=10)
        self.loss_line = plots.network.plot_loss_curve(self.ax_loss, [0], [1.0], color="#1f3b73",
                                                  label="loss")
        self.ax_loss.set_xlabel("epoch")
        self.ax_loss.set_title("cross-entropy loss on the data", fontsize=10)
        # Plain "0.2"-style labels at ticks chosen in _draw_loss: mathtext is slow to draw.
        self.ax_loss.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        self.ax_loss.yaxis.set_minor_locator(NullLocator())
        self.ax_loss.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))  # whole epochs
        freeze_layout(self.fig)

    def _data(self):
        return TOY_DATASETS[self.controls["dataset"].value](n=self.n_points, seed=0)

    # -- model ----------------------------------------------------------------------
    def _new_trainer(self) -> Trainer:
        c = {name: control.value for name, control in self.controls.items()}
        X, y = self._data()
        sizes = (2,) + (c["hidden_units"],) * c["depth"] + (1,)
        init = "he" if c["activation"] in ("relu", "leaky_relu") else "xavier"
        net = Network(sizes, c["activation"], "identity", init=init, seed=INIT_SEED)
        batch = batch_size_for(c["batch_mode"], len(X), MINI_BATCH)
        return Trainer(net, X, y, "binary_cross_entropy", lr=c["lr"], batch_size=batch, seed=0)

    @property
    def epochs_per_tick(self) -> int:
        """Epochs per animation beat: about ``UPDATES_PER_TICK`` updates, at least one epoch."""
        updates_per_epoch = int(np.ceil(len(self.trainer.X) / self.trainer.batch_size))
        return max(1, UPDATES_PER_TICK // updates_per_epoch)

    # -- update -----------------------------------------------------------------------
    def update(self) -> None:
        """A control changed: restart from the seeded initial weights (epoch 0) and draw them.

        Training itself runs on the ▶ beats, so a control answers at once even in
        stochastic mode, where one epoch is m updates.
        """
        X, y = self._data()
        self.trainer = self._new_trainer()
        xs, ys, self.grid_points = plots.network.boundary_grid(X, GRID_SIZE)
        plots.network.set_boundary_grid(self.ax_boundary, self.boundary, xs, ys)
        self.boundary.points.set_offsets(X)
        self.boundary.points.set_array(y)
        # Fit the equal-aspect box to the new limits now: a saved background may be reused.
        self.ax_boundary.apply_aspect()
        self._draw()

    def _on_tick(self, change) -> None:
        if change["new"] == 0:  # the ■ button: start again
            self.update()
        elif change["new"] > change["old"]:
            self.step(self.epochs_per_tick)

    def step(self, epochs: int) -> None:
        """Train ``epochs`` more epochs, then redraw boundary, weights, loss curve and status."""
        self.trainer.run(epochs)
        self._draw()

    def _draw(self) -> None:
        trainer, net = self.trainer, self.trainer.net
        with np.errstate(all="ignore"):
            probabilities = trainer.loss.predict(net.output(self.grid_points))
        if np.all(np.isfinite(probabilities)):
            plots.network.update_decision_boundary(self.ax_boundary, self.boundary,
                                              probabilities.reshape(GRID_SIZE, GRID_SIZE))
        plots.network.update_network(self.network, net.weights, 4.0, sizes=net.sizes, ax=self.ax_network)
        self._draw_loss(trainer.history.epoch_losses)
        self._describe()
        self.redraw()

    def _draw_loss(self, losses: list[float]) -> None:
        losses = np.asarray(losses, dtype=float)
        finite = losses[np.isfinite(losses)]
        self.loss_line.set_data(np.arange(len(finite)), finite)
        # Limits at 1, 2, 5 × 10ⁿ (whole decades below): they change seldom, so most
        # redraws keep the background.
        self.ax_loss.set_xlim(0, _nice_above(max(len(finite) - 1, 1)))
        low = 10.0 ** np.floor(np.log10(max(finite.min(), 1e-6) / 1.5))
        high = _nice_above(max(finite.max(), 1e-5) * 1.5)
        if (low, high) != self.ax_loss.get_ylim():
            self.ax_loss.set_ylim(low, high)
            self.ax_loss.set_yticks(plots.network.log_ticks(low, high))

    # -- fast redraw (Panel.redraw blits these over a saved background) -------------------
    def moving_artists(self) -> list:
        """What an update changes, in the order a full redraw draws it."""
        b, n = self.boundary, self.network
        line = [b.line] if b.line is not None else []
        return [b.image, *line, *self.ax_boundary.spines.values(), b.points,
                n.edges, n.nodes, *n.names, *n.notes, self.loss_line]

    def background_key(self) -> tuple:
        """The loss axis's ticks follow its limits. The map has no ticks and its grid is
        square for every data set, so its box (and background) stays the same."""
        return self.ax_loss.get_xlim() + self.ax_loss.get_ylim()


    def _describe(self) -> None:
        trainer = self.trainer
        mode = self.controls["batch_mode"].value
        setting = f"({mode}, B = {trainer.batch_size}, η = {self.controls['lr'].value:.3g})"
        if trainer.diverged:
            self.set_status(f"{trainer.status} {setting}; the last finite picture is shown", "bad")
            return
        losses = trainer.history.epoch_losses
        if losses[-1] > losses[0]:
            self.set_status(f"{trainer.status} {setting}: the loss is above where it started — "
                            "η is too large", "warn")
            return
        accuracy = trainer.history.epoch_accuracies[-1]
        level = "good" if accuracy >= 0.95 else "info"
        hint = "" if self.controls["train"].playing else " — press ▶ to train"
        self.set_status(f"{trainer.status} {setting}{hint}", level)
