"""Browser round trip: type a learning rate into the 1-D panel's readout → status text updated.

Starts a private JupyterLab on a temporary copy of the notebooks, runs notebook 01 in headless
chromium, then changes the learning rate many times and measures, in the page, the time from
the key press to the moment the status line shows the new text. Prints median and p95.
Run: .venv/bin/python benchmarks/bench_browser.py
"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from jupyter_driver import (CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, lab_command,  # noqa: E402
                            open_notebook, run_all, server, slider_readout)

# Small moves, as when a reader nudges the slider, and jumps across the regimes.
NUDGES = [0.26, 0.27, 0.28, 0.29, 0.3, 0.31, 0.32, 0.33, 0.34, 0.35, 0.36, 0.37]
JUMPS = [0.05, 0.3, 0.9, 1.0, 1.2, 0.02, 0.5, 0.75, 1.5, 0.1, 0.2, 0.6]


def main() -> None:
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    shutil.copytree(ROOT / "notebooks", home / "work" / "run")
    port = free_port()
    with server(lab_command(home / "work", port, home), home, port, "/lab", "lab.log") as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        open_notebook(page, url, "run/01_gradient_descent_1d.ipynb")
        run_all(page)
        cell = page.locator(".jp-CodeCell", has_text="Descent1DPanel()").first
        cell.scroll_into_view_if_needed()
        status = cell.locator(".widget-html-content").first
        readout = slider_readout(page, "learning rate η", within=cell)
        for name, changes in (("small moves", NUDGES), ("jumps across regimes", JUMPS)):
            report(name, measure(page, status, readout, changes))
        browser.close()


def measure(page, status, readout, changes) -> np.ndarray:
    """Milliseconds from pressing Enter in the readout to the status line changing."""
    times = []
    for lr in changes:
        before = status.inner_text()
        readout.click()
        readout.press("Control+a")
        readout.type(str(lr))
        start = time.perf_counter()
        readout.press("Enter")
        page.wait_for_function("(old) => [...document.querySelectorAll('.widget-html-content')]"
                               ".some(e => e.innerText !== old && e.innerText.length > 0)",
                               arg=before, polling=5)
        times.append((time.perf_counter() - start) * 1000)
        page.wait_for_timeout(300)  # let the picture arrive before the next change
    return np.array(times)


def report(name: str, ms: np.ndarray) -> None:
    print(f"η typed into the readout → status updated in the browser, {name}: n={len(ms)}  "
          f"median {np.median(ms):.0f} ms   p95 {np.percentile(ms, 95):.0f} ms")


if __name__ == "__main__":
    main()
