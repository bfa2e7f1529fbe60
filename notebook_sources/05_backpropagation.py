# %% [markdown]
# # 05 — Backpropagation
#
# **Goal:** compute the gradient of a neural network's loss with respect to *every* weight,
# with nothing but the chain rule; check it numerically; then use it for gradient descent —
# from a three-unit network on a tiny table to a digit classifier that reads handwriting.
#
# Contents: 1 a neuron and a layer · 2 the forward pass · 3 the loss · 4 the chain rule, layer by
# layer · 5 the backward pass in numpy, checked · 6 training · 7 why not start from zero ·
# 8 classification and the cross-entropy · 9 live panel · 10 full batch, stochastic, mini-batch ·
# 11 handwritten digits · 12 check yourself · 13 summary

# %%
# %matplotlib widget
import time

import numpy as np

from helpers import plots
from helpers.activations import sigmoid
from helpers.baselines import least_squares_loss, logistic_regression, mean_prediction_loss
from helpers.calculus import relative_error
from helpers.reporting import below
from helpers.checks import check_backward_2_3_1, check_output_delta
from helpers.datasets import load_digits, load_sleep_study, train_test_split, two_moons
from helpers.nn import BINARY_CROSS_ENTROPY, Network, loss_and_gradients
from helpers.panels.decision_boundary import DecisionBoundaryPanel
from helpers.panels.progress import ProgressBar
from helpers.training import Trainer, batch_size_for

# %% [markdown]
# ## 1. A neuron and a layer
#
# A neuron takes inputs $x_1, \dots, x_n$, forms a weighted sum plus a bias, and passes it
# through an *activation function* $f$:
#
# $$z = w_1 x_1 + \dots + w_n x_n + b, \qquad a = f(z), \qquad \sigma(z) = \frac{1}{1 + e^{-z}}.$$
#
# The sigmoid $\sigma$ squashes any number into $(0, 1)$. A *layer* is several neurons reading the
# same inputs; with one example per row of a matrix $X$, the whole layer is one matrix product:
# $Z = XW + b$, $A = f(Z)$, where column $k$ of $W$ holds the weights of neuron $k$.
#
# ## 2. The forward pass
#
# Our first data: a small illustrative table (see `data/README.md`) of hours slept and hours
# studied before a test, and the score. We scale each column to at most 1, as networks like
# inputs and targets of order one.

# %%
hours, scores = load_sleep_study()
X = hours / hours.max(axis=0)          # (m, 2): each column divided by its largest value
y = scores[:, None] / 100              # (m, 1): the score as a fraction
m = len(X)
print(f"m = {m} students.  First rows (slept, studied → score):")
for (slept, studied), score in zip(hours[:4], scores[:4]):
    print(f"  {slept:4.0f} h  {studied:4.0f} h  →  {score:3.0f}")

# %% [markdown]
# A network with 2 inputs, 3 hidden sigmoid units and 1 sigmoid output — a **2-3-1 network** —
# computes, one layer after the other (the superscript is the layer):
#
# $$Z^{(1)} = X W^{(1)} + b^{(1)},\quad A^{(1)} = \sigma(Z^{(1)}),\qquad Z^{(2)} = A^{(1)} W^{(2)} + b^{(2)},\quad \hat y = \sigma(Z^{(2)}).$$

# %%
rng = np.random.default_rng(0)
W1, b1 = rng.normal(size=(2, 3)), np.zeros(3)   # 2 inputs → 3 hidden units
W2, b2 = rng.normal(size=(3, 1)), np.zeros(1)   # 3 hidden units → 1 output

Z1 = X @ W1 + b1          # (m, 3)
A1 = sigmoid.f(Z1)        # (m, 3)
Z2 = A1 @ W2 + b2         # (m, 1)
y_hat = sigmoid.f(Z2)     # (m, 1): the predicted scores
print("predicted vs true score, first 4 students:", np.round(100 * y_hat[:4, 0]), np.round(100 * y[:4, 0]))

