"""Training a :class:`helpers.nn.Network` by gradient descent: full batch, mini-batch, stochastic.

One *update* is one step θ ← rule.step(θ, ∇J_batch(θ)) of every weight and bias, where
∇J_batch is the gradient of the loss averaged over a batch of examples. θ is one vector:
the trainer keeps every weight and bias in it, and the network's arrays are views of it
(``net.weights[l]`` is a piece of θ, reshaped), so one step moves every layer at once. One *epoch* is
one pass over the training set:

* full batch — one update per epoch, on all m examples (the exact gradient);
* mini-batch — ⌈m/B⌉ updates per epoch, each on B examples of a fresh shuffle;
* stochastic — m updates per epoch, each on a single example.

The step rule is any rule from :mod:`helpers.descent` or :mod:`helpers.optimisers`
(``GradientDescent(lr)`` by default, ``Momentum``, ``Adam`` …) that acts entry by entry,
applied to θ with one state. The
shuffles come from a seeded generator, so a run is repeatable. A run whose loss or
gradient leaves the finite numbers stops and says so in :attr:`Trainer.status`.

Public API (stable)
-------------------
BATCH_MODES : ("full batch", "mini-batch", "stochastic")
batch_size_for(mode, n_examples, mini_batch_size=32) -> int
Trainer(net, X, y, loss, *, lr=0.1, rule=None, batch_size=None, seed=0,
        clip_norm=None, X_test=None, y_test=None)
    .run(epochs, callback=None) -> History   .run_epoch() -> bool   .update(rows) -> float
    .evaluate(X, y) -> (loss, accuracy)      .epoch  .updates  .diverged  .status
    .theta (every parameter in one vector)   .state (the rule's state for θ)
History : update_losses, grad_norms, epoch_updates, epoch_losses, epoch_accuracies,
          test_losses, test_accuracies (lists; epoch lists start with epoch 0, before training)
train(net, X, y, loss, *, epochs, **trainer_options) -> Trainer
"""
from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .descent import GradientDescent
from .nn import Loss, Network, get_loss

BATCH_MODES = ("full batch", "mini-batch", "stochastic")


def batch_size_for(mode: str, n_examples: int, mini_batch_size: int = 32) -> int:
    """The batch size B of a batch mode: m, ``mini_batch_size`` (at most m) or 1."""
    if mode == "full batch":
        return n_examples
    if mode == "mini-batch":
        return min(mini_batch_size, n_examples)
    if mode == "stochastic":
        return 1
    raise ValueError(f"unknown batch mode {mode!r}; choose one of: {', '.join(BATCH_MODES)}")


@dataclass
class History:
    """What a training run measured.

    update_losses : loss on the batch each update used (before the update).
    grad_norms : global gradient norm of each update, before any clipping.
    epoch_updates : updates made by the end of each epoch (0 for epoch 0).
    epoch_losses, epoch_accuracies : on the whole training set at the end of each
        epoch; entry 0 is before training. Accuracies are None for regression.
    test_losses, test_accuracies : the same on the held-out set, if one was given.
    """

    update_losses: list[float] = field(default_factory=list)
    grad_norms: list[float] = field(default_factory=list)
    epoch_updates: list[int] = field(default_factory=list)
    epoch_losses: list[float] = field(default_factory=list)
    epoch_accuracies: list[float | None] = field(default_factory=list)
    test_losses: list[float] = field(default_factory=list)
    test_accuracies: list[float | None] = field(default_factory=list)


