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


def describe_figure(fig) -> str:
    """One line naming what a figure shows, from the titles and labels its code set.

    Used as the image's alt text when ``show`` is given none: "suptitle; axes
    title (x: label, y: label); ...". Empty parts are left out.
    """
    parts = []
    suptitle = fig._suptitle.get_text().strip() if getattr(fig, "_suptitle", None) else ""
    if suptitle:
        parts.append(suptitle)
    for ax in fig.axes:
        if not ax.get_visible() or not ax.axison and not ax.get_title():
            continue
        labels = [f"{name}: {text}" for name, text in (("x", ax.get_xlabel()), ("y", ax.get_ylabel()))
                  if text.strip()]
        title = ax.get_title().strip() or "plot"
        parts.append(title + (f" ({', '.join(labels)})" if labels else ""))
    return "; ".join(parts) or "figure"


def png_bundle(png: bytes, alt: str) -> tuple[dict, dict]:
    """A display bundle (data, metadata) of a PNG whose alt text travels with the output.

    The alt text goes into the output metadata (read by the static-site
    template and by nbconvert's classic template).
    """
    import base64

    data = {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": f"<Figure: {alt}>"}
    return data, {"image/png": {"alt": alt}}


def show(fig, alt: str | None = None, dpi: int = 100) -> None:
    """Display a finished static figure as a PNG image with alt text, and close it.

    A PNG shows everywhere (untrusted notebooks, HTML export, GitHub), unlike
    a live canvas, and closing frees the figure when a cell is re-run.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    alt : str, optional
        One line saying what the figure shows, for readers who cannot see it;
        by default ``describe_figure(fig)``.
    dpi : int
    """
    from .lint import enforce

    enforce(fig, saved_tight=True)
    show_png_of(fig, alt or describe_figure(fig), dpi=dpi)
    release_figure(fig)


def show_png_of(fig, alt: str, dpi: int = 100) -> None:
    """Display a PNG of ``fig`` with ``alt`` text (the figure stays open)."""
    from IPython.display import display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    data, metadata = png_bundle(buffer.getvalue(), " ".join(alt.split()))
    display(data, metadata=metadata, raw=True)


def static_figure(*args, **kwargs):
    """``plt.subplots`` that never shows the figure by itself (use ``show`` when done)."""
    kwargs.setdefault("layout", "constrained")
    with plt.ioff():
        return plt.subplots(*args, **kwargs)


def vertical_band(ax, x0: float, x1: float, **style):
    """A band over x in [x0, x1] spanning the axes' height; returns a Rectangle.

    Like ``ax.axvspan`` but always a ``Rectangle`` (``set_x``/``set_width``
    move it): ``axvspan`` returns a ``Polygon`` before matplotlib 3.9.
    """
    from matplotlib.patches import Rectangle

    band = Rectangle((x0, 0), x1 - x0, 1, transform=ax.get_xaxis_transform(), **style)
    ax.add_patch(band)
    return band


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
