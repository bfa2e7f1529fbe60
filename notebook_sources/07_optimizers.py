# %% [markdown]
# # 07 — Optimisers: momentum, Nesterov, AdaGrad, RMSProp, Adam and AdamW
#
# **Goal:** know what each of the optimisers used to train networks adds to plain gradient
# descent, write each one in a few lines, and watch them race. You will measure where momentum
# stops being stable, map how fast it converges over its two settings, see why Adam corrects its
# first steps, what its ε does and how AdamW's weight decay differs from an L2 penalty; then see
# why noisy gradients need a decaying step, and race the optimisers on the digits network of 05.
#
# Contents: 1 six optimisers in a few lines · 2 a race on a long valley · 3 momentum on a
# quadratic: stability · 4 the rate map over (η, β) · 5 Adam's bias correction · 6 what ε does ·
# 7 AdamW and L2 regularisation · 8 noisy gradients and decaying steps · 9 the digits network ·
# 10 live panel · 11 check yourself · 12 summary

# %%
# %matplotlib widget
import numpy as np
from helpers import optimisers as op, plots, schedules
from helpers.checks import check_adam_step
from helpers.datasets import load_digits, train_test_split
from helpers.nn import Network
from helpers.objectives import quadratic_bowl
from helpers.panels.optimiser_race import OptimiserRacePanel
from helpers.reporting import below
from helpers.training import Trainer

# %% [markdown]
# ## 1. Six optimisers in a few lines
#
# Every optimiser below is a *step rule*: it takes the point $x$, the gradient $g = \nabla J(x)$
# and what it remembers (its *state*), and returns the next point and the new state. All
# operations act on each coordinate separately. **Momentum** (heavy ball, Polyak 1964) keeps a
# velocity $v$ that adds up past gradients; **Nesterov** (1983) applies the same velocity once
# more before the next gradient is taken:
#
# $$\text{momentum: } v \leftarrow \beta v - \eta g,\; x \leftarrow x + v \qquad
# \text{Nesterov: } v \leftarrow \beta v - \eta g,\; x \leftarrow x + \beta v - \eta g$$

# %%
def momentum_step(x, g, v, lr, beta):
    v = beta * v - lr * g
    return x + v, v

def nesterov_step(x, g, v, lr, beta):
    v = beta * v - lr * g
    return x + beta * v - lr * g, v

# %% [markdown]
# **AdaGrad** (Duchi et al. 2011) divides each coordinate's step by the root of the *sum* of its
# squared gradients so far; **RMSProp** (Hinton 2012) by the root of a *fading average* of them,
# so the step does not shrink for ever:
#
# $$\text{AdaGrad: } G \leftarrow G + g^2,\; x \leftarrow x - \frac{\eta\, g}{\sqrt{G} + \varepsilon}
# \qquad \text{RMSProp: } s \leftarrow \beta_2 s + (1-\beta_2) g^2,\; x \leftarrow x - \frac{\eta\, g}{\sqrt{s} + \varepsilon}$$

# %%
def adagrad_step(x, g, G, lr, eps=1e-8):
    G = G + g ** 2
    return x - lr * g / (np.sqrt(G) + eps), G

def rmsprop_step(x, g, s, lr, beta2=0.9, eps=1e-8):
    s = beta2 * s + (1 - beta2) * g ** 2
    return x - lr * g / (np.sqrt(s) + eps), s

# %% [markdown]
# **Adam** (Kingma & Ba 2015) keeps both: a fading average $m$ of the gradients (like momentum)
# and $v$ of their squares (like RMSProp). Both start at 0, so at step $t$ they are divided by
# $1 - \beta^t$ (the *bias correction*, section 5). **AdamW** (Loshchilov & Hutter 2019) adds
# weight decay $\lambda x$ *outside* that division (section 7):
#
# $$m \leftarrow \beta_1 m + (1-\beta_1) g,\quad v \leftarrow \beta_2 v + (1-\beta_2) g^2,\quad
# x \leftarrow x - \eta\,\frac{m/(1-\beta_1^t)}{\sqrt{v/(1-\beta_2^t)} + \varepsilon}\;\big[-\,\lambda x \text{ for AdamW}\big]$$

