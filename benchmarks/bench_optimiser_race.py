"""Kernel-side cost of the optimiser-race panel of notebook 07 (median and p95 in ms).

Five optimisers race for 300 steps. For every control, the time of setting it (the panel
recomputes what changed, changes the artists' data and blits them over its cached
background; under Agg that render happens at once, as ipympl's does before it sends the
picture), over at least 50 updates each (30 for the landscape), cycling through a few values.
Every value set is new to the panel (60 distinct values of each slider; for the checkboxes the
races they need are forgotten before each update, outside the timing), except in the line
marked "seen before", which times the panel's kept races.
Each line gives the wall-clock median and 95th percentile, and the same for the process's CPU
time (less sensitive to other programs sharing the machine; the load average is printed).

Run: .venv/bin/python benchmarks/bench_optimiser_race.py
"""
from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import time  # noqa: E402

import numpy as np  # noqa: E402

from helpers.panels.optimiser_race import LANDSCAPES, STEPS, OptimiserRacePanel  # noqa: E402


def timed(action, repeats: int = 60, fresh=()) -> tuple[np.ndarray, np.ndarray]:
    """Wall and CPU ms per call of action(i) (which sets a control: update and render).

    ``fresh``: the optimisers whose kept races are forgotten before each call (not timed), so
    their setting is one the panel has not seen."""
    wall, cpu = [], []
    for i in range(repeats):
        for name in fresh:
            kept = panel._cache.get(name)
            if hasattr(kept, "clear"):
                kept.clear()
            else:  # an older panel kept one race per optimiser
                panel._cache.pop(name, None)
        start, start_cpu = time.perf_counter(), time.process_time()
        action(i)
        wall.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - start_cpu) * 1e3)
    return np.array(wall), np.array(cpu)


def report(name: str, times) -> None:
    wall, cpu = times
    print(f"  {name:<44} wall median {np.median(wall):6.1f}  p95 {np.percentile(wall, 95):6.1f}"
          f"   cpu median {np.median(cpu):6.1f}  p95 {np.percentile(cpu, 95):6.1f} ms")


def setter(name, values):
    def action(i):
        panel.controls[name].value = values[i % len(values)]
    return action


first = []
for name in LANDSCAPES[1:]:  # a landscape's first visit: its contours and layout are made
    panel = OptimiserRacePanel()
    panel.fig.canvas.draw()
    start, start_cpu = time.perf_counter(), time.process_time()
    panel.controls["landscape"].value = name
    first.append(((time.perf_counter() - start) * 1e3, (time.process_time() - start_cpu) * 1e3))
panel = OptimiserRacePanel()
panel.fig.canvas.draw()
print(f"optimiser race panel: {len(panel.race.entries)} optimisers × {STEPS} steps; load average "
      f"{os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
panel.controls["step"].value = 150

n = 60
report("η of the tuned optimiser (Adam)", timed(setter("lr", list(np.geomspace(0.02, 0.6, n)))))
for lr in np.geomspace(0.05, 0.5, 7):
    panel.controls["lr"].value = lr
report("η of the tuned optimiser (Adam), seen before",
       timed(setter("lr", list(np.geomspace(0.05, 0.5, 7)))))
report("β of the tuned optimiser (Adam's β₁)", timed(setter("beta", list(np.linspace(0.8, 0.95, n)))))
report("β₂ of the tuned optimiser (Adam)", timed(setter("beta2", list(np.linspace(0.99, 0.999, n)))))
report("ε of the tuned optimiser (Adam)", timed(setter("eps", list(np.geomspace(1e-8, 1e-2, n)))))
panel.controls["tune"].value = "momentum"
report("η of the tuned optimiser (momentum)", timed(setter("lr", list(np.geomspace(0.1, 0.6, n)))))
panel.controls["tune"].value = "Adam"
report("valley κ (all five recomputed)", timed(setter("kappa", list(np.geomspace(2, 900, n)))))
panel.controls["kappa"].value = 25.0
five = ("gradient descent", "momentum", "Nesterov", "RMSProp", "Adam")
report("optimiser toggles (AdaGrad on / off)",
       timed(setter("racers", [five + ("AdaGrad",), five]), fresh=("AdaGrad",)))
report("noisy gradients on / off (all five recomputed)",
       timed(setter("noise", [True, False]), fresh=five))
report("tune (which optimiser the sliders set)",
       timed(setter("tune", ["momentum", "RMSProp", "Adam"])))
report("explain this update on / off", timed(setter("explain", [False, True])))
report("landscape (contours and layout made before)",
       timed(setter("landscape", list(LANDSCAPES[1:]) + [LANDSCAPES[0]]), 30, fresh=five))
panel.controls["landscape"].value = LANDSCAPES[0]
panel.controls["step"].value = 0
report("one ▶ beat (the Play widget's value + 1)",
       timed(lambda i: setattr(panel.controls["step"], "value", 1 + i % (STEPS - 1))))
report("step button", timed(lambda i: panel.step()))
print("  landscape, first visit (wall, cpu ms): "
      + ", ".join(f"{name} {w:.0f}, {c:.0f}" for name, (w, c) in zip(LANDSCAPES[1:], first)))
