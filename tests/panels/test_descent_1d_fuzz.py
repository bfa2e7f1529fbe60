"""Fuzzing the 1-D panel: random formulas a student might type and extreme slider values.

For every example the update must not raise, everything plotted must stay finite, and the
status line must name what happened (an outcome of the run, a start point to move, or a
refused formula), never the safe wrapper's last-resort "Could not redraw".

Run with ``--hypothesis-show-statistics`` to see the number of examples tried; a longer
search: ``PANEL_FUZZ_EXAMPLES=500 pytest tests/panels/test_descent_1d_fuzz.py``. The default
keeps the test near 15 s on an idle machine (each formula re-lays out the figure).
"""
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from helpers.expressions import FUNCTIONS
from helpers.panels.descent_1d import Descent1DPanel

settings.register_profile(
    "panel-fuzz", max_examples=int(os.environ.get("PANEL_FUZZ_EXAMPLES", "40")),
    derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

NUMBERS = ["0", "1", "2.5", "0.001", "1e-8", "1e8", "1e150", "1e300", "pi", "e", "3"]
POWERS = ["2", "3", "4", "0.5", "-1", "-2", "10", "100", "1.5"]
OUTCOMES = ("converged after", "oscillating", "bouncing", "diverged at step", "still moving after",
            "J or its slope is not defined", "Could not use that formula")


def _extend(inner):
    return st.one_of(
        st.builds(lambda f, a: f"{f}({a})", st.sampled_from(sorted(FUNCTIONS)), inner),
        st.builds(lambda a: f"-({a})", inner),
        st.builds(lambda a, op, b: f"({a}) {op} ({b})", inner, st.sampled_from("+-*/"), inner),
        st.builds(lambda a, p: f"({a})**{p}", inner, st.sampled_from(POWERS)),
        st.builds(lambda a, n: f"{n}*({a})", inner, st.sampled_from(NUMBERS)),
    )


formulas = st.recursive(st.one_of(st.just("x"), st.sampled_from(NUMBERS)), _extend,
                        max_leaves=6)
# Slider settings at and near the ends of their ranges (fractions of each range).
ends = st.sampled_from([0.0, 1e-9, 0.5, 1 - 1e-9, 1.0]) | st.floats(0, 1)


@pytest.fixture(scope="module")
def panel():
    return Descent1DPanel()


def drawn_arrays(panel):
    arrays = [panel.path.get_xydata(), panel.start_marker.get_xydata(),
              panel.end_marker.get_xydata(), panel.loss_line.get_xydata(),
              np.array(panel.ax_curve.get_xlim() + panel.ax_curve.get_ylim()),
              np.array(panel.ax_loss.get_xlim() + panel.ax_loss.get_ylim())]
    return arrays + [np.asarray(s) for s in panel.tangents.get_segments()]


def set_fraction(slider, fraction):
    value = slider.min + fraction * (slider.max - slider.min)
    slider.value = int(round(value)) if isinstance(slider.value, int) else value


@settings(settings.get_profile("panel-fuzz"))
@given(formula=formulas, lr=ends, start=ends, steps=ends)
def test_any_formula_and_slider_setting_gives_a_finite_picture_and_a_status(
        panel, formula, lr, start, steps):
    with np.errstate(all="raise"):                  # no floating-point warning may escape
        panel.controls["formula"].value = formula
        with panel.hold_updates():
            set_fraction(panel.controls["lr"], lr)
            set_fraction(panel.controls["start"], start)
            set_fraction(panel.controls["steps"], steps)
    assert panel.status_text.startswith(OUTCOMES), panel.status_text
    assert panel.last_error is None, repr(panel.last_error)
    for array in drawn_arrays(panel):
        assert np.all(np.isfinite(array)), (formula, array)
    curve = np.asarray(panel.curve.get_ydata(), dtype=float)
    assert not np.any(np.isinf(curve)) and np.count_nonzero(np.isfinite(curve)) >= 2
