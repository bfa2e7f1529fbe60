"""A class on the hub: N students at once log in, open notebook 01, Run All, move a slider.

For each N (default 5, 10, 20) a private hub (hub/jupyterhub_config.py) starts on 127.0.0.1;
N student processes log in at the same moment and go through the lesson, speaking HTTP and
the Jupyter protocol as their JupyterLab would (tests/hub/wire_student.py; ``--browser``: each
in a headless chromium instead); then the hub stops with everything it started. Bounded: every
student has a time limit (``--student-timeout``; one still busy then is stopped and reported
as unfinished with the step it reached), and nothing is reached beyond the loopback
interface. Per student it measures:
  server start  login submitted → their JupyterLab shows the first notebook (spawn + page load)
  Run All       notebook 01, every cell run
  slider        η moved → the panel's status line changed and its new picture arrived (round
                trip through proxy, server and kernel and back), MOVES times per student
  CPU           CPU time (user + system) of each student's kernel and server for Run All
                and per slider move: unlike the times, it hardly depends on the machine's load
  memory        peak resident memory (VmHWM) of each kernel and of each single-user server, and
                the peak of everything the hub started together (sampled once a second)
Run: .venv/bin/python benchmarks/bench_hub.py [--students 1 5 10 20] (needs `make hub-install`)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hub"))
from hub_driver import (COURSE_NOTEBOOKS, class_hub, cpu_seconds, hub_processes, hub_ready,  # noqa: E402
                        kernel_peaks, log_in, open_course_notebook, prepare_home, resident_total,
                        server_peaks)
from jupyter_driver import (CHROMIUM, CHROMIUM_ARGS, error_outputs, panel_cell,  # noqa: E402
                            run_all, slider_readout)

NOTEBOOK = "01_gradient_descent_1d.ipynb"
# Each value leaves a different status line from the one before (another regime or step count).
MOVES = [0.05, 0.3, 0.9, 1.2, 0.02, 0.5, 1.5, 0.1, 0.2, 0.6]
SLIDER_P95_LIMIT_MS = 250


# -- one student (a process of its own) ---------------------------------------------------

def student(hub_url: str, name: str, out: Path, run: Path, timeout: float) -> None:
    """One student through the lesson without a browser (tests/hub/wire_student.py).

    Writes what it has measured after every step, so a student stopped at the class's time
    limit still reports how far it got; every step has its own share of ``timeout``.
    """
    from hub_driver import PASSWORD
    from wire_student import WireStudent

    result = {"student": name, "slider_ms": [], "errors": [], "reached": "logging in"}
    save = lambda: out.write_text(json.dumps(result))  # noqa: E731
    save()
    pupil = WireStudent(hub_url, name, PASSWORD)
    begin = time.perf_counter()
    left = lambda: max(5.0, timeout - (time.perf_counter() - begin))  # noqa: E731
    try:
        result["start_s"] = pupil.log_in(timeout=left())
        result["reached"] = "opening the notebook"
        save()
        cells = pupil.open_notebook(f"{COURSE_NOTEBOOKS}/{NOTEBOOK}", timeout=left())
        pupil.start_kernel(timeout=left())
        result["reached"] = "Run All"
        save()
        start, cpu_before = time.perf_counter(), cpu_seconds(run, name)
        pupil.run_cells(cells, timeout=left())
        result["run_all_s"] = time.perf_counter() - start
        result["errors"] = pupil.errors
        pupil.settle(1.0)  # the last pictures of Run All arrive
        cpu_after_run = cpu_seconds(run, name)
        result["reached"] = "moving the slider"
        save()
        knob, statuses, canvas = pupil.panel_parts("Descent1DPanel(", cells, "learning rate η")
        for lr in MOVES:
            result["slider_ms"].append(pupil.move(knob, statuses, canvas, lr, timeout=min(120, left())))
            save()
            pupil.settle(0.3)  # a student reads the result before the next move
        cpu_after_moves = cpu_seconds(run, name)
        result["run_all_cpu_s"] = {k: cpu_after_run[k] - cpu_before[k] for k in cpu_before}
        result["move_cpu_ms"] = {k: 1000 * (cpu_after_moves[k] - cpu_after_run[k]) / len(MOVES)
                                 for k in cpu_before}
        result["reached"] = "done"
    except Exception as error:  # an unfinished student is a result too: report why
        result["failure"] = f"{result['reached']}: {type(error).__name__}: {str(error)[:200]}"
    finally:
        pupil.close()
    save()


def browser_student(hub_url: str, name: str, out: Path, run: Path, timeout: float) -> None:
    """The same lesson in headless chromium (``--browser``): the students' browsers then share
    the hub's cores, so the times are an upper bound."""
    from playwright.sync_api import sync_playwright

    result = {"student": name, "slider_ms": [], "errors": [], "reached": "logging in"}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.set_default_timeout(timeout * 1000)
            result["start_s"] = log_in(page, hub_url, name, timeout=timeout * 1000)
            result["reached"] = "Run All"
            open_course_notebook(page, hub_url, name, NOTEBOOK)
            begin, cpu_before = time.perf_counter(), cpu_seconds(run, name)
            run_all(page, timeout=timeout * 1000)
            result["run_all_s"] = time.perf_counter() - begin
            cpu_after_run = cpu_seconds(run, name)
            result["errors"] = error_outputs(page)
            result["reached"] = "moving the slider"
            result["slider_ms"] = move_slider(page)
            cpu_after_moves = cpu_seconds(run, name)
            result["run_all_cpu_s"] = {k: cpu_after_run[k] - cpu_before[k] for k in cpu_before}
            result["move_cpu_ms"] = {k: 1000 * (cpu_after_moves[k] - cpu_after_run[k]) / len(MOVES)
                                     for k in cpu_before}
            result["reached"] = "done"
            browser.close()
    except Exception as error:  # an unfinished student is a result too: report why
        result["failure"] = f"{result['reached']}: {type(error).__name__}: {str(error)[:200]}"
    out.write_text(json.dumps(result))


