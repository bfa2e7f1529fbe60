"""Time the gradient-flow panel of notebook 06 at depth 30, kernel side.

A slider update is ``panel.controls[name].value = v``: a new network, one forward and
backward pass, per-layer statistics and histograms, new artist data, and the panel's
``redraw()``, which renders the picture (Agg, the renderer ipympl uses in the kernel):
it pastes a saved background and draws only the moving artists, and renders everything
only when an axis limit changed. For comparison the same updates are also timed with a
full ``fig.canvas.draw()`` instead. The train button is timed separately: it takes N steps
of gradient descent, so it is a button, not a slider.

The machine's load changes these figures; a one-line reference figure is timed first so
runs on a busy machine can be scaled. Prints median and 95th percentile in ms.
Run: .venv/bin/python benchmarks/bench_gradients.py
"""
from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import itertools  # noqa: E402
import time  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from helpers.panels.gradient_flow import GradientFlowPanel  # noqa: E402

UPDATES = 60
SLIDERS = [("gain", [0.5, 0.8, 1.0, 1.3, 2.0]),
           ("width", [16, 24, 32, 40, 48]),
           ("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "elu"]),
           ("initialisation", ["small normal", "large normal", "Xavier/Glorot", "He/Kaiming"])]


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return 1e3 * (time.perf_counter() - start)


def report(label: str, times_ms: list[float]) -> None:
    times = np.array(times_ms)
    print(f"{label:62s} median {np.median(times):6.1f} ms   p95 {np.percentile(times, 95):6.1f} ms"
          f"   (n = {len(times)})")


def reference_draw() -> list[float]:
    """How fast this machine draws a one-line figure right now."""
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([1, 2, 3])
    fig.canvas.draw()
    times = [timed(fig.canvas.draw) for _ in range(20)]
    plt.close(fig)
    return times


def sweep(panel: GradientFlowPanel, name: str, values, full_draw: bool) -> list[float]:
    def change(value):
        panel.controls[name].value = value
        if full_draw:
            panel.fig.canvas.draw()

    return [timed(lambda v=v: change(v)) for v in itertools.islice(itertools.cycle(values), UPDATES)]


def main() -> None:
    report("reference: canvas.draw() of a one-line 6×4 figure", reference_draw())
    print(f"gradient-flow panel, depth 30, width 32, 128 examples; {UPDATES} updates per slider")
    panel = GradientFlowPanel(depth=30, width=32, activation="tanh", initialisation="Xavier/Glorot")
    every = []
    for name, values in SLIDERS:
        times = sweep(panel, name, values, full_draw=False)
        every += times
        report(f"slider '{name}' → update + panel redraw", times)
    report("all slider updates (update + panel redraw)", every)

    full_redraw = panel.redraw
    panel.redraw = lambda: None
    report("slider 'gain' → update only, no rendering", sweep(panel, "gain", SLIDERS[0][1], False))
    report("slider 'gain' → update + full canvas.draw()", sweep(panel, "gain", SLIDERS[0][1], True))
    panel.redraw = full_redraw

    # Training that does not diverge, so every one of the N steps is taken.
    with panel.hold_updates():
        for name, value in [("width", 32), ("activation", "tanh"), ("initialisation", "Xavier/Glorot"),
                            ("gain", 1.0), ("lr", 0.1)]:
            panel.controls[name].value = value
    for steps in (50, 100):
        panel.controls["steps"].value = steps
        times = [timed(panel.train) for _ in range(5)]
        assert panel.record.diverged_at is None and len(panel.record.losses) == steps + 1
        report(f"train button, N = {steps} steps (tanh, Xavier)", times)


if __name__ == "__main__":
    main()
