"""A small fully-connected network in numpy, written like the equations.

Notation and shapes (one example per row, as numpy data usually comes)
----------------------------------------------------------------------
A batch of m examples X has shape (m, n₀). For the layers l = 1 … L::

    A⁽⁰⁾ = X
    Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ + b⁽ˡ⁾          W⁽ˡ⁾: (n_{l−1}, n_l),  b⁽ˡ⁾: (n_l,)
    A⁽ˡ⁾ = f⁽ˡ⁾(Z⁽ˡ⁾)
    J    = (1/m) Σᵢ ℓ(A⁽ᴸ⁾ᵢ, yᵢ)

The backward pass is the chain rule applied one layer at a time. With the
error terms δ⁽ˡ⁾ = ∂J/∂Z⁽ˡ⁾::

    δ⁽ᴸ⁾      = ∂J/∂A⁽ᴸ⁾ ⊙ f⁽ᴸ⁾'(Z⁽ᴸ⁾)
    ∂J/∂W⁽ˡ⁾  = A⁽ˡ⁻¹⁾ᵀ δ⁽ˡ⁾
    ∂J/∂b⁽ˡ⁾  = Σ over the rows of δ⁽ˡ⁾
    δ⁽ˡ⁻¹⁾    = (δ⁽ˡ⁾ W⁽ˡ⁾ᵀ) ⊙ f⁽ˡ⁻¹⁾'(Z⁽ˡ⁻¹⁾)

Python lists count from 0: ``net.weights[l - 1]`` is W⁽ˡ⁾, ``cache.Z[l - 1]`` is
Z⁽ˡ⁾ and ``cache.A[l]`` is A⁽ˡ⁾ (``cache.A[0]`` is the input X).

Public API (stable)
-------------------
Network(sizes, hidden_activation="tanh", output_activation="identity",
        init="xavier", scale=1.0, seed=0, dtype=np.float64)
    .sizes, .activations, .weights, .biases, .dtype, .n_layers, .n_parameters
    .forward(X) -> (output, Cache)      .output(X) -> output (no cache)
    .backward(cache, dJ_doutput) -> Gradients
    .parameters() -> [W1, b1, W2, b2, …]  .set_parameters(list)  .copy()
Cache(A, Z)                      the forward pass's intermediate values
Gradients(weights, biases, deltas)  .as_list() (same order as parameters()), .norm()
initialise(sizes, scheme, scale, seed, dtype) -> (weights, biases); INIT_SCHEMES
init_std(scheme, n_in, n_out, scale) -> float
Loss objects SQUARED_ERROR, BINARY_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY; LOSSES; get_loss
    .value(output, Y) -> J   .gradient(output, Y) -> ∂J/∂output
    .value_and_gradient(output, Y) -> (J, ∂J/∂output)
    .targets(y, n_outputs) -> Y  .predict(output)  .accuracy(output, Y) (None for regression)
    .classify_targets(Y) -> labels  .accuracy_against(output, labels)
loss_and_gradients(net, X, Y, loss) -> (J, Gradients, output)
layer_statistics(net, cache, grads, slope_threshold=0.01) -> [LayerStatistics]
clip_by_norm(grads, max_norm) -> (Gradients, norm before clipping)
numerical_gradients(net, X, Y, loss, h=1e-6) -> Gradients (central differences)
gradient_check(net, X, Y, loss, h=1e-6) -> {"W1": rel. error, "b1": …}
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from .activations import Activation, get_activation
from .activations import sigmoid as _sigmoid_activation
from .calculus import relative_error

# ----------------------------------------------------------------------------
# Initialisation
# ----------------------------------------------------------------------------

#: The weight initialisation schemes :func:`initialise` knows. Biases start at 0.
INIT_SCHEMES = ("zeros", "normal", "xavier", "he")


def init_std(scheme: str, n_in: int, n_out: int, scale: float = 1.0) -> float:
    """Standard deviation of the normal distribution the weights of one layer are drawn from.

    zeros: 0. normal: ``scale``. xavier (Glorot & Bengio 2010): scale·√(2/(n_in + n_out)),
    which keeps the variance of signals about constant forwards and backwards through
    tanh-like layers. he (He et al. 2015): scale·√(2/n_in), which does the same for ReLU,
    whose output is zero for half of its inputs.
    """
    if scheme == "zeros":
        return 0.0
    if scheme == "normal":
        return float(scale)
    if scheme == "xavier":
        return float(scale * np.sqrt(2.0 / (n_in + n_out)))
    if scheme == "he":
        return float(scale * np.sqrt(2.0 / n_in))
    raise ValueError(f"unknown initialisation {scheme!r}; choose one of: {', '.join(INIT_SCHEMES)}")


def initialise(
    sizes: Sequence[int],
    scheme: str = "xavier",
    scale: float = 1.0,
    seed: int | None = 0,
    dtype=np.float64,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Weights drawn from N(0, init_std²) for each layer, biases zero.

    Parameters
    ----------
    sizes : layer widths (n₀, n₁, …, n_L), input first.
    scheme : one of ``INIT_SCHEMES``.
    scale : the standard deviation for "normal", a gain multiplying the
        Xavier/He standard deviation otherwise.
    seed : seed of the random generator (same seed, same weights).
    dtype : float64 (default) or float32.

    Returns
    -------
    weights, biases : lists of arrays, W⁽ˡ⁾ of shape (n_{l−1}, n_l) and b⁽ˡ⁾ of shape (n_l,).
    """
    if not (np.isfinite(scale) and scale >= 0):
        raise ValueError(f"the initialisation scale must be a finite number ≥ 0, got {scale}")
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        std = init_std(scheme, n_in, n_out, scale)
        weights.append((rng.standard_normal((n_in, n_out)) * std).astype(dtype))
        biases.append(np.zeros(n_out, dtype=dtype))
    return weights, biases


