# %% [markdown]
# # 08 — Why does gradient descent train neural networks at all?
#
# **Goal:** the loss of a network is not convex: it has saddles, flat valleys and possibly
# poor local minima. Yet plain gradient descent from a random start reaches (near) zero
# training loss, and among the many weights with zero loss it picks particular ones. This
# notebook looks at that question the way the research does, with experiments small enough
# for a laptop. For each answer it says what is **proven** (and under which conditions),
# what is **observed** (and over how many seeds), and what is still **open**.
#
# Contents: 1 the line from start to trained weights · 2 a slice of the landscape ·
# 3 the training path · 4 critical points of a tiny network · 5 over-parameterisation ·
# 6 implicit bias · 7 the edge of stability · 8 check yourself · 9 summary · 10 further reading

# %%
import numpy as np

from helpers import plots
from helpers import critical_points as cp, implicit_bias as ib, landscape as ls, overparameterisation as op
from helpers import sharpness as sh
from helpers.checks import EDGE_EXERCISE_LR, check_edge_prediction, check_normalised_margin
from helpers.datasets import load_digits
from helpers.nn import Network
from helpers.reporting import below

# %% [markdown]
# ## 1. The straight line from the start to the trained weights
#
# Take the digits network of notebook 05 (64 inputs, 32 ReLU units, 10 outputs: 2,410
# weights and biases), trained for 30 epochs of mini-batch gradient descent. Call its
# initial weights $\theta_0$ and its trained weights $\theta_T$. The loss cannot be drawn
# over all 2,410 dimensions, but it can along the straight line between them
# (Goodfellow, Vinyals & Saxe 2015):
#
# $$J\big((1-\alpha)\,\theta_0 + \alpha\,\theta_T\big), \qquad \alpha = 0 \text{ at the start},\ \alpha = 1 \text{ trained}.$$
#
# If the landscape were full of bumps between start and finish, this line would cross them.

# %%
run = ls.digits_run(hidden=(32,), seed=0, epochs=30)  # notebook 05's network, with its path
alphas = np.linspace(-0.25, 1.5, 71)
line = ls.line_losses(run.net, run.X, run.y, run.loss, run.trajectory[0], run.trajectory[-1], alphas)
between = line[(alphas > -1e-9) & (alphas < 1 + 1e-9)]  # α = 0, 0.025, …, 1
rises = int(np.sum(np.diff(between) > 0))
print(f"loss at the start {run.losses[0]:.3f}, trained {run.losses[-1]:.3f}; "
      f"steps along the line from α = 0 to 1 where the loss rises: {rises} of {len(between) - 1}")
fig, ax = plots.static_figure(figsize=(7.5, 3.6))
plots.landscape.plot_line(ax, alphas, line)
plots.show(fig)

# %% [markdown]
# **What to notice:** between $\alpha = 0$ and $\alpha = 1$ the loss falls without a single
# rise (0 of 40 steps): no barrier lies on the straight road from this start to this
# solution. Past $\alpha = 1$ it climbs again. Goodfellow et al. saw the same for many
# networks. That is an **observation** about particular runs, not a theorem: it does not
# say that the path gradient descent took was straight (section 3 shows it was not), nor
# that every start has such a road.

# %% [markdown]
# ## 2. A slice of the landscape along two random directions
#
# A plane through $\theta_T$ shows more: $J(\theta_T + a\,d_1 + b\,d_2)$ for two directions
# $d_1, d_2$. Random directions need care. A ReLU network computes the same function when one
# layer's weights are multiplied by $c > 0$ and the next layer's divided by $c$, so a raw
# Gaussian direction would look short next to big weights and long next to small ones.
# **Filter normalisation** (Li et al. 2018) fixes this: draw $d$ Gaussian, then rescale each
# *filter* — here the incoming weights of one unit, a column of $W^{(l)}$ — to the norm of the
# same filter in $\theta_T$:
#
# $$d_{l,j} \leftarrow \frac{d_{l,j}}{\lVert d_{l,j}\rVert}\,\lVert \theta_{T,l,j}\rVert .$$
#
# The unit tests check that the directions then have the trained filters' norms and that the
# slice does not change when a layer is rescaled as above (while a raw Gaussian slice does).
# The 41 × 41 grid is computed in one vectorised pass (`helpers/landscape.py` explains how).

