"""The safe parser for typed functions: rejects hostile or broken text clearly, and
differentiates what it accepts exactly."""
import ast
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from helpers.calculus import central_difference
from helpers.expressions import MAX_LENGTH, ExpressionError, parse_function

REJECTED = {
    "__import__('os')": "not an allowed function",
    "__import__('os').system('ls')": "not an allowed function",
    "os.system('ls')": "not an allowed function",
    "x.__class__": "attributes",
    "().__class__.__bases__[0]": "not allowed",
    "[c for c in ()]": "not allowed",
    "lambda: 1": "not allowed",
    "open('/etc/passwd')": "not an allowed function",
    "eval('1')": "not an allowed function",
    "x +": "not a complete formula",
    "(x": "brackets do not match",
    "2x": "multiplication",
    "f(x) = x**2": "right-hand side",
    "y**2": "unknown name 'y'",
    "sin": "needs brackets",
    "sin(x, 2)": "exactly one input",
    "sin(x=1)": "exactly one input",
    "1/0": "division by zero",
    "x/0 + 1": "not a finite number anywhere",
    "log(-1 - x**2)": "not a finite number anywhere",
    "": "empty",
    "   ": "empty",
    "x // 2": "operator '//'",
    "x % 2": "operator '%'",
    "x if x else 1": "not allowed",
    "x < 1": "not allowed",
    "'abc'": "not a number",
    "True": "not a number",
    "1j * x": "not a number",
    "10**10**10": "too large",
    "x" + "+x" * 150: f"over {MAX_LENGTH}",
}


@pytest.mark.parametrize("text,reason", REJECTED.items())
def test_rejects_with_a_clear_one_line_message(text, reason):
    with pytest.raises(ExpressionError) as caught:
        parse_function(text)
    message = str(caught.value)
    assert reason in message
    assert "\n" not in message and "Traceback" not in message


def test_nothing_is_evaluated_by_python(monkeypatch):
    import builtins
    calls = []
    monkeypatch.setattr(builtins, "eval", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(builtins, "exec", lambda *a, **k: calls.append(a))
    parse_function("x**4 - 3*x**2 + x").f(np.array([1.0]))
    with pytest.raises(ExpressionError):
        parse_function("__import__('os')")
    assert calls == []


ACCEPTED = {
    "x**4 - 3*x**2 + x": (lambda x: x**4 - 3 * x**2 + x, lambda x: 4 * x**3 - 6 * x + 1, lambda x: 12 * x**2 - 6),
    "sin(3*x) + x**2/4": (lambda x: np.sin(3 * x) + x**2 / 4, lambda x: 3 * np.cos(3 * x) + x / 2, lambda x: -9 * np.sin(3 * x) + 0.5),
    "x^3": (lambda x: x**3, lambda x: 3 * x**2, lambda x: 6 * x),
    "exp(-x**2)": (lambda x: np.exp(-x**2), lambda x: -2 * x * np.exp(-x**2), lambda x: (4 * x**2 - 2) * np.exp(-x**2)),
    "1/(1 + x**2)": (lambda x: 1 / (1 + x**2), lambda x: -2 * x / (1 + x**2) ** 2, lambda x: (6 * x**2 - 2) / (1 + x**2) ** 3),
    "tanh(x) * pi": (lambda x: np.pi * np.tanh(x), lambda x: np.pi / np.cosh(x) ** 2, lambda x: -2 * np.pi * np.tanh(x) / np.cosh(x) ** 2),
    "sqrt(x**2 + 1)": (lambda x: np.sqrt(x**2 + 1), lambda x: x / np.sqrt(x**2 + 1), lambda x: (x**2 + 1) ** -1.5),
    "2**x": (lambda x: 2.0**x, lambda x: np.log(2) * 2.0**x, lambda x: np.log(2) ** 2 * 2.0**x),
    "-x + e": (lambda x: -x + np.e, lambda x: -np.ones_like(x), lambda x: np.zeros_like(x)),
}


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepts_and_differentiates_exactly(text):
    f, df, d2f = ACCEPTED[text]
    objective = parse_function(text)
    xs = np.linspace(-2.5, 2.5, 23)
    np.testing.assert_allclose(objective.f(xs), f(xs), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(objective.df(xs), df(xs), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(objective.d2f(xs), d2f(xs), rtol=1e-10, atol=1e-10)


def test_partly_defined_function_is_accepted_with_nan_outside():
    objective = parse_function("log(x)")
    assert np.isnan(objective.f(-1.0)) and objective.df(2.0) == pytest.approx(0.5)


# Random expressions built from the allowed grammar.
leaf = st.one_of(st.just("x"), st.integers(1, 5).map(str), st.sampled_from(["0.5", "pi"]))
unary = ["sin", "cos", "tanh", "exp", "arctan", "sigmoid"]


def _expressions():
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(st.sampled_from(unary), inner).map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(inner, st.integers(2, 3)).map(lambda t: f"({t[0]})**{t[1]}"),
        ),
        max_leaves=6,
    )


@settings(max_examples=150, deadline=None)
@given(text=_expressions(), x=st.floats(-1.5, 1.5))
def test_random_expressions_have_exact_derivatives(text, x):
    try:
        objective = parse_function(text)
    except ExpressionError as error:  # e.g. a constant that overflows
        assert "\n" not in str(error)
        return
    value = objective.f(x)
    assume(np.isfinite(value) and abs(value) < 1e6)
    slope, curvature = objective.df(x), objective.d2f(x)
    h = 1e-5 * max(1.0, abs(x))
    assert slope == pytest.approx(central_difference(objective.f, x, h), rel=1e-5, abs=1e-5)
    assert curvature == pytest.approx(central_difference(objective.df, x, h), rel=1e-5, abs=1e-5)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_arbitrary_text_never_raises_anything_but_expression_error(text):
    try:
        parse_function(text)
    except ExpressionError as error:
        assert "\n" not in str(error)
