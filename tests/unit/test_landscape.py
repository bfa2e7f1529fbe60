"""Loss landscapes: filter normalisation, the slice's origin, rescaling invariance, PCA, the line."""
import numpy as np
import pytest

from helpers import landscape as ls
from helpers.datasets import two_moons
from helpers.nn import Network, get_loss


@pytest.fixture(scope="module")
def trained():
    X, y = two_moons(60, seed=0)
    net = Network([2, 8, 6, 2], "relu", "identity", init="he", seed=0)
    return ls.train_with_path(net, X, y, "softmax_cross_entropy", epochs=20, lr=0.2, seed=0)


def test_flatten_and_unflatten_round_trip(trained):
    theta = ls.flatten(trained.net)
    back = ls.unflatten(trained.net, theta)
    for p, q in zip(trained.net.parameters(), back):
        assert np.array_equal(p, q)


def test_filter_normalised_direction_has_the_trained_filter_norms(trained):
    d = ls.unflatten(trained.net, ls.filter_normalised_direction(trained.net, seed=3))
    for l, W in enumerate(trained.net.weights):
        assert np.allclose(np.linalg.norm(d[2 * l], axis=0), np.linalg.norm(W, axis=0), rtol=1e-12)
        assert np.all(d[2 * l + 1] == 0)  # bias directions are zero (Li et al.)


def test_losses_at_matches_the_network_evaluated_point_by_point(trained):
    net, X, y = trained.net, trained.X, trained.y
    D = np.stack([ls.filter_normalised_direction(net, 1), ls.random_direction(net, 2) * 0.1])
    coords = np.array([[0.0, 0.0], [0.3, -0.2], [-1.0, 0.5], [0.7, 0.9], [0.1, 0.1]])
    fast = ls.losses_at(net, X, y, "softmax_cross_entropy", ls.flatten(net), D, coords, chunk=2)
    loss = get_loss("softmax_cross_entropy")
    for (a, b), J in zip(coords, fast):
        probe = net.copy()
        probe.set_parameters(ls.unflatten(net, ls.flatten(net) + a * D[0] + b * D[1]))
        assert J == pytest.approx(loss.value(probe.output(X), y), rel=1e-10)


def test_generic_loss_path_agrees_with_the_softmax_shortcut(trained):
    net, X, y = trained.net, trained.X, trained.y
    D = np.stack([ls.filter_normalised_direction(net, 1), ls.filter_normalised_direction(net, 2)])
    coords = np.array([[0.2, 0.4], [-0.5, 0.1]])
    soft = get_loss("softmax_cross_entropy")
    Y_soft = soft.targets(y, 2) * 0.9 + 0.05  # not one-hot: forces the generic path
    generic = ls.losses_at(net, X, Y_soft, soft, ls.flatten(net), D, coords)
    for (a, b), J in zip(coords, generic):
        probe = net.copy()
        probe.set_parameters(ls.unflatten(net, ls.flatten(net) + a * D[0] + b * D[1]))
        assert J == pytest.approx(soft.value(probe.output(X), Y_soft), rel=1e-10)


def test_slice_origin_is_the_trained_loss(trained):
    net = trained.net
    D = np.stack([ls.filter_normalised_direction(net, 1), ls.filter_normalised_direction(net, 2)])
    s = ls.loss_slice(net, trained.X, trained.y, "softmax_cross_entropy", D, points=11)
    trained_loss = get_loss("softmax_cross_entropy").value(net.output(trained.X), trained.y)
    assert s.centre_loss == pytest.approx(trained_loss, rel=1e-12)
    assert s.losses[5, 5] == pytest.approx(trained_loss, rel=1e-12)
    assert trained_loss == pytest.approx(trained.losses[-1], rel=1e-12)
    low, a, b = s.lowest()
    assert low == s.losses.min() and low <= s.centre_loss
    assert s.losses[list(s.b).index(b), list(s.a).index(a)] == low


def _rescaled(net, c):
    """Layer 1's weights and biases times c, layer 2's weights divided by c: the same ReLU function."""
    other = net.copy()
    other.weights[0] = net.weights[0] * c
    other.biases[0] = net.biases[0] * c
    other.weights[1] = net.weights[1] / c
    return other