# %%
directions = np.stack([ls.filter_normalised_direction(run.net, seed=s) for s in (1, 2)])
random_slice = ls.loss_slice(run.net, run.X, run.y, run.loss, directions, span=(-1, 1, -1, 1), points=41)
print(f"loss at the slice's centre {random_slice.centre_loss:.4f} (the trained loss); "
      f"smallest on the grid {random_slice.losses.min():.4f}, largest {random_slice.losses.max():.1f}")
fig = plots.figure.plt.figure(figsize=(8.8, 4.0), layout="constrained")
plots.landscape.plot_slice(fig.add_subplot(1, 2, 1), random_slice, "filter-normalised random slice")
plots.landscape.plot_surface(fig.add_subplot(1, 2, 2, projection="3d"), random_slice)
plots.show(fig)

# %% [markdown]
# **What to notice:** around the trained weights the slice is one wide, smooth basin:
# moving a whole filter's length in a random direction (a = ±1) raises the loss from 0.08
# to a few units, and no other valley appears in this plane. Li et al. found such
# convex-looking slices for shallow and for residual networks, and chaotic ones for very
# deep networks without skip connections. Keep in mind what a slice is: two of 2,410
# directions. A basin in a random plane is **observed**; it does not prove the landscape
# is convex, and random directions are known to miss the few sharp directions
# a network's Hessian has (section 7).

# %% [markdown]
# ## 3. The path gradient descent took
#
# Random directions almost never contain the training path. The plane that holds most of it
# is spanned by the two **principal directions** of the snapshots $\theta_k - \theta_T$
# (one per epoch): the two directions along which the path varies most (Li et al. 2018, §7).
# Projecting the snapshots on that plane draws the path on the landscape.

# %%
pca = ls.pca_directions(run.trajectory)
path_slice = ls.loss_slice(run.net, run.X, run.y, run.loss, pca.directions,
                           span=ls.span_around(pca.path_coords), points=41,
                           path=pca.path_coords, explained=pca.explained, kind="pca")
print(f"the plane holds {100 * pca.explained.sum():.1f} % of the path's squared distance from θ_T; lowest loss "
      "in the plane {:.3f} at a = {:.1f}, b = {:.1f}; at θ_T {:.3f}".format(*path_slice.lowest(), path_slice.centre_loss))
fig, ax = plots.static_figure(figsize=(7.5, 5.0))
plots.landscape.plot_slice(ax, path_slice, "the training path in its PCA plane")
plots.show(fig)

# %% [markdown]
# **What to notice:** the first principal direction alone holds 95.7 % of the path (the axis
# label), so the path is close to a curve in a plane: it moves fast at first (the dots are one
# epoch apart) and then creeps along the valley floor. The loss in this plane is *lowest
# beyond* θ_T, at the left edge, in the direction the path was still travelling: after 30
# epochs training had not finished, and no minimum has been reached. The contours are the loss
# in this plane only; earlier weights are not exactly in it, so the path need not follow them.
# That the path is this simple is an **observation** for this network (Li et al. saw the same
# for larger ones), not a theorem.
#
# **Try it live.** Choose the network (width, depth), the seed and the plane. A new choice
# trains that network and computes its grid, which takes a few seconds (the status line says
# so); choices you have seen before come back at once.

# %%
# %matplotlib widget
from helpers.panels.landscape import LandscapePanel

LandscapePanel(trained={((32,), 0): run}).show()

