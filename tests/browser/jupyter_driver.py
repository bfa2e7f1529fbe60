"""Drive JupyterLab and Voilà in headless chromium with Playwright.

Used by the browser tests and by benchmarks/bench_browser.py. Servers run on
127.0.0.1 with every Jupyter directory pointed into a temporary folder, on a
copy of the notebooks (JupyterLab autosaves).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BIN = Path(sys.executable).parent


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def require_chromium() -> None:
    """Skip the calling test when chromium is missing, except under CI, where that fails."""
    import pytest

    if not chromium_available():
        message = (f"chromium not found at {CHROMIUM}; install it (e.g. `apt-get install chromium`) "
                   "to run the browser tests")
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs the browser tests: " + message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(home: Path) -> dict:
    """Environment whose Jupyter/IPython/matplotlib state lives in ``home``."""
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                     ("MPLCONFIGDIR", "mpl")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env.pop("MPLBACKEND", None)  # the notebooks choose their own backend
    return env


def wait_for_http(url: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"server at {url} did not answer within {timeout:.0f} s")


@contextmanager
def server(command: list[str], home: Path, port: int, ready_path: str, log_name: str):
    """Run a server process for the duration of the block; its log goes to ``home``."""
    log = open(home / log_name, "w")
    process = subprocess.Popen(command, env=isolated_env(home), stdout=log, stderr=subprocess.STDOUT,
                               cwd=home)
    try:
        wait_for_http(f"http://127.0.0.1:{port}{ready_path}")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


LAB_SETTINGS = {
    # Render every cell (no virtual scrolling), so tests can find any output.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
    # No news or update pop-ups in a test browser without internet.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        '{"fetchNews": "false", "checkForUpdates": false}',
}


def write_lab_settings(settings_dir: Path) -> None:
    for name, text in LAB_SETTINGS.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def lab_command(root_dir: Path, port: int, home: Path) -> list[str]:
    write_lab_settings(home / "settings")
    return [str(BIN / "jupyter"), "lab", "--no-browser", "--ip", "127.0.0.1", f"--port={port}",
            "--ServerApp.token=", "--ServerApp.password=", "--allow-root",
            f"--ServerApp.root_dir={root_dir}", "--LabApp.expose_app_in_browser=True",
            f"--LabApp.workspaces_dir={home / 'workspaces'}",
            f"--LabApp.user_settings_dir={home / 'settings'}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]


def voila_command(notebook: Path, port: int) -> list[str]:
    return [str(BIN / "voila"), str(notebook), "--no-browser", f"--port={port}",
            "--Voila.ip=127.0.0.1", "--ServerApp.token="]


# -- JupyterLab pages ---------------------------------------------------------------

def open_notebook(page, base_url: str, path: str, timeout: float = 90_000) -> None:
    """Open a notebook and wait until its kernel is really ready (idle, with a name)."""
    page.goto(f"{base_url}/lab/tree/{path}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=timeout)
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const name = panel && panel.querySelector('.jp-KernelName');
            return name && name.textContent.trim() !== '' && name.textContent.trim() !== 'No Kernel';
        }""", timeout=timeout)
    wait_idle(page, timeout)


def wait_idle(page, timeout: float = 120_000) -> None:
    page.wait_for_function(
        """() => {
            const ind = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
            return ind && ind.getAttribute('data-status') === 'idle';
        }""", timeout=timeout)


def run_all(page, timeout: float = 180_000) -> None:
    """Run every cell and wait until none is queued or running."""
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll(
                '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""", timeout=timeout)
    wait_idle(page, timeout)


def output_texts(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output", "els => els.map(e => e.innerText)")


def error_outputs(page) -> list[str]:
    """Tracebacks, stderr boxes and widget error boxes on the page."""
    return page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) [data-mime-type='application/vnd.jupyter.stderr'],"
        " .jp-NotebookPanel:not(.lm-mod-hidden) .jupyter-widgets-error-widget",
        "els => els.map(e => e.innerText.slice(0, 300))")


def slider_readout(page, description: str, within=None):
    """The editable number beside the slider whose label is ``description``."""
    scope = within or page
    label = page.locator(".widget-label", has_text=description)
    return scope.locator(".widget-slider").filter(has=label).locator(".widget-readout").first


