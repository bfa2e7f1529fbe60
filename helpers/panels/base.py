"""The live-panel pattern every notebook uses.

A panel owns a set of controls (``panel.controls[name]``), one figure built
once, and an ``update()`` that recomputes and changes only the artists' data
before asking the canvas to redraw. ``show()`` displays the controls and the
canvas as two separate outputs, so a saved notebook keeps a picture of the
figure (``image/png``) and a readable line of text in place of the widgets
for a reader who has not run it yet.

Tests drive a panel without a kernel: set ``panel.controls[...].value`` and
read ``panel.status_text`` and the artists' data (under the Agg backend).

Failures never reach the widget observer: ``update()`` and every event handler a
subclass defines (``_on_…`` methods, ``step`` and ``train``) are wrapped by
:func:`guarded`, which turns any exception into a status message and skips the
redraw, so the canvas keeps the last picture that worked.

Re-running a cell makes a new panel of the same class: the old one's figure and
every widget it made are closed (:meth:`Panel.close`), so nothing of it stays alive.
"""
from __future__ import annotations

import functools
import html
import logging
from contextlib import contextmanager

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..plots import style
from ..plots.figure import release_figure

#: Colours of the status line by kind of message (in the light looks; see ``style.status_colours``).
STATUS_COLOURS = {k: v for k, v in style.STATUS_LIGHT.items() if k != "chip"}

# The figure of the most recent panel of each class: a re-run cell closes the old one.
_open_figures: dict[str, object] = {}
# The most recent panel of each class, closed with its widgets when a new one replaces it.
_open_panels: dict[str, "Panel"] = {}
#: Methods of a panel subclass that widgets or buttons call, wrapped by ``guarded``.
EVENT_METHODS = ("update", "step", "train")
_log = logging.getLogger(__name__)


def _one_line(text: str, limit: int = 160) -> str:
    """The first line of ``text``, printable characters only, at most ``limit`` long."""
    first = (str(text).splitlines() or [""])[0]
    flat = " ".join("".join(c if c.isprintable() else " " for c in first).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def guarded(method):
    """Wrap a panel method so that no exception escapes: it becomes a status message.

    The redraw is skipped (the canvas keeps its last good picture), the exception is
    kept in ``panel.last_error`` and logged at debug level with its traceback.
    Floating-point warnings are silenced: the status line says what happened.
    """
    if getattr(method, "_guarded", False):
        return method

    @functools.wraps(method)
    def safe(self, *args, **kwargs):
        try:  # artists made here take the panel's own look (its "look" menu)
            with np.errstate(all="ignore"), style.applied(getattr(self, "look", None)):
                return method(self, *args, **kwargs)
        except Exception as error:  # noqa: BLE001 - the widget observer must never see it
            self.report_failure(error)
            return None

    safe._guarded = True
    return safe


def close_widget_tree(widget) -> None:
    """Close a widget with its children, layout and style (each is a widget of its own)."""
    if not isinstance(widget, widgets.Widget) or widget.comm is None:
        return
    parts = list(getattr(widget, "children", ()))
    parts += [getattr(widget, name, None) for name in ("layout", "style")]
    widget.close()
    for part in parts:
        close_widget_tree(part)


class ControlBox(widgets.VBox):
    """A VBox whose plain-text form is a helpful sentence instead of a raw widget repr.

    A reader who opens the notebook before running it (or an untrusted copy)
    sees that text in place of the sliders.
    """

    def __init__(self, children, fallback_text: str, **kwargs):
        super().__init__(children, **kwargs)
        self._fallback_text = fallback_text

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):  # (data, metadata)
            bundle[0]["text/plain"] = self._fallback_text
        elif bundle is not None:
            bundle["text/plain"] = self._fallback_text
        return bundle


def slider_style() -> dict:
    """Keyword arguments that give slider descriptions room to be read in full."""
    return {"style": {"description_width": "initial"},
            "layout": widgets.Layout(width="420px")}


SLIDERS = (widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntSlider, widgets.SelectionSlider)


def how_to_use(control: widgets.Widget) -> str:
    """A tooltip for a control: what it is and how to change it with the mouse or the keyboard."""
    name = getattr(control, "description", "") or "this control"
    if isinstance(control, SLIDERS):
        return (f"{name}: drag the handle, or click it and press the arrow keys; "
                "or type a number in the box beside it and press Enter")
    if isinstance(control, widgets.Dropdown):
        return f"{name}: pick from the list (the arrow keys move through it once it has focus)"
    return name


def new_figure(key: str, figsize: tuple[float, float], **kwargs):
    """Create a figure that is not shown by itself, closing the one this key made before."""
    old = _open_figures.pop(key, None)
    if old is not None:
        release_figure(old)
    with plt.ioff():
        fig = plt.figure(figsize=figsize, layout="constrained", **kwargs)
    canvas = fig.canvas
    # ipympl canvases have these; the Agg canvas used in tests does not.
    # _figure_label is the "Figure" caption ipympl puts above the saved picture.
    for name, value in (("header_visible", False), ("footer_visible", False),
                        ("resizable", False), ("toolbar_position", "right"),
                        ("_figure_label", "")):
        if hasattr(canvas, name):
            setattr(canvas, name, value)
    _open_figures[key] = fig
    return fig


