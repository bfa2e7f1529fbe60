"""JupyterLab, notebook 04: unrun (fresh clone), then Run All and drive the saddle panel like a reader."""
import math

from jupyter_driver import (assert_fresh_notebook_reads_well, error_outputs, open_notebook,
                            output_texts, panel_cell, run_all, shot, slider_readout, status_of,
                            type_into_readout, wait_for_status)

NAME = "04_saddle_points.ipynb"


def escape_steps(eps: float, lr: float = 0.1) -> int:
    """First k with (1 + 2η)^k ε ≥ 1: the ceiling of ln(1/ε)/ln(1 + 2η)."""
    return math.ceil(math.log(1 / eps) / math.log(1 + 2 * lr))


def test_fresh_clone_04_shows_every_figure_and_no_widget_repr(page, lab):
    assert_fresh_notebook_reads_well(page, lab, NAME)


def test_run_all_04_eps_slider_and_zero_box_change_the_status(page, lab):
    open_notebook(page, lab, f"run/{NAME}")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    texts = " ".join(output_texts(page))
    assert "measured = ⌈k*⌉ for 12 of the 12 offsets" in texts

    cell = panel_cell(page, "SaddlePanel()")
    cell.scroll_into_view_if_needed()
    assert cell.locator(".widget-slider").count() >= 6
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    page.wait_for_timeout(800)
    assert status_of(cell).startswith(f"escaped after {escape_steps(1e-6)} steps")
    before_pixels = canvas.screenshot()
    shot(page, "panel_04_before", cell)

    # Move ε from 1e-6 to 1e-10: a longer plateau, the escape step the formula predicts.
    type_into_readout(slider_readout(page, "start offset ε", within=cell), "1e-10")
    wait_for_status(page, cell, lambda t: t.startswith(f"escaped after {escape_steps(1e-10)} steps"))
    page.wait_for_timeout(1000)  # the blitted picture reaches the browser
    assert canvas.screenshot() != before_pixels, "the figure did not change"
    shot(page, "panel_04_eps_1e-10", cell)

    # Exactly 0: descent slides into the saddle and stays.
    cell.locator(".widget-checkbox input").first.check()
    wait_for_status(page, cell, lambda t: t.startswith("stuck at the saddle: gradient norm"))
    page.wait_for_timeout(1000)
    shot(page, "panel_04_stuck", cell)
    assert not error_outputs(page), error_outputs(page)
