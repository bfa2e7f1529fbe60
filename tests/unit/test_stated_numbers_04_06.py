"""Numbers the corrected prose of notebooks 04 and 05 states, recomputed against their formulas."""
import numpy as np
import pytest

from helpers.critical_points import definiteness_fractions
from helpers.datasets import load_digits, train_test_split, two_moons
from helpers.descent import GradientDescent, Momentum
from helpers.nn import Network
from helpers.objectives import saddle
from helpers.saddle_escape import measure_escape_steps, saddle_run, momentum_growth_factor, noise_equivalent_offset, saddle_geometry
from helpers.training import Trainer

LR, BETA = 0.1, 0.6


def _escape(rule, eps):
    J = saddle()
    geometry = saddle_geometry(J, np.zeros(2))
    return measure_escape_steps(J.grad, rule, [[1.0, eps]], np.zeros(2), geometry.unstable)[0]


def test_04_decade_cost_and_escape_from_1e_12():
    assert np.log(10) / np.log(1 + 2 * LR) == pytest.approx(12.63, abs=0.005)
    assert _escape(GradientDescent(LR), 1e-12) == int(np.ceil(np.log(1e12) / np.log(1 + 2 * LR))) == 152


def test_04_momentum_is_mostly_a_longer_step():
    r = momentum_growth_factor(LR, BETA)
    assert _escape(Momentum(LR, BETA), 1e-12) == 91
    assert np.log(1e12) / np.log(r) == pytest.approx(90.24, abs=0.01)
    # plain descent with η/(1 − β) grows by 1 + 2η/(1 − β) = 1.5 per step: ⌈ln 1e12 / ln 1.5⌉ = 69
    assert _escape(GradientDescent(LR / (1 - BETA)), 1e-12) == int(np.ceil(np.log(1e12) / np.log(1.5))) == 69
    assert r == pytest.approx(1 + 2 * LR / (1 - BETA), rel=0.1)


def test_04_noise_offset():
    a = 1 + 2 * LR
    assert noise_equivalent_offset(LR, 0.01) == pytest.approx(LR * 0.01 / np.sqrt(a**2 - 1), rel=1e-12)
    assert f"{noise_equivalent_offset(LR, 0.01):.1e}" == "1.5e-03"


def test_04_random_matrix_counts_and_rates():
    f = definiteness_fractions(np.arange(1, 9), trials=50_000, seed=0)
    counts = np.round(f.all_positive * f.trials).astype(int)
    assert counts[4] == 10 and np.all(counts[5:] == 0)
    rates = -np.log(f.all_positive[:5]) / np.arange(1, 6) ** 2
    assert f"{rates[0]:.2f}" == "0.70" and np.all(np.diff(rates) < 0) and rates[-1] > np.log(3) / 4
    assert np.log(3) / 4 == pytest.approx(0.275, abs=0.0005)


def test_05_moons_plateau_depends_on_the_seed():
    X, y = two_moons(n=200, noise=0.15, seed=0)
    leave = []
    for seed in range(5):
        t = Trainer(Network([2, 16, 16, 1], "tanh", "identity", init="xavier", seed=seed), X, y,
                    "binary_cross_entropy", lr=0.05, batch_size=16, seed=0)
        t.run(300)
        below = np.flatnonzero(np.array(t.history.epoch_losses) < 0.287 / 2)
        leave.append(int(below[0]) if below.size else None)
    assert leave[1] is None and all(k is not None and 50 < k < 200 for k in leave[:1] + leave[2:])


def test_05_full_batch_with_a_larger_step_matches_the_mini_batch():
    X, y = two_moons(n=200, noise=0.15, seed=0)
    t = Trainer(Network([2, 16, 16, 1], "tanh", "identity", init="xavier", seed=0), X, y, "binary_cross_entropy", lr=2.0)
    t.run(40)
    assert t.history.epoch_losses[-1] == pytest.approx(0.29, abs=0.004)


def test_05_digits_seed_range_and_linear_baseline():
    pixels, digits = load_digits()
    X_train, X_val, y_train, y_val = train_test_split(pixels / 16, digits, test_fraction=0.25, seed=0)

    def accuracy(sizes, seed):
        t = Trainer(Network(sizes, "relu", "identity", init="he", seed=seed), X_train, y_train,
                    "softmax_cross_entropy", lr=0.1, batch_size=32, seed=seed, X_test=X_val, y_test=y_val)
        return t.run(30).test_accuracies[-1]

    hidden = [accuracy([64, 32, 10], s) for s in range(5)]
    linear = [accuracy([64, 10], s) for s in range(5)]
    assert (round(100 * min(hidden), 1), round(100 * max(hidden), 1)) == (95.3, 96.7)
    assert (round(100 * min(linear), 1), round(100 * max(linear), 1)) == (94.4, 95.3)
    assert hidden[0] == max(hidden)


