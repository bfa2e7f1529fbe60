"""Critical points: where the gradient vanishes, and what the Hessian says about them.

At a critical point ∇J = 0, so the first-order picture is flat in every
direction. The second-order picture is the Hessian H: along an eigenvector v
with eigenvalue λ the function bends like λ t²/2. All λ > 0: a minimum (a
sufficient condition; a minimum needs only all λ ≥ 0, as J = x⁴ shows). All
λ < 0: a maximum. Some of each: a saddle. A zero eigenvalue with no sign
change: the second-order test cannot decide ("degenerate"), as at the centre
of the monkey saddle x³ − 3xy².

The last part is the high-dimensional picture: for a random symmetric matrix
the chance that *every* eigenvalue is positive falls very fast with dimension,
like exp(−(ln 3/4) n²) for large n (Dean & Majumdar 2006). That alone says only
what a Hessian with random signs would do. In models of random high-dimensional
functions (Bray & Dean 2007, used by Dauphin et al. 2014) it holds for critical
points at high loss, while those at low loss are mostly minima; real network
Hessians add many almost-flat directions (Sagun et al. 2017), and poor local
minima do exist.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Eigenvalues with |λ| at most this times the largest |λ| (or 1) count as zero.
ZERO_EIGENVALUE_TOL = 1e-9

KINDS = ("minimum", "maximum", "saddle", "degenerate")


def classify_eigenvalues(eigenvalues, tol: float = ZERO_EIGENVALUE_TOL) -> str:
    """Name a critical point from its Hessian's eigenvalues.

    Parameters
    ----------
    eigenvalues : the eigenvalues of the Hessian at a point where ∇J = 0.
    tol : relative size below which an eigenvalue counts as zero.

    Returns
    -------
    "minimum" (all λ > 0), "maximum" (all λ < 0), "saddle" (some λ > 0 and
    some λ < 0, even if others are zero) or "degenerate" (zero eigenvalues and
    no sign change: the second-order test cannot decide).
    """
    lam = np.asarray(eigenvalues, dtype=float).ravel()
    if lam.size == 0 or not np.all(np.isfinite(lam)):
        raise ValueError("need a non-empty list of finite eigenvalues")
    zero = tol * max(1.0, float(np.max(np.abs(lam))))
    has_up, has_down = bool(np.any(lam > zero)), bool(np.any(lam < -zero))
    if has_up and has_down:
        return "saddle"
    if np.any(np.abs(lam) <= zero):
        return "degenerate"
    return "minimum" if has_up else "maximum"


def classify_hessian(hessian, tol: float = ZERO_EIGENVALUE_TOL) -> str:
    """Name a critical point from its (symmetric) Hessian matrix; see :func:`classify_eigenvalues`."""
    h = _symmetric_matrix(hessian)
    return classify_eigenvalues(np.linalg.eigvalsh(h), tol)


def _symmetric_matrix(hessian) -> np.ndarray:
    h = np.asarray(hessian, dtype=float)
    if h.ndim != 2 or h.shape[0] != h.shape[1]:
        raise ValueError(f"a Hessian must be a square matrix, got shape {h.shape}")
    if not np.all(np.isfinite(h)):
        raise ValueError("the Hessian has entries that are not finite numbers")
    if not np.allclose(h, h.T, rtol=1e-10, atol=1e-12):
        raise ValueError("a Hessian must be symmetric (∂²J/∂x∂y = ∂²J/∂y∂x)")
    return h


@dataclass(frozen=True)
class CriticalPoint:
    """What the gradient and Hessian say at one point.

    point : where (shape (d,)).
    value : J there.
    grad_norm : ‖∇J‖ there (0 at an exact critical point).
    eigenvalues : of the Hessian, ascending.
    eigenvectors : columns are the matching unit eigenvectors (the eigen-directions).
    kind : "minimum", "maximum", "saddle" or "degenerate".
    """

    point: np.ndarray
    value: float
    grad_norm: float
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    kind: str

    @property
    def unstable_directions(self) -> np.ndarray:
        """Eigenvectors with negative eigenvalue, as rows: the ways downhill off the point."""
        return self.eigenvectors[:, self.eigenvalues < 0].T

    @property
    def stable_directions(self) -> np.ndarray:
        """Eigenvectors with positive eigenvalue, as rows: the ways back into the point."""
        return self.eigenvectors[:, self.eigenvalues > 0].T


def analyse_point(objective, point) -> CriticalPoint:
    """Evaluate J, ‖∇J‖ and the Hessian's eigen-decomposition of ``objective`` at ``point``.

    ``objective`` needs vectorised ``f``, ``grad`` and ``hessian`` (an ``Objective2D``).
    The ``kind`` is only meaningful where ``grad_norm`` is (close to) zero.
    """
    p = np.asarray(point, dtype=float)
    eigenvalues, eigenvectors = np.linalg.eigh(_symmetric_matrix(objective.hessian(p)))
    return CriticalPoint(
        point=p,
        value=float(objective.f(p)),
        grad_norm=float(np.linalg.norm(objective.grad(p))),
        eigenvalues=eigenvalues,
        eigenvectors=eigenvectors,
        kind=classify_eigenvalues(eigenvalues),
    )


def newton_critical_point(objective, guess, steps: int = 50, tol: float = 1e-14) -> np.ndarray:
    """Polish ``guess`` into a nearby critical point by Newton's method on ∇J = 0.

    Newton's step p ← p − H⁻¹∇J goes to the nearest critical point of any kind
    (it does not care whether it is a minimum or a saddle), which is what we want
    for locating saddles. Raises ValueError if the Hessian becomes singular.
    """
    p = np.asarray(guess, dtype=float)
    for _ in range(steps):
        g = objective.grad(p)
        if np.linalg.norm(g) <= tol:
            break
        try:
            p = p - np.linalg.solve(objective.hessian(p), g)
        except np.linalg.LinAlgError as err:
            raise ValueError(f"the Hessian is singular near {p}: Newton's method cannot go on") from err
    return p


def critical_points_on_grid(objective, n: int = 9, decimals: int = 6) -> list[CriticalPoint]:
    """Every critical point Newton's method reaches from an n × n grid of guesses over the
    objective's window, each once, classified; sorted by kind (minima, saddles, maxima) then x.

    Guesses whose Newton run fails or leaves the window are dropped. Points closer than
    10^-``decimals`` count as one.
    """
    (x0, x1), (y0, y1) = objective.x_range, objective.y_range
    found = {}
    for gx in np.linspace(x0, x1, n):
        for gy in np.linspace(y0, y1, n):
            try:
                p = newton_critical_point(objective, (gx, gy))
            except ValueError:
                continue
            inside = x0 <= p[0] <= x1 and y0 <= p[1] <= y1
            if inside and np.all(np.isfinite(p)) and np.linalg.norm(objective.grad(p)) < 1e-8:
                found.setdefault(tuple(np.round(p, decimals) + 0.0), p)
    order = {kind: i for i, kind in enumerate(("minimum", "saddle", "maximum", "degenerate"))}
    points = [analyse_point(objective, p) for p in found.values()]
    return sorted(points, key=lambda c: (order[c.kind], c.point[0]))


# ----------------------------------------------------------------------------
# High dimensions: how often is a random symmetric matrix positive definite?
# ----------------------------------------------------------------------------


def random_symmetric_matrices(dim: int, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` random symmetric dim × dim matrices (G + Gᵀ)/2 with G's entries N(0, 1).

    This is the Gaussian orthogonal ensemble: diagonal entries have variance 1,
    off-diagonal ones 1/2, and the distribution does not change under rotations.
    """
    g = rng.standard_normal((count, dim, dim))
    return (g + np.swapaxes(g, -1, -2)) / 2


