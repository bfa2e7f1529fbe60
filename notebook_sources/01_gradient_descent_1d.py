# %% [markdown]
# # 01 — Gradient descent in one dimension
#
# **Goal:** write gradient descent yourself in five lines, watch it walk down a curve, check a
# derivative numerically, and decide when to stop. Everything later in the workbook — many
# dimensions, neural networks — is this loop with a bigger $x$.
#
# Contents: 1 the hiker in fog · 2 slope is the derivative · 3 the update loop · 4 numerical
# derivatives · 5 when to stop · 6 two valleys · 7 live panel · 8 check yourself · 9 summary

# %%
# %matplotlib widget
import numpy as np

from helpers import plots
from helpers.calculus import (best_central_step, best_forward_step, central_difference_errors, central_error_bound,
                              forward_difference, forward_error_bound, stationary_point)
from helpers.checks import check_central_difference, check_descent_loop
from helpers.descent import run
from helpers.objectives import double_well, quadratic
from helpers.panels import Descent1DPanel
from helpers.reporting import order_of_magnitude

# %% [markdown]
# ## 1. The hiker in fog
#
# You stand on a hillside in thick fog and want to reach the valley floor. You cannot see the
# valley, but you can feel the slope under your feet. A sensible rule: take a step *downhill*,
# feel the slope again, repeat. Gradient descent is exactly that rule. The loss $J(x)$ is the
# height, the parameter $x$ is your position, and the derivative $J'(x)$ is the slope you feel.
#
# ## 2. Slope is the derivative
#
# The derivative $J'(x)$ is the slope of the tangent line at $x$:
#
# $$J(x + \Delta) \approx J(x) + J'(x)\,\Delta \quad\text{for small } \Delta .$$
#
# If $J'(x) > 0$ the curve rises to the right, so downhill is to the left; if $J'(x) < 0$,
# downhill is to the right. Either way, **downhill is the direction $-J'(x)$.** Take
# $J(x) = x^2$, so $J'(x) = 2x$:

# %%
def J(x):
    return x**2

def dJ(x):
    return 2 * x

for x in [-2.0, 0.5, 2.0]:
    print(f"x = {x:+.1f}:  slope J'(x) = {dJ(x):+.1f}  →  downhill is to the {'left' if dJ(x) > 0 else 'right'}")

# %%
fig, ax = plots.static_figure(figsize=(6.5, 3.4))
parabola = quadratic(2.0)  # J(x) = x², as a helper object with its plotting range
plots.one_d.plot_function(ax, parabola, label="J(x) = x²")
_ = plots.one_d.plot_tangents(ax, J, dJ, [-2.0, 0.5, 2.0], half_width=0.7, aspect=9 / 6 * 1.6)
_ = ax.plot([-2.0, 0.5, 2.0], J(np.array([-2.0, 0.5, 2.0])), "o", color=plots.COLOURS["start"], ms=8)
_ = plots.one_d.label_slopes(ax, [-2.0, 0.5, 2.0], J(np.array([-2.0, 0.5, 2.0])), dJ(np.array([-2.0, 0.5, 2.0])))
ax.set_title("tangent lines: their slope is J′(x)")
_ = ax.legend(loc="upper center")
plots.show(fig)

# %% [markdown]
# **What to notice:** the tangent is steep far from the bottom and flat at the bottom, so a step
# proportional to the slope is long far away and short near the minimum — descent slows down
# by itself as it arrives.
#
# ## 3. The update loop
#
# One step moves against the slope, scaled by the learning rate $\eta$:
#
# $$x_{k+1} = x_k - \eta\, J'(x_k).$$
#
# Here it is, written out in full. No helper is involved: this *is* gradient descent.

# %%
x, lr = 2.5, 0.1
xs = [x]
for k in range(10):
    x = x - lr * dJ(x)
    xs.append(x)

print(" k    x_k      J'(x_k)   step −η·J'   J(x_k)")
for k, x in enumerate(xs[:6]):
    print(f"{k:2d}  {x:7.4f}  {dJ(x):8.4f}  {-lr * dJ(x):10.4f}  {J(x):8.4f}")

# %% [markdown]
# Each step multiplies $x$ by the same factor, because $x - \eta \cdot 2x = (1 - 2\eta)x$.
# The cell checks that against the loop:

# %%
ratios = np.array(xs[1:]) / np.array(xs[:-1])
print(f"measured x_(k+1)/x_k = {ratios.min():.4f} … {ratios.max():.4f};  formula 1 − 2η = {1 - 2 * lr:.4f}")

# %%
fig, (ax_path, ax_loss) = plots.static_figure(1, 2, figsize=(9.2, 3.6), width_ratios=[1.4, 1])
plots.one_d.plot_function(ax_path, parabola, label="J(x) = x²")
_ = plots.one_d.plot_path_1d(ax_path, J, xs)
ax_path.set_title("ten steps with η = 0.1")
_ = ax_path.legend(loc="upper center", ncols=2, fontsize=9)
_ = plots.one_d.plot_loss_curve(ax_loss, J(np.array(xs)))
ax_loss.set_title("loss against iteration (log scale)")
plots.show(fig)

# %% [markdown]
# **What to notice:** on a log scale the loss falls along a straight line — it shrinks by the
# same factor, $(1-2\eta)^2 = 0.64$, every step. This is called *linear convergence*: not because
# the curve is a straight line on ordinary axes, but because the number of correct digits grows
# linearly with $k$.
#
# ## 4. Numerical derivatives: trust, but check
#
# Later we compute derivatives of complicated functions by hand (backpropagation), and a
# single wrong sign breaks everything silently. The standard check uses only function values,
# the **central difference**:
#
# $$J'(x) \approx \frac{J(x+h) - J(x-h)}{2h}, \qquad \text{error} \lesssim \frac{h^2}{6}\,|J'''(x)| + \frac{\epsilon\,|J(x)|}{h}.$$
#
# Why $h^2$: by Taylor, $J(x \pm h) = J \pm hJ' + \tfrac{h^2}{2}J'' \pm \tfrac{h^3}{6}J''' + O(h^4)$;
# the even terms cancel in the difference, which leaves $J' + \tfrac{h^2}{6}J'''$. The first error
# term (truncation) shrinks with $h$; the second (round-off: a double keeps only about 16 digits,
# $\epsilon \approx 2.2\times10^{-16}$) grows as $h$ shrinks, and is a worst case. Let us measure
# both on $\sin$ at $x = 1$, where the exact derivative is $\cos 1$, against the forward difference
# $\big(J(x+h) - J(x)\big)/h$, whose bound is $\tfrac{h}{2}|J''| + \epsilon|J|/h$.

# %%
hs = np.logspace(-12, -1, 45)
central_errors = central_difference_errors(np.sin, np.cos, 1.0, hs)
forward_errors = np.abs(forward_difference(np.sin, 1.0, hs) - np.cos(1.0))
best_h = best_central_step(f3_scale=np.cos(1.0), f_scale=np.sin(1.0))
best_h_forward = best_forward_step(f2_scale=np.sin(1.0), f_scale=np.sin(1.0))
print(f"best h from the bounds: central {best_h:.1e}, forward {best_h_forward:.1e}")
print(f"bound at its best h: central {central_error_bound(best_h, np.cos(1.0), np.sin(1.0)):.1e}, "
      f"forward {forward_error_bound(best_h_forward, np.sin(1.0), np.sin(1.0)):.1e}")
near = lambda h0: (hs > h0 / 3) & (hs < h0 * 3)
print(f"measured near its best h: central about {order_of_magnitude(np.median(central_errors[near(best_h)]))}, "
      f"forward about {order_of_magnitude(np.median(forward_errors[near(best_h_forward)]))}")

# %%
fig, ax = plots.static_figure(figsize=(8.6, 4))
_ = plots.one_d.plot_difference_errors(ax, hs, central_errors, label="central difference")
_ = plots.one_d.plot_difference_errors(ax, hs, forward_errors, label="forward difference", alpha=0.6)
_ = ax.loglog(hs, central_error_bound(hs, np.cos(1.0), np.sin(1.0)), "--", color="0.3", label="central bound")
_ = ax.loglog(hs, forward_error_bound(hs, np.sin(1.0), np.sin(1.0)), ":", color="0.3", label="forward bound")
_ = ax.axvline(best_h, color=plots.COLOURS["start"], lw=2, label=f"best central h ≈ {best_h:.0e}")
ax.set(ylim=(1e-14, 1e0), xlabel="step h", title="error of numerical derivatives of sin at x = 1")
_ = ax.legend(fontsize=9, loc="center left", bbox_to_anchor=(1.02, 0.5))   # beside the axes, off the data
plots.show(fig)

