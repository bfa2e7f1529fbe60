"""Sharpness: the largest eigenvalue of a network's Hessian, and the edge of stability.

Notebook 03 showed that gradient descent with step η on a quadratic with curvature λ
is stable only when η < 2/λ. For a network the Hessian H = ∇²J(θ) changes as θ moves;
its largest eigenvalue λ_max is called the *sharpness*. Cohen et al. (2021) observed
that full-batch gradient descent on neural networks first *sharpens* (λ_max rises) until
λ_max ≈ 2/η, and then hovers there while the loss keeps falling, non-monotonically:
the *edge of stability*. That is an observation across many networks, not a theorem.

Everything here works on the network's flat parameter vector θ (see
:func:`helpers.landscape.flatten`):

* :func:`hessian_vector_product` computes H v exactly, by one forward and one backward
  pass of the R-operator (Pearlmutter 1994): differentiate every quantity of the two
  passes along v. It never forms H, so it costs about two gradients.
* :func:`fd_hessian_vector_product` is the finite-difference check
  (∇J(θ + εv) − ∇J(θ − εv)) / 2ε.
* :func:`top_eigenvalue` runs power iteration on v ↦ H v.

Public API (stable)
-------------------
gradient(net, X, Y, loss) -> flat ∇J
hessian_vector_product(net, X, Y, loss, v) -> flat H v (exact)
fd_hessian_vector_product(net, X, Y, loss, v, eps=1e-5) -> flat H v (finite differences)
full_hessian(net, X, Y, loss) -> (n, n) H, column by column (small nets only)
top_eigenvalue(net, X, Y, loss, iterations=100, tol=1e-6, seed=0) -> Eigen(value, vector, iterations)
EdgeOfStability(steps, losses, sharpness_steps, sharpness, lr) ; .threshold = 2/η ; .plateau(...)
edge_of_stability_run(net, X, Y, loss, lr, steps, every=10, …) -> EdgeOfStability
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .landscape import flatten, unflatten
from .nn import Loss, Network, get_loss, loss_and_gradients


def _second_derivative(name: str, Z: np.ndarray, A: np.ndarray):
    """f''(z) of the activations whose second derivative is known in closed form."""
    if name == "tanh":
        return -2.0 * A * (1.0 - A * A)
    if name == "sigmoid":
        return A * (1.0 - A) * (1.0 - 2.0 * A)
    if name in ("relu", "identity", "leaky_relu"):
        return 0.0  # piecewise linear: zero except on the kink, which has measure zero
    raise ValueError(f"activation {name!r}: the exact Hessian-vector product knows tanh, sigmoid, "
                     "relu, leaky_relu and identity")


def _slope(net: Network, l: int, Z, A):
    f = net.activations[l]
    return 1.0 if f.name == "identity" else f.derivative(Z, A)


def _check_vector(net: Network, v, name: str = "v") -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    if v.shape != (net.n_parameters,):
        raise ValueError(f"{name} must be a vector of length {net.n_parameters}, got shape {v.shape}")
    return v


def _targets(net, Y, loss: Loss):
    Y = np.asarray(Y)
    if Y.ndim == 2 and Y.shape[1] == net.sizes[-1]:
        return Y.astype(net.dtype)
    return loss.targets(Y, net.sizes[-1], net.dtype)


def gradient(net: Network, X, Y, loss) -> np.ndarray:
    """∇J at the network's current weights, as one flat vector."""
    _, grads, _ = loss_and_gradients(net, X, _targets(net, Y, get_loss(loss)), loss)
    return flatten(grads.as_list())


def _output_gradient_direction(loss: Loss, out: np.ndarray, R_out: np.ndarray) -> np.ndarray:
    """R{∂J/∂output}: the change of the loss's output gradient along R_out (includes 1/m)."""
    m = len(out)
    if loss.name == "squared error":
        return R_out / m
    if loss.name == "binary cross-entropy":
        p = loss.link(out)
        return p * (1 - p) * R_out / m
    if loss.name == "softmax cross-entropy":
        p = loss.link(out)
        return (p * R_out - p * np.sum(p * R_out, axis=1, keepdims=True)) / m
    raise ValueError(f"loss {loss.name!r}: no exact Hessian-vector product for it")


