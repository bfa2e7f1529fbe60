# %% [markdown]
# # 03 — Step size: too small, just right, divergence
#
# **Goal:** predict from the curvature exactly when gradient descent creeps, zig-zags, bounces
# or blows up; find the cliff of the learning rate and the best fixed step, measure both and
# compare with the formulas; see momentum straighten the zig-zag on long valleys; meet
# learning-rate schedules.
#
# Contents: 1 one parabola, four regimes · 2 many dimensions: the limit 2/λ_max · 3 the
# learning-rate sweep · 4 the best fixed step · 5 beyond quadratics · 6 momentum · 7 schedules ·
# 8 live panels · 9 check yourself · 10 summary

# %%
# %matplotlib widget
import numpy as np

from helpers import plots, schedules
from helpers.checks import EXERCISE_MATRIX, check_best_step, check_cliff_prediction
from helpers.descent import Momentum, run
from helpers.objectives import himmelblau, quadratic_bowl
from helpers.panels.step_size import RegimePanel, ValleyPanel
from helpers.step_size import (basin_map, best_measured_step, cliff_bracket, fit_exponent,
    iterations_to_tolerance, lr_sweep, measured_cliff, measured_momentum_cliff, measured_rate, measured_rates,
    momentum_rate, optimal_rate, optimal_step, refine_cliff, regime_1d, stability_limit, tuned_momentum)

# %% [markdown]
# ## 1. One parabola, four regimes
#
# On $J(x) = a x^2/2$ the slope is $ax$, so one step gives $x_{k+1} = x_k - \eta a x_k$:
#
# $$x_k = (1 - \eta a)^k\, x_0 .$$
#
# Everything depends on the factor $1 - \eta a$. If $0 < 1 - \eta a < 1$ ($\eta < 1/a$) $x$ shrinks
# without changing sign: **monotone**. If $-1 < 1 - \eta a < 0$ ($1/a < \eta < 2/a$) it flips sign
# every step but still shrinks: **oscillating, converging**. At $\eta = 2/a$ the factor is $-1$:
# **bouncing forever**. Beyond $2/a$, $|1 - \eta a| > 1$: **diverging**. And at $\eta = 1/a$
# exactly, between the first two, the factor is 0: one step lands on the minimum (Newton's step,
# $\eta = 1/J''$). Check with $a = 2$ (so $1/a = 0.5$ and $2/a = 1$) by running descent and
# measuring the ratio $x_{k+1}/x_k$:

# %%
a = 2.0
J1, dJ1 = (lambda x: 0.5 * a * x ** 2), (lambda x: a * x)
print(f"a = {a:g}: 1/a = {1 / a:g}, 2/a = {2 / a:g}")
for lr in [0.2, 0.8, 1.0, 1.1]:
    xs = run(J1, dJ1, 1.0, lr=lr, steps=20, tol=0).points
    print(f"η = {lr:.1f}: measured x_(k+1)/x_k = {xs[5] / xs[4]:+.2f}, formula 1 − ηa = {1 - lr * a:+.2f} → {regime_1d(lr, a).kind}")

# %%
fig, axes = plots.static_figure(1, 4, figsize=(9.2, 2.7), sharey=True)
for ax, lr in zip(axes, [0.2, 0.8, 1.0, 1.1]):
    xs = run(J1, dJ1, 1.0, lr=lr, steps=20, tol=0).points
    _ = ax.plot(xs, "o-", color=plots.COLOURS["path"], ms=3)
    _ = ax.axhline(0, color="0.6", lw=0.8)
    ax.set(title=f"η = {lr}: {regime_1d(lr, a).kind}", xlabel="iteration k")
axes[0].set_yscale("symlog", linthresh=1)   # linear within ±1, logarithmic beyond: growth stays in view
axes[0].set(ylim=(-60, 60), yticks=[-10, -1, 0, 1, 10], yticklabels=["−10", "−1", "0", "1", "10"], ylabel="x_k")
plots.show(fig)

