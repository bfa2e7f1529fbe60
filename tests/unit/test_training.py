"""Training loops: batch modes, seeding, divergence, clipping, and what the notebook states."""
import math

import numpy as np
import pytest

from helpers.datasets import load_digits, load_sleep_study, train_test_split, two_moons
from helpers.descent import Momentum
from helpers.nn import Network, loss_and_gradients
from helpers.training import BATCH_MODES, Trainer, batch_size_for, train


def moons_trainer(batch_size=None, seed=0, **options):
    X, y = two_moons(n=100, seed=1)
    net = Network([2, 8, 1], "tanh", "identity", seed=2)
    return Trainer(net, X, y, "binary_cross_entropy", batch_size=batch_size, seed=seed, **options)


@pytest.mark.parametrize("mode, updates_per_epoch", [
    ("full batch", 1), ("mini-batch", math.ceil(100 / 32)), ("stochastic", 100)])
def test_updates_per_epoch(mode, updates_per_epoch):
    trainer = moons_trainer(batch_size_for(mode, 100))
    trainer.run(3)
    assert trainer.epoch == 3
    assert trainer.updates == 3 * updates_per_epoch
    h = trainer.history
    assert h.epoch_updates == [0, updates_per_epoch, 2 * updates_per_epoch, 3 * updates_per_epoch]
    assert len(h.update_losses) == len(h.grad_norms) == trainer.updates
    assert len(h.epoch_losses) == len(h.epoch_accuracies) == 4


def test_batch_size_for_modes():
    assert [batch_size_for(m, 100, 32) for m in BATCH_MODES] == [100, 32, 1]
    assert batch_size_for("mini-batch", 10, 32) == 10
    with pytest.raises(ValueError, match="choose one of"):
        batch_size_for("online", 10)


def test_full_batch_update_is_one_plain_gradient_step():
    trainer = moons_trainer(lr=0.3)
    net = trainer.net
    before = [p.copy() for p in net.parameters()]
    _, grads, _ = loss_and_gradients(net, trainer.X, trainer.Y, "binary_cross_entropy")
    trainer.run(1)
    for p0, g, p1 in zip(before, grads.as_list(), net.parameters()):
        np.testing.assert_allclose(p1, p0 - 0.3 * g, rtol=1e-14, atol=1e-15)


def test_full_batch_descent_with_a_small_step_lowers_the_loss_every_epoch():
    trainer = moons_trainer(lr=0.05)
    trainer.run(100)
    assert np.all(np.diff(trainer.history.epoch_losses) < 0)


def test_runs_are_repeatable_and_depend_on_the_seed():
    a, b, c = moons_trainer(16, seed=1), moons_trainer(16, seed=1), moons_trainer(16, seed=2)
    for t in (a, b, c):
        t.run(5)
    assert a.history.update_losses == b.history.update_losses
    assert a.history.update_losses != c.history.update_losses


def test_divergence_is_reported_not_raised():
    X, y = load_sleep_study()
    net = Network([2, 3, 1], "relu", "identity", init="he", seed=0)
    trainer = Trainer(net, X, y, "squared_error", lr=10.0)
    history = trainer.run(200)
    assert trainer.diverged
    assert trainer.epoch < 200
    assert trainer.status.startswith(f"diverged at update {trainer.diverged_at}")
    assert "lower the learning rate" in trainer.status
    assert len(history.epoch_losses) == trainer.epoch + 1
    assert trainer.run(5) is history and trainer.epoch == len(history.epoch_losses) - 1


def test_clipping_bounds_every_step():
    trainer = moons_trainer(lr=1.0, clip_norm=0.05)
    net = trainer.net
    for _ in range(5):
        before = np.concatenate([p.ravel() for p in net.parameters()])
        trainer.run(1)
        after = np.concatenate([p.ravel() for p in net.parameters()])
        assert np.linalg.norm(after - before) <= 1.0 * 0.05 * (1 + 1e-12)
    assert max(trainer.history.grad_norms) > 0.05  # so the clipping did act


