"""The optimisers of notebook 07: three steps by hand, the published algorithms, the race."""
import math

import numpy as np
import pytest

from helpers import optimisers as op
from helpers.descent import run
from helpers.objectives import quadratic_bowl, rosenbrock, two_valleys

GRADIENTS = [1.0, -2.0, 0.5]  # a known gradient sequence, fed in whatever x is


def three_steps(rule, x0=0.0):
    x, state, xs = np.array([x0]), rule.init(np.array([x0])), []
    for g in GRADIENTS:
        x, state = rule.step(x, np.array([g]), state)
        xs.append(float(x[0]))
    return xs, state


def test_momentum_three_steps_by_hand():
    # η = 0.1, β = 0.5: v = −0.1, x = −0.1; v = −0.05 + 0.2 = 0.15, x = 0.05;
    # v = 0.075 − 0.05 = 0.025, x = 0.075.
    xs, v = three_steps(op.Momentum(0.1, 0.5))
    assert xs == pytest.approx([-0.1, 0.05, 0.075], abs=1e-15)
    assert v[0] == pytest.approx(0.025)


def test_nesterov_three_steps_by_hand():
    # v as for momentum; x += βv − ηg: −0.05 − 0.1 = −0.15; +0.075 + 0.2 → 0.125;
    # +0.0125 − 0.05 → 0.0875.
    xs, _ = three_steps(op.Nesterov(0.1, 0.5))
    assert xs == pytest.approx([-0.15, 0.125, 0.0875], abs=1e-15)


def test_nesterov_is_the_look_ahead_method():
    """y_{k+1} = x_{k+1} + β(x_{k+1} − x_k) with x_{k+1} = y_k − η∇J(y_k) (Nesterov 1983)."""
    grad = lambda p: np.array([3.0, 0.5]) * p + 0.2 * p ** 3
    lr, beta = 0.1, 0.7
    rule, y = op.Nesterov(lr, beta), np.array([1.0, -2.0])
    state, x_prev, y_ref = rule.init(y), y.copy(), y.copy()
    for _ in range(20):
        y, state = rule.step(y, grad(y), state)
        x_next = y_ref - lr * grad(y_ref)
        y_ref, x_prev = x_next + beta * (x_next - x_prev), x_next
        np.testing.assert_allclose(y, y_ref, rtol=1e-12, atol=1e-14)


def test_adagrad_three_steps_by_hand():
    # G = 1, 5, 5.25: x = −0.1/1; + 0.2/√5; − 0.05/√5.25 (ε = 1e-8 is negligible here).
    xs, state = three_steps(op.AdaGrad(0.1))
    expected = [-0.1, -0.1 + 0.2 / math.sqrt(5), -0.1 + 0.2 / math.sqrt(5) - 0.05 / math.sqrt(5.25)]
    assert xs == pytest.approx(expected, abs=1e-8)
    assert xs == pytest.approx([-0.1, -0.010557280900, -0.032379069924], abs=1e-8)
    assert state.sum_sq[0] == 5.25


def test_rmsprop_three_steps_by_hand():
    # β₂ = 0.5: s = 0.5, 2.25, 1.25; x = −0.1/√0.5; + 0.2/1.5; − 0.05/√1.25.
    xs, state = three_steps(op.RMSProp(0.1, beta2=0.5))
    assert xs == pytest.approx([-0.141421356237, -0.008088022904, -0.052809382454], abs=1e-8)
    assert state.mean_sq[0] == pytest.approx(1.25)


def test_adam_three_steps_by_hand():
    # β₁ = 0.5, β₂ = 0.91. m = 0.5, −0.75, −0.125; v = 0.09, 0.4419, 0.424629.
    # Step 1: m̂ = 1, v̂ = 1, x = −0.1. Step 2: m̂ = −1, v̂ = 0.4419/0.1719, x = −0.1 + 0.1/1.60335.
    xs, state = three_steps(op.Adam(0.1, beta1=0.5, beta2=0.91))
    assert xs == pytest.approx([-0.1, -0.037629972209, -0.026747112221], abs=1e-8)
    assert state.t == 3
    assert state.m[0] == pytest.approx(-0.125) and state.v[0] == pytest.approx(0.424629)


