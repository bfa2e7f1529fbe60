"""JupyterLab, notebook 04: unrun (fresh clone), then Run All and drive the saddle panel like a reader."""
import json
import math
import re

from jupyter_driver import (ROOT, error_outputs, open_notebook, output_texts, run_all, shot,
                            slider_readout, type_into_readout)

NAME = "04_saddle_points.ipynb"
RAW_WIDGET_REPR = re.compile(r"\b(VBox|HBox|Canvas|FloatSlider|IntSlider|Dropdown|Output)\(")


def escape_steps(eps: float, lr: float = 0.1) -> int:
    """First k with (1 + 2η)^k ε ≥ 1: the ceiling of ln(1/ε)/ln(1 + 2η)."""
    return math.ceil(math.log(1 / eps) / math.log(1 + 2 * lr))


def panel_cell(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell",
                        has_text="SaddlePanel()").first


def status_of(cell) -> str:
    return cell.locator(".widget-html-content").first.inner_text()


def wait_for_status(page, cell, predicate, timeout_ms: int = 60_000) -> str:
    """Poll the panel's own status line until ``predicate(text)`` holds."""
    for _ in range(timeout_ms // 250):
        text = status_of(cell)
        if predicate(text):
            return text
        page.wait_for_timeout(250)
    raise AssertionError(f"status never matched; last: {status_of(cell)!r}")


def test_fresh_clone_04_shows_every_figure_and_no_widget_repr(page, lab):
    open_notebook(page, lab, f"fresh/{NAME}")
    cells = json.loads((ROOT / "notebooks" / NAME).read_text())["cells"]
    expected = sum("image/png" in out.get("data", {}) for cell in cells
                   if cell["cell_type"] == "code" for out in cell["outputs"])
    images = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img")
    images.nth(expected - 1).wait_for(state="attached")
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), f"image {i} is broken"
    texts = output_texts(page)
    assert not [t[:80] for t in texts if RAW_WIDGET_REPR.search(t)]
    assert any("Live panel: run the notebook" in t for t in texts)
    assert not error_outputs(page)


def test_run_all_04_eps_slider_and_zero_box_change_the_status(page, lab):
    open_notebook(page, lab, f"run/{NAME}")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    texts = " ".join(output_texts(page))
    assert "measured = ceiling of the formula: True" in texts

    cell = panel_cell(page)
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