def hessian_vector_product(net: Network, X, Y, loss, v) -> np.ndarray:
    """H v at the network's current weights, exactly (Pearlmutter's R-operator).

    Parameters
    ----------
    net : the network (its current weights θ).
    X, Y : data; Y as labels or targets in the output's shape.
    loss : a Loss or its name (squared error, binary or softmax cross-entropy).
    v : flat direction of length ``net.n_parameters``.

    Returns
    -------
    The flat vector H v, where H = ∇²J(θ).
    """
    loss = get_loss(loss)
    v = _check_vector(net, v)
    V = unflatten(net, v)
    Yt = _targets(net, Y, loss)
    output, cache = net.forward(X)
    L = net.n_layers
    # Forward: R(Z_l) = R(A_{l-1}) W_l + A_{l-1} V_l + c_l,  R(A_l) = f'(Z_l) R(Z_l).
    RZ, RA = [], [np.zeros_like(cache.A[0])]
    for l in range(L):
        rz = RA[l] @ net.weights[l] + cache.A[l] @ V[2 * l] + V[2 * l + 1]
        RZ.append(rz)
        RA.append(_slope(net, l, cache.Z[l], cache.A[l + 1]) * rz)
    # Backward, differentiating δ_L = G ⊙ f'(Z_L) and δ_{l-1} = (δ_l W_lᵀ) ⊙ f'(Z_{l-1}).
    G = loss.gradient(output, Yt)
    RG = _output_gradient_direction(loss, output, RA[L])
    fL = net.activations[L - 1]
    slope_L = _slope(net, L - 1, cache.Z[L - 1], cache.A[L])
    delta = G * slope_L
    R_delta = RG * slope_L + G * _second_derivative(fL.name, cache.Z[L - 1], cache.A[L]) * RZ[L - 1]
    out: list[np.ndarray] = [None] * (2 * L)  # type: ignore[list-item]
    for l in reversed(range(L)):
        out[2 * l] = RA[l].T @ delta + cache.A[l].T @ R_delta
        out[2 * l + 1] = R_delta.sum(axis=0)
        if l > 0:
            back = delta @ net.weights[l].T
            R_back = R_delta @ net.weights[l].T + delta @ V[2 * l].T
            slope = _slope(net, l - 1, cache.Z[l - 1], cache.A[l])
            curv = _second_derivative(net.activations[l - 1].name, cache.Z[l - 1], cache.A[l])
            R_delta = R_back * slope + back * curv * RZ[l - 1]
            delta = back * slope
    return flatten(out)


def _gradient_at(net: Network, X, Y, loss, theta) -> np.ndarray:
    probe = net.copy()
    probe.set_parameters(unflatten(net, theta))
    return gradient(probe, X, Y, loss)