@dataclass(frozen=True)
class DefinitenessFractions:
    """Fractions of random symmetric matrices by the signs of their eigenvalues.

    dims : the dimensions tried.
    trials : matrices drawn per dimension.
    all_positive : fraction with every eigenvalue > 0 (positive definite: a minimum, were it a Hessian).
    all_negative : fraction with every eigenvalue < 0 (a maximum).
    mixed : fraction with both signs (a saddle).
    negative_share : mean fraction of an eigenvalue list that is negative.
    """

    dims: np.ndarray
    trials: int
    all_positive: np.ndarray
    all_negative: np.ndarray
    mixed: np.ndarray
    negative_share: np.ndarray


def definiteness_fractions(dims, trials: int = 20_000, seed: int = 0) -> DefinitenessFractions:
    """Draw ``trials`` random symmetric matrices per dimension and count eigenvalue signs.

    Seeded, so the printed fractions are the same on every run.
    """
    dims = np.asarray(dims, dtype=int)
    if trials < 1 or np.any(dims < 1):
        raise ValueError("dimensions and the number of trials must be positive")
    rng = np.random.default_rng(seed)
    pos, neg, mixed, share = [], [], [], []
    for dim in dims:
        lam = np.linalg.eigvalsh(random_symmetric_matrices(int(dim), trials, rng))
        pos.append(np.mean(np.all(lam > 0, axis=1)))
        neg.append(np.mean(np.all(lam < 0, axis=1)))
        mixed.append(np.mean(np.any(lam > 0, axis=1) & np.any(lam < 0, axis=1)))
        share.append(np.mean(lam < 0))
    return DefinitenessFractions(dims=dims, trials=trials, all_positive=np.array(pos),
                                 all_negative=np.array(neg), mixed=np.array(mixed),
                                 negative_share=np.array(share))