# %%
def adam_like_step(x, g, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8, decay=0.0):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return x - lr * m_hat / (np.sqrt(v_hat) + eps) - decay * x, m, v

# %% [markdown]
# `helpers.optimisers` has the same rules as classes with their state in the open
# (`Momentum`, `Nesterov`, `AdaGrad`, `RMSProp`, `Adam`, `AdamW`), working on many starts at once
# (arrays of shape (n, d)). This cell runs each written-out step and its `helpers` version side by
# side for 50 steps on the long valley of notebook 02 (κ = 25) and prints the largest difference:

# %%
valley = quadratic_bowl(1, 25, 30)
pairs = {"momentum": (momentum_step, op.Momentum(0.02, 0.9), (0.02, 0.9)),
         "Nesterov": (nesterov_step, op.Nesterov(0.02, 0.9), (0.02, 0.9)),
         "AdaGrad": (adagrad_step, op.AdaGrad(0.5), (0.5,)), "RMSProp": (rmsprop_step, op.RMSProp(0.05), (0.05,))}
for name, (mine, rule, settings) in pairs.items():
    x, memory, y, state = np.array(valley.default_start), 0.0, np.array(valley.default_start), None
    for _ in range(50):
        x, memory = mine(x, valley.grad(x), memory, *settings)
        y, state = rule.step(y, valley.grad(y), rule.init(y) if state is None else state)
    print(f"{name:9s} largest difference {below(float(np.max(np.abs(x - y))), 1e-12)}")

# %%
for name, rule, decay in (("Adam", op.Adam(0.1), 0.0), ("AdamW", op.AdamW(0.1, weight_decay=0.01), 0.01)):
    x, m, v = np.array(valley.default_start), 0.0, 0.0
    y, state = x.copy(), rule.init(x)
    for t in range(1, 51):
        x, m, v = adam_like_step(x, valley.grad(x), m, v, t, 0.1, decay=decay)
        y, state = rule.step(y, valley.grad(y), state)
    print(f"{name:9s} largest difference {below(float(np.max(np.abs(x - y))), 1e-12)}")

# %% [markdown]
# **What to notice:** each optimiser is three or four lines; they differ only in what they
# remember (nothing, a velocity, a sum or average of squares, or both averages).
#
# ## 2. A race on a long valley
#
# All six from the same start on the valley $J = \tfrac12 x^\top A x$ with eigenvalues 1 and 25,
# each with a setting that works here (not tuned to be fair: the live panel in section 10 lets you
# tune them). `op.race` runs them and says how each ended, in words:

# %%
racers = {"gradient descent": op.GradientDescent(0.07), "momentum": op.Momentum(0.02, 0.9),
          "Nesterov": op.Nesterov(0.02, 0.9), "AdaGrad": op.AdaGrad(1.0),
          "RMSProp": op.RMSProp(0.05), "Adam": op.Adam(0.3)}
result = op.race(valley, racers, steps=300)
for name, entry in result.entries.items():
    print(f"{name:17s} {entry.message}")

# %%
fig, (ax_paths, ax_loss) = plots.static_figure(1, 2, figsize=(9.2, 4.2))
_ = plots.optimisers.plot_race_paths(ax_paths, valley, result, upto=60)
ax_paths.set_title("the first 60 steps")
_ = plots.optimisers.plot_race_losses(ax_loss, result)
ax_loss.legend(frameon=False, fontsize=9)
plots.show(fig)