# %% [markdown]
# ## 4. Critical points of a tiny network: the higher the loss, the more ways down
#
# Notebook 04 named critical points ($\nabla J = 0$) by the signs of the Hessian's eigenvalues,
# and its random matrices suggested that in many dimensions most critical points are saddles.
# Dauphin et al. (2014, Fig. 1) measured this on networks: they located critical points with
# Newton's method, which goes to critical points of every kind, and plotted each one's
# **index**, the fraction of negative Hessian eigenvalues,
#
# $$\alpha(\theta^*) = \frac{\#\{\,i : \lambda_i(\nabla^2 J(\theta^*)) < 0\,\}}{\text{number of weights}},$$
#
# against its loss. The points lay along a rising curve: at high loss, saddles with many ways
# down; at low loss, (nearly) minima. Here is the same measurement on a network small enough to
# search thoroughly: 1 input, 3 tanh units, 1 output (10 weights), squared error on 20 points of
# a bump and a dip. Starts: 150 random weight vectors and 300 points along 30 gradient-descent
# runs, each polished by damped Newton on $\nabla J(\theta) = 0$ (Gauss–Newton on
# $\lVert\nabla J\rVert^2$); the 30 runs' end points are also polished by damped Newton on $J$
# itself, which only goes downhill.
# A point is kept if $\lVert\nabla J\rVert < 10^{-10}$. The Hessian is exact (the unit tests
# compare it with backpropagation's Hessian-vector products and with finite differences).

# %%
X_bump, y_bump = cp.bump_data()
survey = cp.survey_critical_points(X_bump, y_bump, hidden=3)  # a few seconds
print(f"kept {len(survey.losses)} points: {survey.kept('newton')} of {survey.starts['newton']} Newton runs and "
      f"{survey.kept('descent')} of {survey.starts['descent']} descent runs, each with ‖∇J‖ "
      f"{below(survey.grad_norms.max(), 1e-10)}; {len(survey.levels())} distinct critical points:")
for J, k, count, how in survey.levels():
    print(f"J = {J:.3g}: {k} of 10 eigenvalues negative (index {k / 10:.1f}), found {count:2d}× by {how}")
print(f"correlation of log J with the index: {survey.correlation():+.2f}")
fig, (ax_index, ax_fit) = plots.static_figure(1, 2, figsize=(9.0, 3.8))
plots.training_theory.plot_index_against_loss(ax_index, ax_fit, survey, cp.TinyNetwork(X_bump, y_bump, 3))
plots.show(fig)

# %% [markdown]
# **What to notice** (observed for this network, these 20 points and these seeded starts):
# - 95 points were kept, but they are only 6 distinct critical points (printed above): the
#   network computes the same function when its 3 units are permuted or a unit's three weights
#   change sign (3! · 2³ = 48 copies of each point), and many starts land on copies of one point.
# - The only minimum found sits at the lowest loss, a near-perfect fit, and every descent run
#   that converged (21 of 30) ended there. Every critical point at a higher loss is a **saddle**, and the
#   higher the loss, the more negative eigenvalues: 1 or 2 just above the minimum, 3 at the
#   highest loss. The right panel shows what the saddles are: fits that leave part of the data
#   unexplained (three nearly flat lines, two curves that miss the rise after the dip); from each
#   there are directions that explain more and lower the loss. That is the shape of Dauphin et
#   al.'s Fig. 1.
#
# **What it does not show.** It is not a proof, and 10 weights are far from the networks
# Dauphin et al. measured (and from the random high-dimensional functions whose theory,
# Bray & Dean 2007, predicts the rising curve). Newton on $\nabla J = 0$ is attracted to some
# critical points more than to others: from its 450 starts it found no minimum at all, so the
# counts say where this method lands, not how many critical points of each kind exist. One
# data set and one set of seeds; another target or a wider network gives other points.
# Eigenvalues within $10^{-9}$ of the largest count as zero (flat directions of the
# symmetries); no kept point has one near that cut, so the counts do not depend on it.

# %% [markdown]
# ## 5. Over-parameterisation: wide enough networks fit anything, and barely move
#
# One explanation that *is* a theorem concerns very wide networks. Du, Zhai, Póczos & Singh
# (2019) study a two-layer ReLU network $f(x) = \frac{1}{\sqrt m}\sum_{r=1}^m a_r\,
# \mathrm{ReLU}(w_r\cdot x)$ with fixed output signs $a_r = \pm 1$, Gaussian $w_r$ at the
# start, $n$ unit-length inputs no two of which are parallel, and gradient descent on the
# squared loss. **Proven:** if the width $m$ is at least a (large) polynomial in $n$ and
# $1/\lambda_0$ — $\lambda_0 > 0$ being the smallest eigenvalue of a kernel matrix
# $H^\infty$ of the inputs — then, with high probability over the start, the training loss
# falls to zero *geometrically*, and every $w_r$ stays close to its start. Staying close is
# the *lazy regime*: the network behaves like its linearisation around the start.
#
# The experiment: six inputs on the unit circle with **random** targets (nothing to learn,
# only to memorise), widths from 1 to 1,024, three seeds each, 1,000 steps of η = 5.