#: P(a 2 × 2 matrix of the ensemble above is positive definite), worked out exactly.
#: Write it as [[s + d, b], [b, s − d]] with s, d, b independent N(0, 1/2): the
#: eigenvalues are s ± √(d² + b²), so it is positive definite when s > √(d² + b²).
#: The direction of the Gaussian vector (s, d, b) is uniform on the sphere, and that
#: condition is the cap within 45° of the +s axis, whose share of the sphere is
#: (1 − cos 45°)/2 = (2 − √2)/4 ≈ 0.146.
POSITIVE_DEFINITE_2X2 = (2 - np.sqrt(2)) / 4


# ----------------------------------------------------------------------------
# Critical points of a tiny network: index against loss (Dauphin et al. 2014, Fig. 1)
# ----------------------------------------------------------------------------
#
# For a network the same questions can be asked as for the functions above, but
# there is no formula for where ∇J = 0. Critical points are found numerically,
# from many starts, by Newton-type methods on the equation ∇J(θ) = 0. Newton's
# method does not care whether it lands on a minimum or a saddle, which is why
# Dauphin et al. used it to find saddles; it is attracted to some critical points
# more than to others, so what it finds is a sample, not a census.


def hessian_index(eigenvalues, tol: float = 1e-9) -> np.ndarray:
    """The index of a critical point: the *fraction* of its Hessian's eigenvalues that are negative.

    0 at a minimum, 1 at a maximum, in between at a saddle (Dauphin et al. 2014 call it α).
    An eigenvalue counts as negative when λ < −tol · max(1, max |λ|); smaller ones are the
    flat directions a network's symmetries create, and count as zero. ``eigenvalues`` may be
    one list or a stack of them (one row per point); returns a float or an array of them.
    """
    lam = np.asarray(eigenvalues, dtype=float)
    if lam.size == 0 or lam.shape[-1] == 0 or not np.all(np.isfinite(lam)):
        raise ValueError("need non-empty lists of finite eigenvalues")
    zero = tol * np.maximum(1.0, np.max(np.abs(lam), axis=-1, keepdims=True))
    return np.mean(lam < -zero, axis=-1)