class Trainer:
    """Gradient descent on a network, one epoch at a time, so a panel can animate it.

    Parameters
    ----------
    net : the network to train (changed in place).
    X, y : training inputs (m, n₀) and targets (labels or values).
    loss : a Loss or its name in :data:`helpers.nn.LOSSES`.
    lr : learning rate η of plain gradient descent (ignored when ``rule`` is given).
    rule : a step rule from :mod:`helpers.descent`.
    batch_size : B examples per update; None means full batch.
    seed : seed of the shuffles.
    clip_norm : clip the global gradient norm to this value before each update.
    X_test, y_test : an optional held-out set, evaluated after every epoch.
    """

    def __init__(
        self,
        net: Network,
        X,
        y,
        loss: str | Loss,
        *,
        lr: float = 0.1,
        rule: Any = None,
        batch_size: int | None = None,
        seed: int = 0,
        clip_norm: float | None = None,
        X_test=None,
        y_test=None,
    ):
        if rule is None:
            if not (np.isfinite(lr) and lr > 0):
                raise ValueError(f"the learning rate must be a finite number > 0, got {lr}")
            rule = GradientDescent(lr)
        self.net, self.loss, self.rule = net, get_loss(loss), rule
        self.X = np.asarray(X, dtype=net.dtype)
        # The targets are made and checked once here, not again on every update.
        self.Y = self._checked_targets(y)
        m = len(self.X)
        if len(self.Y) != m:
            raise ValueError(f"X has {m} rows but y has {len(self.Y)}")
        self.batch_size = m if batch_size is None else int(batch_size)
        if not 1 <= self.batch_size <= m:
            raise ValueError(f"the batch size must be between 1 and {m}, got {batch_size}")
        if clip_norm is not None and not clip_norm > 0:
            raise ValueError(f"the clipping norm must be > 0, got {clip_norm}")
        self.clip_norm = clip_norm
        # The training labels, for the accuracy after every epoch (None for regression).
        self.labels = self.loss.classify_targets(self.Y) if self.loss.classify is not None else None
        self.test = None
        if X_test is not None:
            X_test = np.asarray(X_test, dtype=net.dtype)
            Y_test = self._checked_targets(y_test)
            labels = self.loss.classify_targets(Y_test) if self.loss.classify is not None else None
            self.test = (X_test, Y_test, labels)
        self.rng = np.random.default_rng(seed)
        self._bind_parameters()
        self.state = rule.init(self.theta)
        self.epoch = 0
        self.updates = 0
        self.diverged_at: int | None = None
        self.history = History()
        with np.errstate(all="ignore"):
            self._record_epoch()

    def _checked_targets(self, y) -> np.ndarray:
        Y = self.loss.targets(y, self.net.sizes[-1], self.net.dtype)
        if self.loss.check_targets is not None:
            self.loss.check_targets(Y)
        return Y

    # -- θ, every parameter in one vector --------------------------------------------------
    def _bind_parameters(self) -> None:
        """θ = [W⁽¹⁾, b⁽¹⁾, W⁽²⁾, …] flattened into one vector, and the network's arrays made
        views of it: a step on θ changes ``net.weights`` and ``net.biases`` at once.

        The rules act entry by entry, so one step on θ gives the same numbers as one step
        per array, without a Python call per array.
        """
        net = self.net
        params = net.parameters()
        self.theta = np.concatenate([p.ravel() for p in params])
        self._gradient = np.empty_like(self.theta)  # ∇J in θ's order, reused by every update
        views, start = [], 0
        for p in params:
            views.append(self.theta[start:start + p.size].reshape(p.shape))
            start += p.size
        net.set_parameters(views)
        self._views = (tuple(net.weights), tuple(net.biases))

    def _bound(self) -> bool:
        """True while the network's arrays are still the views of θ (``set_parameters`` or
        assigning ``net.weights[l]`` replaces them)."""
        weights, biases = self._views
        net = self.net
        return (len(net.weights) == len(weights) and all(map(operator.is_, net.weights, weights))
                and all(map(operator.is_, net.biases, biases)))

    # -- evaluation ----------------------------------------------------------
    def evaluate(self, X, y) -> tuple[float, float | None]:
        """(loss, accuracy) of the current network on X, y; accuracy None for regression."""
        with np.errstate(all="ignore"):
            output = self.net.output(X)
            return self.loss.value(output, y), self.loss.accuracy(output, y)

    def _record_epoch(self, loss: float | None = None, output: np.ndarray | None = None) -> None:
        """Append the end-of-epoch measurements to the history (call under ``np.errstate``).

        ``loss`` and ``output``, when given, are J and the network output on the whole
        training set at the current parameters, already computed by a forward pass.
        """
        h = self.history
        if output is None:
            output = self.net.output(self.X)
            loss = self.loss.value_of_targets(output, self.Y)
        h.epoch_updates.append(self.updates)
        h.epoch_losses.append(loss)
        h.epoch_accuracies.append(self.loss.accuracy_against(output, self.labels))
        if self.test is not None:
            X_test, Y_test, labels = self.test
            output = self.net.output(X_test)
            h.test_losses.append(self.loss.value_of_targets(output, Y_test))
            h.test_accuracies.append(self.loss.accuracy_against(output, labels))

    @property
    def diverged(self) -> bool:
        """True once an update met an infinite or NaN loss or gradient."""
        return self.diverged_at is not None

    @property
    def status(self) -> str:
        """One line for a status bar: epoch, loss and accuracy, or where it diverged."""
        if self.diverged:
            return (f"diverged at update {self.diverged_at} (epoch {self.epoch + 1}): the loss "
                    f"became infinite or NaN — lower the learning rate")
        loss = self.history.epoch_losses[-1]
        acc = self.history.epoch_accuracies[-1]
        text = f"epoch {self.epoch} · updates {self.updates} · loss {loss:.4f}"
        if acc is not None:
            text += f" · accuracy {100 * acc:.1f}%"
        if self.test is not None and self.history.test_accuracies[-1] is not None:
            text += f" · test accuracy {100 * self.history.test_accuracies[-1]:.1f}%"
        return text

    # -- training ------------------------------------------------------------
    def update(self, rows: np.ndarray | None = None) -> float:
        """One gradient step on the examples ``rows`` (all when None); returns the batch loss.

        The update is skipped, and the trainer marked diverged, when the loss or the
        gradient is not finite.
        """
        X, Y = (self.X, self.Y) if rows is None else (self.X[rows], self.Y[rows])
        with np.errstate(all="ignore"):
            return self._update(X, Y)

    def _update(self, X: np.ndarray, Y: np.ndarray) -> float:
        """:meth:`update` on a batch X, Y of prepared targets (call under ``np.errstate``)."""
        output, cache = self.net.forward(X)
        J, dJ_doutput = self.loss.value_and_gradient_of_targets(output, Y)
        return self._step(J, dJ_doutput, cache)

    def _step(self, J: float, dJ_doutput: np.ndarray, cache) -> float:
        """The rest of an update once the forward pass gave J and ∂J/∂output:
        g = ∇J by backprop, its norm ‖g‖, clipping, and θ ← rule.step(θ, g).

        Call under ``np.errstate``. The clipping is :func:`helpers.nn.clip_by_norm` on θ's
        vector: g ← g · (clip_norm/‖g‖) when ‖g‖ > clip_norm.
        """
        grads = self.net.backward(cache, dJ_doutput)
        if not self._bound():  # the network's arrays were replaced: θ from them again
            self._bind_parameters()
        g = np.concatenate([d.ravel() for d in grads.as_list()], out=self._gradient)  # ∇J
        norm = math.sqrt(np.vdot(g, g))
        self.history.update_losses.append(J)
        self.history.grad_norms.append(norm)
        if not (math.isfinite(J) and math.isfinite(norm)):
            self.diverged_at = self.updates + 1
            return J
        if self.clip_norm is not None and norm > self.clip_norm:
            g *= self.clip_norm / norm
        if type(self.rule) is GradientDescent:
            # θ ← θ − η g in place, η g in g's own buffer: no new arrays the size of θ,
            # whose allocation costs more than the arithmetic on a large network.
            g *= self.rule.lr
            self.theta -= g
        else:
            theta, self.state = self.rule.step(self.theta, g, self.state)
            # Into θ itself, so the network's views see it (and a float64 rule state gives
            # a float32 network float32 numbers).
            self.theta[...] = theta
        self.updates += 1
        return J

    def run_epoch(self) -> bool:
        """One pass over the training set; returns False if training has diverged."""
        if self.diverged:
            return False
        with np.errstate(all="ignore"):
            return self._run_epoch()

    def _run_epoch(self) -> bool:
        m = len(self.X)
        if self.batch_size == m:
            self._update(self.X, self.Y)
        else:
            order = self.rng.permutation(m)
            for start in range(0, m, self.batch_size):
                rows = order[start:start + self.batch_size]
                self._update(self.X[rows], self.Y[rows])
                if self.diverged:
                    return False
        if self.diverged:
            return False
        self.epoch += 1
        self._record_epoch()
        if not math.isfinite(self.history.epoch_losses[-1]):
            self.diverged_at = self.updates
            return False
        return True

    def run(self, epochs: int, callback: Callable[["Trainer"], Any] | None = None) -> History:
        """Train for ``epochs`` more epochs (or until divergence); ``callback(self)`` after each."""
        if callback is None and self.batch_size == len(self.X):
            with np.errstate(all="ignore"):
                self._run_full_batch(int(epochs))
            return self.history
        for _ in range(int(epochs)):
            if not self.run_epoch():
                break
            if callback is not None:
                callback(self)
        return self.history

    def _run_full_batch(self, epochs: int) -> None:
        """``epochs`` calls of :meth:`run_epoch` in full batch, with one forward pass per epoch.

        Update k starts with a forward pass on all examples at the parameters epoch k − 1
        ended with: that pass's loss and output *are* epoch k − 1's record, so it is taken
        from there instead of a second pass. Only the last epoch is evaluated on its own.
        The history is the same as from ``run_epoch`` (tested). Call under ``np.errstate``.
        """
        net, loss, X, Y = self.net, self.loss, self.X, self.Y
        for k in range(epochs):
            if self.diverged:
                return
            output, cache = net.forward(X)
            J, dJ_doutput = loss.value_and_gradient_of_targets(output, Y)
            if k > 0:
                self._record_epoch(J, output)
                if not math.isfinite(J):
                    self.diverged_at = self.updates
                    return
            self._step(J, dJ_doutput, cache)
            if self.diverged:
                return
            self.epoch += 1
        if epochs > 0:
            self._record_epoch()
            if not math.isfinite(self.history.epoch_losses[-1]):
                self.diverged_at = self.updates


def train(net: Network, X, y, loss: str | Loss, *, epochs: int, **options) -> Trainer:
    """Build a :class:`Trainer` with ``options`` and run it for ``epochs`` epochs."""
    trainer = Trainer(net, X, y, loss, **options)
    trainer.run(epochs)
    return trainer