# %% [markdown]
# **What to notice:** gradient descent zig-zags across the valley; momentum and Nesterov overshoot
# and swing but travel along the floor much faster; the adaptive methods (AdaGrad, RMSProp, Adam)
# head more directly along the floor, because dividing by $\sqrt{\cdot}$ evens out the two
# coordinates' step sizes. RMSProp with a constant step keeps rattling near the minimum: its step
# does not shrink as the gradient does.
#
# ## 3. Momentum on a quadratic: where it stops being stable
#
# On $J = \tfrac12 \lambda x^2$ the error $e_k = x_k - x^*$ of heavy ball obeys a two-term
# recurrence, i.e. one $2\times 2$ matrix per step:
#
# $$e_{k+1} = (1 + \beta - \eta\lambda)\,e_k - \beta\, e_{k-1}, \qquad
# \begin{pmatrix} e_{k+1} \\ e_k \end{pmatrix} = \underbrace{\begin{pmatrix} 1+\beta-\eta\lambda & -\beta \\ 1 & 0 \end{pmatrix}}_{M}
# \begin{pmatrix} e_k \\ e_{k-1} \end{pmatrix}.$$
#
# The error shrinks iff the spectral radius $\rho(M)$ (largest $|$eigenvalue$|$) is below 1, which
# for $0 \le \beta < 1$ holds iff $0 < \eta\lambda < 2 + 2\beta$ (proof: the roots of
# $r^2 - (1+\beta-\eta\lambda) r + \beta$ lie inside the unit circle iff $\beta < 1$ and
# $|1 + \beta - \eta\lambda| < 1 + \beta$). Momentum moves gradient descent's cliff at $\eta\lambda = 2$
# out to $2 + 2\beta$. This cell *measures* the limit by running heavy ball at 101 step sizes
# around it, three times on a finer bracket each, 2000 steps per run:

# %%
betas = [0.0, 0.25, 0.5, 0.75, 0.9, 0.99]
measured = [op.measured_stability_limit(beta) for beta in betas]
for beta, limit in zip(betas, measured):
    error = abs(limit / (2 + 2 * beta) - 1)
    print(f"β = {beta:4}: measured ηλ limit {limit:.3f}, 2 + 2β = {2 + 2 * beta:.2f}, "
          f"relative difference {below(error, 1e-3)}")

# %%
fig, ax = plots.static_figure(figsize=(6.0, 3.6))
_ = plots.optimisers.plot_stability_limits(ax, betas, measured)
plots.show(fig)

# %% [markdown]
# **What to notice:** every measured limit is within 0.1 % of $2 + 2\beta$ (printed above; the
# issue asked for 1 %). With β = 0.9 a step nearly twice the plain-descent limit is still stable.
#
# ## 4. How fast: the rate over the (η, β) plane
#
# On a valley with eigenvalues $\lambda_{\min} \dots \lambda_{\max}$ the slowest direction sets the
# rate, $\max\big(\rho(\lambda_{\min}), \rho(\lambda_{\max})\big)$. Polyak's optimal pair
#
# $$\eta^* = \frac{4}{(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2}, \qquad
# \beta^* = \Big(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\Big)^2, \qquad \text{rate } \sqrt{\beta^*} = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}$$
#
# needs about $\sqrt\kappa$ times fewer steps than gradient descent's best, $(\kappa-1)/(\kappa+1)$.
# Where the roots of the recurrence are complex, i.e. $(1-\sqrt\beta)^2 < \eta\lambda < (1+\sqrt\beta)^2$,
# the error spirals and shrinks by exactly $\sqrt\beta$ per step, whatever η is: there more
# momentum is *slower*. The map below is the formula; the cell first checks it against runs at
# a few sampled points (rate measured from the envelope of $\|e_k\|$ over 300 steps):

# %%
samples = [(0.01, 0.0), (0.05, 0.3), (0.03, 0.8), (0.1, 0.6), (0.15, 0.9), (0.06, 0.95)]
for lr, beta in samples:
    runs = op.measured_rate_map([lr], [beta], 1.0, 25.0, steps=600, gap=300)[0, 0]
    formula = op.rate_map([lr], [beta], 1.0, 25.0)[0, 0]
    print(f"η = {lr:5}, β = {beta:4}: measured {runs:.4f}, spectral radius {formula:.4f}")
lr_star, beta_star, best_rate = op.optimal_pair(1.0, 25.0)
print(f"optimal pair η* = {lr_star:.4f}, β* = {beta_star:.4f}: rate {best_rate:.4f} "
      f"(best plain descent {24 / 26:.4f})")

