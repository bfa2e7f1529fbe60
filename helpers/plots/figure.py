"""Figure-wide pieces every drawing module shares: role colours, static figures, log labels.

``static_figure`` creates a figure that never shows by itself, ``show`` displays it as a PNG
(which shows everywhere: untrusted notebooks, HTML export, GitHub) and closes it.
"""
from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np

#: Colours used for the same roles in every figure of the workbook.
COLOURS = {
    "curve": "#1f3b73",
    "path": "#d1495b",
    "start": "#2a9d8f",
    "end": "#d1495b",
    "tangent": "#e9a03b",
    "minimum": "#6c757d",
}


def release_figure(fig) -> None:
    """Close a figure and the widgets ipympl made for it, so nothing keeps it alive.

    ``plt.close`` closes an ipympl canvas but not its layout, nor the toolbar widget of
    its figure manager (and the toolbar's layout), and every widget stays registered
    (the toolbar holding the canvas, which holds the figure) until it is closed.
    """
    canvas = fig.canvas
    toolbar = getattr(getattr(canvas, "manager", None), "toolbar", None)
    plt.close(fig)
    # Each ipympl widget also has a Layout widget of its own, registered until closed.
    for part in (toolbar, getattr(toolbar, "layout", None), canvas, getattr(canvas, "layout", None)):
        if getattr(part, "comm", None) is not None:  # an ipympl widget still open
            part.close()


def show(fig, dpi: int = 100) -> None:
    """Display a finished static figure as a PNG image and close it.

    A PNG shows everywhere (untrusted notebooks, HTML export, GitHub), unlike
    a live canvas, and closing frees the figure when a cell is re-run.
    """
    from IPython.display import Image, display

    from .lint import enforce

    enforce(fig, saved_tight=True)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    release_figure(fig)
    display(Image(data=buffer.getvalue()))


def static_figure(*args, **kwargs):
    """``plt.subplots`` that never shows the figure by itself (use ``show`` when done)."""
    kwargs.setdefault("layout", "constrained")
    with plt.ioff():
        return plt.subplots(*args, **kwargs)


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten_label(value: float, _position=None) -> str:
    """'10⁻⁶' in plain text: as clear as mathtext and far cheaper to redraw."""
    if value <= 0:
        return ""
    exponent = np.log10(value)
    if not np.isclose(exponent, round(exponent)):
        return ""
    return "10" + str(int(round(exponent))).translate(_SUPERSCRIPTS)


def use_plain_log_labels(axis) -> None:
    """Label a log axis with plain-text powers of ten and no minor labels."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    axis.set_major_locator(LogLocator(numticks=6))
    axis.set_major_formatter(FuncFormatter(power_of_ten_label))
    axis.set_minor_formatter(NullFormatter())
