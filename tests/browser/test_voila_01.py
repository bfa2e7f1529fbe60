"""Voilà serves notebook 01 as an app: the panel renders and responds."""
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from jupyter_driver import ROOT, free_port, server, shot, slider_readout, type_into_readout, voila_command


@pytest.fixture(scope="module")
def voila(browser, tmp_path_factory):
    home = tmp_path_factory.mktemp("voila")
    port = free_port()
    notebook = ROOT / "notebooks" / "01_gradient_descent_1d.ipynb"
    with server(voila_command(notebook, port), home, port, "/", "voila.log") as url:
        yield url


def load_app(page, url):
    """Open the app; reload once if Voilà stays on "Executing N of M" (a known Voilà hiccup)."""
    for attempt in range(2):
        page.goto(url)
        try:
            page.locator(".widget-slider").first.wait_for(state="visible", timeout=120_000)
            page.locator(".jupyter-matplotlib canvas").first.wait_for(state="visible", timeout=60_000)
            return
        except PlaywrightTimeout:
            if attempt == 1:
                raise


def test_voila_panel_renders_and_responds(page, voila):
    load_app(page, voila)
    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    panel = page.locator(".widget-vbox", has=page.locator(".widget-label", has_text="learning rate η")).first
    status = panel.locator(".widget-html-content").first
    before = status.inner_text()
    assert before.strip()
    type_into_readout(slider_readout(page, "learning rate η", within=panel), "1.5")
    page.wait_for_function("() => [...document.querySelectorAll('.widget-html-content')]"
                           ".some(e => e.innerText.includes('diverged at step'))")
    assert status.inner_text() != before
    shot(page, "voila_01", page.locator("body"))
