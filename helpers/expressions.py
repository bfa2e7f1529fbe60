"""Read a function of x typed by a reader, safely, and differentiate it exactly.

The text is parsed with Python's ``ast`` module and only a whitelist of node
types, names and functions is accepted; the tree is then turned into plain
Python closures. Nothing the reader types is ever passed to ``eval`` or
``exec``. Derivatives are exact, by forward-mode automatic differentiation:
every value carries its first and second derivative (a second-order "jet"),
and each operation applies the sum, product and chain rules to them.

``parse_function("x**4 - 3*x**2 + x")`` returns an :class:`Objective1D`;
anything rejected raises :class:`ExpressionError` with a one-line message.

Before parsing, :func:`normalise` reads what a student types or pastes as meant: the
Unicode minus and dashes become ``-``, ``×`` and ``·`` become ``*``, superscript powers
such as ``x²`` become ``x**2``, full-width characters their ASCII forms and invisible
spaces are dropped. Any other character outside plain ASCII is named (by its code point
and Unicode name) instead of being echoed: a control character such as NUL or a
right-to-left override never reaches a message or the screen.
"""
from __future__ import annotations

import ast
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .objectives import Objective1D

MAX_LENGTH = 200


class ExpressionError(ValueError):
    """A typed function could not be accepted; ``str(error)`` says why in one line."""


@dataclass(frozen=True)
class Jet:
    """A value with its first and second derivative with respect to x."""

    v: np.ndarray
    d1: np.ndarray
    d2: np.ndarray

    def __add__(self, o: "Jet") -> "Jet":
        return Jet(self.v + o.v, self.d1 + o.d1, self.d2 + o.d2)

    def __sub__(self, o: "Jet") -> "Jet":
        return Jet(self.v - o.v, self.d1 - o.d1, self.d2 - o.d2)

    def __neg__(self) -> "Jet":
        return Jet(-self.v, -self.d1, -self.d2)

    def __mul__(self, o: "Jet") -> "Jet":
        return Jet(self.v * o.v,
                   self.d1 * o.v + self.v * o.d1,
                   self.d2 * o.v + 2 * self.d1 * o.d1 + self.v * o.d2)

    def __truediv__(self, o: "Jet") -> "Jet":
        return self * o.apply(lambda b: 1 / b, lambda b: -1 / b**2, lambda b: 2 / b**3)

    def apply(self, g: Callable, dg: Callable, d2g: Callable) -> "Jet":
        """The chain rule: (g∘u)' = g'(u)u', (g∘u)'' = g''(u)u'² + g'(u)u''."""
        slope = dg(self.v)
        return Jet(g(self.v), slope * self.d1, d2g(self.v) * self.d1**2 + slope * self.d2)

    def power(self, p: float) -> "Jet":
        """u**p for a constant exponent p."""
        if p == 0:
            return Jet(np.ones_like(self.v), np.zeros_like(self.v), np.zeros_like(self.v))
        if p == 1:
            return self
        if p == 2:
            return self * self
        return self.apply(lambda u: u**p, lambda u: p * u**(p - 1),
                          lambda u: p * (p - 1) * u**(p - 2))


def _sigmoid(u):
    return 1 / (1 + np.exp(-u))


def _sign(u):
    return np.sign(u)


def _zero(u):
    return np.zeros_like(u)


#: name → (g, g', g'') for each function a reader may call.
FUNCTIONS: dict[str, tuple[Callable, Callable, Callable]] = {
    "sin": (np.sin, np.cos, lambda u: -np.sin(u)),
    "cos": (np.cos, lambda u: -np.sin(u), lambda u: -np.cos(u)),
    "tan": (np.tan, lambda u: 1 / np.cos(u)**2, lambda u: 2 * np.tan(u) / np.cos(u)**2),
    "exp": (np.exp, np.exp, np.exp),
    "log": (np.log, lambda u: 1 / u, lambda u: -1 / u**2),
    "sqrt": (np.sqrt, lambda u: 0.5 / np.sqrt(u), lambda u: -0.25 * u**-1.5),
    "tanh": (np.tanh, lambda u: 1 - np.tanh(u)**2,
             lambda u: -2 * np.tanh(u) * (1 - np.tanh(u)**2)),
    "sinh": (np.sinh, np.cosh, np.sinh),
    "cosh": (np.cosh, np.sinh, np.cosh),
    "arctan": (np.arctan, lambda u: 1 / (1 + u**2), lambda u: -2 * u / (1 + u**2)**2),
    "sigmoid": (_sigmoid, lambda u: _sigmoid(u) * (1 - _sigmoid(u)),
                lambda u: _sigmoid(u) * (1 - _sigmoid(u)) * (1 - 2 * _sigmoid(u))),
    "abs": (np.abs, _sign, _zero),
}
CONSTANTS = {"pi": np.pi, "e": np.e}
ALLOWED_HELP = ("use x, numbers, + − * / ** ( ) and " + ", ".join(FUNCTIONS)
                + ", pi, e")

