# %% [markdown]
# # 06 — Vanishing and exploding gradients
#
# **Goal:** see, layer by layer, why a deep network can stop learning. Backpropagation
# (notebook 05) multiplies one factor per layer; many factors below 1 make the gradient vanish
# before it reaches the first layers, many above 1 make it explode. You will measure both,
# check them against a bound you can compute by hand, and try the remedies.
#
# Contents: 1 slopes of the activations · 2 the chain of factors · 3 exploding ·
# 4 initialisation · 5 training curves · 6 exploding loss and clipping · 7 dead ReLUs ·
# 8 skip connections and normalisation · 9 live panel · 10 remedies · 11 check yourself ·
# 12 summary

# %%
# %matplotlib widget
import numpy as np

from helpers import plots
from helpers.activations import ACTIVATIONS, leaky_relu
from helpers.checks import check_clip_by_norm, check_sigmoid_chain_bound
from helpers.datasets import circles
from helpers.reporting import below
from helpers import gradient_flow as gf
from helpers.panels.gradient_flow import GradientFlowPanel

X, y = circles(200, seed=0)  # an inner disc (class 1) inside a ring (class 0), used throughout

# %% [markdown]
# ## 1. The slope of each activation
#
# Every layer multiplies the gradient by the slope $f'(z)$ of its activation. For the sigmoid
# $\sigma(z) = 1/(1+e^{-z})$ the slope is
#
# $$\sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big) \le \tfrac14, \qquad \text{with equality only at } z = 0,$$
#
# because $p(1-p)$ is largest at $p = \tfrac12$. For $\tanh$ the slope $1 - \tanh^2 z$ is at
# most 1. ReLU's slope is 0 or 1 (we take ReLU$'(0) = 0$). Leaky ReLU, $\max(\alpha z, z)$ (here
# $\alpha = 0.01$; §7 uses 0.1), and ELU, $z$ for $z > 0$ and $\alpha(e^z - 1)$ for $z \le 0$ ($\alpha = 1$),
# keep a slope for $z < 0$ — ELU's $\alpha e^z$ fades to 0 far out.
# The cell finds each largest slope on a fine grid:

# %%
names = ["sigmoid", "tanh", "relu", "leaky_relu", "elu"]
peaks = {name: gf.derivative_peak(name) for name in names}
grid = np.linspace(-8, 8, 16001)
for name, (peak, where) in peaks.items():
    top = grid[ACTIVATIONS[name].df(grid) == peak]
    place = f"at z = {where:+.2f} only" if len(top) == 1 else f"for every z > 0 (grid {top.min():.3f} … {top.max():.0f})"
    print(f"{name:10s}  max f'(z) = {peak:.4f}  {place}")
relu_slopes = np.unique(ACTIVATIONS["relu"].df(np.linspace(-5, 5, 10001)))
print("ReLU' takes only the values", relu_slopes.tolist())

# %%
fig, axes = plots.static_figure(2, 5, figsize=(9.2, 4.4), sharex=True, sharey="row")
z = np.linspace(-4, 4, 801)
_ = plots.gradient_flow.plot_activation_grid(axes, [ACTIVATIONS[n] for n in names], z, peaks)
_ = axes[0, 0].set_ylim(-1.5, 3), axes[1, 0].set_ylim(-0.08, 1.25)
plots.show(fig)

# %% [markdown]
# **What to notice:** the sigmoid's slope never exceeds 1/4, reached at $z = 0$ only, and both sigmoid
# and tanh go flat in their tails: a unit pushed far from 0 (*saturated*) passes almost no
# gradient. ReLU passes the gradient unchanged for $z > 0$ and not at all for $z \le 0$; leaky
# ReLU keeps a slope of 0.01 there, and ELU's slope $e^z$ is already down to 0.018 at $z = -4$.
#
# ## 2. The chain of factors
#
# Take a chain of single units $a_k = f(w_k a_{k-1})$. The chain rule gives one factor per unit:
#
# $$\frac{\partial a_L}{\partial a_l} = \prod_{k=l+1}^{L} f'(z_k)\, w_k
# \quad\Longrightarrow\quad
# \left|\frac{\partial a_L}{\partial a_l}\right| \le \Big(\max f'\Big)^{L-l} \prod_{k=l+1}^{L} |w_k| .$$
#
# For the sigmoid that is $(1/4)^{L-l}$ times the weights. With ten weights equal to 1:

