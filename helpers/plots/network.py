"""Pure drawing functions for networks: diagram, decision boundary, training curves, digits.

Each ``plot_*`` function takes an ``ax`` and data and returns its artists; the
matching ``update_*`` function changes those artists' data in place, so a live
panel builds a figure once and afterwards only updates it. Nothing here knows
about widgets or trains anything.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from contourpy import LineType, contour_generator
from matplotlib.collections import LineCollection
from matplotlib.ticker import NullFormatter
from matplotlib.colors import BoundaryNorm, ListedColormap, LinearSegmentedColormap

from .figure import COLOURS

#: Class colours (0, 1) for points and the two sides of a boundary.
CLASS_COLOURS = ("#2b6cb0", "#d1495b")
#: Positive and negative weights in the network diagram.
WEIGHT_COLOURS = {"positive": "#2b6cb0", "negative": "#d1495b", "zero": "#b0b0b0"}
#: Probability map from class 0 (blue) to class 1 (red), pale so the points stand out.
PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "class_probability", ["#9cc3ea", "#e8eef5", "#f7f7f7", "#f5e3e5", "#eea3ad"])
#: Probability bands of the filled map, so it reads like a filled contour plot.
PROBABILITY_LEVELS = np.linspace(0, 1, 11)


# ----------------------------------------------------------------------------
# Network diagram
# ----------------------------------------------------------------------------


def network_layout(sizes: Sequence[int], max_drawn: int = 16) -> list[np.ndarray]:
    """(x, y) positions of the drawn units of each layer, layers at x = 0, 1, 2, …

    A layer wider than ``max_drawn`` shows its first ``max_drawn`` units only
    (the diagram of a 64-input network would otherwise be a black smear).
    """
    tallest = min(max(sizes), max_drawn)
    layout = []
    for x, n in enumerate(sizes):
        shown = min(n, max_drawn)
        ys = (np.arange(shown) - (shown - 1) / 2) * (tallest / max(shown, 1)) * 0.9
        layout.append(np.column_stack([np.full(shown, float(x)), ys[::-1]]))
    return layout


@dataclass
class NetworkArtists:
    """The diagram's artists: every weight line (one collection), every unit (one
    scatter), a name above each layer and a note under layers too wide to draw."""

    edges: LineCollection
    nodes: object
    names: list
    notes: list
    layout: list[np.ndarray]
    sizes: tuple[int, ...]


def _edge_segments(layout: list[np.ndarray]) -> np.ndarray:
    segments = [(a, b) for left, right in zip(layout[:-1], layout[1:]) for a in left for b in right]
    return np.array(segments, dtype=float).reshape(-1, 2, 2)


def _drawn_weights(weights: Sequence[np.ndarray], layout: list[np.ndarray]) -> np.ndarray:
    """The weights of the drawn connections, in the order of ``_edge_segments``."""
    values = [np.asarray(W)[: len(left), : len(right)].ravel()
              for W, left, right in zip(weights, layout[:-1], layout[1:])]
    return np.concatenate(values) if values else np.zeros(0)


def edge_styles(weights: Sequence[np.ndarray], layout: list[np.ndarray], max_width: float = 5.0):
    """Line widths ∝ |w| (the largest drawn weight gets ``max_width``) and colours by sign."""
    w = _drawn_weights(weights, layout)
    finite = np.where(np.isfinite(w), w, 0.0)
    biggest = np.max(np.abs(finite)) if finite.size else 0.0
    widths = 0.4 + (max_width - 0.4) * np.abs(finite) / biggest if biggest > 0 else np.full(w.shape, 0.6)
    colours = np.where(finite > 0, WEIGHT_COLOURS["positive"],
                       np.where(finite < 0, WEIGHT_COLOURS["negative"], WEIGHT_COLOURS["zero"]))
    return widths, list(colours)


def _layer_names(n_layers: int) -> list[str]:
    return ["input"] + [f"hidden {l}" for l in range(1, n_layers - 1)] + ["output"]


def plot_network(ax, sizes: Sequence[int], weights: Sequence[np.ndarray] | None = None,
                 max_width: float = 5.0, max_drawn: int = 16, max_layers: int | None = None
                 ) -> NetworkArtists:
    """Draw the units as circles and every weight as a line whose width shows |w|.

    Blue lines are positive weights, red negative; without ``weights`` all lines are
    thin grey. ``max_layers`` reserves text artists for deeper networks drawn later
    with :func:`update_network`.
    """
    edges = LineCollection(np.zeros((0, 2, 2)), linewidths=0.6, colors=WEIGHT_COLOURS["zero"],
                           alpha=0.8, zorder=1)
    ax.add_collection(edges)
    nodes = ax.scatter([], [], s=220, edgecolors="#333333", linewidths=1.2, zorder=3)
    n_texts = max(len(sizes), max_layers or 0)
    names = [ax.text(0, 0, "", ha="center", va="bottom", fontsize=9) for _ in range(n_texts)]
    notes = [ax.text(0, 0, "", ha="center", va="top", fontsize=8) for _ in range(n_texts)]
    ax.set_axis_off()
    artists = NetworkArtists(edges=edges, nodes=nodes, names=names, notes=notes, layout=[], sizes=())
    artists.max_drawn = max_drawn
    update_network(artists, weights, max_width, sizes=sizes, ax=ax)
    return artists


def _set_structure(ax, artists: NetworkArtists, sizes: Sequence[int]) -> None:
    """Lay out a (new) architecture: unit positions, line segments, layer names, axis limits."""
    layout = network_layout(sizes, artists.max_drawn)
    artists.layout, artists.sizes = layout, tuple(sizes)
    artists.edges.set_segments(_edge_segments(layout))
    points = np.concatenate(layout)
    fill = ["#f4d58d" if x == 0 else ("#cfe3c4" if x == len(sizes) - 1 else "white")
            for x, p in enumerate(layout) for _ in p]
    artists.nodes.set_offsets(points)
    artists.nodes.set_facecolors(fill)
    tallest = max(len(p) for p in layout)
    artists.nodes.set_sizes([220.0 * min(1.0, 8.0 / tallest) ** 2])
    top, bottom = points[:, 1].max(), points[:, 1].min()
    names = _layer_names(len(sizes))
    for x, (name_text, note_text) in enumerate(zip(artists.names, artists.notes)):
        drawn = x < len(sizes)
        name_text.set_text(names[x] if drawn else "")
        name_text.set_position((x, top + 0.7))
        hidden_units = drawn and sizes[x] > len(layout[x])
        note_text.set_text(f"… {sizes[x]} units" if hidden_units else "")
        note_text.set_position((x, bottom - 0.4))
    ax.set_xlim(-0.5, len(sizes) - 0.5)
    ax.set_ylim(bottom - 1.4, top + 1.5)


def update_network(artists: NetworkArtists, weights: Sequence[np.ndarray] | None,
                   max_width: float = 5.0, sizes: Sequence[int] | None = None, ax=None):
    """Set each line's width and colour from the weights; pass ``sizes`` and ``ax``
    when the architecture changed."""
    if sizes is not None and tuple(sizes) != artists.sizes:
        _set_structure(ax if ax is not None else artists.edges.axes, artists, sizes)
    if weights is None:
        artists.edges.set_linewidths(0.6)
        artists.edges.set_colors(WEIGHT_COLOURS["zero"])
        return artists.edges
    widths, colours = edge_styles(weights, artists.layout, max_width)
    artists.edges.set_linewidths(widths)
    artists.edges.set_colors(colours)
    return artists.edges


def label_network(ax, artists: NetworkArtists, unit_labels: Sequence[Sequence[str]],
                  layer_labels: Sequence[str], weight_labels: Sequence[str],
                  directions: bool = True) -> list:
    """Name the parts of a small network diagram drawn by :func:`plot_network`.

    Parameters
    ----------
    unit_labels : one list of strings per layer, one per drawn unit: written left of the
        input units, right of the output units and above the hidden ones.
    layer_labels : one string per layer, written under it (e.g. its arrays and their shapes).
    weight_labels : one string per pair of neighbouring layers, written between them
        (e.g. the weight matrix and the bias, with shapes).
    directions : draw "forward pass →" and "← backward pass (δ)" arrows under the diagram.

    Returns the text artists made (annotations for the arrows included).
    """
    layout, n = artists.layout, len(artists.layout)
    points = np.concatenate(layout)
    top, bottom = points[:, 1].max(), points[:, 1].min()
    texts = []
    for x, (units, names) in enumerate(zip(layout, unit_labels)):
        for (ux, uy), name in zip(units, names):
            if x == 0:
                place = dict(xy=(ux, uy), xytext=(-12, 0), ha="right", va="center")
            elif x == n - 1:
                place = dict(xy=(ux, uy), xytext=(12, 0), ha="left", va="center")
            else:
                place = dict(xy=(ux, uy), xytext=(0, 10), ha="center", va="bottom")
            texts.append(ax.annotate(name, textcoords="offset points", fontsize=9, zorder=4,
                                     bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.85),
                                     **place))
    for x, text in enumerate(layer_labels):
        texts.append(ax.text(x, bottom - 0.45, text, ha="center", va="top", fontsize=9, linespacing=1.2))
    for x, text in enumerate(weight_labels):
        texts.append(ax.text(x + 0.5, top + 0.45, text, ha="center", va="bottom", fontsize=9,
                             color="#444444", linespacing=1.2))
    for name_text in artists.names:   # the layer names sit above the weight labels
        name_text.set_position((name_text.get_position()[0], top + 1.35))
    low = bottom - 1.5
    if directions:
        for y, (start, end), label in ((low, (0, n - 1), "forward pass: X → ŷ"),
                                       (low - 0.45, (n - 1, 0), "backward pass: δ⁽²⁾ → δ⁽¹⁾")):
            texts.append(ax.annotate("", xy=(end, y), xytext=(start, y),
                                     arrowprops=dict(arrowstyle="->", color="0.35", lw=1.4)))
            texts.append(ax.text((n - 1) / 2, y + 0.06, label, ha="center", va="bottom", fontsize=9,
                                 color="0.25", bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none")))
        low -= 0.6
    ax.set_ylim(low, top + 1.9)
    ax.set_xlim(-0.9, n - 1 + 0.9)
    return texts


# ----------------------------------------------------------------------------
# Decision boundary
# ----------------------------------------------------------------------------


def boundary_grid(X: np.ndarray, n: int = 120, margin: float = 0.25):
    """A square-celled n × n grid covering the data plus a margin.

    Returns
    -------
    xs, ys : 1-D grid coordinates; points : (n·n, 2) array of every grid point,
    row by row (reshape predictions to (n, n) to draw them).
    """
    low, high = X.min(axis=0), X.max(axis=0)
    pad = margin * (high - low).max()
    centre, half = (low + high) / 2, (high - low).max() / 2 + pad
    xs = np.linspace(centre[0] - half, centre[0] + half, n)
    ys = np.linspace(centre[1] - half, centre[1] + half, n)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


@dataclass
class BoundaryArtists:
    """The probability map (an image), the p = ½ line and the data points."""

    image: object
    points: object
    line: object
    grid: tuple[np.ndarray, np.ndarray]


def _half_line_segments(xs, ys, probabilities) -> list[np.ndarray]:
    """The p = ½ contour as polylines, empty when p never crosses ½ (or is not finite).

    Traced by contourpy, the library behind matplotlib's ``contour``, without building a
    contour set: a live panel only moves the line's points.
    """
    p = np.asarray(probabilities, dtype=float)
    if not (np.all(np.isfinite(p)) and p.min() < 0.5 < p.max()):
        return []
    return contour_generator(xs, ys, p, line_type=LineType.Separate).lines(0.5)


def _half_line(ax, xs, ys, probabilities, line=None):
    """The p = ½ boundary as a LineCollection (``line`` reused when given), None if there is none."""
    segments = _half_line_segments(xs, ys, probabilities)
    if not segments:
        if line is not None:
            line.remove()
        return None
    if line is None or line.axes is None:
        line = LineCollection(segments, colors="#222222", linewidths=1.6, zorder=2)
        ax.add_collection(line, autolim=False)
    else:
        line.set_segments(segments)
    return line


def plot_decision_boundary(ax, xs, ys, probabilities, X, y) -> BoundaryArtists:
    """Filled bands of P(class 1) on the grid, the p = ½ boundary line, and the labelled data."""
    norm = BoundaryNorm(PROBABILITY_LEVELS, PROBABILITY_CMAP.N)
    step_x, step_y = xs[1] - xs[0], ys[1] - ys[0]
    extent = (xs[0] - step_x / 2, xs[-1] + step_x / 2, ys[0] - step_y / 2, ys[-1] + step_y / 2)
    image = ax.imshow(np.asarray(probabilities, dtype=float), origin="lower", extent=extent,
                      cmap=PROBABILITY_CMAP, norm=norm, interpolation="nearest", zorder=0,
                      aspect="equal")
    colours = ListedColormap(CLASS_COLOURS)
    points = ax.scatter(X[:, 0], X[:, 1], c=np.asarray(y), cmap=colours, vmin=0, vmax=1, s=18,
                        edgecolors="white", linewidths=0.5, zorder=3)
    line = _half_line(ax, xs, ys, probabilities)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    return BoundaryArtists(image=image, points=points, line=line, grid=(xs, ys))


def update_decision_boundary(ax, artists: BoundaryArtists, probabilities, X=None, y=None):
    """New probabilities (and optionally new data points) on the same grid."""
    artists.image.set_data(np.asarray(probabilities, dtype=float))
    artists.line = _half_line(ax, *artists.grid, probabilities, artists.line)
    if X is not None:
        artists.points.set_offsets(X)
        artists.points.set_array(np.asarray(y))
    return artists


def set_boundary_grid(ax, artists: BoundaryArtists, xs, ys) -> None:
    """Move the probability map to a new grid (for a new data set)."""
    step_x, step_y = xs[1] - xs[0], ys[1] - ys[0]
    extent = (xs[0] - step_x / 2, xs[-1] + step_x / 2, ys[0] - step_y / 2, ys[-1] + step_y / 2)
    artists.image.set_extent(extent)
    artists.grid = (xs, ys)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])


# ----------------------------------------------------------------------------
# Training curves
# ----------------------------------------------------------------------------


def plot_loss_curve(ax, x, losses, label: str | None = None, log: bool = True, **style):
    """Loss against updates or epochs (log scale by default); returns the Line2D."""
    (line,) = ax.plot(x, losses, label=label, **{"lw": 1.8, **style})
    if log:
        ax.set_yscale("log")
    ax.set_ylabel("loss J")
    ax.grid(True, which="major", alpha=0.3)
    return line


def log_ticks(low: float, high: float, max_ticks: int = 5) -> list[float]:
    """Tick values for a log axis from ``low`` to ``high``: 1, 2, 5 × 10ⁿ, thinned to
    powers of ten (then every other one …) when there would be more than ``max_ticks``."""
    exponents = np.arange(np.floor(np.log10(low)), np.ceil(np.log10(high)) + 1)
    nice = [m * 10.0 ** e for e in exponents for m in (1, 2, 5)]
    ticks = [t for t in nice if low <= t <= high]
    if len(ticks) > max_ticks:
        decades = [t for t in ticks if np.isclose(np.log10(t), np.round(np.log10(t)))]
        stride = int(np.ceil(len(decades) / max_ticks))
        ticks = decades[::-1][::stride][::-1]
    return ticks


def plot_accuracy_curve(ax, x, accuracies, label: str | None = None, **style):
    """Accuracy in per cent against updates or epochs; returns the Line2D."""
    (line,) = ax.plot(x, 100 * np.asarray(accuracies, dtype=float), label=label, **{"lw": 1.8, **style})
    ax.set_ylabel("accuracy (%)")
    ax.set_ylim(0, 101)
    ax.grid(True, which="major", alpha=0.3)
    return line


# ----------------------------------------------------------------------------
# Digits
# ----------------------------------------------------------------------------


def digit_mosaic(images: np.ndarray, columns: int, gap: int = 2) -> np.ndarray:
    """Tile 8×8 images into one array with ``gap`` pixels of NaN between them."""
    images = np.asarray(images, dtype=float).reshape(-1, 8, 8)
    rows = max(1, int(np.ceil(len(images) / columns)))
    cell = 8 + gap
    mosaic = np.full((rows * cell - gap, columns * cell - gap), np.nan)
    for i, image in enumerate(images):
        r, c = divmod(i, columns)
        mosaic[r * cell: r * cell + 8, c * cell: c * cell + 8] = image
    return mosaic


def plot_digit_grid(ax, images, captions: Sequence[str], columns: int = 10, gap: int = 4,
                    caption_colour: str = "#222222"):
    """Show 8×8 images in a grid, each with a caption underneath; returns (image, texts)."""
    mosaic = digit_mosaic(images, columns, gap)
    image = ax.imshow(mosaic, cmap="gray_r", vmin=0, vmax=16, interpolation="nearest")
    texts = []
    cell = 8 + gap
    for i, caption in enumerate(captions):
        r, c = divmod(i, columns)
        texts.append(ax.text(c * cell + 3.5, r * cell + 8.3, caption, ha="center", va="top",
                             fontsize=8, color=caption_colour))
    ax.set_axis_off()
    return image, texts


def plot_misclassified(ax, images, true_labels, predicted_labels, columns: int = 10):
    """The images the network got wrong, captioned "said p, is t"."""
    captions = [f"said {p}, is {t}" for t, p in zip(true_labels, predicted_labels)]
    return plot_digit_grid(ax, images, captions, columns, gap=5, caption_colour="#b3261e")


# ----------------------------------------------------------------------------
# Training figures of notebook 05 (two panels each)
# ----------------------------------------------------------------------------


def plot_loss_and_fit(ax_loss, ax_fit, losses, true_scores, predicted_scores, lr: float):
    """Left: the loss during training; right: predicted against true exam scores."""
    plot_loss_curve(ax_loss, np.arange(len(losses)), losses, color=COLOURS["curve"])
    ax_loss.set_xlabel("epoch (= update here)")
    ax_loss.set_title(f"loss J during training (η = {lr:g})")
    ax_fit.plot(true_scores, predicted_scores, "o", color=COLOURS["path"])
    ax_fit.plot([60, 100], [60, 100], "--", color="0.5", label="perfect prediction")
    ax_fit.set_xlabel("true score")
    ax_fit.set_ylabel("predicted score")
    ax_fit.set_title("after training")
    ax_fit.legend(loc="upper left")


def merge_axes(fig, axes):
    """Replace several axes of one grid (e.g. a column) by one axes spanning them all."""
    specs = [ax.get_subplotspec() for ax in np.ravel(axes)]
    grid = specs[0].get_gridspec()
    rows = [r for spec in specs for r in (spec.rowspan.start, spec.rowspan.stop)]
    cols = [c for spec in specs for c in (spec.colspan.start, spec.colspan.stop)]
    for ax in np.ravel(axes):
        ax.remove()
    return fig.add_subplot(grid[min(rows):max(rows), min(cols):max(cols)])


def plot_loss_over_accuracy(ax_loss, ax_accuracy, losses, accuracies, reference=None):
    """Loss (log scale, top) and accuracy (bottom) against epochs, on two axes, no twin axis.

    ``reference`` = (label, loss, accuracy) draws both values of a baseline (e.g. the best
    straight boundary) as dotted lines. Returns (loss line, accuracy line).
    """
    epochs = np.arange(len(losses))
    loss_line = plot_loss_curve(ax_loss, epochs, losses, color=COLOURS["curve"], label="network")
    accuracy_line = plot_accuracy_curve(ax_accuracy, epochs, accuracies, color=COLOURS["start"],
                                        label="network")
    if reference is not None:
        label, loss, accuracy = reference
        ax_loss.axhline(loss, color=COLOURS["path"], ls=":", lw=1.8, label=label)
        ax_accuracy.axhline(100 * accuracy, color=COLOURS["path"], ls=":", lw=1.8, label=label)
    low = min(np.min(np.asarray(accuracies, dtype=float)), reference[2] if reference else 1.0)
    ax_accuracy.set_ylim(10 * np.floor(10 * low) - 2, 101)
    ticks = log_ticks(float(np.min(losses)), float(np.max(losses)), max_ticks=4)
    ax_loss.set_yticks(ticks, labels=[f"{t:g}" for t in ticks])
    ax_loss.yaxis.set_minor_formatter(NullFormatter())
    ax_loss.tick_params(labelbottom=False)
    ax_accuracy.set_xlabel("epoch")
    ax_loss.legend(fontsize=9, loc="upper right")
    return loss_line, accuracy_line


def plot_training_modes(ax_updates, ax_epochs, histories: dict, colours: dict, ax_noise=None,
                        noisy: Sequence[str] = ("stochastic", "mini-batch")):
    """Full-batch, mini-batch and stochastic runs: the loss on all data at each epoch's end,
    against updates (log x) and against epochs, the same way for every mode.

    ``ax_noise`` (optional) shows, for the ``noisy`` modes, the loss of each update's own
    batch against the update: the gradient noise, kept off the other two panels.
    """
    for mode, history in histories.items():
        plot_loss_curve(ax_updates, np.maximum(history.epoch_updates, 1), history.epoch_losses,
                        color=colours[mode], label=mode, marker=".", ms=4)
        plot_loss_curve(ax_epochs, np.arange(len(history.epoch_losses)), history.epoch_losses,
                        color=colours[mode], label=mode)
    ax_updates.set_xscale("log")
    ax_updates.set_xlabel("update k (log scale)")
    ax_updates.set_title("per update")
    ax_updates.legend(fontsize=9, loc="lower left")
    ax_epochs.set_xlabel("epoch")
    ax_epochs.set_title("per epoch")
    every = np.concatenate([np.asarray(h.epoch_losses, dtype=float) for h in histories.values()])
    low, high = every.min() / 1.3, every.max() * 1.3
    ticks = log_ticks(low, high, max_ticks=5)
    for ax in (ax_updates, ax_epochs):   # the same loss axis on both, fitted to these curves
        ax.set_ylim(low, high)
        ax.set_yticks(ticks, labels=[f"{t:g}" for t in ticks])
        ax.yaxis.set_minor_formatter(NullFormatter())
    if ax_noise is not None:
        for mode, alpha in zip(noisy, (0.35, 0.7)):
            losses = np.asarray(histories[mode].update_losses, dtype=float)
            ax_noise.plot(np.arange(1, len(losses) + 1), losses, color=colours[mode], lw=0.6,
                          alpha=alpha, label=f"{mode}: its own batch")
        ax_noise.set_xscale("log")
        ax_noise.set_yscale("log")
        ax_noise.set_xlabel("update k (log scale)")
        ax_noise.set_title("each update's own batch loss")
        ax_noise.set_ylabel("loss J on that batch")
        ax_noise.grid(True, which="major", alpha=0.3)
        ax_noise.legend(fontsize=9, loc="lower left")


def plot_training_and_held_out(ax_loss, ax_accuracy, history, accuracy_floor: float = 80):
    """Loss (log scale) and accuracy against epochs, on the training and the validation data."""
    epochs = np.arange(len(history.epoch_losses))
    for label, losses, accuracies, colour in (
            ("training", history.epoch_losses, history.epoch_accuracies, COLOURS["curve"]),
            ("validation", history.test_losses, history.test_accuracies, COLOURS["path"])):
        plot_loss_curve(ax_loss, epochs, losses, label=label, color=colour)
        plot_accuracy_curve(ax_accuracy, epochs, accuracies, label=label, color=colour)
    ax_accuracy.set_ylim(accuracy_floor, 100.5)
    ax_loss.set_title("cross-entropy loss (log scale)")
    ax_accuracy.set_title(f"accuracy (axis from {accuracy_floor:g}%)")
    for ax in (ax_loss, ax_accuracy):
        ax.set_xlabel("epoch")
        ax.legend()
