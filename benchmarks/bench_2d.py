"""Speed of notebooks 02 and 03: the vectorised computations and the panels' update cost.

Compute: a learning-rate sweep of 300 rates, a 200 × 200 basin map, the
iterations-to-tolerance runs against κ. Panels: the kernel-side cost of one
update (set a control: the panel recomputes, changes artist data and calls
``draw_idle()``, which under the Agg backend used here renders at once — the
render the browser's redraw request costs the kernel under ipympl).
Median and 95th percentile in milliseconds; the machine's load average is
printed too, since a busy machine slows every figure.

Run: .venv/bin/python benchmarks/bench_2d.py
"""
from __future__ import annotations

import os
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

from helpers.objectives import himmelblau, quadratic_bowl, three_wells  # noqa: E402
from helpers.panels.descent_2d import Descent2DPanel  # noqa: E402
from helpers.panels.step_size import RegimePanel, ValleyPanel  # noqa: E402
from helpers.step_size import basin_map, iterations_to_tolerance, lr_sweep  # noqa: E402

REPEATS = 7
UPDATES = 60


def _stats(ms) -> str:
    ms = np.asarray(ms)
    return f"median {np.median(ms):7.1f} ms   p95 {np.percentile(ms, 95):7.1f} ms"


def timed(function, repeats: int = REPEATS) -> np.ndarray:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1e3)
    return np.array(times)


def compute() -> None:
    bowl = quadratic_bowl(1.0, 10.0, 30.0)
    lrs = np.geomspace(1e-3, 1.0, 300)
    cases = [
        ("sweep: 300 learning rates × 300 steps", lambda: lr_sweep(bowl, bowl.default_start, lrs, 300)),
        ("basin map 200×200, Himmelblau η = 0.01", lambda: basin_map(himmelblau(), 0.01)),
        ("basin map 200×200, Himmelblau η = 0.02", lambda: basin_map(himmelblau(), 0.02)),
        ("basin map 200×200, three wells η = 0.3", lambda: basin_map(three_wells(), 0.3)),
        ("iterations vs κ (7 κ, GD and momentum)", lambda: (
            iterations_to_tolerance(np.geomspace(10, 1000, 7)),
            iterations_to_tolerance(np.geomspace(10, 1000, 7), momentum=True))),
    ]
    print(f"compute, {REPEATS} repeats")
    for label, function in cases:
        print(f"  {label:<44} {_stats(timed(function))}")


def panel_updates(panel, name: str, values) -> np.ndarray:
    control = panel.controls[name]
    times = []
    for i in range(UPDATES):
        start = time.perf_counter()
        control.value = values[i % len(values)]
        times.append((time.perf_counter() - start) * 1e3)
    return np.array(times)


def panels() -> None:
    print(f"panels, kernel side, {UPDATES} updates per control (set value → recompute + one render)")
    panel = Descent2DPanel()
    panel.fig.canvas.draw()
    cases = [("02 bowl: learning rate η", "lr", np.geomspace(0.01, 0.19, 12)),
             ("02 bowl: κ", "kappa", np.geomspace(1, 20, 12)),
             ("02 bowl: rotation θ", "angle", list(range(0, 180, 15))),
             ("02 bowl: steps (up to 1000)", "steps", [1000, 990])]
    for label, name, values in cases:
        print(f"  {label:<44} {_stats(panel_updates(panel, name, values))}")
    panel.controls["function"].value = himmelblau().name
    panel.fig.canvas.draw()
    print(f"  {'02 Himmelblau: learning rate η':<44} "
          f"{_stats(panel_updates(panel, 'lr', np.geomspace(0.002, 0.02, 12)))}")
    clicks = []
    for x, y in np.random.default_rng(0).uniform(-4.5, 4.5, size=(UPDATES, 2)):
        start = time.perf_counter()
        panel.set_start(x, y)
        clicks.append((time.perf_counter() - start) * 1e3)
    print(f"  {'02 Himmelblau: click sets the start':<44} {_stats(clicks)}")
    switch = timed(lambda: (setattr(panel.controls["function"], "value", three_wells().name),
                            setattr(panel.controls["function"], "value", himmelblau().name)),
                   repeats=3) / 2
    print(f"  {'02 switch function (new contours)':<44} {_stats(switch)}")

    regime = RegimePanel()
    regime.fig.canvas.draw()
    print(f"  {'03 regimes: learning rate η':<44} "
          f"{_stats(panel_updates(regime, 'lr', np.linspace(0.05, 1.2, 24)))}")
    print(f"  {'03 regimes: curvature a':<44} "
          f"{_stats(panel_updates(regime, 'a', [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]))}")
    valley = ValleyPanel()
    valley.fig.canvas.draw()
    for label, name, values in [("03 valley: learning rate η", "lr", np.geomspace(0.01, 0.12, 12)),
                                ("03 valley: momentum β", "beta", np.arange(0, 0.95, 0.05)),
                                ("03 valley: κ", "kappa", np.geomspace(1, 100, 12)),
                                ("03 valley: steps (up to 300)", "steps", [300, 290])]:
        print(f"  {label:<44} {_stats(panel_updates(valley, name, values))}")


def compute_only() -> None:
    """The same updates with rendering switched off: what the panels' own code costs."""
    print(f"panels, compute only (no render), {UPDATES} updates per control")
    for label, panel, name, values in [
            ("02 bowl: learning rate η", Descent2DPanel(), "lr", np.geomspace(0.01, 0.19, 12)),
            ("02 bowl: steps = 1000", Descent2DPanel(steps=1000), "lr", np.geomspace(0.002, 0.01, 12)),
            ("03 regimes: learning rate η", RegimePanel(), "lr", np.linspace(0.05, 1.2, 24)),
            ("03 valley: momentum β (300 steps)", ValleyPanel(steps=300), "beta", np.arange(0, 0.95, 0.05))]:
        panel.redraw = lambda: None
        print(f"  {label:<44} {_stats(panel_updates(panel, name, values))}")


if __name__ == "__main__":
    print("load average (1, 5, 15 min):", " ".join(f"{x:.1f}" for x in os.getloadavg()))
    compute()
    compute_only()
    panels()