class TinyNetwork:
    """A one-hidden-layer tanh network with squared error, evaluated at many weight vectors at once.

    f(x) = Σⱼ vⱼ tanh(wⱼ·x + bⱼ) + c and J(θ) = (1/2m) Σᵢ (f(xᵢ) − yᵢ)², the network
    ``Network([n₀, hidden, 1], "tanh")`` of :mod:`helpers.nn` with the same flat order of θ
    (W row by row, b, v, c; see :func:`helpers.landscape.flatten`). Every method takes a stack
    θ of shape (K, P), one weight vector per row, and works on all K at once: the loss, the
    gradient and the exact Hessian in closed form,

        ∇J = (1/m) Σᵢ rᵢ ∇fᵢ,   H = (1/m) Σᵢ (∇fᵢ ∇fᵢᵀ + rᵢ ∇²fᵢ),   rᵢ = f(xᵢ) − yᵢ,

    where ∇²fᵢ only couples the weights of one hidden unit with each other and with its vⱼ.
    The unit tests check both against :mod:`helpers.sharpness` (the R-operator) and finite
    differences.
    """

    def __init__(self, X, y, hidden: int):
        X = np.asarray(X, dtype=float)
        X = X[:, None] if X.ndim == 1 else X
        y = np.asarray(y, dtype=float).ravel()
        if X.ndim != 2 or len(X) != len(y) or len(y) == 0:
            raise ValueError(f"X must have one row per target; got shapes {X.shape} and {y.shape}")
        if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y))):
            raise ValueError("the data must be finite numbers")
        if isinstance(hidden, bool) or not isinstance(hidden, (int, np.integer)) or hidden < 1:
            raise ValueError(f"hidden must be a whole number ≥ 1, got {hidden!r}")
        self.X, self.y, self.hidden = X, y, int(hidden)
        m, n0 = X.shape
        h = self.hidden
        self.sizes = (n0, h, 1)
        self.n_parameters = n0 * h + 2 * h + 1
        self._U = np.concatenate([X, np.ones((m, 1))], axis=1)  # inputs with a 1 for the bias
        # flat positions of unit j's incoming weights and bias, and of its output weight vⱼ
        self._unit = [np.array([a * h + j for a in range(n0)] + [n0 * h + j]) for j in range(h)]
        self._out = [n0 * h + h + j for j in range(h)]

    def as_network(self, theta):
        """The same weights as a :class:`helpers.nn.Network` (to check against its backprop)."""
        from .landscape import unflatten
        from .nn import Network

        net = Network(self.sizes, "tanh", "identity", seed=0)
        net.set_parameters(unflatten(net, np.asarray(theta, dtype=float)))
        return net

    def _stack(self, theta) -> np.ndarray:
        theta = np.asarray(theta, dtype=float)
        theta = theta[None, :] if theta.ndim == 1 else theta
        if theta.ndim != 2 or theta.shape[1] != self.n_parameters:
            raise ValueError(f"θ must have {self.n_parameters} entries per row, got shape {theta.shape}")
        return theta

    def _forward(self, theta):
        K = len(theta)
        n0, h, _ = self.sizes
        W = theta[:, :n0 * h].reshape(K, n0, h)
        b, v, c = theta[:, n0 * h:n0 * h + h], theta[:, n0 * h + h:n0 * h + 2 * h], theta[:, -1]
        A = np.tanh(np.einsum("ia,kaj->kij", self.X, W) + b[:, None, :])
        r = np.einsum("kij,kj->ki", A, v) + c[:, None] - self.y
        return v, A, r

    def predict(self, theta, X) -> np.ndarray:
        """f(x) for the inputs X at each row of θ, shape (K, len(X))."""
        theta = self._stack(theta)
        X = np.asarray(X, dtype=float)
        X = X[:, None] if X.ndim == 1 else X
        n0, h, _ = self.sizes
        W = theta[:, :n0 * h].reshape(len(theta), n0, h)
        A = np.tanh(np.einsum("ia,kaj->kij", X, W) + theta[:, None, n0 * h:n0 * h + h])
        return np.einsum("kij,kj->ki", A, theta[:, n0 * h + h:n0 * h + 2 * h]) + theta[:, -1:]

    def loss(self, theta) -> np.ndarray:
        """J at each row of θ, shape (K,)."""
        _, _, r = self._forward(self._stack(theta))
        return 0.5 * np.mean(r * r, axis=1)

    def _jacobian(self, v, A):
        """∂f(xᵢ)/∂θ, shape (K, m, P)."""
        K, m, h = A.shape
        n0 = self.sizes[0]
        vS = v[:, None, :] * (1 - A * A)
        jac = np.empty((K, m, self.n_parameters))
        jac[:, :, :n0 * h] = (self.X[None, :, :, None] * vS[:, :, None, :]).reshape(K, m, n0 * h)
        jac[:, :, n0 * h:n0 * h + h] = vS
        jac[:, :, n0 * h + h:n0 * h + 2 * h] = A
        jac[:, :, -1] = 1.0
        return jac

    def loss_and_gradient(self, theta):
        """(J of shape (K,), ∇J of shape (K, P))."""
        v, A, r = self._forward(self._stack(theta))
        m = len(self.y)
        return 0.5 * np.mean(r * r, axis=1), np.einsum("ki,kip->kp", r, self._jacobian(v, A)) / m

    def loss_gradient_hessian(self, theta):
        """(J, ∇J, H) with H of shape (K, P, P), exact and symmetric."""
        v, A, r = self._forward(self._stack(theta))
        m = len(self.y)
        jac = self._jacobian(v, A)
        grad = np.einsum("ki,kip->kp", r, jac) / m
        H = np.einsum("kip,kiq->kpq", jac, jac) / m
        S = 1 - A * A
        weight = (r / m)[:, :, None]
        # rᵢ ∇²fᵢ: unit j's (w, b) block vⱼ tanh''·u uᵀ, and its cross terms with vⱼ, tanh'·u.
        block = np.einsum("kij,ia,ib->kjab", weight * (-2 * A * S) * v[:, None, :], self._U, self._U)
        cross = np.einsum("kij,ia->kja", weight * S, self._U)
        for j, (unit, out) in enumerate(zip(self._unit, self._out)):
            H[:, unit[:, None], unit[None, :]] += block[:, j]
            H[:, unit, out] += cross[:, j]
            H[:, out, unit] += cross[:, j]
        H = (H + np.swapaxes(H, 1, 2)) / 2  # symmetric up to round-off; make it exactly so
        return 0.5 * np.mean(r * r, axis=1), grad, H


