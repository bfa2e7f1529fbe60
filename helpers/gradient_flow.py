"""How the gradient travels backwards through the layers: shrinking, growing, blocked.

Backpropagation multiplies, layer after layer, by a weight matrix and by the
activation's slope f'(z). For a chain of scalar units a_k = f(w_k a_{k−1}):

    ∂a_L/∂a_l = ∏_{k=l+1}^{L} f'(z_k) w_k,   so   |∂a_L/∂a_l| ≤ (max f')^(L−l) ∏ |w_k|.

For the sigmoid max σ' = 1/4, so the factor (1/4)^(L−l) makes early layers
learn slowly (vanishing); large weights make the product grow (exploding).
The same holds for matrices with the spectral norm ‖W_k‖₂ in place of |w_k|.

This module only computes; drawing lives in :mod:`helpers.plots.gradient_flow`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.activations import get_activation
from helpers.nn import Network, get_loss, layer_statistics
from helpers.training import Trainer

#: The initialisations the notebook compares: name → (scheme of :mod:`helpers.nn`, base scale).
#: "normal" draws N(0, scale²); Xavier and He scale by the fan-in/fan-out of each layer.
INITIALISATIONS = {
    "small normal": ("normal", 0.1),
    "large normal": ("normal", 1.0),
    "Xavier/Glorot": ("xavier", 1.0),
    "He/Kaiming": ("he", 1.0),
}

#: Layers whose gradient norms all lie within this factor of each other are "balanced".
BALANCED_SPREAD = 10.0
#: A first layer getting this many times less (more) gradient than the last: vanishing (exploding).
ALARM_RATIO = 100.0


# -- the activation's slope ------------------------------------------------------------


def derivative_peak(activation, z_range: tuple[float, float] = (-8.0, 8.0),
                    n: int = 16001) -> tuple[float, float]:
    """Largest slope f'(z) of an activation on a fine grid, and where it is reached.

    Parameters
    ----------
    activation : name (e.g. ``"sigmoid"``) or :class:`~helpers.activations.Activation`.
    z_range : interval searched; the default grid contains z = 0 exactly.
    n : number of grid points.

    Returns
    -------
    (max f'(z), the z where it is first reached)
    """
    act = get_activation(activation)
    zs = np.linspace(*z_range, n)
    slopes = act.df(zs)
    i = int(np.argmax(slopes))
    return float(slopes[i]), float(zs[i])


# -- a chain of scalar units: the chain rule made visible -----------------------------


def scalar_chain(weights, x0: float, activation) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward through the chain a_k = f(w_k a_{k−1}), a_0 = x0.

    Parameters
    ----------
    weights : the L weights w_1 … w_L.
    x0 : the input a_0.
    activation : name or Activation.

    Returns
    -------
    a : (L + 1,) the values a_0 … a_L.
    sensitivity : (L + 1,) ∂a_L/∂a_l for l = 0 … L (the last entry is 1).
    """
    return _chain(weights, x0, activation, skip=False)


def residual_chain(weights, x0: float, activation) -> tuple[np.ndarray, np.ndarray]:
    """The scalar chain with a skip connection: a_k = a_{k−1} + f(w_k a_{k−1}).

    Each factor of the chain rule becomes 1 + f'(z_k) w_k instead of f'(z_k) w_k,
    so small weights leave a factor near 1 (the identity path) instead of near 0.

    Returns
    -------
    a : (L + 1,) the values a_0 … a_L.
    sensitivity : (L + 1,) ∂a_L/∂a_l for l = 0 … L (the last entry is 1).
    """
    return _chain(weights, x0, activation, skip=True)


def _chain(weights, x0: float, activation, skip: bool) -> tuple[np.ndarray, np.ndarray]:
    """The scalar chain, with or without the skip connection a_{k−1} added to each unit."""
    act = get_activation(activation)
    w = np.asarray(weights, dtype=float)
    a = np.empty(len(w) + 1)
    z = np.empty(len(w))
    a[0] = x0
    with np.errstate(all="ignore"):
        for k, wk in enumerate(w):
            z[k] = wk * a[k]
            a[k + 1] = act.f(z[k]) + (a[k] if skip else 0.0)
        sensitivity = np.ones(len(w) + 1)
        for k in range(len(w) - 1, -1, -1):
            # ∂a_L/∂a_k = ∂a_L/∂a_{k+1} · (skip + f'(z_{k+1}) w_{k+1})   (0-based: z[k], w[k])
            sensitivity[k] = sensitivity[k + 1] * ((1.0 if skip else 0.0) + act.df(z[k]) * w[k])
    return a, sensitivity


def chain_bound(weight_norms, slope_max: float = 0.25) -> np.ndarray:
    """The chain-rule bound on how much of the gradient reaches each layer.

    b_l = slope_max^(L−l) · ∏_{k=l+1}^{L} ‖W_k‖  for l = 0 … L  (b_L = 1).

    For a scalar chain this bounds |∂a_L/∂a_l|; for a network whose layers
    k = l+1 … L all apply an activation with |f'| ≤ slope_max, it bounds
    ‖∂J/∂a_l‖ / ‖∂J/∂a_L‖ when ‖W_k‖ is the spectral norm.

    Parameters
    ----------
    weight_norms : the L numbers |w_k| (scalar chain) or ‖W_k‖₂ (network).
    slope_max : the activation's largest slope: 1/4 for the sigmoid, 1 for tanh.

    Returns
    -------
    (L + 1,) array of bounds, b_0 … b_L.
    """
    factors = slope_max * np.abs(np.asarray(weight_norms, dtype=float))
    with np.errstate(all="ignore"):
        # b_l = ∏_{k>l} factor_k: a reversed cumulative product.
        tail = np.cumprod(factors[::-1])[::-1]
    return np.append(tail, 1.0)


# -- the same bound for a whole network --------------------------------------------------


def network_chain_bound(net: Network) -> np.ndarray:
    """Bound on ‖δ⁽ˡ⁾‖ / ‖δ⁽ᴸ⁾‖ for l = 1 … L, where δ⁽ˡ⁾ = ∂J/∂Z⁽ˡ⁾.

    Backpropagation computes δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾ W⁽ˡ⁾ᵀ) ⊙ f'(Z⁽ˡ⁻¹⁾), so
    ‖δ⁽ˡ⁻¹⁾‖ ≤ max|f'| · ‖W⁽ˡ⁾‖₂ · ‖δ⁽ˡ⁾‖ (‖·‖₂ the spectral norm, the largest
    stretch of a matrix). Repeating from the output down gives
    (max|f'|)^(L−l) ∏_{k=l+1}^{L} ‖W⁽ᵏ⁾‖₂, with max|f'| the largest peak slope of
    the hidden activations (1/4 for the sigmoid).

    Returns
    -------
    (L,) array, entry l − 1 for layer l (the last entry is 1).
    """
    slope_max = max(derivative_peak(act)[0] for act in net.activations[:-1]) if net.n_layers > 1 else 1.0
    with np.errstate(all="ignore"):
        spectral = [np.linalg.norm(W, 2) if np.all(np.isfinite(W)) else np.inf
                    for W in net.weights[1:]]
    return chain_bound(spectral, slope_max)


def normalised_hidden_outputs(net: Network, X) -> list[np.ndarray]:
    """The hidden outputs when every z is standardised over the batch before the activation.

    z ← (z − mean) / std for each unit (the forward half of batch normalisation,
    without its learned scale and shift): whatever the weights' scale, every
    layer's activation sees inputs of mean 0 and variance 1.
    """
    A = np.asarray(X, dtype=float)
    outputs = []
    with np.errstate(all="ignore"):
        for W, b, f in zip(net.weights[:-1], net.biases[:-1], net.activations[:-1]):
            Z = A @ W + b
            Z = (Z - Z.mean(axis=0)) / np.maximum(Z.std(axis=0), 1e-12)
            A = f.f(Z)
            outputs.append(A)
    return outputs


# -- what the units are doing ----------------------------------------------------------


def inactive_unit_fraction(z: np.ndarray) -> float:
    """Fraction of units whose pre-activation is ≤ 0 for every example (never switched on).

    Parameters
    ----------
    z : pre-activations of one layer, shape (examples, units).
    """
    z = np.asarray(z, dtype=float)
    return float(np.mean(np.all(z <= 0, axis=0)))


def activation_histograms(activations, value_range: tuple[float, float],
                          bins: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """One histogram per layer, as fractions of that layer's values, for a heat map.

    Parameters
    ----------
    activations : sequence of arrays, one per layer (any shape); non-finite values
        are left out (they have no place on the axis).
    value_range : (low, high); values outside are counted in the end bins, so a
        layer pushed past the range still shows where its mass went.
    bins : number of equal-width bins.

    Returns
    -------
    fractions : (layers, bins), each row sums to 1 (or 0 for a layer with no finite value).
    edges : (bins + 1,) bin edges.
    """
    low, high = value_range
    edges = np.linspace(low, high, bins + 1)
    n_layers = len(activations)
    if n_layers == 0:
        return np.zeros((0, bins)), edges
    # All layers in one pass: bin index per value, offset by its layer, then one bincount.
    flat = [np.asarray(a, dtype=float).ravel() for a in activations]
    layer = np.repeat(np.arange(n_layers), [f.size for f in flat])
    values = np.concatenate(flat)
    finite = np.isfinite(values)
    layer, values = layer[finite], values[finite]
    with np.errstate(all="ignore"):
        index = np.floor((np.clip(values, low, high) - low) / (high - low) * bins).astype(int)
    index = np.minimum(index, bins - 1)
    counts = np.bincount(layer * bins + index, minlength=n_layers * bins).reshape(n_layers, bins)
    totals = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, totals, out=np.zeros((n_layers, bins)), where=totals > 0), edges


def histogram_range(activation) -> tuple[float, float]:
    """The interval of activation values worth showing for an activation."""
    name = get_activation(activation).name
    return {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "identity": (-3.0, 3.0)}.get(name, (-1.0, 3.0))


# -- the networks compared ------------------------------------------------------------------


def make_network(depth: int, width: int, activation, initialisation: str = "Xavier/Glorot",
                 gain: float = 1.0, seed: int = 0, n_inputs: int = 2) -> Network:
    """A network with ``depth`` weight layers: ``depth − 1`` hidden layers of ``width`` units.

    Parameters
    ----------
    depth : L, the number of weight layers (≥ 1); the output is one logit.
    width : units per hidden layer.
    activation : hidden activation (name or Activation); the output layer is linear.
    initialisation : a key of :data:`INITIALISATIONS`.
    gain : multiplies the initialisation's standard deviation.
    seed : seed of the weights.
    """
    if initialisation not in INITIALISATIONS:
        raise ValueError(f"unknown initialisation {initialisation!r}; "
                         f"choose one of: {', '.join(INITIALISATIONS)}")
    if not (np.isfinite(gain) and gain > 0):
        raise ValueError(f"the gain must be a finite number > 0, got {gain}")
    scheme, base = INITIALISATIONS[initialisation]
    sizes = [n_inputs] + [int(width)] * (int(depth) - 1) + [1]
    return Network(sizes, activation, "identity", init=scheme, scale=base * gain, seed=seed)


# -- one look at every layer ----------------------------------------------------------------


@dataclass(frozen=True)
class FlowSnapshot:
    """Every layer of a network on one batch.

    loss : J on the batch (inf or NaN when the network has blown up).
    weight_gradient_norms : (L,) ‖∂J/∂W⁽ˡ⁾‖ for l = 1 … L.
    delta_norms : (L,) ‖δ⁽ˡ⁾‖ = ‖∂J/∂Z⁽ˡ⁾‖.
    hidden_outputs : the L − 1 hidden activations A⁽¹⁾ … A⁽ᴸ⁻¹⁾, each (m, width).
    activation_std : (L − 1,) standard deviation of each hidden layer's outputs.
    saturated : (L − 1,) share of hidden (example, unit) pairs with slope below 0.01.
    dead : (L − 1,) share of hidden units whose slope is 0 on every example.
    """

    loss: float
    weight_gradient_norms: np.ndarray
    delta_norms: np.ndarray
    hidden_outputs: list
    activation_std: np.ndarray
    saturated: np.ndarray
    dead: np.ndarray

    @property
    def finite(self) -> bool:
        """True when the loss and every gradient norm are finite numbers."""
        return bool(np.isfinite(self.loss) and np.all(np.isfinite(self.delta_norms))
                    and np.all(np.isfinite(self.weight_gradient_norms)))

    @property
    def first_to_last(self) -> float:
        """‖δ⁽¹⁾‖ / ‖δ⁽ᴸ⁾‖: the share of the output's error signal that reaches layer 1."""
        return gradient_ratio(self.delta_norms)


def flow_snapshot(net: Network, X, y, loss="binary_cross_entropy") -> FlowSnapshot:
    """One forward and backward pass on (X, y), summarised layer by layer."""
    loss = get_loss(loss)
    Y = loss.targets(y, net.sizes[-1], net.dtype)
    with np.errstate(all="ignore"):
        output, cache = net.forward(X)
        J = loss.value(output, Y)
        grads = net.backward(cache, loss.gradient(output, Y))
        stats = layer_statistics(net, cache, grads)
        delta_norms = np.array([np.linalg.norm(d) for d in grads.deltas])
    hidden = stats[:-1]
    return FlowSnapshot(
        loss=J,
        weight_gradient_norms=np.array([s.weight_gradient_norm for s in stats]),
        delta_norms=delta_norms,
        hidden_outputs=cache.A[1:-1],
        activation_std=np.array([s.activation_std for s in hidden]),
        saturated=np.array([s.saturated_fraction for s in hidden]),
        dead=np.array([s.dead_fraction for s in hidden]),
    )


def gradient_ratio(norms) -> float:
    """First entry over last entry of per-layer norms; NaN when either is not a finite number."""
    norms = np.asarray(norms, dtype=float)
    first, last = norms[0], norms[-1]
    if not (np.isfinite(first) and np.isfinite(last)):
        return float("nan")
    with np.errstate(all="ignore"):
        return float(first / last) if last > 0 else float("inf")


def describe_flow(delta_norms) -> tuple[str, str]:
    """Name how the error signal δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾ travels back through the layers, in plain words.

    Parameters
    ----------
    delta_norms : (L,) ‖δ⁽ˡ⁾‖ for l = 1 … L.

    Returns
    -------
    (kind, message) with kind "vanishing", "exploding", "balanced", "uneven" or "broken".
    """
    norms = np.asarray(delta_norms, dtype=float)
    if not np.all(np.isfinite(norms)):
        return "broken", ("some gradients are inf or NaN: the numbers overflowed, "
                          "so no step can be taken from here")
    ratio = gradient_ratio(norms)
    with np.errstate(all="ignore"):
        spread = norms.max() / norms.min() if norms.min() > 0 else np.inf
    head = f"‖∂J/∂z₁‖ / ‖∂J/∂z_L‖ = {ratio:.1e}"
    if ratio < 1 / ALARM_RATIO:
        times = "infinitely" if ratio == 0 else f"{_times(1 / ratio)}×"
        return "vanishing", f"{head}: vanishing — layer 1 gets {times} less gradient than layer L"
    if ratio > ALARM_RATIO:
        return "exploding", f"{head}: exploding — layer 1 gets {_times(ratio)}× more gradient than layer L"
    if spread <= BALANCED_SPREAD:
        return "balanced", f"{head}: balanced — all layers within a factor {BALANCED_SPREAD:g}"
    return "uneven", f"{head}: uneven — layers differ by up to {_times(spread)}×"


def _times(x: float) -> str:
    """A factor as a reader says it: 4,988 or 1.5e+09."""
    return f"{x:,.0f}" if x < 1e5 else f"{x:.1e}"


# -- training, with or without clipping -----------------------------------------------------


@dataclass(frozen=True)
class TrainingRecord:
    """What happened during full-batch training.

    losses : J on the whole set after k = 0, 1, … updates (all finite).
    grad_norms : global gradient norm before clipping, at each update tried.
    diverged_at : the update at which the loss or the gradient stopped being a
        finite number, or None.
    clip : the clipping threshold used, or None.
    """

    losses: np.ndarray
    grad_norms: np.ndarray
    diverged_at: int | None
    clip: float | None = None

    @property
    def clipped_steps(self) -> int:
        """How many updates clipping shortened."""
        if self.clip is None:
            return 0
        return int(np.sum(self.grad_norms[np.isfinite(self.grad_norms)] > self.clip))

    @property
    def message(self) -> str:
        """One line in plain words."""
        if self.diverged_at is not None:
            return (f"the loss became inf/NaN at step {self.diverged_at}: the weights blew up "
                    "(exploding gradients)")
        return f"loss {self.losses[0]:.3g} → {self.losses[-1]:.3g} after {len(self.losses) - 1} steps"


def train(net: Network, X, y, *, lr: float, steps: int, loss="binary_cross_entropy",
          clip: float | None = None) -> TrainingRecord:
    """Full-batch gradient descent on ``net`` (changed in place), optionally clipping by norm.

    A thin wrapper over :class:`helpers.training.Trainer` (one update per epoch).

    Parameters
    ----------
    lr : learning rate η > 0.
    steps : number of updates w ← w − η ∇J.
    clip : if given, every gradient is rescaled to global norm ≤ ``clip`` before the step.

    Returns
    -------
    TrainingRecord; training stops at the first non-finite loss or gradient.
    """
    if clip is not None and not (np.isfinite(clip) and clip > 0):
        raise ValueError(f"the clipping threshold must be a finite number > 0, got {clip}")
    if int(steps) != steps or steps < 0:
        raise ValueError(f"the number of steps must be a whole number ≥ 0, got {steps}")
    trainer = Trainer(net, X, y, loss, lr=lr, clip_norm=clip)
    with np.errstate(all="ignore"):
        trainer.run(int(steps))
    history = trainer.history
    losses = np.array(history.epoch_losses)
    return TrainingRecord(losses[np.isfinite(losses)], np.array(history.grad_norms),
                          trainer.diverged_at, clip)


def compare_training(configs, X, y, *, lr: float, steps: int, seed: int = 0,
                     loss="binary_cross_entropy") -> dict[str, TrainingRecord]:
    """Train several networks on the same data with the same budget and seed.

    Parameters
    ----------
    configs : dict label → keyword arguments of :func:`make_network`
        (depth, width, activation, initialisation, gain).

    Returns
    -------
    dict label → TrainingRecord
    """
    return {label: train(make_network(seed=seed, **kwargs), X, y, lr=lr, steps=steps, loss=loss)
            for label, kwargs in configs.items()}


# -- dead units -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadUnitReport:
    """Hidden units before and after training, for one activation.

    inactive_before, inactive_after : (L − 1,) share of each hidden layer's units
        with z ≤ 0 on every example (never switched on).
    dead_before, dead_after : (L − 1,) share with slope 0 on every example
        (no gradient reaches their weights).
    record : the training run in between.
    """

    inactive_before: np.ndarray
    inactive_after: np.ndarray
    dead_before: np.ndarray
    dead_after: np.ndarray
    record: TrainingRecord


def _unit_census(net: Network, X, y) -> tuple[np.ndarray, np.ndarray]:
    _, cache = net.forward(X)
    inactive = np.array([inactive_unit_fraction(z) for z in cache.Z[:-1]])
    return inactive, flow_snapshot(net, X, y).dead


def dead_unit_experiment(activation, X, y, *, lr: float, steps: int, bias_shift: float = 0.0,
                         kick_lr: float | None = None, depth: int = 3, width: int = 32,
                         seed: int = 0) -> DeadUnitReport:
    """Push a He-initialised network's units off, then train and count who comes back.

    Parameters
    ----------
    activation : hidden activation, e.g. "relu" or ``leaky_relu(0.1)``.
    lr, steps : the training that follows.
    bias_shift : added to every hidden bias first (negative: units start switched off).
    kick_lr : if given, one gradient step with this (too large) learning rate first.
    depth, width, seed : the network (see :func:`make_network`).
    """
    net = make_network(depth, width, activation, "He/Kaiming", seed=seed)
    for b in net.biases[:-1]:
        b += bias_shift
    if kick_lr is not None:
        train(net, X, y, lr=kick_lr, steps=1)
    inactive_before, dead_before = _unit_census(net, X, y)
    record = train(net, X, y, lr=lr, steps=steps)
    inactive_after, dead_after = _unit_census(net, X, y)
    return DeadUnitReport(inactive_before, inactive_after, dead_before, dead_after, record)


# -- normalisation, forwards and backwards --------------------------------------------------


@dataclass(frozen=True)
class NormalisedFlow:
    """One forward and backward pass through a network whose hidden z are standardised.

    loss : J on the batch.
    normalised_delta_norms : (L − 1,) ‖∂J/∂ẑ⁽ˡ⁾‖ for the hidden layers l = 1 … L − 1,
        where ẑ = (z − mean) / std is what the activation sees.
    weight_gradient_norms : (L,) ‖∂J/∂W⁽ˡ⁾‖ for l = 1 … L.
    weight_norms : (L,) ‖W⁽ˡ⁾‖ (Frobenius), to make the weight gradients scale-free.
    """

    loss: float
    normalised_delta_norms: np.ndarray
    weight_gradient_norms: np.ndarray
    weight_norms: np.ndarray

    @property
    def first_to_last(self) -> float:
        """‖∂J/∂ẑ⁽¹⁾‖ / ‖∂J/∂ẑ⁽ᴸ⁻¹⁾‖: above 1 means the gradient grows towards the input."""
        return gradient_ratio(self.normalised_delta_norms)

    @property
    def scale_free_weight_ratio(self) -> float:
        """(‖∂J/∂W⁽¹⁾‖·‖W⁽¹⁾‖) / (the same for the last hidden layer L − 1).

        Normalisation makes J unchanged when W⁽ˡ⁾ is scaled, so ∂J/∂W⁽ˡ⁾ scales
        like 1/‖W⁽ˡ⁾‖; this product is what the relative size of an update depends on.
        """
        scaled = self.weight_gradient_norms[:-1] * self.weight_norms[:-1]
        return gradient_ratio(scaled)


def _standardise(Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    std = np.maximum(Z.std(axis=0), 1e-12)
    return (Z - Z.mean(axis=0)) / std, std


def normalised_flow(net: Network, X, y, *, residual: bool = False,
                    loss="binary_cross_entropy") -> NormalisedFlow:
    """Backpropagate through batch normalisation (without its learned scale γ and shift β).

    Forward, each hidden layer computes z = a W + b, ẑ = (z − mean)/std over the
    batch, h = f(ẑ), and a = h (plain) or a = a_prev + h (``residual``, for every
    hidden layer whose input has the same width). The output layer is a plain
    linear logit. Backward, the standardisation contributes its own Jacobian:

        ∂J/∂z = (g − mean(g) − ẑ · mean(g ⊙ ẑ)) / std,   g = ∂J/∂ẑ,

    (means over the batch, per unit), so the examples of a batch are coupled.

    Parameters
    ----------
    net : a network built by :func:`make_network` (linear output layer).
    residual : add the skip connection a_prev to each same-width hidden layer.

    Returns
    -------
    NormalisedFlow
    """
    loss = get_loss(loss)
    Y = loss.targets(y, net.sizes[-1], net.dtype)
    A = np.asarray(X, dtype=net.dtype)
    inputs, normalised, stds, skips = [], [], [], []
    with np.errstate(all="ignore"):
        for W, b, f in zip(net.weights[:-1], net.biases[:-1], net.activations[:-1]):
            Zhat, std = _standardise(A @ W + b)
            skip = residual and A.shape[1] == W.shape[1]
            inputs.append(A)
            normalised.append(Zhat)
            stds.append(std)
            skips.append(skip)
            A = f.f(Zhat) + (A if skip else 0.0)
        output = A @ net.weights[-1] + net.biases[-1]
        J = loss.value(output, Y)
        delta = loss.gradient(output, Y)
        weight_grads = [A.T @ delta]
        dA = delta @ net.weights[-1].T
        zhat_norms = []
        for l in reversed(range(net.n_layers - 1)):
            Zhat = normalised[l]
            g = dA * net.activations[l].df(Zhat)
            zhat_norms.append(np.linalg.norm(g))
            dZ = (g - g.mean(axis=0) - Zhat * (g * Zhat).mean(axis=0)) / stds[l]
            weight_grads.append(inputs[l].T @ dZ)
            dA = dZ @ net.weights[l].T + (dA if skips[l] else 0.0)
    return NormalisedFlow(
        loss=float(J),
        normalised_delta_norms=np.array(zhat_norms[::-1]),
        weight_gradient_norms=np.array([np.linalg.norm(g) for g in weight_grads[::-1]]),
        weight_norms=np.array([np.linalg.norm(W) for W in net.weights]),
    )
