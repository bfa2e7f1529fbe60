"""JupyterLab, notebook 05: Run All, then drive the decision-boundary panel like a reader."""
import re

from jupyter_driver import (assert_fresh_notebook_reads_well, error_outputs, open_notebook,
                            output_texts, panel_cell, run_all, shot, slider_readout, status_of,
                            type_into_readout, wait_for_status)

NAME = "05_backpropagation.ipynb"

EPOCH = re.compile(r"epoch (\d+) ·")


def test_fresh_clone_05_shows_every_figure_and_no_widget_repr(page, lab):
    assert assert_fresh_notebook_reads_well(page, lab, NAME) >= 8


def epoch_of(cell) -> int:
    match = EPOCH.search(status_of(cell))
    assert match, f"no epoch in the status line: {status_of(cell)!r}"
    return int(match.group(1))


def test_run_all_05_slider_and_train_button_drive_the_panel(page, lab):
    open_notebook(page, lab, f"run/{NAME}")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    texts = " ".join(output_texts(page))
    assert "relative error < 1e-8" in texts and "validation accuracy after 30 epochs" in texts

    cell = panel_cell(page, "DecisionBoundaryPanel()")
    cell.scroll_into_view_if_needed()
    assert cell.locator(".widget-slider").count() >= 3
    assert cell.locator(".widget-dropdown").count() == 3  # its two menus and the look menu
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    page.wait_for_timeout(800)
    first_epoch = epoch_of(cell)
    before_pixels = canvas.screenshot()
    shot(page, "panel_05_before", cell)

    # A slider: more hidden units restarts training on the new network.
    before_status = status_of(cell)  # read before typing: the new status may arrive at once
    type_into_readout(slider_readout(page, "hidden units per layer", within=cell), "16")
    wait_for_status(page, cell, lambda text: text != before_status)
    assert epoch_of(cell) == 0 < first_epoch  # restarted from the initial weights

    # ▶ train: the Play widget's timer ticks in the browser, the status epoch advances.
    cell.locator(".widget-play button").first.click()
    wait_for_status(page, cell, lambda text: int(EPOCH.search(text).group(1)) >= 20)
    assert epoch_of(cell) >= 20
    page.wait_for_timeout(1000)
    assert canvas.screenshot() != before_pixels, "the figure did not change while training"
    shot(page, "panel_05_training", cell)

    # ❚❚ pause: the epoch stops moving.
    cell.locator(".widget-play button").nth(1).click()
    page.wait_for_timeout(1500)
    paused = epoch_of(cell)
    page.wait_for_timeout(1500)
    assert epoch_of(cell) == paused
    assert not error_outputs(page), error_outputs(page)