# %%
X_circle, y_circle = op.circle_data(6, seed=0)
lambda_0 = np.linalg.eigvalsh(op.limit_kernel(X_circle) / len(X_circle))[0]
sweep = op.width_sweep(X_circle, y_circle, [1, 2, 4, 16, 64, 256, 1024], seeds=(0, 1, 2), lr=5.0, steps=1000)
for m, loss, change, steps in zip(sweep.widths, sweep.final_loss, sweep.median("relative_change"), sweep.steps_to_target):
    fitted = ", ".join(below(v, 1e-20) if v < 1e-20 else f"{v:.3f}" for v in loss)
    print(f"m = {m:4d}: final loss per seed {fitted:30s} median ‖W_T − W₀‖/‖W₀‖ = {change:.2f}")
print(f"λ₀ of H∞/n = {lambda_0:.4f}")
fig, (ax_loss, ax_change) = plots.static_figure(1, 2, figsize=(9.0, 3.6))
plots.training_theory.plot_width_sweep(ax_loss, ax_change, sweep)
plots.show(fig)

# %% [markdown]
# **What to notice:**
# - Widths 1 and 2 (2 and 4 weights for 6 targets) cannot fit: the loss stalls above 0.02 for
#   every seed. Width 4 fits for two seeds of three. From width 16 on, every seed reaches the
#   round-off floor.
# - The relative change of the weights shrinks steadily with width, about like $1/\sqrt m$
#   (the dotted guide): at $m = 1024$ the weights move by about a tenth of their size. That
#   is the lazy regime the proof relies on.
#
# **The limits:** the width the theorem asks for is far larger than what works here; the
# proof needs the data condition ($\lambda_0 > 0$) and the fixed output layer; and a lazy
# network learns no new features, while practical networks do move their weights a lot
# (section 3's path) and generalise better for it. Why networks of practical width train so
# reliably is **open**.

# %% [markdown]
# ## 6. Implicit bias: which zero-loss solution gradient descent picks
#
# A network that can fit the data has many weight settings with (near) zero loss. Which one
# gradient descent reaches decides how it behaves on new data. The cleanest case with a proof
# is the simplest model: logistic regression $J(w) = \frac1m\sum_i \log(1 + e^{-y_i\,w\cdot x_i})$
# on linearly separable data, labels $y_i = \pm 1$. The loss has no minimum: it tends to 0 as
# $\lVert w\rVert \to \infty$ along any separating direction. **Proven** (Soudry, Hoffer,
# Nacson, Gunasekar & Srebro 2018): with a fixed step $\eta < 2/\beta$ ($\beta$ the loss's
# largest curvature) and any start, the *direction* $w_t/\lVert w_t\rVert$ converges to that of
# the **max-margin separator** $\hat w$, the solution of
#
# $$\min \lVert w\rVert^2 \quad\text{subject to}\quad y_i\,w\cdot x_i \ge 1 \text{ for all } i,$$
#
# and only like $1/\log t$. Below, $\hat w$ is computed independently (by solving that
# problem's dual; the tests check its optimality conditions), then compared with 100,000
# steps of gradient descent from $w = 0$.

# %%
X_sep, y_sep = ib.separable_blobs(40, seed=0)
svm = ib.max_margin(X_sep, y_sep)
descent = ib.logistic_gradient_descent(X_sep, y_sep, 1 / ib.smoothness(X_sep), 100_000, svm.w)
for t, angle, loss in zip(descent.checkpoints[1::10], descent.angles_deg[1::10], descent.losses[1::10]):
    print(f"step {t:6d}: angle to the max-margin direction {angle:5.1f}°, loss {loss:.1e}")
print(f"step 100000: angle {descent.angles_deg[-1]:.1f}°; normalised margin "
      f"{descent.margins[-1]:.3f} vs the max-margin {svm.margin:.3f}")

