"""The loss landscape of a network, seen along a line and on 2-D slices of weight space.

A network with n parameters has a loss J(θ) on ℝⁿ, which cannot be drawn. What can be
drawn is J restricted to a line or a plane through weight space:

* the straight line from the initial weights θ₀ to the trained weights θ_T,
  J((1 − α)θ₀ + αθ_T) (Goodfellow, Vinyals & Saxe 2015);
* a plane through θ_T spanned by two directions d₁, d₂: J(θ_T + a d₁ + b d₂).

Random directions must be scaled to the weights they perturb, or the picture depends on
how big the weights happen to be. *Filter normalisation* (Li et al. 2018) draws a
Gaussian direction and rescales each filter — here each unit's incoming weights, a
column of W⁽ˡ⁾ — to the norm of the same filter in θ_T; bias directions are zero. For a
ReLU network the function is unchanged when one layer's weights and biases are
multiplied by c > 0 and the next layer's weights divided by c; the normalised slice is
then unchanged too, while a raw Gaussian slice is not (tested).

The training path is seen best in the plane of its two principal directions: the PCA
of the snapshots θ_k − θ_T (Li et al. 2018, §7); the path projected on it shows how
much of the motion the plane holds (the explained variance).

The grid is computed vectorised over grid points: the first layer's product with the
inputs is linear in (a, b), so X W⁽¹⁾ is computed for θ_T and for each direction once
and combined per point; later layers are batched matrix products, in chunks.

Public API (stable)
-------------------
flatten(net) -> θ (1-D);  unflatten(net, θ) -> [W1, b1, …];  parameter_count(net)
filter_normalised_direction(net, seed, include_biases=False) -> θ-shaped direction
filter_norms(net_or_params, sizes) -> [per-unit norms of each W]
random_direction(net, seed) -> unnormalised Gaussian direction (for comparison)
losses_at(net, X, Y, loss, centre, directions, coords, chunk=64) -> J at each point
line_losses(net, X, Y, loss, start, end, alphas) -> J((1 − α) start + α end)
pca_directions(trajectory) -> PCADirections(directions, explained, path_coords)
Slice(a, b, losses, centre_loss, path, explained, kind, seconds)
loss_slice(net, X, Y, loss, directions, span, points, path=None, …) -> Slice
SliceCache : memoises slices by their settings
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .nn import Loss, Network, get_loss


# ----------------------------------------------------------------------------
# Parameters as one vector
# ----------------------------------------------------------------------------


def parameter_count(net: Network) -> int:
    """n, the length of the flat parameter vector θ = (W⁽¹⁾, b⁽¹⁾, W⁽²⁾, …)."""
    return net.n_parameters


def flatten(net_or_params) -> np.ndarray:
    """θ as one float64 vector, in the order of ``Network.parameters()`` (W row by row)."""
    params = net_or_params.parameters() if isinstance(net_or_params, Network) else net_or_params
    return np.concatenate([np.asarray(p, dtype=np.float64).ravel() for p in params])


def unflatten(net: Network, theta) -> list[np.ndarray]:
    """Split a flat vector into arrays shaped like ``net.parameters()`` (views, no copy)."""
    theta = np.asarray(theta, dtype=np.float64)
    if theta.shape != (net.n_parameters,):
        raise ValueError(f"theta must be a vector of length {net.n_parameters} for {net!r}, "
                         f"got shape {theta.shape}")
    arrays, start = [], 0
    for p in net.parameters():
        arrays.append(theta[start:start + p.size].reshape(p.shape))
        start += p.size
    return arrays


def _check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0, got {seed!r}")
    return int(seed)


# ----------------------------------------------------------------------------
# Directions
# ----------------------------------------------------------------------------


def filter_norms(params: Sequence[np.ndarray]) -> list[np.ndarray]:
    """‖column j of W⁽ˡ⁾‖ for every layer: the norms of the units' incoming weights."""
    return [np.linalg.norm(np.asarray(W), axis=0) for W in list(params)[0::2]]


def random_direction(net: Network, seed: int = 0) -> np.ndarray:
    """A direction with independent N(0, 1) entries, weights and biases alike (not normalised)."""
    rng = np.random.default_rng(_check_seed(seed))
    return rng.standard_normal(net.n_parameters)


