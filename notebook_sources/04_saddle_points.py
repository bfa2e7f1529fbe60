# %% [markdown]
# # 04 — Saddle points, plateaus, and how descent escapes them
#
# **Goal:** tell a minimum from a saddle by the Hessian's eigenvalues, see why gradient descent
# can sit for a long time on a flat plateau near a saddle, predict how long (exactly, for the
# quadratic model of a saddle), and see why noise and momentum help. Finally, a small experiment
# with random matrices shows why, in many dimensions, a flat point with random curvature signs is
# almost never a minimum — and what that does and does not say about real networks.
#
# Contents: 1 zero slope is not a minimum · 2 the Hessian decides · 3 descent near a saddle ·
# 4 the plateau · 5 escape time grows like log(1/ε) · 6 noise and momentum · 7 which way it
# falls · 8 high dimensions · 9 live panel · 10 check yourself · 11 summary

# %%
# %matplotlib widget
import numpy as np

from helpers import plots
from helpers.checks import HESSIAN_QUIZ, check_escape_prediction, check_fall_sides, check_hessian_classes
from helpers.critical_points import POSITIVE_DEFINITE_2X2, analyse_point, definiteness_fractions
from helpers.descent import GradientDescent, Momentum, NoisyGradientDescent, run
from helpers.objectives import monkey_saddle, saddle, two_valleys
from helpers.panels.saddle import SaddlePanel
from helpers.saddle_escape import (escape_time_formula, measure_escape_steps, momentum_growth_factor,
                                   noise_equivalent_offset, noisy_escape_time_median, saddle_geometry, saddle_run)

# %% [markdown]
# ## 1. Zero slope is not a minimum
#
# Gradient descent stops where the gradient is zero. That includes minima — and also points
# that are a minimum in one direction and a maximum in another. The simplest is
#
# $$J(x, y) = x^2 - y^2, \qquad \nabla J = (2x,\; -2y).$$
#
# At the origin $\nabla J = 0$. Along the $x$-axis $J = x^2$ rises on both sides (a valley);
# along the $y$-axis $J = -y^2$ falls on both sides (a ridge). Such a point is a **saddle**.

# %%
J = saddle()
origin = np.array([0.0, 0.0])
print(f"gradient at the origin: {J.grad(origin) + 0.0}")  # + 0.0 prints −0 as 0
for t in [-0.5, 0.5]:
    print(f"J({t:+}, 0) = {J.f(np.array([t, 0.0])):+.2f}   J(0, {t:+}) = {J.f(np.array([0.0, t])):+.2f}   (J at the origin is 0)")

# %% [markdown]
# ## 2. The Hessian decides
#
# Near a critical point $w^\star$ (where $\nabla J = 0$) the first-order term vanishes and the
# second-order term takes over. Along a unit eigenvector $v$ of the Hessian $H$ with eigenvalue
# $\lambda$:
#
# $$J(w^\star + t\,v) \approx J(w^\star) + \tfrac12\,\lambda\, t^2 .$$
#
# So each eigenvalue says how $J$ bends along its eigenvector: up if $\lambda > 0$, down if
# $\lambda < 0$. **All positive: a minimum. All negative: a maximum. Both signs: a saddle.** A
# zero eigenvalue without a sign change leaves the test undecided (**degenerate**). Here are
# three functions, each with a critical point at the origin:

# %%
valleys, monkey = two_valleys(), monkey_saddle()
for obj in [J, monkey, valleys]:
    info = analyse_point(obj, origin)
    lam = ", ".join(f"{v + 0:g}" for v in info.eigenvalues)
    print(f"{obj.formula:<22} ‖∇J‖ = {info.grad_norm:g}   eigenvalues {lam:<8}  →  {info.kind}")
for m in valleys.minima:
    info = analyse_point(valleys, m)
    print(f"{valleys.formula} at {m}: ‖∇J‖ = {info.grad_norm:g}, eigenvalues {info.eigenvalues}  →  {info.kind}")

# %%
fig, axes = plots.static_figure(2, 3, figsize=(9.0, 6.4))
for column, obj in enumerate([J, monkey, valleys]):
    ax3d = plots.saddle.surface_axes(fig, axes[0, column])
    *_, filled = plots.saddle.plot_critical_point_views(ax3d, axes[1, column], obj, analyse_point(obj, origin), obj.minima)
