"""JupyterLab, as a reader uses it: notebooks 02 and 03 unrun (fresh clone) and after Run All."""
import re

import pytest

from jupyter_driver import (assert_fresh_notebook_reads_well, error_outputs, open_notebook,
                            panel_cell, run_all, shot, slider_readout, status_of,
                            type_into_readout)

NOTEBOOKS = ["02_many_dimensions.ipynb", "03_step_size.ipynb"]


def wait_for_phrase(page, phrase: str, timeout: float = 30_000) -> None:
    page.wait_for_function("(p) => [...document.querySelectorAll('.widget-html-content')]"
                           ".some(e => e.innerText.includes(p))", arg=phrase, timeout=timeout)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_fresh_clone_shows_every_figure_and_no_widget_repr(page, lab, name):
    assert_fresh_notebook_reads_well(page, lab, name)


def test_run_all_02_click_on_contour_sets_the_start(page, lab):
    open_notebook(page, lab, "run/02_many_dimensions.ipynb")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    cell = panel_cell(page, "Descent2DPanel()")
    cell.scroll_into_view_if_needed()
    assert cell.locator(".widget-slider").count() >= 4
    assert cell.locator(".widget-dropdown").count() == 2  # the function menu and the look menu
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
    wait_for_phrase(page, "diverging")
    assert "diverging" in status_of(cell) and "|1 − ηa| = 1.4" in status_of(cell)
    page.wait_for_timeout(800)
    shot(page, "panel_03_regime_diverging", cell)

    valley = panel_cell(page, "ValleyPanel()")
    valley.scroll_into_view_if_needed()
    valley.locator(".jupyter-matplotlib canvas").first.wait_for(state="visible")
    type_into_readout(slider_readout(page, "learning rate η", within=valley), "0.12")
    wait_for_phrase(page, "is above 2/λ_max")
    assert status_of(valley).startswith("diverge")
    type_into_readout(slider_readout(page, "momentum β", within=valley), "0.5")
    wait_for_phrase(page, "2(1 + β)/λ_max")
    assert "below 2(1 + β)/λ_max" in status_of(valley)
    page.wait_for_timeout(800)
    shot(page, "panel_03_valley_momentum", valley)
