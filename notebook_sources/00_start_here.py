# %% [markdown]
# # Start here: a workbook on gradient descent
#
# Neural networks learn by **gradient descent**: measure how the error changes when each
# parameter is nudged, then move every parameter a little in the direction that lowers the
# error, and repeat. This workbook shows that idea *working* — and failing — one notebook at a
# time, with live panels you can play with.
#
# You need a little Python and the idea of a derivative as a slope. Notebooks 02 and 03 also use
# the eigenvalues of a 2 × 2 matrix (the curvatures of a bowl along its axes); notebook 02 explains
# them in a short primer before using them.

# %% [markdown]
# ## How to use the workbook
#
# | to … | do this |
# |---|---|
# | run one cell | click it, press **Shift + Enter** |
# | run the whole notebook | menu **Run ▸ Run All Cells** |
# | start again from a clean state | menu **Kernel ▸ Restart Kernel and Run All Cells…** |
# | play with a live panel | run the notebook, then drag its sliders; the status line under the controls says what happened in words |
# | type a number exactly | click the number beside a slider, type, press **Enter** |
#
# Every notebook is saved with its pictures, so you can read it before running anything. The
# sliders only come alive once the notebook has run. If a panel shows text such as
# `VBox(children=…)` instead of sliders after running, see
# [Troubleshooting in the README](../README.md#troubleshooting).

# %% [markdown]
# ## The notebooks
#
# | notebook | what you will be able to do afterwards |
# |---|---|
# | **00 Start here** (this one) | use the workbook; take one step of gradient descent by hand |
# | [01 Gradient descent in one dimension](01_gradient_descent_1d.ipynb) | write the update loop; check a derivative numerically; decide when to stop |
# | [02 Many dimensions](02_many_dimensions.ipynb) | follow the gradient on a map of contours; see why long valleys make descent zig-zag |
# | [03 Step size](03_step_size.ipynb) | predict from the curvature which learning rates converge, oscillate or diverge |
# | [04 Saddle points](04_saddle_points.ipynb) | tell minima from saddles; see how descent escapes a saddle and why it is slow |
# | [05 Backpropagation](05_backpropagation.ipynb) | compute every gradient of a network with the chain rule; train a digit classifier |
# | [06 Vanishing and exploding gradients](06_vanishing_exploding.ipynb) | see why deep networks stall or blow up, and which remedies fix it |
# | [07 Optimisers](07_optimizers.ipynb) | write momentum, Nesterov, AdaGrad, RMSProp, Adam and AdamW; race them live; know when each is stable and fast |
# | [08 Why gradient descent trains networks](08_why_gd_works.ipynb) | look at the loss landscape, over-parameterisation, implicit bias and the edge of stability — what is proven, observed and open |

# %% [markdown]
# ## Notation
#
# The same symbols mean the same thing in every notebook.
#
# | symbol | in code | meaning |
# |---|---|---|
# | $x$ | `x` | the input of a plain function we minimise |
# | $w$ | `w` | the parameters (weights) of a model |
# | $J$ | `J`, `loss` | the loss: the number we want to make small |
# | $J'(x)$, $\nabla J$ | `df`, `grad` | the derivative (one variable) or gradient (many) |
# | $\eta$ | `lr` | the learning rate: how far each step goes |
# | $k$ | `k` | the iteration: step number $0, 1, 2, \dots$ |
# | $x_k$ | `xs[k]` | the point after $k$ steps |
#
# One step of gradient descent is
#
# $$x_{k+1} = x_k - \eta\, J'(x_k).$$

# %% [markdown]
# ## Setting up
#
# The first code cell of every notebook switches on live figures (`%matplotlib widget`) and
# imports the workbook's helpers.

# %%
# %matplotlib widget
import numpy as np

from helpers.panels import FirstStepPanel

# %% [markdown]
# ## Your first step downhill
#
# Take $J(x) = x^2$. Its slope is $J'(x) = 2x$: positive on the right, negative on the left.
# Stepping *against* the slope always points towards the bottom at $x = 0$. With the update
# rule, one step from $x_0$ lands at
#
# $$x_1 = x_0 - \eta \cdot 2x_0 = (1 - 2\eta)\,x_0 .$$
#
# The factor $1 - 2\eta$ decides everything: the cell below computes it for a few learning rates.

# %%
x0 = 2.0
for lr in [0.1, 0.25, 0.5, 0.75, 1.0, 1.25]:
    factor = 1 - 2 * lr
    x1 = factor * x0
    print(f"η = {lr:<4}  factor 1 − 2η = {factor:+.2f}  →  x₁ = {x1:+.2f},  J(x₁) = {x1**2:.2f}")

# %% [markdown]
# **What to notice:** $\eta = 0.5$ lands exactly on the bottom; between 0.5 and 1 the step
# overshoots to the other side but still ends lower; $\eta = 1$ jumps to $-x_0$, at the same
# height; above 1 every step ends higher than it started.
#
# Now try it live. Drag the sliders: the green dot is $x_0$, the orange line is the tangent
# whose slope $J'(x_0)$ sets the step, the red arrow under the curve is the step $-\eta J'(x_0)$
# itself (its length is η times the slope), and the red star is where one step lands.

# %%
first_step = FirstStepPanel()
first_step.show()

# %% [markdown]
# **Try this:** set η to 0.5, then to 1.0, then to 1.1. Which one lands at the bottom? Which
# one bounces to the same height on the other side? Notebook 03 explains these thresholds for
# any curve near its minimum, where the curvature $J''$ plays the role of the 2 in $J' = 2x$.
#
# **Next:** [01 Gradient descent in one dimension](01_gradient_descent_1d.ipynb) repeats this
# step many times and asks when to stop.

# %% [markdown]
# ## Check yourself
#
# **Exercise — one step by hand.** On $J(x) = x^2$, start at $x_0 = 3$ with $\eta = 0.4$. Where
# does one step of gradient descent land? Type the number, run the cell, and the check says what
# is right or wrong.

# %%
from helpers.checks import check_first_step

my_x1 = ...  # your answer: a number
_ = check_first_step(my_x1)

# %% [markdown]
# <details><summary>Show solution</summary>
#
# $J'(3) = 2 \cdot 3 = 6$, the step is $\eta \cdot 6 = 2.4$, so $x_1 = 3 - 2.4 = 0.6$: closer to
# the bottom, on the same side.
# </details>
