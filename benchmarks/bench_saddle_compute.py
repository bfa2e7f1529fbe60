"""Time the computations behind notebook 04 (saddle points); prints median and p95 in ms.

Run: .venv/bin/python benchmarks/bench_saddle_compute.py
"""
from __future__ import annotations

import time

import numpy as np

from helpers.critical_points import definiteness_fractions
from helpers.descent import GradientDescent, Momentum, NoisyGradientDescent
from helpers.objectives import saddle, two_valleys
from helpers.saddle_escape import measure_escape_steps, saddle_geometry, saddle_run


def timings_ms(fn, repeats: int) -> np.ndarray:
    fn()  # warm up
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1e3)
    return np.array(out)


def report(name: str, ms: np.ndarray) -> None:
    print(f"{name:<58} median {np.median(ms):7.2f} ms   p95 {np.percentile(ms, 95):7.2f} ms"
          f"   (n={len(ms)})")


def main() -> None:
    obj, valleys = saddle(), two_valleys()
    geometry, valley_geometry = saddle_geometry(obj, (0, 0)), saddle_geometry(valleys, (0, 0))
    cases = {
        "saddle_run x² − y², ε = 0, plain GD, 300 steps": lambda: saddle_run(
            obj, geometry, 0.0, GradientDescent(0.1), steps=300),
        "saddle_run x² − y², ε = 1e-6, momentum β = 0.6": lambda: saddle_run(
            obj, geometry, 1e-6, Momentum(0.1, 0.6), steps=300),
        "saddle_run x² − y², ε = 0, noise σ = 0.01": lambda: saddle_run(
            obj, geometry, 0.0, NoisyGradientDescent(0.1, 0.01, 0), steps=300),
        "saddle_run two valleys, ε = 1e-6, plain GD, 300 steps": lambda: saddle_run(
            valleys, valley_geometry, 1e-6, GradientDescent(0.1), steps=300, radius=0.5),
    }
    for name, fn in cases.items():
        report(name, timings_ms(fn, 50))
    eps = 10.0 ** -np.arange(1, 13)
    starts = np.stack([np.ones_like(eps), eps], axis=1)
    report("escape times for 12 offsets at once (ε = 1e-1 … 1e-12)", timings_ms(
        lambda: measure_escape_steps(obj.grad, GradientDescent(0.1), starts, (0, 0), (0, 1)), 20))
    report("random-matrix fractions, n = 1 … 8, 20 000 matrices each", timings_ms(
        lambda: definiteness_fractions(np.arange(1, 9), trials=20_000), 5))


if __name__ == "__main__":
    main()
