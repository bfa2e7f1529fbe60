"""Time notebook 08's landscape grid: a 41 × 41 filter-normalised slice of the digits 64-32-10 network.

Prints the median and the spread over repeats, for the default chunk size and two others
(chunks of 8 or more points let OpenBLAS start threads, which is slower on a loaded machine).
Run: .venv/bin/python benchmarks/bench_landscape.py
"""
from __future__ import annotations

import os
import time

import numpy as np

from helpers import landscape as ls


def main(repeats: int = 5) -> None:
    started = time.perf_counter()
    run = ls.digits_run(hidden=(32,), seed=0, epochs=30)
    print(f"training 64-32-10 for 30 epochs: {time.perf_counter() - started:.2f} s")
    directions = np.stack([ls.filter_normalised_direction(run.net, seed=s) for s in (1, 2)])
    for chunk in (4, 2, 16):
        seconds = [ls.loss_slice(run.net, run.X, run.y, run.loss, directions, points=41, chunk=chunk).seconds
                   for _ in range(repeats)]
        print(f"41 × 41 grid, chunk {chunk:2d}: median {np.median(seconds):.2f} s, "
              f"min {min(seconds):.2f} s, max {max(seconds):.2f} s (n={repeats})")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