# %% [markdown]
# **What to notice:** the same loop, four behaviours (the vertical axis is linear within ±1 and
# logarithmic beyond, so the diverging run's growth by 1.2 per step stays in view), and the switches sit exactly at
# $\eta = 1/a$ and $\eta = 2/a$. The curvature $a = J''$ sets the scale: a curve twice as sharp
# tolerates only half the step.
#
# ## 2. Many dimensions: converge iff $\eta < 2/\lambda_{\max}$
#
# On a bowl $J = \tfrac12 w^\top A w$ the gradient is $Aw$. Written in the eigenvectors of $A$, the
# coordinates do not interact: each behaves like its own parabola with $a = \lambda_i$ and is
# multiplied by $1 - \eta\lambda_i$ per step. All of them shrink iff every $|1 - \eta\lambda_i| < 1$,
# that is
#
# $$\text{descent converges} \iff 0 < \eta < \frac{2}{\lambda_{\max}} .$$
#
# The most sharply curved direction (the largest eigenvalue) decides. This assumes $\lambda_{\min} > 0$
# and means "from every start": a start with no component along the sharpest direction would
# converge for larger η too. Test just below and just above the limit:

# %%
bowl = quadratic_bowl(lam_min=1.0, lam_max=10.0, angle=30.0)
limit = stability_limit(bowl.lam_max)
print(f"κ = {bowl.kappa:g}, λ_max = {bowl.lam_max:g}, limit 2/λ_max = {limit:g}")
for factor in [0.98, 1.02]:
    outcome = run(bowl.f, bowl.grad, bowl.default_start, lr=factor * limit, steps=5000, tol=1e-8).outcome
    print(f"η = {factor} × 2/λ_max: {outcome.message}")

# %% [markdown]
# ## 3. The learning-rate sweep: slow, sweet spot, cliff
#
# Run 300 learning rates at once (one row per η, all sharing the start point) for 300 steps each,
# and plot the final loss against η. Then locate the **cliff** — the first η whose loss ends higher
# than it started — and zoom in with a second sweep of 200 rates inside the bracket:

# %%
lrs = np.geomspace(1e-3, 1.0, 300)
sweep = lr_sweep(bowl, bowl.default_start, lrs, steps=300)
coarse = measured_cliff(sweep)
fine = refine_cliff(bowl, bowl.default_start, sweep)
print("cliff bracketed between η =", np.round(cliff_bracket(sweep), 4))
print(f"measured cliff: {fine:.5f}   formula 2/λ_max: {limit:.5f}   difference: {abs(fine / limit - 1):.2%}")
slowest = sweep.final_loss[0] / sweep.start_loss
print(f"smallest η = {lrs[0]:g}: loss falls {1 / slowest:.1f}-fold in 300 steps;  best step / cliff = κ/(κ+1) = {bowl.kappa / (bowl.kappa + 1):.2f}")

# %%
fig, ax = plots.static_figure(figsize=(7, 4))
_ = plots.two_d.plot_lr_sweep(ax, sweep, cliff=limit)
eta_best = optimal_step(bowl.lam_min, bowl.lam_max)
_ = ax.axvline(eta_best, color=plots.two_d.COLOURS_2D["optimum"], ls=":", lw=2, label=f"η* = 2/(λ_min + λ_max) = {eta_best:.3g}")
ax.set_title(f"final loss after {sweep.steps} steps on a bowl with κ = {bowl.kappa:g}", fontsize=10)
_ = ax.legend(fontsize=8, loc="lower left")
plots.show(fig)

# %% [markdown]
# **What to notice:** three zones. Small η: safe but slow (the loss falls, but only 8.8-fold in
# 300 steps). A sweet spot where the loss plunges. Then a cliff, exactly at $2/\lambda_{\max}$
# (measured 0.20003 against 0.2), beyond which every run blows up. The best step sits close to the
# cliff: its ratio to the cliff is $\kappa/(\kappa+1)$, here 0.91.
#
# ## 4. The best fixed step
#
# Raising η speeds up the slow direction ($1 - \eta\lambda_{\min}$ falls) but, beyond
# $1/\lambda_{\max}$, slows the fast one ($|1 - \eta\lambda_{\max}|$ grows). The worse of the two is
# smallest where they are equal,
# $1 - \eta\lambda_{\min} = \eta\lambda_{\max} - 1$:
#
# $$\eta^\star = \frac{2}{\lambda_{\min} + \lambda_{\max}}, \qquad \text{error shrinks by }
# \frac{\kappa - 1}{\kappa + 1} \text{ per step.}$$
#
# Measure the contraction per step of runs for 201 learning rates around $\eta^\star$ and pick the
# fastest:

