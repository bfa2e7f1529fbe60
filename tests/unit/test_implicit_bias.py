"""Implicit bias: the max-margin separator (checked by KKT) and gradient descent's slow turn towards it."""
import numpy as np
import pytest

from helpers import implicit_bias as ib


@pytest.mark.parametrize("seed", range(4))
def test_max_margin_satisfies_the_kkt_conditions(seed):
    X, y = ib.separable_blobs(40, seed=seed)
    mm = ib.max_margin(X, y)
    for name, residual in ib.kkt_residuals(X, y, mm.w, mm.alpha).items():
        assert residual < 1e-9, name
    margins = y * (X @ mm.w)
    assert np.allclose(margins[mm.support], 1.0, atol=1e-9)
    assert mm.margin == pytest.approx(margins.min() / np.linalg.norm(mm.w))


def test_max_margin_beats_every_other_unit_direction():
    X, y = ib.separable_blobs(40, seed=0)
    mm = ib.max_margin(X, y)
    angles = np.linspace(0, 2 * np.pi, 20001)
    U = np.column_stack([np.cos(angles), np.sin(angles)])
    best = np.max(np.min((X * y[:, None]) @ U.T, axis=0))
    assert mm.margin == pytest.approx(best, rel=1e-6)


def test_non_separable_data_are_refused():
    X = np.array([[1.0, 0.0], [1.0, 0.0]])
    with pytest.raises(ValueError, match="separable"):
        ib.max_margin(X, np.array([1.0, -1.0]), max_sweeps=2000)


@pytest.fixture(scope="module")
def runs():
    out = []
    for seed in range(4):
        X, y = ib.separable_blobs(40, seed=seed)
        mm = ib.max_margin(X, y)
        out.append((ib.logistic_gradient_descent(X, y, 1.0 / ib.smoothness(X), 100_000, mm.w), mm))
    return out


def test_angle_to_the_max_margin_direction_decreases_and_ends_below_25_degrees(runs):
    for run, _ in runs:
        assert np.all(np.diff(run.angles_deg[1:]) <= 1e-12)
        assert run.angles_deg[-1] < 25.0
        assert run.angles_deg[1] > 40.0  # the first step points far away
    assert runs[0][0].angles_deg[-1] < 20.0  # the notebook's seed


def test_loss_goes_to_zero_and_the_norm_grows_like_log_t(runs):
    for run, mm in runs:
        assert run.losses[-1] < 1e-4
        t = run.checkpoints[-10:]
        norms = np.linalg.norm(run.weights[-10:], axis=1)
        # ‖w_t‖ ≈ ‖ŵ‖ log t + O(1) (Soudry et al. 2018, Theorem 3): the slope in log t nears ‖ŵ‖.
        slope = np.polyfit(np.log(t), norms, 1)[0]
        assert slope == pytest.approx(np.linalg.norm(mm.w), rel=0.25)


def test_normalised_margin_approaches_the_max_margin(runs):
    for run, mm in runs:
        assert run.margins[-1] <= mm.margin + 1e-12
        assert run.margins[-1] > 0.8 * mm.margin


def test_smoothness_bounds_the_hessian():
    X, y = ib.separable_blobs(40, seed=0)
    w = np.array([0.3, -0.2])
    s = 1 / (1 + np.exp(-(y * (X @ w))))
    H = (X * (s * (1 - s))[:, None]).T @ X / len(X)
    assert np.linalg.eigvalsh(H)[-1] <= ib.smoothness(X) + 1e-12


@pytest.mark.parametrize("call, name", [
    (lambda: ib.separable_blobs(2), "n"),
    (lambda: ib.separable_blobs(10, seed=-1), "seed"),
    (lambda: ib.max_margin(np.zeros((3, 2)), np.array([1.0, -1, 1])), "X"),
    (lambda: ib.max_margin(np.ones((3, 2)), np.array([1.0, 0, 1])), "y"),
    (lambda: ib.logistic_gradient_descent(np.eye(2), [1, -1], 0.0, 10, [1, 0]), "lr"),
    (lambda: ib.logistic_gradient_descent(np.eye(2), [1, -1], 0.1, 0, [1, 0]), "steps"),
    (lambda: ib.angle_degrees([0, 0], [1, 0]), "zero vector"),
])
def test_bad_arguments_name_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()
