"""Pure drawing functions for functions of two variables: each takes an ``ax`` and data.

Contour views with a descent path, the gradient as arrows, a surface view,
basin maps, learning-rate sweeps with the theoretical cliff, and losses on log
axes. Nothing here runs descent or knows about widgets; live panels call these
once and afterwards change only the artists' data.
"""
from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap

from .figure import COLOURS

#: Colours for roles specific to 2-D pictures (the rest come from ``plots.COLOURS``).
COLOURS_2D = {
    "slow": "#588157",      # eigen-direction of λ_min: the long, flat valley floor
    "fast": "#7b2cbf",      # eigen-direction of λ_max: the steep walls
    "quiver": "#343a40",
    "cliff": "#b3261e",
    "optimum": "#2a9d8f",
    "momentum": "#6a4c93",
}

#: One colour per minimum in basin maps; diverged and unsettled starts get their own.
BASIN_COLOURS = ["#8ecae6", "#ffb703", "#90be6d", "#f28482", "#cdb4db", "#a3c4bc"]
DIVERGED_COLOUR, UNSETTLED_COLOUR = "#212529", "#e9ecef"


def grid_values(objective, n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X, Y meshes over the objective's window and J on them, in one vectorised call."""
    X, Y = np.meshgrid(np.linspace(*objective.x_range, n), np.linspace(*objective.y_range, n))
    with np.errstate(all="ignore"):
        Z = objective.f(np.stack([X, Y], axis=-1))
    return X, Y, Z


def contour_levels(Z: np.ndarray, n: int = 18, log: bool = False) -> np.ndarray:
    """Levels for a contour plot, denser near the minimum.

    Spaced like t² (so the ellipses of a bowl are evenly spaced), or log-spaced
    above the minimum for steep valleys.
    """
    low, high = float(np.nanmin(Z)), float(np.nanmax(Z))
    if not log:
        return low + (high - low) * np.linspace(0, 1, n + 2)[1:-1] ** 2
    span = high - low
    return low + np.geomspace(span * 1e-4, span, n)


def plot_contours(ax, objective, n: int = 200, levels: int = 18, cmap: str = "Blues_r"):
    """Filled contours of J with thin level lines over its window; returns (filled, lines)."""
    X, Y, Z = grid_values(objective, n)
    values = contour_levels(Z, levels, objective.log_levels)
    filled = ax.contourf(X, Y, Z, levels=np.unique(np.r_[np.nanmin(Z), values, np.nanmax(Z)]),
                         cmap=cmap, alpha=0.35)
    lines = ax.contour(X, Y, Z, levels=values, colors=COLOURS["curve"], linewidths=0.6, alpha=0.6)
    ax.set_xlim(objective.x_range)
    ax.set_ylim(objective.y_range)
    ax.set_aspect("equal")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return filled, lines


def plot_level_curves(ax, curves, **style):
    """Draw closed level curves given as a list of (m, 2) arrays; returns the LineCollection."""
    style = {"colors": COLOURS["curve"], "linewidths": 0.8, "alpha": 0.7, **style}
    collection = LineCollection(list(curves), **style)
    ax.add_collection(collection)
    return collection


def plot_minima(ax, minima, **style):
    """Mark known minima with crosses; returns the Line2D."""
    minima = np.asarray(minima, dtype=float).reshape(-1, 2)
    style = {"color": "#111111", "ms": 9, "mew": 2, "ls": "none", "label": "minimum",
             **style}
    (line,) = ax.plot(minima[:, 0], minima[:, 1], "x", **style)
    return line


#: Markers of the critical points that are not minima (minima are crosses, see plot_minima).
STATIONARY_MARKERS = {"saddle": "X", "maximum": "^", "degenerate": "D"}
STATIONARY_NAMES = {"saddle": "saddle (∇J = 0)", "maximum": "maximum", "degenerate": "degenerate"}
STATIONARY_COLOURS = {"saddle": "#f4a261", "maximum": "#b3261e", "degenerate": "#6c757d"}


def mark_stationary_points(ax, points, kinds, ms: float = 10, **style):
    """Mark critical points that are not minima: saddles as X, maxima as triangles.

    ``points`` (m, 2) and ``kinds`` ("saddle", "maximum", ...; minima are skipped, draw them
    with :func:`plot_minima`). One legend entry per kind. Returns the Line2Ds, one per kind.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    kinds = list(kinds)
    if len(kinds) != len(points):
        raise ValueError(f"{len(points)} points but {len(kinds)} kinds")
    artists = []
    for kind, marker in STATIONARY_MARKERS.items():
        chosen = points[[k == kind for k in kinds]]
        if len(chosen):
            look = {"color": STATIONARY_COLOURS[kind], "mec": "black", "mew": 1.2, "ms": ms, "ls": "none",
                    "zorder": 6, "label": STATIONARY_NAMES[kind], **style}
            artists.append(ax.plot(chosen[:, 0], chosen[:, 1], marker, **look)[0])
    return artists


def plot_directional_slopes(ax, angles_deg, slopes, gradient_angle: float, zero_angles,
                            fontsize: float = 9):
    """The slope ∇J·u against the direction of u, with what the text says about it marked.

    The steepest ascent (∇J, the peak) and descent (−∇J, the trough) as dashed lines, each named,
    and the directions of zero slope (at right angles to ∇J) as dots on the zero line, each with
    its angle. Returns (curve, [ascent line, descent line], zero markers, texts).
    """
    angles_deg, slopes = np.asarray(angles_deg, dtype=float), np.asarray(slopes, dtype=float)
    (curve,) = ax.plot(angles_deg, slopes, color=COLOURS["curve"], lw=2)
    ax.axhline(0, color="0.6", lw=0.8)
    peak, low = float(np.max(slopes)), float(np.min(slopes))
    descent_angle = (gradient_angle + 180.0) % 360.0
    lines, texts = [], []
    for angle, height, words, colour, va, dy in (
            (gradient_angle, peak, "∇J: steepest ascent", COLOURS["path"], "bottom", 6),
            (descent_angle, low, "−∇J: steepest descent", COLOURS_2D["optimum"], "top", -6)):
        lines.append(ax.axvline(angle, color=colour, ls="--", lw=1.3))
        # beside its line, on the side with more room, above the peak / below the trough
        right = angle < 180
        texts.append(ax.annotate(f"{words} ({angle:.0f}°)", (angle, height),
                                 xytext=(5 if right else -5, dy), textcoords="offset points",
                                 ha="left" if right else "right", va=va, color=colour,
                                 fontsize=fontsize))
    zero_angles = np.asarray(zero_angles, dtype=float)
    (zeros,) = ax.plot(zero_angles, np.zeros_like(zero_angles), "o", color="0.25", ms=7, zorder=4)
    for angle in zero_angles:
        # the label goes on the side of the zero line the curve leaves empty next to it
        falling = np.interp(angle + 1.0, angles_deg, slopes) < 0
        texts.append(ax.annotate(f"slope 0 ({angle:.0f}°)", (angle, 0), xytext=(-6, -6 if falling else 6),
                                 textcoords="offset points", ha="right", va="top" if falling else "bottom",
                                 color="0.25", fontsize=fontsize))
    span = peak - low
    ax.set_ylim(low - 0.25 * span, peak + 0.25 * span)
    ax.set_xlim(angles_deg[0], angles_deg[-1])
    ax.set_xticks(np.arange(0, 361, 45))
    ax.set_xlabel("direction of u (degrees)")
    ax.set_ylabel("slope ∇J·u")
    return curve, lines, zeros, texts


def plot_path_2d(ax, points, **style):
    """The visited points joined in order, one marker per step; returns (line, start, end)."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    style = {"color": COLOURS["path"], "marker": "o", "ms": 3.5, "lw": 1.3, **style}
    (line,) = ax.plot(points[:, 0], points[:, 1], zorder=4, **style)
    (start,) = ax.plot(points[:1, 0], points[:1, 1], "o", color=COLOURS["start"], ms=10,
                       mec="white", zorder=5, label="start")
    (end,) = ax.plot(points[-1:, 0], points[-1:, 1], "*", color=COLOURS["end"], ms=15,
                     mec="white", zorder=5, label="last point")
    return line, start, end


def set_path_2d(artists, points) -> None:
    """Move the (line, start, end) of :func:`plot_path_2d` to new points."""
    line, start, end = artists
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    line.set_data(points[:, 0], points[:, 1])
    start.set_data(points[:1, 0], points[:1, 1])
    end.set_data(points[-1:, 0], points[-1:, 1])


def gradient_field(objective, n: int = 15, margin: float = 0.06):
    """Points of a coarse grid and the unit vectors of −∇J there (zero where ∇J = 0)."""
    (x0, x1), (y0, y1) = objective.x_range, objective.y_range
    dx, dy = margin * (x1 - x0), margin * (y1 - y0)
    X, Y = np.meshgrid(np.linspace(x0 + dx, x1 - dx, n), np.linspace(y0 + dy, y1 - dy, n))
    g = objective.grad(np.stack([X, Y], axis=-1))
    norm = np.linalg.norm(g, axis=-1, keepdims=True)
    unit = np.divide(g, norm, out=np.zeros_like(g), where=norm > 0)
    return X, Y, unit[..., 0], unit[..., 1]


def plot_gradient_quiver(ax, X, Y, U, V, **style):
    """Arrows (U, V) at the grid points; pass unit vectors for a readable field. Returns the Quiver."""
    style = {"color": COLOURS_2D["quiver"], "angles": "xy", "pivot": "tail", "width": 0.004,
             **style}
    return ax.quiver(X, Y, U, V, zorder=3, **style)


def plot_surface(ax3d, X, Y, Z, cmap: str = "Blues_r", z_clip: float | None = None,
                 resolution: int = 60):
    """The graph of J as a 3-D surface; ``z_clip`` caps J so steep corners do not dominate.

    ``resolution``: facets per side (a narrow valley needs more, or its floor looks saw-toothed)."""
    if z_clip is not None:
        Z = np.minimum(Z, z_clip)
    surface = ax3d.plot_surface(X, Y, Z, cmap=cmap, linewidth=0, antialiased=True, alpha=0.9,
                                rcount=resolution, ccount=resolution)
    ax3d.set_xlabel("x")
    ax3d.set_ylabel("y")
    ax3d.set_zlabel("J")
    return surface


def plot_eigen_directions(ax, bowl, length: float | None = None):
    """Arrows along the slow (λ_min) and fast (λ_max) eigen-directions of a bowl; returns both."""
    if length is None:
        length = 0.85 * (bowl.x_range[1] - bowl.x_range[0]) / 2
    artists = []
    for direction, role, lam in ((bowl.slow_direction, "slow", bowl.lam_min),
                                 (bowl.fast_direction, "fast", bowl.lam_max)):
        tip = length * direction
        artists.append(ax.annotate(
            "", xy=tip, xytext=-tip, zorder=2,
            arrowprops={"arrowstyle": "<->", "color": COLOURS_2D[role], "lw": 2.5, "alpha": 0.85}))
    return artists


def bowl_legend_handles(last: str = "last point drawn"):
    """Legend entries for a bowl picture: the two eigen-direction arrows, the start and the end."""
    from matplotlib.lines import Line2D

    return [Line2D([], [], color=COLOURS_2D["slow"], lw=2.5, label="gently curved axis (λ_min)"),
            Line2D([], [], color=COLOURS_2D["fast"], lw=2.5, label="sharply curved axis (λ_max)"),
            Line2D([], [], ls="none", marker="o", color=COLOURS["start"], ms=9, label="start"),
            Line2D([], [], ls="none", marker="*", color=COLOURS["end"], ms=12, label=last)]


def label_eigen_directions(ax, bowl, length: float | None = None, fontsize: float = 10):
    """Write "λ = …" and what it means at the tip of each eigen-direction arrow; returns the texts."""
    if length is None:
        length = 0.85 * (bowl.x_range[1] - bowl.x_range[0]) / 2
    texts = []
    for direction, role, lam, words in ((bowl.slow_direction, "slow", bowl.lam_min, "gently curved"),
                                        (bowl.fast_direction, "fast", bowl.lam_max, "sharply curved")):
        tip = length * direction * 1.04
        texts.append(ax.text(*tip, f"λ = {lam:g}\n{words}", color=COLOURS_2D[role], fontsize=fontsize,
                             ha="left" if tip[0] >= 0 else "right", va="bottom" if tip[1] >= 0 else "top"))
    return texts


def set_eigen_directions(artists, bowl, length: float | None = None) -> None:
    """Turn the arrows of :func:`plot_eigen_directions` to a new bowl's eigen-directions."""
    if length is None:
        length = 0.85 * (bowl.x_range[1] - bowl.x_range[0]) / 2
    for arrow, direction in zip(artists, (bowl.slow_direction, bowl.fast_direction)):
        arrow.xy = tuple(length * direction)
        arrow.set_position(tuple(-length * direction))


def basin_colormap(n_minima: int) -> tuple[ListedColormap, int]:
    """A colour map for basin labels −2 (unsettled), −1 (diverged), 0 … m−1, and its offset."""
    colours = [UNSETTLED_COLOUR, DIVERGED_COLOUR] + BASIN_COLOURS[:n_minima]
    return ListedColormap(colours), 2


def plot_basin_map(ax, basins):
    """Colour every start by the minimum it reached; returns (image, minima markers)."""
    cmap, offset = basin_colormap(len(basins.minima))
    extent = (basins.xs[0], basins.xs[-1], basins.ys[0], basins.ys[-1])
    image = ax.imshow(basins.labels + offset, origin="lower", extent=extent, cmap=cmap,
                      vmin=-0.5, vmax=cmap.N - 0.5, interpolation="nearest", aspect="equal")
    markers = [ax.plot(*m, "o", color=BASIN_COLOURS[i], ms=11, mec="black", mew=1.5, zorder=3)[0]
               for i, m in enumerate(basins.minima)]
    ax.set_xlabel("x₀")
    ax.set_ylabel("y₀")
    return image, markers


def basin_legend_handles(basins):
    """Legend patches naming each colour of a basin map (only labels that occur)."""
    from matplotlib.patches import Patch

    present = set(np.unique(basins.labels).tolist())
    handles = [Patch(color=BASIN_COLOURS[i], label=f"→ minimum {i + 1}")
               for i in range(len(basins.minima)) if i in present]
    if -1 in present:
        handles.append(Patch(color=DIVERGED_COLOUR, label="diverged"))
    if -2 in present:
        handles.append(Patch(color=UNSETTLED_COLOUR, ec="0.6", label="never settled"))
    return handles


def plot_lr_sweep(ax, sweep, cliff: float | None = None, floor: float = 1e-16, **style):
    """Final loss against η on log–log axes, with the theoretical cliff as a vertical line.

    Losses below ``floor`` (the round-off level of a loss of order one) are drawn at the floor, so
    the axis shows the zones rather than 60 empty decades. Diverged runs (infinite loss) are drawn
    as crosses along the top edge. Returns (line, diverged markers, cliff line or None).
    """
    finite = np.isfinite(sweep.final_loss)
    floor = np.maximum(sweep.final_loss, floor)
    style = {"color": COLOURS["curve"], "lw": 1.8, **style}
    (line,) = ax.loglog(sweep.lrs[finite], floor[finite], label=f"loss after {sweep.steps} steps",
                        **style)
    top = np.nanmax(floor[finite]) if finite.any() else 1.0
    (lost,) = ax.plot(sweep.lrs[~finite], np.full((~finite).sum(), top), "x",
                      color=COLOURS_2D["cliff"], ms=4, label="diverged (loss → ∞)")
    ax.axhline(sweep.start_loss, color="0.5", ls=":", lw=1, label="loss at the start")
    cliff_line = None
    if cliff is not None:
        cliff_line = ax.axvline(cliff, color=COLOURS_2D["cliff"], ls="--", lw=1.5,
                                label=f"2/λ_max = {cliff:.3g}")
    ax.set_xlabel("learning rate η")
    ax.set_ylabel("J after the run")
    return line, lost, cliff_line


#: Colours for several runs side by side: none of them is the green/purple of the eigen-directions.
RUN_COLOURS = ("#1f3b73", "#e9a03b", "#d1495b", "#6c757d", "#2a9d8f")


def plot_losses(ax, curves: dict, reference: float = 0.0, floor: float = 1e-16):
    """Several loss curves J(x_k) − reference against k on a log scale; returns the lines.

    Coloured from ``RUN_COLOURS`` (not the default cycle, whose green would read as "slow
    direction" next to the eigen-direction pictures)."""
    lines = []
    for (label, losses), colour in zip(curves.items(), RUN_COLOURS * len(curves)):
        gap = np.maximum(np.asarray(losses, dtype=float) - reference, floor)
        lines.append(ax.semilogy(np.arange(len(gap)), gap, lw=1.6, color=colour, label=label)[0])
    ax.set_xlabel("iteration k")
    ax.set_ylabel("J(x_k) − J_min")
    return lines


def plot_iterations_vs_kappa(ax, kappas, counts: dict, exponents: dict, models: dict | None = None):
    """Iterations to a tolerance against κ on log–log axes, one line per method with its slope.

    ``models`` (label → values) adds model curves as dashed lines; the measurements are then
    drawn as markers only, so a model that coincides with them stays visible.
    """
    lines = []
    for (label, values), marker in zip(counts.items(), "os^"):
        lines.append(ax.loglog(kappas, values, marker=marker, lw=0 if models else 1.6,
                               label=f"{label}: slope {exponents[label]:.2f}")[0])
    for label, values in (models or {}).items():
        lines.append(ax.loglog(kappas, values, "--", color="0.4", lw=1.2, label=label)[0])
    ax.set_xlabel("condition number κ = λ_max / λ_min")
    ax.set_ylabel("iterations to reach tolerance")
    return lines


def plot_contraction_v(ax, lrs, measured, lam_min: float, lam_max: float, fontsize: float = 9):
    """The factor per step against η: measured points on the V max(1 − ηλ_min, |1 − ηλ_max|).

    Each branch is named by the direction that limits it, the best step η* = 2/(λ_min + λ_max)
    and the cliff 2/λ_max are vertical lines, and the line y = 1 separates shrinking from growing.
    Returns (measured dots, formula line, [η* line, cliff line], branch texts).
    """
    lrs, measured = np.asarray(lrs, dtype=float), np.asarray(measured, dtype=float)
    formula = np.maximum(np.abs(1 - lrs * lam_min), np.abs(1 - lrs * lam_max))
    (dots,) = ax.plot(lrs, measured, "o", ms=3, color=COLOURS["path"], label="measured from runs")
    (line,) = ax.plot(lrs, formula, color=COLOURS["curve"], label="max |1 − ηλᵢ|")
    eta_star, cliff = 2 / (lam_min + lam_max), 2 / lam_max
    verticals = [ax.axvline(eta_star, color=COLOURS_2D["optimum"], ls=":", lw=2,
                            label=f"η* = 2/(λ_min + λ_max) = {eta_star:.3g}")]
    if lrs[0] < cliff < lrs[-1]:
        verticals.append(ax.axvline(cliff, color=COLOURS_2D["cliff"], ls="--", lw=1.5,
                                    label=f"cliff 2/λ_max = {cliff:.3g}"))
    ax.axhline(1.0, color="0.5", lw=1, label="1: above it the error grows")
    texts = []
    # each name beside its branch: above the gently falling left one, below-right of the steep one
    left = lrs[lrs < eta_star]
    if left.size:
        x = left[len(left) // 20]
        texts.append(ax.annotate("1 − ηλ_min (slow direction)", (x, 1 - x * lam_min),
                                 xytext=(0, 8), textcoords="offset points", ha="left", va="bottom",
                                 color=COLOURS["curve"], fontsize=fontsize))
    right = lrs[lrs > eta_star]
    if right.size:
        x = right[len(right) // 2]
        texts.append(ax.annotate("ηλ_max − 1\n(fast direction)", (x, x * lam_max - 1),
                                 xytext=(6, -6), textcoords="offset points", ha="left", va="top",
                                 color=COLOURS["curve"], fontsize=fontsize))
    ax.set_xlabel("learning rate η")
    ax.set_ylabel("factor per step (< 1 shrinks)")
    return dots, line, verticals, texts


def label_points(ax, points, texts, offset=(0, -11), fontsize: float = 9, **style):
    """Write a short text under (by default) each point, on a white box; returns the Annotations."""
    look = {"ha": "center", "va": "top" if offset[1] < 0 else "bottom", "fontsize": fontsize,
            "zorder": 7, "bbox": {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                  "alpha": 0.85}, **style}
    return [ax.annotate(text, tuple(p), xytext=offset, textcoords="offset points", **look)
            for p, text in zip(np.asarray(points, dtype=float).reshape(-1, 2), texts)]