def test_a_step_rule_from_descent_can_drive_training():
    plain, heavy = moons_trainer(lr=0.05), moons_trainer(rule=Momentum(lr=0.05, beta=0.9))
    plain.run(60)
    heavy.run(60)
    assert heavy.history.epoch_losses[-1] < plain.history.epoch_losses[-1]


def test_float32_training_stays_float32():
    X, y = two_moons(n=50)
    net = Network([2, 6, 1], "tanh", "identity", dtype=np.float32)
    trainer = Trainer(net, X, y, "binary_cross_entropy", rule=Momentum(lr=0.1), batch_size=10)
    trainer.run(3)
    assert all(p.dtype == np.float32 for p in net.parameters())
    assert trainer.history.epoch_losses[-1] < trainer.history.epoch_losses[0]


@pytest.mark.parametrize("options, message", [
    ({"lr": -0.1}, "learning rate"),
    ({"lr": float("nan")}, "learning rate"),
    ({"batch_size": 0}, "batch size"),
    ({"batch_size": 101}, "batch size"),
    ({"clip_norm": 0.0}, "clipping"),
])
def test_bad_options_give_clear_messages(options, message):
    with pytest.raises(ValueError, match=message):
        moons_trainer(**options)


def test_status_line():
    trainer = moons_trainer(lr=0.5)
    trainer.run(2)
    assert trainer.status.startswith("epoch 2 · updates 2 · loss ")
    assert trainer.status.endswith("%")


def test_zero_initialisation_keeps_the_hidden_units_of_the_2_3_1_network_identical():
    X, y = load_sleep_study()
    X, y = X / X.max(axis=0), y / 100
    net = Network([2, 3, 1], "sigmoid", "sigmoid", init="zeros")
    train(net, X, y, "squared_error", epochs=500, lr=2.0)
    W1, b1, W2, _ = net.parameters()
    assert np.all(W1 == W1[:, :1]) and np.all(b1 == b1[0]) and np.all(W2 == W2[0])
    assert np.any(W1 != 0)


def test_digits_network_reaches_95_percent_on_held_out_images():
    X, labels = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X / 16, labels, test_fraction=0.25, seed=0)
    net = Network([64, 32, 10], "relu", "identity", init="he", seed=0)
    trainer = train(net, X_train, y_train, "softmax_cross_entropy", epochs=30, lr=0.1,
                    batch_size=32, seed=0, X_test=X_test, y_test=y_test)
    h = trainer.history
    assert h.test_accuracies[-1] >= 0.95
    # What notebook 05 says about the curves: by epoch 10 the held-out accuracy is within
    # three points of its final value, while the training loss keeps falling below the held-out loss.
    assert abs(h.test_accuracies[10] - h.test_accuracies[-1]) <= 0.03
    assert h.epoch_losses[-1] < 0.6 * h.epoch_losses[10]
    assert all(train < test for train, test in zip(h.epoch_losses[10:], h.test_losses[10:]))


def _history_by_epochs(trainer: Trainer, epochs: int):
    for _ in range(epochs):
        if not trainer.run_epoch():
            break
    return trainer


@pytest.mark.parametrize("case", ["classification with a test set", "regression", "diverging",
                                  "clipped", "float32"])
