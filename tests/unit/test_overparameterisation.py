"""Over-parameterisation: wide two-layer ReLU networks fit random targets and barely move."""
import numpy as np
import pytest

from helpers import overparameterisation as op


@pytest.fixture(scope="module")
def sweep():
    X, y = op.circle_data(6)
    return op.width_sweep(X, y, [2, 16, 64, 256, 1024], seeds=(0, 1, 2), lr=5.0, steps=1000)


def test_wide_networks_fit_random_targets_and_narrow_ones_do_not(sweep):
    assert np.all(sweep.final_loss[0] > 1e-2)        # width 2: 4 weights for 6 targets
    assert np.all(sweep.final_loss[1:] < 1e-20)      # width ≥ 16: fitted to round-off
    assert not np.any(np.isnan(sweep.steps_to_target[1:]))


def test_relative_weight_change_shrinks_like_one_over_root_width(sweep):
    change = sweep.median("relative_change")[1:]
    assert np.all(np.diff(change) < 0)
    slope = np.polyfit(np.log(sweep.widths[1:]), np.log(change), 1)[0]
    assert -0.65 < slope < -0.35


def test_gradient_matches_finite_differences():
    X, y = op.circle_data(6)
    rng = np.random.default_rng(0)
    W = rng.standard_normal((5, 2))
    a = rng.choice([-1.0, 1.0], 5) / np.sqrt(5)

    def J(W):
        return 0.5 * np.mean((np.maximum(X @ W.T, 0) @ a - y) ** 2)

    residual = np.maximum(X @ W.T, 0) @ a - y
    grad = ((residual[:, None] * (X @ W.T > 0)) * a).T @ X / len(X)
    h = 1e-6
    E = np.zeros_like(W)
    E[2, 1] = h
    assert grad[2, 1] == pytest.approx((J(W + E) - J(W - E)) / (2 * h), rel=1e-6)
    # the training step uses the same gradient: one step of size lr lowers J as predicted
    run = op.train_two_layer(X, y, 5, lr=1e-4, steps=1, seed=0)
    assert run.losses[1] < run.losses[0]


def test_limit_kernel_is_positive_definite_for_non_parallel_inputs():
    X, _ = op.circle_data(6)
    H = op.limit_kernel(X)
    assert np.allclose(np.diag(H), 0.5)
    assert np.linalg.eigvalsh(H)[0] > 0
    # Monte Carlo check of the formula E[x·x' 1[w·x>0] 1[w·x'>0]]
    w = np.random.default_rng(0).standard_normal((200_000, 2))
    act = (X @ w.T > 0).astype(float)
    mc = (X @ X.T) * (act @ act.T) / len(w)
    assert np.allclose(mc, H, atol=5e-3)


@pytest.mark.parametrize("call, name", [
    (lambda: op.circle_data(1), "n"),
    (lambda: op.train_two_layer(np.eye(2), [0, 1], 0), "width"),
    (lambda: op.train_two_layer(np.eye(2), [0, 1], 3, lr=-1), "lr"),
    (lambda: op.train_two_layer(np.eye(2), [0, 1], 3, steps=0), "steps"),
    (lambda: op.train_two_layer(np.eye(2), [0, 1], 3, target=2), "target"),
    (lambda: op.width_sweep(np.eye(2), [0, 1], []), "widths"),
    (lambda: op.limit_kernel(np.ones((2, 2))), "X"),
])
def test_bad_arguments_name_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()