# ----------------------------------------------------------------------------
# The network
# ----------------------------------------------------------------------------


@dataclass
class Cache:
    """What the forward pass keeps for the backward pass.

    A : [A⁽⁰⁾ = X, A⁽¹⁾, …, A⁽ᴸ⁾], the outputs of each layer (L + 1 arrays).
    Z : [Z⁽¹⁾, …, Z⁽ᴸ⁾], the weighted sums before the activation (L arrays).
    """

    A: list[np.ndarray]
    Z: list[np.ndarray]


@dataclass
class Gradients:
    """∂J/∂W⁽ˡ⁾, ∂J/∂b⁽ˡ⁾ and the error terms δ⁽ˡ⁾ = ∂J/∂Z⁽ˡ⁾, for l = 1 … L."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    deltas: list[np.ndarray] = field(default_factory=list)

    def as_list(self) -> list[np.ndarray]:
        """[∂J/∂W⁽¹⁾, ∂J/∂b⁽¹⁾, ∂J/∂W⁽²⁾, …], the order of ``Network.parameters()``."""
        return [g for pair in zip(self.weights, self.biases) for g in pair]

    def norm(self) -> float:
        """The global norm √(Σ over every weight and bias gradient entry of g²)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.sqrt(sum(float(np.vdot(g, g)) for g in self.as_list())))