# %%
lrs, grid_betas = np.geomspace(0.003, 0.3, 160), np.linspace(0.0, 0.99, 160)
fig, ax = plots.static_figure(figsize=(7.0, 4.4))
image = plots.optimisers.plot_rate_map(ax, lrs, grid_betas, op.rate_map(lrs, grid_betas, 1.0, 25.0),
                         optimum=(lr_star, beta_star, best_rate))
ax.set_xscale("log")
_ = fig.colorbar(image, ax=ax, label="rate per step (white: diverges; red line: rate 1)")
plots.show(fig)

# %% [markdown]
# **What to notice:** the fastest pair sits at a corner where the two directions' rates meet;
# to its right the red line is the cliff $\eta\lambda_{\max} = 2 + 2\beta$ of section 3; the
# horizontal bands at high β are the $\sqrt\beta$ regime. This is the picture of Goh's
# "Why Momentum Really Works" (Distill, 2017). **A caveat:** the $\sqrt\kappa$ speed-up is proven
# for quadratics; for general smooth strongly convex functions heavy ball with these settings can
# fail to converge (Lessard, Recht & Packard 2016 give a counterexample), while Nesterov's method
# keeps an accelerated guarantee for smooth convex functions. Neural-network losses are neither.
#
# ## 5. Adam's bias correction
#
# $m$ and $v$ start at 0, so after $t$ steps of a constant gradient $g$ they are
# $(1-\beta_1^t)\,g$ and $(1-\beta_2^t)\,g^2$ — too small by exactly the factors that the
# correction divides out. Without it the first step is $\eta (1-\beta_1)/\sqrt{1-\beta_2}$: with
# the usual β₁ = 0.9, β₂ = 0.999 that is 3.16 η, not η. The cell runs both on a constant gradient:

# %%
adams, first_steps = {"with bias correction": op.Adam(0.1), "without": op.Adam(0.1, bias_correction=False)}, {}
for label, rule in adams.items():
    x, state, lengths = np.zeros(1), rule.init(np.zeros(1)), []
    for t in range(200):
        x_new, state = rule.step(x, np.ones(1), state)
        lengths.append(float(abs(x_new - x)[0]))
        x = x_new
    first_steps[label] = np.array(lengths)
    peak = int(np.argmax(np.round(lengths, 6)))  # the first of equal steps
    print(f"{label:21s} step 1: {lengths[0]:.3f} · largest step {lengths[peak]:.3f} at t = {peak + 1}")

# %%
fig, ax = plots.static_figure(figsize=(6.4, 3.4))
_ = plots.optimisers.plot_first_steps(ax, first_steps, lr=0.1)
ax.set_xscale("log")
plots.show(fig)

# %% [markdown]
# **What to notice:** without correction the steps start 3.16 times too large and grow further
# (printed above) before settling to η after a few thousand steps, when $\beta_2^t$ has
# faded; with it every step is η. Early steps too large are why uncorrected Adam needs warm-up.
#
# ## 6. What ε does
#
# After the averages settle on a constant gradient $g$, Adam's step is $\eta\,|g|/(|g| + \varepsilon)$:
# about η (a step of fixed length, whatever the gradient's size) when $|g| \gg \varepsilon$, and
# about $(\eta/\varepsilon)\,|g|$ — plain gradient descent with step $\eta/\varepsilon$ — when
# $|g| \ll \varepsilon$. So ε is the gradient size below which Adam stops rescaling. Measured by
# running Adam for 3000 steps on a constant gradient, for many gradient sizes at once:

# %%
sizes = np.geomspace(1e-10, 1e2, 49)[:, None]  # one row per gradient size
steps_by_eps = {}
for eps in (1e-8, 1e-4, 1e-1):
    rule = op.Adam(0.1, eps=eps)
    x, state = np.zeros_like(sizes), rule.init(sizes)
    for _ in range(3000):
        x_new, state = rule.step(x, sizes, state)
        x, last = x_new, np.abs(x_new - x)[:, 0]
    steps_by_eps[f"ε = {eps:g}"] = last
    print(f"ε = {eps:g}: step at |g| = ε is {last[np.argmin(np.abs(sizes[:, 0] - eps))] / 0.1:.3f} η")

