"""What notebook 05 states, recomputed the way the notebook does it and checked."""
import numpy as np
import pytest

from helpers.activations import sigmoid
from helpers.calculus import relative_error
from helpers.checks import check_backward_2_3_1, check_output_delta
from helpers.datasets import load_sleep_study, two_moons
from helpers.nn import BINARY_CROSS_ENTROPY, Network, loss_and_gradients
from helpers.training import Trainer, batch_size_for


@pytest.fixture(scope="module")
def sleep():
    hours, scores = load_sleep_study()
    return hours / hours.max(axis=0), scores[:, None] / 100


def hand_backward(X, y, W1, b1, W2, b2):
    """Section 5 of the notebook, line by line."""
    m = len(X)
    A1 = sigmoid.f(X @ W1 + b1)
    y_hat = sigmoid.f(A1 @ W2 + b2)
    delta2 = (y_hat - y) / m * y_hat * (1 - y_hat)
    delta1 = (delta2 @ W2.T) * A1 * (1 - A1)
    return X.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)


def test_hand_written_backward_matches_central_differences_to_1e_7(sleep):
    X, y = sleep
    rng = np.random.default_rng(0)
    params = [rng.normal(size=(2, 3)), np.zeros(3), rng.normal(size=(3, 1)), np.zeros(1)]

    def loss(W1, b1, W2, b2):
        return np.sum((sigmoid.f(sigmoid.f(X @ W1 + b1) @ W2 + b2) - y) ** 2) / (2 * len(X))

    grads = hand_backward(X, y, *params)
    h, gaps = 1e-6, []
    for analytic, param in zip(grads, params):
        numeric = np.zeros_like(param)
        for i in np.ndindex(param.shape):
            old = param[i]
            param[i] = old + h
            up = loss(*params)
            param[i] = old - h
            down = loss(*params)
            param[i] = old
            numeric[i] = (up - down) / (2 * h)
        # Notebook 05 prints "< 1e-8"; a factor 5 of margin for other CPUs' round-off.
        assert relative_error(analytic, numeric) <= 2e-9
        # …and "largest entry difference < 1e-10", with the same margin.
        gaps.append(np.max(np.abs(analytic - numeric)))
        assert gaps[-1] <= 2e-11
    # …and the engine returns the same gradients.
    net = Network([2, 3, 1], "sigmoid", "sigmoid")
    net.set_parameters(params)
    _, engine, _ = loss_and_gradients(net, X, y, "squared_error")
    for a, b in zip(engine.as_list(), grads):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-16)


def test_training_the_2_3_1_network_lowers_the_loss_and_random_beats_zero(sleep):
    X, y = sleep
    zero = Trainer(Network([2, 3, 1], "sigmoid", "sigmoid", init="zeros"), X, y, "squared_error", lr=2.0)
    random = Trainer(Network([2, 3, 1], "sigmoid", "sigmoid", init="normal", seed=1), X, y,
                     "squared_error", lr=2.0)
    zero.run(3000)
    random.run(3000)
    W1 = zero.net.weights[0]
    assert np.all(W1 == W1[:, :1])
    assert not np.allclose(random.net.weights[0], random.net.weights[0][:, :1])
    assert random.history.epoch_losses[-1] < zero.history.epoch_losses[-1]
    assert random.history.epoch_losses[-1] < random.history.epoch_losses[0] / 10


def test_cross_entropy_at_logits_1000_is_finite_and_exact():
    assert BINARY_CROSS_ENTROPY.value(np.array([[1000.0]]), np.array([0])) == 1000.0
    assert BINARY_CROSS_ENTROPY.value(np.array([[-1000.0]]), np.array([1])) == 1000.0
    assert BINARY_CROSS_ENTROPY.value(np.array([[1000.0]]), np.array([1])) == 0.0


def test_output_delta_of_sigmoid_cross_entropy_is_prediction_minus_target():
    z = np.array([[0.3], [-2.0], [4.0]])
    y = np.array([[1.0], [0.0], [0.0]])
    np.testing.assert_allclose(BINARY_CROSS_ENTROPY.gradient(z, y), (sigmoid.f(z) - y) / 3)


def test_moons_network_learns_a_curved_boundary():
    X, y = two_moons(n=200, noise=0.15, seed=0)
    t = Trainer(Network([2, 16, 16, 1], "tanh", "identity", seed=0), X, y, "binary_cross_entropy",
                lr=0.05, batch_size=16, seed=0)
    t.run(300)
    losses = np.array(t.history.epoch_losses)
    # A plateau near the best straight boundary first (≈ 0.3), then the drop.
    assert 0.25 < losses[20] < 0.35
    assert losses[-1] < 0.1 and t.history.epoch_accuracies[-1] >= 0.95


def test_per_epoch_smaller_batches_lower_the_loss_faster():
    X, y = two_moons(n=200, noise=0.15, seed=0)
    final = {}
    for mode in ("full batch", "mini-batch", "stochastic"):
        net = Network([2, 16, 16, 1], "tanh", "identity", seed=0)
        t = Trainer(net, X, y, "binary_cross_entropy", lr=0.05,
                    batch_size=batch_size_for(mode, 200, 16), seed=0)
        t.run(40)
        final[mode] = t.history.epoch_losses[-1]
        assert t.updates == 40 * int(np.ceil(200 / t.batch_size))
    assert final["stochastic"] < final["mini-batch"] < final["full batch"]


def test_exercise_checks_accept_the_solutions_and_catch_slips(capsys):
    assert check_output_delta(lambda z, y: (sigmoid.f(z) - y) / len(z)).status == "correct"
    forgot_mean = check_output_delta(lambda z, y: sigmoid.f(z) - y)
    assert forgot_mean.mistake == "forgot_mean" and "1/m" in forgot_mean.message
    assert "sign" in check_output_delta(lambda z, y: (y - sigmoid.f(z)) / len(z)).message

    def not_attempted(z, y):
        raise NotImplementedError

    assert check_output_delta(not_attempted).status == "not attempted"
    assert check_backward_2_3_1(hand_backward).status == "correct"

    def no_hidden_slope(X, y, W1, b1, W2, b2):
        m = len(X)
        A1 = sigmoid.f(X @ W1 + b1)
        y_hat = sigmoid.f(A1 @ W2 + b2)
        delta2 = (y_hat - y) / m * y_hat * (1 - y_hat)
        delta1 = delta2 @ W2.T
        return X.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)

    verdict = check_backward_2_3_1(no_hidden_slope)
    assert verdict.status == "wrong" and "δ¹" in verdict.message
    transposed = lambda *a: [g.T if g.ndim == 2 else g for g in hand_backward(*a)]
    assert "shape" in check_backward_2_3_1(transposed).message
    assert check_backward_2_3_1(lambda *a: 1 / 0).status == "wrong"
    capsys.readouterr()