def filter_normalised_direction(net: Network, seed: int = 0, include_biases: bool = False) -> np.ndarray:
    """A Gaussian direction whose every filter has the norm of the same filter of ``net``.

    Parameters
    ----------
    net : the network whose weights (usually the trained ones) set the scale.
    seed : seed of the Gaussian draw (the same raw numbers as :func:`random_direction`).
    include_biases : if False (Li et al.'s choice) bias directions are 0; if True each
        bias entry is scaled to the size of the bias it perturbs.

    Returns
    -------
    A vector of length ``net.n_parameters``.
    """
    raw = unflatten(net, random_direction(net, seed))
    scaled = []
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        D = raw[2 * l]
        norms = np.linalg.norm(D, axis=0)
        # A unit with all-zero incoming weights keeps a zero direction rather than 0/0.
        factor = np.divide(np.linalg.norm(W, axis=0), norms, out=np.zeros_like(norms), where=norms > 0)
        scaled.append(D * factor)
        scaled.append(raw[2 * l + 1] * np.abs(b) if include_biases else np.zeros_like(b, dtype=float))
    return flatten(scaled)


@dataclass(frozen=True)
class PCADirections:
    """The principal directions of a training path θ₀ … θ_T around its end point.

    directions : (2, n) orthonormal rows, the first two principal directions of θ_k − θ_T.
    explained : (2,) share of the path's squared distance from θ_T each direction holds.
    path_coords : (T + 1, 2) the snapshots projected on the plane, (θ_k − θ_T)·dᵢ.
    """

    directions: np.ndarray
    explained: np.ndarray
    path_coords: np.ndarray


def pca_directions(trajectory) -> PCADirections:
    """PCA of the snapshots θ_k − θ_T (rows of ``trajectory``, last row the end point)."""
    T = np.asarray(trajectory, dtype=np.float64)
    if T.ndim != 2 or len(T) < 3:
        raise ValueError(f"trajectory must be an array of at least 3 snapshots (rows), got shape {T.shape}")
    M = T - T[-1]
    _, s, Vt = np.linalg.svd(M, full_matrices=False)
    total = float(np.sum(s ** 2))
    if total == 0:
        raise ValueError("trajectory: every snapshot is the same point, so there is no direction")
    directions = Vt[:2].copy()
    # Fix each sign so that the start of the path has positive coordinates (reproducible pictures).
    signs = np.where(M[0] @ directions.T < 0, -1.0, 1.0)
    directions *= signs[:, None]
    return PCADirections(directions=directions, explained=s[:2] ** 2 / total,
                         path_coords=M @ directions.T)


# ----------------------------------------------------------------------------
# Loss at many points of a plane, vectorised
# ----------------------------------------------------------------------------


def _targets(net: Network, Y, loss: Loss) -> np.ndarray:
    Y = np.asarray(Y)
    if Y.ndim == 2 and Y.shape[1] == net.sizes[-1]:
        return Y.astype(np.float64)
    return loss.targets(Y, net.sizes[-1], np.float64)


def losses_at(net: Network, X, Y, loss, centre, directions, coords, chunk: int = 2) -> np.ndarray:
    """J(centre + Σₖ coords[p, k] · directions[k]) for every row p of ``coords``.

    Parameters
    ----------
    net : gives the architecture and activations (its own weights are not used).
    X, Y : the data; Y as labels or targets in the output's shape.
    loss : a Loss or its name.
    centre : flat parameter vector θ_c.
    directions : (k, n) array of flat directions.
    coords : (P, k) coordinates of the P points.
    chunk : points evaluated together. Small chunks keep each layer's (chunk, m, width)
        block in the processor's cache and the matrix products below the size at which
        OpenBLAS starts threads, which on a loaded machine made chunks of 8 or more
        3–5× slower (measured, benchmarks/bench_landscape.py).

    Returns
    -------
    (P,) losses, float64.
    """
    loss = get_loss(loss)
    X = np.asarray(X, dtype=np.float64)
    Yt = _targets(net, Y, loss)
    # One-hot targets (each row a single 1) let the softmax loss pick the logit directly.
    one_hot = bool(np.all((Yt == 0) | (Yt == 1)) and np.all(Yt.sum(axis=1) == 1))
    labels = np.argmax(Yt, axis=1) if one_hot else None
    D = np.atleast_2d(np.asarray(directions, dtype=np.float64))
    C = np.atleast_2d(np.asarray(coords, dtype=np.float64))
    if D.shape[1] != net.n_parameters:
        raise ValueError(f"directions must have {net.n_parameters} columns, got shape {D.shape}")
    if C.shape[1] != len(D):
        raise ValueError(f"coords must have one column per direction ({len(D)}), got shape {C.shape}")
    if not isinstance(chunk, (int, np.integer)) or chunk < 1:
        raise ValueError(f"chunk must be a whole number ≥ 1, got {chunk!r}")
    centre_params = unflatten(net, centre)
    dir_params = [unflatten(net, d) for d in D]
    # Layer 1 is linear in the coordinates: X W(c) + b(c) = (X W_c + b_c) + Σₖ cₖ (X Dₖ + dbₖ).
    XW = np.stack([X @ P[0] + P[1] for P in [centre_params] + dir_params])  # (k+1, m, n1)
    XW = XW.reshape(len(XW), -1)
    out = np.empty(len(C))
    for start in range(0, len(C), chunk):
        c = C[start:start + chunk]
        weights = np.concatenate([np.ones((len(c), 1)), c], axis=1)  # (p, k+1)
        out[start:start + chunk] = _chunk_losses(net, Yt, labels, loss, XW, weights, centre_params, dir_params)
    return out