# %%
fig, ax = plots.static_figure(figsize=(6.4, 3.6))
plots.optimisers.plot_step_vs_gradient(ax, sizes[:, 0], steps_by_eps, lr=0.1)
plots.show(fig)

# %% [markdown]
# **What to notice:** at $|g| = \varepsilon$ the step is half of η (printed above); the default
# ε = 1e-8 rescales gradients of almost any size to steps of length η.
#
# ## 7. AdamW and L2 regularisation
#
# A regularised loss adds a penalty $\lambda R(w)$ that prefers small weights; with
# $R(w) = \tfrac12\|w\|^2$ (L2) its gradient is $g + \lambda w$. Fed to plain gradient descent
# this is the same as shrinking every weight by $(1 - \eta\lambda)$ per step ("weight decay"). Fed
# to Adam it is not: the extra $\lambda w$ is divided by $\sqrt{\hat v}$, so weights with large
# gradients are hardly decayed. AdamW decays the weights outside Adam's division. The cell feeds
# three weights the same seeded gradient sequence (sizes 0.01, 1 and 100), and prints how much
# each rule pulled each weight towards 0 compared with plain Adam, after 200 steps from $w = 1$:

# %%
grads = np.random.default_rng(0).normal(size=(200, 3)) * np.array([0.01, 1.0, 100.0])
rules = {"Adam": op.Adam(0.01), "Adam + L2 (λ = 0.01)": op.WithL2(op.Adam(0.01), 0.01),
         "AdamW (λ = 0.001)": op.AdamW(0.01, weight_decay=0.001)}
ends = {}
for label, rule in rules.items():
    w, state = np.ones(3), rule.init(np.ones(3))
    for g in grads:
        w, state = rule.step(w, g, state)
    ends[label] = w

# %%
for label in list(rules)[1:]:
    print(f"{label:21s} pull towards 0 per weight:", np.round(ends["Adam"] - ends[label], 3))

# %% [markdown]
# **What to notice:** with L2 inside Adam the weight with small gradients is pulled hard and the
# one with large gradients not at all (printed above); AdamW pulls all three equally, which is what
# "weight decay" is meant to do (Loshchilov & Hutter 2019). PyTorch's `AdamW` multiplies its
# `weight_decay` by the learning rate; the λ here is the paper's, applied per step.
#
# ## 8. Noisy gradients: a constant step stops at a noise floor
#
# A mini-batch gradient is the true gradient plus noise. Model it as $g = \nabla J(x) + \sigma\xi$,
# $\xi \sim N(0, I)$. With a constant step on $J = \tfrac12\lambda e^2$ the error obeys
# $e_{k+1} = (1-\eta\lambda)e_k - \eta\sigma\xi_k$, whose variance settles where
# $V = (1-\eta\lambda)^2 V + \eta^2\sigma^2$, so the loss stops falling at
#
# $$\mathbb E\,J_\infty = \frac{\lambda V}{2} = \frac{\eta\,\sigma^2}{2\,(2 - \eta\lambda)} \quad \text{per coordinate.}$$
#
# To keep descending the step must shrink, but not too fast: Robbins & Monro (1951) ask
# $\sum_k \eta_k = \infty$ and $\sum_k \eta_k^2 < \infty$, which the $1/t$ schedule meets. The cell
# runs 400 noisy runs (σ = 1, seeded) of each schedule on a bowl with λ = 1 and 4 for 1000 steps:

# %%
bowl, sigma, total = quadratic_bowl(1, 4, 0), 1.0, 1000
plans = {"constant η = 0.1": lambda k: schedules.constant(k, 0.1),
         "1/t (Robbins–Monro)": lambda k: schedules.inverse_time(k, 0.1, decay=0.02),
         "cosine": lambda k: schedules.cosine(k, 0.1, total=total, lr_min=1e-4),
         "warm-up + cosine": lambda k: schedules.warmup_cosine(k, 0.1, 50, total, 1e-4)}