# %% [markdown]
# **What to notice:** the central error falls as $h^2$ (slope 2 on log–log axes) until
# round-off takes over near the best $h \approx 10^{-5}$. The forward difference is only first
# order (slope 1): at its own best step its error is about $10^{-8}$ against about $10^{-11}$ for
# the central one — hundreds of times worse (the bounds say about 640 times). The measured
# round-off sits below the bounds: they are worst cases, and real rounding errors partly cancel.
# Smaller $h$ is *not* always better.
#
# ## 5. When to stop
#
# "Repeat until the change is tiny" needs a number: stop when a step moves $x$ by less than a
# tolerance. A step budget is the safety net for when that never happens. On $J = x^2$ the
# step at iteration $k$ is $2\eta\,|x_k| = 2\eta\,(1-2\eta)^k |x_0|$, so the step first drops
# below the tolerance after
#
# $$k^\star = \left\lceil \frac{\ln\big(\text{tol} \,/\, (2\eta |x_0|)\big)}{\ln(1 - 2\eta)} \right\rceil + 1 \text{ steps.}$$

# %%
def steps_predicted(tol, lr, x0):
    return int(np.ceil(np.log(tol / (2 * lr * abs(x0))) / np.log(1 - 2 * lr))) + 1

for tol in [1e-2, 1e-4, 1e-6, 1e-8]:
    trajectory = run(J, dJ, 2.5, lr=0.1, steps=1000, tol=tol)
    print(f"tol = {tol:.0e}:  stopped after {trajectory.outcome.step:3d} steps "
          f"(formula {steps_predicted(tol, 0.1, 2.5):3d}),  x = {trajectory.final:.1e}")
print(f"extra steps per factor 100 in tol: ln(100) / ln(1/(1 − 2η)) = {np.log(100) / np.log(1 / (1 - 2 * 0.1)):.1f}")

# %% [markdown]
# **What to notice:** each factor of 100 in the tolerance costs the same number of extra steps,
# 20 or 21 (19, 40, 60, 81 steps; 20.6 by the formula in the last line): linear convergence pays
# a fixed price per digit. A tolerance that is too loose
# stops early; one that is too tight may never be met, and the budget ends the run.
#
# A small step does not mean a small error: here the distance to the minimum is the step divided
# by $2\eta$, so it can be up to five times the tolerance (at tol = 1e-2 the run stops at
# x = 3.6e-2). On a badly conditioned loss the gap can be far larger, up to tol/(ηλ_min); a test on
# the size of the gradient, $\|\nabla J\| <$ tol, is the usual alternative.
#
# ## 6. Two valleys: the start decides
#
# The double well $J(x) = x^4 - 2x^2 + x/2$ has two minima of different depth, separated by a
# hilltop where $J'(x) = 0$ too. Gradient descent only feels the local slope, so with a small
# step it runs into whichever valley the start point slopes down to.

# %%
well = double_well()
hilltop = stationary_point(well.df, well.d2f, guess=0.0)
starts = np.linspace(-1.6, 1.6, 17)
ends = np.array([run(well.f, well.df, s, lr=0.05, steps=500).final for s in starts])
print(f"minima at x = {well.minima[0]:.3f} (deeper) and x = {well.minima[1]:.3f}; hilltop at x = {hilltop:.3f}")
left_ok = np.all(np.isclose(ends[starts < hilltop], well.minima[0], atol=1e-4))
right_ok = np.all(np.isclose(ends[starts > hilltop], well.minima[1], atol=1e-4))
print("every start left of the hilltop ends in the left valley:", bool(left_ok))
print("every start right of the hilltop ends in the right valley:", bool(right_ok))
print(f"starts ending in the shallower right valley: {np.sum(starts > hilltop)} of {len(starts)}")