# %%
weights = np.ones(10)
_, sensitivity = gf.scalar_chain(weights, 0.5, "sigmoid")
bound = gf.chain_bound(weights, 0.25)
for l in [9, 7, 5, 0]:
    print(f"l = {l}:  |∂a_10/∂a_{l}| = {abs(sensitivity[l]):.2e}   bound (1/4)^{10 - l} = {bound[l]:.2e}")

# %% [markdown]
# The same argument works for a whole network, with matrices. Backpropagation computes
# $\delta^{(l-1)} = \big(\delta^{(l)} W^{(l)\top}\big) \odot f'(z^{(l-1)})$ for the error terms
# $\delta^{(l)} = \partial J/\partial z^{(l)}$, so each layer can shrink or stretch $\delta$ by at most
# $\max f' \cdot \|W^{(l)}\|_2$ (the spectral norm: the largest stretch of the matrix):
#
# $$\frac{\|\delta^{(l)}\|}{\|\delta^{(L)}\|} \le \Big(\max f'\Big)^{L-l} \prod_{k=l+1}^{L} \|W^{(k)}\|_2 .$$
#
# Here is a 10-layer sigmoid network, 32 units wide, with small initial weights
# ($w \sim \mathcal N(0, 0.1^2)$), on the 200 points of the two-circles data set:

# %%
net = gf.make_network(10, 32, "sigmoid", "small normal", seed=0)
snap = gf.flow_snapshot(net, X, y)
measured = snap.delta_norms / snap.delta_norms[-1]
network_bound = gf.network_chain_bound(net)
threshold = network_bound[0]
print(f"threshold (1/4)^9 · ∏‖W_k‖₂ = {threshold:.2e};  measured ‖δ₁‖/‖δ₁₀‖ = {snap.first_to_last:.2e}")
print(f"weight gradients ‖∂J/∂W₁‖/‖∂J/∂W₁₀‖ = {gf.gradient_ratio(snap.weight_gradient_norms):.2e}")
spectral = np.array([np.linalg.norm(W, 2) for W in net.weights[1:-1]])  # the 32×32 matrices
print(f"32×32 layers: ‖W_k‖₂ from {spectral.min():.2f} to {spectral.max():.2f}: the bound guarantees a shrink of"
      f" 4/‖W_k‖₂ = {4 / spectral.max():.1f}–{4 / spectral.min():.1f}× per layer")
print(f"measured: {snap.first_to_last ** (-1 / 9):.1f}× per layer on average over the 9 layers")

# %%
fig, ax = plots.static_figure(figsize=(6.5, 3.8))
_ = plots.gradient_flow.plot_chain_bound(ax, np.arange(1, 11), measured, network_bound)
ax.set_title("10-layer sigmoid net, small init: the bound and the measurement")
_ = ax.legend(fontsize=8, loc="lower right")
plots.show(fig)

# %% [markdown]
# **What to notice:** every measured point lies under the bound, and the first layer receives
# about $8\times10^{-9}$ of the last layer's error signal — its weights barely move. The bound
# guarantees that each layer costs at least a factor $4/\|W_k\|_2$, here 3.5 to 3.9 for the
# 32 × 32 layers (the bound is not "4 per layer" unless $\|W_k\|_2 \le 1$); the measured cost is
# about 8 per layer (Exercise 3 asks why).
#
# ## 3. Exploding: when the factors exceed 1
#
# Nothing forces the factors below 1. ReLU's slope is 1 where it is active, so with large
# weights each layer *multiplies* the gradient. The same per-layer measurement for six
# combinations of activation and initialisation:

# %%
combos = [("sigmoid", "small normal"), ("sigmoid", "Xavier/Glorot"), ("tanh", "small normal"),
          ("tanh", "Xavier/Glorot"), ("relu", "He/Kaiming"), ("relu", "large normal")]
flows = {f"{a}, {i}": gf.flow_snapshot(gf.make_network(10, 32, a, i, seed=0), X, y) for a, i in combos}
for label, s in flows.items():
    print(f"{label:24s} {gf.describe_flow(s.delta_norms)[1]}")

