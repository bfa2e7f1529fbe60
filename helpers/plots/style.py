"""One switch for how every figure and panel of the workbook looks.

    from helpers import plots
    plots.style.use("projector")     # large text and thick lines, colour-blind-safe colours
    plots.style.use("colourblind")   # Okabe–Ito colours; every role also has its own marker or line
    plots.style.use("dark")          # light lines on a dark background, colour-blind-safe colours
    plots.style.use("default")       # back to the workbook's usual look

Call it before the figures and panels it should change are made (at the top of a notebook, or
re-run the cells after it): it changes the role colours every drawing function reads
(``plots.COLOURS``, changed in place, so every module that imported it sees the change) and
matplotlib's ``rcParams``.

Each live panel also has a "look" menu (standard / projector / colour-blind / dark) that
re-styles that one panel at once (``restyle``: colours, text and line sizes, background, status
line), without changing the workbook's mode; what the panel draws later takes its own look.

Colours alone never tell two roles apart: ``ROLE_SHAPES`` records the marker, line style and
fill each role is drawn with, and the colour test (tests/unit/plots/test_style.py) checks that every
pair of roles with the same shape stays far apart in colour (CAM02-UCS ΔE ≥ ``MIN_DELTA_E``)
under simulated deuteranopia, protanopia and tritanopia.
"""
from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl

from .figure import COLOURS

#: Okabe & Ito (2008), "Color Universal Design": black, orange, sky blue, bluish green,
#: yellow, blue, vermillion, reddish purple. matplotlib ≥ 3.11 ships the same list as the
#: ``okabe_ito`` colour sequence; this copy serves older versions.
OKABE_ITO = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")

#: How each role is drawn besides its colour: (marker, line style, marker fill). "" = none.
ROLE_SHAPES = {
    "curve": ("", "-", ""),            # the objective J(x): a plain solid line
    "path": ("o", "-", "full"),        # the visited points, joined in order
    "start": ("o", "", "full"),        # a large filled dot, no line
    "end": ("*", "", "full"),          # a star
    "tangent": ("", "-", ""),          # short solid segments (told from the curve by colour)
    "minimum": ("v", "", "none"),      # open triangles
}

#: Smallest colour difference (CAM02-UCS ΔE) between two roles drawn with the same shape, under
#: each simulated colour-vision deficiency, and between any role and the axes' background.
#: 20 is about four times the difference that reads as "clearly different" side by side in
#: CAM02-UCS (ΔE ≈ 5; Luo, Cui & Li 2006), a margin for thin lines and washed-out projectors.
MIN_DELTA_E = 20.0

_DEFAULT = dict(COLOURS)  # the workbook's usual colours, as figure.py defines them
_BLUE, _ORANGE, _SKY, _GREEN, _VERMILLION, _PURPLE = (OKABE_ITO[i] for i in (5, 1, 2, 3, 6, 7))
_COLOURBLIND = {"curve": _BLUE, "path": _VERMILLION, "start": _GREEN, "end": _PURPLE,
                "tangent": _ORANGE, "minimum": OKABE_ITO[0]}
_DARK = {**_COLOURBLIND, "curve": _SKY, "minimum": "#dddddd"}

#: The role colours of each mode.
PALETTES = {"default": _DEFAULT, "colourblind": _COLOURBLIND, "projector": _COLOURBLIND,
            "dark": _DARK}

_PROJECTOR_RC = {"font.size": 15, "axes.titlesize": 16, "axes.labelsize": 15,
                 "xtick.labelsize": 13, "ytick.labelsize": 13, "legend.fontsize": 13,
                 "lines.linewidth": 3.0, "lines.markersize": 9, "axes.linewidth": 1.4,
                 "xtick.major.width": 1.4, "ytick.major.width": 1.4, "grid.linewidth": 1.0}
