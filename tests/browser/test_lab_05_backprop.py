"""JupyterLab, notebook 05: Run All, then drive the decision-boundary panel like a reader."""
import json
import re

from jupyter_driver import (ROOT, error_outputs, open_notebook, output_texts, run_all, shot,
                            slider_readout, type_into_readout)

NAME = "05_backpropagation.ipynb"
RAW_WIDGET_REPR = re.compile(r"\b(VBox|HBox|Canvas|FloatSlider|IntSlider|Dropdown|Output|Play|IntProgress|ToggleButtons)\(")

EPOCH = re.compile(r"epoch (\d+) ·")


def test_fresh_clone_05_shows_every_figure_and_no_widget_repr(page, lab):
    cells = json.loads((ROOT / "notebooks" / NAME).read_text())["cells"]
    expected = sum("image/png" in out.get("data", {})
                   for cell in cells if cell["cell_type"] == "code" for out in cell["outputs"])
    open_notebook(page, lab, f"fresh/{NAME}")
    images = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img")
    images.nth(expected - 1).wait_for(state="attached")
    assert images.count() >= expected >= 8
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), f"image {i} is broken"
    texts = output_texts(page)
    assert not [t[:80] for t in texts if RAW_WIDGET_REPR.search(t)]
    assert any("Live panel: run the notebook" in t for t in texts)
    assert not error_outputs(page)
    shot(page, "fresh_05")


def panel_cell(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell",
                        has_text="DecisionBoundaryPanel()").first


def status_of(cell) -> str:
    return cell.locator(".widget-html-content").first.inner_text()


def epoch_of(cell) -> int:
    match = EPOCH.search(status_of(cell))
    assert match, f"no epoch in the status line: {status_of(cell)!r}"
    return int(match.group(1))


def wait_for_status(page, cell, predicate, timeout_ms: int = 60_000) -> str:
    """Poll the panel's own status line until ``predicate(text)`` holds."""
    for _ in range(timeout_ms // 250):
        text = status_of(cell)
        if predicate(text):
            return text
        page.wait_for_timeout(250)
    raise AssertionError(f"status never matched; last: {status_of(cell)!r}")


def test_run_all_05_slider_and_train_button_drive_the_panel(page, lab):
    open_notebook(page, lab, f"run/{NAME}")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    texts = " ".join(output_texts(page))
    assert "largest relative error" in texts and "≥ 95%: True" in texts

    cell = panel_cell(page)
    cell.scroll_into_view_if_needed()
    assert cell.locator(".widget-slider").count() >= 3
    assert cell.locator(".widget-dropdown").count() == 2
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    page.wait_for_timeout(800)
    first_epoch = epoch_of(cell)
    before_pixels = canvas.screenshot()
    shot(page, "panel_05_before", cell)

    # A slider: more hidden units restarts training on the new network.
    type_into_readout(slider_readout(page, "hidden units per layer", within=cell), "16")
    before_status = status_of(cell)
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