# %%
fig, ax = plots.static_figure(figsize=(7.6, 3.9))
diagram = plots.network.plot_network(ax, (2, 3, 1), [W1, W2])
_ = plots.network.label_network(
    ax, diagram, [["x₁ slept", "x₂ studied"], ["a₁", "a₂", "a₃"], ["ŷ score"]],
    ["X = A⁽⁰⁾\n(m × 2)", "Z⁽¹⁾, A⁽¹⁾ = σ(Z⁽¹⁾)\n(m × 3)", "Z⁽²⁾, ŷ = σ(Z⁽²⁾)\n(m × 1)"],
    ["W⁽¹⁾: 2 × 3 = 6 lines\nb⁽¹⁾: 3 biases", "W⁽²⁾: 3 × 1 = 3 lines\nb⁽²⁾: 1 bias"])
ax.set_title("the 2-3-1 network: line width ∝ |w| (blue +, red −)", fontsize=10)
plots.show(fig)

# %% [markdown]
# **What to notice:** each line is one weight — six in $W^{(1)}$ from the two inputs to the
# three hidden units, three in $W^{(2)}$ to the output — and each hidden unit and the output
# also has a bias. The forward pass runs left to right; the backward pass of section 4 runs the
# other way. With random weights the predictions are far off. Learning means changing the
# nine weights and four biases until they are not — and for that we need the slope of the loss
# with respect to each of them.
#
# ## 3. The loss
#
# We measure the error with the mean squared error (the ½ makes the derivative clean):
#
# $$J = \frac{1}{2m} \sum_{i=1}^{m} (\hat y_i - y_i)^2 .$$

# %%
J = np.sum((y_hat - y) ** 2) / (2 * m)
print(f"J = {J:.5f}  (a typical miss of {100 * np.sqrt(2 * J):.0f} points out of 100)")

# %% [markdown]
# ## 4. The chain rule, layer by layer
#
# $J$ depends on a weight of the first layer only through a chain: $W^{(1)} \to Z^{(1)} \to
# A^{(1)} \to Z^{(2)} \to \hat y \to J$. The chain rule multiplies the local slopes along it.
# Backpropagation organises this so that no product is computed twice: define the **error term**
# of each layer, the slope of $J$ with respect to that layer's weighted sums,
#
# $$\delta^{(l)} = \frac{\partial J}{\partial Z^{(l)}} .$$
#
# For the output layer, $\partial J / \partial \hat y = (\hat y - y)/m$ and $\hat y = \sigma(Z^{(2)})$
# with $\sigma'(z) = \sigma(z)(1 - \sigma(z))$, so (⊙ is the element-wise product)
#
# $$\delta^{(2)} = \frac{\hat y - y}{m} \odot \hat y\,(1 - \hat y).$$
#
# Since $Z^{(2)} = A^{(1)} W^{(2)} + b^{(2)}$, each weight $w^{(2)}_k$ multiplies the activation
# $a^{(1)}_{ik}$ of example $i$, so $\partial J/\partial w^{(2)}_k = \sum_i a^{(1)}_{ik}\, \delta^{(2)}_i$
# — a sum over examples, which is a matrix product:
#
# $$\frac{\partial J}{\partial W^{(2)}} = A^{(1)\top} \delta^{(2)}, \qquad \frac{\partial J}{\partial b^{(2)}} = \sum_i \delta^{(2)}_i .$$
#
# One layer down, $Z^{(2)}$ depends on $A^{(1)}$ through $W^{(2)}$, and $A^{(1)} = \sigma(Z^{(1)})$:
#
# $$\delta^{(1)} = \big(\delta^{(2)} W^{(2)\top}\big) \odot A^{(1)}(1 - A^{(1)}), \qquad \frac{\partial J}{\partial W^{(1)}} = X^\top \delta^{(1)}, \qquad \frac{\partial J}{\partial b^{(1)}} = \sum_i \delta^{(1)}_i .$$
#
# Written out for one weight, $\frac{\partial J}{\partial w^{(1)}_{jk}} = \sum_i x_{ij}\,
# \sigma'(z^{(1)}_{ik})\, w^{(2)}_k\, \delta^{(2)}_i$: input × local slope × weight × error above.
# The same rules hold for any number of layers $L$, with $A^{(0)} = X$ — this is the whole
# algorithm (Nielsen's four equations BP1–BP4):
#
# $$\delta^{(L)} = \frac{\partial J}{\partial A^{(L)}} \odot f'(Z^{(L)}),\qquad \delta^{(l-1)} = \big(\delta^{(l)} W^{(l)\top}\big) \odot f'(Z^{(l-1)}),\qquad \frac{\partial J}{\partial W^{(l)}} = A^{(l-1)\top}\delta^{(l)},\qquad \frac{\partial J}{\partial b^{(l)}} = \sum_i \delta^{(l)}_i .$$
#
# The first rule assumes an output activation that acts on each output separately, as the
# sigmoid does. The softmax of section 11 mixes all outputs, so there $\partial J/\partial Z^{(L)}$
# needs its full Jacobian; section 11 works it out.
#
# ## 5. The backward pass in numpy, checked
#
# The equations above, line by line. Each array has the shape of what it is the gradient of.