def _combined(weights: np.ndarray, centre: np.ndarray, dirs: list[np.ndarray]) -> np.ndarray:
    """centre + Σₖ weights[:, k+1] dirsₖ for each point: shape (p, *centre.shape)."""
    stack = np.stack([centre] + dirs).reshape(len(dirs) + 1, -1)
    return (weights @ stack).reshape((len(weights),) + centre.shape)


def _chunk_losses(net, Yt, labels, loss, XW, weights, centre_params, dir_params) -> np.ndarray:
    p = len(weights)
    m, n_out = Yt.shape
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        A = _activate_in_place(net.activations[0], (weights @ XW).reshape(p, m, -1))
        for l in range(1, net.n_layers):
            W = _combined(weights, centre_params[2 * l], [d[2 * l] for d in dir_params])
            b = _combined(weights, centre_params[2 * l + 1], [d[2 * l + 1] for d in dir_params])
            Z = np.matmul(A, W)
            Z += b[:, None, :]
            A = _activate_in_place(net.activations[l], Z)
        if loss.name == "softmax cross-entropy" and labels is not None:
            return _softmax_cross_entropy(A, labels)
        per = loss.per_example(A.reshape(p * m, n_out), np.broadcast_to(Yt, (p, m, n_out)).reshape(p * m, n_out))
    return per.reshape(p, m).mean(axis=1)


def _activate_in_place(f, Z: np.ndarray) -> np.ndarray:
    """f(Z), overwriting Z for the common activations (saves one pass over a large block)."""
    if f.name == "relu":
        return np.maximum(Z, 0, out=Z)
    if f.name == "tanh":
        return np.tanh(Z, out=Z)
    if f.name == "identity":
        return Z
    return f.f(Z)


