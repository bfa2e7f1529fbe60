"""Voilà serves every notebook as an app: prose, figures and live panels without code, and
one panel per notebook responds. One Voilà server serves the notebooks folder."""
import json

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from jupyter_driver import (PANEL_MOVES, ROOT, free_port, make_panel_move, server, shot,
                            voila_command)



def test_every_notebook_has_a_move():
    notebooks = (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")
    assert sorted(PANEL_MOVES) == sorted(p.name for p in notebooks)


def static_figures(name: str) -> int:
    """How many saved outputs of the notebook are static figures (PNG, not a live canvas)."""
    cells = json.loads((ROOT / "notebooks" / name).read_text())["cells"]
    return sum("image/png" in out.get("data", {}) and
               "application/vnd.jupyter.widget-view+json" not in out.get("data", {})
               for cell in cells if cell["cell_type"] == "code" for out in cell["outputs"])


@pytest.fixture(scope="module")
def voila(browser, tmp_path_factory):
    home = tmp_path_factory.mktemp("voila_all")
    port = free_port()
    with server(voila_command(ROOT / "notebooks", port), home, port, "/", "voila.log") as url:
        yield url


def load_app(page, url):
    """Open the app; reload once if Voilà stays on "Executing N of M" (a known Voilà hiccup)."""
    for attempt in range(2):
        page.goto(url)
        try:
            page.locator(".widget-slider").first.wait_for(state="visible", timeout=180_000)
            page.locator(".jupyter-matplotlib canvas").first.wait_for(state="visible", timeout=60_000)
            return
        except PlaywrightTimeout:
            if attempt == 1:
                raise


@pytest.mark.parametrize("name", sorted(PANEL_MOVES), ids=lambda n: n[:2])
def test_voila_renders_and_a_panel_responds(page, voila, name):
    load_app(page, f"{voila}/voila/render/{name}")
    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-RenderedMarkdown").count() > 3, "the prose shows"
    assert page.locator(".jp-OutputArea-output img").count() >= static_figures(name), "figures show"
    assert "from helpers" not in page.locator("body").inner_text(), "no code is shown"
    make_panel_move(page, name)
    shot(page, f"voila_{name[:2]}", page.locator("body"))
