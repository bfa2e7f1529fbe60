"""Time the gradient-flow panel of notebook 06 at depth 30, kernel side.

A slider update is ``panel.controls[name].value = v`` (a new network, one forward and
backward pass, per-layer statistics and histograms, artist data) followed by one
``fig.canvas.draw()`` (Agg rendering). Under ipympl ``draw_idle()`` returns at once and
the canvas renders once when the browser asks; under Agg it would render right away,
so the panel's ``redraw`` is replaced by a no-op and the one render is timed explicitly. The train button is timed separately: it takes
N steps of gradient descent, so it is a button, not a slider.

Prints median and 95th percentile in ms. Run: .venv/bin/python benchmarks/bench_gradients.py
"""
from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import itertools  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from helpers.panels.gradient_flow import GradientFlowPanel  # noqa: E402

UPDATES = 60


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return 1e3 * (time.perf_counter() - start)


def report(label: str, times_ms: list[float]) -> None:
    times = np.array(times_ms)
    print(f"{label:58s} median {np.median(times):6.1f} ms   p95 {np.percentile(times, 95):6.1f} ms"
          f"   (n = {len(times)})")


def slider_updates(panel: GradientFlowPanel, name: str, values) -> list[float]:
    def change(value):
        panel.controls[name].value = value
        panel.fig.canvas.draw()

    panel.fig.canvas.draw()
    return [timed(lambda v=v: change(v)) for v in itertools.islice(itertools.cycle(values), UPDATES)]


def reference_draw() -> list[float]:
    """How fast this machine draws a one-line figure right now (for scale when it is busy)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([1, 2, 3])
    fig.canvas.draw()
    times = [timed(fig.canvas.draw) for _ in range(20)]
    plt.close(fig)
    return times


def main() -> None:
    report("reference: canvas.draw() of a one-line 6×4 figure", reference_draw())
    print(f"gradient-flow panel, depth 30, width 32, 128 examples; {UPDATES} updates each")
    panel = GradientFlowPanel(depth=30, width=32, activation="tanh", initialisation="Xavier/Glorot")
    panel.redraw = lambda: None
    every = []
    for name, values in [("gain", [0.5, 0.8, 1.0, 1.3, 2.0]),
                         ("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "elu"]),
                         ("initialisation", ["small normal", "large normal", "Xavier/Glorot", "He/Kaiming"]),
                         ("width", [16, 24, 32, 40, 48])]:
        times = slider_updates(panel, name, values)
        every += times
        report(f"slider '{name}' → update + canvas.draw()", times)
    report("all slider updates", every)
    report("slider 'gain' → update only (the callback; ipympl renders later)",
           [timed(lambda v=v: panel.controls.__getitem__("gain").__setattr__("value", v))
            for v in itertools.islice(itertools.cycle([0.5, 0.8, 1.0, 1.3, 2.0]), UPDATES)])
    panel.controls["width"].value = 32

    for steps in (50, 100):
        panel.controls["steps"].value = steps
        times = [timed(lambda: (panel.train(), panel.fig.canvas.draw())) for _ in range(5)]
        report(f"train button, N = {steps} steps (+ draw)", times)


if __name__ == "__main__":
    main()
