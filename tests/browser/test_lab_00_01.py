"""JupyterLab, as a reader uses it: notebooks 00 and 01 unrun (fresh clone) and after Run All."""
import pytest

from jupyter_driver import (assert_fresh_notebook_reads_well, error_outputs, open_notebook,
                            panel_cell, run_all, shot, slider_readout, status_of,
                            type_into_readout)

NOTEBOOKS = ["00_start_here.ipynb", "01_gradient_descent_1d.ipynb"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_fresh_clone_shows_every_figure_and_no_widget_repr(page, lab, name):
    assert_fresh_notebook_reads_well(page, lab, name)


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
    assert cell.locator(".widget-dropdown").count() == 2  # the function menu and the look menu
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