# %%
fig, ax = plots.static_figure(figsize=(7.5, 4))
for (label, s), colour in zip(flows.items(), ["#1f3b73", "#6f8fcf", "#d1495b", "#f0a0aa", "#2a9d8f", "#e9a03b"]):
    _ = plots.gradient_flow.plot_layer_norms(ax, s.delta_norms / s.delta_norms[-1], color=colour, label=label)
ax.set_ylabel("‖∂J/∂z_l‖ / ‖∂J/∂z_L‖")
ax.set_title("how much of the output's gradient reaches each layer")
_ = ax.legend(fontsize=8, ncols=2, loc="lower right")
plots.show(fig)

# %% [markdown]
# **What to notice:** the sigmoid lines fall by orders of magnitude (vanishing), ReLU with
# large weights rises by orders of magnitude (exploding), and tanh with Xavier and ReLU with He
# stay near 1: the error signal reaches the first layer nearly undiminished. (The weight
# gradients ‖∂J/∂W_l‖ can still differ more between layers, since they also depend on each
# layer's inputs.)
#
# ## 4. Initialisation: keep the signal's size constant
#
# A unit sums $n_{\text{in}}$ inputs, $z = \sum_i w_i a_i$. With weights of mean 0, independent
# of the inputs, $\operatorname{Var}(w_i a_i) = \operatorname{Var} w \cdot E[a^2]$, so
# $\operatorname{Var} z = n_{\text{in}} \operatorname{Var} w \cdot E[a^2]$ — the mean *square* of the
# inputs, not their variance. Choosing the weights' variance to cancel the fan-in keeps the size
# of the signal the same from layer to layer — forwards, and (with the fan-out) backwards:
#
# $$\text{Xavier/Glorot: } \operatorname{Var} w = \frac{2}{n_{\text{in}} + n_{\text{out}}} \quad(\tanh), \qquad
# \text{He/Kaiming: } \operatorname{Var} w = \frac{2}{n_{\text{in}}} \quad(\text{ReLU}).$$
#
# Xavier assumes an activation with $f(z) \approx z$ near 0, so that $E[a^2] \approx \operatorname{Var} z$. For ReLU,
# $z$ symmetric about 0 gives $E[\mathrm{ReLU}(z)^2] = \tfrac12 E[z^2] = \tfrac12\operatorname{Var} z$ (half the
# values are zeroed, the other half keep their square), so $\operatorname{Var} z$ stays constant when
# $n_{\text{in}} \operatorname{Var} w \cdot \tfrac12 = 1$: He's $2/n_{\text{in}}$ (He et al. 2015). The
# sigmoid breaks Xavier's assumption twice: its slope at 0 is ¼, not 1, and its outputs have
# mean ½, not 0. A check by sampling $z \sim N(0, 1)$:

# %%
z_samples = np.random.default_rng(0).standard_normal(1_000_000)
relu_out = np.maximum(z_samples, 0)
print(f"ReLU of z ~ N(0, 1):  E[a²] = {np.mean(relu_out**2):.3f} (½),  Var a = {relu_out.var():.3f} (½ − 1/(2π))")
print(f"Var w from Var a: {1 / relu_out.var():.2f}/n_in;  from E[a²]: {1 / np.mean(relu_out**2):.2f}/n_in (He)")
sigmoid_x4 = gf.flow_snapshot(gf.make_network(10, 32, "sigmoid", "Xavier/Glorot", gain=4.0, seed=0), X, y)
print(f"sigmoid, Xavier: ‖δ₁‖/‖δ₁₀‖ = {flows['sigmoid, Xavier/Glorot'].first_to_last:.1e};"
      f"  with 4× the standard deviation (undoing the ¼): {sigmoid_x4.first_to_last:.1e}")

# %% [markdown]
# The variance of each hidden layer's outputs, for tanh:

# %%
for init in ["small normal", "Xavier/Glorot", "large normal"]:
    s = gf.flow_snapshot(gf.make_network(10, 32, "tanh", init, seed=0), X, y)
    variance = s.activation_std**2
    print(f"{init:14s} Var a: layer 1 {variance[0]:.1e}, layer 9 {variance[-1]:.1e}, "
          f"largest/smallest {variance.max() / variance.min():9.1f}, saturated {100 * s.saturated.mean():.0f}%")