# %%
delta2 = (y_hat - y) / m * y_hat * (1 - y_hat)   # (m, 1)
dW2 = A1.T @ delta2                              # (3, 1), like W2
db2 = delta2.sum(axis=0)                         # (1,),   like b2
delta1 = (delta2 @ W2.T) * A1 * (1 - A1)         # (m, 3)
dW1 = X.T @ delta1                               # (2, 3), like W1
db1 = delta1.sum(axis=0)                         # (3,),   like b1
print("∂J/∂W¹ =\n", np.round(dW1, 5))

# %% [markdown]
# A wrong sign or a forgotten factor would still produce numbers of the right shape, so we check
# every entry against the central difference of notebook 01,
# $\partial J/\partial\theta \approx \big(J(\theta + h) - J(\theta - h)\big)/2h$, nudging one
# parameter at a time. For each array (analytic $a$, numerical $n$) we print the **relative
# error** $\lVert a - n\rVert / \max(\lVert a\rVert, \lVert n\rVert)$, norms over all entries, and,
# since one wrong tiny entry can hide among large ones, also the largest single-entry
# difference $\max_i |a_i - n_i|$.

# %%
def loss(W1, b1, W2, b2):
    return np.sum((sigmoid.f(sigmoid.f(X @ W1 + b1) @ W2 + b2) - y) ** 2) / (2 * m)

def numerical_gradient(param, h=1e-6):
    grad = np.zeros_like(param)
    for i in np.ndindex(param.shape):
        old = param[i]
        param[i] = old + h; up = loss(W1, b1, W2, b2)
        param[i] = old - h; down = loss(W1, b1, W2, b2)
        param[i], grad[i] = old, (up - down) / (2 * h)
    return grad

# %%
errors = {name: relative_error(analytic, numerical_gradient(param))
          for name, analytic, param in [("W¹", dW1, W1), ("b¹", db1, b1), ("W²", dW2, W2), ("b²", db2, b2)]}
entry_gaps = {name: np.max(np.abs(analytic - numerical_gradient(param)))
              for name, analytic, param in [("W¹", dW1, W1), ("b¹", db1, b1), ("W²", dW2, W2), ("b²", db2, b2)]}
for name, error in errors.items():
    print(f"∂J/∂{name}: relative error {below(error, 1e-8)},  largest entry difference {below(entry_gaps[name], 1e-10)}")

# %% [markdown]
# **What to notice:** backpropagation and the numerical slopes agree to better than one part in
# 10⁸ for every array, and no single entry is off by more than $10^{-10}$ — what is left is
# round-off in the finite difference (its exact size changes from one CPU to another, so only
# the bound is printed). The usual rule of thumb (CS231n's notes on gradient checks): a relative
# error below about $10^{-7}$ is fine, above $10^{-4}$ is a bug. Two cautions: at a kink (ReLU at
# $z = 0$) the central difference straddles two slopes and disagrees with a correct gradient, and
# in float32 the round-off in $J(\theta \pm h)$ swamps the difference at this $h$: check in float64.
#
# Each layer's backward pass does two matrix products ($\delta W^\top$ and $A^\top \delta$), the
# forward pass one, so backpropagation costs about two forward passes' worth of arithmetic, the
# whole gradient about three (Griewank's cheap-gradient principle; Nielsen ch. 2, "In what sense
# is backpropagation a fast algorithm?"). The numerical check cost two passes *per parameter*,
# which is why networks are trained with the first and tested with the second.
#
# The workbook's network engine (`helpers/nn.py`) runs exactly these lines for any number of
# layers. Given the same weights, it returns the same gradients:

# %%
net = Network([2, 3, 1], hidden_activation="sigmoid", output_activation="sigmoid")
net.set_parameters([W1, b1, W2, b2])
J_engine, grads, _ = loss_and_gradients(net, X, y, "squared_error")
by_hand = [dW1, db1, dW2, db2]
difference = max(np.max(np.abs(g - h)) for g, h in zip(grads.as_list(), by_hand))
print(f"J: by hand {J:.6f}, engine {J_engine:.6f};  largest gradient difference {difference:.1e}")

# %% [markdown]
# ## 6. Training
#
# Gradient descent now runs exactly as in notebook 01, with the vector of all the network's
# parameters as $x$: every parameter moves against its slope,
# $\theta \leftarrow \theta - \eta\, \partial J / \partial\theta$. Each *update* uses all $m$
# examples here (one update per pass over the data, or *epoch*).

# %%
trainer = Trainer(net, X, y, "squared_error", lr=2.0)
trainer.run(3000)
print(f"{net.n_parameters} parameters, {m} examples per update;", trainer.status)
prediction = 100 * net.output(X)[:, 0]
print("students 1-6, predicted:", np.round(prediction[:6]), " true:", scores[:6])
print(f"for comparison: always predicting the mean score J = {mean_prediction_loss(y):.2e};"
      f"  best straight-line fit (least squares) J = {least_squares_loss(X, y):.1e}")

# %%
fig, (ax_loss, ax_fit) = plots.static_figure(1, 2, figsize=(9.2, 3.4))
plots.network.plot_loss_and_fit(ax_loss, ax_fit, trainer.history.epoch_losses, scores, prediction, lr=2)
plots.show(fig)

# %% [markdown]
# **What to notice:** the first fast drop, to about $3.7\times10^{-3}$ (the loss of always
# predicting the average score), learns only the average. The slow phase learns how the score
# depends on sleep and study. After 3000 epochs the loss is still falling, and high scores are
# still under-predicted and low ones over-predicted: the fit is unfinished, not limited by the
# three hidden units — a straight-line fit already reaches $6.0\times10^{-4}$. (Sigmoid networks
# trained with the squared error learn slowly; notebook 06 shows why.)
#
# ## 7. Why not start from zero?
#
# Starting every weight at 0 seems neutral. But then all hidden units compute the same function,
# receive the same error term, and get the same update — so they stay identical forever, and
# three hidden units are no better than one. Try it:

# %%
zero_net = Network([2, 3, 1], "sigmoid", "sigmoid", init="zeros")
zero_trainer = Trainer(zero_net, X, y, "squared_error", lr=2.0)
zero_trainer.run(3000)
print("zero start, W¹ after training (column k = weights into hidden unit k):")
print(np.round(zero_net.weights[0], 4))
print("W² (one row per hidden unit):", np.round(zero_net.weights[1][:, 0], 4))
identical = np.all(zero_net.weights[0] == zero_net.weights[0][:, :1])
print("the three hidden units are identical:", bool(identical))

# %%
random_net = Network([2, 3, 1], "sigmoid", "sigmoid", init="normal", scale=1.0, seed=1)
random_trainer = Trainer(random_net, X, y, "squared_error", lr=2.0)
random_trainer.run(3000)
print("random start, W¹ after training:")
print(np.round(random_net.weights[0], 4))
print(f"final loss: zero start {zero_trainer.history.epoch_losses[-1]:.5f}, "
      f"random start {random_trainer.history.epoch_losses[-1]:.5f}")