def move_slider(page) -> list[float]:
    cell = panel_cell(page, "Descent1DPanel()")
    cell.scroll_into_view_if_needed()
    status = cell.locator(".widget-html-content").first.element_handle()
    readout = slider_readout(page, "learning rate η", within=cell)
    times = []
    for lr in MOVES:
        before = status.inner_text()
        readout.click()
        readout.press("Control+a")
        readout.type(str(lr))
        start = time.perf_counter()
        readout.press("Enter")
        page.wait_for_function("([el, old]) => el.innerText !== old && el.innerText.length > 0",
                               arg=[status, before], polling=5, timeout=120_000)
        times.append((time.perf_counter() - start) * 1000)
        page.wait_for_timeout(300)  # a student reads the result before the next move
    return times


# -- one class of N students ---------------------------------------------------------------

def run_class(n: int, student_timeout: float, browser: bool = False) -> dict:
    run = Path(tempfile.mkdtemp(prefix=f"bench-hub-{n}-")) / "hub"
    names = [f"student{i:02d}" for i in range(n)]
    for name in names:
        prepare_home(run, name)
    peak_total = [0]
    with class_hub(run) as hub_url:
        stop = threading.Event()
        sampler = threading.Thread(target=sample_memory, args=(run, peak_total, stop), daemon=True)
        sampler.start()
        extra = ["--browser"] if browser else []
        workers = [subprocess.Popen([sys.executable, __file__, "--student", name, "--hub", hub_url,
                                     "--out", str(run / f"{name}.json"), "--run", str(run),
                                     "--student-timeout", str(student_timeout), *extra],
                                    start_new_session=True)
                   for name in names]
        # Every student has the same time from the common start; one still busy 30 s after
        # its own limit is stopped (with its process group) and reported as unfinished.
        deadline = time.time() + student_timeout + 30
        stopped = set()
        for name, worker in zip(names, workers):
            try:
                worker.wait(timeout=max(1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, 9)
                worker.wait()
                stopped.add(name)
        kernels, servers = kernel_peaks(run), server_peaks(run)
        stop.set()
        sampler.join()
    results = []
    for name in names:
        path = run / f"{name}.json"
        result = json.loads(path.read_text()) if path.exists() else {"student": name, "slider_ms": []}
        if name in stopped and "failure" not in result:
            result["failure"] = f"{result.get('reached', 'starting')}: stopped at the time limit"
        results.append(result)
    return {"n": n, "results": results, "kernel_peaks": kernels, "server_peaks": servers,
            "peak_total": peak_total[0], "left_running": class_hub.left_running,
            "leftover_after": hub_processes(run)}


def sample_memory(run: Path, peak: list, stop: threading.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], resident_total(run))
        stop.wait(1.0)