_DARK_RC = {"figure.facecolor": "#1e1e1e", "axes.facecolor": "#1e1e1e",
            "savefig.facecolor": "#1e1e1e", "axes.edgecolor": "#cccccc",
            "axes.labelcolor": "#eeeeee", "text.color": "#eeeeee", "xtick.color": "#cccccc",
            "ytick.color": "#cccccc", "grid.color": "#555555", "legend.facecolor": "#2a2a2a",
            "legend.edgecolor": "#777777"}

_BASE_RC = {key: mpl.rcParams[key] for key in
            {*_PROJECTOR_RC, *_DARK_RC, "axes.prop_cycle"}}
_mode = "default"


def okabe_ito() -> list[str]:
    """The Okabe–Ito colours as hex strings, from matplotlib when it has them."""
    sequence = mpl.color_sequences.get("okabe_ito") if hasattr(mpl, "color_sequences") else None
    if sequence is None:
        return list(OKABE_ITO)
    return [mpl.colors.to_hex(colour).upper() for colour in sequence]


def background(mode: str) -> str:
    """The axes' background colour in ``mode``."""
    return _DARK_RC["axes.facecolor"] if mode == "dark" else "#ffffff"


def use(mode: str) -> None:
    """Switch every figure and panel made from now on to ``mode``.

    Parameters
    ----------
    mode : {"default", "projector", "colourblind", "dark"}

    Raises
    ------
    ValueError
        For any other name (the message lists the valid ones).
    """
    global _mode
    if mode not in PALETTES:
        raise ValueError(f"unknown style {mode!r}: choose one of {', '.join(map(repr, PALETTES))}")
    COLOURS.clear()
    COLOURS.update(PALETTES[mode])
    mpl.rcParams.update(_BASE_RC)
    if mode != "default":
        mpl.rcParams["axes.prop_cycle"] = mpl.cycler(color=okabe_ito()[1:])
    if mode == "projector":
        mpl.rcParams.update(_PROJECTOR_RC)
    if mode == "dark":
        mpl.rcParams.update(_DARK_RC)
    _mode = mode


def current() -> str:
    """The name of the mode in use."""
    return _mode


#: The look menu of every panel: label → mode.
LOOKS = {"standard": "default", "projector": "projector", "colour-blind": "colourblind",
         "dark": "dark"}

#: The status line's colours by kind of message, and the chip behind it, for light and dark
#: looks: the chip carries its own background, so the line reads the same on JupyterLab's light
#: and dark themes (text on chip: WCAG contrast ≥ 4.5, tests/unit/plots/test_style.py).
STATUS_LIGHT = {"good": "#1b7f3b", "warn": "#8a5300", "bad": "#b3261e", "info": "#1f3b73",
                "chip": "#ffffff"}
STATUS_DARK = {"good": "#7ee2a0", "warn": "#ffc266", "bad": "#ff9b8f", "info": "#a8c7ff",
               "chip": "#1e1e1e"}


def status_colours(mode: str) -> dict:
    """Colours of the status line (and its chip) in ``mode``."""
    return STATUS_DARK if mode == "dark" else STATUS_LIGHT


def rc_of(mode: str) -> dict:
    """The rcParams values ``use(mode)`` sets, for the keys the modes change."""
    rc = dict(_BASE_RC)
    if mode != "default":
        rc["axes.prop_cycle"] = mpl.cycler(color=okabe_ito()[1:])
    if mode == "projector":
        rc.update(_PROJECTOR_RC)
    if mode == "dark":
        rc.update(_DARK_RC)
    return rc


@contextmanager
def applied(mode: str | None):
    """Use ``mode`` inside the block, then go back to the mode in use before (``None``: no change)."""
    before = _mode
    if mode is None or mode == before:
        yield
        return
    use(mode)
    try:
        yield
    finally:
        use(before)