# %%
fig, ax = plots.static_figure(figsize=(7, 3.6))
_ = plots.one_d.plot_function(ax, well, label=f"J(x) = {well.formula}")
goes_left = np.isclose(ends, well.minima[0], atol=1e-4)
left, right = starts[goes_left], starts[~goes_left]
_ = ax.plot(left, well.f(left), "o", color=plots.COLOURS["start"], label="start → left valley")
_ = ax.plot(right, well.f(right), "s", color=plots.COLOURS["tangent"], label="start → right valley")
_ = ax.axvline(hilltop, color="0.5", ls="--", label="hilltop J′ = 0")
_ = ax.plot(well.minima, well.f(np.array(well.minima)), "x", ms=10, mew=2.5, color="k", label="the two minima")
ax.set_title("where 17 starts end up (η = 0.05)")
_ = fig.legend(*ax.get_legend_handles_labels(), fontsize=9, loc="outside lower center", ncols=3)
plots.show(fig)

# %% [markdown]
# **What to notice:** almost half of the starts end in the shallower right valley, even though
# the left one is deeper — gradient descent finds *a* minimum, not *the* minimum. (With a large step it
# can also jump over the hilltop; try it in the panel below.)
#
# ## 7. Live panel
#
# Choose a function — or type your own in the box (e.g. `sin(3*x) + x**2/4`, then press
# Enter) — and move the learning rate, the start point and the number of steps. The left
# plot shows the path with the tangents of the first steps; the right plot the loss above the
# lowest value on the plot, on a log scale. The status line says whether the run converged,
# oscillates or diverged, and gives the local factor $|1 - \eta J''(x)|$ — below 1 the steps
# shrink, above 1 they grow (notebook 03 explains why).

# %%
panel = Descent1DPanel()
panel.show()

# %% [markdown]
# **Try this:**
# 1. On the parabola $x^2$, raise η slowly from 0.1 to 1.2. Where does the path start to
#    zig-zag? Where does it stop converging?
# 2. On the quartic $x^4/4$, start at 2 and raise η: the slope $x^3$ is so steep far out that one
#    large step throws the point far away, and the next even further.
# 3. On the double well, start at 1.6 with η = 0.05, then η = 0.2. Which valley wins, and why?
# 4. Type a function of your own. Try `1/x` or `x +` to see how mistakes are reported.
#
# ## 8. Check yourself
#
# **Exercise 1 — the loop.** Complete `descend` so that it returns the list
# $[x_0, x_1, \dots, x_{\text{steps}}]$. Then run the cell: the check says what is right or wrong.

# %%
def descend(df, x0, lr, steps):
    xs = [x0]
    # your code here: take `steps` steps, appending each new point to xs
    return xs

_ = check_descent_loop(descend)

# %% [markdown]
# **Exercise 2 — the central difference.** Complete `derivative(f, x, h)` so that it returns the
# central-difference estimate of $f'(x)$.

# %%
def derivative(f, x, h):
    raise NotImplementedError  # your code here: use f on both sides of x

_ = check_central_difference(derivative)

# %% [markdown]
# <details><summary>Show solutions</summary>
#
# ```python
# def descend(df, x0, lr, steps):
#     xs = [x0]
#     x = x0
#     for k in range(steps):
#         x = x - lr * df(x)
#         xs.append(x)
#     return xs
#
# def derivative(f, x, h):
#     return (f(x + h) - f(x - h)) / (2 * h)   # brackets: `/ 2*h` would multiply by h
# ```
# </details>
#
# ## 9. Summary
#
# - Gradient descent repeats $x_{k+1} = x_k - \eta J'(x_k)$: step against the slope.
# - Near a minimum the slope shrinks, so the steps shrink by themselves; on $x^2$ each step
#   multiplies $x$ by $1 - 2\eta$.
# - Check derivatives with the central difference; $h \approx 10^{-5}$ balances truncation
#   and round-off.
# - Stop on a tolerance, with a step budget as a safety net.
# - Descent finds the minimum whose valley it starts in, not necessarily the deepest.
#
# **Further reading:** Nielsen, *Neural Networks and Deep Learning*, ch. 1 ("Learning with
# gradient descent"); Ruder, "An overview of gradient descent optimization algorithms" (2016),
# section 2.
#
# **Next:** [02 Many dimensions](02_many_dimensions.ipynb) — when $x$ is a vector, the slope
# becomes the gradient.
