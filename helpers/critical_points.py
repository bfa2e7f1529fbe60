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