# %% [markdown]
# **What to notice:** from zero, each column of $W^{(1)}$ is the same — the symmetry is never
# broken, because $\delta^{(1)} = (\delta^{(2)} W^{(2)\top}) \odot \sigma'(Z^{(1)})$ is the same
# for units whose weights are the same. Random starting weights break the symmetry; the hidden
# units then learn different features. With tanh or ReLU hidden units, which output 0 at
# $z = 0$, a zero start is worse still: $\delta^{(1)}$ is multiplied by $W^{(2)} = 0$ and the
# hidden activations are 0, so no weight ever moves. The random weights must also have the right
# size, about $1/\sqrt{n_{\text{in}}}$: notebook 06 shows what goes wrong otherwise.
#
# ## 8. Classification and the cross-entropy
#
# For yes/no answers the output is a probability $p = \sigma(z)$ of class 1, and the natural loss
# is the **cross-entropy** (the negative log-likelihood):
#
# $$J = -\frac{1}{m}\sum_i \big[y_i \log p_i + (1 - y_i)\log(1 - p_i)\big], \qquad \delta^{(L)} = \frac{\partial J}{\partial z} = \frac{p - y}{m}.$$
#
# The $\sigma'(z)$ of the output unit cancels: the error term is just prediction minus target.
# With the squared error it would stay, and a confidently wrong output ($\sigma' \approx 0$) would
# learn almost nothing. The engine computes the loss from $z$ itself, as
# $\log(1 + e^{z}) - yz$ with a stable $\log(1+e^z)$, so even absurd outputs give finite numbers:

# %%
z_extreme = np.array([[1000.0], [-1000.0]])
for label in (0, 1):
    values = [BINARY_CROSS_ENTROPY.value(z_extreme[i:i + 1], np.array([label])) for i in range(2)]
    print(f"y = {label}:  J(z = +1000) = {values[0]:g},  J(z = −1000) = {values[1]:g}")

# %% [markdown]
# Two interleaved half-moons cannot be separated by a straight line. A 2-16-16-1 network with tanh
# hidden units learns a curved boundary; the shading shows its probability $p$ of class 1 (red),
# the black line is $p = ½$.

# %%
X_moons, y_moons = two_moons(n=200, noise=0.15, seed=0)
moons_net = Network([2, 16, 16, 1], "tanh", "identity", init="xavier", seed=0)
moons = Trainer(moons_net, X_moons, y_moons, "binary_cross_entropy", lr=0.05, batch_size=16, seed=0)
moons.run(300)
print(moons.status)
line_loss, line_accuracy = logistic_regression(X_moons, y_moons)
print(f"best straight boundary (logistic regression): loss {line_loss:.3f}, accuracy {line_accuracy:.1%}")

# %%
xs, ys, grid = plots.network.boundary_grid(X_moons, n=150)
p_grid = BINARY_CROSS_ENTROPY.predict(moons_net.output(grid)).reshape(len(ys), len(xs))
fig, axes = plots.static_figure(2, 2, figsize=(9.2, 4.2), width_ratios=[1, 1.1])
ax_b = plots.network.merge_axes(fig, axes[:, 0])
_ = plots.network.plot_decision_boundary(ax_b, xs, ys, p_grid, X_moons, y_moons)
_ = plots.network.plot_loss_over_accuracy(axes[0, 1], axes[1, 1], moons.history.epoch_losses, moons.history.epoch_accuracies,
                                          reference=("best straight boundary", line_loss, line_accuracy))
_ = ax_b.set_title("decision boundary after 300 epochs"), axes[0, 1].set_title("cross-entropy (log scale)"), axes[1, 1].set_title("accuracy")
plots.show(fig)

# %% [markdown]
# **What to notice:** the loss first sits on a plateau at the loss of the best *straight*
# boundary (logistic regression: loss 0.287, accuracy 89.0%, the dotted lines), then drops as
# the hidden units bend the boundary around the moons, to 97.5% accuracy. When it drops depends
# on the starting weights: over five seeds,

# %%
for seed in range(5):
    net_s = Network([2, 16, 16, 1], "tanh", "identity", init="xavier", seed=seed)
    run_s = Trainer(net_s, X_moons, y_moons, "binary_cross_entropy", lr=0.05, batch_size=16, seed=0)
    run_s.run(300)
    below_line = np.flatnonzero(np.array(run_s.history.epoch_losses) < line_loss / 2)
    left = f"falls below half that loss at epoch {below_line[0]}" if below_line.size else "still on the plateau after 300 epochs"
    print(f"weight seed {seed}: {left}")

# %% [markdown]
# A plateau whose length depends on the start is notebook 04's saddle plateau, in a real
# network: the straight boundary is (close to) a saddle of the network's loss, and the time to
# leave it depends on how far from its stable directions descent happens to start.
#
# ## 9. Live panel: watch it learn
#
# Choose a data set, the width and depth of the network, the activation, the learning rate and
# how many examples each update uses, then press ▶ (**train**). The probability map, the
# weights (line width ∝ |w|) and the loss curve move as gradient descent runs; ❚❚ pauses. Every
# change restarts from the same random initial weights (epoch 0), so you can compare settings
# fairly; ■ restarts too.