_ = plots.saddle.height_key(fig, filled, axes[1, :])
plots.show(fig)

# %% [markdown]
# **What to notice:** blue is low $J$, red is high. On $x^2 - y^2$ the blue dashed line
# ($\lambda = +2$, *uphill*: $J$ curves up along it) is the way descent slides *into* the saddle,
# and the purple one ($\lambda = -2$, *downhill*: $J$ curves down) the way *off* it. The monkey
# saddle $x^3 - 3xy^2$ has a Hessian of all zeros at the origin, so the test cannot decide; the
# cubic terms make it a saddle with three ways down, the three arrows (check: $J = r^3 \cos
# 3\theta$ in polar coordinates is negative for $\theta$ near 60°, 180° and 300°). The two-valley function has a saddle between two minima: a pass between two
# valleys, like the hilltop between the two valleys of notebook 01.
#
# ## 3. Descent near a saddle
#
# On $x^2 - y^2$ one step of gradient descent, $w \leftarrow w - \eta \nabla J(w)$, acts on
# each coordinate separately:
#
# $$x_{k+1} = (1 - 2\eta)\,x_k, \qquad y_{k+1} = (1 + 2\eta)\,y_k \quad\Longrightarrow\quad y_k = (1 + 2\eta)^k\, y_0 .$$
#
# The $x$-coordinate shrinks (for $\eta < 1$) and the $y$-coordinate grows — unless it is
# exactly zero. The line $y = 0$ is the saddle's **stable line**: started on it, descent slides
# into the saddle and stays there for ever. Started a distance $\varepsilon$ off it, descent
# escapes.

# %%
lr = 0.1
on_line = run(J.f, J.grad, [1.0, 0.0], lr=lr, steps=2000, tol=1e-12)
print(f"start (1, 0):     {on_line.outcome.message};  final point ({on_line.final[0]:.0e}, {on_line.final[1]:g}),"
      f"  gradient norm {on_line.grad_norms[-1]:.0e}")
off_line = run(J.f, J.grad, [1.0, 1e-6], lr=lr, steps=100, tol=0)
print(f"start (1, 1e-6):  after 100 steps y = {off_line.final[1]:.3g};  formula (1 + 2η)^100 · 1e-6 = {(1 + 2 * lr) ** 100 * 1e-6:.3g}")

# %% [markdown]
# **What to notice:** started exactly on the stable line, gradient descent stops *at the
# saddle* with a vanishing gradient — a stopping rule based on the gradient would call this
# "converged". One millionth off the line, $y$ grows by the factor $1 + 2\eta$ every step,
# exactly as the formula says.
#
# ## 4. The plateau
#
# Between the two regimes there is a long stretch where $x$ has already shrunk and $y$ is still
# tiny: the gradient is almost zero, so the loss hardly changes. This is the **plateau**. (Here a
# run is on its plateau while $\lVert\nabla J\rVert$ is below a tenth of its starting value.)

# %%
geometry = saddle_geometry(J, origin)
runs = {eps: saddle_run(J, geometry, eps, GradientDescent(lr), steps=300) for eps in [1e-3, 1e-6, 1e-9]}
for eps, r in runs.items():
    print(f"ε = {eps:.0e}:  {r.message}")
lengths = [r.plateau[1] - r.plateau[0] + 1 for r in runs.values()]
print(f"plateau lengths {lengths} steps: each factor 1000 in ε adds {lengths[1] - lengths[0]} and {lengths[2] - lengths[1]};"
      f"  ln 1000 / ln(1 + 2η) = {np.log(1000) / np.log(1 + 2 * lr):.1f}")

# %%
fig, (ax_loss, ax_grad) = plots.static_figure(1, 2, figsize=(9.2, 3.6))
_ = plots.saddle.plot_plateau_runs(ax_loss, ax_grad, runs, threshold=0.1 * runs[1e-3].grad_norms[0])
_ = ax_loss.set(ylim=(-3, 1.6), title="loss: flat, then a sudden drop"), ax_loss.legend(fontsize=9, loc="lower left")
_ = ax_grad.set(title="gradient norm (dotted: a tenth of the start)")
plots.show(fig)