mean_losses = {}
for label, plan in plans.items():
    runs = op.run_many(bowl, schedules.ScheduledDescent(plan), np.full((400, 2), 3.0),
                       steps=total, noise=sigma, seed=0)
    mean_losses[label] = runs.losses.mean(axis=1)

# %%
floor = op.noise_floor(0.1, 1.0, sigma) + op.noise_floor(0.1, 4.0, sigma)
plateau = float(mean_losses["constant η = 0.1"][500:].mean())
print(f"constant step: mean loss over steps 500-1000 {plateau:.3f}, predicted floor {floor:.3f}")
for label, losses in mean_losses.items():
    print(f"{label:20s} mean loss at step {total}: {losses[-1]:.2g}")
fig, ax = plots.static_figure(figsize=(7.0, 3.8))
plots.optimisers.plot_mean_losses(ax, mean_losses, floor)
plots.show(fig)

# %% [markdown]
# **What to notice:** the constant step stops at the predicted floor (printed above); every
# decaying schedule keeps going and ends more than ten times below it. 1/t gets there early; the
# cosine schedules keep a large step longer and catch up when it becomes tiny at the end. The warm-up's first 50 small steps cost little. (These are
# means over 400 runs; one run fluctuates around them.)
#
# ## 9. The optimisers on the digits network
#
# The 64-32-10 ReLU network of notebook 05 on the same 1,347 training digits, mini-batches of 64,
# 5 epochs (105 updates) per run. Each optimiser gets its best learning rate from a small sweep
# (three values, seed 0, lowest final training loss), then three seeds (network initialisation and
# shuffles) at that rate:

# %%
pixels, labels = load_digits()
X_train, X_test, y_train, y_test = train_test_split(pixels / 16, labels, test_fraction=0.25, seed=0)
sweep = {"gradient descent": (op.GradientDescent, (0.03, 0.1, 0.3), {}),
         "momentum": (op.Momentum, (0.01, 0.03, 0.1), {"beta": 0.9}),
         "RMSProp": (op.RMSProp, (0.001, 0.003, 0.01), {}),
         "Adam": (op.Adam, (0.001, 0.003, 0.01), {})}

# %%
def train_losses(rule, seed, epochs=5):
    net = Network([64, 32, 10], "relu", "identity", init="he", seed=seed)
    trainer = Trainer(net, X_train, y_train, "softmax_cross_entropy", rule=rule, batch_size=64, seed=seed)
    return np.array(trainer.run(epochs).epoch_losses)

# %%
curves = {}
for name, (make, lrs_tried, extra) in sweep.items():
    finals = [train_losses(make(lr, **extra), 0)[-1] for lr in lrs_tried]
    best = lrs_tried[int(np.argmin(finals))]
    runs = np.array([train_losses(make(best, **extra), seed) for seed in (0, 1, 2)])
    curves[f"{name} (η = {best:g})"] = runs
    print(f"{name:16s} sweep η = {lrs_tried}: final losses {np.round(finals, 2)} → η = {best:g}; 3 seeds: "
          f"{runs[:, -1].min():.2f} to {runs[:, -1].max():.2f}, median {np.median(runs[:, -1]):.2f}")

# %%
fig, ax = plots.static_figure(figsize=(7.0, 3.8))
plots.optimisers.plot_loss_bands(ax, curves)
ax.set_title("median over 3 seeds, band from lowest to highest")
plots.show(fig)

