"""The live landscape panel of notebook 08: choose a network and a slice, see the loss around it.

Controls: the network (hidden widths), the seed (of the initialisation, the shuffles and the
random directions), and the plane — the PCA plane of the training path, or two
filter-normalised random directions. Training a network and computing its 41 × 41 grid take
seconds, so both are cached: returning to an earlier choice is immediate, and the status line
says "computing …" while a new one is made.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import landscape as ls
from .. import plots
from .base import Panel, slider_style

#: The networks offered: label → hidden widths (64 inputs and 10 outputs around them).
NETWORKS = {"64-16-10": (16,), "64-32-10 (notebook 05)": (32,), "64-64-10": (64,),
            "64-32-32-10 (two hidden layers)": (32, 32)}
PLANES = ("PCA plane of the training path", "filter-normalised random directions")
GRID_POINTS = 41


class LandscapePanel(Panel):
    """A 2-D slice of the digits network's loss, with the training path where it lies in the plane."""

    controls_summary = "the network menu, the seed slider and the plane menu"

    def __init__(self, network: str = "64-32-10 (notebook 05)", seed: int = 0, plane: str = PLANES[0],
                 epochs: int = 30, points: int = GRID_POINTS, compute=None, trained=None):
        super().__init__(figsize=(9.4, 4.2))
        self.epochs, self.points = epochs, points
        self.runs = ls.SliceCache(max_entries=8)
        for key, run in (trained or {}).items():  # runs the notebook already made: (hidden, seed) → run
            self.runs.get(key, lambda run=run: run)
        self.slices = ls.SliceCache(max_entries=16)
        self._compute_run = compute or (lambda hidden, s: ls.digits_run(hidden, seed=s, epochs=self.epochs))
        self.controls["network"] = widgets.Dropdown(options=list(NETWORKS), value=network,
                                                    description="network", **slider_style())
        self.controls["seed"] = widgets.IntSlider(value=seed, min=0, max=9, description="seed",
                                                  continuous_update=False, **slider_style())
        self.controls["plane"] = widgets.Dropdown(options=list(PLANES), value=plane,
                                                  description="plane", **slider_style())
        grid = self.fig.add_gridspec(1, 3, width_ratios=[1, 0.04, 0.85])
        self.ax_slice, self.ax_bar, self.ax_loss = (self.fig.add_subplot(grid[0, k]) for k in range(3))
        self._start()

    # -- computing (cached) ----------------------------------------------------------
    def _run(self, hidden, seed):
        return self.runs.get((hidden, seed), lambda: self._compute_run(hidden, seed))

    def _slice(self, hidden, seed, plane):
        def compute():
            run = self._run(hidden, seed)
            if plane == PLANES[0]:
                pca = ls.pca_directions(run.trajectory)
                return ls.loss_slice(run.net, run.X, run.y, run.loss, pca.directions,
                                     span=ls.span_around(pca.path_coords), points=self.points,
                                     path=pca.path_coords, explained=pca.explained, kind="pca")
            D = np.stack([ls.filter_normalised_direction(run.net, seed=2 * seed + k) for k in (1, 2)])
            return ls.loss_slice(run.net, run.X, run.y, run.loss, D, points=self.points)
        return self.slices.get((hidden, seed, plane), compute)

    # -- update ------------------------------------------------------------------------
    def update(self) -> None:
        try:
            self._update()
        except Exception as error:  # never let an exception reach the widget observer
            self.set_status(f"could not draw this slice: {type(error).__name__}: {error}", "bad")
            self.redraw()

    def _update(self) -> None:
        hidden = NETWORKS[self.controls["network"].value]
        seed = int(self.controls["seed"].value)
        plane = self.controls["plane"].value
        cached = (hidden, seed, plane) in self.slices
        if not cached:
            need_training = (hidden, seed) not in self.runs
            self.set_status(("training the network and " if need_training else "")
                            + f"computing the {self.points} × {self.points} grid … (a few seconds)", "info")
        slice_ = self._slice(hidden, seed, plane)
        run = self._run(hidden, seed)
        self._draw(slice_, run)
        # No timings in the status: it is saved with the notebook and must read the same each run.
        took = " · from the cache" if cached else " · newly computed"
        self.set_status(f"{self.controls['network'].value}, seed {seed}: trained loss {slice_.centre_loss:.3f}, "
                        f"lowest in this plane {slice_.losses.min():.3f}{took}", "good")
        self.redraw()

    def _draw(self, slice_, run) -> None:
        self.ax_slice.clear()
        self.ax_bar.clear()
        filled = plots.landscape.plot_slice(self.ax_slice, slice_, colorbar=False)
        from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

        bar = self.fig.colorbar(filled, cax=self.ax_bar)
        bar.ax.yaxis.set_major_locator(FixedLocator(plots.landscape.contour_levels(slice_.losses)[::4]))
        bar.ax.yaxis.set_minor_locator(NullLocator())
        bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.2g}"))
        bar.set_label("loss J (log scale)")
        self.ax_loss.clear()
        self.ax_loss.plot(np.arange(len(run.losses)), run.losses, "-o", ms=3,
                          color=plots.COLOURS["curve"], label="training loss")
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_xlabel("epoch")
        self.ax_loss.set_ylabel("training loss (log scale)")
        self.ax_loss.legend(fontsize=8)
