"""JupyterLab, as a reader uses it: notebooks 02 and 03 unrun (fresh clone) and after Run All."""
import json
import re

import pytest

from jupyter_driver import (ROOT, error_outputs, open_notebook, output_texts, run_all, shot,
                            slider_readout, type_into_readout)

RAW_WIDGET_REPR = re.compile(r"\b(VBox|HBox|Canvas|FloatSlider|IntSlider|Dropdown|Output)\(")
NOTEBOOKS = ["02_many_dimensions.ipynb", "03_step_size.ipynb"]


def saved_png_count(name: str) -> int:
    cells = json.loads((ROOT / "notebooks" / name).read_text())["cells"]
    return sum("image/png" in out.get("data", {})
               for cell in cells if cell["cell_type"] == "code" for out in cell["outputs"])


def panel_cell(page, constructor: str):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell", has_text=constructor).first


def status_of(cell) -> str:
    return cell.locator(".widget-html-content").first.inner_text()


def wait_for_status(page, phrase: str, timeout: float = 30_000) -> None:
    page.wait_for_function("(p) => [...document.querySelectorAll('.widget-html-content')]"
                           ".some(e => e.innerText.includes(p))", arg=phrase, timeout=timeout)


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


def test_run_all_02_click_on_contour_sets_the_start(page, lab):
    open_notebook(page, lab, "run/02_many_dimensions.ipynb")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    cell = panel_cell(page, "Descent2DPanel()")
    cell.scroll_into_view_if_needed()
    assert cell.locator(".widget-slider").count() >= 4
    assert cell.locator(".widget-dropdown").count() == 1
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    page.wait_for_timeout(800)
    before_status = status_of(cell)
    assert before_status.startswith("start (")
    before_pixels = canvas.screenshot()
    shot(page, "panel_02_before", cell)

    box = canvas.bounding_box()
    # The contour plot fills the left half of the figure; click in its upper right part.
    # ipympl stacks a transparent event canvas on top of the image: click the page there.
    page.mouse.click(box["x"] + 0.36 * box["width"], box["y"] + 0.3 * box["height"])
    page.wait_for_function(
        "(old) => [...document.querySelectorAll('.widget-html-content')]"
        ".some(e => e.innerText.startsWith('start (') && e.innerText !== old)", arg=before_status,
        timeout=30_000)
    after_status = status_of(cell)
    assert after_status != before_status
    start = re.match(r"start \((-?[\d.]+), (-?[\d.]+)\)", after_status)
    assert start, after_status
    x, y = float(start.group(1)), float(start.group(2))
    assert -5 <= x <= 5 and -5 <= y <= 5 and (x, y) != (-4.71, 0.17)
    page.wait_for_timeout(1000)  # the canvas redraws when the browser asks for the new image
    assert canvas.screenshot() != before_pixels, "the figure did not change"
    shot(page, "panel_02_clicked", cell)


def test_run_all_03_eta_past_two_over_a_diverges(page, lab):
    open_notebook(page, lab, "run/03_step_size.ipynb")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    cell = panel_cell(page, "RegimePanel()")
    cell.scroll_into_view_if_needed()
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    page.wait_for_timeout(500)
    before = status_of(cell)
    assert "monotone" in before and "2/a = 1" in before
    type_into_readout(slider_readout(page, "learning rate η", within=cell), "1.2")
    wait_for_status(page, "diverging")
    assert "diverging" in status_of(cell) and "|1 − ηa| = 1.4" in status_of(cell)
    page.wait_for_timeout(800)
    shot(page, "panel_03_regime_diverging", cell)

    valley = panel_cell(page, "ValleyPanel()")
    valley.scroll_into_view_if_needed()
    valley.locator(".jupyter-matplotlib canvas").first.wait_for(state="visible")
    type_into_readout(slider_readout(page, "learning rate η", within=valley), "0.12")
    wait_for_status(page, "is above 2/λ_max")
    assert status_of(valley).startswith("diverge")
    type_into_readout(slider_readout(page, "momentum β", within=valley), "0.5")
    wait_for_status(page, "2(1 + β)/λ_max")
    assert "below 2(1 + β)/λ_max" in status_of(valley)
    page.wait_for_timeout(800)
    shot(page, "panel_03_valley_momentum", valley)
