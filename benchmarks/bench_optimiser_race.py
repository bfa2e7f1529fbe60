"""Kernel-side cost of the optimiser-race panel of notebook 07 (median and p95 in ms).

Five optimisers race for 300 steps. Times, over 60 updates each, of setting a control: the
panel recomputes what changed, changes the artists' data and blits them over its cached
background (under Agg that render happens at once, as ipympl's does for the browser):

(a) a change of the tuned optimiser's η: that optimiser's 300 steps are recomputed;
(b) one ▶ beat (the Play widget's value + 1): nothing is recomputed, the paths grow;
(c) a change of the valley's κ: all five optimisers are recomputed.

Run: .venv/bin/python benchmarks/bench_optimiser_race.py
"""
from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import time  # noqa: E402

import numpy as np  # noqa: E402

from helpers.panels.optimiser_race import STEPS, OptimiserRacePanel  # noqa: E402


def timed(action, repeats: int = 60) -> np.ndarray:
    """ms per call of action(i) followed by a render of the canvas."""
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1e3)
    return np.array(times)


def report(name: str, ms: np.ndarray) -> None:
    print(f"  {name:<52} median {np.median(ms):7.1f} ms   p95 {np.percentile(ms, 95):7.1f} ms")


panel = OptimiserRacePanel()
panel.fig.canvas.draw()
print(f"optimiser race panel: {len(panel.race.entries)} optimisers × {STEPS} steps; load average "
      f"{os.getloadavg()[0]:.2f}")
lrs = np.geomspace(0.05, 0.5, 7)
panel.controls["step"].value = 150


def change_lr(i):
    panel.controls["lr"].value = float(lrs[i % len(lrs)])


def beat(i):
    panel.controls["step"].value = 1 + i % (STEPS - 1)


def change_kappa(i):
    panel.controls["kappa"].value = (10.0, 25.0, 100.0)[i % 3]


report("(a) η of the tuned optimiser (one recomputed)", timed(change_lr))
report("(b) one ▶ beat (nothing recomputed)", timed(beat))
report("(c) valley κ (all five recomputed)", timed(change_kappa, 30))