# %% [markdown]
# **What to notice:** the loss drops to the saddle's level (0), stays flat, then falls off a
# cliff. A reader watching only the loss curve would think training had finished — then, with
# no change of settings, it suddenly improves. Each factor of 1000 in $\varepsilon$ adds the
# same 38 steps to the plateau (15, 53, 91 steps, printed above the figure): the
# $\ln 1000/\ln(1 + 2\eta) = 37.9$ steps the offset needs to grow 1000-fold.
#
# ## 5. Escape time grows like log(1/ε)
#
# Call it an escape when $|y_k|$ reaches 1. From $y_k = (1 + 2\eta)^k \varepsilon = 1$:
#
# $$k^\star = \frac{\ln(1/\varepsilon)}{\ln(1 + 2\eta)} .$$
#
# The first whole step that gets there is the ceiling of $k^\star$. The cell measures the
# first $k$ with $|y_k| \ge 1$ by running descent from twelve offsets at once.

# %%
eps_values = 10.0 ** -np.arange(1, 13)
starts = np.column_stack([np.ones_like(eps_values), eps_values])
measured = measure_escape_steps(J.grad, GradientDescent(lr), starts, origin, geometry.unstable)
predicted = escape_time_formula(eps_values, lr)
for i in [0, 3, 7, 11]:
    eps, m, p = eps_values[i], measured[i], predicted[i]
    print(f"ε = {eps:.0e}:  measured {m:3d} steps   formula {p:6.2f}   ceiling {int(np.ceil(p)):3d}")
print(f"measured = ⌈k*⌉ for {np.sum(measured == np.ceil(predicted))} of the {len(eps_values)} offsets")
print(f"steps added per factor 10 in ε: ln 10 / ln(1 + 2η) = {np.log(10) / np.log(1 + 2 * lr):.2f}")

# %%
fig, ax = plots.static_figure(figsize=(7, 4))
_ = plots.saddle.plot_escape_times(ax, eps_values, measured, predicted)
ax.set_title(f"steps to escape x² − y² from (1, ε), η = {lr}")
plots.show(fig)

# %% [markdown]
# **What to notice:** on a log axis the escape time is a straight line: every factor of 10
# closer to the stable line costs the same 12.63 extra steps, and every measured count is
# exactly the first whole step after $k^\star$ (all 12 of 12). Even $\varepsilon = 10^{-12}$
# escapes, after 152 steps: a saddle slows descent down, but only an exact hit on the stable
# line stops it. (The axis runs from $10^{-1}$ on the left to $10^{-12}$ on the right.)
#
# ## 6. Noise and momentum escape faster
#
# **Noise.** Stochastic gradient descent (notebook 05 §10) follows the gradient of a random
# mini-batch of examples: the true gradient plus noise. A caricature of that noise is
# $\nabla J(w) + \sigma\,\xi_k$ with $\xi_k$ standard normal, the same in every direction and
# everywhere (real SGD noise is neither, and it helps only through its component along the
# downhill direction; Daneshmand et al. 2018). From exactly $\varepsilon = 0$ the noise itself
# pushes $y$ off the stable line: $y_k = -\eta\sigma\,a^k \sum_{j\le k} a^{-j}\xi_j$ with
# $a = 1 + 2\eta$. The sum is normal with variance $\sum_j a^{-2j} = 1/(a^2 - 1)$ (a geometric
# series of independent terms). So noise acts like a random start offset of size
#
# $$\varepsilon_{\text{noise}} \approx \frac{\eta\,\sigma}{\sqrt{(1 + 2\eta)^2 - 1}}\;|Z|, \qquad Z \sim N(0, 1).$$

# %%
sigma = 0.01
seeded = measure_escape_steps(J.grad, NoisyGradientDescent(lr, sigma, seed=0), [[1.0, 0.0]], origin, geometry.unstable)[0]
print(f"σ = {sigma}, seed 0: escaped from ε = 0 after {seeded} steps (plain GD never escapes)")
over_seeds = [measure_escape_steps(J.grad, NoisyGradientDescent(lr, sigma, seed=s), [[1.0, 0.0]], origin,
                                   geometry.unstable)[0] for s in range(200)]
print(f"over 200 seeds: median {np.median(over_seeds):.0f} steps, range {min(over_seeds)}–{max(over_seeds)};"
      f"  prediction from ε_noise: {noisy_escape_time_median(lr, sigma):.1f}")