def type_into_readout(readout, value: str) -> None:
    readout.click()
    readout.press("Control+a")
    readout.type(value)
    readout.press("Enter")


def shot(page, name: str, locator=None) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    (locator or page).screenshot(path=str(path))
    return path


#: One panel move per notebook (Voilà and the browser edition): notebook → (slider to move,
#: value to type, what the panel's status line must then say, or None for any change).
PANEL_MOVES = {
    "00_start_here.ipynb": ("learning rate η", "1.1", None),
    "01_gradient_descent_1d.ipynb": ("learning rate η", "1.5", "diverged at step"),
    "02_many_dimensions.ipynb": ("steps", "3", None),
    "03_step_size.ipynb": ("learning rate η", "1.2", None),
    "04_saddle_points.ipynb": ("start offset ε", "1e-10", "escaped after"),
    "05_backpropagation.ipynb": ("hidden units per layer", "16", None),
    "06_vanishing_exploding.ipynb": ("depth L (layers)", "4", None),
    "07_optimizers.ipynb": ("learning rate η", "0.5", None),
    "08_why_gd_works.ipynb": ("seed", "3", None),
}


def make_panel_move(page, name: str, scope: str = ".widget-vbox", timeout: int = 60_000) -> None:
    """Make the move PANEL_MOVES lists for notebook ``name`` and wait until the panel's status
    line has changed (and says what the move expects, if anything)."""
    description, value, expected = PANEL_MOVES[name]
    label = page.locator(".widget-label", has_text=description)
    panel = page.locator(scope, has=label).first
    status = panel.locator(".widget-html-content").last
    before = status.inner_text()
    assert before.strip()
    type_into_readout(slider_readout(page, description, within=panel), value)
    page.wait_for_function(
        "([el, old, want]) => el.innerText !== old && (!want || el.innerText.includes(want))",
        arg=[status.element_handle(), before, expected], timeout=timeout)


# -- what every notebook's browser test shares ---------------------------------------------

RAW_WIDGET_REPR = re.compile(
    r"\b(VBox|HBox|Canvas|FloatSlider|IntSlider|Dropdown|Output|Play|IntProgress|ToggleButtons)\(")


def saved_png_count(name: str) -> int:
    """How many outputs of the saved notebook carry a PNG picture."""
    cells = json.loads((ROOT / "notebooks" / name).read_text())["cells"]
    return sum("image/png" in out.get("data", {})
               for cell in cells if cell["cell_type"] == "code" for out in cell["outputs"])


def assert_fresh_notebook_reads_well(page, base_url: str, name: str) -> int:
    """Open the never-run copy of a notebook (as after a clone): every saved figure shows as an
    image, no output is a raw widget repr, panels show their friendly text, no errors.
    Returns the number of saved pictures."""
    open_notebook(page, base_url, f"fresh/{name}")
    images = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img")
    expected = saved_png_count(name)
    assert expected > 0
    images.nth(expected - 1).wait_for(state="attached")
    assert images.count() >= expected
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), f"image {i} is broken"
    texts = output_texts(page)
    raw = [t[:80] for t in texts if RAW_WIDGET_REPR.search(t)]
    assert not raw, f"raw widget reprs shown to a reader: {raw}"
    assert any("Live panel: run the notebook" in t for t in texts)
    assert not error_outputs(page)
    shot(page, f"fresh_{name[:2]}")
    return expected


def panel_cell(page, constructor: str):
    """The code cell whose source contains ``constructor`` (e.g. "SaddlePanel()")."""
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell", has_text=constructor).first


def status_of(cell) -> str:
    """The text of the first status line (an HTML widget) in a cell's output."""
    return cell.locator(".widget-html-content").first.inner_text()


def wait_for_status(page, cell, predicate, timeout_ms: int = 60_000) -> str:
    """Poll the panel's own status line until ``predicate(text)`` holds."""
    for _ in range(timeout_ms // 250):
        text = status_of(cell)
        if predicate(text):
            return text
        page.wait_for_timeout(250)
    raise AssertionError(f"status never matched; last: {status_of(cell)!r}")
