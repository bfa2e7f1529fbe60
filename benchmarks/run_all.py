"""`make benchmarks`: the tables that answer "is it fast enough?", one after the other.

1. every live panel's controls, kernel side (benchmarks/bench_panels.py);
2. one training step of the network engine against a hand-written numpy step and, if
   installed, torch (benchmarks/bench_nn.py).

The other scripts in benchmarks/ give more detail on one notebook each (compute-only
timings) and run on their own: .venv/bin/python benchmarks/<script>.py. The browser round
trip of every panel (slider change → picture updated, headless chromium, a few minutes):
.venv/bin/python benchmarks/bench_browser.py --panels

Run: .venv/bin/python benchmarks/run_all.py
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLES = ["bench_panels.py", "bench_nn.py"]


def main() -> int:
    failed = []
    for script in TABLES:
        print(f"== {script} " + "=" * (70 - len(script)), flush=True)
        # Each in its own process: bench_nn pins BLAS threads before numpy is imported.
        if subprocess.run([sys.executable, str(HERE / script)], check=False).returncode != 0:
            failed.append(script)
        print(flush=True)
    others = sorted(p.name for p in HERE.glob("bench_*.py") if p.name not in TABLES)
    print("More detail, one notebook each: " + ", ".join(others))
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
