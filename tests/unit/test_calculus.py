"""Finite differences: their order of accuracy and the best step, measured."""
import numpy as np
import pytest

from helpers.calculus import (best_central_step, central_difference, central_difference_errors,
                              forward_difference, gradient_check, numerical_gradient,
                              relative_error, stationary_point)


def test_central_difference_error_falls_as_h_squared():
    hs = np.array([1e-2, 5e-3])
    errors = central_difference_errors(np.sin, np.cos, 1.0, hs)
    assert errors[0] / errors[1] == pytest.approx(4, rel=0.01)


def test_forward_difference_error_falls_as_h():
    e1 = abs(forward_difference(np.sin, 1.0, 1e-2) - np.cos(1.0))
    e2 = abs(forward_difference(np.sin, 1.0, 5e-3) - np.cos(1.0))
    assert e1 / e2 == pytest.approx(2, rel=0.02)


def test_best_step_formula_and_measurement_agree_near_1e_5():
    hs = np.logspace(-12, -1, 45)
    measured = hs[np.argmin(central_difference_errors(np.sin, np.cos, 1.0, hs))]
    formula = best_central_step(np.cos(1.0), np.sin(1.0))
    assert 3e-6 < formula < 3e-5
    assert 3e-6 < measured < 3e-5
    assert abs(np.log10(measured / formula)) < 0.5


def test_numerical_gradient_and_check():
    f = lambda w: np.sum(w**3) + w[0] * w[1]
    grad = lambda w: 3 * w**2 + np.array([w[1], w[0], 0.0])
    w = np.array([0.3, -1.2, 2.0])
    np.testing.assert_allclose(numerical_gradient(f, w), grad(w), rtol=1e-8)
    assert gradient_check(f, grad, w) < 1e-9
    wrong = lambda w: 3 * w**2
    assert gradient_check(f, wrong, w) > 1e-2


def test_relative_error_edge_cases():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2))


def test_stationary_point_finds_root_of_slope():
    x = stationary_point(lambda x: 4 * x**3 - 4 * x + 0.5, lambda x: 12 * x**2 - 4, 0.0)
    assert abs(4 * x**3 - 4 * x + 0.5) < 1e-12
    assert 0.1 < x < 0.15


def test_notebook_01_difference_errors_against_their_bounds():
    """What 01 §4 prints: best steps, bounds at the best steps, and measured orders with margin."""
    import math

    from helpers.calculus import (best_central_step, best_forward_step, central_difference_errors,
                                  central_error_bound, forward_difference, forward_error_bound)
    s, c = np.sin(1.0), np.cos(1.0)
    best_h, best_h_forward = best_central_step(c, s), best_forward_step(s, s)
    assert best_h == pytest.approx((3 * np.finfo(float).eps * s / c) ** (1 / 3))
    assert best_h_forward == pytest.approx(np.sqrt(2 * np.finfo(float).eps))
    # each best step minimises its bound
    hs_fine = np.geomspace(1e-10, 1e-2, 20001)
    assert hs_fine[np.argmin(central_error_bound(hs_fine, c, s))] == pytest.approx(best_h, rel=1e-3)
    assert hs_fine[np.argmin(forward_error_bound(hs_fine, s, s))] == pytest.approx(best_h_forward, rel=1e-3)
    ratio = forward_error_bound(best_h_forward, s, s) / central_error_bound(best_h, c, s)
    assert 600 < ratio < 680  # "about 640 times"
    hs = np.logspace(-12, -1, 45)
    measured_c = np.median(central_difference_errors(np.sin, np.cos, 1.0, hs)[(hs > best_h / 3) & (hs < best_h * 3)])
    forward = np.abs(forward_difference(np.sin, 1.0, hs) - c)
    measured_f = np.median(forward[(hs > best_h_forward / 3) & (hs < best_h_forward * 3)])
    # printed as the nearest power of ten: 1e-11 and 1e-8, each well inside its rounding band
    assert abs(math.log10(measured_c) - (-11)) < 0.35 and abs(math.log10(measured_f) - (-8)) < 0.35
    assert measured_c < central_error_bound(best_h, c, s) and measured_f < forward_error_bound(best_h_forward, s, s)


def test_notebook_01_try_this_3_a_larger_step_jumps_over_the_hilltop():
    from helpers.descent import run
    from helpers.objectives import double_well
    well = double_well()
    small = run(well.f, well.df, 1.6, lr=0.05, steps=2000).final
    large = run(well.f, well.df, 1.6, lr=0.2, steps=2000).final
    assert small == pytest.approx(well.minima[1], abs=1e-4)  # the right valley, 0.930
    assert large == pytest.approx(well.minima[0], abs=1e-4)  # the left valley, −1.057


def test_zero_crossings_interpolate_between_samples_and_count_exact_zeros_once():
    from helpers.calculus import zero_crossings
    xs = np.linspace(0, 2 * np.pi, 1000)
    np.testing.assert_allclose(zero_crossings(xs, np.cos(xs)), [np.pi / 2, 3 * np.pi / 2], atol=1e-5)
    np.testing.assert_array_equal(zero_crossings([0, 1, 2, 3], [1, 0, -1, -2]), [1.0])
    assert zero_crossings([0, 1, 2], [1, 2, 3]).size == 0
    with pytest.raises(ValueError, match="same length"):
        zero_crossings([0, 1], [1, 2, 3])


def test_notebook_02_zero_slopes_are_at_right_angles_to_the_gradient():
    """02 §2: slope 0 at 36.9° and 216.9°, steepest descent at 126.9° (∇J = (3, −4) at 306.9°)."""
    from helpers.calculus import zero_crossings
    J = lambda w: w[0] ** 2 + 5 * w[1] ** 2
    w, h = np.array([1.5, -0.4]), 1e-6
    angles = np.deg2rad(np.arange(360))
    units = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    slopes = np.array([(J(w + h * u) - J(w - h * u)) / (2 * h) for u in units])
    gradient_angle = np.rad2deg(np.arctan2(-4.0, 3.0)) % 360
    assert round(gradient_angle, 1) == 306.9
    flat = zero_crossings(np.rad2deg(angles), slopes)
    np.testing.assert_allclose(flat, [gradient_angle - 270, gradient_angle - 90], atol=0.05)
    assert [round(a, 1) for a in flat] == [36.9, 216.9]
    assert round(np.rad2deg(angles[np.argmin(slopes)])) == 127 and round(gradient_angle - 180, 1) == 126.9
