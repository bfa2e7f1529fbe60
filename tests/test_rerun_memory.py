"""Running a notebook again in the same kernel (Run All, as students do) frees what the
previous run made: the live Figure objects and widgets left after ``gc.collect()`` do not
grow with the number of runs.

01 has the 1-D panel and static figures drawn through ipympl; 04 grew most before (157 MB to
518 MB over 10 runs), with the saddle panel. Each runs three times in one kernel
(nbclient, with timeouts: widget-heavy executions can stall, upstream nbclient#312).
"""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("rerun_memory", ROOT / "tools" / "rerun_memory.py")
rerun_memory = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rerun_memory)

NOTEBOOKS = ["01_gradient_descent_1d", "04_saddle_points"]


@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_rerunning_a_notebook_keeps_no_figures_or_widgets(name):
    rows = rerun_memory.rerun(ROOT / "notebooks" / f"{name}.ipynb", runs=3, cell_timeout=300)
    figures = [row["figures"] for row in rows]
    widgets = [row["widgets"] for row in rows]
    assert figures[2] <= figures[1] <= figures[0], f"live Figure objects per run: {figures}"
    assert widgets[2] <= widgets[1] <= widgets[0], f"live widgets per run: {widgets}"
    assert all(row["open_figures"] <= 2 for row in rows)
