"""Pure drawing functions for saddle points: each takes an ``ax`` and data, returns artists.

Surface and contour views with critical points marked and eigen-directions
drawn, the loss and gradient norm against iteration with the plateau shaded,
escape time against the start offset ε, and the random-matrix fractions.
Nothing here computes descent or knows about widgets.
"""
from __future__ import annotations

import numpy as np

from .figure import COLOURS, vertical_band

#: Colours for the roles specific to saddles (the rest come from ``plots.COLOURS``).
SADDLE_COLOURS = {
    "downhill": "#7b2cbf",    # eigen-direction with λ < 0: the way off the saddle
    "uphill": "#1f77b4",      # eigen-direction with λ > 0: along the stable line
    "plateau": "#f4d35e",
    "saddle": "#222222",
    "formula": "#6c757d",
}

#: Marker for each kind of critical point.
KIND_MARKERS = {"minimum": "o", "maximum": "^", "saddle": "X", "degenerate": "D"}


def grid_values(objective, n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X, Y meshes over the objective's window and J on them (vectorised, one call)."""
    xs = np.linspace(*objective.x_range, n)
    ys = np.linspace(*objective.y_range, n)
    X, Y = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        Z = objective.f(np.stack([X, Y], axis=-1))
    return X, Y, Z


def plot_contours(ax, objective, n: int = 200, levels: int = 21, cmap: str = "RdBu_r"):
    """Filled contours of J with thin level lines; returns (filled, lines).

    The colour map is centred on the saddle's level when J takes both signs, so
    blue is below and red above it.
    """
    X, Y, Z = grid_values(objective, n)
    filled = ax.contourf(X, Y, Z, levels=levels, cmap=cmap, alpha=0.75)
    lines = ax.contour(X, Y, Z, levels=filled.levels, colors="k", linewidths=0.4, alpha=0.5)
    ax.set_xlim(objective.x_range)
    ax.set_ylim(objective.y_range)
    ax.set_aspect("equal")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return filled, lines


def plot_surface(ax3d, objective, n: int = 60, cmap: str = "RdBu_r", z_clip: float | None = None):
    """The graph of J as a 3-D surface; ``z_clip`` caps |J| so steep corners do not dominate."""
    X, Y, Z = grid_values(objective, n)
    if z_clip is not None:
        Z = np.clip(Z, -z_clip, z_clip)
    surface = ax3d.plot_surface(X, Y, Z, cmap=cmap, linewidth=0, antialiased=True, alpha=0.85)
    ax3d.set_xlabel("x")
    ax3d.set_ylabel("y")
    ax3d.set_zlabel("J")
    return surface


def mark_critical_points(ax, points, kinds, values=None, size: float = 90):
    """Mark critical points with a marker per kind; on a 3-D axis pass their J ``values``."""
    artists, labelled = [], set()
    for point, kind, *value in zip(points, kinds, *([values] if values is not None else [])):
        style = dict(marker=KIND_MARKERS[kind], s=size, color=SADDLE_COLOURS["saddle"],
                     edgecolor="white", linewidth=1.2, zorder=6,
                     label=kind if kind not in labelled else "_nolegend_")
        labelled.add(kind)
        if value:
            artists.append(ax.scatter([point[0]], [point[1]], [value[0]], **style))
        else:
            artists.append(ax.scatter([point[0]], [point[1]], **style))
    return artists


def plot_eigen_directions(ax, point, eigenvalues, eigenvectors, length: float = 0.9,
                          label: bool = True):
    """Lines through ``point`` along each Hessian eigenvector, coloured by the sign of λ.

    Downhill directions (λ < 0) are red, uphill ones (λ > 0) blue; each line is
    labelled with its eigenvalue. Returns the list of artists.
    """
    p = np.asarray(point, dtype=float)
    artists = []
    for side, lam, v in zip((1, -1), eigenvalues, np.asarray(eigenvectors).T):
        role = "downhill" if lam < 0 else "uphill"
        ends = np.array([p - length * v, p + length * v])
        (line,) = ax.plot(ends[:, 0], ends[:, 1], color=SADDLE_COLOURS[role], linewidth=2.4,
                          linestyle="--", zorder=4)
        artists.append(line)
        if label:
            # Labelled part-way out and beside the line, so the text stays inside the axes.
            flat = abs(v[0]) >= abs(v[1])
            # the two labels on opposite ends of their lines, so they never meet near the point
            spot = p + side * (0.75 if flat else 0.55) * length * v
            artists.append(ax.annotate(
                f"λ = {lam + 0:g}\n{role}".replace("-", "−"), spot, xytext=(0, 7) if flat else (7, 0),
                textcoords="offset points", ha="center" if flat else "left",
                va="bottom" if flat else "center", linespacing=1.0,
                color=SADDLE_COLOURS[role], fontsize=8, fontweight="bold", zorder=7,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.8)))
    return artists