def fd_hessian_vector_product(net: Network, X, Y, loss, v, eps: float = 1e-5) -> np.ndarray:
    """H v ≈ (∇J(θ + εv) − ∇J(θ − εv)) / 2ε, the check for :func:`hessian_vector_product`."""
    v = _check_vector(net, v)
    if not (np.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a finite number > 0, got {eps}")
    theta = flatten(net)
    return (_gradient_at(net, X, Y, loss, theta + eps * v)
            - _gradient_at(net, X, Y, loss, theta - eps * v)) / (2 * eps)


def full_hessian(net: Network, X, Y, loss, max_parameters: int = 2000) -> np.ndarray:
    """The whole Hessian, one exact Hessian-vector product per column (small networks only)."""
    n = net.n_parameters
    if n > max_parameters:
        raise ValueError(f"the network has {n} parameters; full_hessian is meant for at most "
                         f"max_parameters={max_parameters}")
    H = np.column_stack([hessian_vector_product(net, X, Y, loss, e) for e in np.eye(n)])
    return (H + H.T) / 2  # symmetric up to round-off; symmetrise so eigvalsh sees it exactly


@dataclass(frozen=True)
class Eigen:
    """An eigenvalue estimate: ``value``, unit ``vector``, and the power ``iterations`` used."""

    value: float
    vector: np.ndarray
    iterations: int


def _power_iteration(hvp, n: int, rng, iterations: int, tol: float, shift: float = 0.0) -> Eigen:
    v = rng.standard_normal(n)
    v /= np.linalg.norm(v)
    value = 0.0
    for k in range(1, iterations + 1):
        w = hvp(v) - shift * v
        new_value = float(v @ w)
        norm = np.linalg.norm(w)
        if norm == 0:
            return Eigen(shift, v, k)
        v = w / norm
        if k > 1 and abs(new_value - value) <= tol * max(abs(new_value), 1e-12):
            value = new_value
            break
        value = new_value
    return Eigen(value + shift, v, k)


def top_eigenvalue(net: Network, X, Y, loss, iterations: int = 100, tol: float = 1e-6,
                   seed: int = 0) -> Eigen:
    """λ_max of the Hessian by power iteration on exact Hessian-vector products.

    Power iteration finds the eigenvalue of largest *size*. If that one is negative,
    a second run on H − λ I (whose largest-size eigenvalue is λ_max − λ) gives λ_max.
    Stops when the Rayleigh quotient changes by less than ``tol`` (relative).
    """
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or iterations < 1:
        raise ValueError(f"iterations must be a whole number ≥ 1, got {iterations!r}")
    if not (np.isfinite(tol) and tol > 0):
        raise ValueError(f"tol must be a finite number > 0, got {tol}")
    rng = np.random.default_rng(seed)
    hvp = lambda v: hessian_vector_product(net, X, Y, loss, v)
    first = _power_iteration(hvp, net.n_parameters, rng, iterations, tol)
    if first.value >= 0:
        return first
    return _power_iteration(hvp, net.n_parameters, rng, iterations, tol, shift=first.value)


# ----------------------------------------------------------------------------
# The edge of stability
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EdgeOfStability:
    """A full-batch gradient-descent run with the sharpness measured along the way.

    steps : (T + 1,) step numbers 0 … T.  losses : (T + 1,) training loss at each step.
    sharpness_steps : steps at which λ_max was measured.  sharpness : λ_max there.
    lr : the step size η.
    """

    steps: np.ndarray
    losses: np.ndarray
    sharpness_steps: np.ndarray
    sharpness: np.ndarray
    lr: float

    @property
    def threshold(self) -> float:
        """2/η, the largest curvature a quadratic tolerates at this step size (notebook 03)."""
        return 2.0 / self.lr

    def plateau(self, last_fraction: float = 0.5) -> float:
        """Median sharpness over the last ``last_fraction`` of the measurements."""
        if not 0 < last_fraction <= 1:
            raise ValueError(f"last_fraction must be in (0, 1], got {last_fraction}")
        k = max(1, int(round(last_fraction * len(self.sharpness))))
        return float(np.median(self.sharpness[-k:]))

    def first_crossing(self, fraction: float = 0.9) -> int | None:
        """The first measured step where λ_max ≥ ``fraction`` · 2/η (None if never)."""
        hit = np.nonzero(self.sharpness >= fraction * self.threshold)[0]
        return int(self.sharpness_steps[hit[0]]) if len(hit) else None

    def loss_increases(self) -> int:
        """How many steps raised the loss (zero for a monotone descent)."""
        return int(np.sum(np.diff(self.losses) > 0))


def edge_of_stability_run(net: Network, X, Y, loss, lr: float, steps: int, every: int = 10,
                          power_iterations: int = 20, seed: int = 0) -> EdgeOfStability:
    """Full-batch gradient descent θ ← θ − η∇J(θ) for ``steps`` steps, measuring λ_max every ``every``.

    Each measurement warm-starts power iteration from the previous top eigenvector, so
    ``power_iterations`` steps suffice while λ_max changes slowly. ``net`` is trained in place.
    """
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a finite number > 0, got {lr}")
    for name, value in (("steps", steps), ("every", every), ("power_iterations", power_iterations)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a whole number ≥ 1, got {value!r}")
    loss = get_loss(loss)
    Yt = _targets(net, Y, loss)
    rng = np.random.default_rng(seed)
    v = rng.standard_normal(net.n_parameters)
    losses, s_steps, sharp = [], [], []
    for k in range(steps + 1):
        J, grads, _ = loss_and_gradients(net, X, Yt, loss)
        losses.append(J)
        if k % every == 0:
            v, value = _warm_power(net, X, Yt, loss, v, power_iterations)
            s_steps.append(k)
            sharp.append(value)
        if k == steps or not np.isfinite(J):
            break
        net.set_parameters([p - lr * g for p, g in zip(net.parameters(), grads.as_list())])
    return EdgeOfStability(steps=np.arange(len(losses)), losses=np.array(losses),
                           sharpness_steps=np.array(s_steps), sharpness=np.array(sharp), lr=float(lr))


def _warm_power(net, X, Y, loss, v, iterations):
    v = v / np.linalg.norm(v)
    value = 0.0
    for _ in range(iterations):
        w = hessian_vector_product(net, X, Y, loss, v)
        value = float(v @ w)
        norm = np.linalg.norm(w)
        if norm == 0:
            break
        v = w / norm
    return v, value
