"""Run a notebook several times in one kernel, as a student pressing "Run All" again does,
and report after each run what is still alive: Figure objects and widgets (after
``gc.collect()``), the kernel's resident memory and its peak.

    .venv/bin/python tools/rerun_memory.py notebooks/04_saddle_points.ipynb --runs 10

Used by ``tests/test_rerun_memory.py`` (three runs) and ``benchmarks/bench_rerun_memory.py``
(1 and 10 runs of every notebook).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

# Runs in the kernel after each pass; prints one JSON line. Everything it names is deleted.
PROBE = """\
def _rerun_probe():
    import gc, json, os, resource
    import matplotlib.figure
    import matplotlib.pyplot as plt
    from ipywidgets.widgets import widget
    gc.collect()
    figures = sum(isinstance(o, matplotlib.figure.Figure) for o in gc.get_objects())
    with open("/proc/self/statm") as statm:
        rss = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    print("RERUN-PROBE " + json.dumps({
        "figures": figures, "widgets": len(widget._instances), "open_figures": len(plt.get_fignums()),
        "rss_mb": rss / 2**20, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
_rerun_probe()
del _rerun_probe
"""


def _probe_result(cell) -> dict:
    for output in cell.outputs:
        for line in output.get("text", "").splitlines():
            if line.startswith("RERUN-PROBE "):
                return json.loads(line[len("RERUN-PROBE "):])
    raise RuntimeError(f"the memory probe printed nothing: {cell.outputs}")


def rerun(path: str | Path, runs: int, cell_timeout: int = 300) -> list[dict]:
    """Execute the notebook ``runs`` times in one fresh kernel; one dict per run.

    Each dict: run, figures (live Figure objects), widgets (live widget models),
    open_figures (pyplot's), rss_mb and peak_mb of the kernel process.
    """
    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    cells = list(nb.cells)
    probe = nbformat.v4.new_code_cell(PROBE)
    nb.cells.append(probe)
    results = []
    with client.setup_kernel():
        for run in range(1, runs + 1):
            for index, cell in enumerate(cells):
                if cell.cell_type == "code":
                    cell.outputs = []
                    client.execute_cell(cell, index)
            probe.outputs = []
            client.execute_cell(probe, len(cells))
            results.append({"run": run, **_probe_result(probe)})
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    for notebook in args.notebooks:
        for row in rerun(notebook, args.runs):
            print(f"{Path(notebook).stem}  run {row['run']:2d}: {row['figures']:3d} figures, "
                  f"{row['widgets']:4d} widgets, RSS {row['rss_mb']:6.1f} MB, "
                  f"peak {row['peak_mb']:6.1f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