def picture_with_alt(bundle, alt: str) -> tuple[dict, dict]:
    """An ipympl canvas's display bundle whose saved picture carries ``alt`` text.

    The ``<img>`` of its ``text/html`` form gets an ``alt`` attribute and the
    ``image/png`` form an ``alt`` metadata entry (read by the static site).
    """
    data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
    data, metadata = dict(data), dict(metadata or {})
    if "text/html" in data:
        data["text/html"] = data["text/html"].replace(
            "<img ", f'<img alt="{html.escape(alt, quote=True)}" ', 1)
    if "image/png" in data:
        metadata["image/png"] = {**metadata.get("image/png", {}), "alt": alt}
    return data, metadata


class Panel:
    """Base class: subclasses create ``self.controls`` and artists, then call ``_start()``.

    Subclasses implement ``update()``, which reads the controls, recomputes,
    changes artist data, calls ``set_status`` and ends with ``self.redraw()``.
    """

    #: One line naming the controls, shown before the notebook is run.
    controls_summary = "the controls"
    #: How many blitting backgrounds (one per axis-limit setting) to keep.
    backgrounds_kept = 1

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if callable(member) and (name in EVENT_METHODS or name.startswith("_on_")):
                setattr(cls, name, guarded(member))

    def __init__(self, figsize: tuple[float, float]):
        key = type(self).__name__
        old = _open_panels.pop(key, None)
        if old is not None:
            old.close()
        self.fig = new_figure(key, figsize)
        _open_panels[key] = self
        self.controls: dict[str, widgets.Widget] = {}
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        self.status_text = ""
        self.status_level = "info"
        self.last_error: Exception | None = None
        self._boxes: list[widgets.Widget] = []
        self._paused = False
        #: The panel's look (a mode of ``helpers.plots.style``): the workbook's at first.
        self.look = style.current()
        self.look_control = widgets.Dropdown(
            options=list(style.LOOKS.items()), value=self.look, description="look",
            layout=widgets.Layout(width="220px"))
        self.look_control.tooltip = how_to_use(self.look_control) + (
            ": standard, projector (large text), colour-blind (Okabe–Ito colours) or dark")
        self.look_control.observe(self._on_look, names="value")

    def close(self) -> None:
        """Close the figure and every widget of this panel (a re-run cell replaced it).

        ipywidgets keeps every widget alive until it is closed, and each widget's
        observers hold the panel, so without this a re-run keeps all of it.
        """
        release_figure(self.fig)
        self._backgrounds = {}
        for value in list(vars(self).values()):
            members = value.values() if isinstance(value, dict) else (
                value if isinstance(value, (list, tuple)) else (value,))
            for member in members:
                close_widget_tree(member)

    # -- wiring ---------------------------------------------------------------
    def _start(self, handled_elsewhere: tuple[str, ...] = ()) -> None:
        """Watch every control (except those with handlers of their own) and draw once."""
        for name, control in self.controls.items():
            if name not in handled_elsewhere:
                control.observe(self._on_change, names="value")
            if getattr(control, "tooltip", "") is None:
                control.tooltip = how_to_use(control)
        self.update()
        self.fit_layout()

    @guarded
    def _on_look(self, change) -> None:
        self.set_look(change["new"])

    def set_look(self, mode: str) -> None:
        """Re-style this panel alone in ``mode`` (what its "look" menu does): colours, text
        and line sizes, background, status line; then lay it out and draw it again."""
        if mode not in style.PALETTES:
            raise ValueError(f"unknown look {mode!r}: choose one of {', '.join(style.PALETTES)}")
        old, self.look = self.look, mode
        from matplotlib.artist import Artist

        kept = [a for value in vars(self).values() if isinstance(value, dict)  # saved contours
                for group in value.values() if isinstance(group, list) for a in group
                if isinstance(a, Artist)]
        with style.applied(mode):
            style.restyle(self.fig, old, mode, extra=kept)
            for name, value in vars(self).items():  # pictures and layouts saved in the old look
                if isinstance(value, dict) and ("background" in name or "layout" in name):
                    value.clear()
            for ax in self.fig.axes:  # axes a panel placed itself join the layout again
                ax.set_in_layout(True)
            self.fit_layout()
            for ax in self.fig.axes:  # and keep their new places (set_position leaves the layout)
                ax.set_position(ax.get_position(original=False), which="both")
                ax.set_in_layout(True)
        if self.look_control.value != mode:
            self.look_control.value = mode
        self.set_status(self.status_text, self.status_level)
        self.update()
        self.fig.canvas.draw_idle()

    def _on_change(self, _change) -> None:
        if not self._paused:
            self.update()

    @contextmanager
    def hold_updates(self):
        """Change several controls at once, then update once."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False
        self.update()

    def fit_layout(self) -> None:
        """Lay the figure out once, then keep that layout.

        Re-solving the constrained layout on every redraw measures every label
        and costs more than all the rest of an update; call this again only
        after a change that alters titles or tick labels a lot.
        """
        self.fig.set_layout_engine("constrained")
        self.fig.draw_without_rendering()
        self.fig.set_layout_engine("none")
        self._backgrounds = {}

    # -- output -----------------------------------------------------------------
    def report_failure(self, error: Exception) -> None:
        """Say in the status line that an update failed; the picture stays as it was."""
        self.last_error = error
        self._paused = False
        _log.debug("panel update failed", exc_info=error)
        reason = _one_line(f"{type(error).__name__}: {error}")
        try:
            self.set_status(f"Could not redraw ({reason}); still showing the last picture that "
                            "worked: try another setting", "bad")
        except Exception:  # noqa: BLE001 - a status widget closed under us: nothing to show
            pass

    def set_status(self, text: str, level: str = "info") -> None:
        """Show one line of status in words; ``level`` is good, warn, bad or info."""
        self.status_text = text
        self.status_level = level
        colours = style.status_colours(getattr(self, "look", "default"))
        # On a chip of its own background: readable on JupyterLab's light and dark themes.
        self.status.value = (f'<span style="color:{colours[level]}; background:{colours["chip"]}; '
                             f'padding:1px 6px; border-radius:3px; font-weight:600; font-size:1.05em">'
                             f"{html.escape(text)}</span>")

    def moving_artists(self) -> list:
        """Artists that change on an update, for panels that redraw by blitting.

        Return them in drawing order. A panel that returns none is redrawn in full.
        """
        return []

    def background_key(self) -> tuple:
        """What the saved background depends on besides the canvas size (e.g. axis limits)."""
        return ()

    def redraw(self) -> None:
        """Show the new state: blit the moving artists over a saved background if the
        panel lists them, else ask the canvas for a full redraw.

        Rendering text (ticks, titles, legends) is most of the cost of a full redraw, and
        none of it changes while the axis limits stay put; so blitting panels keep their
        limits in coarse steps and list them in ``background_key``.
        """
        canvas = self.fig.canvas
        moving = self.moving_artists()
        if not moving or not hasattr(canvas, "copy_from_bbox"):
            canvas.draw_idle()
            return
        key = (canvas.get_width_height(physical=True), self.fig.dpi, self.background_key())
        canvas.restore_region(self._background_for(key, moving))
        for artist in moving:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        canvas.blit(self.fig.bbox)

    def _background_for(self, key: tuple, moving: list):
        """The saved background for ``key``, rendered if new; the oldest beyond
        ``backgrounds_kept`` is dropped, so returning to an earlier setting is instant."""
        cache = self.__dict__.setdefault("_backgrounds", {})
        if key not in cache:
            if len(cache) >= self.backgrounds_kept:
                cache.pop(next(iter(cache)))
            cache[key] = self._render_background(moving)
        return cache[key]

    def _render_background(self, moving: list):
        """Render everything except the moving artists, without sending it to the browser."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        shown = [artist.get_visible() for artist in moving]
        for artist in moving:
            artist.set_visible(False)
        try:
            FigureCanvasAgg.draw(self.fig.canvas)  # ipympl's own draw() would also send it
            return self.fig.canvas.copy_from_bbox(self.fig.bbox)
        finally:
            for artist, visible in zip(moving, shown):
                artist.set_visible(visible)

    def control_box(self) -> ControlBox:
        """The controls and the status line, with a readable fallback text."""
        rows = list(self.controls.values()) + [self.status]
        fallback = (f"Live panel: run the notebook (Run ▸ Run All Cells) to use {self.controls_summary}."
                    f"\nStatus of the picture below: {self.status_text}")
        box = ControlBox(rows, fallback)
        self._boxes.append(box)
        return box

    def picture_alt(self) -> str:
        """One line for the saved picture's alt text: what the panel is, shows and says."""
        from helpers.plots import describe_figure

        summary = (type(self).__doc__ or "Live panel.").strip().splitlines()[0]
        status = " ".join(self.status_text.split())
        return " ".join(f"{summary} Picture: {describe_figure(self.fig)}. {status}".split())

    def show(self) -> None:
        """Display the controls, then the figure, as two outputs.

        The figure's output keeps its saved picture with alt text (``picture_alt``)."""
        from IPython.display import display

        from ..plots.lint import enforce

        enforce(self.fig)
        box = self.control_box()
        if self.look_control not in box.children:
            box.children = (*box.children, self.look_control)
        display(box)
        canvas = self.fig.canvas
        if hasattr(canvas, "_model_id"):  # an ipympl canvas: a widget with a saved picture
            data, metadata = picture_with_alt(canvas._repr_mimebundle_(), self.picture_alt())
            display(data, metadata=metadata, raw=True)
        else:  # any other backend: the figure as an image
            from helpers.plots.figure import show_png_of

            show_png_of(self.fig, self.picture_alt())

    def update(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