def _batched(step, accept, theta, model, iterations, damping):
    """Shared loop of the two damped Newton methods: one damping μ per row, ×4 on a rejected
    step, ÷3 on an accepted one (Levenberg–Marquardt)."""
    theta = model._stack(theta).copy()
    mu = np.full(len(theta), float(damping))
    J, g, H = model.loss_gradient_hessian(theta)
    for _ in range(iterations):
        with np.errstate(all="ignore"):
            trial = theta + step(g, H, mu)
            J2, g2, H2 = model.loss_gradient_hessian(trial)
            ok = accept(J, g, J2, g2) & np.all(np.isfinite(trial), axis=1)
        theta[ok], J[ok], g[ok], H[ok] = trial[ok], J2[ok], g2[ok], H2[ok]
        mu = np.where(ok, np.maximum(mu / 3, 1e-14), np.minimum(mu * 4, 1e12))
    return theta, J, g, H


def newton_on_gradient_norm(model: TinyNetwork, starts, iterations: int = 200, damping: float = 1.0):
    """Damped Newton on ∇J(θ) = 0, i.e. Gauss–Newton on ‖∇J‖²: from every row of ``starts``.

    Step δ = −(H² + μI)⁻¹ H ∇J, kept only if it lowers ‖∇J‖ (μ → 0 gives Newton's
    δ = −H⁻¹∇J). It goes to critical points of every kind, and it can also stall where
    ‖∇J‖² has a minimum that is not zero: keep only rows whose final ‖∇J‖ is tiny.
    Returns (θ, J, ∇J, H) at the last accepted step of each row.
    """
    def step(g, H, mu):
        lhs = H @ H + mu[:, None, None] * np.eye(H.shape[-1])
        return -np.linalg.solve(lhs, (H @ g[..., None]))[..., 0]

    def accept(J, g, J2, g2):
        return np.linalg.norm(g2, axis=1) < np.linalg.norm(g, axis=1)

    return _batched(step, accept, starts, model, iterations, damping)