_BINARY = {ast.Add: Jet.__add__, ast.Sub: Jet.__sub__, ast.Mult: Jet.__mul__,
           ast.Div: Jet.__truediv__}
_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**",
           ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.BitAnd: "&",
           ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>"}

# A compiled node is either a float constant or a function from the jet of x to a jet.
Compiled = "float | Callable[[Jet], Jet]"


def _as_jet(node, x: Jet) -> Jet:
    if callable(node):
        return node(x)
    return Jet(np.full_like(x.v, node), np.zeros_like(x.v), np.zeros_like(x.v))


def _compile(node: ast.AST):
    """Turn a whitelisted AST node into a constant or a jet function; reject anything else."""
    if isinstance(node, ast.Expression):
        return _compile(node.body)
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise ExpressionError(f"{_quote(repr(node.value))} is not a number: {ALLOWED_HELP}")
        value = np.float64(node.value) if abs(node.value) < 1e309 else np.float64(np.inf)
        if not np.isfinite(value):
            raise ExpressionError("a number in the formula is too large (over 1.8e308, the "
                                  "largest a float can hold)")
        return value
    if isinstance(node, ast.Name):
        return _compile_name(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _compile(node.operand)
        if isinstance(node.op, ast.UAdd):
            return inner
        return (lambda x: -inner(x)) if callable(inner) else -inner
    if isinstance(node, ast.BinOp) and type(node.op) in _SYMBOL:
        return _compile_binary(node)
    if isinstance(node, ast.Call):
        return _compile_call(node)
    if isinstance(node, ast.Attribute):
        raise ExpressionError(f"attributes such as '.{node.attr}' are not allowed: {ALLOWED_HELP}")
    raise ExpressionError(f"'{_quote(ast.unparse(node))}' is not allowed here: {ALLOWED_HELP}")


def _compile_name(name: str):
    if name == "x":
        return lambda x: x
    if name in CONSTANTS:
        return np.float64(CONSTANTS[name])
    if name in FUNCTIONS:
        raise ExpressionError(f"{name} needs brackets around its input, e.g. {name}(x)")
    raise ExpressionError(f"unknown name '{name}': the variable is x (constants: pi, e)")


def _compile_binary(node: ast.BinOp):
    op = type(node.op)
    if op not in _BINARY and op is not ast.Pow:
        raise ExpressionError(f"the operator '{_SYMBOL[op]}' is not allowed: {ALLOWED_HELP}")
    left, right = _compile(node.left), _compile(node.right)
    if not callable(left) and not callable(right):
        return _constant_binary(op, left, right)
    if op is ast.Pow:
        if not callable(right):
            return lambda x: _as_jet(left, x).power(float(right))
        # u**w with w depending on x: exp(w·log u).
        exp = FUNCTIONS["exp"]
        log = FUNCTIONS["log"]
        return lambda x: (_as_jet(right, x) * _as_jet(left, x).apply(*log)).apply(*exp)
    combine = _BINARY[op]
    return lambda x: combine(_as_jet(left, x), _as_jet(right, x))


def _constant_binary(op, a: np.float64, b: np.float64) -> np.float64:
    if op is ast.Div and b == 0:
        raise ExpressionError("division by zero: a number is divided by 0")
    with np.errstate(all="ignore"):
        value = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply,
                 ast.Div: np.divide, ast.Pow: np.power}[op](a, b)
    if not np.isfinite(value):
        raise ExpressionError("a constant in the formula is too large or undefined")
    return value


def _compile_call(node: ast.Call):
    name = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
    if name not in FUNCTIONS:
        raise ExpressionError(f"'{_quote(name)}' is not an allowed function: {ALLOWED_HELP}")
    if node.keywords or len(node.args) != 1:
        raise ExpressionError(f"{name} takes exactly one input, e.g. {name}(x)")
    inner = _compile(node.args[0])
    g = FUNCTIONS[name]
    if not callable(inner):
        with np.errstate(all="ignore"):
            value = np.float64(g[0](inner))
        if not np.isfinite(value):
            raise ExpressionError(f"{name}({float(inner):g}) is not a finite number")
        return value
    return lambda x: inner(x).apply(*g)


