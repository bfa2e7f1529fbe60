"""What every figure of the workbook must satisfy, checked on the figure itself.

A figure must fit the 940-px notebook column, its smallest text must stay readable there
(9 px), no two labels may overlap and no label may stick out of the figure. ``problems``
lists what is wrong in words; tests and ``show`` (under ``WORKBOOK_STRICT_FIGURES=1``) use it.
"""
from __future__ import annotations

import itertools
import os

from matplotlib.text import Text

COLUMN_PX = 940
SMALLEST_TEXT_PX = 9.0
TIGHT_PAD_INCHES = 0.1  # matplotlib's savefig.pad_inches


def _drawn_texts(fig) -> list[Text]:
    """Every non-empty text the renderer actually draws (tick labels outside the view are not)."""
    drawn = []
    original = Text.draw

    def recording_draw(text, renderer):
        if text.get_visible() and text.get_text().strip():
            drawn.append(text)
        return original(text, renderer)

    Text.draw = recording_draw
    try:
        fig.canvas.draw()
    finally:
        Text.draw = original
    return list(dict.fromkeys(drawn))


def _name(text: Text) -> str:
    return repr(text.get_text().strip()[:30])


def _clipped_by_axes(text: Text, renderer) -> bool:
    """Text drawn inside an axes with clipping on (annotations in the data area) may be cut off
    by design; only labels outside that rule are checked against the figure's edges."""
    return text.get_clip_on() and text.axes is not None and text not in _axis_labels(text.axes)


def _axis_labels(ax) -> set:
    labels = {ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label}
    labels.update(t for t in ax.get_xticklabels() + ax.get_yticklabels())
    return labels


def saved_width_px(fig, dpi: float = 100) -> float:
    """Width in pixels of the PNG that ``savefig(..., bbox_inches="tight")`` writes."""
    return (fig.get_tightbbox(fig.canvas.get_renderer()).width + 2 * TIGHT_PAD_INCHES) * dpi


def problems(fig, dpi: float = 100, overlap_px: float = 1.0, saved_tight: bool = False) -> list[str]:
    """Everything that breaks the figure rules, in words (an empty list when the figure is fine).

    Sizes are measured at ``dpi`` (the workbook saves at 100 dpi, one pixel per pixel of the
    notebook column). ``saved_tight``: the figure is saved with ``bbox_inches="tight"`` (as
    ``show`` does), so the saved picture grows to hold every label: then its saved width is what
    must fit, and no label can stick out. A live canvas keeps its size, and labels can.
    """
    texts = _drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    found = []
    width_px = fig.get_figwidth() * dpi
    if saved_tight:
        width_px = saved_width_px(fig, dpi)
    scale = dpi / fig.dpi  # window extents are in the figure's own pixels
    if width_px > COLUMN_PX + 0.5:
        found.append(f"figure is {width_px:.0f} px wide, more than the {COLUMN_PX}-px column")
    for text in texts:
        size_px = text.get_fontsize() * dpi / 72
        if size_px < SMALLEST_TEXT_PX - 1e-9:
            found.append(f"text {_name(text)} is {size_px:.1f} px high (at least {SMALLEST_TEXT_PX:g})")
    figure_box = fig.bbox
    for text in texts:
        box = text.get_window_extent(renderer)
        if saved_tight or _clipped_by_axes(text, renderer):
            continue
        if (box.x0 < figure_box.x0 - 1 or box.y0 < figure_box.y0 - 1
                or box.x1 > figure_box.x1 + 1 or box.y1 > figure_box.y1 + 1):
            found.append(f"text {_name(text)} sticks out of the figure")
    boxes = [(text, text.get_window_extent(renderer).padded(-overlap_px / (2 * scale))) for text in texts]
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if box_a.overlaps(box_b):
            found.append(f"text {_name(a)} overlaps {_name(b)}")
    return found


class FigureRuleError(ValueError):
    """A figure breaks the workbook's figure rules (see :func:`problems`)."""


def strict() -> bool:
    """True where figures must obey the rules or fail: tests and notebook builds set
    ``WORKBOOK_STRICT_FIGURES=1``; a reader's own session never fails on a figure."""
    return os.environ.get("WORKBOOK_STRICT_FIGURES") == "1"


def enforce(fig, saved_tight: bool = False) -> None:
    """Raise :class:`FigureRuleError` listing the figure's problems, under :func:`strict` only."""
    if strict():
        found = problems(fig, saved_tight=saved_tight)
        if found:
            raise FigureRuleError("figure breaks the workbook's figure rules: " + "; ".join(found))
