"""JupyterLab, notebook 07: Run All, then tune an optimiser's η and press step like a reader."""
from jupyter_driver import (error_outputs, open_notebook, output_texts, panel_cell, run_all, shot,
                            slider_readout, type_into_readout, wait_for_status)


def choose(cell, description: str, option: str) -> None:
    dropdown = cell.locator(".widget-dropdown").filter(
        has=cell.page.locator(".widget-label", has_text=description)).first
    dropdown.locator("select").select_option(label=option)


def test_run_all_07_tune_eta_and_step(page, lab):
    open_notebook(page, lab, "run/07_optimizers.ipynb")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    texts = " ".join(output_texts(page))
    assert "largest difference < 1e-12" in texts and "predicted floor" in texts
    assert "Not attempted yet" in texts

    cell = panel_cell(page, "OptimiserRacePanel(")
    cell.scroll_into_view_if_needed()
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    assert cell.locator(".widget-play").count() == 1
    first = wait_for_status(page, cell, lambda text: text.startswith("step 80: "))
    assert "leads" in first
    page.wait_for_timeout(800)
    before_pixels = canvas.screenshot()
    shot(page, "panel_07_before", cell)

    choose(cell, "tune", "momentum")
    type_into_readout(slider_readout(page, "learning rate η", within=cell), "10")
    cell.locator("button", has_text="step").first.click()
    after = wait_for_status(page, cell, lambda text: text.startswith("step 81: ")
                            and "diverged: momentum (step" in text)
    assert after != first
    page.wait_for_timeout(1000)  # the canvas redraws when the browser asks for the new image
    assert canvas.screenshot() != before_pixels, "the figure did not change"
    shot(page, "panel_07_momentum_diverged", cell)

    cell.locator("button", has_text="reset").first.click()
    wait_for_status(page, cell, lambda text: text.startswith("step 0 — press ▶"))
    assert not error_outputs(page), error_outputs(page)