# %%
fig, axes = plots.static_figure(1, 3, figsize=(9.1, 3.6), sharey=True)
for ax, init in zip(axes, ["small normal", "Xavier/Glorot", "large normal"]):
    s = gf.flow_snapshot(gf.make_network(10, 32, "tanh", init, seed=0), X, y)
    fractions, edges = gf.activation_histograms(s.hidden_outputs, (-1, 1))
    image = plots.gradient_flow.plot_activation_heatmap(ax, fractions, edges)
    for layer, sd in enumerate(s.activation_std, start=1):  # the spread the colours cannot show
        _ = ax.text(0.97, layer, f"std {sd:.0e}", transform=ax.get_yaxis_transform(), ha="right", va="center", fontsize=9, color="w")
    ax.set_title(f"tanh, {init}")
_ = fig.colorbar(image, ax=axes, label="share of the layer's outputs", fraction=0.03)
plots.show(fig)

# %% [markdown]
# **What to notice:** with small weights every layer squeezes the outputs closer to 0 — the
# colours show one column at 0 from layer 3 on, but the printed standard deviation keeps falling,
# from about $7\times10^{-2}$ to $6\times10^{-4}$ (the variance by a factor 13,000); with large weights they pile up at ±1, where tanh is
# flat (saturated). Xavier keeps the spread about the same in every layer: its largest and
# smallest layer variance differ by a factor 2.9 (about 13,000 for small weights, 3.6 for large ones).
#
# ## 5. Training curves: same data, same budget
#
# Three 10-layer networks, the same data, the same seed, 300 steps of gradient descent with
# η = 0.1 on the cross-entropy loss. A network that predicts only the class balance has, for
# two equal classes, the loss of a coin flip: $\ln 2$.

# %%
configs = {"sigmoid, small normal": dict(depth=10, width=32, activation="sigmoid", initialisation="small normal"),
           "tanh, Xavier": dict(depth=10, width=32, activation="tanh", initialisation="Xavier/Glorot"),
           "ReLU, He": dict(depth=10, width=32, activation="relu", initialisation="He/Kaiming")}
runs = gf.compare_training(configs, X, y, lr=0.1, steps=300, seed=0)
print(f"ln 2 = {np.log(2):.3f}")
for label, record in runs.items():
    print(f"{label:22s} loss after 300 steps {below(record.losses[-1], 0.01, digits=3)}")
last_hidden = flows["sigmoid, small normal"].hidden_outputs[-1]
print(f"sigmoid, small init: largest std of a layer-9 unit over the 200 inputs {below(last_hidden.std(axis=0).max(), 1e-8)}")

# %%
fig, ax = plots.static_figure(figsize=(7, 3.8))
colours = {"sigmoid, small normal": "#1f3b73", "tanh, Xavier": "#d1495b", "ReLU, He": "#2a9d8f"}
_ = plots.gradient_flow.plot_training_curves(ax, {k: r.losses for k, r in runs.items()}, colours)
_ = ax.axhline(np.log(2), color="0.5", ls=":", label="ln 2 (coin flip)")
ax.set_title("10 layers, 300 steps, η = 0.1")
_ = ax.legend(fontsize=8)
plots.show(fig)

# %% [markdown]
# **What to notice:** the deep sigmoid network sits on $\ln 2$. Its last hidden layer gives
# practically the same output for every input (standard deviation below $10^{-8}$ per unit): the
# same product of small factors that makes the gradient vanish has collapsed the signal on the
# way forward, so the output layer sees a constant and can only learn the class balance. The
# other two reach a small loss with the same budget.
#
# ## 6. Exploding loss, and clipping by norm
#
# ReLU with large weights ($w \sim \mathcal N(0, 1)$ in 32-unit layers) starts with huge
# outputs and huge gradients. One step of gradient descent overshoots, the next gradient is
# larger still, and within a few steps the numbers overflow to inf and NaN. **Clipping by norm**
# keeps the direction of the gradient but caps its length at a threshold $c$:
#
# $$g \leftarrow g \cdot \min\!\Big(1, \frac{c}{\|g\|}\Big).$$

