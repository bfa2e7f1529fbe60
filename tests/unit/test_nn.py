"""The network engine: backprop against central differences, losses, init, diagnostics."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.activations import ACTIVATIONS
from helpers.nn import (
    BINARY_CROSS_ENTROPY,
    INIT_SCHEMES,
    LOSSES,
    SOFTMAX_CROSS_ENTROPY,
    SQUARED_ERROR,
    Gradients,
    Network,
    clip_by_norm,
    gradient_check,
    init_std,
    layer_statistics,
    loss_and_gradients,
    numerical_gradients,
    softmax,
)

# A gradient array passes when ‖g − g_num‖ ≤ RTOL·max(‖g‖, ‖g_num‖) + ATOL.
# Central differences with h = 1e-6 in float64 have truncation error ~h²·|J'''| ≈ 1e-12
# and round-off ~ε·|J|/h ≈ 2e-10·|J| per entry; the absolute floor ATOL covers the
# round-off for tiny gradients (deep sigmoid layers), RTOL the rest. A missing term
# (a factor f', the 1/m, a bias sum) changes a gradient by tens of per cent.
RTOL, ATOL, H = 1e-5, 1e-7, 1e-6


def gradient_mismatches(grads: Gradients, numeric: Gradients) -> list[str]:
    bad = []
    for name, analytic, approx in [
        *[(f"W{l + 1}", g, n) for l, (g, n) in enumerate(zip(grads.weights, numeric.weights))],
        *[(f"b{l + 1}", g, n) for l, (g, n) in enumerate(zip(grads.biases, numeric.biases))],
    ]:
        err = np.linalg.norm(analytic - approx)
        scale = max(np.linalg.norm(analytic), np.linalg.norm(approx))
        if err > RTOL * scale + ATOL:
            bad.append(f"{name}: error {err:.2e} for norm {scale:.2e}")
    return bad


def random_problem(seed, sizes, hidden, loss_name, batch):
    rng = np.random.default_rng(seed)
    loss = LOSSES[loss_name]
    if loss is SQUARED_ERROR:
        output = ["identity", "sigmoid", "tanh"][seed % 3]
    else:
        output = "identity"
    net = Network(sizes, hidden, output, init="xavier", seed=seed)
    # Random biases too, so no weighted sum sits exactly on a ReLU kink.
    for b in net.biases:
        b[:] = rng.normal(0, 0.5, size=b.shape)
    X = rng.normal(size=(batch, sizes[0]))
    if loss is SOFTMAX_CROSS_ENTROPY:
        y = rng.integers(0, sizes[-1], size=batch)
    elif loss is BINARY_CROSS_ENTROPY:
        y = rng.integers(0, 2, size=(batch, sizes[-1]))
    else:
        y = rng.normal(size=(batch, sizes[-1]))
    return net, X, y, loss


@st.composite
def problems(draw):
    depth = draw(st.integers(1, 4))
    hidden_widths = draw(st.lists(st.integers(1, 6), min_size=depth - 1, max_size=depth - 1))
    loss_name = draw(st.sampled_from(sorted(LOSSES)))
    n_in = draw(st.integers(1, 5))
    n_out = draw(st.integers(2, 4)) if loss_name == "softmax_cross_entropy" else draw(st.integers(1, 3))
    hidden = draw(st.lists(st.sampled_from(sorted(ACTIVATIONS)), min_size=depth - 1, max_size=depth - 1))
    batch = draw(st.integers(1, 9))
    seed = draw(st.integers(0, 2**16))
    return random_problem(seed, [n_in, *hidden_widths, n_out], hidden, loss_name, batch)


@given(problems())
@settings(max_examples=120, deadline=None)
def test_backprop_matches_central_differences(problem):
    net, X, y, loss = problem
    _, grads, _ = loss_and_gradients(net, X, y, loss)
    numeric = numerical_gradients(net, X, y, loss, h=H)
    assert gradient_mismatches(grads, numeric) == []


def broken_backward_without_hidden_slope(net, X, y, loss):
    """Backprop that forgets the factor f'(Z) of the hidden layers (a classic slip)."""
    output, cache = net.forward(X)
    delta = loss.gradient(output, y)
    dW, db = [None] * net.n_layers, [None] * net.n_layers
    for l in reversed(range(net.n_layers)):
        dW[l], db[l] = cache.A[l].T @ delta, delta.sum(axis=0)
        if l > 0:
            delta = delta @ net.weights[l].T
    return Gradients(dW, db)