# %% [markdown]
# The same on three more data sets drawn the same way, and the separators of seed 0:

# %%
more = [ib.separable_blobs(40, seed=s) for s in (1, 2, 3)]
runs = [descent] + [ib.logistic_gradient_descent(X, y, 1 / ib.smoothness(X), 100_000, ib.max_margin(X, y).w)
                    for X, y in more]
print("angle after 100,000 steps, seeds 0-3:", ", ".join(f"{r.angles_deg[-1]:.1f}°" for r in runs))
fig, (ax_points, ax_angle) = plots.static_figure(1, 2, figsize=(9.0, 4.0))
plots.training_theory.plot_separators(ax_points, X_sep, y_sep, {"max margin ŵ": svm.w,
    "GD after 1 step": descent.weights[1], "GD after 100,000 steps": descent.weights[-1]})
plots.training_theory.plot_angle(ax_angle, runs, [f"data seed {s}" for s in range(4)])
plots.show(fig)

# %% [markdown]
# **What to notice:** the loss falls like $1/t$ (each tenfold of steps divides it by about
# ten), but the angle to $\hat w$ falls very slowly: from 46° after one step to 16.7° after
# 100,000 for seed 0, and between 8.9° and 21.7° over the four seeds. On the log-step axis
# the angle curves fall by roughly equal amounts per decade: that is what "like $1/\log t$"
# looks like. So long after the loss says "done", gradient descent is still turning towards
# the max-margin direction. The same is **proven** for linear networks and, in a
# mean-field limit, for infinitely wide two-layer networks with the logistic loss (Chizat &
# Bach 2020: towards a max-margin classifier in a function space, if the training
# converges). For deep networks of practical size the implicit bias is an active research
# question (**open**); it is not measured here.

# %% [markdown]
# ## 7. The edge of stability
#
# Notebook 03 proved that gradient descent with step $\eta$ on a quadratic with curvature
# $\lambda$ diverges when $\lambda > 2/\eta$. For a network the curvature changes as the
# weights move. Its largest Hessian eigenvalue $\lambda_{\max}$ is called the **sharpness**.
# It is measured here by power iteration on *Hessian-vector products* $Hv$. Each product is
# computed exactly by differentiating backpropagation along $v$ (Pearlmutter 1994), without
# ever forming $H$; the tests check it against finite differences of the gradient and
# against `numpy.linalg.eigvalsh` of the full Hessian.
#
# The experiment (Cohen et al. 2021 ran it on many networks): full-batch gradient descent
# with η = 0.2 on 200 digits, a 64-32-10 tanh network with small initial weights, squared
# error; $\lambda_{\max}$ every 10 steps.

# %%
pixels, digits = load_digits()
X_d, Y_d = pixels[:200] / 16, np.eye(10)[digits[:200]]
small_start = lambda seed=0: Network([64, 32, 10], "tanh", "identity", init="xavier", scale=0.3, seed=seed)
edge = sh.edge_of_stability_run(small_start(), X_d, Y_d, "squared_error", lr=0.2, steps=1500, every=10)
calm = sh.edge_of_stability_run(small_start(), X_d, Y_d, "squared_error", lr=0.05, steps=300, every=10)

# %%
print(f"η = 0.05: {calm.loss_increases()} rises of the loss in 300 steps, sharpness {below(calm.sharpness.max(), 10)}")
print(f"η = 0.2: sharpness {edge.sharpness[0]:.1f} at the start; reaches 90 % of 2/η = {edge.threshold:g} "
      f"by step {100 * np.ceil(edge.first_crossing(0.9) / 100):.0f}")
gap = abs(edge.plateau() / edge.threshold - 1)  # bounds, not digits: the run is chaotic at the edge
rises = "more than 400" if edge.loss_increases() > 400 else str(edge.loss_increases())
print(f"median sharpness over the last 750 steps: {below(gap, 0.05)} away from 2/η (relative); "
      f"the loss rose on {rises} of 1500 steps and fell from {edge.losses[0]:.2f} to {below(edge.losses[-1], 0.1)}")

