"""Numbers phrased so that the printed text is the same on every CPU.

numpy's SIMD paths and OpenBLAS's kernels differ from CPU to CPU, so the last
digits of a computed number do too. A saved notebook is compared as text, so a
round-off-level number is printed as what it means — "below 1e-8" — and the
exact value is checked with a tolerance in a unit test.
"""
from __future__ import annotations

import math


def power_of_ten(bound: float) -> str:
    """``1e-8`` for 1e-8, ``0.01`` for 0.01, ``3e-5`` for 3e-5: short and exact."""
    if not (math.isfinite(bound) and bound > 0):
        raise ValueError(f"bound must be a positive finite number, got {bound!r}")
    mantissa, exponent = f"{bound:.0e}".split("e")
    exponent = int(exponent)
    if -3 <= exponent <= 3:
        return f"{bound:g}"
    return f"{mantissa}e{exponent}"


def below(value: float, bound: float, digits: int = 2) -> str:
    """``"< 1e-8"`` when ``value`` is below ``bound``, otherwise the value itself.

    Choose ``bound`` with a margin (a unit test checks the margin), so that the
    text does not change when the last digits of ``value`` do.
    """
    if not math.isfinite(value):
        return "not finite"
    if abs(value) < bound:
        return f"< {power_of_ten(bound)}"
    return f"{value:.{digits}g}"


def order_of_magnitude(value: float) -> str:
    """``"1e-11"`` for 1.1e-11 or 2.9e-11: the power of ten nearest to ``value`` on a log scale.

    Only a change of about ×3 moves the text, so use it for round-off-level values whose last
    digits differ between CPUs (a unit test checks that the value is not near a boundary).
    """
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"value must be a positive finite number, got {value!r}")
    return power_of_ten(10.0 ** round(math.log10(value)))