def _points(size, rc: dict) -> float:
    """A font size (points or a name such as "large") in points under ``rc``."""
    from matplotlib.font_manager import font_scalings

    base = rc.get("font.size", mpl.rcParams["font.size"])
    return base * font_scalings[size] if isinstance(size, str) else float(size)


def _hex(colour) -> str | None:
    try:
        return mpl.colors.to_hex(colour, keep_alpha=False).lower()
    except (ValueError, TypeError):
        return None


class _ColourMap:
    """How ``restyle`` recolours an artist from one mode to another."""

    def __init__(self, old: str, new: str):
        old_rc, new_rc = rc_of(old), rc_of(new)
        self.roles: dict[str, list[str]] = {}
        for role in ROLE_SHAPES:
            self.roles.setdefault(_hex(PALETTES[old][role]), []).append(role)
        self.new_palette = PALETTES[new]
        cycle_old = [_hex(c) for c in old_rc["axes.prop_cycle"].by_key()["color"]]
        cycle_new = new_rc["axes.prop_cycle"].by_key()["color"]
        self.general = dict(zip(cycle_old, cycle_new))
        self.general.setdefault(_hex(old_rc["axes.facecolor"]), new_rc["axes.facecolor"])
        self.general.setdefault(_hex(old_rc["text.color"]), new_rc["text.color"])
        self.text = {_hex(old_rc["text.color"]): new_rc["text.color"],
                     _hex(old_rc["axes.labelcolor"]): new_rc["axes.labelcolor"]}
        self.old_rc, self.new_rc = old_rc, new_rc

    def __call__(self, colour, marker: str = "", text: bool = False):
        """The new colour for ``colour`` (alpha kept), or None when it stays as it is."""
        key = _hex(colour)
        if key is None:
            return None
        roles = self.roles.get(key)
        if roles:  # two roles of one colour (the default path and end): the marker decides
            role = next((r for r in roles if ROLE_SHAPES[r][0] == marker), roles[0])
            target = self.new_palette[role]
        else:
            target = (self.text if text else {}).get(key) or self.general.get(key)
        if target is None or _hex(target) == key:
            return None
        alpha = mpl.colors.to_rgba(colour)[3]
        return mpl.colors.to_rgba(target, alpha)


