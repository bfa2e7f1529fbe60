"""Every saved notebook is executed top to bottom, clean, and in sync with its source."""
import json
import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]{6,}")


def test_there_are_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert "00_start_here.ipynb" in names and "01_gradient_descent_1d.ipynb" in names


def code_cells(path):
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_executed_in_order(path):
    counts = [c["execution_count"] for c in code_cells(path)]
    assert None not in counts, "some cells were saved without running"
    assert counts == list(range(1, len(counts) + 1)), "cells were not run top to bottom once"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_have_no_errors_warnings_or_addresses(path):
    for i, cell in enumerate(code_cells(path)):
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"cell {i} saved an error"
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            assert not (out.get("name") == "stderr"), f"cell {i} wrote to stderr: {text[:200]}"
            assert "Warning" not in text, f"cell {i} saved a warning: {text[:200]}"
            assert not ADDRESS.search(text), f"cell {i} shows a memory address: {text[:200]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_is_saved_as_an_image(path):
    for i, cell in enumerate(code_cells(path)):
        for out in cell["outputs"]:
            data = out.get("data", {})
            if "Canvas(" in "".join(data.get("text/plain", "")):
                assert "image/png" in data, f"cell {i}: a live figure without a saved picture"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_matches_its_source(path):
    source = ROOT / "notebook_sources" / (path.stem + ".py")
    assert source.exists(), f"{path.name} has no source in notebook_sources/"
    expected = [(c.cell_type, c.source) for c in jupytext.read(source, fmt="py:percent").cells]
    saved = [(c["cell_type"], "".join(c["source"])) for c in json.loads(path.read_text())["cells"]]
    assert saved == expected, "rebuild with: python tools/build_notebooks.py " + path.stem[:2]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_cells_make_no_widgets_of_their_own(path):
    """A widget made in a cell stays alive when the cell runs again (ipywidgets keeps every
    widget until it is closed): widgets come from panels and helpers.panels.progress,
    which close their predecessors."""
    makers = [line.strip() for cell in code_cells(path)
              for line in "".join(cell["source"]).splitlines()
              if re.search(r"\b(widgets\.[A-Z]\w*\(|import ipywidgets)", line)]
    assert not makers, f"{path.name} makes widgets in a cell: {makers}"
