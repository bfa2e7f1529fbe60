"""Build the notebooks from their sources and save them executed, with outputs.

Each notebook is written as a plain Python file in notebook_sources/ (jupytext
"percent" format: ``# %%`` starts a code cell, ``# %% [markdown]`` a text
cell), which reads well in a diff. This script turns a source into
notebooks/<name>.ipynb, runs it top to bottom in a fresh kernel (working
directory notebooks/) and saves it with its outputs and widget state, so a
reader sees every figure before running anything.

Usage:  python tools/build_notebooks.py            # every notebook
        python tools/build_notebooks.py 01 03      # those whose name starts so
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("WORKBOOK_STRICT_FIGURES", "1")  # a figure that breaks the rules fails the build
SOURCES = ROOT / "notebook_sources"
NOTEBOOKS = ROOT / "notebooks"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def source_to_notebook(source: Path) -> nbformat.NotebookNode:
    """Read a percent-format source as a notebook with clean metadata."""
    notebook = jupytext.read(source, fmt="py:percent")
    notebook.metadata = {"kernelspec": KERNELSPEC,
                         "language_info": {"name": "python"}}
    for cell in notebook.cells:
        cell.metadata = {}
    return notebook


def execute(notebook: nbformat.NotebookNode, timeout: int = 600) -> None:
    """Run every cell in a fresh kernel, keeping widget state for saved widgets."""
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}},
                            record_timing=False, store_widget_state=True)
    client.execute()


def build(source: Path) -> Path:
    notebook = source_to_notebook(source)
    start = time.perf_counter()
    execute(notebook)
    target = NOTEBOOKS / (source.stem + ".ipynb")
    nbformat.write(notebook, target)
    print(f"{target.relative_to(ROOT)}: executed in {time.perf_counter() - start:.1f} s")
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="build only notebooks whose name starts so")
    args = parser.parse_args(argv)
    sources = sorted(SOURCES.glob("*.py"))
    if args.prefixes:
        sources = [s for s in sources if s.name.startswith(tuple(args.prefixes))]
    if not sources:
        print("no notebook sources matched", file=sys.stderr)
        return 2
    for source in sources:
        build(source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