def test_relu_rescaling_leaves_the_function_and_the_normalised_slice_unchanged(trained):
    net, X, y = trained.net, trained.X, trained.y
    other = _rescaled(net, 7.0)
    assert np.allclose(other.output(X), net.output(X), rtol=1e-12, atol=1e-12)

    def normalised_slice(n):
        D = np.stack([ls.filter_normalised_direction(n, 1), ls.filter_normalised_direction(n, 2)])
        return ls.loss_slice(n, X, y, "softmax_cross_entropy", D, points=9).losses

    assert np.allclose(normalised_slice(other), normalised_slice(net), rtol=1e-9)

    def raw_slice(n):  # the same Gaussian numbers, without normalisation
        D = np.stack([ls.random_direction(n, 1), ls.random_direction(n, 2)]) * 0.3
        return ls.loss_slice(n, X, y, "softmax_cross_entropy", D, points=9).losses

    assert not np.allclose(raw_slice(other), raw_slice(net), rtol=1e-2)


def test_line_losses_ends_are_the_initial_and_trained_losses(trained):
    J = ls.line_losses(trained.net, trained.X, trained.y, "softmax_cross_entropy",
                       trained.trajectory[0], trained.trajectory[-1], [0.0, 0.5, 1.0])
    assert J[0] == pytest.approx(trained.losses[0], rel=1e-10)
    assert J[2] == pytest.approx(trained.losses[-1], rel=1e-10)


def test_pca_directions_are_orthonormal_and_project_the_path(trained):
    p = ls.pca_directions(trained.trajectory)
    assert np.allclose(p.directions @ p.directions.T, np.eye(2), atol=1e-12)
    assert np.all(p.explained > 0) and p.explained.sum() <= 1 + 1e-12
    assert np.allclose(p.path_coords[-1], 0)
    expected = (trained.trajectory - trained.trajectory[-1]) @ p.directions.T
    assert np.allclose(p.path_coords, expected)
    assert np.all(p.path_coords[0] >= 0)


def test_pca_of_a_path_in_a_plane_explains_everything():
    rng = np.random.default_rng(0)
    basis = np.linalg.qr(rng.standard_normal((30, 2)))[0].T
    path = rng.standard_normal((12, 2)) @ basis
    p = ls.pca_directions(path)
    assert p.explained.sum() == pytest.approx(1.0)


def test_slice_cache_computes_once():
    cache = ls.SliceCache(max_entries=2)
    calls = []
    for key in ["a", "a", "b", "a", "c"]:
        cache.get(key, lambda: calls.append(key) or key)
    assert calls == ["a", "b", "c"] and len(cache) == 2 and "a" not in cache


@pytest.mark.parametrize("call, name", [
    (lambda net: ls.filter_normalised_direction(net, seed=-1), "seed"),
    (lambda net: ls.unflatten(net, np.zeros(3)), "theta"),
    (lambda net: ls.loss_slice(net, np.zeros((2, 2)), [0, 1], "softmax_cross_entropy",
                               np.zeros((2, net.n_parameters)), points=1), "points"),
    (lambda net: ls.loss_slice(net, np.zeros((2, 2)), [0, 1], "softmax_cross_entropy",
                               np.zeros((2, net.n_parameters)), span=(1, 0, 0, 1)), "span"),
    (lambda net: ls.loss_slice(net, np.zeros((2, 2)), [0, 1], "softmax_cross_entropy",
                               np.zeros((3, net.n_parameters))), "directions"),
    (lambda net: ls.losses_at(net, np.zeros((2, 2)), [0, 1], "softmax_cross_entropy",
                              ls.flatten(net), np.zeros((1, net.n_parameters)), np.zeros((1, 1)), chunk=0), "chunk"),
    (lambda net: ls.pca_directions(np.zeros((2, 5))), "trajectory"),
    (lambda net: ls.digits_run(hidden=()), "hidden"),
])
def test_bad_arguments_name_the_argument(call, name):
    net = Network([2, 3, 2], "relu", seed=0)
    with pytest.raises(ValueError, match=name):
        call(net)