# %% [markdown]
# **What to notice:** at equal budgets, each at its best swept rate, plain gradient descent has
# the highest median final loss; the other three medians are within a few hundredths of each other
# and the seed ranges overlap (printed above), so this run does not rank them. The best rate is the largest tried for every optimiser, so a wider sweep could speed each
# one up. With three seeds and three rates this is an observation about this network and budget,
# not a general ranking.
#
# ## 10. Live panel: the race
#
# Choose a landscape (a long valley with its condition number κ, Rosenbrock's curved valley, two
# valleys with a saddle between them, each with or without gradient noise), which optimisers run,
# and each optimiser's settings (pick it under "tune"). ▶ plays the race, ❙❙ pauses, "step"
# advances one step, "reset" goes back to the start. The status line names the leader, who
# stalled and who diverged. It opens at step 80. "explain this update" draws, for the tuned optimiser at the current
# step, the downhill gradient (grey), what it carries over (dashed: velocity, or η·m̂ for Adam)
# and the step it takes (solid), with its per-coordinate step sizes in the line below.

# %%
panel = OptimiserRacePanel(step=80)
panel.show()

# %% [markdown]
# **Try this:** on the valley raise κ to 100 and watch gradient descent fall behind; raise
# momentum's η until it diverges (the status says at which step); switch on the noise and see
# who settles and who keeps rattling; on the two valleys, start Adam and gradient descent near
# the saddle.
#
# ## 11. Check yourself
#
# **Exercise 1 — one Adam step.** Complete `adam_step` so that it returns `(x_new, m_new, v_new)`
# for step number `t` (starting at 1), with the equations of section 1. The check runs it on
# random inputs and names the term that is wrong.

# %%
def adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
    raise NotImplementedError  # your code here: update m and v, correct them, take the step

_ = check_adam_step(adam_step)

# %% [markdown]
# **Exercise 2 — think.** Heavy ball with β = 0.9 on a valley with λ_max = 25: what is the
# largest stable η? And why does β = 0.99 make the race *slower* on a valley with κ = 25?
#
# <details><summary>Show solutions</summary>
#
# ```python
# def adam_step(x, g, m, v, t, lr, beta1, beta2, eps):
#     m = beta1 * m + (1 - beta1) * g
#     v = beta2 * v + (1 - beta2) * g ** 2
#     m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
#     return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
# ```
# Exercise 2: $\eta < (2 + 2\beta)/\lambda_{\max} = 3.8/25 = 0.152$. With β = 0.99 most step sizes
# fall in the complex-root regime, where the rate is $\sqrt{0.99} \approx 0.995$ per step: the
# ball swings for hundreds of steps, far slower than the optimal β* ≈ 0.44 (section 4).
# </details>
#
# ## 12. Summary
#
# - Momentum and Nesterov remember a velocity; AdaGrad, RMSProp and Adam a per-coordinate scale
#   (Adam both). Each is a few lines.
# - Heavy ball on a quadratic is stable iff $0 < \eta\lambda < 2 + 2\beta$ (measured within 0.1 %);
#   at the optimal pair it converges like $(\sqrt\kappa-1)/(\sqrt\kappa+1)$; where its roots are
#   complex the rate is $\sqrt\beta$. The speed-up is a theorem for quadratics only.
# - Adam's bias correction undoes the zero start of $m$ and $v$; ε sets the gradient size below
#   which Adam acts like plain descent; AdamW decays every weight equally, L2 inside Adam does not.
# - With noisy gradients a constant step stalls at a floor $\propto \eta\sigma^2$; decaying steps
#   (1/t, cosine, warm-up + cosine) keep descending.
#
# **Further reading:** Goh, "Why Momentum Really Works", Distill (2017); Polyak, "Some methods of
# speeding up the convergence of iteration methods" (1964); Sutskever, Martens, Dahl & Hinton, "On
# the importance of initialization and momentum in deep learning" (2013); Lessard, Recht & Packard,
# "Analysis and design of optimization algorithms via integral quadratic constraints" (2016);
# Duchi, Hazan & Singer, "Adaptive subgradient methods" (2011); Kingma & Ba, "Adam" (2015);
# Loshchilov & Hutter, "Decoupled weight decay regularization" (2019); Robbins & Monro, "A
# stochastic approximation method" (1951); Ruder, "An overview of gradient descent optimization
# algorithms" (2016); Zhang et al., *Dive into Deep Learning*, ch. 12.
#
# **Back to the map:** [00 Start here](00_start_here.ipynb) lists every notebook of the workbook.
