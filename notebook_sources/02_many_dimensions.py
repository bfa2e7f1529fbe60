# %% [markdown]
# # 02 — Gradient descent in many dimensions
#
# **Goal:** see why the gradient points straight uphill and crosses every contour line at a
# right angle; watch descent zig-zag down long valleys and count how the number of steps grows
# with the valley's stretch κ; meet Rosenbrock's banana and Himmelblau's four minima; and check a
# gradient in many dimensions.
#
# Contents: 1 partial derivatives and the gradient · 2 steepest ascent · 3 perpendicular to the
# contours · 4 quadratic bowls, eigenvalues and κ · 5 steps against κ · 6 Rosenbrock's valley · 7 Himmelblau's
# basins · 8 gradient checking in n dimensions · 9 live panel · 10 check yourself · 11 summary

# %%
# %matplotlib widget
import numpy as np

from helpers import plots
from helpers.calculus import gradient_check, numerical_gradient, zero_crossings
from helpers.checks import check_gradient_2d, check_vectorised_step
from helpers.critical_points import critical_points_on_grid
from helpers.descent import run, run_batch
from helpers.objectives import himmelblau, quadratic_bowl, rosenbrock
from helpers.panels.descent_2d import Descent2DPanel
from helpers.reporting import below
from helpers.step_size import basin_map, ellipse_axis_ratio, gradient_tangent_cosines, local_stability_limit

# %% [markdown]
# ## 1. Partial derivatives and the gradient
#
# With two parameters $w = (x, y)$ the loss $J(x, y)$ is a landscape. Freeze $y$ and you have a
# function of $x$ alone; its slope is the **partial derivative** $\partial J/\partial x$. Do the
# same for $y$. The two slopes together form the **gradient**
#
# $$\nabla J(x, y) = \begin{pmatrix} \partial J/\partial x \\ \partial J/\partial y \end{pmatrix},
# \qquad w_{k+1} = w_k - \eta\,\nabla J(w_k).$$
#
# The update is the one from notebook 01, applied to both coordinates at once. Take the bowl
# $J = x^2 + 5y^2$: its gradient is $(2x, 10y)$. A central difference in each coordinate agrees:

# %%
J = lambda w: w[0] ** 2 + 5 * w[1] ** 2
grad_J = lambda w: np.array([2 * w[0], 10 * w[1]])

w = np.array([1.5, -0.4])
print("analytic ∇J:", grad_J(w))
print("numerical ∇J:", np.round(numerical_gradient(J, w), 6))

# %% [markdown]
# ## 2. The gradient points in the direction of steepest ascent
#
# The slope of $J$ in a unit direction $u$ is the directional derivative
# $\nabla J \cdot u = \|\nabla J\|\cos\theta$, where $\theta$ is the angle between $u$ and $\nabla J$. It is largest
# when $\theta = 0$: **the gradient is the steepest way up**, and $-\nabla J$ the steepest way
# down. Measure the slope in 360 directions using only values of $J$:

# %%
angles = np.deg2rad(np.arange(360))
directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
h = 1e-6
slopes = np.array([(J(w + h * u) - J(w - h * u)) / (2 * h) for u in directions])
steepest = np.rad2deg(angles[np.argmax(slopes)])
gradient_angle = np.rad2deg(np.arctan2(grad_J(w)[1], grad_J(w)[0])) % 360
print(f"steepest measured direction: {steepest:.0f}°, direction of ∇J: {gradient_angle:.1f}°")
print(f"largest slope: {slopes.max():.4f}, ‖∇J‖ = {np.linalg.norm(grad_J(w)):.4f}")
flat = zero_crossings(np.rad2deg(angles), slopes)
perpendicular = [(gradient_angle + turn) % 360 for turn in (90, 270)]
print(f"slope 0 at {flat[0]:.1f}° and {flat[1]:.1f}°;  ∇J ± 90°: {min(perpendicular):.1f}°, {max(perpendicular):.1f}°")
lowest = np.rad2deg(angles[np.argmin(slopes)])
print(f"most negative slope at {lowest:.0f}°, direction of −∇J: {(gradient_angle + 180) % 360:.1f}°")

