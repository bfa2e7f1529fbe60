"""Text a student really types into the formula box: Unicode signs are read as meant,
invisible or control characters are named (never echoed), and functions without a
finite slope are refused before gradient descent is attempted."""
import unicodedata

import numpy as np
import pytest

from helpers.expressions import ExpressionError, normalise, parse_function

EQUIVALENT = {
    "x − 1": "x - 1",                 # U+2212 MINUS SIGN, as in the panel's own help text
    "x – 1": "x - 1",                 # en dash
    "2×x": "2*x",
    "2·x": "2*x",
    "2⋅x": "2*x",
    "x÷2": "x/2",
    "x²": "x**2",
    "x³ − 3x".replace("3x", "3*x"): "x**3 - 3*x",
    "x⁻¹ + x": "x**(-1) + x",
    "x¹⁰/10": "x**10/10",
    "ｘ＊＊２＋１": "x**2+1",          # full-width characters
    "x\u200b+\u200b1": "x+1",          # zero-width spaces
    "x\u00a0+ 1": "x + 1",            # no-break space
    "x\u3000+ 1": "x + 1",            # ideographic space
    "\ufeffx + 1": "x + 1",           # byte-order mark pasted from a file
    "sin(π*x)": "sin(pi*x)",
    "x\t+\n1": "x + 1",
}


@pytest.mark.parametrize("typed,plain", EQUIVALENT.items())
def test_unicode_forms_mean_the_same_function(typed, plain):
    xs = np.linspace(0.5, 2.5, 7)
    assert np.allclose(parse_function(typed).f(xs), parse_function(plain).f(xs))
    assert normalise(typed).isascii()


def test_the_title_shows_the_normalised_formula():
    assert parse_function("x² − 1").formula == "x**2 - 1"


CONTROL = {
    "x\x00 + 1": "U+0000",
    "x + 1\u202e": "U+202E",
    "\u2066x\u2069": "U+2066",
    "x\x1b[31m": "U+001B",
    "x\x7f": "U+007F",
    "x\u200e+1": "U+200E",
}


@pytest.mark.parametrize("typed,code", CONTROL.items())
def test_control_characters_are_named_not_echoed(typed, code):
    with pytest.raises(ExpressionError) as caught:
        parse_function(typed)
    message = str(caught.value)
    assert code in message
    assert all(unicodedata.category(c)[0] != "C" for c in message), repr(message)


@pytest.mark.parametrize("typed,name", [
    ("√x", "SQUARE ROOT"),
    ("x ≤ 1", "LESS-THAN OR EQUAL TO"),
    ("x + ∞", "INFINITY"),
    ("x € 2", "EURO SIGN"),
])
def test_other_symbols_are_named(typed, name):
    with pytest.raises(ExpressionError) as caught:
        parse_function(typed)
    assert name in str(caught.value)


def test_square_root_sign_suggests_sqrt():
    with pytest.raises(ExpressionError, match=r"sqrt\(x\)"):
        parse_function("√x")


@pytest.mark.parametrize("typed", ["x**1e999", "1e999*x", "x + 1e400"])
def test_infinite_constants_are_refused(typed):
    with pytest.raises(ExpressionError, match="too large"):
        parse_function(typed)


@pytest.mark.parametrize("typed", ["0**x", "2*0**(x**2 + 1)", "0**abs(x)"])
def test_functions_without_a_finite_slope_are_refused(typed):
    with pytest.raises(ExpressionError, match="slope"):
        parse_function(typed)


def test_default_start_is_where_the_slope_is_finite():
    objective = parse_function("sqrt(1 - x)")   # defined only for x ≤ 1
    x0 = objective.default_start
    assert np.isfinite(objective.f(x0)) and np.isfinite(objective.df(x0))


def test_messages_never_contain_non_printing_characters():
    hostile = "".join(chr(c) for c in (0, 7, 8, 0x1b, 0x85, 0x200f, 0x202d, 0x2028, 0xfff9))
    for typed in (hostile, "x" + hostile, hostile + "y"):
        with pytest.raises(ExpressionError) as caught:
            parse_function(typed)
        assert all(unicodedata.category(c)[0] != "C" and c not in "\u2028\u2029"
                   for c in str(caught.value))