#: The path colour on contour maps: black-green, neither red nor blue like the contours.
PATH_ON_MAP = "#0b3d2e"


def plot_path_2d(ax, points, **style):
    """The descent path as a line with a dot per iterate; returns (path line, start dot).

    The line has a white outline, so it stays visible over the red and blue contours
    and over the dashed eigen-directions it often runs along.
    """
    from matplotlib import patheffects

    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    style = {"color": PATH_ON_MAP, "marker": ".", "markersize": 4, "linewidth": 1.6,
             "zorder": 5, "path_effects": [patheffects.withStroke(linewidth=3.6, foreground="white")],
             **style}
    (path,) = ax.plot(pts[:, 0], pts[:, 1], **style)
    (start,) = ax.plot(pts[:1, 0], pts[:1, 1], "o", color=COLOURS["start"], markersize=8,
                       zorder=6)
    return path, start


def shade_plateau(ax, plateau):
    """A shaded band over the plateau iterations (first, last); hidden when ``plateau`` is None."""
    band = vertical_band(ax, 0, 1, color=SADDLE_COLOURS["plateau"], alpha=0.45, zorder=1.6, lw=0,
                         label="plateau")
    set_plateau(band, plateau)
    return band


def set_plateau(band, plateau) -> None:
    """Move the band made by :func:`shade_plateau` to a new plateau (or hide it)."""
    if plateau is None:
        band.set_visible(False)
        return
    first, last = plateau
    band.set_x(first)
    band.set_width(max(last - first, 0.5))
    band.set_visible(True)


def plot_loss_with_plateau(ax, losses, plateau, **style):
    """J(w_k) against k with the plateau shaded; returns (line, band)."""
    losses = np.asarray(losses, dtype=float)
    style = {"color": COLOURS["curve"], "linewidth": 1.8, **style}
    (line,) = ax.plot(np.arange(len(losses)), losses, **style)
    band = shade_plateau(ax, plateau)
    ax.set_xlabel("iteration k")
    ax.set_ylabel("loss J(w_k)")
    return line, band


def plot_grad_norms(ax, grad_norms, plateau=None, **style):
    """‖∇J(w_k)‖ against k on a log axis (zeros are left out); returns (line, band)."""
    g = np.asarray(grad_norms, dtype=float)
    style = {"color": COLOURS["tangent"], "linewidth": 1.8, **style}
    (line,) = ax.semilogy(np.arange(len(g)), np.where(g > 0, g, np.nan), **style)
    band = shade_plateau(ax, plateau)
    ax.set_xlabel("iteration k")
    ax.set_ylabel("gradient norm ‖∇J(w_k)‖")
    return line, band


def plot_escape_times(ax, eps, measured, predicted):
    """Measured escape steps (dots) and the formula ln(1/ε)/ln(1 + 2η) (line) against ε, log x."""
    dots = ax.semilogx(eps, measured, "o", color=COLOURS["path"], label="measured (first k with |y| ≥ 1)")
    line = ax.semilogx(eps, predicted, "-", color=COLOURS["curve"], label="formula ln(1/ε)/ln(1 + 2η)")
    ax.set_xlabel("start offset ε (log scale; closer to the stable line →)")
    ax.set_ylabel("steps to escape")
    ax.invert_xaxis()
    ax.legend(loc="upper left", fontsize=9)
    return dots[0], line[0]


