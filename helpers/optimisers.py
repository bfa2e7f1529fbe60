"""Optimisers beyond plain gradient descent, each a step rule with its state in the open.

Every rule has ``init(x) -> state`` and ``step(x, g, state) -> (x_new, state)`` like
the rules of :mod:`helpers.descent`, so it works with :func:`helpers.descent.run`, with
:class:`helpers.training.Trainer` (one state per weight array) and on many starts at once:
``x`` and ``g`` may have any shape, e.g. (n, d) for n starts, and every operation is
per coordinate. The rules (``g`` is the gradient at ``x``, all operations per coordinate):

* ``Momentum`` (heavy ball, Polyak 1964): v ← βv − ηg;  x ← x + v.
* ``Nesterov`` (1983, in Sutskever et al.'s 2013 form): v ← βv − ηg;  x ← x + βv − ηg.
* ``AdaGrad`` (Duchi et al. 2011): G ← G + g²;  x ← x − η g / (√G + ε).
* ``RMSProp`` (Hinton's lecture 6e, 2012): s ← β₂s + (1 − β₂)g²;  x ← x − η g / (√s + ε).
* ``Adam`` (Kingma & Ba 2015, Algorithm 1): m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
  m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ);  x ← x − η m̂ / (√v̂ + ε).  ``bias_correction=False``
  uses m and v themselves.
* ``AdamW`` (Loshchilov & Hutter 2019, Algorithm 2): Adam's step plus a decay of the
  weights that does not pass through m and v:  x ← x − η_t (α m̂/(√v̂ + ε) + λx).
* ``WithL2``: any rule fed the gradient of J(x) + (λ/2)‖x‖², i.e. g + λx (L2 regularisation).

:func:`race` runs several rules from one start on one objective and says for each how
it ended (converged / stalled / diverged at step k / still descending);
:func:`run_many` runs one rule from many starts. The second half of the module is the
theory of heavy-ball momentum on a quadratic: the two-term recurrence, its 2×2
iteration matrix, the stability limit ηλ < 2 + 2β and the rate over the (η, β) plane.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, NamedTuple

import numpy as np

from . import descent
from .descent import BLOW_UP_NORM, GradientDescent, NoisyGradient
from .step_size import heavy_ball_rate, momentum_rate, tuned_momentum

__all__ = [
    "GradientDescent", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW", "WithL2",
    "NoisyGradient", "make_rule", "OPTIMISERS", "explain_step", "run_many", "race", "Race",
    "RaceEntry", "iteration_matrix", "spectral_radius", "heavy_ball_rate", "stability_limit",
    "measured_stability_limit", "rate_map", "measured_rate_map", "optimal_pair", "momentum_rate",
    "sqrt_beta_regime", "noise_floor",
]


# ----------------------------------------------------------------------------
# Checking the hyper-parameters: one ValueError that names the argument
# ----------------------------------------------------------------------------

def _check_lr(lr: float, name: str = "lr (the learning rate η)") -> None:
    if not (isinstance(lr, (int, float, np.floating, np.integer)) and np.isfinite(lr) and lr >= 0):
        raise ValueError(f"{name} must be a finite number ≥ 0, got {lr!r}")


def _check_beta(beta: float, name: str) -> None:
    if not (isinstance(beta, (int, float, np.floating, np.integer)) and 0 <= beta < 1):
        raise ValueError(f"{name} must be in [0, 1), got {beta!r}")


def _check_eps(eps: float) -> None:
    if not (isinstance(eps, (int, float, np.floating, np.integer)) and np.isfinite(eps) and eps > 0):
        raise ValueError(f"eps (ε) must be a finite number > 0, got {eps!r}")


def _zeros(x) -> np.ndarray:
    return np.zeros_like(np.asarray(x, dtype=float))


# ----------------------------------------------------------------------------
# The step rules
# ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Momentum(descent.Momentum):
    """Heavy-ball momentum: v ← βv − ηg, then x ← x + v (state: the velocity v).

    The same rule as :class:`helpers.descent.Momentum`, with its arguments checked.
    """

    def __post_init__(self):
        _check_lr(self.lr)
        _check_beta(self.beta, "beta (the momentum β)")


@dataclass(frozen=True)
class Nesterov:
    """Nesterov's accelerated gradient: v ← βv − ηg, then x ← x + βv − ηg (state: v).

    Nesterov's method takes the gradient at a look-ahead point y = x + βv. Written for
    the look-ahead point itself (Sutskever et al. 2013), the gradient is taken where the
    iterate is, and the step adds the *new* velocity once more, times β.
    """

    lr: float
    beta: float = 0.9

    def __post_init__(self):
        _check_lr(self.lr)
        _check_beta(self.beta, "beta (the momentum β)")

    def init(self, x) -> np.ndarray:
        return _zeros(x)

    def step(self, x, g, state):
        velocity = self.beta * state - self.lr * g
        return x + self.beta * velocity - self.lr * g, velocity


class AdaGradState(NamedTuple):
    """AdaGrad remembers the running sum of squared gradients G, per coordinate."""

    sum_sq: np.ndarray


@dataclass(frozen=True)
class AdaGrad:
    """AdaGrad: G ← G + g², then x ← x − η g / (√G + ε).

    Each coordinate's step is divided by the root of its whole history of squared
    gradients, so steep coordinates slow down at once and every step keeps shrinking.
    """

    lr: float
    eps: float = 1e-8

    def __post_init__(self):
        _check_lr(self.lr)
        _check_eps(self.eps)

    def init(self, x) -> AdaGradState:
        return AdaGradState(_zeros(x))

    def step(self, x, g, state: AdaGradState):
        sum_sq = state.sum_sq + g * g
        return x - self.lr * g / (np.sqrt(sum_sq) + self.eps), AdaGradState(sum_sq)


class RMSPropState(NamedTuple):
    """RMSProp remembers a moving average s of squared gradients, per coordinate."""

    mean_sq: np.ndarray


@dataclass(frozen=True)
class RMSProp:
    """RMSProp: s ← β₂ s + (1 − β₂) g², then x ← x − η g / (√s + ε).

    Like AdaGrad, but the history fades (weight β₂ per step), so the step size does not
    shrink for ever.
    """

    lr: float
    beta2: float = 0.9
    eps: float = 1e-8

    def __post_init__(self):
        _check_lr(self.lr)
        _check_beta(self.beta2, "beta2 (the decay β₂ of the squared-gradient average)")
        _check_eps(self.eps)

    def init(self, x) -> RMSPropState:
        return RMSPropState(_zeros(x))

    def step(self, x, g, state: RMSPropState):
        mean_sq = self.beta2 * state.mean_sq + (1 - self.beta2) * g * g
        return x - self.lr * g / (np.sqrt(mean_sq) + self.eps), RMSPropState(mean_sq)


class AdamState(NamedTuple):
    """Adam remembers the step count t and moving averages m (of g) and v (of g²)."""

    t: int
    m: np.ndarray
    v: np.ndarray


@dataclass(frozen=True)
class Adam:
    """Adam (Kingma & Ba 2015, Algorithm 1).

    m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ),
    x ← x − η m̂/(√v̂ + ε).  With ``bias_correction=False`` the step uses m and v, which
    start at 0 and so are too small during the first ~1/(1 − β) steps.
    """

    lr: float = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    bias_correction: bool = True

    def __post_init__(self):
        _check_lr(self.lr)
        _check_beta(self.beta1, "beta1 (the decay β₁ of the gradient average)")
        _check_beta(self.beta2, "beta2 (the decay β₂ of the squared-gradient average)")
        _check_eps(self.eps)

    def init(self, x) -> AdamState:
        return AdamState(0, _zeros(x), _zeros(x))

    def moments(self, g, state: AdamState) -> AdamState:
        """The state after seeing gradient ``g``: t + 1 and the updated m and v."""
        m = self.beta1 * state.m + (1 - self.beta1) * g
        v = self.beta2 * state.v + (1 - self.beta2) * g * g
        return AdamState(state.t + 1, m, v)

    def corrected(self, state: AdamState) -> tuple[np.ndarray, np.ndarray]:
        """(m̂, v̂): the moments divided by 1 − βᵗ, or m and v without bias correction."""
        if not self.bias_correction:
            return state.m, state.v
        return state.m / (1 - self.beta1 ** state.t), state.v / (1 - self.beta2 ** state.t)

    def direction(self, state: AdamState) -> np.ndarray:
        """m̂/(√v̂ + ε): the step before it is multiplied by η."""
        m_hat, v_hat = self.corrected(state)
        return m_hat / (np.sqrt(v_hat) + self.eps)

    def step(self, x, g, state: AdamState):
        state = self.moments(g, state)
        return x - self.lr * self.direction(state), state


@dataclass(frozen=True)
class AdamW(Adam):
    """AdamW (Loshchilov & Hutter 2019, Algorithm 2): Adam with decoupled weight decay.

    x ← x − η_t (α m̂/(√v̂ + ε) + λx), with α = ``lr``, λ = ``weight_decay`` and the schedule
    multiplier η_t = ``schedule(t)`` (1 by default). The decay λx is *not* added to the
    gradient, so it is not divided by √v̂: every weight shrinks by the same factor.
    (PyTorch's ``AdamW`` multiplies its ``weight_decay`` by the learning rate: its
    weight_decay is λ/α here.)
    """

    weight_decay: float = 0.01
    schedule: Callable[[int], float] | None = None

    def __post_init__(self):
        super().__post_init__()
        _check_lr(self.weight_decay, "weight_decay (λ)")

    def step(self, x, g, state: AdamState):
        state = self.moments(g, state)
        multiplier = 1.0 if self.schedule is None else float(self.schedule(state.t))
        return x - multiplier * (self.lr * self.direction(state) + self.weight_decay * x), state


@dataclass(frozen=True)
class WithL2:
    """Any rule on the L2-regularised loss J(x) + (λ/2)‖x‖²: it is given g + λx.

    With Adam the extra λx passes through the division by √v̂, so weights with large
    gradients are decayed less; that is what AdamW avoids.
    """

    rule: Any
    weight_decay: float

    def __post_init__(self):
        _check_lr(self.weight_decay, "weight_decay (λ)")

    def init(self, x):
        return self.rule.init(x)

    def step(self, x, g, state):
        return self.rule.step(x, g + self.weight_decay * x, state)


#: The optimisers by name, with the hyper-parameters each one takes.
OPTIMISERS: dict[str, tuple[type, tuple[str, ...]]] = {
    "gradient descent": (GradientDescent, ("lr",)),
    "momentum": (Momentum, ("lr", "beta")),
    "Nesterov": (Nesterov, ("lr", "beta")),
    "AdaGrad": (AdaGrad, ("lr", "eps")),
    "RMSProp": (RMSProp, ("lr", "beta2", "eps")),
    "Adam": (Adam, ("lr", "beta1", "beta2", "eps")),
}


def make_rule(name: str, **settings) -> Any:
    """The optimiser ``name`` with those of ``settings`` it takes (others are ignored).

    ``beta`` is used as β₁ for Adam, so one "β" setting can drive every rule.
    """
    if name not in OPTIMISERS:
        raise ValueError(f"unknown optimiser {name!r}; choose one of: {', '.join(OPTIMISERS)}")
    cls, takes = OPTIMISERS[name]
    if "beta1" in takes and "beta1" not in settings and "beta" in settings:
        settings = {**settings, "beta1": settings["beta"]}
    if cls is GradientDescent:
        _check_lr(settings.get("lr"))
    return cls(**{key: settings[key] for key in takes if key in settings})


def explain_step(rule: Any, g, state) -> dict[str, np.ndarray | None]:
    """How ``rule`` builds its step from gradient ``g`` and the state it had before.

    Returns a dict of arrays shaped like ``g``:
    ``gradient`` (g), ``velocity`` (what the rule carries over from past gradients:
    v for momentum and Nesterov, η·m̂ for Adam, else None), ``scale`` (the per-coordinate
    step size the rule applies: η/(√G + ε), η/(√s + ε), η/(√v̂ + ε); η for the others) and
    ``step`` (x_new − x).
    """
    g = np.asarray(g, dtype=float)
    # At x = 0 AdamW's decay λx vanishes: the explanation shows the gradient's part.
    step, new_state = rule.step(np.zeros_like(g), g, state)
    velocity, scale = None, np.full_like(g, getattr(rule, "lr", np.nan))
    if isinstance(rule, (Momentum, Nesterov)):
        velocity = new_state
    elif isinstance(rule, AdaGrad):
        scale = rule.lr / (np.sqrt(new_state.sum_sq) + rule.eps)
    elif isinstance(rule, RMSProp):
        scale = rule.lr / (np.sqrt(new_state.mean_sq) + rule.eps)
    elif isinstance(rule, Adam):
        m_hat, v_hat = rule.corrected(new_state)
        velocity = rule.lr * m_hat
        scale = rule.lr / (np.sqrt(v_hat) + rule.eps)
    return {"gradient": g, "velocity": velocity, "scale": scale, "step": step}


# ----------------------------------------------------------------------------
# Running: one rule from many starts, or several rules racing from one start
# ----------------------------------------------------------------------------

@dataclass(frozen=True)
class ManyRuns:
    """One rule from n starts. points (steps + 1, n, d), losses (steps + 1, n);
    NaN after a run diverged; diverged_at (n,) the step it did, or −1."""

    points: np.ndarray
    losses: np.ndarray
    diverged_at: np.ndarray


def run_many(objective, rule, starts, *, steps: int = 100, noise: float = 0.0,
             seed: int = 0) -> ManyRuns:
    """Run ``rule`` from each row of ``starts`` (n, d) on ``objective`` for ``steps`` steps.

    ``objective`` needs vectorised ``f`` and ``grad`` (an :class:`Objective2D` or anything
    with those attributes). With ``noise`` = σ > 0 each gradient gets σ ξ added, ξ ~ N(0, I)
    drawn from a generator seeded with ``seed`` (independent for every row).
    A run that leaves the finite numbers (or passes ‖x‖ = 1e8) is marked diverged and its
    later points are NaN.
    """
    if steps < 0:
        raise ValueError(f"steps must be ≥ 0, got {steps}")
    rule = NoisyGradient(rule, noise, seed) if noise > 0 else rule
    x = np.array(starts, dtype=float)
    n = len(x)
    points = np.full((steps + 1,) + x.shape, np.nan)
    losses = np.full((steps + 1, n), np.nan)
    diverged_at = np.full(n, -1)
    with np.errstate(all="ignore"):
        points[0], losses[0] = x, objective.f(x)
        state = rule.init(x)
        for k in range(1, steps + 1):
            x, state = rule.step(x, np.asarray(objective.grad(x), dtype=float), state)
            loss = objective.f(x)
            bad = ~(np.all(np.isfinite(x), axis=1) & np.isfinite(loss)
                    & (np.einsum("ij,ij->i", x, x) < BLOW_UP_NORM ** 2))
            diverged_at[bad & (diverged_at < 0)] = k
            alive = diverged_at < 0
            points[k][alive], losses[k][alive] = x[alive], loss[alive]
    return ManyRuns(points, losses, diverged_at)


@dataclass(frozen=True)
class RaceEntry:
    """One optimiser's run in a race.

    points (steps + 1, d) and losses (steps + 1,), NaN after a divergence; gradients
    (steps, d), the gradient each step used; states, the state before each step (for
    :func:`explain_step`); outcome: "converged", "stalled", "diverged" or "descending";
    outcome_step: the step of convergence, stalling or divergence (else the budget);
    message: the outcome in words.
    """

    name: str
    rule: Any
    points: np.ndarray
    losses: np.ndarray
    gradients: np.ndarray
    states: list
    outcome: str
    outcome_step: int
    message: str

    def last_finite(self, k: int | None = None) -> int:
        """The index of the last finite point at or before step ``k`` (default: the end)."""
        k = len(self.points) - 1 if k is None else min(k, len(self.points) - 1)
        finite = np.flatnonzero(np.isfinite(self.losses[:k + 1]))
        return int(finite[-1])

    def explain(self, k: int) -> dict:
        """:func:`explain_step` for step k → k + 1 (k from 0), at its last finite point."""
        k = min(max(k, 0), self.last_finite(len(self.gradients) - 1))
        k = min(k, len(self.gradients) - 1)
        return explain_step(self.rule, self.gradients[k], self.states[k])


def _describe(losses: np.ndarray, diverged_at: int, minimum: float | None, tol: float,
              stall_window: int) -> tuple[str, int, str]:
    steps = len(losses) - 1
    if diverged_at > 0:
        return "diverged", diverged_at, f"diverged at step {diverged_at}"
    if minimum is not None:
        gap = losses - minimum
        above = np.flatnonzero(gap > tol)
        if len(above) == 0 or above[-1] < steps:
            k = 0 if len(above) == 0 else int(above[-1]) + 1
            return "converged", k, f"converged at step {k} (loss within {tol:g} of the minimum)"
    # Stalled: the last stall_window steps lowered the loss by under 0.1 % of what is left.
    left = losses[-1] - (minimum if minimum is not None else 0.0)
    margin = 1e-3 * max(abs(left), tol)
    if steps >= stall_window and losses[-1 - stall_window] - losses[-1] < margin:
        higher = np.flatnonzero(losses - losses[-1] > margin)
        k = int(higher[-1]) + 1 if len(higher) else 0
        return "stalled", k, f"stalled from step {k} at loss {losses[-1]:.3g}"
    return "descending", steps, f"still descending after {steps} steps, loss {losses[-1]:.3g}"


def _race_all(rules: dict[str, Any], objective, start, steps, noise, seed, minimum, tol,
              stall_window) -> dict[str, RaceEntry]:
    """Run every rule from ``start`` at once: one row of x per rule, one gradient call per step
    for all of them (each rule then steps its own row, with its own state).

    Row by row this is the same arithmetic as running each rule alone: the gradient is computed
    element by element, and every rule sees the same noise draw at each step (one generator
    seeded with ``seed``, as each rule alone would draw it).
    """
    names = list(rules)
    x0 = np.array(start, dtype=float)
    d = x0.shape[-1]
    x = np.tile(x0, (len(names), 1))
    rng = np.random.default_rng(seed)
    points = [np.full((steps + 1, d), np.nan) for _ in names]
    gradients = [np.full((steps, d), np.nan) for _ in names]
    states = [[] for _ in names]
    state = [rules[name].init(x0) for name in names]
    diverged_at = [-1] * len(names)
    running = list(range(len(names)))
    for p in points:
        p[0] = x0
    blow_up_sq = BLOW_UP_NORM ** 2
    with np.errstate(all="ignore"):
        for k in range(1, steps + 1):
            g_all = np.asarray(objective.grad(x), dtype=float)
            if noise > 0:
                g_all = g_all + noise * rng.standard_normal(d)
            still = []
            for i in running:
                g = g_all[i]
                states[i].append(state[i])
                gradients[i][k - 1] = g
                x_new, state[i] = rules[names[i]].step(x[i], g, state[i])
                if not (x_new @ x_new < blow_up_sq):  # False for NaN too
                    diverged_at[i] = k
                    continue
                points[i][k] = x_new
                x[i] = x_new
                still.append(i)
            running = still
            if not running:
                break
    entries = {}
    for i, name in enumerate(names):
        with np.errstate(all="ignore"):
            losses = np.asarray(objective.f(points[i]), dtype=float)
        losses[~np.isfinite(losses)] = np.nan
        if diverged_at[i] < 0 and np.any(np.isnan(losses)):
            diverged_at[i] = int(np.argmax(np.isnan(losses)))
        end = diverged_at[i] if diverged_at[i] > 0 else steps + 1
        outcome, at, message = _describe(losses[:end], diverged_at[i], minimum, tol, stall_window)
        entries[name] = RaceEntry(name, rules[name], points[i], losses, gradients[i], states[i],
                                  outcome, at, message)
    return entries


@dataclass(frozen=True)
class Race:
    """Several optimisers from one start. entries: name → :class:`RaceEntry`."""

    entries: dict[str, RaceEntry]
    minimum: float | None

    def leader(self, k: int) -> str | None:
        """The optimiser with the lowest loss at step k among those that have not diverged."""
        best, best_loss = None, np.inf
        for name, entry in self.entries.items():
            kk = min(k, len(entry.losses) - 1)
            loss = entry.losses[kk]
            if np.isfinite(loss) and loss < best_loss:
                best, best_loss = name, float(loss)
        return best

    def summary(self, k: int) -> str:
        """One line: the leader at step k, who has stalled and who has diverged by then."""
        parts = []
        leader = self.leader(k)
        if leader is not None:
            parts.append(f"step {k}: {leader} leads (loss {self.entries[leader].losses[k]:.3g})")
        else:
            parts.append(f"step {k}: every optimiser has diverged")
        for kind, verb in (("converged", "converged"), ("stalled", "stalled"),
                           ("diverged", "diverged")):
            who = [f"{name} (step {e.outcome_step})" for name, e in self.entries.items()
                   if e.outcome == kind and e.outcome_step <= k]
            if who:
                parts.append(f"{verb}: " + ", ".join(who))
        return " · ".join(parts)


def race(objective, rules: dict[str, Any], start=None, *, steps: int = 300, noise: float = 0.0,
         seed: int = 0, tol: float = 1e-6, stall_window: int = 25) -> Race:
    """Run each rule of ``rules`` (name → rule) from ``start`` on ``objective``.

    Parameters
    ----------
    objective : an :class:`Objective2D` (its ``minima`` give the lowest loss for "converged").
    rules : the optimisers by name.
    start : the start point; default ``objective.default_start``.
    steps : the step budget of every optimiser.
    noise, seed : gradient noise σ (see :class:`helpers.descent.NoisyGradient`), the same
        seed for every optimiser so they see the same noise sequence.
    tol : converged once the loss stays within ``tol`` of the lowest known minimum.
    stall_window : stalled when, without having converged, the last ``stall_window`` steps
        lowered the loss by less than 0.1 % of its distance to the lowest minimum; the
        stall starts after the last step whose loss was higher than the end's by more.

    Returns
    -------
    Race, whose ``entries[name]`` hold the trajectory, the losses and the outcome in words.
    """
    if steps < 1:
        raise ValueError(f"steps must be ≥ 1, got {steps}")
    start = objective.default_start if start is None else start
    minima = getattr(objective, "minima", ())
    minimum = float(np.min(objective.f(np.array(minima)))) if len(minima) else None
    entries = _race_all(rules, objective, start, steps, noise, seed, minimum, tol, stall_window)
    return Race(entries, minimum)


# ----------------------------------------------------------------------------
# Heavy-ball momentum on a quadratic: the theory
# ----------------------------------------------------------------------------
# Along an eigen-direction with curvature λ the error e = x − x* of heavy ball obeys
#   e_{k+1} = (1 + β − ηλ) e_k − β e_{k−1},
# i.e. (e_{k+1}, e_k) = M (e_k, e_{k−1}) with M = [[1 + β − ηλ, −β], [1, 0]].


def iteration_matrix(lr: float, beta: float, lam: float) -> np.ndarray:
    """The 2×2 matrix M taking (e_k, e_{k−1}) to (e_{k+1}, e_k) for heavy ball on λ."""
    return np.array([[1.0 + beta - lr * lam, -beta], [1.0, 0.0]])


def spectral_radius(lr: float, beta: float, lam: float) -> float:
    """ρ(M) = largest |eigenvalue| of :func:`iteration_matrix`: the rate per step."""
    return float(np.max(np.abs(np.linalg.eigvals(iteration_matrix(lr, beta, lam)))))


def stability_limit(beta: float) -> float:
    """2 + 2β: heavy ball on curvature λ converges iff 0 < ηλ < 2 + 2β (for 0 ≤ β < 1)."""
    _check_beta(beta, "beta (the momentum β)")
    return 2.0 + 2.0 * beta


def _runs_shrink(lrs, beta: float, lam: float, steps: int) -> np.ndarray:
    """For each η: does a heavy-ball run on J = λx²/2 end closer to 0 than it started?"""
    lrs = np.asarray(lrs, dtype=float)
    quadratic = _Quadratic1D(lam)
    runs = run_many(quadratic, _PerRowMomentum(lrs[:, None], beta), np.ones((len(lrs), 1)),
                    steps=steps)
    final = np.abs(runs.points[-1, :, 0])
    return (runs.diverged_at < 0) & (final < 1.0)


def measured_stability_limit(beta: float, lam: float = 1.0, *, steps: int = 2000,
                             n: int = 101, rounds: int = 3) -> float:
    """The largest ηλ for which heavy-ball runs shrink, measured by running them.

    Runs from x₀ = 1 on J = λx²/2 for ``steps`` steps over ``n`` values of η around the
    predicted limit, keeps the bracket between the last shrinking and the first growing
    run, and repeats ``rounds`` times on that bracket. Near the limit the rate is
    1 − O(distance), so the answer is good to about 1/``steps`` (relative).
    """
    _check_beta(beta, "beta (the momentum β)")
    lo, hi = 0.5 * stability_limit(beta), 1.5 * stability_limit(beta)
    for _ in range(rounds):
        grid = np.linspace(lo, hi, n)
        shrinks = _runs_shrink(grid / lam, beta, lam, steps)
        if shrinks.all() or not shrinks.any():
            raise RuntimeError("the bracket does not contain the stability limit")
        last = int(np.flatnonzero(shrinks)[-1])
        lo, hi = grid[last], grid[min(last + 1, n - 1)]
    return float(0.5 * (lo + hi))


class _Quadratic1D:
    """J(x) = λ‖x‖²/2 on rows of x, for measuring rates."""

    def __init__(self, lam):
        self.lam = np.asarray(lam, dtype=float)

    def f(self, x):
        return 0.5 * np.sum(self.lam * x * x, axis=-1)

    def grad(self, x):
        return self.lam * x


@dataclass(frozen=True)
class _PerRowMomentum:
    """Heavy ball with a learning rate and a β per row (arrays of shape (n, 1))."""

    lr: np.ndarray
    beta: Any

    def init(self, x):
        return _zeros(x)

    def step(self, x, g, state):
        velocity = self.beta * state - self.lr * g
        return x + velocity, velocity


def rate_map(lrs, betas, lam_min: float, lam_max: float) -> np.ndarray:
    """Predicted rate max(ρ(λ_min), ρ(λ_max)) over a grid: shape (len(betas), len(lrs)).

    On a quadratic with eigenvalues in [λ_min, λ_max] the slowest direction sets the rate;
    for heavy ball it is always one of the two ends (ρ is quasi-convex in λ).
    """
    L, B = np.meshgrid(np.asarray(lrs, dtype=float), np.asarray(betas, dtype=float))
    return np.maximum(heavy_ball_rate(L, B, lam_min), heavy_ball_rate(L, B, lam_max))


def measured_rate_map(lrs, betas, lam_min: float, lam_max: float, *, steps: int = 400,
                      gap: int = 200, window: int = 40) -> np.ndarray:
    """The rate measured from runs, on the same grid as :func:`rate_map`.

    One heavy-ball run per (η, β) pair, all at once, on J = ½(λ_min x² + λ_max y²) from
    (1, 1). The rate is (A_late / A_early)^(1/gap), where A is the largest ‖e_k‖ over a
    window of ``window`` steps (an envelope, since a spiralling error's norm wobbles)
    and the windows end ``gap`` steps apart, the later one at the last step.
    Diverged runs get inf; runs that reached 0 exactly get 0.
    """
    L, B = np.meshgrid(np.asarray(lrs, dtype=float), np.asarray(betas, dtype=float))
    lr_rows, beta_rows = L.reshape(-1, 1), B.reshape(-1, 1)
    quadratic = _Quadratic1D(np.array([lam_min, lam_max]))
    runs = run_many(quadratic, _PerRowMomentum(lr_rows, beta_rows), np.ones((len(lr_rows), 2)),
                    steps=steps)
    norms = np.linalg.norm(runs.points, axis=2)
    with np.errstate(all="ignore"):
        late = np.max(norms[steps + 1 - window:], axis=0)
        early = np.max(norms[steps + 1 - window - gap:steps + 1 - gap], axis=0)
        rate = np.where(early > 0, (late / early) ** (1.0 / gap), 0.0)
    rate[runs.diverged_at >= 0] = np.inf
    return rate.reshape(L.shape)


def optimal_pair(lam_min: float, lam_max: float) -> tuple[float, float, float]:
    """(η*, β*, rate): Polyak's fastest heavy ball on a quadratic with eigenvalues in
    [λ_min, λ_max]: η* = 4/(√λ_max + √λ_min)², β* = ((√κ − 1)/(√κ + 1))², rate √β*."""
    lr, beta = tuned_momentum(lam_min, lam_max)
    return lr, beta, momentum_rate(lam_max / lam_min)


def sqrt_beta_regime(lr, beta, lam) -> np.ndarray:
    """True where the roots of r² − (1 + β − ηλ)r + β are complex: then |r| = √β exactly.

    That happens for (1 − √β)² < ηλ < (1 + √β)²: the error spirals, and its rate depends
    on β alone — more momentum is slower there.
    """
    lam = np.asarray(lam, dtype=float)
    b = 1.0 + np.asarray(beta) - np.asarray(lr) * lam
    return b * b < 4.0 * np.asarray(beta)


def noise_floor(lr: float, lam: float, noise: float) -> float:
    """Expected loss λe²/2 that gradient descent with a constant step settles at, per
    coordinate, on J = λx²/2 with gradient noise σξ: ησ²/(2(2 − ηλ)), for 0 < ηλ < 2.

    From e_{k+1} = (1 − ηλ)e_k − ησξ_k: the variance V obeys V = (1 − ηλ)²V + η²σ².
    """
    if not 0 < lr * lam < 2:
        raise ValueError(f"the noise floor exists for 0 < ηλ < 2, got ηλ = {lr * lam:g}")
    return lr * noise ** 2 / (2.0 * (2.0 - lr * lam))