# %%
fig, ax = plots.static_figure(figsize=(7, 3.4))
_ = plots.two_d.plot_directional_slopes(ax, np.rad2deg(angles), slopes, gradient_angle, flat)
ax.set_title(f"slopes of J = x² + 5y² at w = ({w[0]:g}, {w[1]:g})")
plots.show(fig)

# %% [markdown]
# **What to notice:** the slope traces a cosine. It peaks in the direction of $\nabla J$ (306.9°,
# with height $\|\nabla J\| = 5$), is most negative in the opposite direction $-\nabla J$ (126.9°:
# steepest descent), and is zero at right angles to $\nabla J$, at 36.9° and 216.9°.
#
# ## 3. The gradient is perpendicular to the contour lines
#
# Along a contour line $J$ does not change, so the slope along it is zero — and by the cosine
# above, a zero slope means a right angle with $\nabla J$. The helper `gradient_tangent_cosines`
# checks this without using the gradient to find the contour: it locates the level set on a tiny
# circle around each point from values of $J$ alone, then measures
# $|\cos|$ of the angle between that tangent and $\nabla J$.

# %%
hills = himmelblau()
rng = np.random.default_rng(0)
points = rng.uniform(-4.5, 4.5, size=(200, 2))
points = points[np.linalg.norm(hills.grad(points), axis=1) > 1e-2]
cosines = gradient_tangent_cosines(hills, points)
print(f"{len(points)} random points on Himmelblau's function: largest |cos(∇J, tangent)| = {cosines.max():.0e}")
critical = critical_points_on_grid(hills)   # Newton's method on ∇J = 0 from a 9 × 9 grid of guesses
others = [c for c in critical if c.kind != "minimum"]
for c in others:
    print(f"{c.kind} at ({c.point[0]:+.3f}, {c.point[1]:+.3f}), J = {c.value:.1f}")

# %%
fig, ax = plots.static_figure(figsize=(5.6, 5.4))
_ = plots.two_d.plot_contours(ax, hills)
_ = plots.two_d.plot_gradient_quiver(ax, *plots.two_d.gradient_field(hills, n=17), scale=30)
_ = plots.two_d.plot_minima(ax, hills.minima)
_ = plots.two_d.mark_stationary_points(ax, [c.point for c in others], [c.kind for c in others])
ax.set_title("unit arrows of ∇J cross every contour at a right angle", fontsize=10)
_ = fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=9)
plots.show(fig)

# %% [markdown]
# **What to notice:** every arrow crosses the contour lines at 90° and points uphill; descent
# walks against the arrows, straight across the contours — not along the shortest route to a
# minimum. Besides the four minima (×), $\nabla J = 0$ at four **saddles** (orange), where the arrows
# point towards the point along one line and away from it along another, and at one **maximum**
# (red, at (−0.271, −0.923)), which every arrow around it points at. Darker shading means lower $J$.
#
# ## 4. Quadratic bowls: the condition number κ
#
# **A short primer on eigenvalues** (all the linear algebra this workbook needs). Take
# $J(x, y) = \tfrac12(x^2 + 10\,y^2)$. Along the $x$-axis its curvature (second derivative) is 1,
# along the $y$-axis it is 10. Written with a matrix, $J(w) = \tfrac12 w^\top A w$ with
# $A = \mathrm{diag}(1, 10)$. Rotate the bowl and $A$ gets off-diagonal entries, but the bowl still
# has two perpendicular axes with curvatures 1 and 10. Those axes are the **eigenvectors** $v$ of
# $A$ ($Av = \lambda v$: $A$ only stretches them) and the curvatures are its **eigenvalues**
# $\lambda$. Every symmetric matrix has such perpendicular axes. The level curves $J = c$ are
# ellipses with half-axes $\sqrt{2c/\lambda}$.
#
# Near a minimum $w^\star$ whose Hessian $A = \nabla^2 J(w^\star)$ is positive definite (all
# eigenvalues $> 0$), a smooth loss looks like such a bowl:
# $J(w) \approx J(w^\star) + \tfrac12 (w - w^\star)^\top A\, (w - w^\star)$. Measure $w$ from
# $w^\star$ and drop the constant, and it is $\tfrac12 w^\top A w$. (The quartic $x^4/4$ of
# notebook 01 is a loss where this fails: its curvature at the minimum is 0.) The
# **condition number**
#
# $$\kappa = \frac{\lambda_{\max}}{\lambda_{\min}}$$
#
# says how stretched the bowl is. The ellipses' axis ratio is $\sqrt\kappa$: κ = 10 gives about
# 3.2 : 1 and κ = 50 about 7.1 : 1. The helper builds a bowl from its eigenvalues and a rotation:

