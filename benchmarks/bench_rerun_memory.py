"""Peak memory of the kernel after 1 and after 10 runs of each notebook in one kernel
(Run All pressed again and again), with the live Figure objects and widgets left after
``gc.collect()``. Target: peak ≤ 250 MB after 10 runs of any notebook.

    .venv/bin/python benchmarks/bench_rerun_memory.py [--runs 10] [notebooks/NN_*.ipynb ...]
"""
import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from rerun_memory import rerun  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    notebooks = args.notebooks or sorted(str(p) for p in (ROOT / "notebooks").glob("0*.ipynb"))
    print(f"load average at start: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}", flush=True)
    print(f"{'notebook':28s} {'peak 1 run':>11s} {'peak ' + str(args.runs) + ' runs':>13s} "
          f"{'figures 1→' + str(args.runs):>13s} {'widgets 1→' + str(args.runs):>13s}", flush=True)
    for notebook in notebooks:
        rows = rerun(notebook, args.runs)
        first, last = rows[0], rows[-1]
        print(f"{Path(notebook).stem:28s} {first['peak_mb']:8.0f} MB {last['peak_mb']:10.0f} MB "
              f"{first['figures']:6d} → {last['figures']:<4d} {first['widgets']:6d} → {last['widgets']:<4d}",
              flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
