"""The three layers of helpers/: computing modules draw nothing, plots know no widgets.

Read from the source (no import side effects): a computing module that imports matplotlib or
ipywidgets, or a plots module that imports ipywidgets or a panel, breaks the architecture
CONTRIBUTING describes.
"""
import ast
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parents[2] / "helpers"
COMPUTING = sorted(p for p in HELPERS.glob("*.py") if p.name != "__init__.py")
PLOTS = sorted((HELPERS / "plots").glob("*.py"))
CHECKS = sorted((HELPERS / "checks").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, as written ('matplotlib.pyplot', '..panels', 'IPython')."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def offending(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(name for name in imported_modules(path)
                  if any(name == f or name.startswith(f + ".") or name.lstrip(".").startswith(f)
                         for f in forbidden))


def test_the_layers_exist():
    assert COMPUTING and PLOTS and CHECKS and (HELPERS / "panels" / "base.py").exists()
    assert not list(HELPERS.glob("plots_*.py")) and not list(HELPERS.glob("checks_*.py"))


@pytest.mark.parametrize("path", COMPUTING, ids=lambda p: p.name)
def test_computing_modules_import_no_drawing_or_widgets(path):
    assert offending(path, ("matplotlib", "ipywidgets", "ipympl", "IPython", "plots", "panels")) == []


@pytest.mark.parametrize("path", PLOTS, ids=lambda p: p.name)
def test_plots_import_no_widgets_or_panels(path):
    assert offending(path, ("ipywidgets", "ipympl", "panels", "checks")) == []


@pytest.mark.parametrize("path", CHECKS, ids=lambda p: p.name)
def test_checks_import_no_drawing_or_widgets(path):
    assert offending(path, ("matplotlib", "ipywidgets", "ipympl", "plots", "panels")) == []


def test_the_test_itself_catches_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import numpy as np\nfrom matplotlib import pyplot\nfrom ..panels.base import Panel\n")
    assert offending(bad, ("matplotlib", "panels")) == ["..panels.base", "matplotlib"]