# %%
fig, (ax_sharp, ax_loss) = plots.static_figure(1, 2, figsize=(9.0, 3.8))
plots.training_theory.plot_sharpness(ax_sharp, ax_loss, edge, colour=plots.COLOURS["curve"])
plots.training_theory.plot_sharpness(ax_sharp, ax_loss, calm, colour=plots.COLOURS["start"])
plots.show(fig)

# %% [markdown]
# One seed is one run. The same experiment from four more initialisations (seeds 1–4):

# %%
others = [sh.edge_of_stability_run(small_start(seed), X_d, Y_d, "squared_error", lr=0.2, steps=1500, every=10)
          for seed in (1, 2, 3, 4)]
gaps = np.array([r.plateau() / r.threshold - 1 for r in [edge] + others])  # relative, per seed
rose = min(r.loss_increases() for r in [edge] + others)
print(f"seeds 0-4: the median sharpness of the last 750 steps is above 2/η for {np.sum(gaps > 0)} of 5 seeds, "
      f"less than 7 % above it for {np.sum(gaps < 0.07)} of 5 (within 10 %: {np.sum(np.abs(gaps) <= 0.1)} of 5); "
      f"the loss rose on {'more than 400' if rose > 400 else rose} of 1500 steps for every seed")

# %% [markdown]
# **What to notice:**
# - With η = 0.2 the sharpness starts near 5, *rises* (progressive sharpening), overshoots to
#   about 13, is pulled back during a spike of the loss near step 290, and then hovers at
#   2/η = 10. Over initialisation seeds 0–4 the median of the last 750 steps sits a little
#   *above* 2/η for every seed, by less than 7 % (printed above; a unit test checks the same five
#   runs). Only bounds are printed: the run is chaotic at the edge, so its last digits can
#   differ from one CPU to another.
# - Meanwhile the loss keeps falling overall, but not monotonically: it rose on more than 400 of
#   the 1,500 steps for each of those five seeds. By notebook 03's quadratic rule the run should diverge once
#   $\lambda_{\max} > 2/\eta$. It does not: the dynamics push the sharpness back down.
# - With η = 0.05 (2/η = 40, green) the sharpness rises too, but slowly: in 300 steps it stays
#   far below its threshold, and the loss falls at every step.
#
# This is an **observation** (Cohen et al. saw it across architectures and tasks). Why
# gradient descent regulates its own sharpness is only partly understood (**open**; a
# mechanism is proposed by Damian, Nichani & Lee 2023). It also means that the classical
# proof of convergence, which needs $\eta < 2/\beta$ with $\beta$ a bound on the curvature
# everywhere, does not describe how networks are actually trained.

# %% [markdown]
# ## 8. Check yourself
#
# **Exercise 1 — predict the plateau.** Full-batch gradient descent with η = 0.01, run long
# enough on a network that sharpens. At what value of $\lambda_{\max}$ would you expect the
# sharpness to stop rising? Set `prediction` to a number.

# %%
prediction = None  # a number

_ = check_edge_prediction(prediction)

# %% [markdown]
# **Exercise 2 — the margin.** Complete `margin(w, X, y)`: the *normalised margin* of the
# separator $w$ on data `X` (one point per row) with labels `y` of ±1 — the distance from the
# line $w \cdot x = 0$ to the nearest point, counted negative if that point is on the wrong side.
# It is the quantity gradient descent slowly maximises in section 6.

# %%
def margin(w, X, y):
    raise NotImplementedError

_ = check_normalised_margin(margin)

# %% [markdown]
# **Exercise 3 — think.** Section 1's line had no barrier and section 2's slice had one
# basin. Name two reasons why these pictures do not prove that the digits network's loss has
# no bad local minimum.
#
# <details><summary>Some answers (open after you have thought about it)</summary>
#
# A line and a plane are 1 and 2 of 2,410 dimensions; one start and one seed were shown; random
# directions miss the few sharp directions of the Hessian; a minimum elsewhere need not lie on
# the path that gradient descent happened to take.
# </details>
#
# <details><summary>Show solutions</summary>
#
# Exercise 1: stability on a quadratic is lost where $|1 - \eta\lambda| = 1$, that is at
# $\lambda = 2/\eta = 200$ for η = 0.01; section 7 observed the plateau a few per cent above it.
#
# ```python
# def margin(w, X, y):
#     return np.min(y * (X @ w)) / np.linalg.norm(w)   # signed distances, the nearest decides
# ```
# </details>