# %%
eta_star, rate_star = optimal_step(bowl.lam_min, bowl.lam_max), optimal_rate(bowl.kappa)
candidates = np.linspace(0.5, 1.5, 201) * eta_star
best_lr, best_rate = best_measured_step(bowl, bowl.default_start, candidates, steps=200)
print(f"best measured η: {best_lr:.4f}   formula 2/(λ_min + λ_max): {eta_star:.4f}")
print(f"measured rate there: {best_rate:.4f}   formula (κ − 1)/(κ + 1): {rate_star:.4f}   difference: {abs(best_rate / rate_star - 1):.2%}")

# %%
rates = measured_rates(bowl, bowl.default_start, candidates, steps=200)
fig, ax = plots.static_figure(figsize=(6.5, 3.6))
_ = plots.two_d.plot_contraction_v(ax, candidates, rates, bowl.lam_min, bowl.lam_max)
ax.set_title("the best fixed step balances both ends")
_ = ax.legend(fontsize=9, loc="upper left")
plots.show(fig)

# %% [markdown]
# **What to notice:** left of $\eta^\star$ the slow direction limits the rate ($1 - \eta\lambda_{\min}$),
# right of it the fast one ($\eta\lambda_{\max} - 1$); the measured rates sit on the V and its tip
# is $(\kappa-1)/(\kappa+1)$. For large κ that is about $1 - 2/\kappa$, barely below 1 — this is
# why ill-conditioning is slow.
#
# ## 5. Beyond quadratics: too large a step never settles
#
# Near each minimum $w^\star$ a loss looks like a bowl with $A = \nabla^2 J(w^\star)$, the Hessian. So
# descent can settle into a minimum only if $\eta < 2/\lambda_{\max}(\nabla^2 J(w^\star))$ *there* —
# sharp minima reject large steps. Himmelblau's four minima have different sharpness:

# %%
hills = himmelblau()
limits = [stability_limit(np.linalg.eigvalsh(hills.hessian(np.array(m))).max()) for m in hills.minima]
for i, (m, lim) in enumerate(zip(hills.minima, limits)):
    print(f"minimum {i + 1} at ({m[0]:+.2f}, {m[1]:+.2f}): 2/λ_max of the Hessian = {lim:.4f}")
maps = {lr: basin_map(hills, lr=lr, n=200, steps=150) for lr in (0.01, 0.02, 0.03)}
for lr, basins in maps.items():
    print(f"η = {lr}: {basins.summary()}")

# %%
fig, axes = plots.static_figure(1, 3, figsize=(9.2, 3.9))
for ax, (lr, basins) in zip(axes, maps.items()):
    _ = plots.two_d.plot_basin_map(ax, basins)
    _ = plots.two_d.label_points(ax, hills.minima, [f"{lim:.3f}" for lim in limits])
    ax.set_title(f"η = {lr}", fontsize=10)
handles = {h.get_label(): h for b in maps.values() for h in plots.two_d.basin_legend_handles(b)}
_ = fig.legend(handles=list(handles.values()), fontsize=9, loc="outside lower center", ncols=6)
fig.suptitle("numbers: the limit 2/λ_max at each minimum; a minimum whose limit is below η cannot hold the descent", fontsize=10)
plots.show(fig)