print(f"noise {sigma} acts like an offset of about ε = {noise_equivalent_offset(lr, sigma):.1e} × |Z|")

# %% [markdown]
# **Momentum.** Heavy-ball momentum adds $\beta$ times the previous step. Along the downhill
# direction the offset then obeys $y_{k+1} = (1 + 2\eta + \beta)\,y_k - \beta\,y_{k-1}$. Trying
# $y_k = r^k$ gives $r^2 - (1 + 2\eta + \beta)\,r + \beta = 0$; the larger root $r$ is the growth
# per step — more than $1 + 2\eta$ whenever $\beta > 0$. The escape time becomes about
# $\ln(1/\varepsilon)/\ln r$. Much of the gain is simply a longer step: for small $\eta|\lambda|$,
# $r \approx 1 + 2\eta/(1 - \beta)$, the growth of plain descent with step $\eta/(1-\beta)$.

# %%
beta = 0.6
with_momentum = measure_escape_steps(J.grad, Momentum(lr, beta), starts, origin, geometry.unstable)
r = momentum_growth_factor(lr, beta)
print(f"growth per step: plain GD 1 + 2η = {1 + 2 * lr:.3f};  momentum β = {beta}: r = {r:.3f}")
print(f"ε = 1e-12: plain GD {measured[-1]} steps, momentum {with_momentum[-1]} steps (ln(1/ε)/ln r = {np.log(1e12) / np.log(r):.1f})")
long_step = measure_escape_steps(J.grad, GradientDescent(lr / (1 - beta)), starts[-1:], origin, geometry.unstable)[0]
print(f"plain GD with the step η/(1 − β) = {lr / (1 - beta):.2f}: {long_step} steps")

# %%
fig, ax = plots.static_figure(figsize=(7, 4))
_ = plots.saddle.plot_escape_times(ax, eps_values, measured, predicted)
_ = plots.saddle.plot_momentum_escape(ax, eps_values, with_momentum, r, beta)
_ = plots.saddle.plot_noise_median(ax, np.median(over_seeds), sigma), ax.legend(fontsize=9, loc="upper left")
ax.set_title(f"escape times, η = {lr}")
plots.show(fig)

# %% [markdown]
# **What to notice:** the momentum squares lie on their own flatter line $\ln(1/\varepsilon)/\ln r$ — each decade of $\varepsilon$
# costs fewer steps (91 instead of 152 from $10^{-12}$) because the offset grows faster; plain
# descent with the longer step $\eta/(1-\beta)$ is faster still here (69 steps), so at a clean
# saddle momentum mostly acts as a larger step (where it helps beyond that: Jin, Netrapalli &
# Jordan 2018). From $\varepsilon = 0$, or any $\varepsilon$ much smaller than
# $\varepsilon_{\text{noise}} \approx 1.5\times10^{-3}$, noise escapes in about as many steps
# (median 39) as a start offset of that size; for larger $\varepsilon$ the start dominates.
#
# ## 7. Which way does it fall?
#
# On the two-valley function $J = (x^2 - 1)^2/4 + y^2/2$ the saddle at the origin has the
# downhill direction $x$ (eigenvalue $-1$) and the uphill direction $y$ (eigenvalue $+1$).
# A start just off the stable line $x = 0$ falls into the valley on the side it was nudged to.

# %%
valley_geometry = saddle_geometry(valleys, origin)
falls = {eps: saddle_run(valleys, valley_geometry, eps, GradientDescent(0.2), steps=300, radius=0.5)
         for eps in [1e-4, -1e-8, 0.0]}
for eps, result in falls.items():
    print(f"start ({eps:g}, 1):  {result.message}")

# %%
fig, (ax, ax_x) = plots.static_figure(1, 2, figsize=(9.2, 4.2))
_ = plots.saddle.plot_contours(ax, valleys)
_ = plots.saddle.mark_critical_points(ax, [origin, *map(np.array, valleys.minima)], ["saddle", "minimum", "minimum"])
colours = dict(zip([f"start ({eps:g}, 1)" for eps in falls], [plots.COLOURS["path"], plots.COLOURS["tangent"], "0.2"]))
for (label, colour), result in zip(colours.items(), falls.values()):
    _ = plots.saddle.plot_path_2d(ax, result.points, color=colour, label=label)