def plot_momentum_escape(ax, eps, measured, growth: float, beta: float):
    """Momentum's measured escape steps (squares) and its own line ln(1/ε)/ln r (dashed).

    ``growth`` is r, the larger root of r² − (1 + 2η + β) r + β = 0.
    """
    eps = np.asarray(eps, dtype=float)
    colour = COLOURS["start"]
    (squares,) = ax.semilogx(eps, measured, "s", color=colour, label=f"momentum β = {beta:g}, measured")
    (line,) = ax.semilogx(eps, np.log(1 / eps) / np.log(growth), "--", color=colour,
                          label=f"ln(1/ε)/ln r, r = {growth:.3f}")
    return squares, line


def plot_noise_median(ax, median: float, sigma: float):
    """A dotted horizontal line at the median escape time of noisy descent started at ε = 0."""
    return ax.axhline(median, color=COLOURS["tangent"], ls=":", lw=2,
                      label=f"noise σ = {sigma:g} from ε = 0 (median)")


def plot_plateau_runs(ax_loss, ax_grad, runs: dict, threshold: float):
    """Loss and gradient norm of several runs from different offsets ε, each plateau marked.

    Parameters
    ----------
    runs : dict ε → ``SaddleRun`` (losses, grad_norms, plateau).
    threshold : the gradient norm below which a run counts as on its plateau
        (drawn as a dotted line on the gradient-norm axis).

    Each run gets its own colour and line style; its plateau is a bar of the same
    colour above the flat part of the loss, labelled with its length in steps.
    Returns the list of bars (one per run with a plateau).
    """
    styles = [(COLOURS["curve"], "-"), (COLOURS["path"], "--"), (COLOURS["start"], "-.")]
    bars = []
    for i, ((eps, r), (colour, dash)) in enumerate(zip(runs.items(), styles)):
        label = f"ε = {eps:.0e}"
        k = np.arange(len(r.losses))
        ax_loss.plot(k, r.losses, color=colour, ls=dash, lw=1.8, label=label)
        g = np.asarray(r.grad_norms, dtype=float)
        ax_grad.semilogy(k, np.where(g > 0, g, np.nan), color=colour, ls=dash, lw=1.8, label=label)
        if r.plateau is not None:
            first, last = r.plateau
            height = 0.3 + 0.4 * i
            (bar,) = ax_loss.plot([first, last], [height, height], color=colour, lw=5,
                                  solid_capstyle="butt")
            ax_loss.text(first, height + 0.05, f"plateau of ε = {eps:.0e}: {last - first + 1} steps",
                         color=colour, fontsize=9, va="bottom")
            bars.append(bar)
    ax_grad.axhline(threshold, color="0.4", ls=":", lw=1.2)
    for ax in (ax_loss, ax_grad):
        ax.set_xlabel("iteration k")
        ax.grid(True, alpha=0.3)
    ax_loss.set_ylabel("loss J(w_k)")
    ax_grad.set_ylabel("‖∇J(w_k)‖")
    return bars


def mark_falling_sectors(ax, objective, point, radius: float = 0.8, n: int = 720):
    """Arrows from ``point`` into each sector where J falls below J(point), labelled "falls".

    The sectors are found by sampling J on a circle of ``radius`` around the point;
    returns the annotations (one per sector).
    """
    p = np.asarray(point, dtype=float)
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    ring = p + radius * np.column_stack([np.cos(angles), np.sin(angles)])
    below = objective.f(ring) < objective.f(p)
    if below.all() or not below.any():
        return []
    start = int(np.argmax(~below))          # roll so the list starts outside a sector
    below, angles = np.roll(below, -start), np.roll(angles, -start)
    edges = np.flatnonzero(np.diff(below.astype(int)))
    arrows = []
    for begin, end in zip(edges[::2] + 1, edges[1::2]):
        middle = np.angle(np.mean(np.exp(1j * angles[begin:end + 1])))
        direction = np.array([np.cos(middle), np.sin(middle)])
        arrows.append(ax.annotate(
            "falls", p, xytext=p + radius * direction, ha="center", va="center", fontsize=9,
            color=SADDLE_COLOURS["downhill"], fontweight="bold", zorder=7,
            arrowprops=dict(arrowstyle="<-", color=SADDLE_COLOURS["downhill"], lw=2,
                            shrinkA=6, shrinkB=8),
            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85)))
    return arrows