# %%
bowl = quadratic_bowl(lam_min=1.0, lam_max=10.0, angle=30.0)
print("A =", np.round(bowl.matrix, 3).tolist())
print("eigenvalues of A:", np.round(np.linalg.eigvalsh(bowl.matrix), 6), f"  κ = {bowl.kappa:g}")
print("gently curved axis (λ_min):", np.round(bowl.slow_direction, 3),
      "  sharply curved axis (λ_max):", np.round(bowl.fast_direction, 3))
print(f"axis ratio of the ellipses {ellipse_axis_ratio(bowl.matrix):.3f}, √κ = {np.sqrt(bowl.kappa):.3f}")

# %%
fig, ax = plots.static_figure(figsize=(4.6, 4.0))
_ = plots.two_d.plot_level_curves(ax, [bowl.level_curve(c) for c in 0.5 * np.linspace(0.5, 3, 6) ** 2])
_ = plots.two_d.plot_eigen_directions(ax, bowl, length=2.4)
_ = plots.two_d.label_eigen_directions(ax, bowl, length=2.4)
ax.set(xlim=(-3, 3), ylim=(-3, 3), aspect="equal", title="the bowl's axes: eigenvectors of A")
plots.show(fig)

# %% [markdown]
# Now run descent on three bowls of growing κ, each with the fixed step
# $\eta = 2/(\lambda_{\min} + \lambda_{\max})$, the best one for a bowl; notebook 03 derives it, and
# shows why η must stay below $2/\lambda_{\max}$.

# %%
kappas = [1.0, 10.0, 50.0]
bowls = [quadratic_bowl(1.0, k, 30.0) for k in kappas]
runs = [run(b.f, b.grad, b.default_start, lr=2 / (b.lam_min + b.lam_max), steps=2000, tol=1e-6) for b in bowls]
for k, r in zip(kappas, runs):
    print(f"κ = {k:4g}:  {r.outcome.message}")

# %%
fig, axes = plots.static_figure(1, 3, figsize=(9.2, 3.4))
for ax, b, r in zip(axes, bowls, runs):
    _ = plots.two_d.plot_level_curves(ax, [b.level_curve(c) for c in 0.5 * np.linspace(0.5, 7, 14) ** 2])
    _ = plots.two_d.plot_eigen_directions(ax, b)
    _ = plots.two_d.plot_path_2d(ax, r.points[:16])
    ax.set(xlim=b.x_range, ylim=b.y_range, aspect="equal", title=f"κ = {b.kappa:g}: first 15 steps")
_ = fig.legend(handles=plots.two_d.bowl_legend_handles("point after 15 steps"), loc="outside lower center", ncols=4, fontsize=9)
plots.show(fig)

# %% [markdown]
# **What to notice:** on the round bowl (κ = 1) the gradient points at the minimum and the first
# step lands there (the run counts a second, zero-length step that confirms it: "2 steps"). On the
# long valleys the gradient points mostly across the valley (along the sharply curved, purple
# axis), so the path swings from wall to wall while it creeps along the gently curved, green axis:
# 78 steps at κ = 10, 387 at κ = 50. At this step the swing across the valley is *not* damped
# quickly — each step flips it and shrinks it only by $(\kappa-1)/(\kappa+1)$, the same factor as
# along the valley — which is why the κ = 50 path leaves the drawn ellipses at first.
#
# ## 5. How the number of steps grows with κ
#
# The same three runs as loss against iteration, on a log scale:

# %%
fig, ax = plots.static_figure(figsize=(6.5, 3.4))
_ = plots.two_d.plot_losses(ax, {f"κ = {k:g}": r.losses for k, r in zip(kappas, runs)})
ax.set_title("loss against iteration (log scale)", fontsize=10)
_ = ax.legend(fontsize=9)
plots.show(fig)