_ = ax.legend(fontsize=9, loc="upper left"), ax.set_title("the paths (they share the stable line)")
_ = plots.saddle.plot_offsets_against_steps(ax_x, {k: r.offsets for k, r in zip(colours, falls.values())}, colours)
_ = ax_x.set_title("distance from the stable line, log scale")
plots.show(fig)

# %% [markdown]
# **What to notice:** on the left all three paths first slide down the stable line towards the
# saddle, on top of each other; the right shows what tells them apart. Each offset grows by the
# factor $1 + 0.2 = 1.2$ per step, so $10^{-8}$ needs about 50 more steps than $10^{-4}$ to
# leave. Only the sign of the tiny $x$-offset decides the valley; $x = 0$ exactly stays on the
# saddle.
#
# ## 8. High dimensions: saddles become common
#
# At a critical point of a network with $n$ parameters the Hessian is an $n \times n$
# symmetric matrix. For the Hessian test to confirm a minimum, all $n$ eigenvalues must be
# positive — the matrix is then called **positive definite**. (That is sufficient, not
# necessary: $J = x^4$ has a minimum with $\lambda = 0$.) If the signs were like those of a
# random symmetric matrix, how often would that happen? Draw many random matrices
# $(G + G^\top)/2$ with standard normal $G$ and count. For $n = 2$ the exact answer is
# $(2 - \sqrt2)/4$.

# %%
dims = np.arange(1, 9)
fractions = definiteness_fractions(dims, trials=50_000, seed=0)
print(f"n = 2: measured {fractions.all_positive[1]:.4f}, exact (2 − √2)/4 = {POSITIVE_DEFINITE_2X2:.4f}")
for n, p, s in zip(dims, fractions.all_positive, fractions.mixed):
    rate = f"−ln P / n² = {-np.log(p) / n**2:.2f}" if p > 0 else "(none seen)"
    print(f"n = {n}:  all eigenvalues > 0 in {p:.5f} ({round(p * fractions.trials):5d} matrices)  {rate:18s}"
          f"  both signs (saddle) in {s:.5f}")
print(f"for large n, −ln P / n² → ln 3 / 4 = {np.log(3) / 4:.3f}")

# %%
fig, ax = plots.static_figure(figsize=(6.5, 4))
_ = plots.saddle.plot_definite_fractions(ax, dims, fractions.all_positive, fractions.trials)
ax.set_title("how often a random symmetric matrix is positive definite")
plots.show(fig)

# %% [markdown]
# **What to notice:** already at $n = 5$ only 10 of 50,000 matrices are positive definite (so
# that point is uncertain by about a third), and from $n = 6$ on none was. The printed
# $-\ln P/n^2$ falls from 0.70 towards the proven large-$n$ law
# $P \approx e^{-(\ln 3/4)\,n^2}$, $\ln 3/4 = 0.275$ (Dean & Majumdar 2006): faster than any
# exponential in $n$. So *if* the Hessian's signs were like those of a random symmetric matrix,
# minima would be astronomically rare. In models of random high-dimensional functions (Bray &
# Dean 2007, used by Dauphin et al. 2014) this holds for critical points at high loss, while
# critical points at low loss are mostly minima. So saddles are a common obstacle on the way
# down, and bad minima are less of a worry than in low dimensions. Real networks add many
# almost-flat directions (Sagun et al. 2017), and they can still have poor local minima.
#
# ## 9. Live panel
#
# Move the start offset ε (a log slider; tick the box for ε = 0 exactly), the learning rate, the
# gradient noise σ and momentum β. The left plot shows the path on the contours with the
# eigen-directions of the saddle and, dotted, the escape lines; the right plots show the loss
# and the gradient norm with the plateau shaded. The status line says whether descent escaped
# (and after how many steps, beside the linear theory's prediction) or is stuck at the saddle.

# %%
panel = SaddlePanel()
panel.show()

# %% [markdown]
# **Try this:**
# 1. Slide ε from $10^{-1}$ to $10^{-12}$: how does the plateau grow? Then tick ε = 0.
# 2. With ε = 0 ticked, raise the noise from 0 to $10^{-8}$, then $10^{-2}$: how many steps now?
#    Change the seed: the number changes a little, not a lot.
# 3. With ε = $10^{-9}$, raise β from 0 to 0.9. Compare the plateau length.
# 4. Push η above 1: the *uphill* direction becomes unstable (the factor $|1 - 2\eta|$ exceeds 1,
#    as in notebook 03).
# 5. Switch to the two valleys and nudge ε: it always falls to the right for ε > 0.
#
# ## 10. Check yourself
#
# **Exercise 1 — classify.** Each matrix below is the Hessian at a critical point. Name each
# point: `"minimum"`, `"maximum"`, `"saddle"` or `"degenerate"`. (Work out the eigenvalues; for a
# 2 × 2 matrix the signs follow from the determinant and the trace.)