# %%
panel = DecisionBoundaryPanel()
panel.step(45)  # a head start, so the picture saved with the notebook shows a trained boundary
panel.show()

# %% [markdown]
# **Try this:**
# 1. *Spiral* with 1 hidden layer of 4 units: it cannot wind around. Raise the hidden units, then
#    the layers. Which helps more?
# 2. *Circles* with the *sigmoid* activation: the loss barely moves for a long time. Switch to
#    *tanh* or *relu* (notebook 06 explains why sigmoid layers learn slowly).
# 3. Raise η until the status turns orange or red. Then try *stochastic* at the same η.
# 4. *XOR* with 1 hidden layer of 1 unit: why can one unit never solve it?
#
# ## 10. Full batch, stochastic and mini-batch
#
# The gradient of the mean loss is the mean of the per-example gradients. We can estimate it
# from fewer examples: **full batch** uses all $m$ per update, **stochastic** gradient descent (SGD)
# one random example, **mini-batch** a random handful $B$. A smaller batch gives a noisier
# gradient, but many more updates per epoch. Same data, same starting weights, same η:

# %%
modes = {}
for mode in ("full batch", "mini-batch", "stochastic"):
    net_b = Network([2, 16, 16, 1], "tanh", "identity", init="xavier", seed=0)
    batch = batch_size_for(mode, len(X_moons), mini_batch_size=16)
    modes[mode] = Trainer(net_b, X_moons, y_moons, "binary_cross_entropy", lr=0.05, batch_size=batch, seed=0)
    modes[mode].run(40)
for mode, t in modes.items():
    print(f"{mode:>10}: B = {t.batch_size:3d}, {t.updates // t.epoch:3d} updates per epoch, "
          f"loss after 40 epochs {t.history.epoch_losses[-1]:.2f} ({t.updates} updates)")
big_step = Trainer(Network([2, 16, 16, 1], "tanh", "identity", init="xavier", seed=0), X_moons, y_moons,
                   "binary_cross_entropy", lr=2.0)
big_step.run(40)
print(f"full batch with η = 2.0 instead: loss after 40 epochs {big_step.history.epoch_losses[-1]:.2f}")

# %%
fig, (ax_u, ax_e, ax_n) = plots.static_figure(1, 3, figsize=(9.2, 3.5))
colours = {"full batch": plots.COLOURS["curve"], "mini-batch": plots.COLOURS["start"], "stochastic": plots.COLOURS["path"]}
plots.network.plot_training_modes(ax_u, ax_e, {mode: t.history for mode, t in modes.items()}, colours, ax_noise=ax_n)
plots.show(fig)

# %% [markdown]
# **What to notice:** *per epoch* (right) — that is, per pass of computation over the data — and
# *at the same η*, the smaller the batch, the faster the loss falls, because a pass makes $m/B$
# updates instead of one (after 40 epochs: 0.37 full batch, 0.29 mini-batch).
# That is a statement about η, not about batches: full batch with the larger η = 2 reaches 0.29
# too, as the mini-batch run does. Larger batches tolerate larger
# steps (Goyal et al. 2017) up to a critical batch size (McCandlish et al. 2018), and on
# vectorised hardware $B = 1$ is slow in wall-clock time. *Per update* (left; every curve is the
# loss on all the data at the end of each epoch) the curves start together: early on, while the
# gradient is large compared with its noise, a step on a batch of $B$ examples is about as good
# as a step on all $m$, at $B/m$ of the arithmetic. The right panel shows the price: the loss of
# the batch each update uses jumps around the trend — gradient noise, wildest for single
# examples. Mini-batches are the
# usual compromise: many cheap updates per epoch, moderate noise, and vectorised arithmetic.
#
# ## 11. Handwritten digits
#
# 1,797 scanned digits of 8×8 pixels, each pixel a count from 0 to 16 (see `data/README.md`).
# We hold out a quarter of them, chosen at random with a fixed seed, to watch how well the
# network reads digits it does not train on. Because we look at them after every epoch, and
# judge the training by them, they are a **validation** set; a fair final score would need a
# third set, used once at the end.