def test_adam_without_bias_correction_three_steps_by_hand():
    # Step 1 uses m = 0.5, v = 0.09: x = −0.1 · 0.5/0.3 = −1/6, 5/3 of the corrected step.
    xs, _ = three_steps(op.Adam(0.1, beta1=0.5, beta2=0.91, bias_correction=False))
    assert xs == pytest.approx([-1 / 6, -0.053843246065, -0.034660746919], abs=1e-8)


def test_adamw_three_steps_by_hand():
    # α = 0.1, λ = 0.1 from x₀ = 1: x = 1 − (0.1 · 1 + 0.1 · 1) = 0.8, then the same moments as Adam.
    xs, _ = three_steps(op.AdamW(0.1, beta1=0.5, beta2=0.91, weight_decay=0.1), x0=1.0)
    assert xs == pytest.approx([0.8, 0.782370027791, 0.715015885000], abs=1e-8)


def kingma_ba_algorithm_1(grads, theta0, alpha, beta1, beta2, eps):
    """Algorithm 1 of Kingma & Ba (2015), line by line."""
    theta, m, v, t = theta0.copy(), np.zeros_like(theta0), np.zeros_like(theta0), 0
    for g in grads:
        t = t + 1
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        theta = theta - alpha * m_hat / (np.sqrt(v_hat) + eps)
    return theta


