"""Re-run the notebook tests under other floating-point paths of this machine.

nbval compares the saved text of every cell exactly, and numpy picks its SIMD
kernels by CPU, so a printed digit that depends on the kernel fails on some
other reader's machine. This script runs ``pytest --nbval notebooks`` once per
variant of ``NPY_DISABLE_CPU_FEATURES`` (numpy without AVX-512, then without
AVX2 too) and passes only if every run passes. On a CPU that lacks a feature,
disabling it changes nothing and the run is an ordinary one.

Usage:  python tools/check_portability.py [pytest arguments, default: notebooks]
"""
from __future__ import annotations

import collections
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ("X86_V4", "X86_V4 X86_V3")
DISPATCH_SUMMARY = (
    "import collections, numpy as np\n"
    "c = collections.Counter(d['current'] for sigs in np.lib.introspect.opt_func_info().values()"
    " for d in sigs.values())\n"
    "print(', '.join(f'{k}: {v}' for k, v in sorted(c.items())))\n"
)


def environment(disabled: str) -> dict[str, str]:
    env = dict(os.environ)
    env["NPY_DISABLE_CPU_FEATURES"] = disabled
    return env


def kernels_in_use(env: dict[str, str]) -> str:
    """Which numpy dispatch targets the variant runs (a line such as 'X86_V3: 369, ...')."""
    result = subprocess.run([sys.executable, "-c", DISPATCH_SUMMARY], env=env,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


def main(argv: list[str]) -> int:
    targets = argv or ["notebooks"]
    failed = []
    for disabled in VARIANTS:
        env = environment(disabled)
        print(f"== NPY_DISABLE_CPU_FEATURES={disabled!r}: numpy kernels {kernels_in_use(env)}",
              flush=True)
        run = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "-q", *targets],
                             env=env, cwd=ROOT, check=False)
        if run.returncode != 0:
            failed.append(disabled)
    if failed:
        print(f"portability check failed under: {', '.join(failed)}")
        return 1
    print(f"portability check passed under all {len(VARIANTS)} variants")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