def test_the_check_catches_missing_terms():
    net, X, y, loss = random_problem(3, [3, 5, 4, 2], ["sigmoid", "tanh"], "softmax_cross_entropy", 6)
    numeric = numerical_gradients(net, X, y, loss, h=H)
    _, good, _ = loss_and_gradients(net, X, y, loss)
    assert gradient_mismatches(good, numeric) == []
    # 1. The activation slope f'(Z) left out of the hidden layers' δ.
    assert gradient_mismatches(broken_backward_without_hidden_slope(net, X, y, loss), numeric)
    # 2. The 1/m of the mean left out.
    no_mean = Gradients([g * len(X) for g in good.weights], [g * len(X) for g in good.biases])
    assert gradient_mismatches(no_mean, numeric)
    # 3. The bias gradient taken from the first example instead of summed over the batch.
    first_only = Gradients(good.weights, [d[0] for d in good.deltas])
    assert gradient_mismatches(first_only, numeric)


def test_check_passes_for_tiny_gradients_of_a_deep_sigmoid_net():
    # 8 sigmoid layers: the first layer's gradient is orders of magnitude below the last.
    net, X, y, loss = random_problem(5, [2] + [6] * 8 + [1], ["sigmoid"] * 8, "binary_cross_entropy", 5)
    _, grads, _ = loss_and_gradients(net, X, y, loss)
    assert np.linalg.norm(grads.weights[0]) < 1e-3 * np.linalg.norm(grads.weights[-1])
    assert gradient_mismatches(grads, numerical_gradients(net, X, y, loss, h=H)) == []


def test_gradient_check_reports_small_relative_errors():
    net, X, y, loss = random_problem(11, [2, 3, 1], ["sigmoid"], "squared_error", 4)
    errors = gradient_check(net, X, y, loss)
    assert set(errors) == {"W1", "b1", "W2", "b2"}
    assert max(errors.values()) < 1e-7


# ---------------------------------------------------------------------------
# Losses
# ---------------------------------------------------------------------------


def test_softmax_cross_entropy_finite_and_exact_at_logits_1000():
    Z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 1000.0], [1000.0, 1000.0, 1000.0]])
    y = np.array([1, 0, 2])
    # −log softmax(z)_y = log Σ e^z − z_y: 2000, 2000 + log 2, log 3.
    expected = np.mean([2000.0, 2000.0 + np.log(2.0), np.log(3.0)])
    assert SOFTMAX_CROSS_ENTROPY.value(Z, y) == pytest.approx(expected, rel=1e-14)
    g = SOFTMAX_CROSS_ENTROPY.gradient(Z, y)
    assert np.all(np.isfinite(g))
    np.testing.assert_allclose(g.sum(axis=1), 0.0, atol=1e-15)  # softmax − one-hot sums to 0
    np.testing.assert_allclose(g[0], np.array([1.0, -1.0, 0.0]) / 3, atol=1e-15)


def test_binary_cross_entropy_finite_and_exact_at_logits_1000():
    Z = np.array([[1000.0], [-1000.0], [1000.0], [-1000.0]])
    y = np.array([1, 1, 0, 0])
    # log(1 + e^z) − y z: 0, 1000, 1000, 0 (to within e^(−1000)).
    assert BINARY_CROSS_ENTROPY.value(Z, y) == pytest.approx(500.0, rel=1e-15)
    g = BINARY_CROSS_ENTROPY.gradient(Z, y)
    np.testing.assert_allclose(g[:, 0], np.array([0.0, -1.0, 1.0, 0.0]) / 4, atol=1e-15)


def test_losses_agree_with_textbook_formulas_for_moderate_logits():
    rng = np.random.default_rng(0)
    Z = rng.normal(0, 3, size=(20, 4))
    labels = rng.integers(0, 4, size=20)
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    textbook = -np.mean(np.log(P[np.arange(20), labels]))
    assert SOFTMAX_CROSS_ENTROPY.value(Z, labels) == pytest.approx(textbook, rel=1e-12)
    np.testing.assert_allclose(softmax(Z), P, rtol=1e-12)

    z = Z[:, :1]
    t = rng.integers(0, 2, size=20)
    s = 1 / (1 + np.exp(-z[:, 0]))
    bce = -np.mean(t * np.log(s) + (1 - t) * np.log(1 - s))
    assert BINARY_CROSS_ENTROPY.value(z, t) == pytest.approx(bce, rel=1e-12)

    yhat, yv = rng.normal(size=(20, 2)), rng.normal(size=(20, 2))
    assert SQUARED_ERROR.value(yhat, yv) == pytest.approx(np.sum((yhat - yv) ** 2) / 40, rel=1e-12)