def loshchilov_hutter_algorithm_2(grads, theta0, alpha, beta1, beta2, eps, lam, multipliers):
    """Algorithm 2 of Loshchilov & Hutter (2019), AdamW (the decoupled, green, variant)."""
    theta, m, v = theta0.copy(), np.zeros_like(theta0), np.zeros_like(theta0)
    for t, (g, eta_t) in enumerate(zip(grads, multipliers), start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
        theta = theta - eta_t * (alpha * m_hat / (np.sqrt(v_hat) + eps) + lam * theta)
    return theta


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_adam_matches_kingma_ba_algorithm_1(seed):
    rng = np.random.default_rng(seed)
    grads = rng.normal(size=(60, 5)) * rng.uniform(0.01, 10, size=5)
    theta0 = rng.normal(size=5)
    rule = op.Adam(0.01, 0.9, 0.999, 1e-8)
    x, state = theta0.copy(), rule.init(theta0)
    for g in grads:
        x, state = rule.step(x, g, state)
    np.testing.assert_allclose(x, kingma_ba_algorithm_1(grads, theta0, 0.01, 0.9, 0.999, 1e-8),
                               rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("seed", [0, 1])
def test_adamw_matches_loshchilov_hutter_algorithm_2(seed):
    rng = np.random.default_rng(seed)
    grads = rng.normal(size=(40, 4))
    theta0 = rng.normal(size=4)
    schedule = lambda t: 0.5 * (1 + math.cos(math.pi * t / 40))
    rule = op.AdamW(0.01, 0.9, 0.999, 1e-8, weight_decay=0.05, schedule=schedule)
    x, state = theta0.copy(), rule.init(theta0)
    for g in grads:
        x, state = rule.step(x, g, state)
    expected = loshchilov_hutter_algorithm_2(grads, theta0, 0.01, 0.9, 0.999, 1e-8, 0.05,
                                             [schedule(t) for t in range(1, 41)])
    np.testing.assert_allclose(x, expected, rtol=1e-12, atol=1e-14)


def decay_effect(rule, grads, w0):
    """Where ``rule`` ends minus where plain Adam ends, after the same gradients."""
    ends = []
    for r in (rule, op.Adam(0.01)):
        x, state = w0.copy(), r.init(w0)
        for g in grads:
            x, state = r.step(x, g, state)
        ends.append(x)
    return ends[0] - ends[1]


def test_l2_inside_adam_spares_weights_with_large_gradients_adamw_does_not():
    rng = np.random.default_rng(3)
    grads = rng.normal(size=(20, 3)) * np.array([0.01, 1.0, 100.0])
    w0 = np.ones(3)
    coupled = decay_effect(op.WithL2(op.Adam(0.01), 0.01), grads, w0)
    decoupled = decay_effect(op.AdamW(0.01, weight_decay=0.001), grads, w0)
    # With L2 the decay λw is divided by √v̂: the weight with large gradients hardly feels it.
    assert abs(coupled[2]) < 0.01 * abs(coupled[0])
    # AdamW shrinks every weight by the same factor (1 − λ) per step.
    assert np.all(decoupled < 0) and np.ptp(decoupled) < 0.1 * np.max(np.abs(decoupled))


def test_with_l2_adds_lambda_x_to_the_gradient():
    rule = op.WithL2(op.GradientDescent(0.1), 0.5)
    x, _ = rule.step(np.array([2.0]), np.array([1.0]), rule.init(np.array([2.0])))
    assert x[0] == pytest.approx(2.0 - 0.1 * (1.0 + 0.5 * 2.0))


def test_rules_work_on_many_starts_at_once():
    bowl = quadratic_bowl(1, 10, 30)
    starts = np.array([[3.0, 1.0], [-2.0, 2.0], [0.5, -4.0]])
    for rule in (op.Momentum(0.05, 0.8), op.Nesterov(0.05, 0.8), op.AdaGrad(0.5),
                 op.RMSProp(0.05), op.Adam(0.1), op.AdamW(0.1, weight_decay=0.01)):
        many = op.run_many(bowl, rule, starts, steps=30)
        for i, start in enumerate(starts):
            single = run(bowl.f, bowl.grad, start, rule=rule, steps=30, tol=0)
            np.testing.assert_allclose(many.points[:, i], single.points, rtol=1e-12, atol=1e-14)


def test_rules_work_with_the_trainer():
    from helpers.nn import Network
    from helpers.training import Trainer
    from helpers.datasets import two_moons
    X, y = two_moons(64, seed=0)
    net = Network([2, 8, 1], "tanh", "sigmoid", init="xavier", seed=0)
    trainer = Trainer(net, X, y, "binary_cross_entropy", rule=op.Adam(0.01), batch_size=16)
    trainer.run(5)
    assert trainer.history.epoch_losses[-1] < trainer.history.epoch_losses[0]


@pytest.mark.parametrize("make, message", [
    (lambda: op.Momentum(-0.1, 0.9), "lr"),
    (lambda: op.Momentum(0.1, 1.0), "beta"),
    (lambda: op.Nesterov(0.1, -0.1), "beta"),
    (lambda: op.AdaGrad(0.1, eps=0.0), "eps"),
    (lambda: op.RMSProp(0.1, beta2=1.5), "beta2"),
    (lambda: op.RMSProp(0.1, eps=-1e-8), "eps"),
    (lambda: op.Adam(-1.0), "lr"),
    (lambda: op.Adam(0.1, beta1=1.0), "beta1"),
    (lambda: op.Adam(0.1, beta2=-0.5), "beta2"),
    (lambda: op.Adam(0.1, eps=0.0), "eps"),
    (lambda: op.Adam(float("nan")), "lr"),
    (lambda: op.AdamW(0.1, weight_decay=-0.1), "weight_decay"),
    (lambda: op.make_rule("gradient descent", lr=-1.0), "lr"),
    (lambda: op.make_rule("Adma", lr=0.1), "unknown optimiser"),
])
def test_bad_arguments_raise_one_clear_value_error(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_make_rule_uses_beta_as_beta1_for_adam():
    rule = op.make_rule("Adam", lr=0.1, beta=0.8, beta2=0.99, eps=1e-6)
    assert (rule.beta1, rule.beta2, rule.eps) == (0.8, 0.99, 1e-6)
    assert op.make_rule("momentum", lr=0.1, beta=0.8, eps=1.0) == op.Momentum(0.1, 0.8)


# -- the race ---------------------------------------------------------------

def test_race_outcomes_in_words():
    bowl = quadratic_bowl(1, 25, 30)
    result = op.race(bowl, {"momentum": op.Momentum(0.02, 0.9), "too big": op.Momentum(0.2, 0.5),
                            "AdaGrad": op.AdaGrad(0.05)}, steps=300)
    assert result.entries["momentum"].outcome == "converged"
    assert result.entries["too big"].outcome == "diverged"
    assert result.entries["too big"].message.startswith("diverged at step ")
    assert np.all(np.isnan(result.entries["too big"].losses[result.entries["too big"].outcome_step:]))
    assert result.entries["AdaGrad"].outcome in ("stalled", "descending")
    summary = result.summary(300)
    assert "momentum" in summary and "diverged: too big" in summary
    assert result.leader(300) == "momentum"


def test_race_stalled_at_a_saddle():
    # A start on the stable line x = 0 of the two valleys slides into the saddle and stays.
    result = op.race(two_valleys(), {"GD": op.GradientDescent(0.1), "Adam": op.Adam(0.05)},
                     (0.0, 1.0), steps=300)
    entry = result.entries["GD"]
    assert entry.outcome == "stalled" and "stalled from step" in entry.message
    assert entry.losses[-1] == pytest.approx(0.25, abs=1e-6)   # the saddle's height
    # y shrinks ×0.9 per step; the stall starts once y²/2 < 0.1 % of 0.25: 0.9^k < 0.022, k ≈ 36
    assert entry.outcome_step == 37
    assert "stalled: GD" in result.summary(300) and "stalled" not in result.summary(10)


def test_race_noise_is_seeded_and_the_same_for_every_optimiser():
    bowl = quadratic_bowl(1, 5, 0)
    rules = {"a": op.GradientDescent(0.1), "b": op.GradientDescent(0.1)}
    one = op.race(bowl, rules, steps=50, noise=0.5, seed=4)
    two = op.race(bowl, rules, steps=50, noise=0.5, seed=4)
    np.testing.assert_array_equal(one.entries["a"].points, two.entries["a"].points)
    np.testing.assert_array_equal(one.entries["a"].points, one.entries["b"].points)
    clean = op.race(bowl, rules, steps=50)
    assert not np.allclose(one.entries["a"].points, clean.entries["a"].points)


def test_explain_step_rebuilds_the_step():
    bowl = quadratic_bowl(1, 10, 30)
    result = op.race(bowl, {"Adam": op.Adam(0.1), "momentum": op.Momentum(0.05, 0.9),
                            "RMSProp": op.RMSProp(0.05)}, steps=20)
    for name, entry in result.entries.items():
        parts = entry.explain(7)
        np.testing.assert_allclose(parts["step"], entry.points[8] - entry.points[7], rtol=1e-10)
    adam = result.entries["Adam"].explain(7)
    np.testing.assert_allclose(adam["step"], -adam["velocity"] * adam["scale"] / 0.1, rtol=1e-12)
    momentum = result.entries["momentum"].explain(7)
    np.testing.assert_allclose(momentum["step"], momentum["velocity"])


def test_two_valleys_race_converges_to_a_minimum():
    result = op.race(two_valleys(), {"Adam": op.Adam(0.05)}, (0.05, 1.0), steps=400)
    assert result.minimum == pytest.approx(0.0)
    assert result.entries["Adam"].outcome == "converged"


# -- momentum on a quadratic --------------------------------------------------

@pytest.mark.parametrize("beta", [0.0, 0.3, 0.5, 0.9, 0.95])
def test_measured_stability_limit_within_one_percent_of_2_plus_2_beta(beta):
    measured = op.measured_stability_limit(beta)
    assert abs(measured / (2 + 2 * beta) - 1) < 0.01
    # and the measurement is much finer than the 1 % asked for
    assert abs(measured / (2 + 2 * beta) - 1) < 1e-3


def test_measured_stability_limit_scales_with_the_curvature():
    assert op.measured_stability_limit(0.5, lam=4.0) == pytest.approx(3.0, rel=1e-3)


def test_iteration_matrix_is_the_two_term_recurrence():
    lr, beta, lam = 0.1, 0.6, 3.0
    e = [1.0, 1.0]
    M = op.iteration_matrix(lr, beta, lam)
    state = np.array([1.0, 1.0])
    for _ in range(10):
        e.append((1 + beta - lr * lam) * e[-1] - beta * e[-2])
        state = M @ state
        assert state[0] == pytest.approx(e[-1])


@pytest.mark.parametrize("lr, beta, lam", [(0.1, 0.5, 1.0), (0.5, 0.9, 3.0), (1.9, 0.0, 1.0),
                                           (0.02, 0.2, 25.0), (3.7, 0.9, 1.0)])
def test_spectral_radius_matches_the_root_formula(lr, beta, lam):
    assert op.spectral_radius(lr, beta, lam) == pytest.approx(float(op.heavy_ball_rate(lr, beta, lam)),
                                                              rel=1e-6)


@pytest.mark.parametrize("lr, beta", [(0.01, 0.0), (0.05, 0.3), (0.03, 0.8), (0.1, 0.6),
                                      (0.005, 0.5), (0.15, 0.9), (0.06, 0.95)])
def test_measured_rate_map_matches_the_spectral_radius(lr, beta):
    measured = op.measured_rate_map([lr], [beta], 1.0, 25.0, steps=600, gap=300)[0, 0]
    predicted = max(op.spectral_radius(lr, beta, 1.0), op.spectral_radius(lr, beta, 25.0))
    assert measured == pytest.approx(predicted, rel=5e-3)
    assert op.rate_map([lr], [beta], 1.0, 25.0)[0, 0] == pytest.approx(predicted, rel=1e-9)


def test_rate_map_marks_divergence_beyond_the_limit():
    lrs = np.array([0.9 * 3.0 / 25, 1.1 * 3.0 / 25])  # β = 0.5: the limit is η = 3/λ_max
    predicted = op.rate_map(lrs, [0.5], 1.0, 25.0)[0]
    assert predicted[0] < 1 < predicted[1]
    measured = op.measured_rate_map(lrs, [0.5], 1.0, 25.0, steps=400)[0]
    assert measured[0] < 1 and (measured[1] > 1)


def test_optimal_pair_is_the_fastest_on_the_map():
    lr_star, beta_star, rate = op.optimal_pair(1.0, 25.0)
    assert rate == pytest.approx(4 / 6) and beta_star == pytest.approx(rate ** 2)
    lrs, betas = np.linspace(0.05, 0.2, 61), np.linspace(0.0, 0.9, 61)
    assert np.min(op.rate_map(lrs, betas, 1.0, 25.0)) >= rate - 1e-9
    assert float(op.rate_map([lr_star], [beta_star], 1.0, 25.0)[0, 0]) == pytest.approx(rate, rel=1e-6)


def test_sqrt_beta_regime_has_rate_sqrt_beta():
    beta = 0.81
    lam = np.linspace(0.001, 4.0, 400)
    inside = op.sqrt_beta_regime(1.0, beta, lam)
    assert inside.any() and (~inside).any()
    np.testing.assert_allclose(op.heavy_ball_rate(1.0, beta, lam[inside]), math.sqrt(beta), rtol=1e-7)
    assert np.all(op.heavy_ball_rate(1.0, beta, lam[~inside]) >= math.sqrt(beta) - 1e-12)
    # the regime is (1 − √β)² < ηλ < (1 + √β)²
    assert lam[inside].min() > (1 - 0.9) ** 2 and lam[inside].max() < (1 + 0.9) ** 2
    assert lam[inside].min() < (1 - 0.9) ** 2 + 0.02 and lam[inside].max() > (1 + 0.9) ** 2 - 0.02


def test_noise_floor_formula_matches_many_noisy_runs():
    lr, lam, sigma = 0.1, 2.0, 0.5
    quadratic = quadratic_bowl(lam, lam, 0)
    runs = op.run_many(quadratic, op.GradientDescent(lr), np.zeros((4000, 2)), steps=200,
                       noise=sigma, seed=0)
    measured = float(np.mean(runs.losses[-1])) / 2  # two coordinates
    assert measured == pytest.approx(op.noise_floor(lr, lam, sigma), rel=0.05)
    with pytest.raises(ValueError):
        op.noise_floor(1.5, 2.0, 0.5)


# -- the numbers notebook 07 states ---------------------------------------------

def test_first_adam_step_without_bias_correction_is_3_16_eta():
    rule = op.Adam(0.1, bias_correction=False)
    x, _ = rule.step(np.zeros(1), np.ones(1), rule.init(np.zeros(1)))
    assert abs(x[0]) == pytest.approx(0.1 * (1 - 0.9) / math.sqrt(1 - 0.999), rel=1e-6)
    assert abs(x[0]) / 0.1 == pytest.approx(3.162, abs=5e-4)
    corrected = op.Adam(0.1)
    y, _ = corrected.step(np.zeros(1), np.ones(1), corrected.init(np.zeros(1)))
    assert abs(y[0]) == pytest.approx(0.1, rel=1e-6)


def test_uncorrected_adam_steps_peak_where_the_formula_says():
    # Constant gradient: step_t = η (1 − β₁ᵗ)/√(1 − β₂ᵗ) (ε negligible).
    t = np.arange(1, 201)
    formula = 0.1 * (1 - 0.9 ** t) / np.sqrt(1 - 0.999 ** t)
    rule, x, steps = op.Adam(0.1, bias_correction=False), np.zeros(1), []
    state = rule.init(x)
    for _ in t:
        x_new, state = rule.step(x, np.ones(1), state)
        steps.append(float(abs(x_new - x)[0]))
        x = x_new
    np.testing.assert_allclose(steps, formula, rtol=1e-6)
    assert int(np.argmax(formula)) + 1 == 12 and formula.max() == pytest.approx(0.657, abs=5e-4)


@pytest.mark.parametrize("eps", [1e-8, 1e-4, 1e-1])
def test_adam_step_at_gradient_size_eps_is_half_eta(eps):
    # Settled on a constant g: step = η|g|/(|g| + ε) = η/2 at |g| = ε.
    rule = op.Adam(0.1, eps=eps)
    g = np.array([eps])
    x, state = np.zeros(1), rule.init(g)
    for _ in range(3000):
        x_new, state = rule.step(x, g, state)
        step, x = float(abs(x_new - x)[0]), x_new
    assert step / 0.1 == pytest.approx(0.5, abs=1e-3)


def test_noise_floor_of_the_notebooks_bowl():
    bowl, lr, sigma = quadratic_bowl(1, 4, 0), 0.1, 1.0
    from helpers.schedules import ScheduledDescent, constant
    runs = op.run_many(bowl, ScheduledDescent(lambda k: constant(k, lr)), np.full((400, 2), 3.0),
                       steps=1000, noise=sigma, seed=0)
    plateau = float(runs.losses.mean(axis=1)[500:].mean())
    floor = op.noise_floor(lr, 1.0, sigma) + op.noise_floor(lr, 4.0, sigma)
    assert floor == pytest.approx(0.1 / (2 * 1.9) + 0.1 / (2 * 1.6))
    assert plateau == pytest.approx(floor, rel=0.03)
