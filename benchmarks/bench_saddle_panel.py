"""Kernel-side update cost of the saddle panel (notebook 04): median and p95 in ms.

Each update is what a slider move costs in the kernel: set one control; the
panel recomputes the run, changes artist data and renders. This panel renders
by blitting (it pastes a saved background and draws only the path, the curves
and the bands, then ``canvas.blit``; the background is rendered again only when
the axis limits change, in coarse steps), so the time of setting the control is
the whole kernel-side cost. For comparison with panels that call
``draw_idle()`` the second column adds a full ``fig.canvas.draw()``. The load
average is printed because on a shared machine it moves every figure.

Run: .venv/bin/python benchmarks/bench_saddle_panel.py
"""
from __future__ import annotations

import os
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

from helpers.objectives import two_valleys  # noqa: E402
from helpers.panels.saddle import SaddlePanel  # noqa: E402

UPDATES = 60


def measure(panel: SaddlePanel, name: str, values, full_draw: bool = False):
    """Time ``UPDATES`` moves of one control, cycling through ``values``: wall and CPU ms each."""
    control = panel.controls[name]
    wall, cpu = [], []
    for i in range(UPDATES):
        start, start_cpu = time.perf_counter(), time.process_time()
        control.value = values[i % len(values)]
        if full_draw:
            panel.fig.canvas.draw()
        wall.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - start_cpu) * 1e3)
    return np.array(wall), np.array(cpu)


def line(label: str, blit, full) -> str:
    (wall, cpu), (full_wall, _) = blit, full
    return (f"  {label:<32} blit: median {np.median(wall):6.1f}  p95 {np.percentile(wall, 95):6.1f}"
            f"  (CPU median {np.median(cpu):5.1f})"
            f"  | + full draw: median {np.median(full_wall):6.1f}  p95 {np.percentile(full_wall, 95):6.1f}")


def main() -> None:
    panel = SaddlePanel()
    panel.fig.canvas.draw()
    cases = [
        ("start offset ε", "eps", 10.0 ** -np.arange(1, 12.5, 0.5)),
        ("learning rate η", "lr", np.geomspace(0.02, 0.4, 15)),
        ("noise σ", "noise", [1e-6, 1e-4, 1e-3, 1e-2]),
        ("momentum β", "beta", np.arange(0.0, 0.95, 0.05)),
    ]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"saddle panel, kernel side, {UPDATES} updates per control, ms "
          f"(load average {load} on {os.cpu_count()} cores)")
    for label, name, values in cases:
        print(line(label, measure(panel, name, values), measure(panel, name, values, True)))
    panel.controls["noise"].value = 0.0
    panel.controls["exactly_zero"].value = True
    steps = [1000, 990]
    print(line("ε = 0, 1000 steps (worst case)", measure(panel, "steps", steps),
               measure(panel, "steps", steps, True)))
    start = time.perf_counter()
    panel.controls["function"].value = two_valleys().name
    print(f"  {'switch function (new contours)':<34} once  {1e3 * (time.perf_counter() - start):6.1f}")
    panel.controls["exactly_zero"].value = False
    eps = 10.0 ** -np.arange(1, 12.5, 0.5)
    print(line("two valleys: start offset ε", measure(panel, "eps", eps),
               measure(panel, "eps", eps, True)))

if __name__ == "__main__":
    main()
