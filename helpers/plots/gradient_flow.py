"""Pure drawing functions for gradient flow through layers: each takes an ``ax`` and data.

Activations with their slopes, the chain-rule bound against measured norms,
per-layer gradient norms on a log axis, per-layer activation histograms as a
heat map, and training curves. Nothing here computes a gradient or knows a
widget; the live panel in :mod:`helpers.panels.gradient_flow` calls these once
and then only changes the artists' data.
"""
from __future__ import annotations

import numpy as np

#: One colour per activation, the same in every figure of notebook 06.
ACTIVATION_COLOURS = {
    "sigmoid": "#1f3b73",
    "tanh": "#d1495b",
    "relu": "#2a9d8f",
    "leaky_relu": "#e9a03b",
    "elu": "#7b4fa0",
    "identity": "#6c757d",
}

#: Colours of the two states the panel compares.
STATE_COLOURS = {"init": "#8d99ae", "trained": "#d1495b", "bound": "#1f3b73"}

#: The floor used to put zeros on a log axis (drawn at the bottom, not dropped).
LOG_FLOOR = 1e-30


def plot_activation_curves(ax_value, ax_slope, activations, z):
    """Draw f(z) on one axis and f'(z) on the other for each activation.

    Parameters
    ----------
    ax_value, ax_slope : the two axes.
    activations : sequence of :class:`~helpers.activations.Activation`.
    z : grid of inputs.

    Returns
    -------
    dict name → (value line, slope line)
    """
    lines = {}
    with np.errstate(all="ignore"):
        for act in activations:
            colour = ACTIVATION_COLOURS.get(act.name)
            (value,) = ax_value.plot(z, act.f(z), color=colour, lw=2, label=act.name)
            (slope,) = ax_slope.plot(z, act.df(z), color=colour, lw=2, label=act.name)
            lines[act.name] = (value, slope)
    ax_value.set_xlabel("z")
    ax_value.set_ylabel("f(z)")
    ax_value.set_title("activation f(z)")
    ax_slope.set_xlabel("z")
    ax_slope.set_ylabel("f′(z)")
    ax_slope.set_title("its slope f′(z)")
    for ax in (ax_value, ax_slope):
        ax.axhline(0, color="0.75", lw=0.8, zorder=0)
        ax.axvline(0, color="0.75", lw=0.8, zorder=0)
        ax.grid(alpha=0.3)
    return lines


#: How the figures name each activation.
ACTIVATION_TITLES = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "leaky ReLU",
                     "elu": "ELU", "identity": "identity"}


def plot_activation_grid(axes, activations, z, peaks):
    """Small multiples: one column per activation, f(z) on top and f′(z) underneath.

    No curve can hide another (ReLU, leaky ReLU and ELU coincide for z > 0). Each slope
    panel says in words what the slope is: the peak (a dot) for a smooth bump, and
    "1 for z > 0" with the slope's value left of 0 for the piecewise ones.

    Parameters
    ----------
    axes : 2 × len(activations) array of axes (row 0 the values, row 1 the slopes).
    activations : sequence of :class:`~helpers.activations.Activation`.
    z : grid of inputs.
    peaks : dict name → (peak slope, z where reached), e.g. from ``derivative_peak``.

    Returns
    -------
    dict name → (value line, slope line, list of the slope panel's notes)
    """
    drawn = {}
    left = z[z < 0]
    for column, act in enumerate(activations):
        ax_f, ax_df = axes[0, column], axes[1, column]
        colour = ACTIVATION_COLOURS.get(act.name)
        with np.errstate(all="ignore"):
            (value,) = ax_f.plot(z, act.f(z), color=colour, lw=2)
            slopes = act.df(z)
        (slope,) = ax_df.plot(z, slopes, color=colour, lw=2)
        peak, where = peaks[act.name]
        notes = []
        if np.sum(np.isclose(slopes, peak)) <= 2:             # a bump with one top
            notes.append(ax_df.plot([where], [peak], "o", color=colour, ms=6, zorder=4)[0])
            notes.append(ax_df.annotate(f"max {peak:.3g} at z = {where + 0:g}", (where, peak),
                                        xytext=(0, 6), textcoords="offset points", ha="center",
                                        va="bottom", fontsize=9, color=colour))
        else:                                                  # flat at its top for z > 0
            notes.append(ax_df.text(0.97, peak - 0.06, f"{peak:g} for z > 0", ha="right", va="top",
                                    fontsize=9, color=colour, transform=ax_df.get_yaxis_transform()))
            left_slopes = act.df(left)
            if np.allclose(left_slopes, left_slopes[0]):
                text, height = f"{left_slopes[0]:g} for z < 0", left_slopes[0] + 0.06
            else:   # a slope that fades towards the left: its value at the left edge
                text, height = f"{left_slopes[0]:.2g}\nat z = {left[0]:g}", left_slopes[0] + 0.25
            notes.append(ax_df.text(0.03, height, text.replace("-", "−"), ha="left", va="bottom",
                                    fontsize=9, color=colour, transform=ax_df.get_yaxis_transform()))
        ax_f.set_title(ACTIVATION_TITLES.get(act.name, act.name), fontsize=10, color=colour)
        ax_df.set_xlabel("z")
        for ax in (ax_f, ax_df):
            ax.axhline(0, color="0.75", lw=0.8, zorder=0)
            ax.axvline(0, color="0.75", lw=0.8, zorder=0)
            ax.grid(alpha=0.3)
        drawn[act.name] = (value, slope, notes)
    axes[0, 0].set_ylabel("f(z)")
    axes[1, 0].set_ylabel("slope f′(z)")
    return drawn