def restyle(fig, old: str, new: str, extra=()) -> None:
    """Re-style an existing figure made in mode ``old`` as if it had been made in ``new``.

    Role colours, the colour cycle and the background and text colours are swapped, and the
    font sizes, line widths and marker sizes that came from the mode's defaults take the new
    mode's defaults (sizes a drawing function chose itself stay). ``extra``: artists kept off
    the figure for later (a panel's saved contours), re-styled too. Lay the figure out again
    afterwards (its text may have grown).
    """
    from matplotlib.collections import Collection
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    if old == new:
        return
    recolour = _ColourMap(old, new)
    old_rc, new_rc = recolour.old_rc, recolour.new_rc
    def size_of(value, key):
        if round(value, 2) == round(_points(old_rc.get(key, mpl.rcParams[key]), old_rc), 2):
            return _points(new_rc.get(key, mpl.rcParams[key]), new_rc)
        return None

    def width_of(value, key):
        return new_rc.get(key, mpl.rcParams[key]) if value == old_rc.get(key, mpl.rcParams[key]) else None

    fig.patch.set_facecolor(new_rc["figure.facecolor"])
    handled = set()
    for ax in fig.axes:
        if _hex(ax.get_facecolor()) == _hex(old_rc["axes.facecolor"]):
            ax.set_facecolor(new_rc["axes.facecolor"])
        for spine in ax.spines.values():
            if _hex(spine.get_edgecolor()) == _hex(old_rc["axes.edgecolor"]):
                spine.set_edgecolor(new_rc["axes.edgecolor"])
            if (width := width_of(spine.get_linewidth(), "axes.linewidth")) is not None:
                spine.set_linewidth(width)
            handled.add(spine)
        for axis, name in ((ax.xaxis, "xtick"), (ax.yaxis, "ytick")):
            ticks = axis.get_major_ticks()[:1]
            options = {"colors": new_rc[f"{name}.color"], "grid_color": new_rc["grid.color"]}
            if ticks:
                label_size = size_of(ticks[0].label1.get_fontsize(), f"{name}.labelsize")
                if label_size is not None:
                    options["labelsize"] = label_size
                if (width := width_of(ticks[0].tick1line.get_markeredgewidth(), f"{name}.major.width")) is not None:
                    options["width"] = width
            axis.set_tick_params(which="both", **options)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                handled.update((tick.label1, tick.label2, tick.tick1line, tick.tick2line, tick.gridline))
        for label, key in ((ax.title, "axes.titlesize"), (ax._left_title, "axes.titlesize"),
                           (ax._right_title, "axes.titlesize"), (ax.xaxis.label, "axes.labelsize"),
                           (ax.yaxis.label, "axes.labelsize")):
            if (size := size_of(label.get_fontsize(), key)) is not None:
                label.set_fontsize(size)
            if (colour := recolour(label.get_color(), text=True)) is not None:
                label.set_color(colour)
            handled.add(label)
    legends = [a.get_legend() for a in fig.axes if a.get_legend() is not None] + list(fig.legends)
    for legend in legends:
        frame = legend.get_frame()
        face = new_rc["legend.facecolor"]
        frame.set_facecolor(new_rc["axes.facecolor"] if face == "inherit" else face)
        frame.set_edgecolor(new_rc["legend.edgecolor"])
        handled.add(frame)
        for text in legend.get_texts():
            if (size := size_of(text.get_fontsize(), "legend.fontsize")) is not None:
                text.set_fontsize(size)
    artists = [a for a in fig.findobj() if a is not fig.patch] + list(extra)
    for artist in dict.fromkeys(artists):
        if artist in handled or isinstance(artist, Legend):
            continue
        if isinstance(artist, Text):
            if (size := size_of(artist.get_fontsize(), "font.size")) is not None:
                artist.set_fontsize(size)
            if (colour := recolour(artist.get_color(), text=True)) is not None:
                artist.set_color(colour)
            box = artist.get_bbox_patch()
            if box is not None:
                for get, put in ((box.get_facecolor, box.set_facecolor), (box.get_edgecolor, box.set_edgecolor)):
                    if (colour := recolour(get())) is not None:
                        put(colour)
        elif isinstance(artist, Line2D):
            marker = artist.get_marker() if isinstance(artist.get_marker(), str) else ""
            for get, put in ((artist.get_color, artist.set_color),
                             (artist.get_markerfacecolor, artist.set_markerfacecolor),
                             (artist.get_markeredgecolor, artist.set_markeredgecolor)):
                if (colour := recolour(get(), marker)) is not None:
                    put(colour)
            if (width := width_of(artist.get_linewidth(), "lines.linewidth")) is not None:
                artist.set_linewidth(width)
            if (size := width_of(artist.get_markersize(), "lines.markersize")) is not None:
                artist.set_markersize(size)
        elif isinstance(artist, Collection):
            mapped = artist.get_array() is not None  # colours from a colour map: left alone
            parts = [(artist.get_edgecolor, artist.set_edgecolor)]
            if not mapped:
                parts.append((artist.get_facecolor, artist.set_facecolor))
            for get, put in parts:
                colours = get()
                if len(colours) == 0:
                    continue
                new_colours = [recolour(c) for c in colours]
                if any(c is not None for c in new_colours):
                    put([n if n is not None else tuple(c) for n, c in zip(new_colours, colours)])
        elif isinstance(artist, Patch) and artist.axes is not None:
            for get, put in ((artist.get_facecolor, artist.set_facecolor),
                             (artist.get_edgecolor, artist.set_edgecolor)):
                if (colour := recolour(get())) is not None:
                    put(colour)
