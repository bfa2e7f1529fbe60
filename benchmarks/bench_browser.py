"""Browser round trip: a value typed into a panel's slider readout → status and picture updated.

Starts a private JupyterLab on a temporary copy of the notebooks and drives headless chromium.

* default: notebook 01's learning rate, small moves and jumps, Enter → status line changed;
* ``--panels``: every panel of tests/browser/jupyter_driver.PANEL_MOVES (one per notebook):
  the listed slider is set back and forth between its first value and the listed one, and
  each change is timed from Enter to the status line changing and to the panel's canvas
  pixels changing (the picture the reader sees). Budget: p95 ≤ 150 ms.

Prints median and p95 per panel, with the load average.
Run: .venv/bin/python benchmarks/bench_browser.py [--panels [--only 05] [--moves N]]
"""
import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from jupyter_driver import (CHROMIUM, CHROMIUM_ARGS, PANEL_MOVES, ROOT, free_port,  # noqa: E402
                            lab_command, open_notebook, run_all, server, slider_readout)

# Small moves, as when a reader nudges the slider, and jumps across the regimes.
NUDGES = [0.26, 0.27, 0.28, 0.29, 0.3, 0.31, 0.32, 0.33, 0.34, 0.35, 0.36, 0.37]
JUMPS = [0.05, 0.3, 0.9, 1.0, 1.2, 0.02, 0.5, 0.75, 1.5, 0.1, 0.2, 0.6]


#: A signature of the first canvas inside ``el`` (ipympl draws the figure there): a sample
#: of its pixels, so a change of picture changes it.
CANVAS_SIGNATURE = """(el) => {
    const c = el.querySelector('canvas');
    if (!c || !c.width) return '';
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 41) h = (h * 31 + d[i]) | 0;
    return c.width + 'x' + c.height + ':' + h;
}"""


def panel_moves(page, name: str, moves: int) -> tuple[np.ndarray, np.ndarray]:
    """ms from Enter to the status changing and to the canvas changing, for ``moves`` changes
    of the slider PANEL_MOVES lists for notebook ``name`` (back and forth)."""
    description, value, _ = PANEL_MOVES[name]
    label = page.locator(".widget-label", has_text=description)
    controls = page.locator(".widget-vbox", has=label).first
    cell = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell", has=label).first
    cell.scroll_into_view_if_needed()
    status = controls.locator(".widget-html-content").last
    readout = slider_readout(page, description, within=controls)
    values = [value, readout.inner_text().strip()]
    status_ms, picture_ms = [], []
    for k in range(moves):
        before_status = status.inner_text()
        before_picture = cell.evaluate(CANVAS_SIGNATURE)
        readout.click()
        readout.press("Control+a")
        readout.type(values[k % 2])
        start = time.perf_counter()
        readout.press("Enter")
        page.wait_for_function("([el, old]) => el.innerText !== old",
                               arg=[status.element_handle(), before_status], polling=5, timeout=60_000)
        status_ms.append((time.perf_counter() - start) * 1000)
        page.wait_for_function(f"([el, old]) => ({CANVAS_SIGNATURE})(el) !== old",
                               arg=[cell.element_handle(), before_picture], polling=10, timeout=60_000)
        picture_ms.append((time.perf_counter() - start) * 1000)
        page.wait_for_timeout(300)
    return np.array(status_ms), np.array(picture_ms)


def all_panels(page, url: str, only: str, moves: int) -> None:
    print(f"panel move → status / picture updated in the browser, ms; load average "
          f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}; budget p95 ≤ 150 ms")
    print(f"{'notebook':<32}{'slider':<26}{'n':>3}{'status med':>12}{'p95':>7}{'picture med':>13}{'p95':>7}")
    for name in PANEL_MOVES:
        if only not in name:
            continue
        open_notebook(page, url, f"run/{name}")
        run_all(page, timeout=900_000)
        try:
            status, picture = panel_moves(page, name, moves)
        except Exception as error:  # noqa: BLE001 - one panel failing should not hide the others
            print(f"{name:<32}{PANEL_MOVES[name][0]:<26} not measured: {type(error).__name__}")
            continue
        print(f"{name:<32}{PANEL_MOVES[name][0]:<26}{len(status):>3}{np.median(status):>12.0f}"
              f"{np.percentile(status, 95):>7.0f}{np.median(picture):>13.0f}{np.percentile(picture, 95):>7.0f}",
              flush=True)
        try:  # free the kernel before the next notebook
            page.evaluate("() => window.jupyterapp.commands.execute('kernelmenu:shutdown')")
        except Exception:  # noqa: BLE001
            pass
    print(f"load average at the end {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panels", action="store_true", help="every panel of PANEL_MOVES")
    parser.add_argument("--only", default="", help="with --panels: notebooks whose name has this")
    parser.add_argument("--moves", type=int, default=10, help="with --panels: changes per panel")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    shutil.copytree(ROOT / "notebooks", home / "work" / "run")
    port = free_port()
    with server(lab_command(home / "work", port, home), home, port, "/lab", "lab.log") as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        if args.panels:
            all_panels(page, url, args.only, args.moves)
            browser.close()
            return
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