def newton_minimise(model: TinyNetwork, starts, iterations: int = 300, damping: float = 1.0):
    """Damped Newton on J itself: δ = −(H + (μ + max(0, −λ_min))I)⁻¹ ∇J, kept if J does not rise.

    The shift makes the matrix positive definite, so every step goes downhill: it polishes a
    point near a minimum into the minimum (and never stops at a saddle on purpose).
    """
    def step(g, H, mu):
        shift = mu + np.maximum(0.0, -np.linalg.eigvalsh(H)[:, 0])
        return -np.linalg.solve(H + shift[:, None, None] * np.eye(H.shape[-1]), g[..., None])[..., 0]

    def accept(J, g, J2, g2):
        return J2 <= J

    return _batched(step, accept, starts, model, iterations, damping)


@dataclass(frozen=True)
class CriticalPointSurvey:
    """Critical points of a :class:`TinyNetwork` found from many starts, with their Hessians.

    points : (N, P) the kept points (‖∇J‖ < ``threshold``); losses, grad_norms : (N,);
    eigenvalues : (N, P) ascending; index : (N,) fraction negative (:func:`hessian_index`);
    found_by : (N,) "newton" (damped Newton on ∇J = 0) or "descent" (gradient descent,
    then Newton on J); starts : how many starts each method had; threshold : the ‖∇J‖ cut;
    final_grad_norms : ‖∇J‖ at the end of every run, kept or not (none may sit near the cut).
    """

    points: np.ndarray
    losses: np.ndarray
    grad_norms: np.ndarray
    eigenvalues: np.ndarray
    index: np.ndarray
    found_by: np.ndarray
    starts: dict
    threshold: float
    final_grad_norms: np.ndarray

    @property
    def negatives(self) -> np.ndarray:
        """How many negative eigenvalues each point has (index × P)."""
        return np.rint(self.index * self.eigenvalues.shape[1]).astype(int)

    def kept(self, method: str) -> int:
        return int(np.sum(self.found_by == method))

    def levels(self, digits: int = 3):
        """Distinct critical points up to the network's symmetries: rows (loss to ``digits``
        significant digits, number of negative eigenvalues, how many points, found by)."""
        rows: dict = {}
        for J, k, how in zip(self.losses, self.negatives, self.found_by):
            key = (float(f"{J:.{digits}g}"), int(k))
            count, methods = rows.get(key, (0, set()))
            rows[key] = (count + 1, methods | {str(how)})
        return [(J, k, n, "+".join(sorted(m))) for (J, k), (n, m) in sorted(rows.items())]

    def representatives(self, digits: int = 3) -> np.ndarray:
        """For each row of :meth:`levels`, the position in ``points`` of its first point."""
        keys = [(float(f"{J:.{digits}g}"), int(k)) for J, k in zip(self.losses, self.negatives)]
        return np.array([keys.index((J, k)) for J, k, _, _ in self.levels(digits)], dtype=int)

    def correlation(self) -> float:
        """Pearson correlation between log₁₀ J and the index over the kept points."""
        return float(np.corrcoef(np.log10(self.losses), self.index)[0, 1])

    def smallest_nonzero_gap(self, tol: float = 1e-9):
        """(largest |λ|/max|λ| counted as zero, smallest one counted as non-zero) over all points:
        the index does not depend on ``tol`` anywhere between the two."""
        scale = np.maximum(1.0, np.max(np.abs(self.eigenvalues), axis=1, keepdims=True))
        rel = np.abs(self.eigenvalues) / scale
        return float(rel[rel <= tol].max(initial=0.0)), float(rel[rel > tol].min(initial=np.inf))