def test_accuracy_and_targets():
    Z = np.array([[2.0, 1.0], [0.0, 3.0], [5.0, -1.0]])
    assert SOFTMAX_CROSS_ENTROPY.accuracy(Z, np.array([0, 1, 1])) == pytest.approx(2 / 3)
    assert BINARY_CROSS_ENTROPY.accuracy(np.array([[0.3], [-0.2]]), np.array([1, 1])) == 0.5
    assert SQUARED_ERROR.accuracy(Z, Z) is None
    with pytest.raises(ValueError, match="class labels"):
        SOFTMAX_CROSS_ENTROPY.value(Z, np.array([0, 2, 1]))


# ---------------------------------------------------------------------------
# Initialisation, symmetry, dtypes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", INIT_SCHEMES)
def test_initial_weights_have_the_stated_spread(scheme):
    net = Network([400, 300, 10], init=scheme, scale=0.5, seed=1)
    for W in net.weights:
        n_in, n_out = W.shape
        expected = init_std(scheme, n_in, n_out, 0.5)
        assert np.std(W) == pytest.approx(expected, rel=0.05, abs=1e-12)
    assert all(np.all(b == 0) for b in net.biases)


def test_init_std_formulas():
    assert init_std("xavier", 30, 10) == pytest.approx(np.sqrt(2 / 40))
    assert init_std("he", 30, 10, scale=2.0) == pytest.approx(2 * np.sqrt(2 / 30))
    assert init_std("normal", 30, 10, scale=0.3) == 0.3
    with pytest.raises(ValueError, match="choose one of"):
        init_std("lecun", 3, 3)


def test_same_seed_same_weights_different_seed_different_weights():
    a, b, c = (Network([3, 4, 2], seed=s) for s in (7, 7, 8))
    assert all(np.array_equal(x, y) for x, y in zip(a.parameters(), b.parameters()))
    assert not np.array_equal(a.weights[0], c.weights[0])


def train_plain(net, X, y, loss, lr, steps):
    for _ in range(steps):
        _, grads, _ = loss_and_gradients(net, X, y, loss)
        net.set_parameters([p - lr * g for p, g in zip(net.parameters(), grads.as_list())])


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu"])
def test_zero_initialisation_keeps_hidden_units_identical(hidden):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 2)), rng.normal(size=30)
    net = Network([2, 3, 1], hidden, "identity", init="zeros")
    train_plain(net, X, y, SQUARED_ERROR, lr=0.5, steps=200)
    W1, W2 = net.weights
    # Every hidden unit has the same incoming weights, bias and outgoing weight.
    assert np.allclose(W1, W1[:, :1], rtol=0, atol=0)
    assert np.allclose(net.biases[0], net.biases[0][0], rtol=0, atol=0)
    assert np.allclose(W2, W2[0], rtol=0, atol=0)
    if hidden == "sigmoid":  # σ(0) = ½ feeds the output layer, so its weights do move
        assert not np.allclose(W2, 0)
    else:  # tanh(0) = ReLU(0) = 0: the hidden units send nothing, nothing but b² moves
        assert np.all(W1 == 0) and np.all(W2 == 0)


def test_random_initialisation_breaks_the_symmetry():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 2)), rng.normal(size=30)
    net = Network([2, 3, 1], "sigmoid", "identity", init="normal", scale=0.5, seed=0)
    train_plain(net, X, y, SQUARED_ERROR, lr=0.5, steps=200)
    W1 = net.weights[0]
    assert np.min(np.abs(W1[:, :, None] - W1[:, None, :]).sum(axis=0) + np.eye(3)) > 1e-2


def test_float32_network_stays_float32_and_agrees_with_float64():
    net64, X, y, loss = random_problem(4, [4, 8, 3], ["tanh"], "softmax_cross_entropy", 16)
    net32 = Network([4, 8, 3], "tanh", "identity", dtype=np.float32)
    net32.set_parameters(net64.parameters())
    J32, g32, out32 = loss_and_gradients(net32, X, y, loss)
    J64, g64, _ = loss_and_gradients(net64, X, y, loss)
    assert out32.dtype == np.float32
    assert all(g.dtype == np.float32 for g in g32.as_list())
    assert J32 == pytest.approx(J64, rel=1e-5)
    for a, b in zip(g32.as_list(), g64.as_list()):
        np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-5)


def test_bad_shapes_and_options_give_clear_messages():
    with pytest.raises(ValueError, match="at least an input and an output"):
        Network([3])
    with pytest.raises(ValueError, match="one activation per hidden layer"):
        Network([2, 3, 3, 1], ["tanh"])
    with pytest.raises(ValueError, match="float64 or float32"):
        Network([2, 1], dtype=np.int64)
    with pytest.raises(ValueError, match=r"shape \(m, 2\)"):
        Network([2, 1]).forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match="scale"):
        Network([2, 1], scale=float("nan"))


