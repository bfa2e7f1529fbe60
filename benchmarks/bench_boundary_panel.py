"""Kernel-side cost of the decision-boundary panel of notebook 05 (median and p95 in ms).

Times (a) a control change, which rebuilds the network and trainer from the seeded
initial weights and redraws them, and (b) one ▶ beat of training, over 60 updates each: without and with the
Agg render that ipympl does when the browser asks for the new picture.

Run: .venv/bin/python benchmarks/bench_boundary_panel.py
"""
from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import time  # noqa: E402

import numpy as np  # noqa: E402

from helpers.panels.decision_boundary import DecisionBoundaryPanel  # noqa: E402


def timed(action, repeats: int) -> tuple[np.ndarray, np.ndarray]:
    """ms per call of action(i): (with the Agg render, without it).

    Under Agg ``draw_idle`` renders at once; under ipympl it returns at once and the
    kernel renders when the browser asks for the picture. So the second figure is
    what a control change costs before the kernel is free again, the first adds
    the render.
    """
    with_render, without = [], []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        with_render.append((time.perf_counter() - start) * 1e3)
    draw_idle = panel.fig.canvas.draw_idle
    panel.fig.canvas.draw_idle = lambda *args, **kwargs: None
    try:
        for i in range(repeats):
            start = time.perf_counter()
            action(i)
            without.append((time.perf_counter() - start) * 1e3)
    finally:
        panel.fig.canvas.draw_idle = draw_idle
    return np.array(with_render), np.array(without)


def report(name: str, ms: np.ndarray) -> None:
    print(f"  {name:<58} median {np.median(ms):7.1f} ms   p95 {np.percentile(ms, 95):7.1f} ms")


panel = DecisionBoundaryPanel()
settings = [("hidden_units", v) for v in (4, 8, 16)] + [("lr", v) for v in (0.1, 0.3, 1.0)] + \
    [("activation", v) for v in ("tanh", "relu")] + [("depth", v) for v in (1, 2, 3)] + \
    [("batch_mode", v) for v in ("full batch", "mini-batch")] + \
    [("dataset", v) for v in ("two moons", "circles", "spiral", "XOR")]


def change(i):
    name, value = settings[i % len(settings)]
    panel.controls[name].value = value


def beat(i):
    panel.controls["train"].value += 1


print("Decision-boundary panel (2-D set of 200 points, 70×70 probability grid)")
total, compute = timed(change, 60)
report("control change (restart + artist updates)", compute)
report("  the same plus the Agg render", total)
panel.controls["batch_mode"].value = "mini-batch"
total, compute = timed(beat, 60)
report("one ▶ beat (~40 updates + artist updates)", compute)
report("  the same plus the Agg render", total)