def survey_critical_points(X, y, hidden: int = 3, random_starts: int = 150, scales=(0.3, 1.0, 3.0),
                           descent_runs: int = 30, descent_steps: int = 3000, lr: float = 0.5,
                           snapshots: int = 10, threshold: float = 1e-10, seed: int = 0,
                           newton_iterations: int = 200, polish_iterations: int = 300,
                           tol: float = 1e-9) -> CriticalPointSurvey:
    """Find critical points of ``TinyNetwork(X, y, hidden)`` from seeded starts.

    Starts for damped Newton on ∇J = 0: ``random_starts`` Gaussian weight vectors, a third at
    each of the ``scales``, plus ``snapshots`` points along each of ``descent_runs`` gradient
    descent runs (η = ``lr``, ``descent_steps`` steps, from N(0, 1) weights). The end points of
    those runs are also polished by Newton on J (:func:`newton_minimise`), which finds minima.
    Every point with ‖∇J‖ < ``threshold`` is kept, with its Hessian's eigenvalues and index.
    """
    model = TinyNetwork(X, y, hidden)
    P = model.n_parameters
    rng = np.random.default_rng(seed)
    per_scale = -(-random_starts // len(scales))
    random = np.concatenate([s * rng.standard_normal((per_scale, P)) for s in scales])[:random_starts]
    theta = rng.standard_normal((descent_runs, P))
    every = max(1, descent_steps // snapshots)
    path = []
    for k in range(1, descent_steps + 1):
        theta = theta - lr * model.loss_and_gradient(theta)[1]
        if k % every == 0:
            path.append(theta.copy())
    starts = np.concatenate([random] + path)
    minimised = newton_minimise(model, theta, polish_iterations)
    found = [newton_on_gradient_norm(model, starts, newton_iterations),
             _finish(model, minimised)]
    points, losses, norms, eigs, how, final = [], [], [], [], [], []
    for name, (t, J, g, H) in zip(("newton", "descent"), found):
        norm = np.linalg.norm(g, axis=1)
        final.append(norm)
        keep = norm < threshold
        points.append(t[keep]), losses.append(J[keep]), norms.append(norm[keep])
        eigs.append(np.linalg.eigvalsh(H[keep]) if keep.any() else np.zeros((0, P)))
        how += [name] * int(keep.sum())
    eigenvalues = np.concatenate(eigs)
    return CriticalPointSurvey(
        points=np.concatenate(points), losses=np.concatenate(losses), grad_norms=np.concatenate(norms),
        eigenvalues=eigenvalues, index=hessian_index(eigenvalues, tol) if len(eigenvalues) else np.zeros(0),
        found_by=np.array(how), starts={"newton": len(starts), "descent": descent_runs},
        threshold=threshold, final_grad_norms=np.concatenate(final))


def _finish(model, found, near: float = 1e-6, iterations: int = 20):
    """Newton on ∇J = 0 for the rows already within ``near`` of ∇J = 0. Newton on J stalls at
    ‖∇J‖ ≈ 1e-10, where J stops changing in its last digits; Newton on ∇J = 0 (quadratic
    convergence to the minimum next to it) takes ‖∇J‖ down to round-off, far from the cut."""
    theta, J, g, H = (np.array(a) for a in found)
    close = np.linalg.norm(g, axis=1) < near
    if close.any():
        theta[close], J[close], g[close], H[close] = newton_on_gradient_norm(model, theta[close], iterations)
    return theta, J, g, H


def bump_data(m: int = 20):
    """The tiny data set of notebook 08's critical-point survey: m points on [−2, 2] of
    y = e^(−4x²) − ½ e^(−4(x−1)²) (a bump and a dip, which three tanh units can fit)."""
    x = np.linspace(-2.0, 2.0, m)
    return x[:, None], np.exp(-4 * x ** 2) - 0.5 * np.exp(-4 * (x - 1) ** 2)