class Network:
    """A fully-connected feed-forward network.

    Parameters
    ----------
    sizes : layer widths (n₀, n₁, …, n_L), e.g. (2, 3, 1).
    hidden_activation : name or :class:`Activation` for every hidden layer, or a
        sequence of them, one per hidden layer.
    output_activation : activation of the last layer; "identity" when the loss
        works on logits (binary and softmax cross-entropy).
    init, scale, seed : see :func:`initialise`.
    dtype : float64 (default) or float32.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        hidden_activation: str | Activation | Sequence[str | Activation] = "tanh",
        output_activation: str | Activation = "identity",
        init: str = "xavier",
        scale: float = 1.0,
        seed: int | None = 0,
        dtype=np.float64,
    ):
        sizes = tuple(int(n) for n in sizes)
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"a network needs at least an input and an output layer, "
                             f"each with ≥ 1 unit; got sizes {sizes}")
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.dtype(np.float64), np.dtype(np.float32)):
            raise ValueError(f"dtype must be float64 or float32, got {self.dtype}")
        n_hidden = len(sizes) - 2
        if isinstance(hidden_activation, (str, Activation)):
            hidden = [get_activation(hidden_activation)] * n_hidden
        else:
            hidden = [get_activation(a) for a in hidden_activation]
            if len(hidden) != n_hidden:
                raise ValueError(f"give one activation per hidden layer ({n_hidden}), got {len(hidden)}")
        self.sizes = sizes
        self.activations: tuple[Activation, ...] = tuple(hidden + [get_activation(output_activation)])
        self.init, self.scale, self.seed = init, scale, seed
        self.weights, self.biases = initialise(sizes, init, scale, seed, self.dtype)

    # -- structure ---------------------------------------------------------
    @property
    def n_layers(self) -> int:
        """L, the number of layers with weights (hidden layers plus the output layer)."""
        return len(self.weights)

    @property
    def n_parameters(self) -> int:
        """How many numbers training adjusts (every weight and bias)."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def parameters(self) -> list[np.ndarray]:
        """[W⁽¹⁾, b⁽¹⁾, W⁽²⁾, b⁽²⁾, …] (the arrays themselves, not copies)."""
        return [p for pair in zip(self.weights, self.biases) for p in pair]

    def set_parameters(self, params: Sequence[np.ndarray]) -> None:
        """Replace the parameters by ``params``, in the order of :meth:`parameters`."""
        params = list(params)
        if len(params) != 2 * self.n_layers:
            raise ValueError(f"expected {2 * self.n_layers} arrays, got {len(params)}")
        for l in range(self.n_layers):
            w, b = np.asarray(params[2 * l], self.dtype), np.asarray(params[2 * l + 1], self.dtype)
            if w.shape != self.weights[l].shape or b.shape != self.biases[l].shape:
                raise ValueError(f"layer {l + 1}: expected shapes {self.weights[l].shape} and "
                                 f"{self.biases[l].shape}, got {w.shape} and {b.shape}")
            self.weights[l], self.biases[l] = w, b

    def copy(self) -> "Network":
        """An independent copy (same architecture, same parameter values)."""
        clone = object.__new__(Network)
        clone.__dict__.update(self.__dict__)
        clone.weights = [w.copy() for w in self.weights]
        clone.biases = [b.copy() for b in self.biases]
        return clone

    def __repr__(self) -> str:
        shape = "-".join(str(n) for n in self.sizes)
        acts = "/".join(dict.fromkeys(a.name for a in self.activations))
        return f"Network({shape}, {acts}, {self.dtype.name})"

    # -- the two passes ------------------------------------------------------
    def _as_input(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=self.dtype)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"inputs must have shape (m, {self.sizes[0]}), got {X.shape}")
        return X

    def forward(self, X) -> tuple[np.ndarray, Cache]:
        """Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾, A⁽ˡ⁾ = f(Z⁽ˡ⁾) for each layer; returns A⁽ᴸ⁾ and the cache."""
        A = self._as_input(X)
        cache = Cache(A=[A], Z=[])
        for W, b, f in zip(self.weights, self.biases, self.activations):
            Z = A @ W
            Z += b  # Z = A W + b without a second (m, n) array
            A = f.f(Z)
            cache.Z.append(Z)
            cache.A.append(A)
        return A, cache

    def output(self, X) -> np.ndarray:
        """A⁽ᴸ⁾ for inputs X, without keeping a cache."""
        A = self._as_input(X)
        for W, b, f in zip(self.weights, self.biases, self.activations):
            Z = A @ W
            Z += b
            A = f.f(Z)
        return A

    def backward(self, cache: Cache, dJ_doutput: np.ndarray) -> Gradients:
        """The chain rule from ∂J/∂A⁽ᴸ⁾ back to every ∂J/∂W⁽ˡ⁾, ∂J/∂b⁽ˡ⁾ (see module docstring)."""
        L = self.n_layers
        dW: list[np.ndarray] = [None] * L  # type: ignore[list-item]
        db: list[np.ndarray] = [None] * L  # type: ignore[list-item]
        deltas: list[np.ndarray] = [None] * L  # type: ignore[list-item]
        A, Z, weights, activations = cache.A, cache.Z, self.weights, self.activations
        delta = self._times_slope(np.asarray(dJ_doutput), L - 1, cache)
        for l in reversed(range(L)):  # l is 0-based: layer l + 1 in the maths
            deltas[l] = delta
            dW[l] = A[l].T @ delta
            db[l] = np.add.reduce(delta, axis=0)  # Σ over the rows: delta.sum(axis=0)
            if l > 0:
                # δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾ W⁽ˡ⁾ᵀ) ⊙ f'(Z⁽ˡ⁻¹⁾), the product taken in place
                delta = delta @ weights[l].T
                f = activations[l - 1]
                if f.name != "identity":
                    delta *= f.derivative(Z[l - 1], A[l])
        return Gradients(weights=dW, biases=db, deltas=deltas)

    def _times_slope(self, upstream: np.ndarray, l: int, cache: Cache,
                     in_place: bool = False) -> np.ndarray:
        """upstream ⊙ f'(Z) for 0-based layer l (``upstream`` overwritten when ``in_place``)."""
        if self.activations[l].name == "identity":
            return upstream
        slope = self._slope(l, cache)
        if in_place:
            upstream *= slope
            return upstream
        return upstream * slope

    def _slope(self, l: int, cache: Cache) -> np.ndarray | float:
        """f'(Z) of 0-based layer l; 1.0 for the identity, so no array of ones is made."""
        f = self.activations[l]
        if f.name == "identity":
            return 1.0
        return f.derivative(cache.Z[l], cache.A[l + 1])