def test_04_each_factor_1000_adds_38_steps_to_the_plateau():
    J = saddle()
    geometry = saddle_geometry(J, np.zeros(2))
    runs = [saddle_run(J, geometry, eps, GradientDescent(LR), steps=300) for eps in (1e-3, 1e-6, 1e-9)]
    lengths = [r.plateau[1] - r.plateau[0] + 1 for r in runs]
    assert lengths == [15, 53, 91]
    assert np.log(1000) / np.log(1 + 2 * LR) == pytest.approx(37.9, abs=0.05)
    assert np.diff(lengths).tolist() == [38, 38] == [int(np.ceil(np.log(1000) / np.log(1 + 2 * LR)))] * 2


def test_05_moons_end_and_the_batch_modes_after_40_epochs():
    X, y = two_moons(n=200, noise=0.15, seed=0)
    moons = Trainer(Network([2, 16, 16, 1], "tanh", "identity", init="xavier", seed=0), X, y,
                    "binary_cross_entropy", lr=0.05, batch_size=16, seed=0)
    moons.run(300)
    assert f"{moons.history.epoch_accuracies[-1]:.1%}" == "97.5%"
    final = {}
    for name, batch in (("full batch", 200), ("mini-batch", 16)):
        t = Trainer(Network([2, 16, 16, 1], "tanh", "identity", init="xavier", seed=0), X, y,
                    "binary_cross_entropy", lr=0.05, batch_size=batch, seed=0)
        t.run(40)
        final[name] = t.history.epoch_losses[-1]
    # printed with two decimals: a margin from the rounding edges
    assert final["full batch"] == pytest.approx(0.37, abs=0.004)
    assert final["mini-batch"] == pytest.approx(0.29, abs=0.004)


def test_05_the_most_common_digit_mistake():
    pixels, digits = load_digits()
    X_train, X_val, y_train, y_val = train_test_split(pixels / 16, digits, test_fraction=0.25, seed=0)
    net = Network([64, 32, 10], "relu", "identity", init="he", seed=0)
    Trainer(net, X_train, y_train, "softmax_cross_entropy", lr=0.1, batch_size=32, seed=0,
            X_test=X_val, y_test=y_val).run(30)
    predicted = np.argmax(net.output(X_val), axis=1)
    wrong = np.flatnonzero(predicted != y_val)
    pairs, counts = np.unique(np.column_stack([y_val[wrong], predicted[wrong]]), axis=0, return_counts=True)
    assert len(wrong) == 15 and tuple(pairs[np.argmax(counts)]) == (8, 1) and counts.max() == 5
    assert np.sort(counts)[-2] < 5   # the most common one is unique


def test_06_variance_spread_per_initialisation_and_the_left_slopes():
    from helpers.activations import ACTIVATIONS
    from helpers.datasets import circles
    from helpers.gradient_flow import flow_snapshot, make_network

    X, y = circles(200, seed=0)
    ratio, std = {}, {}
    for init in ("small normal", "Xavier/Glorot", "large normal"):
        std[init] = flow_snapshot(make_network(10, 32, "tanh", init, seed=0), X, y).activation_std
        variance = std[init] ** 2
        ratio[init] = variance.max() / variance.min()
    # "the printed standard deviation keeps falling, from about 7e-2 to 6e-4" (small weights)
    assert f"{std['small normal'][0]:.0e}" == "7e-02" and f"{std['small normal'][-1]:.0e}" == "6e-04"
    assert f"{ratio['Xavier/Glorot']:.1f}" == "2.9" and f"{ratio['large normal']:.1f}" == "3.6"
    assert ratio["small normal"] == pytest.approx(13_000, rel=0.05)
    # the slopes the §1 figure writes left of 0
    assert ACTIVATIONS["leaky_relu"].df(np.array([-4.0]))[0] == pytest.approx(0.01)
    assert ACTIVATIONS["elu"].df(np.array([-4.0]))[0] == pytest.approx(np.exp(-4)) and f"{np.exp(-4):.2g}" == "0.018"