# %%
wild = gf.train(gf.make_network(10, 32, "relu", "large normal", seed=0), X, y, lr=0.1, steps=100)
tame = gf.train(gf.make_network(10, 32, "relu", "large normal", seed=0), X, y, lr=0.1, steps=100, clip=1.0)
print("without clipping:", wild.message)
print("with clipping at c = 1:", tame.message, f"(clipping shortened {tame.clipped_steps} of 100 steps)")
print(f"largest gradient norm seen: {tame.grad_norms.max():.2e}; every step used a gradient of norm ≤ 1")
print(f"after 100 clipped steps the loss is {tame.losses[-1] / np.log(2):.0f}× the coin flip ln 2")

# %%
fig, ax = plots.static_figure(figsize=(7, 3.8))
_ = plots.gradient_flow.plot_training_curves(ax, {"no clipping": wild.losses, "clipped at c = 1": tame.losses},
                            {"no clipping": "#d1495b", "clipped at c = 1": "#2a9d8f"})
_ = ax.axhline(np.log(2), color="0.5", ls=":", label="ln 2 (coin flip)")
_ = plots.gradient_flow.mark_leaving_the_plot(ax, wild.losses, 1e6, f"no clipping: off the scale, inf/NaN at step {wild.diverged_at}")
_ = ax.set(ylim=(0.1, 1e6), title="ReLU, large normal init, η = 0.1")
_ = ax.legend(fontsize=9, loc="lower left")
plots.show(fig)

# %% [markdown]
# **What to notice:** without clipping the loss shoots off the scale (the arrow) and becomes
# inf/NaN; with clipping every step has length at most $\eta c$, so training stays finite and the
# loss falls from $1.25\times10^4$ to 106 — still about 150 times the coin flip. Clipping is a
# safety net, not a cure: it stops one huge update, but the gradients themselves stay huge and
# unbalanced between layers.
#
# ## 7. Dead ReLUs
#
# A ReLU unit whose $z$ is negative for *every* example outputs 0 and has slope 0: no gradient
# reaches its own weights. It can come back only if the layers before it change its inputs; in
# the first layer (whose inputs are the data), or when a whole layer is dead (which blocks every
# gradient below it), it is dead for good. A negative bias, or one step that is far too large,
# can kill many units at once. Leaky ReLU ($\max(0.1z, z)$ here) and ELU keep a
# slope for $z < 0$, so their units can recover. We shift every hidden bias by −1.5 in a
# network of two 32-unit hidden layers and train for 1000 steps:

# %%
activations = {"ReLU": "relu", "Leaky ReLU (0.1)": leaky_relu(0.1), "ELU": "elu"}
dead = {k: gf.dead_unit_experiment(a, X, y, lr=0.3, steps=1000, bias_shift=-1.5) for k, a in activations.items()}
print("                  switched off in layer 2     dead (no gradient)    loss")
for label, r in dead.items():
    print(f"{label:17s} {r.inactive_before[-1]:6.0%} → {r.inactive_after[-1]:4.0%}"
          f"          {r.dead_before[-1]:6.0%} → {r.dead_after[-1]:4.0%}     {r.record.losses[0]:.3f} → {r.record.losses[-1]:.3f}")
kicked = gf.dead_unit_experiment("relu", X, y, lr=0.3, steps=0, kick_lr=100.0)
print(f"ReLU layer 1: {dead['ReLU'].dead_before[0]:.0%} → {dead['ReLU'].dead_after[0]:.0%} dead")
print(f"one ReLU step with η = 100 leaves {kicked.dead_before[-1]:.0%} of layer 2 dead")

# %%
fig, ax = plots.static_figure(figsize=(7, 3.8))
_ = plots.gradient_flow.plot_training_curves(ax, {k: r.record.losses for k, r in dead.items()},
                            {"ReLU": "#2a9d8f", "Leaky ReLU (0.1)": "#e9a03b", "ELU": "#7b4fa0"})
_ = ax.axhline(np.log(2), color="0.5", ls=":", label="ln 2 (coin flip)")
ax.set_title("hidden biases shifted by −1.5, then 1000 steps")
_ = ax.legend(fontsize=8)
plots.show(fig)

