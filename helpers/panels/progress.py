"""A progress bar with a one-line note, for a cell that trains for a few seconds.

Running the cell again replaces the bar: the previous one (and its layout and style,
which are widgets of their own) is closed, so re-runs do not pile up widgets.
"""
from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from .base import ControlBox, close_widget_tree

_open_bars: dict[str, "ProgressBar"] = {}


class ProgressBar:
    """``bar = ProgressBar("training", total=30)``, ``bar.show()``, then ``bar.advance(k, text)``."""

    def __init__(self, description: str, total: int,
                 fallback_text: str = "A progress bar (it fills while the next cell runs)."):
        if int(total) < 1:
            raise ValueError(f"total must be a positive number of steps, got {total!r}")
        old = _open_bars.pop(description, None)
        if old is not None:
            old.close()
        self.bar = widgets.IntProgress(value=0, min=0, max=int(total), description=description)
        self.note = widgets.HTML()
        self.box = ControlBox([self.bar, self.note], fallback_text)
        _open_bars[description] = self

    def show(self) -> None:
        display(self.box)

    def advance(self, done: int, text: str = "") -> None:
        """Show ``done`` steps of the total (clipped to the bar) and a note beside it."""
        self.bar.value = max(0, min(int(done), self.bar.max))
        self.note.value = text

    def close(self) -> None:
        close_widget_tree(self.box)