# %% [markdown]
# **What to notice:** each loss falls along a straight line on the log scale — a fixed factor per
# step — and the line is flatter the larger κ. Notebook 03 derives that factor and measures the
# law: the number of steps grows in proportion to κ (ten times the stretch, ten times the steps),
# and momentum cuts that to $\sqrt\kappa$.
#
# ## 6. Rosenbrock's banana valley
#
# $J(x, y) = (1 - x)^2 + 100\,(y - x^2)^2$ has its minimum at $(1, 1)$ at the bottom of a curved
# valley. At the minimum the curvature across the valley is about 1000 and along it about 0.4, so
# κ ≈ 2 500 there; and the curvature across the valley grows as the valley climbs away from the
# minimum. So a step can be stable near the minimum and unstable elsewhere: the largest stable step
# at a point, its **local limit** $2/\lambda_{\max}$, changes from place to place.

# %%
banana = rosenbrock()
minimum = banana.minima[0]
print(f"κ at the minimum: {np.divide(*np.linalg.eigvalsh(banana.hessian(minimum))[::-1]):.0f}")
for name, point in [("start", banana.default_start), ("minimum", minimum)]:
    print(f"local limit 2/λ_max at the {name} ({point[0]:g}, {point[1]:g}): {local_stability_limit(banana, point):.5f}")
trip = run(banana.f, banana.grad, banana.default_start, lr=0.0015, steps=20000, tol=1e-10)
print("loss of the first 7 points:", np.round(trip.losses[:7], 1))
reached = [int(np.argmax(np.linalg.norm(trip.points - minimum, axis=1) < r)) for r in (1.0, 0.1, 0.01)]
print(f"η = 0.0015: {trip.outcome.message}; first step within 1, 0.1, 0.01 of the minimum: {reached}")

# %%
fig, (ax3d, ax) = plots.static_figure(1, 2, figsize=(9.2, 4.0))
ax3d.remove()
ax3d = fig.add_subplot(1, 2, 1, projection="3d")
X, Y, Z = plots.two_d.grid_values(banana, 150)
_ = plots.two_d.plot_surface(ax3d, X, Y, np.log10(1 + Z), resolution=150)
ax3d.set_title("surface of log₁₀(1 + J)", fontsize=10)
ax3d.set_zlabel("log₁₀(1 + J)")
_ = plots.two_d.plot_contours(ax, banana)
*_, point_60 = plots.two_d.plot_path_2d(ax, trip.points[:60])
point_60.set_label("point 60")
_ = ax.plot(*trip.points[60::100].T, "--", color=plots.COLOURS["tangent"], lw=2, label="the rest (every 100th point)")
_ = plots.two_d.plot_minima(ax, banana.minima)
ax.set_title("the first 60 points, then every 100th to the minimum", fontsize=10)
_ = fig.legend(*ax.get_legend_handles_labels(), loc="outside lower right", ncols=4, fontsize=9)
plots.show(fig)

# %% [markdown]
# **What to notice:** η = 0.0015 is above the local limit at the start (0.00096) but below the one
# at the minimum (0.00200). So the first steps do not slide down into the valley: they bounce
# across it, and the loss *grows* from 12.5 to 246 in five steps before the bouncing dies out —
# once the path is where the valley is gently enough curved. Then the walk along the curved floor
# takes thousands of steps (3932 to come within 0.1 of the minimum, 7694 within 0.01, as printed
# above the figure): a step large enough to move fast along the floor
# would be unstable across it. Notebook 03 §5 returns to this local sharpness.
#
# ## 7. Himmelblau's four minima and their basins
#
# $J(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2$ has four minima, all with $J = 0$. For a small
# enough step, which one descent reaches depends only on where it starts (notebook 03 shows a
# larger step changing that). Running descent from all 40 000 points of a 200 × 200 grid at once
# (arrays of shape (40000, 2), one vectorised step for all) colours each start by the minimum it
# reaches — its **basin of attraction**:

# %%
basins = basin_map(hills, lr=0.01, n=200, steps=150)
for label, share in basins.fractions().items():
    print(f"minimum {label + 1} at {np.round(basins.minima[label], 3)}: {share:.1%} of the starts")