def mark_slope_peaks(ax, peaks):
    """Mark each activation's largest slope with a dot and its value.

    Parameters
    ----------
    peaks : dict name → (peak slope, z where reached).

    Returns
    -------
    list of the artists drawn (markers and labels).
    """
    artists = []
    for name, (peak, where) in peaks.items():
        colour = ACTIVATION_COLOURS.get(name)
        (dot,) = ax.plot([where], [peak], "o", color=colour, ms=7, zorder=4)
        label = ax.annotate(f"max {name}′ = {peak:.3g}", (where, peak), xytext=(8, -4),
                            textcoords="offset points", color=colour, fontsize=9,
                            va="top")
        artists += [dot, label]
    return artists


def _positive(values) -> np.ndarray:
    """Values ready for a log axis: zeros floored, non-finite values hidden (NaN)."""
    values = np.asarray(values, dtype=float)
    with np.errstate(all="ignore"):
        return np.where(np.isfinite(values), np.maximum(np.abs(values), LOG_FLOOR), np.nan)


def plot_chain_bound(ax, layers, measured, bound):
    """Measured per-layer norms as dots and the chain-rule bound as a line, log scale.

    Returns
    -------
    (measured line, bound line)
    """
    (bound_line,) = ax.plot(layers, _positive(bound), "-", color=STATE_COLOURS["bound"], lw=2,
                            label="bound (max f′)^(L−l) · ∏ ‖W_k‖₂")
    (measured_line,) = ax.plot(layers, _positive(measured), "o", color=STATE_COLOURS["trained"],
                               ms=6, label="measured ‖∂J/∂z_l‖ / ‖∂J/∂z_L‖")
    ax.set_yscale("log")
    ax.set_xlabel("layer l")
    ax.set_ylabel("share of the output's gradient at layer l")
    ax.grid(alpha=0.3, which="both")
    return measured_line, bound_line


def plot_layer_norms(ax, norms, ylabel: str = "‖∂J/∂z_l‖", **style):
    """Per-layer gradient norms against layer l = 1 … L, on a log axis.

    Returns
    -------
    the Line2D (update it with ``layer_norm_data``).
    """
    style = {"marker": "o", "ms": 4, "lw": 1.5, **style}
    (line,) = ax.plot(*layer_norm_data(norms), **style)
    ax.set_yscale("log")
    ax.set_xlabel("layer l (1 = next to the input)")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3, which="both")
    return line


def layer_norm_data(norms) -> tuple[np.ndarray, np.ndarray]:
    """x (layer numbers from 1) and y (norms ready for a log axis) for ``plot_layer_norms``."""
    y = _positive(norms)
    return np.arange(1, len(y) + 1), y


def log_limits(*arrays, floor: float = LOG_FLOOR, pad: float = 3.0) -> tuple[float, float]:
    """Limits of a log axis that show every finite positive value, padded by a factor.

    Returns (1e-3, 1e1) when there is nothing finite to show.
    """
    values = np.concatenate([np.ravel(np.asarray(a, dtype=float)) for a in arrays])
    values = values[np.isfinite(values) & (values >= floor)]
    if values.size == 0:
        return 1e-3, 1e1
    low, high = float(values.min()) / pad, float(values.max()) * pad
    return low, max(high, low * 10)


