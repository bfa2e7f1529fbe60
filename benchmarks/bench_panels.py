"""Kernel-side cost of every control of every live panel, as one table.

One update = set a control's value: the panel recomputes, changes its artists and redraws.
Under the Agg backend used here the redraw happens at once (a blit over a cached background,
or a full render), which is what the browser's redraw request costs the kernel under ipympl.

Each control is measured on a fresh panel built as the notebook builds it:

* drag   — a slider moved one step at a time (what a mouse drag sends), 40 updates;
           budget: p95 within one 60 Hz frame, 16.7 ms;
* jump   — a slider set to random places across its range (a click on the track), 15 updates;
* switch — a dropdown, toggle or checkbox run through its options, at least 8 updates;
* beat   — one ▶ beat of a training animation, 15 updates;
jumps, switches and beats re-render backgrounds: budget p95 ≤ 100 ms.

Run: .venv/bin/python benchmarks/bench_panels.py [--only NAME]  (NAME: a part of the panel label)
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import ipywidgets as widgets  # noqa: E402
import numpy as np  # noqa: E402

from helpers.panels import Descent1DPanel, FirstStepPanel  # noqa: E402
from helpers.panels.decision_boundary import DecisionBoundaryPanel  # noqa: E402
from helpers.panels.descent_2d import Descent2DPanel  # noqa: E402
from helpers.panels.gradient_flow import GradientFlowPanel  # noqa: E402
from helpers.panels.saddle import SaddlePanel  # noqa: E402
from helpers.panels.step_size import RegimePanel, ValleyPanel  # noqa: E402

DRAG_UPDATES, JUMP_UPDATES, BEATS = 40, 15, 15
BUDGET_MS = {"drag": 1000 / 60, "jump": 100.0, "switch": 100.0, "beat": 100.0}

PANELS = [
    ("00 first step", FirstStepPanel),
    ("01 descent 1-D", Descent1DPanel),
    ("02 descent 2-D", Descent2DPanel),
    ("03 regimes", RegimePanel),
    ("03 valley", ValleyPanel),
    ("04 saddle", SaddlePanel),
    ("05 decision boundary", DecisionBoundaryPanel),
    ("06 gradient flow", GradientFlowPanel),
]

#: Formulas typed into the 1-D panel's text box.
FORMULAS = ["x**4 - 3*x**2 + x", "sin(3*x) + x**2/4", "x**2", "exp(x/2) - x"]


def slider_positions(control) -> list:
    """Every value the slider can take, in order."""
    if isinstance(control, widgets.SelectionSlider):
        return [value for _, value in control.options] if isinstance(control.options[0], tuple) \
            else list(control.options)
    count = int(round((control.max - control.min) / control.step)) + 1
    positions = control.min + control.step * np.arange(count)
    if isinstance(control, widgets.FloatLogSlider):
        return list(control.base ** positions)
    if isinstance(control, widgets.IntSlider):
        return [int(v) for v in positions]
    return list(positions)


def nearest_index(positions: list, value) -> int:
    return int(np.argmin([abs(np.log(p / value)) if (p > 0 and value > 0) else abs(p - value)
                          for p in positions]))


def drag_values(control, updates: int) -> list:
    """One slider step at a time from the current value, turning back at the ends."""
    positions = slider_positions(control)
    i, direction, values = nearest_index(positions, control.value), 1, []
    for _ in range(updates):
        if not 0 <= i + direction < len(positions):
            direction = -direction
        i += direction
        values.append(positions[i])
    return values


def jump_values(control, updates: int, seed: int = 0) -> list:
    positions = slider_positions(control)
    rng = np.random.default_rng(seed)
    return [positions[i] for i in rng.integers(0, len(positions), updates)]


def switch_values(control) -> list:
    if isinstance(control, widgets.Checkbox):
        return [not control.value, control.value] * 4
    if isinstance(control, widgets.Text):
        return FORMULAS[1:] + FORMULAS * 2
    options = [o[1] if isinstance(o, tuple) else o for o in control.options]
    start = options.index(control.value)
    cycle = options[start + 1:] + options[:start + 1]
    return cycle * max(2, -(-8 // len(cycle)))


def timed_updates(control, values) -> np.ndarray:
    times = []
    for value in values:
        start = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - start) * 1e3)
    return np.array(times)


def measurements(label: str, make_panel):
    """(control, kind, ms per update) for each way each control of one panel is moved."""
    names = list(make_panel().controls)
    for name in names:
        panel = make_panel()
        control = panel.controls[name]
        if isinstance(control, widgets.Play):
            yield name, "beat", timed_updates(control, control.value + 1 + np.arange(BEATS))
        elif isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.Checkbox)):
            yield name, "switch", timed_updates(control, switch_values(control))
        elif isinstance(control, widgets.Text):
            if "function" in panel.controls:  # the typed formula is used once chosen
                panel.controls["function"].value = panel.controls["function"].options[-1]
            yield name, "switch", timed_updates(control, switch_values(control))
        else:
            yield name, "drag", timed_updates(control, drag_values(control, DRAG_UPDATES))
            panel = make_panel()
            yield name, "jump", timed_updates(panel.controls[name],
                                              jump_values(panel.controls[name], JUMP_UPDATES))
        panel.fig.clf()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="measure only panels whose label contains this")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"Live panels, kernel side (set a control → recompute → redraw, Agg), ms per update; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"budget: drag p95 ≤ {BUDGET_MS['drag']:.1f} ms, jump/switch/beat p95 ≤ 100 ms\n")
    print(f"{'panel':<22}{'control':<16}{'kind':<8}{'n':>4}{'median':>9}{'p95':>9}{'max':>9}  within budget")
    over = []
    for label, make_panel in PANELS:
        if args.only not in label:
            continue
        for name, kind, ms in measurements(label, make_panel):
            p95 = float(np.percentile(ms, 95))
            ok = p95 <= BUDGET_MS[kind]
            if not ok:
                over.append(f"{label} {name} ({kind})")
            print(f"{label:<22}{name:<16}{kind:<8}{len(ms):>4}{np.median(ms):>9.1f}{p95:>9.1f}"
                  f"{ms.max():>9.1f}  {'yes' if ok else 'NO'}")
    load = os.getloadavg()
    print(f"\nover budget: {', '.join(over) if over else 'none'}")
    print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