for c in [c for c in critical if c.kind == "saddle"]:   # 0.05 to either side, along its downhill line
    sides = [c.point + s * c.unstable_directions[0] for s in (0.05, -0.05)]
    pair = sorted(basins.nearest_minimum(run(hills.f, hills.grad, p, lr=0.01, steps=2000).final) + 1 for p in sides)
    print(f"saddle at ({c.point[0]:+.2f}, {c.point[1]:+.2f}): its two sides reach minima {pair[0]} and {pair[1]}")

# %%
peak = next(c.point for c in critical if c.kind == "maximum")
circle = peak + 0.02 * np.stack([np.cos(np.deg2rad(np.arange(360))), np.sin(np.deg2rad(np.arange(360)))], axis=1)
around = run_batch(hills.f, hills.grad, circle, lr=0.01, steps=3000, tol=0).final
reach = np.bincount([basins.nearest_minimum(p) for p in around], minlength=4)
print("of 360 starts 0.02 from the maximum, reaching minima 1, 2, 3, 4:", reach.tolist())

# %% [markdown]
# Four pairs of starts only 0.02 apart, each pair straddling a border of the map:

# %%
pairs = [((-0.04, 2.0), (-0.02, 2.0)), ((-2.0, -0.25), (-2.0, -0.23)),
         ((2.0, -0.16), (2.0, -0.14)), ((-0.14, -2.0), (-0.12, -2.0))]
paths = {start: run(hills.f, hills.grad, start, lr=0.01, steps=300).points for pair in pairs for start in pair}
ends_in = {start: basins.nearest_minimum(path[-1]) + 1 for start, path in paths.items()}
for a, b in pairs:
    print(f"{a} → minimum {ends_in[a]},   {b} → minimum {ends_in[b]}")

# %%
fig, (ax_map, ax_paths) = plots.static_figure(1, 2, figsize=(9.2, 4.6))
_ = plots.two_d.plot_basin_map(ax_map, basins)
marks = plots.two_d.mark_stationary_points(ax_map, [c.point for c in others], [c.kind for c in others])
ax_map.set_title("basin map: colour = minimum reached (η = 0.01)", fontsize=10)
_ = fig.legend(handles=plots.two_d.basin_legend_handles(basins) + marks, fontsize=9, loc="outside lower center", ncols=6)
_ = plots.two_d.plot_contours(ax_paths, hills)
for path in paths.values():
    _ = plots.two_d.plot_path_2d(ax_paths, path)
_ = plots.two_d.mark_stationary_points(ax_paths, [c.point for c in others], [c.kind for c in others])
ax_paths.set_title("four pairs of starts 0.02 apart", fontsize=10)
plots.show(fig)

# %% [markdown]
# **What to notice:** each minimum collects about a quarter of the starts, and each pair of starts
# 0.02 apart ends in two different minima: near a border, a tiny change of start
# changes the answer. The borders are set by the other critical points: each border runs through
# a saddle, whose two sides lead to two different minima (2 and 3, 3 and 4, 1 and 2, 1 and 4, as
# printed), and the four borders meet at the maximum: starts 0.02 around it reach all four minima,
# though minima 1 and 2 only from thin slivers (4 and 1 of 360 starts). A start near a border
# first walks to its saddle (right) and turns off only there. Gradient descent finds *a* minimum,
# and which one is decided by the start.
#
# ## 8. Gradient checking in n dimensions
#
# Neural networks have thousands of parameters and hand-derived gradients; one wrong index breaks
# training silently. The central difference works coordinate by coordinate,
# $\partial J/\partial w_i \approx \dfrac{J(w + h e_i) - J(w - h e_i)}{2h}$, and the **relative error**
# $\|g - g_{\text{num}}\| / \max(\|g\|, \|g_{\text{num}}\|)$ says whether an analytic gradient $g$
# is right (about $10^{-8}$ or smaller) or wrong (order 1). Here in 10 dimensions, with a correct
# gradient and one with a single slip:

# %%
rng = np.random.default_rng(1)
M = rng.normal(size=(10, 10))
A10 = M @ M.T + np.eye(10)
J10 = lambda w: 0.5 * w @ A10 @ w + np.sum(w ** 4) / 4
grad10 = lambda w: A10 @ w + w ** 3
grad10_slip = lambda w: A10 @ w + w ** 2 * np.abs(w)          # |w|·w² instead of w³: wrong for w < 0
w10 = rng.normal(size=10)
print(f"correct gradient: relative error {below(gradient_check(J10, grad10, w10), 1e-8)}")
print(f"gradient with a slip: relative error {gradient_check(J10, grad10_slip, w10):.0e}")