# %%
for name, h in HESSIAN_QUIZ.items():
    print(f"{name}:", np.array(h).tolist())

# %%
my_classes = {"A": "...", "B": "...", "C": "...", "D": "...", "E": "..."}
_ = check_hessian_classes(my_classes)

# %% [markdown]
# **Exercise 2 — which side?** Plain gradient descent with η = 0.1 on the two-valley function
# starts at P = (0.001, 0.9), Q = (−1e-9, 1.2), R = (0, −1.1) and S = (2e-12, −0.6). Where does
# each end: `"left"`, `"right"` or `"saddle"`?

# %%
my_sides = {"P": "...", "Q": "...", "R": "...", "S": "..."}
_ = check_fall_sides(my_sides)

# %% [markdown]
# **Exercise 3 — predict the plateau.** On $x^2 - y^2$ with η = 0.05, starting from (1, 10⁻⁸): after
# how many steps is $|y| \ge 1$ for the first time?

# %%
my_steps = ...  # your prediction (a number)
_ = check_escape_prediction(my_steps)

# %% [markdown]
# <details><summary>Show solutions</summary>
#
# 1. A minimum (2, 3); B saddle (eigenvalues 3 and −1: positive diagonal is not enough);
#    C maximum (trace < 0, determinant > 0); D degenerate (0 and 4); E saddle (the lower block has
#    determinant 2 − 2.25 < 0).
# 2. P right, Q left, R saddle (x = 0 exactly stays 0), S right. Only the sign of x₀ matters.
# 3. $\lceil \ln(10^8) / \ln(1.1) \rceil = \lceil 193.3 \rceil = 194$.
# </details>
#
# ## 11. Summary
#
# - A zero gradient means a critical point; the Hessian's eigenvalues say which kind: all
#   positive a minimum, all negative a maximum, mixed a saddle, zeros leave it undecided.
# - Near a saddle, gradient descent multiplies the offset along a downhill eigen-direction by
#   $1 + \eta|\lambda|$ per step. Exactly on the stable line it converges *to the saddle*.
# - Escaping from an offset ε to a distance $R$ takes $\ln(R/\varepsilon)/\ln(1 + \eta|\lambda|)$
#   steps, while the quadratic picture of the saddle holds: a plateau whose length grows like
#   $\log(1/\varepsilon)$, visible as a flat loss curve.
# - Gradient noise acts like a random offset, so it escapes even from ε = 0; momentum raises the
#   growth factor and shortens the plateau.
# - A random symmetric matrix is positive definite with probability about $e^{-(\ln 3/4)n^2}$. In
#   models of random high-dimensional functions, critical points at high loss are therefore
#   mostly saddles and those at low loss mostly minima; real networks also have many
#   almost-flat directions and some poor local minima.
#
# **Further reading:** Dauphin et al., "Identifying and attacking the saddle point problem in
# high-dimensional non-convex optimization" (NeurIPS 2014); Goodfellow, Bengio, Courville,
# *Deep Learning*, section 8.2.3 ("Plateaus, saddle points and other flat regions"); Jin et al.,
# "How to escape saddle points efficiently" (ICML 2017); Dean and Majumdar, "Large deviations of
# extreme eigenvalues of random matrices" (Phys. Rev. Lett. 2006) for the $e^{-c\,n^2}$ law;
# Bray and Dean, "Statistics of critical points of Gaussian fields on large-dimensional spaces"
# (Phys. Rev. Lett. 2007); Sagun et al., "Empirical analysis of the Hessian of over-parametrized
# neural networks" (2017); Jin, Netrapalli and Jordan, "Accelerated gradient descent escapes
# saddle points faster than gradient descent" (COLT 2018).
#
# **Next:** [05 Backpropagation](05_backpropagation.ipynb) — how the gradient of a whole network
# is computed.