def summarise(report: dict) -> dict:
    """The class's row: times over every student that got that far (finished or not)."""
    results = report["results"]
    done = [r for r in results if "failure" not in r]

    def values(key):
        found = [r[key] for r in results if key in r]
        return np.array(found or [np.nan], dtype=float)

    slider = np.array([ms for r in results for ms in r["slider_ms"]] or [np.nan])
    starts, run_alls = values("start_s"), values("run_all_s")
    kernels = np.array(list(report["kernel_peaks"].values()) or [np.nan]) / 2**20
    servers = np.array(list(report["server_peaks"].values()) or [np.nan]) / 2**20
    run_all_cpu = [sum(r["run_all_cpu_s"].values()) for r in done] or [np.nan]
    move_cpu = [sum(r["move_cpu_ms"].values()) for r in done] or [np.nan]
    return {"n": report["n"], "finished": len(done), "servers_started": int(np.isfinite(starts).sum()),
            "run_alls": int(np.isfinite(run_alls).sum()), "moves": int(np.isfinite(slider).sum()),
            "start_median_s": np.median(starts), "start_max_s": np.max(starts),
            "run_all_median_s": np.median(run_alls), "run_all_max_s": np.max(run_alls),
            "slider_median_ms": np.median(slider), "slider_p95_ms": np.percentile(slider, 95),
            "run_all_cpu_s": np.median(run_all_cpu), "move_cpu_ms": np.median(move_cpu),
            "kernel_peak_mb": np.max(kernels), "server_peak_mb": np.max(servers),
            "total_peak_gb": report["peak_total"] / 2**30,
            "failures": [f"{r['student']}: {r['failure']}" for r in results if "failure" in r],
            "errors_shown": sum(len(r.get("errors", [])) for r in results),
            "left_running": len(report["left_running"]) + len(report["leftover_after"])}


def print_row(s: dict, load: str) -> None:
    print(f"| {s['n']:>2} | {s['finished']:>2}/{s['n']:<2} | {s['start_median_s']:.0f} / {s['start_max_s']:.0f} s"
          f" | {s['run_all_median_s']:.0f} / {s['run_all_max_s']:.0f} s"
          f" | {s['slider_median_ms']:.0f} / {s['slider_p95_ms']:.0f} ms ({s['moves']})"
          f" | {s['run_all_cpu_s']:.1f} s | {s['move_cpu_ms']:.0f} ms"
          f" | {s['kernel_peak_mb']:.0f} MB | {s['server_peak_mb']:.0f} MB"
          f" | {s['total_peak_gb']:.2f} GB | {load} |", flush=True)
    for failure in s["failures"]:
        print(f"    unfinished: {failure}", flush=True)
    if s["errors_shown"] or s["left_running"]:
        print(f"    errors in cells: {s['errors_shown']}, processes left running: {s['left_running']}")


def print_students(report: dict) -> None:
    """One line per student: how far they got and what it cost."""
    for r in report["results"]:
        moves = np.array(r["slider_ms"] or [np.nan])
        kernel = report["kernel_peaks"].get(r["student"], np.nan) / 2**20
        print(f"    {r['student']}: {r.get('reached', '?')}; server start {r.get('start_s', np.nan):.0f} s,"
              f" Run All {r.get('run_all_s', np.nan):.0f} s, slider {np.median(moves):.0f} /"
              f" {np.percentile(moves, 95):.0f} ms over {len(r['slider_ms'])} moves,"
              f" kernel peak {kernel:.0f} MB", flush=True)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--student-timeout", type=float, default=600,
                        help="seconds each student has for the whole lesson (then: unfinished)")
    parser.add_argument("--browser", action="store_true",
                        help="students in headless chromium instead of speaking the protocol")
    parser.add_argument("--json", type=Path, help="also save every measurement here")
    parser.add_argument("--student", help=argparse.SUPPRESS)
    parser.add_argument("--hub", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--run", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.student:
        (browser_student if args.browser else student)(args.hub, args.student, args.out, args.run,
                                                       args.student_timeout)
        return
    missing = hub_ready()
    if missing:
        sys.exit(missing)
    print(f"{os.cpu_count()} cores; slider p95 limit {SLIDER_P95_LIMIT_MS} ms; "
          f"{len(MOVES)} slider moves per student; notebook {NOTEBOOK}")
    print("|  N | finished | server start median / max | Run All median / max"
          " | slider median / p95 (moves) | CPU per Run All | CPU per move | kernel peak | server peak | all processes peak"
          " | load average before → after |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    saved = []
    for n in args.students:
        before = load_average()
        report = run_class(n, args.student_timeout, args.browser)
        summary = summarise(report)
        print_row(summary, f"{before} → {load_average()}")
        print_students(report)
        saved.append(report)
    if args.json:
        args.json.write_text(json.dumps(saved, indent=1, default=float))


if __name__ == "__main__":
    main()
