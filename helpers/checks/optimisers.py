""""Check yourself" for notebook 07: one Adam step, with the wrong term named.

The reader writes ``adam_step(x, g, m, v, t, lr, beta1, beta2, eps)`` returning
``(x_new, m_new, v_new)``. The check runs it on a few random cases (the first step t = 1, a
later step, and one with a large ε so that where ε sits shows), compares with
:class:`helpers.optimisers.Adam`, and if it differs, with what each catalogued mistake would
return (each a small change of the reference), in the order the maths flows: m, then v,
then the step. The catalogue is the data :data:`ADAM_STEP` (see :mod:`helpers.checks.feedback`).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..optimisers import Adam, AdamState
from .feedback import (Exercise, Feedback, Mistake, Unusable, as_array, call_student, correct,
                       not_attempted, unusable, wrong)

ADAM_STEP = Exercise(
    key="07.adam_step", notebook="07", title="Exercise 1 — one Adam step", check="check_adam_step",
    not_attempted="Not attempted yet: replace the `raise NotImplementedError` line with your "
                  "code, then run the cell.",
    unexplained="Your step is not Adam's.",
    hint="Go line by line through the update of section 1: the two moving averages, their "
         "corrections for starting at zero, then the step that divides one by the root of the "
         "other.",
    mistakes=(
        Mistake("one_array", "returns x_new (or the step) alone",
                "adam_step returns one array: Adam's state changes at every step, so the "
                "function must hand back the new point and both new averages.",
                "Return a tuple of three arrays, in the order of the exercise."),
        Mistake("swapped_m_v", "returns (x_new, v_new, m_new)",
                "Your m_new and v_new are swapped: the second value is the average of the "
                "gradients, the third the average of their squares.",
                "Keep the order of the exercise: x_new, m_new, v_new."),
        Mistake("returned_old_state", "returns the m and v it was given",
                "The step is right, but the m and v you return are the ones you were given: the "
                "next step needs the updated averages.", "Return the averages after this "
                "step's update, not the inputs."),
        Mistake("returned_corrected", "returns m̂ and v̂ as the new state",
                "You returned the bias-corrected averages as the state: the correction is only "
                "for taking the step; the averages that carry over are the uncorrected ones.",
                "Correct copies of m and v for the step, and return the uncorrected m and v."),
        Mistake("weights_swapped", "m ← (1 − β₁)m + β₁g (β where 1 − β belongs)",
                "The moving averages weight the old value and the new gradient the wrong way "
                "round: with β₁ = 0.9 the average should keep most of its old value and take "
                "only a little of the new gradient.",
                "β₁ multiplies the old m; the new gradient gets the rest of the weight."),
        Mistake("no_square", "v ← β₂v + (1 − β₂)g",
                "v should track the *squared* size of the gradient (its second moment); yours "
                "averages the gradient itself, so it can be negative.",
                "The second average is fed g times g, element by element."),
        Mistake("no_bias_correction", "step with m and v themselves",
                "The bias correction is missing: m and v start at zero, so during the first "
                "steps they are too small, and Adam divides each by a factor that undoes this.",
                "The factors depend on β₁, β₂ and the step number t."),
        Mistake("no_correction_of_m", "only v corrected",
                "m is not bias-corrected (v is): both averages start at zero and both need "
                "their correction before the step.", "m's factor uses β₁ and t."),
        Mistake("no_correction_of_v", "only m corrected",
                "v is not bias-corrected (m is): both averages start at zero and both need "
                "their correction before the step.", "v's factor uses β₂ and t."),
        Mistake("correction_without_t", "m / (1 − β₁), with no power t",
                "The correction factors leave out the step number: how much a zero-started "
                "average falls short depends on how many steps it has seen, so the factor "
                "fades as t grows.", "The factor is 1 minus β raised to the power t."),
        Mistake("t_off_by_one", "βᵗ⁺¹ or βᵗ⁻¹ (t counted from 0)",
                "The powers in the correction use the wrong step number: t is this step's "
                "number counted from 1, so at the first step t = 1 already.",
                "Use t exactly as it is passed in."),
        Mistake("eps_inside_sqrt", "m̂ / √(v̂ + ε)",
                "ε is in the wrong place: it guards the division, so it is added after the "
                "square root is taken, not under it.", "Take the root of v̂ first."),
        Mistake("no_sqrt", "m̂ / (v̂ + ε)",
                "The step divides by the average of squared gradients itself: Adam divides by "
                "its square root, so the step has the size of η whatever the gradient's scale.",
                "The denominator is a root plus ε."),
        Mistake("step_without_x", "x_new = −η m̂ / (√v̂ + ε)",
                "Your x_new is the step itself: the new point is the old point moved by it.",
                "Start from x."),
        Mistake("uphill", "x + η m̂ / (√v̂ + ε)",
                "The step goes uphill: m̂ points the way the loss increases.",
                "Move against the averaged gradient."),
    ),
    answer_keys=("(1 - beta1) * g", "(1 - beta2) * g ** 2", "1 - beta1 ** t", "1 - beta2 ** t",
                 "np.sqrt(v_hat) + eps", "m_hat / (np.sqrt(v_hat) + eps)", "√v̂ + ε",
                 "(√v̂ + ε)", "1 − β₁ᵗ", "1 − β₂ᵗ"),
)

#: The cases the check runs: seed, step t, ε (one large enough to tell where ε sits).
_CASES = ((0, 1, 1e-8), (1, 4, 1e-8), (2, 3, 0.05))
_NAMES = ("x_new", "m_new", "v_new")
_FLOW = (1, 2, 0)  # compare m, then v, then the step


def _inputs(seed: int, t: int, eps: float) -> dict:
    rng = np.random.default_rng(seed)
    size = 5
    return dict(x=rng.normal(size=size), g=rng.normal(size=size) * [0.01, 0.1, 1, 3, 10],
                m=rng.normal(size=size) * 0.1 * (t > 1),
                v=rng.uniform(0.001, 0.5, size=size) * (t > 1),
                t=t, lr=0.1, beta1=0.9, beta2=0.99, eps=eps)


def _reference(x, g, m, v, t, lr, beta1, beta2, eps, slip: str | None = None, power=None):
    """One Adam step, or the same step with one catalogued slip (``power``: the t it uses)."""
    with np.errstate(all="ignore"):  # a slip may divide by zero or take the root of g < 0
        b1, b2 = (1 - beta1, 1 - beta2) if slip == "weights_swapped" else (beta1, beta2)
        square = g if slip == "no_square" else g * g
        m_new = b1 * m + (1 - b1) * g
        v_new = b2 * v + (1 - b2) * square
        tt = t if power is None else power
        f1, f2 = (1 - beta1, 1 - beta2) if slip == "correction_without_t" else (
            1 - beta1 ** tt, 1 - beta2 ** tt)
        m_hat = m_new if slip in ("no_bias_correction", "no_correction_of_m") else m_new / f1
        v_hat = v_new if slip in ("no_bias_correction", "no_correction_of_v") else v_new / f2
        if slip == "eps_inside_sqrt":
            denominator = np.sqrt(v_hat + eps)
        elif slip == "no_sqrt":
            denominator = v_hat + eps
        else:
            denominator = np.sqrt(v_hat) + eps
        step = lr * m_hat / denominator
        x_new = {"uphill": x + step, "step_without_x": -step}.get(slip, x - step)
        if slip == "returned_corrected":
            return x_new, m_hat, v_hat
        return x_new, m_new, v_new


def _predictions(case: dict) -> dict[str, list[tuple]]:
    """What each catalogued mistake returns on ``case`` (a list: some have several forms)."""
    right = _reference(**case)
    out = {"swapped_m_v": [(right[0], right[2], right[1])],
           "returned_old_state": [(right[0], case["m"], case["v"])],
           "t_off_by_one": [_reference(**case, power=case["t"] + 1),
                            _reference(**case, power=case["t"] - 1)]}
    for mistake in ADAM_STEP.mistakes:
        if mistake.key not in out and mistake.key != "one_array":
            out[mistake.key] = [_reference(**case, slip=mistake.key)]
    return out


def _same(a, b) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True))


def _read_three(value):
    """The reader's (x_new, m_new, v_new) as float arrays (NaN allowed: the check names it),
    or ("one", array) for a single array; :class:`Unusable` for anything else."""
    if value is None or isinstance(value, (str, bytes, dict, set)):
        as_array(value, "three arrays (x_new, m_new, v_new)")  # raises with the usual message
    if isinstance(value, (tuple, list)) and len(value) == 3 and not all(
            np.isscalar(part) for part in value):
        return [_float_array(part, name) for part, name in zip(value, _NAMES)]
    if isinstance(value, (tuple, list)) and not all(np.isscalar(part) for part in value):
        raise Unusable("wrong_shape", f"adam_step should return three arrays (x_new, m_new, "
                       f"v_new); it returned {len(value)} values.")
    return ("one", _float_array(value, "your result"))


def _float_array(part, name: str) -> np.ndarray:
    try:
        return as_array(part, "an array of numbers")
    except Unusable as problem:
        if problem.key != "not_finite":
            raise Unusable(problem.key, f"{name}: {problem.message}") from None
        return np.array(part, dtype=float)


def check_adam_step(adam_step: Callable) -> Feedback:
    """Check the reader's ``adam_step(x, g, m, v, t, lr, beta1, beta2, eps)``."""
    ex = ADAM_STEP
    for seed, t, eps in _CASES:
        case = _inputs(seed, t, eps)
        result, problem = call_student(adam_step, *case.values(), read=_read_three)
        if problem == "not attempted":
            return not_attempted(ex)
        if problem is not None:
            return unusable(ex, problem)
        shape = case["x"].shape
        if isinstance(result, tuple) and result[0] == "one":
            if result[1].shape == shape:
                return wrong(ex, "one_array")
            return unusable(ex, Unusable("wrong_shape", f"adam_step returned one array of shape "
                                         f"{result[1].shape}; it should return three arrays of "
                                         f"the shape of x, {shape}."))
        for name, array in zip(_NAMES, result):
            if array.shape != shape:
                return unusable(ex, Unusable("wrong_shape", f"{name} has shape {array.shape}; "
                                             f"it should have the shape of x, {shape}."))
        expected = _reference(**case)
        if all(_same(a, e) for a, e in zip(result, expected)):
            continue
        where = f"(At step t = {t}, ε = {eps:g}.)"
        for key, options in _predictions(case).items():
            if any(all(_same(a, o) for a, o in zip(result, option)) for option in options):
                return wrong(ex, key, where)
        if not all(np.all(np.isfinite(a)) for a in result):
            bad = [n for n, a in zip(_NAMES, result) if not np.all(np.isfinite(a))]
            return unusable(ex, Unusable("not_finite", f"At step t = {t}, your {', '.join(bad)} "
                                         "contains NaN or infinity: something divided by zero "
                                         "or took the root of a negative number."))
        first = next(_NAMES[i] for i in _FLOW if not _same(result[i], expected[i]))
        return wrong(ex, None, f"The first value that differs, in the order the update "
                               f"computes them, is {first}. {where}")
    return correct("Correct: your step matches Adam (Kingma & Ba 2015, Algorithm 1) on "
                   f"{len(_CASES)} random cases, including the first step and a large ε.")


def reference_adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
    """The helpers' Adam, in the exercise's signature (for tests)."""
    rule = Adam(lr, beta1, beta2, eps)
    x_new, state = rule.step(np.asarray(x, float), np.asarray(g, float),
                             AdamState(t - 1, np.asarray(m, float), np.asarray(v, float)))
    return x_new, state.m, state.v
