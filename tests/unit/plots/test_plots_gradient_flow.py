"""The drawing functions of notebook 06 put the given data on the axes, nothing else."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.activations import ACTIVATIONS  # noqa: E402
from helpers.plots.gradient_flow import (  # noqa: E402
    LOG_FLOOR,
    heatmap_extent,
    layer_norm_data,
    log_limits,
    mark_slope_peaks,
    plot_activation_curves,
    plot_activation_grid,
    plot_activation_heatmap,
    plot_chain_bound,
    plot_layer_norms,
    plot_training_curves,
)


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_activation_curves_draw_each_function_and_its_slope():
    fig, (a, b) = plt.subplots(1, 2)
    z = np.linspace(-4, 4, 81)
    acts = [ACTIVATIONS[n] for n in ("sigmoid", "tanh", "relu")]
    lines = plot_activation_curves(a, b, acts, z)
    np.testing.assert_allclose(lines["tanh"][0].get_ydata(), np.tanh(z))
    np.testing.assert_allclose(lines["sigmoid"][1].get_ydata(), ACTIVATIONS["sigmoid"].df(z))
    artists = mark_slope_peaks(b, {"sigmoid": (0.25, 0.0)})
    assert "0.25" in artists[1].get_text()
    plt.close(fig)


def test_activation_grid_gives_each_activation_its_own_panels_and_slope_notes():
    names = ("sigmoid", "relu", "leaky_relu", "elu")
    fig, axes = plt.subplots(2, len(names))
    z = np.linspace(-4, 4, 81)
    peaks = {"sigmoid": (0.25, 0.0), "relu": (1.0, 0.05), "leaky_relu": (1.0, 0.05), "elu": (1.0, 0.05)}
    drawn = plot_activation_grid(axes, [ACTIVATIONS[n] for n in names], z, peaks)
    for column, name in enumerate(names):   # one activation per column: none can hide another
        value, slope, notes = drawn[name]
        assert value.axes is axes[0, column] and slope.axes is axes[1, column]
        np.testing.assert_allclose(slope.get_ydata(), ACTIVATIONS[name].df(z))
    texts = {name: [n.get_text() for n in drawn[name][2] if hasattr(n, "get_text")] for name in names}
    assert texts["sigmoid"] == ["max 0.25 at z = 0"]
    assert texts["relu"] == ["1 for z > 0", "0 for z < 0"]
    assert texts["leaky_relu"] == ["1 for z > 0", "0.01 for z < 0"]
    assert texts["elu"] == ["1 for z > 0", "0.018\nat z = −4"]
    assert [ax.get_title() for ax in axes[0]] == ["sigmoid", "ReLU", "leaky ReLU", "ELU"]
    plt.close(fig)


def test_layer_norms_number_layers_from_one_and_floor_zeros(ax):
    line = plot_layer_norms(ax, [1e-3, 0.0, np.inf, 2.0])
    x, y = line.get_data()
    np.testing.assert_array_equal(x, [1, 2, 3, 4])
    assert y[0] == 1e-3 and y[1] == LOG_FLOOR and np.isnan(y[2]) and y[3] == 2.0
    assert ax.get_yscale() == "log"
    assert layer_norm_data([5.0])[0].tolist() == [1]


def test_log_limits_cover_finite_values_and_fall_back_when_there_are_none():
    low, high = log_limits([1e-6, 1e2, np.nan], [np.inf])
    assert low < 1e-6 and high > 1e2
    assert log_limits([np.nan, np.inf]) == (1e-3, 1e1)


def test_chain_bound_plot_shows_both_series(ax):
    measured, bound = plot_chain_bound(ax, [1, 2, 3], [1e-4, 1e-2, 1.0], [1e-3, 1e-1, 1.0])
    np.testing.assert_allclose(bound.get_ydata(), [1e-3, 1e-1, 1.0])
    np.testing.assert_allclose(measured.get_ydata(), [1e-4, 1e-2, 1.0])


def test_heatmap_rows_sit_on_their_layer(ax):
    fractions = np.full((5, 10), 0.1)
    edges = np.linspace(-1, 1, 11)
    image = plot_activation_heatmap(ax, fractions, edges)
    assert tuple(image.get_extent()) == heatmap_extent(fractions, edges) == (-1.0, 1.0, 0.5, 5.5)
    assert image.get_array().shape == (5, 10)


def test_training_curves_hide_non_finite_losses(ax):
    lines = plot_training_curves(ax, {"a": [0.7, 0.5, 0.1], "b": [0.7, np.nan]}, {"a": "red"})
    np.testing.assert_allclose(lines["a"].get_ydata(), [0.7, 0.5, 0.1])
    assert np.isnan(lines["b"].get_ydata()[1])
    assert lines["a"].get_color() == "red"


def test_sticky_log_limits_round_to_decades_and_stay_while_the_data_fits():
    from helpers.plots.gradient_flow import sticky_log_limits

    first = sticky_log_limits(None, [3e-5, 2e-1])
    assert first == (1e-5, 1.0)
    assert sticky_log_limits(first, [4e-5, 1e-1]) == first          # still fits: unchanged
    moved = sticky_log_limits(first, [3e-9, 1e-1])                  # data left the range
    assert moved[0] <= 3e-9 / 2 and moved[1] >= 0.2
    shrunk = sticky_log_limits((1e-30, 1e10), [1e-2, 1e-1])        # far too wide: tighten
    assert shrunk == (1e-3, 1.0)
    assert sticky_log_limits(None, [np.nan]) == (1e-3, 10.0)
