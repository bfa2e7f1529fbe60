"""JupyterLab, notebook 06: Run All, then change the activation and press train like a reader."""
from jupyter_driver import (error_outputs, open_notebook, output_texts, panel_cell, run_all, shot,
                            status_of, wait_for_status)


def settle(page, canvas, timeout_ms: int = 20_000) -> None:
    """Wait until the canvas shows the same pixels twice in a row (the last render has arrived)."""
    previous = canvas.screenshot()
    for _ in range(timeout_ms // 700):
        page.wait_for_timeout(700)
        current = canvas.screenshot()
        if current == previous:
            return
        previous = current
    raise AssertionError("the figure kept changing")


def choose(cell, description: str, option: str) -> None:
    dropdown = cell.locator(".widget-dropdown").filter(
        has=cell.page.locator(".widget-label", has_text=description)).first
    dropdown.locator("select").select_option(label=option)


def test_run_all_06_activation_changes_the_status_and_the_figure(page, lab):
    open_notebook(page, lab, "run/06_vanishing_exploding.ipynb")
    run_all(page)
    assert not error_outputs(page), error_outputs(page)
    texts = " ".join(output_texts(page))
    assert "measured ‖δ₁‖/‖δ₁₀‖ = 8.23e-09" in texts
    assert "vanishing" in texts and "exploding" in texts

    cell = panel_cell(page, "GradientFlowPanel()")
    cell.scroll_into_view_if_needed()
    assert cell.locator(".widget-slider").count() >= 6
    assert cell.locator(".widget-dropdown").count() == 3  # its two menus and the look menu
    canvas = cell.locator(".jupyter-matplotlib canvas").first
    canvas.wait_for(state="visible")
    page.wait_for_timeout(800)
    before_status = status_of(cell)
    assert "vanishing" in before_status
    before_pixels = canvas.screenshot()
    shot(page, "panel_06_before", cell)

    choose(cell, "initialisation", "He/Kaiming")
    wait_for_status(page, cell, lambda text: text.startswith("at initialisation"))
    choose(cell, "activation", "relu")
    after = wait_for_status(page, cell, lambda text: "balanced" in text and "dead units" in text)
    assert after != before_status
    page.wait_for_timeout(1000)  # the canvas redraws when the browser asks for the new image
    assert canvas.screenshot() != before_pixels, "the figure did not change"
    settle(page, canvas)
    shot(page, "panel_06_relu_he", cell)

    choose(cell, "initialisation", "large normal")
    wait_for_status(page, cell, lambda text: "exploding" in text)
    cell.locator("button", has_text="train N steps").click()
    wait_for_status(page, cell, lambda text: "inf/NaN" in text)
    settle(page, canvas)
    shot(page, "panel_06_exploded", cell)
    assert not error_outputs(page), error_outputs(page)