def plot_activation_heatmap(ax, fractions, edges, cmap: str = "viridis"):
    """Per-layer activation histograms as a heat map: one row per layer, bottom = layer 1.

    Parameters
    ----------
    fractions : (layers, bins) share of each layer's values in each bin.
    edges : (bins + 1,) bin edges.

    Returns
    -------
    the AxesImage (update with ``set_data`` and ``set_extent``).
    """
    image = ax.imshow(fractions, origin="lower", aspect="auto", cmap=cmap,
                      interpolation="nearest", vmin=0.0, vmax=0.5,
                      extent=heatmap_extent(fractions, edges))
    ax.set_xlabel("activation value a")
    ax.set_ylabel("layer l")
    return image


def heatmap_extent(fractions, edges) -> tuple[float, float, float, float]:
    """(left, right, bottom, top) so that row i is centred on layer i + 1."""
    return float(edges[0]), float(edges[-1]), 0.5, len(fractions) + 0.5


def plot_training_curves(ax, curves, colours=None):
    """Loss against iteration k for several runs, log scale; non-finite losses are hidden.

    Parameters
    ----------
    curves : dict label → losses (one per iteration).
    colours : optional dict label → colour.

    Returns
    -------
    dict label → Line2D
    """
    colours = colours or {}
    lines = {}
    for label, losses in curves.items():
        y = _positive(losses)
        (lines[label],) = ax.plot(np.arange(len(y)), y, lw=2, label=label,
                                  color=colours.get(label))
    ax.set_yscale("log")
    ax.set_xlabel("iteration k")
    ax.set_ylabel("loss J")
    ax.grid(alpha=0.3, which="both")
    return lines


def sticky_log_limits(current, *arrays, slack_decades: float = 3.0) -> tuple[float, float]:
    """Log-axis limits that move in whole decades and only when they must.

    Keeps ``current`` while it shows every finite positive value with a factor 2 to
    spare and is at most ``slack_decades`` decades wider than that needs; otherwise
    returns new limits rounded out to whole decades. Limits that rarely change let a
    live panel redraw only its data, not its tick labels.
    """
    low, high = log_limits(*arrays, pad=2.0)
    if current is not None:
        cur_low, cur_high = current
        fits = cur_low <= low and high <= cur_high
        snug = np.log10(cur_high / cur_low) <= np.log10(high / low) + slack_decades
        if fits and snug:
            return float(cur_low), float(cur_high)
    return float(10 ** np.floor(np.log10(low))), float(10 ** np.ceil(np.log10(high)))


def plot_skip_connections(ax, plain, skip):
    """|∂a_L/∂a_(l−1)| along a chain of units, without and with skip connections (log axis)."""
    plot_layer_norms(ax, np.abs(plain), color=ACTIVATION_COLOURS["sigmoid"], label="plain chain")
    plot_layer_norms(ax, np.abs(skip), color=ACTIVATION_COLOURS["relu"], label="with skip connections")
    ax.set_xlabel("unit l")
    ax.set_ylabel(f"|∂a_{len(plain)}/∂a_(l−1)|")
    ax.legend(fontsize=9)


def plot_layer_spreads(ax, spreads: dict, colours: dict):
    """The standard deviation of each layer's outputs (log axis), one line per network."""
    for label, spread in spreads.items():
        ax.semilogy(np.arange(1, len(spread) + 1), spread, "o-", color=colours[label], label=label)
    ax.set_xlabel("layer l")
    ax.set_ylabel("std of the layer's outputs")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=9)


def mark_leaving_the_plot(ax, losses, top: float, text: str, colour: str = "#d1495b"):
    """An arrow where a loss curve first rises above ``top`` (the axis limit), with a note.

    Returns the annotation, or None when the curve stays below ``top``.
    """
    losses = np.asarray(losses, dtype=float)
    above = np.flatnonzero(~(losses <= top))
    if above.size == 0:
        return None
    k = int(above[0])
    return ax.annotate(text, xy=(k, top), xytext=(k + 8, top / 30), color=colour, fontsize=9,
                       arrowprops=dict(arrowstyle="->", color=colour), annotation_clip=False)