# %% [markdown]
# **What to notice:** all of ReLU's second layer is dead from the start and stays dead, so
# its loss never leaves $\ln 2$. Leaky ReLU and ELU start with most units switched off too,
# but a small slope is enough to bring some back, and their loss falls. With a smaller shift,
# part of ReLU's second layer stays alive — and dead units there *do* come back, because
# training the first layer moves their inputs; dead units of the first layer never do (two
# weight seeds each):

# %%
for shift in [-1.0, -0.8]:
    for seed in [0, 1]:
        r = gf.dead_unit_experiment("relu", X, y, lr=0.3, steps=1000, bias_shift=shift, seed=seed)
        print(f"bias shift {shift:+.1f}, seed {seed}:  dead in layer 1 {r.dead_before[0]:4.0%} → {r.dead_after[0]:4.0%}"
              f"    in layer 2 {r.dead_before[1]:4.0%} → {r.dead_after[1]:4.0%}")
#
# ## 8. Skip connections and normalisation
#
# Two changes to the *architecture* act on the chain itself. A **skip connection**
# $a_k = a_{k-1} + f(w_k a_{k-1})$ turns each factor into $1 + f'(z_k)\,w_k$: for small weights
# that is close to 1, not close to 0 (for matrices, $I + \operatorname{diag}(f')\,W$).
# **Batch normalisation** rescales every unit's $z$ to mean 0 and variance 1 over the batch before
# the activation, $\hat z = (z - \text{mean})/\text{std}$ (then, in practice, a learned scale $\gamma$ and
# shift $\beta$, and running averages of mean and std at prediction time; *layer* norm instead
# standardises over the units of one example). Forwards, no weight scale can then collapse or
# saturate a layer. Backwards, the standardisation has its own Jacobian,
# $\partial J/\partial z = \big(g - \overline{g} - \hat z\,\overline{g \hat z}\big)/\text{std}$ with $g = \partial J/\partial\hat z$
# and bars for batch means, and we measure what reaches each layer.

# %%
w_small = np.full(30, 0.5)
_, plain = gf.scalar_chain(w_small, 0.5, "sigmoid")
_, skip = gf.residual_chain(w_small, 0.5, "sigmoid")
print(f"30 sigmoid units, w = 0.5:  |∂a_30/∂a_0| plain {abs(plain[0]):.1e},  with skip connections {abs(skip[0]):.1e}")
print(f"average factor per unit: plain {abs(plain[0]) ** (1 / 30):.3f}, with skip connections {abs(skip[0]) ** (1 / 30):.3f}")
tanh_small = gf.make_network(10, 32, "tanh", "small normal", seed=0)
spread = [a.std() for a in gf.normalised_hidden_outputs(tanh_small, X)]
print(f"tanh, small init, normalised: output std per layer from {min(spread):.2f} to {max(spread):.2f}")

# %%
spreads = {"tanh, small init": gf.flow_snapshot(tanh_small, X, y).activation_std, "the same, normalised": spread}
fig, (ax_chain, ax_norm) = plots.static_figure(1, 2, figsize=(9.2, 3.6))
plots.gradient_flow.plot_skip_connections(ax_chain, plain[:-1], skip[:-1])
plots.gradient_flow.plot_layer_spreads(ax_norm, spreads, {"tanh, small init": "#d1495b", "the same, normalised": "#2a9d8f"})
plots.show(fig)

# %% [markdown]
# **What to notice:** with skip connections and $w = +0.5$ each unit's factor is about 1.02, so
# the gradient does not shrink on its way back, while the plain chain loses most of it at every
# unit. (With $w = -0.5$ the factor $1 + f'w$ is below 1, and factors above 1 compound with
# depth, which is why residual networks scale their initialisation with depth: Zhang et al.
# 2019, Hanin & Rolnick 2018.) Normalisation holds every layer's spread near the same value where
# plain small weights let it shrink layer after layer. Now the backward pass through the
# normalisation, at depth 10 and 30, with and without skip connections:

