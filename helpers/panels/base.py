"""The live-panel pattern every notebook uses.

A panel owns a set of controls (``panel.controls[name]``), one figure built
once, and an ``update()`` that recomputes and changes only the artists' data
before asking the canvas to redraw. ``show()`` displays the controls and the
canvas as two separate outputs, so a saved notebook keeps a picture of the
figure (``image/png``) and a readable line of text in place of the widgets
for a reader who has not run it yet.

Tests drive a panel without a kernel: set ``panel.controls[...].value`` and
read ``panel.status_text`` and the artists' data (under the Agg backend).
"""
from __future__ import annotations

import html
from contextlib import contextmanager

import ipywidgets as widgets
import matplotlib.pyplot as plt

#: Colours of the status line by kind of message.
STATUS_COLOURS = {"good": "#1b7f3b", "warn": "#b26b00", "bad": "#b3261e", "info": "#1f3b73"}

# The figure of the most recent panel of each class: a re-run cell closes the old one.
_open_figures: dict[str, object] = {}


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
        plt.close(old)
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


class Panel:
    """Base class: subclasses create ``self.controls`` and artists, then call ``_start()``.

    Subclasses implement ``update()``, which reads the controls, recomputes,
    changes artist data, calls ``set_status`` and ends with ``self.redraw()``.
    """

    #: One line naming the controls, shown before the notebook is run.
    controls_summary = "the controls"
    #: How many blitting backgrounds (one per axis-limit setting) to keep.
    backgrounds_kept = 1

    def __init__(self, figsize: tuple[float, float]):
        self.fig = new_figure(type(self).__name__, figsize)
        self.controls: dict[str, widgets.Widget] = {}
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        self.status_text = ""
        self.status_level = "info"
        self._paused = False

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
    def set_status(self, text: str, level: str = "info") -> None:
        """Show one line of status in words; ``level`` is good, warn, bad or info."""
        self.status_text = text
        self.status_level = level
        colour = STATUS_COLOURS[level]
        self.status.value = (f'<span style="color:{colour}; font-weight:600; font-size:1.05em">'
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
        return ControlBox(rows, fallback)

    def show(self) -> None:
        """Display the controls, then the figure, as two outputs."""
        from IPython.display import display

        display(self.control_box())
        # An ipympl canvas is a widget; any other backend shows the figure as an image.
        display(self.fig.canvas if hasattr(self.fig.canvas, "_model_id") else self.fig)

    def update(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