# %% [markdown]
# **What to notice:** at η = 0.01 every minimum is reachable. At η = 0.02 the two sharpest minima
# (limits 0.0149 and 0.0190, both below 0.02) cannot hold the descent any more: starts in their
# basins bounce around forever ("never settled"). At η = 0.03 no minimum can hold it (every limit is
# below 0.03): starts bounce forever or diverge, in a finely interleaved, fractal-looking pattern
# where a tiny change of start decides between the two. As a statement of linear stability: plain descent
# with step η can only settle at minima flat enough that $2/\lambda_{\max} > \eta$. Networks add a
# twist (notebook 08): full-batch descent often drives the sharpness up until it hovers near
# $2/\eta$, the "edge of stability" (Cohen et al. 2021), while the loss still falls.
#
# ## 6. Momentum: the heavy ball
#
# On a long valley plain descent zig-zags across and crawls along. **Momentum** keeps a velocity
# $v$ that remembers earlier steps:
#
# $$v_{k+1} = \beta v_k - \eta\,\nabla J(w_k), \qquad w_{k+1} = w_k + v_{k+1}.$$
#
# Across the valley the gradient flips sign every step, so those components cancel in $v$; along
# the valley it keeps its sign, so speed builds up — like a leaky average, with an effective step
# $\eta/(1-\beta)$ along the floor.
#
# **The maths.** Along an eigen-direction with curvature λ the error obeys a two-term recurrence,
#
# $$e_{k+1} = (1 + \beta - \eta\lambda)\, e_k - \beta\, e_{k-1},$$
#
# so it behaves like $r^k$ for the roots $r$ of $r^2 - (1 + \beta - \eta\lambda)\, r + \beta = 0$.
# Both roots lie inside the unit circle — the run converges — exactly when
# $0 < \eta\lambda < 2(1 + \beta)$: momentum moves the cliff out from $2/\lambda_{\max}$ to
# $2(1+\beta)/\lambda_{\max}$. When the roots are complex their size is $\sqrt\beta$, whatever η:
# then β alone sets the rate. Measured on one direction with λ = 100:

# %%
for beta in (0.0, 0.5, 0.9):
    cliff = measured_momentum_cliff(100.0, beta, np.linspace(0.005, 0.05, 4501))
    print(f"β = {beta}: measured cliff η = {cliff:.4f},  2(1 + β)/λ = {2 * (1 + beta) / 100:.4f}")

# %% [markdown]
# With the tuned values
# $\eta = 4/(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2$ and
# $\beta = \big((\sqrt\kappa - 1)/(\sqrt\kappa + 1)\big)^2$ the error shrinks by about
# $(\sqrt\kappa - 1)/(\sqrt\kappa + 1)$ per step instead of $(\kappa - 1)/(\kappa + 1)$.

# %%
valley = quadratic_bowl(1.0, 50.0, 30.0)
lr_m, beta_m = tuned_momentum(valley.lam_min, valley.lam_max)
rules = {"plain, best fixed step": Momentum(optimal_step(1.0, 50.0), 0.0),
         "momentum, η = 0.004, β = 0.9": Momentum(0.004, 0.9),
         f"tuned momentum, η = {lr_m:.3f}, β = {beta_m:.3f}": Momentum(lr_m, beta_m)}
paths = {name: run(valley.f, valley.grad, valley.default_start, rule=rule, steps=5000, tol=1e-8) for name, rule in rules.items()}
for name, path in paths.items():
    print(f"{name:>36}: {path.outcome.message.split(',')[0]}; measured rate {measured_rate(path.points, (0, 0)):.3f}")
print(f"formulas: plain (κ − 1)/(κ + 1) = {optimal_rate(50.0):.3f}, "
      f"tuned momentum (√κ − 1)/(√κ + 1) = {momentum_rate(50.0):.3f}")

# %%
fig, axes = plots.static_figure(1, 3, figsize=(9.2, 3.5))
for ax, (name, path) in zip(axes, paths.items()):
    _ = plots.two_d.plot_level_curves(ax, [valley.level_curve(c) for c in 0.5 * np.linspace(0.5, 7, 14) ** 2])
    _ = plots.two_d.plot_eigen_directions(ax, valley)
    _ = plots.two_d.plot_path_2d(ax, path.points[:120])
    reach = max(valley.x_range[1], np.abs(path.points[:120]).max() * 1.05)
    ax.set(xlim=(-reach, reach), ylim=(-reach, reach), aspect="equal")
    drawn = "all drawn" if path.outcome.step <= 120 else "first 120 drawn"
    ax.set_title(f"{name}\n{path.outcome.step} steps ({drawn})", fontsize=9)
plots.show(fig)

