"""Backpropagation through batch normalisation (notebook 06 §8), and the other numbers 06 states."""
import numpy as np
import pytest

from helpers import gradient_flow as gf
from helpers.datasets import circles
from helpers.nn import get_loss


@pytest.fixture(scope="module")
def data():
    return circles(200, seed=0)


def _normalised_loss(net, X, y, residual):
    """The forward pass of gf.normalised_flow, written out again, for finite differences."""
    loss = get_loss("binary_cross_entropy")
    A = np.asarray(X, dtype=float)
    for W, b, f in zip(net.weights[:-1], net.biases[:-1], net.activations[:-1]):
        Z = A @ W + b
        H = f.f((Z - Z.mean(axis=0)) / Z.std(axis=0))
        A = H + A if residual and A.shape[1] == W.shape[1] else H
    return loss.value(A @ net.weights[-1] + net.biases[-1], loss.targets(y, 1))


@pytest.mark.parametrize("residual", [False, True])
@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
def test_weight_gradients_match_central_differences(data, residual, activation):
    X, y = data
    net = gf.make_network(4, 6, activation, "Xavier/Glorot", seed=3)
    X, y = X[:40], y[:40]
    flow = gf.normalised_flow(net, X, y, residual=residual)
    rng = np.random.default_rng(0)
    for l, W in enumerate(net.weights):
        direction = rng.normal(size=W.shape)
        h = 1e-6
        W += h * direction
        up = _normalised_loss(net, X, y, residual)
        W -= 2 * h * direction
        down = _normalised_loss(net, X, y, residual)
        W += h * direction
        numeric = (up - down) / (2 * h)
        # the analytic directional derivative needs the full gradient: recompute it per layer
        analytic = np.sum(_weight_gradient(net, X, y, residual, l) * direction)
        assert analytic == pytest.approx(numeric, rel=1e-5, abs=1e-10)
    assert flow.weight_gradient_norms.shape == (net.n_layers,)


def _weight_gradient(net, X, y, residual, layer):
    """∂J/∂W of one layer, by central differences entry by entry (small nets only)."""
    W = net.weights[layer]
    grad = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        old = W[index]
        W[index] = old + 1e-6
        up = _normalised_loss(net, X, y, residual)
        W[index] = old - 1e-6
        down = _normalised_loss(net, X, y, residual)
        W[index] = old
        grad[index] = (up - down) / 2e-6
    return grad


def test_weight_gradient_norms_equal_the_entrywise_differences(data):
    X, y = data
    X, y = X[:30], y[:30]
    for residual in (False, True):
        net = gf.make_network(3, 5, "tanh", "small normal", seed=1)
        flow = gf.normalised_flow(net, X, y, residual=residual)
        numeric = [np.linalg.norm(_weight_gradient(net, X, y, residual, l)) for l in range(net.n_layers)]
        np.testing.assert_allclose(flow.weight_gradient_norms, numeric, rtol=1e-5)


def test_normalised_loss_ignores_the_scale_of_a_hidden_weight_matrix(data):
    X, y = data
    net = gf.make_network(5, 8, "tanh", "Xavier/Glorot", seed=0)
    before = gf.normalised_flow(net, X, y)
    net.weights[2] *= 7.0
    after = gf.normalised_flow(net, X, y)
    assert after.loss == pytest.approx(before.loss, rel=1e-10)
    assert after.weight_gradient_norms[2] == pytest.approx(before.weight_gradient_norms[2] / 7, rel=1e-8)


# -- the numbers notebook 06 §8 prints ------------------------------------------------------

SETUPS = [("tanh", "small normal"), ("tanh", "Xavier/Glorot"), ("relu", "He/Kaiming"), ("sigmoid", "small normal")]


@pytest.mark.parametrize("act, init", SETUPS)
def test_normalisation_makes_the_gradient_grow_towards_the_input(data, act, init):
    X, y = data
    at_10 = gf.normalised_flow(gf.make_network(10, 32, act, init, seed=0), X, y).first_to_last
    at_30 = gf.normalised_flow(gf.make_network(30, 32, act, init, seed=0), X, y).first_to_last
    assert 5 < at_10 < 20
    assert 80 < at_30 < 1000


def test_with_skip_connections_the_growth_is_smaller_but_still_there(data):
    X, y = data
    for depth, low, high in [(10, 4, 9), (30, 8, 50)]:
        for act, init in SETUPS:
            net = gf.make_network(depth, 32, act, init, seed=0)
            plain = gf.normalised_flow(net, X, y).first_to_last
            skip = gf.normalised_flow(net, X, y, residual=True).first_to_last
            assert low < skip < high and skip < plain


# -- other numbers notebook 06 states ---------------------------------------------------------

def test_relu_second_moment_is_half_the_variance_of_its_input():
    # z ~ N(0, 1): E[ReLU(z)²] = 1/2, Var ReLU(z) = 1/2 − 1/(2π) (mean 1/√(2π))
    z = np.random.default_rng(0).standard_normal(1_000_000)
    a = np.maximum(z, 0)
    assert np.mean(a**2) == pytest.approx(0.5, abs=0.002)
    assert a.var() == pytest.approx(0.5 - 1 / (2 * np.pi), abs=0.002)
    assert 1 / a.var() == pytest.approx(2.93, abs=0.02)


def test_the_bound_guarantees_4_over_the_spectral_norm_and_the_measurement_is_about_8(data):
    X, y = data
    net = gf.make_network(10, 32, "sigmoid", "small normal", seed=0)
    spectral = np.array([np.linalg.norm(W, 2) for W in net.weights[1:-1]])  # the 32×32 matrices
    assert 4 / spectral.max() == pytest.approx(3.5, abs=0.05)
    assert 4 / spectral.min() == pytest.approx(3.9, abs=0.05)
    per_layer = gf.flow_snapshot(net, X, y).first_to_last ** (-1 / 9)
    assert per_layer == pytest.approx(7.9, abs=0.04)
    assert per_layer > 4 / spectral.min()


def test_sigmoid_xavier_vanishes_and_a_gain_of_4_undoes_most_of_it(data):
    X, y = data
    plain = gf.flow_snapshot(gf.make_network(10, 32, "sigmoid", "Xavier/Glorot", seed=0), X, y).first_to_last
    gained = gf.flow_snapshot(gf.make_network(10, 32, "sigmoid", "Xavier/Glorot", gain=4.0, seed=0), X, y).first_to_last
    assert plain < 1e-5 and 1e-2 < gained < 1e-1


def test_deep_sigmoid_last_hidden_layer_is_practically_constant(data):
    X, y = data
    snap = gf.flow_snapshot(gf.make_network(10, 32, "sigmoid", "small normal", seed=0), X, y)
    assert snap.hidden_outputs[-1].std(axis=0).max() < 0.6e-8  # printed as "< 1e-8"


@pytest.mark.parametrize("shift, seed, layer2_before, layer2_after",
                         [(-1.0, 0, 0.9375, 0.78125), (-1.0, 1, 0.90625, 0.71875),
                          (-0.8, 0, 0.75, 0.625), (-0.8, 1, 0.78125, 0.65625)])
def test_dead_units_of_layer_2_revive_and_those_of_layer_1_never(data, shift, seed, layer2_before, layer2_after):
    X, y = data
    r = gf.dead_unit_experiment("relu", X, y, lr=0.3, steps=1000, bias_shift=shift, seed=seed)
    assert r.dead_after[0] == r.dead_before[0]
    assert r.dead_before[1] == layer2_before and r.dead_after[1] == layer2_after
