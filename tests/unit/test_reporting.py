import math

import pytest

from helpers.reporting import below, power_of_ten


@pytest.mark.parametrize("bound, text", [(1e-8, "1e-8"), (1e-12, "1e-12"), (0.01, "0.01"),
                                         (3e-5, "3e-5"), (1.0, "1"), (1e5, "1e5")])
def test_power_of_ten_is_short(bound, text):
    assert power_of_ten(bound) == text


def test_below_hides_the_round_off_digits_but_not_a_large_value():
    assert below(7.8e-11, 1e-8) == below(1.4e-10, 1e-8) == "< 1e-8"
    assert below(0.0037, 0.01) == below(0.0038, 0.01) == "< 0.01"
    assert below(0.25, 0.01) == "0.25"
    assert below(math.nan, 0.01) == "not finite"


@pytest.mark.parametrize("bad", [0.0, -1.0, math.inf, math.nan])
def test_a_bound_must_be_positive_and_finite(bad):
    with pytest.raises(ValueError, match="bound"):
        power_of_ten(bad)


def test_order_of_magnitude_rounds_on_a_log_scale():
    from helpers.reporting import order_of_magnitude
    assert order_of_magnitude(1.1e-11) == order_of_magnitude(2.9e-11) == "1e-11"
    assert order_of_magnitude(6e-9) == "1e-8"
    assert order_of_magnitude(0.5) == "1"
    with pytest.raises(ValueError, match="value"):
        order_of_magnitude(0.0)
