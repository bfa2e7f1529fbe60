"""Run the class hub (hub/jupyterhub_config.py) privately and act as its students.

Used by the hub test and by benchmarks/bench_hub.py. The hub, its proxy, every student's
server and every kernel carry ``WORKBOOK_HUB_RUN=<run folder>`` in their environment, which is
how ``hub_processes`` finds them (the machine is shared: nothing else is looked at).
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from jupyter_driver import (BIN, ROOT, free_port, open_notebook, wait_for_http,  # noqa: E402
                            write_lab_settings)

CONFIG = ROOT / "hub" / "jupyterhub_config.py"
PROXY = ROOT / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "class-password"
COURSE_NOTEBOOKS = "workbook/notebooks"  # where the hub puts each student's copy


def hub_ready() -> str | None:
    """Why the hub cannot start here, or None when it can."""
    if not (BIN / "jupyterhub").exists():
        return "jupyterhub is not installed in .venv: run `make hub-install`"
    if not PROXY.exists():
        return "configurable-http-proxy is not installed in hub/node_modules: run `make hub-install`"
    return None


def marker(run: Path) -> bytes:
    return f"WORKBOOK_HUB_RUN={run.resolve()}".encode()


def hub_processes(run: Path) -> dict[int, str]:
    """pid → command line of every live process of the hub that uses ``run``."""
    found = {}
    wanted = marker(run)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            if wanted in environ and (entry / "stat").read_text().split(") ")[-1][0] != "Z":
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def kernel_peaks(run: Path) -> dict[str, int]:
    """Student name → peak resident memory (VmHWM, bytes) of their kernels, summed."""
    return _peaks(run, lambda cmd: "ipykernel_launcher" in cmd)


def server_peaks(run: Path) -> dict[str, int]:
    """Student name → peak resident memory (VmHWM, bytes) of their single-user server."""
    return _peaks(run, lambda cmd: "jupyterhub-singleuser" in cmd)


def _peaks(run: Path, wanted) -> dict[str, int]:
    peaks: dict[str, int] = {}
    for pid, cmd in hub_processes(run).items():
        if not wanted(cmd):
            continue
        try:
            user = _environ_value(pid, b"JUPYTERHUB_USER")
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        hwm = next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM"))
        peaks[user] = peaks.get(user, 0) + hwm
    return peaks


def cpu_seconds(run: Path, student: str) -> dict[str, float]:
    """CPU time (user + system, seconds) used so far by a student's kernels and server."""
    used = {"kernel": 0.0, "server": 0.0}
    tick = os.sysconf("SC_CLK_TCK")
    for pid, cmd in hub_processes(run).items():
        kind = ("kernel" if "ipykernel_launcher" in cmd
                else "server" if "jupyterhub-singleuser" in cmd else None)
        try:
            if kind is None or _environ_value(pid, b"JUPYTERHUB_USER") != student:
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
        except OSError:
            continue
        used[kind] += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return used


def resident_total(run: Path) -> int:
    """Resident memory (bytes) of every process of the hub right now."""
    total = 0
    for pid in hub_processes(run):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.splitlines()
                       if line.startswith("VmRSS")), 0)
    return total


def _environ_value(pid: int, key: bytes) -> str:
    for item in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
        if item.startswith(key + b"="):
            return item[len(key) + 1:].decode()
    return "?"


def prepare_home(run: Path, student: str) -> None:
    """What the tests need in a student's home before the first login: lab settings (every cell
    rendered, no news pop-ups) and ``window.jupyterapp`` for driving the page."""
    config = run / "home" / student / ".jupyter"
    write_lab_settings(config / "lab" / "user-settings")
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"LabApp": {"expose_app_in_browser": True}}))


@contextmanager
def class_hub(run: Path, stop_timeout: float = 90):
    """Start the hub on a free loopback port for the block; yields its public URL.

    On leaving, the hub is asked to stop (SIGTERM: it stops the students' servers and the
    proxy itself); whatever of it is still alive after ``stop_timeout`` is killed and recorded
    in ``class_hub.left_running`` for the caller to assert on.
    """
    run.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = dict(os.environ, WORKBOOK_HUB_RUN=str(run.resolve()), WORKBOOK_HUB_PORT=str(port),
               WORKBOOK_HUB_PASSWORD=PASSWORD)
    log = open(run / "hub.log", "w")
    process = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(CONFIG)], env=env, cwd=run,
                               stdout=log, stderr=subprocess.STDOUT)
    class_hub.left_running = {}
    try:
        wait_for_http(f"http://127.0.0.1:{port}/hub/health", timeout=120)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=stop_timeout)
        except subprocess.TimeoutExpired:
            process.kill()
        deadline = time.time() + 10
        while hub_processes(run) and time.time() < deadline:
            time.sleep(0.5)
        class_hub.left_running = hub_processes(run)
        for pid in class_hub.left_running:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        log.close()


def log_in(page, hub_url: str, student: str, timeout: float = 240_000) -> float:
    """Log in through the hub's form and wait for the student's JupyterLab; returns seconds."""
    page.goto(f"{hub_url}/hub/login")
    page.fill("#username_input", student)
    page.fill("#password_input", PASSWORD)
    start = time.perf_counter()
    page.click("#login_submit")
    deadline = start + timeout / 1000
    in_lab = re.compile(rf"/user/{student}/lab(/|\?|$)")
    while True:
        try:
            page.wait_for_url(in_lab, timeout=60_000)
            break
        except Exception:  # Playwright's TimeoutError: still on the hub's progress page
            if time.perf_counter() > deadline:
                raise
            # A loaded machine can miss the progress page's redirect; ask the hub again.
            page.goto(f"{hub_url}/hub/user/{student}/lab/tree/{COURSE_NOTEBOOKS}/00_start_here.ipynb")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=timeout)
    return time.perf_counter() - start


def open_course_notebook(page, hub_url: str, student: str, name: str) -> None:
    open_notebook(page, f"{hub_url}/user/{student}", f"{COURSE_NOTEBOOKS}/{name}", timeout=240_000)