# %% [markdown]
# **What to notice:** the correct gradient agrees to better than one part in 10⁸ (what is left is
# round-off); the slip, which only matters for negative coordinates, gives a relative error of
# order 0.1 — at least ten million times larger.
#
# ## 9. Live panel
#
# Choose a function and a learning rate; for the quadratic bowl also its stretch κ and rotation.
# **Click anywhere on the contour plot** to start descent from that point. The status line reports
# the start, the outcome (converged after how many steps, still moving, oscillating, diverged)
# and, for the bowl, η against the limit $2/\lambda_{\max}$.

# %%
panel = Descent2DPanel()
panel.show()

# %% [markdown]
# **Try this:**
# 1. On the bowl, set κ = 1 and click anywhere: the path is straight. Raise κ to 50 (and lower η
#    below the limit in the status line): the same click now zig-zags for hundreds of steps.
# 2. Turn the rotation and watch the step count. It changes, because your start stays where you
#    clicked while the valley turns under it: the start now sits at another place relative to the
#    valley's axes. Descent itself does not care how the valley is oriented — rotate the start
#    with the valley and the count would be identical; only the eigenvalues and the start's
#    position along the axes matter.
# 3. On Himmelblau, click near the middle, then a little to each side: you land in different
#    minima. Compare with the basin map above.
# 4. On Rosenbrock, give it 1000 steps and click at several places along the valley floor.
#
# ## 10. Check yourself
#
# **Exercise 1 — a gradient by hand.** For $J(x, y) = x^2 + 3xy + 5y^2 + 2x$ return $\nabla J$ as an
# array $[\partial J/\partial x,\ \partial J/\partial y]$.

# %%
def gradient(w):
    x, y = w
    raise NotImplementedError  # your code here: return an array of two numbers

_ = check_gradient_2d(gradient)

# %% [markdown]
# **Exercise 2 — the vectorised update.** `X` holds many start points, one per row (shape
# `(n, 2)`). Write one gradient-descent step on $J = \tfrac12 w^\top A w$ for all rows at once,
# in one line of array arithmetic. (For one point the gradient is $Aw$; for rows of `X` it is
# `X @ A` because $A$ is symmetric.)

# %%
A = np.array([[3.0, 1.0], [1.0, 2.0]])

def step_all(X, lr):
    raise NotImplementedError  # your code here: one line

_ = check_vectorised_step(step_all)

# %% [markdown]
# <details><summary>Show solutions</summary>
#
# ```python
# def gradient(w):
#     x, y = w
#     return np.array([2 * x + 3 * y + 2, 3 * x + 10 * y])
#
# def step_all(X, lr):
#     return X - lr * X @ A
# ```
# This is exactly how the basin map above ran 40 000 starts at once (`helpers.descent.run_batch`).
# </details>
#
# ## 11. Summary
#
# - The gradient collects the partial derivatives; it points in the direction of steepest ascent
#   and is perpendicular to the contour lines. Descent steps against it.
# - Near a minimum with a positive definite Hessian a loss is a bowl $\tfrac12 w^\top A w$; the
#   eigenvalues of $A$ are its curvatures along its axes, and the condition number
#   $\kappa = \lambda_{\max}/\lambda_{\min}$ measures how stretched it is (axis ratio $\sqrt\kappa$).
# - On stretched bowls descent swings across the valley and creeps along it; the steps needed grow
#   with κ (linearly, as notebook 03 measures).
# - On a curved valley like Rosenbrock's the largest stable step changes from place to place.
# - For a small step, which minimum descent reaches depends on the start: basins of attraction.
# - Check hand-written gradients with central differences and a relative error.
#
# **Further reading:** Goh, "Why Momentum Really Works" (Distill, 2017) — interactive pictures of
# the same valleys; Nielsen, *Neural Networks and Deep Learning*, ch. 1 (gradient descent in many
# variables); Ruder, "An overview of gradient descent optimization algorithms" (2016).
#
# **Next:** [03 Step size](03_step_size.ipynb) — how large may η be, what is the best step, and
# how momentum helps on long valleys.