# ----------------------------------------------------------------------------
# Losses. Each one averages over the m examples of the batch.
# ----------------------------------------------------------------------------


def _log_sum_exp(Z: np.ndarray) -> np.ndarray:
    """log Σ_k e^(z_k) per row, shifted by the row maximum so nothing overflows."""
    top = Z.max(axis=1, keepdims=True)
    return (top + np.log(np.sum(np.exp(Z - top), axis=1, keepdims=True)))[:, 0]


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise e^(z_k) / Σ_j e^(z_j), computed after subtracting the row maximum."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _softmax_cross_entropy_fused(Z: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ℓᵢ and ∂ℓᵢ/∂zᵢ of softmax cross-entropy together, sharing one max, one exp and one sum.

    The plain form, row by row (s = Σ_k y_k, 1 for one-hot targets)::

        ℓ      = s · log Σ_k e^(z_k) − Σ_k y_k z_k
        ∂ℓ/∂z  = s · softmax(z) − y

    Both need e^(z − max z) and its row sum; computed once here, the exponentials'
    buffer then becomes the gradient in place. Same operations, same order, so the
    same bits as ``per_example`` and ``output_gradient`` apart.
    """
    top = np.maximum.reduce(Z, axis=1, keepdims=True)  # Z.max(axis=1, keepdims=True)
    E = np.subtract(Z, top)
    np.exp(E, out=E)
    row_sums = np.add.reduce(E, axis=1, keepdims=True)  # E.sum(axis=1, keepdims=True)
    target_sums = np.add.reduce(Y, axis=1, keepdims=True)
    per_example = (top + np.log(row_sums))[:, 0] * target_sums[:, 0] - np.add.reduce(Y * Z, axis=1)
    E /= row_sums  # softmax(z)
    E *= target_sums
    E -= Y
    return per_example, E


def _mean(per_example: np.ndarray) -> float:
    """(1/m) Σᵢ ℓᵢ as a float: the bits of ``per_example.mean()`` (the same pairwise sum,
    then one division) without its Python wrapper, which costs more than a small sum."""
    return float(np.add.reduce(per_example) / len(per_example))


def _softplus(Z: np.ndarray) -> np.ndarray:
    """log(1 + e^z) = max(z, 0) + log(1 + e^(−|z|)), finite for any finite z."""
    return np.maximum(Z, 0) + np.log1p(np.exp(-np.abs(Z)))


def _column_targets(y, n_outputs: int, dtype) -> np.ndarray:
    Y = np.asarray(y, dtype=dtype)
    if Y.ndim == 1:
        Y = Y[:, None]
    if Y.ndim != 2 or Y.shape[1] != n_outputs:
        raise ValueError(f"targets must have shape (m,) or (m, {n_outputs}), got {np.shape(y)}")
    return Y


def _check_probabilities(Y: np.ndarray) -> None:
    """Binary cross-entropy needs targets y in [0, 1]: outside it −y log σ − (1−y) log(1−σ)
    is no longer a cross-entropy and can go negative."""
    if not np.all((Y >= 0) & (Y <= 1)):  # also False for NaN
        raise ValueError("binary cross-entropy targets must be between 0 and 1 (class labels "
                         f"0/1 or probabilities); got values from {np.nanmin(Y):g} to {np.nanmax(Y):g}")


def _check_distributions(Y: np.ndarray) -> None:
    """Softmax cross-entropy targets given as rows must each be a distribution over the classes."""
    if not (np.all(Y >= 0) and np.allclose(Y.sum(axis=1), 1.0)):
        raise ValueError("softmax cross-entropy targets given as rows (one-hot) must be ≥ 0 and "
                         "each row must sum to 1; or give class labels 0 … k−1, shape (m,)")


def _one_hot_targets(y, n_outputs: int, dtype) -> np.ndarray:
    y = np.asarray(y)
    if y.ndim == 2:
        return _column_targets(y, n_outputs, dtype)
    with np.errstate(invalid="ignore"):
        labels = y.astype(int) if np.issubdtype(y.dtype, np.number) else None
    if (labels is None or y.ndim != 1 or not np.array_equal(labels, y)
            or labels.min(initial=0) < 0 or labels.max(initial=0) >= n_outputs):
        raise ValueError(f"class labels must be integers 0 … {n_outputs - 1} in an array of shape (m,)"
                         " (a label such as 1.7 is not a class)")
    Y = np.zeros((len(labels), n_outputs), dtype=dtype)
    Y[np.arange(len(labels)), labels] = 1
    return Y


@dataclass(frozen=True)
class Loss:
    """A loss J(output, Y), averaged over the batch, with its gradient ∂J/∂output.

    name, formula : labels. ``per_example`` returns ℓ for each row.
    gradient_formula : ∂J/∂output, written out.
    link : maps the network output to a prediction (identity, sigmoid, softmax).
    make_targets : y (labels or values) ↦ Y with the output's shape.
    classify : output ↦ predicted class labels, or None for regression.
    fused : optional (output, Y) ↦ (ℓ per example, ∂ℓ/∂output), the two computed together
        where they share work; must give what ``per_example`` and ``output_gradient`` give.
    """

    name: str
    formula: str
    gradient_formula: str
    per_example: Callable[[np.ndarray, np.ndarray], np.ndarray]
    output_gradient: Callable[[np.ndarray, np.ndarray], np.ndarray]
    link: Callable[[np.ndarray], np.ndarray]
    make_targets: Callable
    classify: Callable[[np.ndarray], np.ndarray] | None = None
    check_targets: Callable[[np.ndarray], None] | None = None
    fused: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None

    def targets(self, y, n_outputs: int, dtype=np.float64) -> np.ndarray:
        """Targets in the output's shape (one-hot for softmax cross-entropy)."""
        return self.make_targets(y, n_outputs, dtype)

    def _prepared(self, output: np.ndarray, Y) -> np.ndarray:
        Y = np.asarray(Y)
        if Y.shape == output.shape:
            Y = Y.astype(output.dtype, copy=False)
        else:
            Y = self.make_targets(Y, output.shape[1], output.dtype)
            if len(Y) != len(output):  # one row would be broadcast over the whole batch
                raise ValueError(f"targets must have one row per example: the output has "
                                 f"{len(output)} rows, the targets got {len(Y)}")
        if self.check_targets is not None:
            self.check_targets(Y)
        return Y

    def value(self, output: np.ndarray, Y) -> float:
        """J = (1/m) Σᵢ ℓ(outputᵢ, Yᵢ)."""
        return self.value_of_targets(output, self._prepared(output, Y))

    def gradient(self, output: np.ndarray, Y) -> np.ndarray:
        """∂J/∂output, shape of ``output`` (includes the 1/m of the mean)."""
        return self.output_gradient(output, self._prepared(output, Y)) / len(output)

    def value_and_gradient(self, output: np.ndarray, Y) -> tuple[float, np.ndarray]:
        """(J, ∂J/∂output) in one go: what :meth:`value` and :meth:`gradient` return."""
        return self.value_and_gradient_of_targets(output, self._prepared(output, Y))

    def value_of_targets(self, output: np.ndarray, Y: np.ndarray) -> float:
        """:meth:`value` for targets Y already made by :meth:`targets` (and checked): a
        training loop prepares them once instead of on every update."""
        return _mean(self.per_example(output, Y))

    def value_and_gradient_of_targets(self, output: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:
        """:meth:`value_and_gradient` for targets already made by :meth:`targets` (and checked)."""
        if self.fused is None:
            return (_mean(self.per_example(output, Y)),
                    self.output_gradient(output, Y) / len(output))
        per_example, gradient = self.fused(output, Y)
        gradient /= len(output)
        return _mean(per_example), gradient

    def predict(self, output: np.ndarray) -> np.ndarray:
        """Predicted values (regression) or class probabilities."""
        return self.link(output)

    def accuracy(self, output: np.ndarray, Y) -> float | None:
        """Fraction of examples classified correctly; None for a regression loss."""
        if self.classify is None:
            return None
        return self.accuracy_against(output, self.classify_targets(self._prepared(output, Y)))

    def accuracy_against(self, output: np.ndarray, labels: np.ndarray) -> float | None:
        """Fraction of examples whose predicted class equals ``labels`` (see :meth:`classify_targets`)."""
        if self.classify is None:
            return None
        # count/m: the same number as np.mean of the booleans, without its overhead
        return np.count_nonzero(self.classify(output) == labels) / len(labels)

    def classify_targets(self, Y: np.ndarray) -> np.ndarray:
        """The true class labels of prepared targets Y."""
        return np.argmax(Y, axis=1) if Y.shape[1] > 1 else (Y[:, 0] > 0.5).astype(int)


SQUARED_ERROR = Loss(
    name="squared error",
    formula="J = (1/2m) Σᵢ ‖ŷᵢ − yᵢ‖²",
    gradient_formula="∂J/∂ŷ = (ŷ − y)/m",
    per_example=lambda out, Y: 0.5 * np.sum(np.square(out - Y), axis=1),
    output_gradient=lambda out, Y: out - Y,
    link=lambda out: out,
    make_targets=_column_targets,
)

BINARY_CROSS_ENTROPY = Loss(
    name="binary cross-entropy",
    formula="J = (1/m) Σᵢ [log(1 + e^(zᵢ)) − yᵢ zᵢ]  (= −y log σ(z) − (1−y) log(1−σ(z)))",
    gradient_formula="∂J/∂z = (σ(z) − y)/m",
    per_example=lambda Z, Y: np.add.reduce(_softplus(Z) - Y * Z, axis=1),  # Σ over the outputs
    output_gradient=lambda Z, Y: _sigmoid_activation.f(Z) - Y,
    link=_sigmoid_activation.f,
    make_targets=_column_targets,
    classify=lambda Z: (Z[:, 0] > 0).astype(int),
    check_targets=_check_probabilities,
)

SOFTMAX_CROSS_ENTROPY = Loss(
    name="softmax cross-entropy",
    formula="J = (1/m) Σᵢ [log Σ_k e^(z_ik) − Σ_k y_ik z_ik]  (= −Σ_k y_k log softmax(z)_k)",
    gradient_formula="∂J/∂z = (softmax(z) − y)/m",
    per_example=lambda Z, Y: _log_sum_exp(Z) * Y.sum(axis=1) - np.sum(Y * Z, axis=1),
    output_gradient=lambda Z, Y: softmax(Z) * Y.sum(axis=1, keepdims=True) - Y,
    link=softmax,
    make_targets=_one_hot_targets,
    classify=lambda Z: np.argmax(Z, axis=1),
    check_targets=_check_distributions,
    fused=_softmax_cross_entropy_fused,
)


LOSSES: dict[str, Loss] = {
    "squared_error": SQUARED_ERROR,
    "binary_cross_entropy": BINARY_CROSS_ENTROPY,
    "softmax_cross_entropy": SOFTMAX_CROSS_ENTROPY,
}


def get_loss(loss: str | Loss) -> Loss:
    """The loss named ``loss`` (or the Loss itself), with a clear message for unknown names."""
    if isinstance(loss, Loss):
        return loss
    try:
        return LOSSES[loss]
    except (KeyError, TypeError):
        raise ValueError(f"unknown loss {loss!r}; choose one of: {', '.join(LOSSES)}") from None


def loss_and_gradients(net: Network, X, Y, loss: str | Loss) -> tuple[float, Gradients, np.ndarray]:
    """One forward and one backward pass: J, every gradient, and the network output."""
    loss = get_loss(loss)
    output, cache = net.forward(X)
    with np.errstate(over="ignore", invalid="ignore"):
        J, dJ_doutput = loss.value_and_gradient(output, Y)
        grads = net.backward(cache, dJ_doutput)
    return J, grads, output


# ----------------------------------------------------------------------------
# Diagnostics: per-layer statistics, clipping, gradient checking
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LayerStatistics:
    """How one layer's signals and gradients look on a batch.

    layer : 1 … L.
    activation : the activation's name.
    weight_norm : ‖W⁽ˡ⁾‖ (Frobenius).
    weight_gradient_norm, bias_gradient_norm : ‖∂J/∂W⁽ˡ⁾‖, ‖∂J/∂b⁽ˡ⁾‖.
    delta_rms : root-mean-square of δ⁽ˡ⁾ = ∂J/∂Z⁽ˡ⁾.
    activation_mean, activation_std : of A⁽ˡ⁾ over the batch and the units.
    saturated_fraction : share of entries of Z⁽ˡ⁾ where |f'(z)| < ``slope_threshold``
        (a sigmoid or tanh pushed to its flat tails, a ReLU at or below zero).
    dead_fraction : share of the layer's units whose slope f'(z) is zero for every
        example of the batch (a "dead" ReLU passes no gradient at all).
    """

    layer: int
    activation: str
    weight_norm: float
    weight_gradient_norm: float
    bias_gradient_norm: float
    delta_rms: float
    activation_mean: float
    activation_std: float
    saturated_fraction: float
    dead_fraction: float


def layer_statistics(
    net: Network, cache: Cache, grads: Gradients, slope_threshold: float = 0.01
) -> list[LayerStatistics]:
    """Per-layer statistics of a forward/backward pass (see :class:`LayerStatistics`)."""
    stats = []
    with np.errstate(over="ignore", invalid="ignore"):
        for l in range(net.n_layers):
            f = net.activations[l]
            slope = np.abs(f.derivative(cache.Z[l], cache.A[l + 1]))
            A = cache.A[l + 1]
            stats.append(LayerStatistics(
                layer=l + 1,
                activation=f.name,
                weight_norm=float(np.linalg.norm(net.weights[l])),
                weight_gradient_norm=float(np.linalg.norm(grads.weights[l])),
                bias_gradient_norm=float(np.linalg.norm(grads.biases[l])),
                delta_rms=float(np.sqrt(np.mean(np.square(grads.deltas[l])))) if grads.deltas else float("nan"),
                activation_mean=float(np.mean(A)),
                activation_std=float(np.std(A)),
                saturated_fraction=float(np.mean(slope < slope_threshold)),
                dead_fraction=float(np.mean(np.all(slope == 0, axis=0))),
            ))
    return stats


def clip_by_norm(grads: Gradients, max_norm: float) -> tuple[Gradients, float]:
    """Scale all gradients by min(1, max_norm/‖g‖) so their global norm is at most ``max_norm``.

    Clipping keeps the direction of the step and bounds its length (Pascanu et al. 2013).
    A non-finite norm is returned unchanged: no rescaling can repair an inf or NaN.

    Returns
    -------
    (clipped gradients, the global norm before clipping)
    """
    if not max_norm > 0:
        raise ValueError(f"the clipping norm must be > 0, got {max_norm}")
    norm = grads.norm()
    if not np.isfinite(norm) or norm <= max_norm:
        return grads, norm
    factor = max_norm / norm
    return Gradients(
        weights=[g * factor for g in grads.weights],
        biases=[g * factor for g in grads.biases],
        deltas=[d * factor for d in grads.deltas],
    ), norm


def numerical_gradients(net: Network, X, Y, loss: str | Loss, h: float = 1e-6) -> Gradients:
    """∂J/∂θ for every weight and bias θ by central differences (J(θ+h) − J(θ−h)) / 2h.

    Slow (two forward passes per parameter) and only for checking: the network is
    restored exactly afterwards.
    """
    loss = get_loss(loss)

    def J() -> float:
        return loss.value(net.output(X), Y)

    estimates = []
    for p in net.parameters():
        g = np.zeros(p.shape, dtype=np.float64)
        for i in range(p.size):
            old = p.flat[i]
            p.flat[i] = old + h
            up = J()
            p.flat[i] = old - h
            down = J()
            p.flat[i] = old
            g.flat[i] = (up - down) / (2 * h)
        estimates.append(g)
    return Gradients(weights=estimates[0::2], biases=estimates[1::2])


def gradient_check(net: Network, X, Y, loss: str | Loss, h: float = 1e-6) -> dict[str, float]:
    """Relative error ‖g − g_num‖ / max(‖g‖, ‖g_num‖) of backprop against central differences.

    Returns one entry per parameter array: {"W1": …, "b1": …, "W2": …}.
    """
    _, grads, _ = loss_and_gradients(net, X, Y, loss)
    numeric = numerical_gradients(net, X, Y, loss, h)
    errors = {}
    for l in range(net.n_layers):
        errors[f"W{l + 1}"] = relative_error(grads.weights[l], numeric.weights[l])
        errors[f"b{l + 1}"] = relative_error(grads.biases[l], numeric.biases[l])
    return errors
