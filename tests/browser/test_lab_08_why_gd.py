"""JupyterLab, notebook 08: the fresh clone reads well; Run All, then choose another seed in the
landscape panel like a reader and see the new slice arrive."""
from jupyter_driver import (PANEL_MOVES, assert_fresh_notebook_reads_well, error_outputs,
                            open_notebook, output_texts, panel_cell, run_all, shot,
                            slider_readout, status_of, type_into_readout, wait_for_status)

NAME = "08_why_gd_works.ipynb"


def test_fresh_08_shows_every_saved_figure_and_no_widget_repr(page, lab):
    pictures = assert_fresh_notebook_reads_well(page, lab, NAME)
    assert pictures >= 7  # line, slice, PCA path, critical points, widths, separators, sharpness


def test_run_all_08_then_move_the_landscape_seed(page, lab):
    open_notebook(page, lab, f"run/{NAME}")
    run_all(page, timeout=900_000)  # several trainings and 41 × 41 grids: minutes on a busy machine
    assert not error_outputs(page), error_outputs(page)
    texts = " ".join(output_texts(page))
    assert "6 distinct critical points" in texts and "correlation of log J with the index: +0.96" in texts
    assert "above 2/η for 5 of 5 seeds" in texts
    assert "Not attempted yet" in texts

    cell = panel_cell(page, "LandscapePanel(")
    cell.scroll_into_view_if_needed()
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    before = wait_for_status(page, cell, lambda text: "seed 0: trained loss" in text)
    page.wait_for_timeout(800)
    before_pixels = canvas.screenshot()
    shot(page, "panel_08_before", cell)

    description, value, _ = PANEL_MOVES[NAME]
    assert description == "seed"
    type_into_readout(slider_readout(page, description, within=cell), value)
    after = wait_for_status(page, cell, lambda text: f"seed {value}: trained loss" in text
                            and "newly computed" in text, timeout_ms=300_000)
    assert after != before
    page.wait_for_timeout(1000)  # the canvas redraws when the browser asks for the new image
    assert canvas.screenshot() != before_pixels, "the figure did not change"
    shot(page, "panel_08_seed_3", cell)

    type_into_readout(slider_readout(page, description, within=cell), "0")
    wait_for_status(page, cell, lambda text: "seed 0: trained loss" in text and "from the cache" in text)
    assert "from the cache" in status_of(cell)
    assert not error_outputs(page), error_outputs(page)