# %% [markdown]
# ## 9. Summary
#
# | question | proven (conditions) | observed here (spread) | open |
# |---|---|---|---|
# | Is the road from start to solution bumpy? | — | no barrier on the line θ₀ → θ_T; one smooth basin in a filter-normalised slice; the path lies in a plane holding 96 % of it (one seed) | how typical for large, deep networks |
# | Are critical points at high loss saddles? | for random Gaussian functions in high dimension (Bray & Dean 2007), not for networks | 1-3-1 tanh net: 6 distinct critical points from 450 + 30 starts; the one minimum at the lowest loss, the index rising with the loss (one data set, one seed set) | how far real networks follow it; poor local minima exist (Safran & Shamir 2018) |
| Why does GD reach zero training loss? | for wide enough two-layer ReLU nets, non-parallel inputs, λ₀ > 0: linear convergence, weights stay near their start (Du et al. 2019) | random targets fitted from width 16 on (3 seeds); relative weight change ∝ 1/√m | why practical widths, with feature learning, suffice |
# | Which solution does GD pick? | separable logistic regression: the max-margin direction, at rate 1/log t (Soudry et al. 2018); wide two-layer limit (Chizat & Bach 2020) | angle 8.9°–21.7° after 10⁵ steps over 4 data sets, still falling | the implicit bias of deep networks |
# | Does the step-size rule 2/λ hold? | on a quadratic: diverges if λ > 2/η (notebook 03) | sharpness rises to 2/η and hovers less than 7 % above it while the loss falls non-monotonically (5 seeds) | why the sharpness self-stabilises |
#
# Notebook 04's saddles fit this picture: in models of random high-dimensional functions
# (Bray & Dean 2007; Dauphin et al. 2014) critical points at high loss are mostly saddles and
# those at low loss mostly minima, and section 4 saw that shape on a 10-weight network; but real
# networks add many flat directions and can have poor local minima (Safran & Shamir 2018).

# %% [markdown]
# ## 10. Further reading
#
# - I. Goodfellow, O. Vinyals, A. Saxe, "Qualitatively characterizing neural network
#   optimization problems", ICLR 2015 — the line from start to solution (section 1).
# - H. Li, Z. Xu, G. Taylor, C. Studer, T. Goldstein, "Visualizing the loss landscape of neural
#   nets", NeurIPS 2018 — filter normalisation and PCA paths (sections 2–3).
# - S. Du, X. Zhai, B. Póczos, A. Singh, "Gradient descent provably optimizes
#   over-parameterized neural networks", ICLR 2019 (section 5).
# - D. Soudry, E. Hoffer, M. S. Nacson, S. Gunasekar, N. Srebro, "The implicit bias of gradient
#   descent on separable data", JMLR 2018 (section 6).
# - L. Chizat, F. Bach, "Implicit bias of gradient descent for wide two-layer neural networks
#   trained with the logistic loss", COLT 2020.
# - J. Cohen, S. Kaur, Y. Li, J. Z. Kolter, A. Talwalkar, "Gradient descent on neural networks
#   typically occurs at the edge of stability", ICLR 2021 (section 7).
# - B. Pearlmutter, "Fast exact multiplication by the Hessian", Neural Computation 1994.
# - Y. Dauphin, R. Pascanu, C. Gulcehre, K. Cho, S. Ganguli, Y. Bengio, "Identifying and
#   attacking the saddle point problem in high-dimensional non-convex optimization", NeurIPS 2014
#   (section 4).
# - A. Bray, D. Dean, "Statistics of critical points of Gaussian fields on large-dimensional
#   spaces", PRL 2007; I. Safran, O. Shamir, "Spurious local minima are common in two-layer ReLU
#   neural networks", ICML 2018.
# - M. Nielsen, *Neural Networks and Deep Learning*, ch. 2 and 5; S. Ruder, "An overview of
#   gradient descent optimization algorithms" (2016); G. Goh, "Why momentum really works",
#   Distill 2017.
