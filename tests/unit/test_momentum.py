"""Heavy-ball momentum: the step rule by hand, and the batch runner agreeing with it."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers.descent import GradientDescent, Momentum, run, run_batch


def test_momentum_steps_match_hand_calculation():
    # J(x) = x²/2 so ∇J = x; η = 0.1, β = 0.5, x0 = 1.
    rule = Momentum(lr=0.1, beta=0.5)
    x, v = np.array([1.0]), rule.init(np.array([1.0]))
    x, v = rule.step(x, x, v)           # v = −0.1,            x = 0.9
    assert v[0] == pytest.approx(-0.1) and x[0] == pytest.approx(0.9)
    x, v = rule.step(x, x, v)           # v = −0.05 − 0.09,    x = 0.76
    assert v[0] == pytest.approx(-0.14) and x[0] == pytest.approx(0.76)


def test_heavy_ball_recurrence():
    """x_{k+1} = x_k − η∇J(x_k) + β(x_k − x_{k−1}) along a whole run."""
    a, lr, beta = 3.0, 0.05, 0.8
    traj = run(lambda x: 0.5 * a * float(x @ x), lambda x: a * x, np.array([2.0, -1.0]),
               rule=Momentum(lr, beta), steps=40, tol=0)
    p = traj.points
    expected = p[1:-1] - lr * a * p[1:-1] + beta * (p[1:-1] - p[:-2])
    np.testing.assert_allclose(p[2:], expected, rtol=1e-12, atol=1e-14)


def test_beta_zero_is_plain_gradient_descent():
    f = lambda x: float(np.sum(x ** 4))
    grad = lambda x: 4 * x ** 3
    a = run(f, grad, [1.0, -0.5], rule=Momentum(0.05, 0.0), steps=30)
    b = run(f, grad, [1.0, -0.5], rule=GradientDescent(0.05), steps=30)
    np.testing.assert_array_equal(a.points, b.points)


@settings(max_examples=25, deadline=None)
@given(lr=st.floats(0.01, 0.3), beta=st.floats(0.0, 0.95),
       x0=st.tuples(st.floats(-3, 3), st.floats(-3, 3)))
def test_batch_momentum_matches_single_runs(lr, beta, x0):
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    f = lambda X: 0.5 * np.einsum("...i,ij,...j->...", X, A, X)
    grad = lambda X: X @ A
    starts = np.array([x0, (1.0, 2.0)])
    batch = run_batch(f, grad, starts, lr, beta=beta, steps=25, tol=0, keep_path=True)
    for i, start in enumerate(starts):
        single = run(f, grad, start, rule=Momentum(lr, beta), steps=25, tol=0)
        if single.outcome.kind == "diverged":
            assert batch.diverged_at[i] == single.outcome.step
        else:
            np.testing.assert_allclose(batch.points[:, i], single.points, rtol=1e-10, atol=1e-12)


def test_batch_momentum_per_run_beta_and_default_unchanged():
    grad = lambda X: X
    f = lambda X: 0.5 * np.sum(X ** 2, axis=-1)
    starts = np.ones((3, 2))
    plain = run_batch(f, grad, starts, 0.5, steps=10, tol=0)
    np.testing.assert_allclose(plain.final, 0.5 ** 10 * starts)
    mixed = run_batch(f, grad, starts, 0.5, beta=np.array([0.0, 0.3, 0.6]), steps=10, tol=0)
    np.testing.assert_allclose(mixed.final[0], plain.final[0])
    assert not np.allclose(mixed.final[1], mixed.final[2])


def test_batch_momentum_does_not_stop_at_the_top_of_a_swing():
    # With β near 1 the ball swings; it must keep going until the gradient is small too.
    f = lambda X: 0.5 * np.sum(X ** 2, axis=-1)
    res = run_batch(f, lambda X: X, np.array([[1.0, 0.0]]), 0.1, beta=0.9, steps=2000, tol=1e-8)
    assert res.converged_at[0] > 0
    assert np.linalg.norm(res.final[0]) < 1e-6


@settings(max_examples=40, deadline=None)
@given(which=st.sampled_from(["bowl", "rosenbrock", "himmelblau", "wells"]),
       u=st.floats(0.05, 0.95), v=st.floats(0.05, 0.95), lr_share=st.floats(0.01, 1.5),
       beta=st.sampled_from([0.0, 0.5, 0.9]), steps=st.integers(1, 300))
def test_trace_gives_the_same_trajectory_as_run(which, u, v, lr_share, beta, steps):
    from helpers.descent import trace
    from helpers.objectives import himmelblau, quadratic_bowl, rosenbrock, three_wells
    obj, scale = {"bowl": (quadratic_bowl(1, 20, 30), 0.1), "rosenbrock": (rosenbrock(), 0.002),
                  "himmelblau": (himmelblau(), 0.02), "wells": (three_wells(), 0.6)}[which]
    start = (obj.x_range[0] + u * np.ptp(obj.x_range), obj.y_range[0] + v * np.ptp(obj.y_range))
    lr = lr_share * scale
    slow = run(obj.f, obj.grad, start, rule=Momentum(lr, beta), steps=steps, tol=1e-6)
    fast = trace(obj.f, obj.grad, start, lr=lr, beta=beta, steps=steps, tol=1e-6)
    np.testing.assert_array_equal(fast.points, slow.points)
    np.testing.assert_allclose(fast.losses, slow.losses, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(fast.grad_norms, slow.grad_norms, rtol=1e-12, atol=1e-300)
    assert fast.outcome == slow.outcome
