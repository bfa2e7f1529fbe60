"""Learning-rate schedules against their formulas, and the scheduled step rule."""
import numpy as np
import pytest
from hypothesis import given, strategies as st

from helpers.descent import run
from helpers.schedules import (
    SCHEDULES, ScheduledDescent, constant, cosine, inverse_time, step_decay,
)

ks = np.arange(0, 301)


def test_step_decay_halves_every_period():
    lr = step_decay(ks, 0.4, drop=0.5, every=100)
    assert lr[0] == lr[99] == 0.4
    assert lr[100] == lr[199] == 0.2
    assert lr[300] == pytest.approx(0.05)


def test_inverse_time_formula():
    lr = inverse_time(ks, 0.3, decay=0.1)
    np.testing.assert_allclose(lr, 0.3 / (1 + 0.1 * ks))
    assert lr[10] == pytest.approx(0.15)


def test_cosine_ends_and_middle():
    lr = cosine(ks, 0.5, total=200, lr_min=0.01)
    assert lr[0] == pytest.approx(0.5)
    assert lr[100] == pytest.approx(0.255)
    assert lr[200] == pytest.approx(0.01) and lr[300] == pytest.approx(0.01)


@given(lr0=st.floats(1e-4, 10.0), name=st.sampled_from(sorted(SCHEDULES)))
def test_every_schedule_starts_at_lr0_and_never_grows(lr0, name):
    lr = SCHEDULES[name](ks, lr0)
    assert lr[0] == pytest.approx(lr0)
    assert np.all(np.diff(lr) <= 1e-12 * lr0)
    assert np.all(lr >= 0)


@pytest.mark.parametrize("lr0", [0.0, -0.1, float("inf")])
def test_bad_starting_rate_is_refused_with_a_message(lr0):
    with pytest.raises(ValueError, match="η₀ must be positive"):
        step_decay(ks, lr0)


def test_scheduled_descent_uses_eta_k_at_step_k():
    # On x²/2 one step multiplies x by (1 − η_k); the product gives the final x.
    schedule = lambda k: inverse_time(k, 0.5, decay=0.2)
    traj = run(lambda x: 0.5 * float(x @ x), lambda x: x, np.array([1.0]),
               rule=ScheduledDescent(schedule), steps=20, tol=0)
    expected = np.prod(1 - schedule(np.arange(20)))
    assert traj.final[0] == pytest.approx(expected)


def test_constant_is_plain_descent():
    traj = run(lambda x: 0.5 * float(x @ x), lambda x: x, np.array([2.0]),
               rule=ScheduledDescent(lambda k: constant(k, 0.3)), steps=5, tol=0)
    assert traj.final[0] == pytest.approx(2.0 * 0.7 ** 5)


def test_warmup_cosine_ramps_then_decays():
    from helpers.schedules import warmup_cosine
    assert warmup_cosine(0, 1.0, warmup=10, total=110) == pytest.approx(0.1)
    assert warmup_cosine(9, 1.0, warmup=10, total=110) == pytest.approx(1.0)
    assert warmup_cosine(10, 1.0, warmup=10, total=110) == pytest.approx(1.0)
    assert warmup_cosine(60, 1.0, warmup=10, total=110) == pytest.approx(0.5)
    assert warmup_cosine(110, 1.0, warmup=10, total=110, lr_min=0.01) == pytest.approx(0.01)
    assert warmup_cosine(np.arange(3), 1.0, warmup=10, total=110).shape == (3,)
    with pytest.raises(ValueError):
        warmup_cosine(0, 1.0, warmup=0)
