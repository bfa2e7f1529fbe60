"""Fixtures for the browser tests: chromium, one JupyterLab per session, a fresh page per test.

The lab serves a temporary folder with two copies of notebooks/: ``fresh/`` is
never run (it shows what a reader sees right after cloning: untrusted, saved
outputs only) and ``run/`` is where tests press Run All.
"""
import shutil

import pytest

from jupyter_driver import (CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, lab_command,
                            require_chromium, server)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def lab(browser, tmp_path_factory):
    """Base URL of a JupyterLab serving fresh/ and run/ copies of the notebooks."""
    home = tmp_path_factory.mktemp("lab")
    root = home / "work"
    for copy in ("fresh", "run"):
        shutil.copytree(ROOT / "notebooks", root / copy,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    port = free_port()
    with server(lab_command(root, port, home), home, port, "/lab", "lab.log") as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()
