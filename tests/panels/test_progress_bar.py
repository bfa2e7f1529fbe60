"""The training progress bar: clipped values, a clear error for a nonsense total, and a
re-created bar closes its predecessor (re-running the cell keeps no widgets)."""
import pytest
from ipywidgets.widgets import widget

from helpers.panels.progress import ProgressBar


def test_advance_clips_to_the_bar_and_shows_the_note():
    progress = ProgressBar("test-clip", total=5)
    progress.advance(3, "epoch 3")
    assert (progress.bar.value, progress.note.value) == (3, "epoch 3")
    progress.advance(99)
    assert progress.bar.value == 5
    progress.advance(-2)
    assert progress.bar.value == 0
    progress.close()


def test_a_new_bar_of_the_same_name_closes_the_old_one():
    first = ProgressBar("test-rerun", total=10)
    before = len(widget._instances)
    for _ in range(3):
        ProgressBar("test-rerun", total=10)
    assert len(widget._instances) == before
    assert first.bar.comm is None and first.box.comm is None


@pytest.mark.parametrize("total", [0, -3])
def test_a_total_below_one_is_refused_by_name(total):
    with pytest.raises(ValueError, match="total"):
        ProgressBar("test-bad", total=total)