def test_copy_is_independent():
    net = Network([2, 3, 1], seed=1)
    clone = net.copy()
    clone.weights[0][0, 0] += 1.0
    assert net.weights[0][0, 0] != clone.weights[0][0, 0]
    assert repr(net) == "Network(2-3-1, tanh/identity, float64)"


# ---------------------------------------------------------------------------
# Diagnostics
# ---------------------------------------------------------------------------


def test_clip_by_norm_bounds_the_norm_and_keeps_the_direction():
    net, X, y, loss = random_problem(2, [3, 4, 2], ["tanh"], "squared_error", 5)
    _, grads, _ = loss_and_gradients(net, X, y, loss)
    norm = grads.norm()
    flat = np.concatenate([g.ravel() for g in grads.as_list()])
    assert norm == pytest.approx(np.linalg.norm(flat))
    clipped, before = clip_by_norm(grads, norm / 10)
    assert before == pytest.approx(norm)
    assert clipped.norm() == pytest.approx(norm / 10)
    flat_clipped = np.concatenate([g.ravel() for g in clipped.as_list()])
    np.testing.assert_allclose(flat_clipped, flat / 10)
    same, _ = clip_by_norm(grads, 2 * norm)
    assert same is grads
    with pytest.raises(ValueError, match="> 0"):
        clip_by_norm(grads, 0)


def test_layer_statistics_see_dead_and_saturated_units():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    net = Network([3, 4, 4, 1], ["sigmoid", "relu"], "identity", seed=0)
    net.weights[0] *= 200.0  # sigmoid layer driven deep into its flat tails
    net.biases[1][:2] = -100.0  # two ReLU units that never fire
    output, cache = net.forward(X)
    grads = net.backward(cache, SQUARED_ERROR.gradient(output, np.zeros(50)))
    sigmoid_stats, relu_stats, out_stats = layer_statistics(net, cache, grads)
    assert relu_stats.dead_fraction == pytest.approx(0.5, abs=0.25)  # ≥ the two forced units
    assert relu_stats.dead_fraction >= 0.5
    assert sigmoid_stats.saturated_fraction > 0.9
    assert out_stats.saturated_fraction == 0.0 and out_stats.dead_fraction == 0.0
    assert sigmoid_stats.weight_gradient_norm == pytest.approx(np.linalg.norm(grads.weights[0]))
    assert relu_stats.activation_mean == pytest.approx(np.mean(cache.A[2]))
    assert [s.layer for s in (sigmoid_stats, relu_stats, out_stats)] == [1, 2, 3]


@given(problems())
@settings(max_examples=60, deadline=None)
def test_value_and_gradient_is_value_and_gradient_bit_for_bit(problem):
    net, X, y, loss = problem
    output = net.output(X)
    J, dJ = loss.value_and_gradient(output, y)
    assert J == loss.value(output, y)
    assert np.array_equal(dJ, loss.gradient(output, y))


def test_fused_softmax_cross_entropy_handles_soft_targets_and_huge_logits():
    Z = np.array([[1000.0, -1000.0, 0.0], [0.5, 0.25, -2.0]])
    Y = np.array([[0.2, 0.3, 0.5], [0.0, 1.0, 0.0]])  # a soft target and a one-hot row
    J, dJ = SOFTMAX_CROSS_ENTROPY.value_and_gradient(Z, Y)
    expected = np.mean(
        [np.log(np.sum(np.exp(Z[i] - Z[i].max()))) * Y[i].sum() + Z[i].max() * Y[i].sum()
         - Y[i] @ Z[i] for i in range(2)])
    assert np.isfinite(J) and J == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(dJ, (softmax(Z) * Y.sum(axis=1, keepdims=True) - Y) / 2, rtol=1e-14)


@given(problems())
@settings(max_examples=40, deadline=None)
def test_passes_leave_their_inputs_and_cache_untouched(problem):
    # The forward and backward passes work in place on their own buffers only.
    net, X, y, loss = problem
    X_before = X.copy()
    output, cache = net.forward(X)
    assert np.array_equal(output, net.output(X))
    saved = [a.copy() for a in cache.A] + [z.copy() for z in cache.Z]
    dJ = loss.gradient(output, y)
    dJ_before = dJ.copy()
    net.backward(cache, dJ)
    assert np.array_equal(X, X_before) and np.array_equal(dJ, dJ_before)
    assert all(np.array_equal(a, b) for a, b in zip(cache.A + cache.Z, saved))
