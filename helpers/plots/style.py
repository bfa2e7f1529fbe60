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

Colours alone never tell two roles apart: ``ROLE_SHAPES`` records the marker, line style and
fill each role is drawn with, and the colour test (tests/unit/plots/test_style.py) checks that every
pair of roles with the same shape stays far apart in colour (CAM02-UCS ΔE ≥ ``MIN_DELTA_E``)
under simulated deuteranopia, protanopia and tritanopia.
"""
from __future__ import annotations

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
