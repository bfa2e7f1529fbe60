"""Test set-up shared by every test, including the notebook (nbval) tests."""
import os

# Panels are tested without a kernel, drawing off-screen.
os.environ.setdefault("MPLBACKEND", "Agg")
# Every figure shown by plots.show or a panel must fit the column, with readable, non-overlapping
# text (helpers/plots/lint.py); the notebook kernels nbval starts inherit this.
os.environ.setdefault("WORKBOOK_STRICT_FIGURES", "1")


def pytest_collectstart(collector):
    """Let nbval ignore text/html: a live canvas saves an <img> whose bytes vary with rendering."""
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = tuple(collector.skip_compare) + ("text/html",)