def test_full_batch_run_records_exactly_what_epoch_by_epoch_training_records(case):
    # run() takes each epoch's record from the next update's forward pass; run_epoch()
    # evaluates after every update. Both must give the same history, bit for bit.
    X, y = two_moons(120, noise=0.2, seed=3)
    options = dict(lr=0.5)
    loss, sizes, dtype = "binary_cross_entropy", [2, 8, 8, 1], np.float64
    if case == "classification with a test set":
        options.update(X_test=X[:30] + 0.1, y_test=y[:30])
    elif case == "regression":
        X, y = load_sleep_study()
        loss, sizes, options = "squared_error", [2, 3, 1], dict(lr=2.0)
    elif case == "diverging":
        X, y = load_sleep_study()
        loss, sizes, options = "squared_error", [2, 3, 1], dict(lr=10.0)
    elif case == "clipped":
        options.update(lr=5.0, clip_norm=0.1)
    else:
        dtype = np.float32
    make = lambda: Trainer(Network(sizes, "tanh", init="xavier", seed=1, dtype=dtype), X, y, loss,
                           **options)
    fast, slow = make(), make()
    fast.run(60)
    fast.run(40)
    _history_by_epochs(slow, 100)
    assert fast.history == slow.history
    assert (fast.epoch, fast.updates, fast.diverged_at) == (slow.epoch, slow.updates, slow.diverged_at)
    assert all(np.array_equal(a, b) for a, b in zip(fast.net.parameters(), slow.net.parameters()))
    if case == "diverging":
        assert fast.diverged


def test_run_with_a_callback_sees_each_epoch_recorded():
    X, y = two_moons(60, noise=0.2, seed=0)
    trainer = Trainer(Network([2, 4, 1], "tanh", seed=0), X, y, "binary_cross_entropy", lr=0.5)
    seen = []
    trainer.run(5, callback=lambda t: seen.append((t.epoch, len(t.history.epoch_losses))))
    assert seen == [(k, k + 1) for k in range(1, 6)]


def per_array_reference(rule, epochs):
    """Full-batch training written the old way: rule.step on each weight and bias array."""
    X, y = two_moons(n=100, seed=1)
    net = Network([2, 8, 1], "tanh", "identity", seed=2)
    states = [rule.init(p) for p in net.parameters()]
    losses = []
    for _ in range(epochs):
        J, grads, _ = loss_and_gradients(net, X, y, "binary_cross_entropy")
        losses.append(J)
        stepped = [rule.step(p, g, s) for p, g, s in zip(net.parameters(), grads.as_list(), states)]
        net.set_parameters([p for p, _ in stepped])
        states = [s for _, s in stepped]
    return net, losses


@pytest.mark.parametrize("rule", [None, Momentum(lr=0.05, beta=0.9)], ids=["plain", "momentum"])
def test_one_step_on_theta_is_the_step_on_each_array(rule):
    """The trainer steps θ (every parameter in one vector); the rules act entry by entry,
    so that is bit for bit the same as a step on each weight and bias array."""
    from helpers.descent import GradientDescent
    reference, losses = per_array_reference(rule or GradientDescent(0.05), 20)
    trainer = moons_trainer(lr=0.05, rule=rule)
    trainer.run(20)
    assert trainer.history.update_losses == losses
    for ours, theirs in zip(trainer.net.parameters(), reference.parameters()):
        np.testing.assert_array_equal(ours, theirs)


def test_network_arrays_are_views_of_theta_and_replacing_them_is_respected():
    trainer = moons_trainer(lr=0.1)
    net = trainer.net
    assert all(np.shares_memory(p, trainer.theta) for p in net.parameters())
    trainer.run(2)
    # Parameters set from outside between updates: the next update starts from them.
    fresh = Network([2, 8, 1], "tanh", "identity", seed=5)
    net.set_parameters([p.copy() for p in fresh.parameters()])
    _, grads, _ = loss_and_gradients(net, trainer.X, trainer.Y, "binary_cross_entropy")
    trainer.update()
    for p0, g, p1 in zip(fresh.parameters(), grads.as_list(), net.parameters()):
        np.testing.assert_allclose(p1, p0 - 0.1 * g, rtol=1e-14, atol=1e-15)
    assert all(np.shares_memory(p, trainer.theta) for p in net.parameters())


def test_bad_targets_are_refused_when_the_trainer_is_built():
    X, _ = two_moons(n=20)
    net = Network([2, 4, 1], "tanh", "identity")
    with pytest.raises(ValueError, match="between 0 and 1"):
        Trainer(net, X, np.full(20, 2.0), "binary_cross_entropy")