def _quote(text: str, limit: int = 40) -> str:
    """The reader's text on one short line, for messages (printable characters only)."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _syntax_message(text: str, error: SyntaxError) -> str:
    if re.search(r"\d\s*[a-zA-Z(]", text):
        return "write multiplication with *, e.g. 2*x instead of 2x"
    if text.count("(") != text.count(")"):
        return "the brackets do not match: count the ( and the )"
    if "=" in text:
        return "type only the right-hand side, e.g. x**2 instead of f(x) = x**2"
    return f"'{_quote(text)}' is not a complete formula: is a number or bracket missing?"


# Signs a student types or pastes that mean an ASCII operator.
_SIGNS = str.maketrans({
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00d7": "*", "\u00b7": "*", "\u22c5": "*", "\u2217": "*", "\u2219": "*",
    "\u00f7": "/", "\u2215": "/", "\u2044": "/",
    "\u03c0": "pi", "\u2038": "^",
})
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUPERSCRIPT_POWER = re.compile("([⁻⁺]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
# Invisible characters that carry no meaning in a formula: zero-width spaces and joiners,
# the word joiner, the soft hyphen and a byte-order mark pasted from a file.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\u00ad\ufeff"), None)
#: What a symbol outside plain ASCII may have been meant as.
_SYMBOL_HINTS = {"\u221a": "use sqrt(x)", "\u221e": "use a large number such as 1e6"}


def _superscript_power(match: re.Match) -> str:
    sign, digits = match.group(1), match.group(2).translate(_SUPERSCRIPT_DIGITS)
    return f"**({sign.translate(_SUPERSCRIPT_DIGITS)}{digits})" if sign else f"**{digits}"


def _character_name(c: str) -> str:
    """U+XXXX and the Unicode name of a character, without the character itself."""
    return f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}"


def normalise(text: str) -> str:
    """The typed text in plain ASCII, read as meant (see the module docstring).

    Raises
    ------
    ExpressionError
        Naming the first character that has no meaning in a formula (a control or
        formatting character, or a symbol such as √ or ≤), without echoing it.
    """
    text = _SUPERSCRIPT_POWER.sub(_superscript_power, text.translate(_INVISIBLE))
    text = unicodedata.normalize("NFKC", text).translate(_SIGNS)
    text = "".join(" " if c.isspace() else c for c in text)
    for c in text:
        if unicodedata.category(c)[0] == "C":
            raise ExpressionError(f"the formula contains an invisible control character "
                                  f"({_character_name(c)}): delete it and type the formula again")
    for c in text:
        if not c.isascii():
            hint = _SYMBOL_HINTS.get(c, ALLOWED_HELP)
            raise ExpressionError(f"the character {_character_name(c)} cannot be used in a "
                                  f"formula: {hint}")
    return text


def compile_expression(text: str) -> Callable[[np.ndarray], Jet]:
    """Parse ``text`` and return a function from x values to the jet (f, f', f'')."""
    if len(text or "") > MAX_LENGTH:
        raise ExpressionError(f"the formula is too long (over {MAX_LENGTH} characters)")
    text = normalise(text or "").strip()
    if not text:
        raise ExpressionError("the box is empty: type a function of x, e.g. x**4 - 3*x**2 + x")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the formula is too long (over {MAX_LENGTH} characters)")
    try:
        tree = ast.parse(text.replace("^", "**"), mode="eval")
    except SyntaxError as error:
        raise ExpressionError(_syntax_message(text, error)) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("the formula is nested too deeply") from None
    try:
        compiled = _compile(tree)
    except RecursionError:
        raise ExpressionError("the formula is nested too deeply") from None

    def jet_of(x: np.ndarray) -> Jet:
        x = np.asarray(x, dtype=float)
        seed = Jet(x, np.ones_like(x), np.zeros_like(x))
        with np.errstate(all="ignore"):
            return _as_jet(compiled, seed)

    return jet_of


def parse_function(text: str, x_range: tuple[float, float] = (-3.0, 3.0)) -> Objective1D:
    """Read a typed function of x and return it as an objective with exact derivatives.

    Raises
    ------
    ExpressionError
        With a one-line reason, if the text is not an allowed formula or the
        function is not finite anywhere on ``x_range``.
    """
    jet_of = compile_expression(text)
    formula = normalise(text).strip()
    grid = np.linspace(*x_range, 401)
    jet = jet_of(grid)
    where = f"[{x_range[0]:g}, {x_range[1]:g}]"
    if np.count_nonzero(np.isfinite(jet.v)) < 2:
        raise ExpressionError(f"f(x) = {_quote(formula)} is not a finite number anywhere on {where}")
    usable = np.isfinite(jet.v) & np.isfinite(jet.d1)
    if np.count_nonzero(usable) < 2:
        raise ExpressionError(f"J(x) = {_quote(formula)} has no finite slope J'(x) anywhere on "
                              f"{where}: gradient descent needs one")
    start = float(x_range[1] * 0.8)
    at_start = jet_of(np.array([start]))
    if not (np.isfinite(at_start.v[0]) and np.isfinite(at_start.d1[0])):
        start = float(grid[usable][np.argmin(np.abs(grid[usable] - start))])
    return Objective1D(
        name="your function",
        formula=formula,
        f=lambda x: jet_of(x).v,
        df=lambda x: jet_of(x).d1,
        d2f=lambda x: jet_of(x).d2,
        x_range=x_range,
        default_start=float(start),
    )
