"""The saddle drawing functions put the given data on the axes and return the artists."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plots  # noqa: E402
from helpers.critical_points import analyse_point  # noqa: E402
from helpers.objectives import saddle, two_valleys  # noqa: E402


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_grid_values_evaluate_the_objective(ax):
    X, Y, Z = plots.saddle.grid_values(saddle(), n=7)
    np.testing.assert_allclose(Z, X ** 2 - Y ** 2)


def test_eigen_directions_are_drawn_along_the_eigenvectors_with_their_sign(ax):
    info = analyse_point(saddle(), (0.0, 0.0))
    artists = plots.saddle.plot_eigen_directions(ax, info.point, info.eigenvalues,
                                                 info.eigenvectors, length=0.5)
    lines = [a for a in artists if isinstance(a, matplotlib.lines.Line2D)]
    labels = [a.get_text() for a in artists if isinstance(a, matplotlib.text.Annotation)]
    assert labels == ["λ = -2 (downhill)", "λ = 2 (uphill)"]
    down, up = (np.column_stack(line.get_data()) for line in lines)
    np.testing.assert_allclose(np.abs(down), [[0, 0.5], [0, 0.5]])
    np.testing.assert_allclose(np.abs(up), [[0.5, 0], [0.5, 0]])
    assert lines[0].get_color() == plots.saddle.SADDLE_COLOURS["downhill"]


def test_plateau_band_moves_and_hides(ax):
    line, band = plots.saddle.plot_loss_with_plateau(ax, [1.0, 0.1, 0.0, 0.0, -2.0], (1, 3))
    assert band.get_visible() and band.get_x() == 1 and band.get_width() == 2
    plots.saddle.set_plateau(band, None)
    assert not band.get_visible()
    plots.saddle.set_plateau(band, (2, 2))
    assert band.get_visible() and band.get_width() == 0.5       # a one-step plateau stays visible
    np.testing.assert_array_equal(line.get_ydata(), [1.0, 0.1, 0.0, 0.0, -2.0])


def test_grad_norms_leave_out_zeros_on_the_log_axis(ax):
    line, _ = plots.saddle.plot_grad_norms(ax, [2.0, 0.0, 1e-20])
    y = np.asarray(line.get_ydata(), dtype=float)
    assert np.isnan(y[1]) and y[2] == 1e-20 and ax.get_yscale() == "log"


def test_escape_times_and_fractions(ax):
    eps = np.array([1e-1, 1e-2])
    dots, curve = plots.saddle.plot_escape_times(ax, eps, [13, 26], [12.6, 25.3])
    np.testing.assert_array_equal(dots.get_ydata(), [13, 26])
    assert ax.get_xscale() == "log" and ax.xaxis_inverted()
    fig, ax2 = plt.subplots()
    artists = plots.saddle.plot_definite_fractions(ax2, [1, 2, 3], [0.5, 0.1, 0.0], trials=100)
    np.testing.assert_array_equal(artists[0].get_ydata(), [0.5, 0.1])
    np.testing.assert_array_equal(artists[1].get_ydata(), [0.01])   # the 1/trials bound
    plt.close(fig)


def test_critical_point_views_mark_minima_and_name_the_kind():
    fig, axes = plt.subplots(1, 2)
    ax3d = plots.saddle.surface_axes(fig, axes[0])
    obj = two_valleys()
    plots.saddle.plot_critical_point_views(ax3d, axes[1], obj, analyse_point(obj, (0, 0)), obj.minima)
    assert axes[1].get_title() == "saddle: Hessian eigenvalues -1, 1"
    labels = [h.get_label() for h in axes[1].collections if not h.get_label().startswith("_")]
    assert labels.count("minimum") == 1 and labels.count("saddle") == 1
    plt.close(fig)