def _softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Mean over examples of log Σ e^z − z_label, for a block of shape (p, m, classes)."""
    m = logits.shape[1]
    picked = logits[:, np.arange(m), labels]
    top = logits.max(axis=2, keepdims=True)
    logits -= top
    np.exp(logits, out=logits)
    return (np.log(logits.sum(axis=2)) + top[..., 0] - picked).mean(axis=1)


def line_losses(net: Network, X, Y, loss, start, end, alphas) -> np.ndarray:
    """J((1 − α)·start + α·end) for each α (α = 0 at ``start``, α = 1 at ``end``)."""
    start = np.asarray(start, dtype=np.float64)
    alphas = np.asarray(alphas, dtype=np.float64).ravel()
    return losses_at(net, X, Y, loss, start, (np.asarray(end, dtype=np.float64) - start)[None, :],
                     alphas[:, None])


@dataclass(frozen=True)
class Slice:
    """The loss on a grid of a 2-D plane through weight space.

    a, b : (points,) grid coordinates along the two directions.
    losses : (points, points) J at (a[j], b[i]), row i for b[i] (as ``contour`` expects).
    centre_loss : J at the origin of the plane (the trained weights).
    path : (T, 2) projected training path, or None.
    explained : (2,) share of the path's variance in each PCA direction, or None.
    kind : "pca" or "filter-normalised".
    seconds : time the grid took.
    """

    a: np.ndarray
    b: np.ndarray
    losses: np.ndarray
    centre_loss: float
    path: np.ndarray | None
    explained: np.ndarray | None
    kind: str
    seconds: float

    def lowest(self) -> tuple[float, float, float]:
        """(smallest loss on the grid, its a, its b)."""
        i, j = np.unravel_index(np.argmin(self.losses), self.losses.shape)
        return float(self.losses[i, j]), float(self.a[j]), float(self.b[i])


def loss_slice(net: Network, X, Y, loss, directions, span=(-1.0, 1.0, -1.0, 1.0), points: int = 41,
               path=None, explained=None, kind: str = "filter-normalised", chunk: int = 2) -> Slice:
    """J(θ_T + a d₁ + b d₂) on a points × points grid, θ_T being ``net``'s current weights.

    Parameters
    ----------
    net : the trained network (the plane's origin).
    X, Y, loss : the data and the loss.
    directions : (2, n) directions d₁, d₂.
    span : (a_min, a_max, b_min, b_max) of the grid.
    points : grid points along each axis (≥ 2).
    path, explained, kind : stored with the slice for drawing.
    """
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or points < 2:
        raise ValueError(f"points must be a whole number ≥ 2, got {points!r}")
    a_min, a_max, b_min, b_max = (float(s) for s in span)
    if not (a_min < a_max and b_min < b_max):
        raise ValueError(f"span must be (a_min, a_max, b_min, b_max) with min < max, got {span}")
    D = np.asarray(directions, dtype=np.float64)
    if D.shape != (2, net.n_parameters):
        raise ValueError(f"directions must have shape (2, {net.n_parameters}), got {D.shape}")
    a, b = np.linspace(a_min, a_max, points), np.linspace(b_min, b_max, points)
    A, B = np.meshgrid(a, b)
    started = time.perf_counter()
    theta = flatten(net)
    grid = losses_at(net, X, Y, loss, theta, D, np.column_stack([A.ravel(), B.ravel()]), chunk)
    seconds = time.perf_counter() - started
    centre = float(losses_at(net, X, Y, loss, theta, D, np.zeros((1, 2)))[0])
    return Slice(a=a, b=b, losses=grid.reshape(points, points), centre_loss=centre,
                 path=None if path is None else np.asarray(path, dtype=float),
                 explained=None if explained is None else np.asarray(explained, dtype=float),
                 kind=kind, seconds=seconds)


def span_around(path_coords, margin: float = 0.25) -> tuple[float, float, float, float]:
    """A square-ish span that holds the projected path with a margin on each side."""
    P = np.asarray(path_coords, dtype=float)
    lo, hi = P.min(axis=0), P.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-12)
    return (float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1]))


class SliceCache:
    """Remembers computed slices by a hashable key (the settings that made them)."""

    def __init__(self, max_entries: int = 16):
        if max_entries < 1:
            raise ValueError(f"max_entries must be ≥ 1, got {max_entries}")
        self.max_entries = max_entries
        self._store: dict = {}

    def __contains__(self, key) -> bool:
        return key in self._store

    def __len__(self) -> int:
        return len(self._store)

    def get(self, key, compute):
        """The slice stored under ``key``, computing it with ``compute()`` the first time."""
        if key not in self._store:
            if len(self._store) >= self.max_entries:
                self._store.pop(next(iter(self._store)))
            self._store[key] = compute()
        return self._store[key]


# ----------------------------------------------------------------------------
# A trained network with its path
# ----------------------------------------------------------------------------


@dataclass
class TrainedRun:
    """A network after training, the data it saw, and its weights after every epoch.

    net : the trained network.  X, y : the training data.  loss : the loss's name.
    trajectory : (epochs + 1, n) flat weights, row 0 the initial weights.
    losses : (epochs + 1,) training loss after each epoch (entry 0 before training).
    """

    net: Network
    X: np.ndarray
    y: np.ndarray
    loss: str
    trajectory: np.ndarray
    losses: np.ndarray


def train_with_path(net: Network, X, y, loss: str, epochs: int, **trainer_options) -> TrainedRun:
    """Train ``net`` with :class:`helpers.training.Trainer`, keeping θ after every epoch."""
    from .training import Trainer

    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 2:
        raise ValueError(f"epochs must be a whole number ≥ 2, got {epochs!r}")
    trainer = Trainer(net, X, y, loss, **trainer_options)
    snapshots = [flatten(net)]
    trainer.run(epochs, callback=lambda t: snapshots.append(flatten(t.net)))
    return TrainedRun(net=net, X=np.asarray(X, float), y=np.asarray(y), loss=loss,
                      trajectory=np.array(snapshots), losses=np.array(trainer.history.epoch_losses))


def digits_run(hidden: Sequence[int] = (32,), seed: int = 0, epochs: int = 30) -> TrainedRun:
    """The digits network of notebook 05 (ReLU, He init, mini-batches of 32, η = 0.1), trained.

    ``hidden`` sets the hidden widths, e.g. (32,) for 64-32-10 or (32, 32) for two layers.
    """
    from .datasets import load_digits, train_test_split

    hidden = tuple(int(h) for h in hidden)
    if not hidden or min(hidden) < 1:
        raise ValueError(f"hidden must list at least one width ≥ 1, got {hidden}")
    pixels, digits = load_digits()
    X_train, _, y_train, _ = train_test_split(pixels / 16, digits, test_fraction=0.25, seed=0)
    net = Network((64,) + hidden + (10,), "relu", "identity", init="he", seed=_check_seed(seed))
    return train_with_path(net, X_train, y_train, "softmax_cross_entropy", epochs,
                           lr=0.1, batch_size=32, seed=seed)