# %%
pixels, digits = load_digits()
X_train, X_val, y_train, y_val = train_test_split(pixels / 16, digits, test_fraction=0.25, seed=0)
print(f"{len(X_train)} training images, {len(X_val)} validation images, digits 0-9")
fig, ax = plots.static_figure(figsize=(9, 1.9))
_ = plots.network.plot_digit_grid(ax, pixels[:20], [str(d) for d in digits[:20]], columns=20, gap=3)
plots.show(fig)

# %% [markdown]
# A **64-32-10** network: 64 pixel inputs, 32 ReLU hidden units, 10 outputs, one per digit. The
# outputs are turned into probabilities by the *softmax*, $p_k = e^{z_k} / \sum_j e^{z_j}$, and the
# loss is the cross-entropy $-\log p_t$ for the true digit $t$. The softmax mixes all ten outputs
# ($p_t$ depends on every $z_j$), so the element-wise rule of section 4 does not apply; the chain
# rule through $\log p_t = z_t - \log \sum_k e^{z_k}$ gives instead
#
# $$\frac{\partial(-\log p_t)}{\partial z_j} = -[j = t] + \frac{e^{z_j}}{\sum_k e^{z_k}} = p_j - [j = t],$$
#
# where $[j = t]$ is 1 for the true digit and 0 otherwise (the *one-hot* vector $y$). Averaged
# over $m$ examples, $\delta^{(L)} = (p - y_{\text{one-hot}})/m$: the same form as section 8,
# for a different reason. Mini-batches of 32, η = 0.1, 30 epochs:

# %%
digit_net = Network([64, 32, 10], "relu", "identity", init="he", seed=0)
digit_trainer = Trainer(digit_net, X_train, y_train, "softmax_cross_entropy", lr=0.1,
                        batch_size=32, seed=0, X_test=X_val, y_test=y_val)
progress = ProgressBar("training", total=30,
                       fallback_text="A progress bar for the training below (it fills while the cell runs).")
progress.show()

# %%
started = time.perf_counter()

def show_progress(trainer):
    progress.advance(trainer.epoch, f"{trainer.status} · {time.perf_counter() - started:.1f} s")

digit_trainer.run(30, callback=show_progress)
accuracy = digit_trainer.history.test_accuracies[-1]
print(f"validation accuracy after 30 epochs: {100 * accuracy:.1f}% of {len(y_val)} images")

# %%
fig, (ax_l, ax_a) = plots.static_figure(1, 2, figsize=(9.2, 3.4))
plots.network.plot_training_and_held_out(ax_l, ax_a, digit_trainer.history)
plots.show(fig)

# %% [markdown]
# **What to notice:** after about ten epochs the validation accuracy is close to its final value
# while the training loss keeps falling, and the validation loss stays above it: from there on the
# network gains more on the images it trains on than on new ones. How much of the accuracy is
# this one run's luck, and how much does the hidden layer add? Five seeds of the weights and
# shuffles, and a linear softmax classifier (64-10, no hidden layer) with the same training:

# %%
def digits_accuracy(sizes, seed):
    run = Trainer(Network(sizes, "relu", "identity", init="he", seed=seed), X_train, y_train, "softmax_cross_entropy",
                  lr=0.1, batch_size=32, seed=seed, X_test=X_val, y_test=y_val)
    return run.run(30).test_accuracies[-1]

hidden = [digits_accuracy([64, 32, 10], seed) for seed in range(5)]
linear = [digits_accuracy([64, 10], seed) for seed in range(5)]
print(f"64-32-10 over 5 seeds: {min(hidden):.1%} to {max(hidden):.1%};  linear 64-10: {min(linear):.1%} to {max(linear):.1%}")

# %% [markdown]
# The run above is the best of the five seeds; over seeds the network reaches 95.3–96.7%, and the
# linear classifier alone 94.4–95.3%: the hidden layer adds about one point on this data.
# Here are all the validation digits the first run gets wrong:

# %%
predicted = np.argmax(digit_net.output(X_val), axis=1)
wrong = np.flatnonzero(predicted != y_val)
pairs, counts = np.unique(np.column_stack([y_val[wrong], predicted[wrong]]), axis=0, return_counts=True)
true_digit, said = pairs[np.argmax(counts)]
print(f"{len(wrong)} mistakes out of {len(y_val)}; the most common: true {true_digit} read as {said} ({counts.max()} times)")
fig, ax = plots.static_figure(figsize=(9.2, 0.95 * np.ceil(len(wrong) / 10) + 0.3))
_ = plots.network.plot_misclassified(ax, X_val[wrong] * 16, y_val[wrong], predicted[wrong], columns=10)
plots.show(fig)

# %% [markdown]
# **What to notice:** many mistakes are digits a person would hesitate over too at 8×8 pixels;
# the most common one, an 8 read as a 1 (5 of the 15 mistakes), is between digits that share a
# tall vertical stroke. A network that looks at neighbouring pixels
# together (a *convolutional* network) does better; the training loop stays the same.
#
# ## 12. Check yourself
#
# **Exercise 1 — the output error term.** For a sigmoid output with the cross-entropy loss
# (section 8), complete `output_delta(z, y)` to return $\delta^{(L)} = \partial J / \partial z$ for a
# batch: `z` and `y` have shape `(m, 1)`.

# %%
def output_delta(z, y):
    raise NotImplementedError  # your code here: return δ, an array of the shape of z

_ = check_output_delta(output_delta)

# %% [markdown]
# **Exercise 2 — backpropagation by hand.** Complete the backward pass of the 2-3-1 sigmoid network
# with the squared-error loss (sections 4 and 5): return `dW1, db1, dW2, db2`.

# %%
def backward(X, y, W1, b1, W2, b2):
    m = len(X)
    A1 = sigmoid.f(X @ W1 + b1)
    y_hat = sigmoid.f(A1 @ W2 + b2)
    raise NotImplementedError  # your code here: delta2, dW2, db2, delta1, dW1, db1

_ = check_backward_2_3_1(backward)

# %% [markdown]
# <details><summary>Show solutions</summary>
#
# ```python
# def output_delta(z, y):
#     return (sigmoid.f(z) - y) / len(z)
#
# def backward(X, y, W1, b1, W2, b2):
#     m = len(X)
#     A1 = sigmoid.f(X @ W1 + b1)
#     y_hat = sigmoid.f(A1 @ W2 + b2)
#     delta2 = (y_hat - y) / m * y_hat * (1 - y_hat)
#     dW2, db2 = A1.T @ delta2, delta2.sum(axis=0)   # the output layer first
#     delta1 = (delta2 @ W2.T) * A1 * (1 - A1)
#     dW1, db1 = X.T @ delta1, delta1.sum(axis=0)
#     return dW1, db1, dW2, db2
# ```
# </details>
#
# ## 13. Summary
#
# - A network is a chain of layers $Z^{(l)} = A^{(l-1)}W^{(l)} + b^{(l)}$, $A^{(l)} = f(Z^{(l)})$.
# - Backpropagation is the chain rule organised by the error terms $\delta^{(l)} = \partial J/\partial Z^{(l)}$:
#   $\delta^{(l-1)} = (\delta^{(l)} W^{(l)\top}) \odot f'(Z^{(l-1)})$ and $\partial J/\partial W^{(l)} = A^{(l-1)\top}\delta^{(l)}$.
# - Always check a hand-written gradient against central differences on a small case.
# - Start from random weights of the right scale (about $1/\sqrt{n_{\text{in}}}$, notebook 06): from
#   zero, sigmoid hidden units stay identical, and tanh or ReLU units never move at all.
# - With a sigmoid or softmax output, the cross-entropy gives the error term $p - y$.
# - Mini-batches trade a little gradient noise for many more updates per epoch.
#
# **Further reading:** Nielsen, *Neural Networks and Deep Learning*, ch. 2 ("How the
# backpropagation algorithm works"); Rumelhart, Hinton & Williams, "Learning representations by
# back-propagating errors" (Nature, 1986); Goodfellow, Bengio & Courville, *Deep Learning*, §6.5;
# Ruder, "An overview of gradient descent optimization algorithms" (2016) for batch, stochastic and
# mini-batch descent; Karpathy's *micrograd* for backpropagation on single numbers.
#
# **Next:** [06 Vanishing and exploding gradients](06_vanishing_exploding.ipynb) — what the
# chain of $f'$ factors does in a deep network.