# %% [markdown]
# **What to notice:** plain descent bounces between the walls and creeps along the floor. With
# β = 0.9 and a small η the zig-zag is damped and the ball rolls along the valley; its rate,
# 0.949, is exactly $\sqrt{0.9}$: both directions are in the complex-root regime, where β alone
# sets the rate. The tuned pair swings *wider* across the valley (note its larger axes) yet
# arrives in far fewer steps; its measured rate, 0.764, is a little slower than
# $(\sqrt\kappa-1)/(\sqrt\kappa+1) = 0.752$ because the tuned setting puts both directions at a
# double root, which adds a factor $k$ to $r^k$.
#
# A caveat: this acceleration is proven for quadratics. On smooth, strongly convex losses that
# are not quadratic, heavy-ball momentum with these settings can fail to converge (Lessard, Recht &
# Packard 2016); Nesterov's variant is the one with a guarantee there (notebook 07).
#
# How does the number of steps grow with κ, for plain descent at its best step and for tuned
# momentum? All runs at once, for κ from 10 to 1000:

# %%
kappa_grid = np.geomspace(10, 1000, 7)
counts = {"gradient descent": iterations_to_tolerance(kappa_grid),
          "tuned momentum": iterations_to_tolerance(kappa_grid, momentum=True)}
exponents = {name: fit_exponent(kappa_grid, c) for name, c in counts.items()}
for name, c in counts.items():
    print(f"{name:>16}: steps {c.tolist()}  →  steps ∝ κ^{exponents[name]:.2f}")

# %%
fig, ax = plots.static_figure(figsize=(6, 3.9))
models = {"κ/2 · ln 10⁶": kappa_grid / 2 * np.log(1e6), "√κ/2 · ln 10⁶": np.sqrt(kappa_grid) / 2 * np.log(1e6)}
_ = plots.two_d.plot_iterations_vs_kappa(ax, kappa_grid, counts, exponents, models)
ax.set_title("steps to shrink the error a million-fold", fontsize=10)
_ = ax.legend(fontsize=8)
plots.show(fig)

# %% [markdown]
# **What to notice:** the number of steps grows like $\kappa^{1.00}$ for plain descent and like
# $\kappa^{0.53}$ for tuned momentum — a little above ½ because of the factor $k$ of the double
# root, which also keeps the √κ model (dashed) below the momentum counts. The plain counts sit on
# their model κ/2 · ln 10⁶. The more stretched the valley, the bigger momentum's win.
#
# ## 7. Learning-rate schedules
#
# A fixed η is a compromise between speed early and precision late. A **schedule** changes it with
# the iteration $k$: step decay $\eta_0\, d^{\lfloor k/s \rfloor}$, the $1/t$ decay $\eta_0/(1 + ck)$,
# and the cosine $\tfrac12\eta_0\,(1 + \cos(\pi k/K))$. On the exact gradients of this notebook a
# decaying step only slows descent: a constant η* is faster. Schedules earn their keep with noisy
# gradients — the mini-batches of notebook 05 — where a constant step keeps jittering around the
# minimum at a noise floor; notebook 07 measures that, and the conditions $\sum_k \eta_k = \infty$,
# $\sum_k \eta_k^2 < \infty$ (Robbins & Monro 1951) under which a decaying step still converges.

# %%
ks = np.arange(300)
lr_schedules = {"step decay (×0.5 every 75)": schedules.step_decay(ks, 0.1, drop=0.5, every=75),
                "1/t (c = 0.02)": schedules.inverse_time(ks, 0.1, decay=0.02),
                "cosine (K = 300)": schedules.cosine(ks, 0.1, total=300)}
for name, lr_k in lr_schedules.items():
    print(f"{name:>28}: η_0 = {lr_k[0]:.3f}, η_150 = {lr_k[150]:.4f}, η_299 = {lr_k[299]:.5f}")

# %%
fig, ax = plots.static_figure(figsize=(6.5, 3.3))
for name, lr_k in lr_schedules.items():
    _ = ax.plot(ks, lr_k, lw=2, label=name)
ax.set(xlabel="iteration k", ylabel="learning rate η_k", title="three ways to lower the step over time")
_ = ax.legend(fontsize=8)
plots.show(fig)

