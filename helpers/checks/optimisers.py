""""Check yourself" for notebook 07: one Adam step, with the wrong term named.

The reader writes ``adam_step(x, g, m, v, t, lr, beta1, beta2, eps)`` returning
``(x_new, m_new, v_new)``. The check runs it on random inputs, compares with
:class:`helpers.optimisers.Adam`, and if it differs, tries the usual slips one by one
(each a small change of the reference) to say which term is wrong.
"""
from __future__ import annotations

import numpy as np

from ..optimisers import Adam, AdamState
from .feedback import Feedback, call_student as _call, report as _report

#: The cases the check runs: seed, step t, ε (one large enough to tell where ε sits).
_CASES = ((0, 1, 1e-8), (1, 4, 1e-8), (2, 3, 0.05))


def _inputs(seed: int, t: int, eps: float) -> dict:
    rng = np.random.default_rng(seed)
    size = 5
    return dict(x=rng.normal(size=size), g=rng.normal(size=size) * [0.01, 0.1, 1, 3, 10],
                m=rng.normal(size=size) * 0.1 * (t > 1),
                v=rng.uniform(0.001, 0.5, size=size) * (t > 1),
                t=t, lr=0.1, beta1=0.9, beta2=0.99, eps=eps)


def _reference(x, g, m, v, t, lr, beta1, beta2, eps, slip: str | None = None):
    """One Adam step, or the same step with one named slip."""
    with np.errstate(all="ignore"):  # a slip may take the root of a negative number
        return _step(x, g, m, v, t, lr, beta1, beta2, eps, slip)


def _step(x, g, m, v, t, lr, beta1, beta2, eps, slip):
    b1 = beta1 if slip != "beta for 1-beta" else 1 - beta1
    b2 = beta2 if slip != "beta for 1-beta" else 1 - beta2
    square = g * g if slip != "no square" else g
    m_new = b1 * m + (1 - b1) * g
    v_new = b2 * v + (1 - b2) * square
    tt = t + 1 if slip == "t off by one" else t
    m_hat = m_new if slip in ("no bias correction", "no correction of m") else m_new / (1 - beta1 ** tt)
    v_hat = v_new if slip in ("no bias correction", "no correction of v") else v_new / (1 - beta2 ** tt)
    if slip == "eps inside sqrt":
        denominator = np.sqrt(v_hat + eps)
    elif slip == "no sqrt":
        denominator = v_hat + eps
    else:
        denominator = np.sqrt(v_hat) + eps
    sign = 1.0 if slip == "plus" else -1.0
    return x + sign * lr * m_hat / denominator, m_new, v_new


_SLIPS = {
    "beta for 1-beta": "the averages use β where 1 − β belongs: m ← β₁m + (1 − β₁)g keeps β₁ "
                       "of the old average and adds (1 − β₁) of the new gradient",
    "no square": "v should average the *squared* gradient g², not g",
    "no bias correction": "the bias correction is missing: divide m by (1 − β₁ᵗ) and v by "
                          "(1 − β₂ᵗ) before the step",
    "no correction of m": "m is not bias-corrected: use m̂ = m/(1 − β₁ᵗ) in the step",
    "no correction of v": "v is not bias-corrected: use v̂ = v/(1 − β₂ᵗ) in the step",
    "t off by one": "the powers βᵗ use the wrong t: t is this step's number, starting at 1",
    "eps inside sqrt": "ε belongs outside the square root: m̂/(√v̂ + ε), not m̂/√(v̂ + ε)",
    "no sqrt": "the step divides by v̂; it should divide by its square root √v̂ (+ ε)",
    "plus": "the step goes uphill: subtract η m̂/(√v̂ + ε) from x",
}


def _as_arrays(result, shape) -> tuple[list[np.ndarray] | None, str | None]:
    """The reader's (x, m, v) as float arrays of ``shape``, or a message saying what is off."""
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        got = "None" if result is None else type(result).__name__
        return None, (f"adam_step should return three arrays (x_new, m_new, v_new); it returned "
                      f"{got}" + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""))
    arrays = []
    for name, value in zip(("x_new", "m_new", "v_new"), result):
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return None, f"{name} is not an array of numbers (it is {type(value).__name__})"
        if array.shape != shape:
            return None, f"{name} has shape {array.shape}; it should have the shape of x, {shape}"
        arrays.append(array)
    return arrays, None


def _matches(arrays, expected) -> list[bool]:
    return [bool(np.allclose(a, e, rtol=1e-9, atol=1e-12, equal_nan=True))
            for a, e in zip(arrays, expected)]


def check_adam_step(adam_step) -> Feedback:
    """Check the reader's ``adam_step(x, g, m, v, t, lr, beta1, beta2, eps)``."""
    for seed, t, eps in _CASES:
        case = _inputs(seed, t, eps)
        result, error = _call(adam_step, *[np.copy(a) if isinstance(a, np.ndarray) else a
                                           for a in case.values()])
        if error == "not attempted":
            return _report("not attempted", "Not attempted yet: fill in adam_step, then run this "
                           "cell again.")
        if error:
            return _report("wrong", f"Your adam_step raised {error}.")
        arrays, problem = _as_arrays(result, case["x"].shape)
        if problem:
            return _report("wrong", f"{problem}.")
        expected = _reference(**case)
        if all(_matches(arrays, expected)):
            continue
        for slip, explanation in _SLIPS.items():
            if all(_matches(arrays, _reference(**case, slip=slip))):
                return _report("wrong", f"At step t = {t}: {explanation}.")
        names = [n for n, ok in zip(("x_new", "m_new", "v_new"), _matches(arrays, expected)) if not ok]
        if not all(np.all(np.isfinite(a)) for a in arrays):
            return _report("wrong", f"At step t = {t}, your step returned NaN or infinity "
                           f"(in {', '.join(names)}).")
        verb = "differs" if len(names) == 1 else "differ"
        return _report("wrong", f"At step t = {t} with ε = {eps:g}, {' and '.join(names)} {verb} "
                       "from Adam's; compare each line with the equations above.")
    return _report("correct", "Correct: your step matches Adam (Kingma & Ba 2015, Algorithm 1) "
                   f"on {len(_CASES)} random cases, including the first step and a large ε.")


def reference_adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
    """The helpers' Adam, in the exercise's signature (for tests)."""
    rule = Adam(lr, beta1, beta2, eps)
    x_new, state = rule.step(np.asarray(x, float), np.asarray(g, float),
                             AdamState(t - 1, np.asarray(m, float), np.asarray(v, float)))
    return x_new, state.m, state.v
