"""Fixtures for the hub test: chromium, and a hub that is installed (`make hub-install`)."""
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hub_driver import hub_ready  # noqa: E402
from jupyter_driver import CHROMIUM, CHROMIUM_ARGS, require_chromium  # noqa: E402


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/hub" in str(item.fspath):
            item.add_marker(pytest.mark.hub)


@pytest.fixture(scope="session")
def browser():
    missing = hub_ready()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs the hub test: " + missing)
        pytest.skip(missing)
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
