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


def time_updates(panel, control: str, values) -> np.ndarray:
    times = []
    for value in values:
        start = time.perf_counter()
        panel.controls[control].value = value
        times.append(time.perf_counter() - start)
    return np.array(times) * 1000


def report(name: str, ms: np.ndarray) -> None:
    print(f"{name:<46} n={len(ms):3d}  median {np.median(ms):6.1f} ms   p95 {np.percentile(ms, 95):6.1f} ms")


def main() -> None:
    lrs = np.geomspace(0.001, 3, 60)
    panel = Descent1DPanel(steps=100)
    panel.fig.canvas.draw()
    report("1-D panel, learning rate (100 steps)", time_updates(panel, "lr", lrs))
    report("1-D panel, start point", time_updates(panel, "start", np.linspace(-2.9, 2.9, 60)))
    panel.controls["formula"].value = "sin(3*x) + x**2/4"
    report("1-D panel, typed function, learning rate", time_updates(panel, "lr", lrs[::-1]))
    first = FirstStepPanel()
    first.fig.canvas.draw()
    report("first-step panel (00), learning rate", time_updates(first, "lr", np.linspace(0, 1.2, 60)))


if __name__ == "__main__":
    main()
