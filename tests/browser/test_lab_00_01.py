"""JupyterLab, as a reader uses it: notebooks 00 and 01 unrun (fresh clone) and after Run All."""
import json
import re

import pytest

from jupyter_driver import (ROOT, error_outputs, open_notebook, output_texts, run_all, shot,
                            slider_readout, type_into_readout)

RAW_WIDGET_REPR = re.compile(r"\b(VBox|HBox|Canvas|FloatSlider|IntSlider|Dropdown|Output)\(")
NOTEBOOKS = ["00_start_here.ipynb", "01_gradient_descent_1d.ipynb"]


def saved_png_count(name: str) -> int:
    cells = json.loads((ROOT / "notebooks" / name).read_text())["cells"]
    return sum("image/png" in out.get("data", {})
               for cell in cells if cell["cell_type"] == "code" for out in cell["outputs"])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_fresh_clone_shows_every_figure_and_no_widget_repr(page, lab, name):
    open_notebook(page, lab, f"fresh/{name}")
    images = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img")
    expected = saved_png_count(name)
    assert expected > 0
    images.nth(expected - 1).wait_for(state="attached")
    assert images.count() >= expected
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), f"image {i} is broken"
    texts = output_texts(page)
    raw = [t[:80] for t in texts if RAW_WIDGET_REPR.search(t)]
    assert not raw, f"raw widget reprs shown to a reader: {raw}"
    assert any("Live panel: run the notebook" in t for t in texts)
    assert not error_outputs(page)
    shot(page, f"fresh_{name[:2]}")


def panel_cell(page, constructor: str):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell", has_text=constructor).first


def status_of(cell) -> str:
    return cell.locator(".widget-html-content").first.inner_text()


def test_run_all_00_first_step_panel_responds(page, lab):
    open_notebook(page, lab, "run/00_start_here.ipynb")
    run_all(page)
    assert not error_outputs(page)
    cell = panel_cell(page, "FirstStepPanel()")
    assert cell.locator(".widget-slider").count() == 2
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    before = status_of(cell)
    assert "downhill" in before
    type_into_readout(slider_readout(page, "learning rate η", within=cell), "1.1")
    page.wait_for_function("(old) => [...document.querySelectorAll('.widget-html-content')]"
                           ".some(e => e.innerText.includes('uphill'))", arg=before)
    cell.scroll_into_view_if_needed()
    shot(page, "panel_00_first_step", cell)


def test_run_all_01_panel_sliders_status_and_canvas_respond(page, lab):
    open_notebook(page, lab, "run/01_gradient_descent_1d.ipynb")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    cell = panel_cell(page, "Descent1DPanel()")
    cell.scroll_into_view_if_needed()
    assert cell.locator(".widget-slider").count() >= 3
    assert cell.locator(".widget-dropdown").count() == 1
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    page.wait_for_timeout(500)
    before_status = status_of(cell)
    before_pixels = canvas.screenshot()
    shot(page, "panel_01_before", cell)

    type_into_readout(slider_readout(page, "learning rate η", within=cell), "1.5")
    page.wait_for_function(
        "(old) => { const e = document.querySelectorAll('.widget-html-content');"
        " return [...e].some(x => x.innerText.includes('diverged')); }", arg=before_status)
    after_status = status_of(cell)
    assert after_status != before_status and "diverged at step" in after_status
    page.wait_for_timeout(1000)  # the canvas redraws when the browser asks for the new image
    assert canvas.screenshot() != before_pixels, "the figure did not change"
    shot(page, "panel_01_diverged", cell)

    type_into_readout(slider_readout(page, "learning rate η", within=cell), "0.3")
    page.wait_for_function("() => [...document.querySelectorAll('.widget-html-content')]"
                           ".some(x => x.innerText.includes('converged after'))")
    page.wait_for_timeout(800)
    shot(page, "panel_01_converged", cell)
