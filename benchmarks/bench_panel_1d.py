"""Kernel-side cost of one slider update of the 1-D panel and of the first-step panel.

One update = set a control's value: it recomputes, changes the artists and redraws. Under
the Agg backend used here ``draw_idle()`` draws at once, so the time includes one full
render, which is what the browser's redraw request costs the kernel under ipympl. Prints median and
95th percentile over many updates. Run: .venv/bin/python benchmarks/bench_panel_1d.py
"""
import os
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

from helpers.panels import Descent1DPanel, FirstStepPanel  # noqa: E402


def time_updates(panel, control: str, values) -> tuple[np.ndarray, np.ndarray]:
    """Wall-clock and CPU milliseconds of each update (CPU time is steadier on a busy machine)."""
    wall, cpu = [], []
    for value in values:
        start, start_cpu = time.perf_counter(), time.process_time()
        panel.controls[control].value = value
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return np.array(wall) * 1000, np.array(cpu) * 1000


def report(name: str, times: tuple[np.ndarray, np.ndarray]) -> None:
    wall, cpu = times
    print(f"{name:<42} n={len(wall):3d}  wall median {np.median(wall):6.1f} ms  p95 "
          f"{np.percentile(wall, 95):6.1f} ms   CPU median {np.median(cpu):6.1f} ms  p95 "
          f"{np.percentile(cpu, 95):6.1f} ms")


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    lrs = np.geomspace(0.001, 3, 60)
    panel = Descent1DPanel(steps=100)
    report("1-D panel, η swept 1e-3 → 3 (100 steps)", time_updates(panel, "lr", lrs))
    report("1-D panel, η dragged 0.05 → 0.5", time_updates(panel, "lr", np.linspace(0.05, 0.5, 60)))
    report("1-D panel, start point", time_updates(panel, "start", np.linspace(-2.9, 2.9, 60)))
    panel.controls["formula"].value = "sin(3*x) + x**2/4"
    report("1-D panel, typed function, learning rate", time_updates(panel, "lr", lrs[::-1]))
    first = FirstStepPanel()
    report("first-step panel (00), learning rate", time_updates(first, "lr", np.linspace(0, 1.2, 60)))


if __name__ == "__main__":
    main()