# %% [markdown]
# **What to notice:** all three start at the same η₀ and end small; step decay drops in stairs,
# 1/t falls fast early then slowly, and the cosine stays high for long and then lands softly.
#
# ## 8. Live panels
#
# **The four regimes.** Move η (and the curvature $a$). Right: where η sits against $1/a$ and $2/a$
# on the curve of the factor $|1 - \eta a|$, with the regimes shaded; middle: $x_k$ against $k$;
# left: the path on the parabola. The status line names the regime.

# %%
regime_panel = RegimePanel()
regime_panel.show()

# %% [markdown]
# **A long valley, η against $2/\lambda_{\max}$, and momentum.** The green arrow is the slow
# direction ($\lambda_{\min}$), the purple arrow the fast one ($\lambda_{\max}$). Right: the
# distance to the minimum along each of them, on a log scale. The box at the top left gives η as a
# multiple of $2/\lambda_{\max}$.

# %%
valley_panel = ValleyPanel()
valley_panel.show()

# %% [markdown]
# **Try this:**
# 1. In the regime panel, put η exactly on 1/a (one step lands on the minimum), then on 2/a
#    (bouncing forever), then just beyond.
# 2. In the valley panel raise η until the box reads just above 1.00 × 2/λ_max: which
#    direction blows up, slow or fast?
# 3. Set κ = 100. With β = 0 the slow line crawls. Raise β to 0.8 or 0.9 (and try η ≈ 0.03):
#    the zig-zag straightens and the slow direction speeds up. With momentum the cliff moves to
#    $2(1 + \beta)/\lambda_{\max}$ (the status line shows it).
#
# ## 9. Check yourself
#
# **Exercise 1 — predict the cliff.** For $J = \tfrac12 w^\top A w$ with the matrix below, at which
# learning rate does gradient descent stop converging? (Hint: `np.linalg.eigvalsh(A)`.)

# %%
A = EXERCISE_MATRIX
print("A =", A.tolist())
my_cliff = None  # your answer: a number

_ = check_cliff_prediction(my_cliff)

# %% [markdown]
# **Exercise 2 — the best fixed step.** For the same $A$, give the best fixed learning rate and the
# factor by which the distance to the minimum, $\|w_k - w^\star\|$, shrinks per step with it (in
# the worst case over starts).

# %%
best_lr = None   # your answer
best_rate = None  # your answer

_ = check_best_step(best_lr, best_rate)

# %% [markdown]
# <details><summary>Show solutions</summary>
#
# ```python
# lam_min, lam_max = np.linalg.eigvalsh(A)   # 2 and 8
# my_cliff = 2 / lam_max                      # 0.25
# best_lr = 2 / (lam_min + lam_max)           # 0.2
# best_rate = (lam_max / lam_min - 1) / (lam_max / lam_min + 1)   # κ = 4 → 0.6
# ```
# The loss $J$ shrinks by the square of that factor, 0.36, per step.
# </details>
#
# ## 10. Summary
#
# - On $a x^2/2$ each step multiplies $x$ by $1 - \eta a$: monotone below $1/a$, oscillating up to
#   $2/a$, bouncing at $2/a$, diverging beyond.
# - On a quadratic, descent converges iff $\eta < 2/\lambda_{\max}$; the learning-rate sweep shows
#   the cliff exactly there.
# - The best fixed step is $2/(\lambda_{\min} + \lambda_{\max})$, and the error shrinks by
#   $(\kappa - 1)/(\kappa + 1)$ per step: steps grow like κ.
# - On other losses, the sharpness (Hessian) at each minimum decides whether a step can settle there.
# - Momentum follows a two-term recurrence and is stable for $0 < \eta\lambda < 2(1+\beta)$; with a
#   large β it damps the zig-zag (rate $\sqrt\beta$); tuned, it swings wider but its steps grow
#   only like $\sqrt\kappa$ — a guarantee for quadratics.
# - Schedules lower η over time; they help when gradients are noisy (notebook 07).
#
# **Further reading:** Goh, "Why Momentum Really Works" (Distill, 2017); Ruder, "An overview of
# gradient descent optimization algorithms" (2016), sections 4.1 and 6; Nielsen, *Neural Networks
# and Deep Learning*, ch. 3 ("How to choose a neural network's hyper-parameters").
#
# **Next:** [04 Saddle points](04_saddle_points.ipynb) — points where the gradient is zero but
# which are not minima.