# %%
setups = [("tanh", "small normal"), ("tanh", "Xavier/Glorot"), ("relu", "He/Kaiming"), ("sigmoid", "small normal")]
print("‖∂J/∂ẑ₁‖ / ‖∂J/∂ẑ_(L−1)‖ with batch normalisation:  plain    with skip connections")
for depth in [10, 30]:
    for act, init in setups:
        net_bn = gf.make_network(depth, 32, act, init, seed=0)
        plain_bn, res_bn = gf.normalised_flow(net_bn, X, y), gf.normalised_flow(net_bn, X, y, residual=True)
        print(f"  depth {depth}, {act + ', ' + init:23s}{plain_bn.first_to_last:>15.0f}{res_bn.first_to_last:>14.1f}")

# %%
deep = gf.make_network(30, 32, "tanh", "Xavier/Glorot", seed=0)
curves = {"plain, not normalised": gf.flow_snapshot(deep, X, y).delta_norms[:-1],
          "normalised": gf.normalised_flow(deep, X, y).normalised_delta_norms,
          "normalised + skip connections": gf.normalised_flow(deep, X, y, residual=True).normalised_delta_norms}
fig, ax = plots.static_figure(figsize=(7, 3.8))
for (label, norms), colour in zip(curves.items(), ["#8d99ae", "#d1495b", "#2a9d8f"]):
    _ = plots.gradient_flow.plot_layer_norms(ax, norms / norms[-1], ylabel="‖∂J/∂z_l‖ / the same at layer 29", color=colour, label=label)
_ = ax.set_title("30 layers, tanh, Xavier: the gradient at each hidden layer"), ax.legend(fontsize=9)
plots.show(fig)

# %% [markdown]
# **What to notice:** normalisation removes the vanishing, but in a deep plain network it makes
# the gradient *grow* towards the input: about tenfold over 10 layers and by hundreds over 30.
# This is the gradient explosion of plain batch-normalised networks at initialisation (Yang et
# al. 2019), and it is why normalisation is used together with residual connections. Here the
# skip connections cut the growth to about 6–7 at depth 10 and 13–40 at depth 30, but do not
# remove it; residual networks also scale down each branch at the start (e.g. Fixup, Zhang et
# al. 2019). Normalisation keeps every layer's inputs on the same scale and makes the loss
# insensitive to the scale of the weights; it does not by itself make the chain well behaved.
#
# ## 9. Live panel
#
# Choose depth (2–30 layers), width, activation, initialisation and a multiplier on its
# standard deviation. The left plot shows $\|\partial J/\partial z_l\|$ for every layer on a log
# scale, the middle one every hidden layer's outputs as a heat map (one row per layer;
# bright = many outputs there), both at initialisation. **▶ train N steps** then runs N steps of
# gradient descent from that start — with clipping by norm if you tick it — and adds the state
# after training (red line, heat map) and the loss curve. The status line gives the ratio of
# the first to the last layer in words, and says so plainly when the loss became inf or NaN.

# %%
panel = GradientFlowPanel()
panel.train()
panel.show()

# %% [markdown]
# **Try this:**
# 1. Sigmoid, small normal: raise the depth from 2 to 30 and watch the ratio in the status
#    line. Train: does the red line differ from the grey one?
# 2. Switch to ReLU and He/Kaiming: the line goes flat. Now pick large normal: exploding.
#    Train — then tick "clip the gradient norm" and train again.
# 3. tanh with Xavier, then move the scale from 0.1 to 10: watch the heat map go from a
#    single column at 0 (collapse) to two columns at ±1 (saturation).
# 4. ReLU, He/Kaiming, learning rate 3: how many units are dead after training?
#
# ## 10. Remedies at a glance
#
# | remedy | what it changes | where you saw it |
# |---|---|---|
# | **activation** (ReLU, Leaky ReLU, ELU instead of sigmoid) | slope 1 instead of at most 1/4; Leaky/ELU above 0 for $z < 0$ (ELU's fades far out) | §1 slopes figure; §3 per-layer figure; §7 dead ReLUs |
# | **initialisation** (Xavier/Glorot for tanh, He/Kaiming for ReLU) | weight variance that cancels the fan-in, so signals keep their size | §3 per-layer figure; §4 heat maps; §5 training curves |
# | **normalisation** (batch norm over the batch, layer norm over one example's units) | every layer's $z$ rescaled to mean 0, variance 1; in deep plain nets the gradient then grows towards the input | §8 spreads and per-layer gradient figures |
# | **residual (skip) connections** | each chain-rule factor becomes $1 + f'w$, an identity path; with normalisation, much less growth towards the input | §8 figures |
# | **gradient clipping** by norm | caps the step length at $\eta c$; stops one huge update, keeps the direction, but the gradients stay huge and unbalanced | §6 clipping figure; the panel's clipping switch |
#
# ## 11. Check yourself
#
# **Exercise 1 — the bound.** Complete `bound(weights)`: the largest possible
# $|\partial a_L/\partial a_0|$ of a sigmoid chain with these weights.