def height_key(fig, filled, axes):
    """One colour bar for several contour maps: blue is low J, red is high J (no numbers,
    since each map has its own range); returns the colour bar."""
    bar = fig.colorbar(filled, ax=axes, location="bottom", fraction=0.04, pad=0.02, aspect=60,
                       shrink=0.6)
    low, high = filled.levels[0], filled.levels[-1]
    bar.set_ticks([low, high], labels=["low J", "high J"])
    bar.ax.tick_params(labelsize=9, length=0)
    return bar


def plot_definite_fractions(ax, dims, fractions, trials: int):
    """Fraction of random symmetric matrices with all eigenvalues > 0, against dimension.

    A log axis shows the fall; dimensions where no matrix out of ``trials`` was
    positive definite are drawn as open triangles at the bound 1/trials.
    """
    dims, fractions = np.asarray(dims), np.asarray(fractions, dtype=float)
    seen = fractions > 0
    (dots,) = ax.semilogy(dims[seen], fractions[seen], "o-", color=COLOURS["curve"],
                          label="all eigenvalues > 0 (would be a minimum)")
    artists = [dots]
    if not seen.all():
        artists.append(ax.semilogy(dims[~seen], np.full((~seen).sum(), 1 / trials), "v",
                                   color=COLOURS["minimum"], markerfacecolor="none",
                                   label=f"none in {trials:,} (below this)")[0])
    ax.set_xlabel("dimension n")
    ax.set_ylabel("fraction of random matrices")
    ax.set_xticks(dims)
    ax.legend(fontsize=9)
    return artists


def surface_axes(fig, ax):
    """Replace a 2-D axes of ``fig`` by a 3-D axes in the same grid cell; returns the new axes."""
    spec = ax.get_subplotspec()
    ax.remove()
    return fig.add_subplot(spec, projection="3d")


def plot_critical_point_views(ax3d, ax, objective, info, minima=(), length: float = 0.8):
    """Surface (on ``ax3d``) and contours (on ``ax``) of one objective around a critical point.

    ``info`` is a ``CriticalPoint``; its kind sets the marker and, unless it is
    degenerate, its eigen-directions are drawn on the contour plot; at a degenerate
    point arrows show the sectors where J falls. Returns (ax3d, ax, filled contours).
    """
    plot_surface(ax3d, objective)
    ax3d.computed_zorder = False   # draw the marker on top of the surface, not hidden under it
    mark_critical_points(ax3d, [info.point], [info.kind], [info.value], size=120)
    filled, _ = plot_contours(ax, objective)
    points = [info.point] + [np.asarray(m) for m in minima]
    mark_critical_points(ax, points, [info.kind] + ["minimum"] * len(minima))
    if info.kind != "degenerate":
        plot_eigen_directions(ax, info.point, info.eigenvalues, info.eigenvectors, length)
    else:
        mark_falling_sectors(ax, objective, info.point, radius=length)
    ax3d.set_title(f"J = {objective.formula}", fontsize=11)
    lam = ", ".join(f"{v + 0:g}" for v in info.eigenvalues)   # + 0 turns −0 into 0
    ax.set_title(f"{info.kind}: Hessian eigenvalues {lam}", fontsize=10)
    return ax3d, ax, filled


def plot_offsets_against_steps(ax, runs, colours, radius: float | None = None):
    """|offset along the unstable direction| against the step k, on a log axis, one line per run.

    Parameters
    ----------
    runs : dict label → array of offsets (one per iterate); a run whose offsets
        are all exactly 0 cannot sit on a log axis and is named in a note instead.
    colours : dict label → colour.
    radius : if given, a dotted line at the escape radius.

    Returns
    -------
    The lines drawn.
    """
    lines, never = [], []
    for label, offsets in runs.items():
        size = np.abs(np.asarray(offsets, dtype=float))
        if not np.any(size > 0):
            never.append(label)
            continue
        lines.append(ax.semilogy(np.arange(len(size)), np.where(size > 0, size, np.nan),
                                 color=colours[label], label=label)[0])
    if radius is not None:
        ax.axhline(radius, color=COLOURS["minimum"], ls=":", lw=1)
    for i, label in enumerate(never):
        ax.text(0.98, 0.04 + 0.08 * i, f"{label}: offset exactly 0 at every step", ha="right",
                transform=ax.transAxes, fontsize=9, color=colours[label])
    ax.set_xlabel("iteration k")
    ax.set_ylabel("|x_k| (distance from the stable line)")
    return lines