# %%
def bound(weights):
    raise NotImplementedError  # your code here: return one number

_ = check_sigmoid_chain_bound(bound)

# %% [markdown]
# **Exercise 2 — clipping.** Complete `clip(g, c)` so that it returns $g$ rescaled to norm at
# most $c$, in the same direction. `g` may be a vector or a matrix (one norm over all its
# entries, as `Trainer` clips all layers at once), and may be zero.

# %%
def clip(g, c):
    raise NotImplementedError  # your code here: return an array shaped like g

_ = check_clip_by_norm(clip)

# %% [markdown]
# **Exercise 3 — think.** In §2 the bound used $\|W\|_2$, the *largest* stretch of each matrix.
# Why is the measured ratio so much smaller than the bound? (Hint: a random vector is rarely
# stretched by the largest amount, and $\sigma'(z) < 1/4$ unless $z = 0$.)
#
# <details><summary>Show solutions</summary>
#
# ```python
# def bound(weights):
#     return 0.25 ** len(weights) * np.prod(np.abs(weights))
#
# def clip(g, c):
#     norm = np.linalg.norm(g)            # over all entries, for a vector or a matrix
#     return g if norm <= c else g * (c / norm)   # a short or zero g is left alone
# ```
# Exercise 3: each layer shrinks δ by $\sigma'(z) \cdot$ (the stretch of $W^\top$ along δ's
# direction). A random direction is stretched by about $\sqrt{n}\,\cdot$ std of the weights, not by
# the largest singular value, and $\sigma'(z) \le 1/4$ with equality only at $z = 0$. Both
# effects compound over the layers.
# </details>
#
# ## 12. Summary
#
# - Backpropagation multiplies one factor $f'(z)\,W$ per layer; the gradient reaching layer $l$
#   is bounded by $(\max f')^{L-l} \prod \|W_k\|_2$. For the sigmoid, $\max f' = 1/4$.
# - Factors below 1 make early layers learn almost nothing (vanishing); factors above 1 blow
#   the gradient and the loss up to inf/NaN (exploding).
# - Xavier (tanh) and He (ReLU) initialisation keep the signal's size constant through depth,
#   from $\operatorname{Var} z = n_{\text{in}}\operatorname{Var} w\cdot E[a^2]$; ReLU-family activations avoid the 1/4;
#   skip connections give the chain an identity path; normalisation keeps every layer's scale
#   but, without skip connections, lets the gradient grow towards the input; clipping caps the step.
# - A ReLU that is off for every example gets no gradient on its own weights: in the first layer,
#   or in a wholly dead layer, it is dead for good; deeper units can come back when the layers
#   before them change. Leaky ReLU and ELU can recover.
#
# **Further reading:** Glorot & Bengio, "Understanding the difficulty of training deep
# feedforward neural networks" (2010); He et al., "Delving deep into rectifiers" (2015);
# Pascanu et al., "On the difficulty of training recurrent neural networks" (2013); Yang et al.,
# "A mean field theory of batch normalization" (ICLR 2019); Zhang, Dauphin & Ma, "Fixup
# initialization" (ICLR 2019); Hanin & Rolnick, "How to start training: the effect of
# initialization and architecture" (NeurIPS 2018); Nielsen,
# *Neural Networks and Deep Learning*, ch. 5.
#
# **Next:** [07 Optimisers](07_optimizers.ipynb) — momentum, Nesterov, AdaGrad, RMSProp, Adam and
# AdamW, raced live.
#
# **Back to the map:** [00 Start here](00_start_here.ipynb) lists every notebook of the workbook.
