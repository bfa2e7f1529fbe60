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
    assert labels == ["λ = −2\ndownhill", "λ = 2\nuphill"]
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


class _Run:
    def __init__(self, losses, grad_norms, plateau):
        self.losses, self.grad_norms, self.plateau = losses, grad_norms, plateau


def test_plateau_runs_get_their_own_style_and_a_labelled_bar_each():
    fig, (a, b) = plt.subplots(1, 2)
    runs = {1e-3: _Run([1.0, 0.0, 0.0, -1.0], [2.0, 0.1, 0.1, 2.0], (1, 2)),
            1e-6: _Run([1.0, 0.0, 0.0, 0.0, -1.0], [2.0, 0.1, 0.01, 0.1, 2.0], (1, 3))}
    bars = plots.saddle.plot_plateau_runs(a, b, runs, threshold=0.2)
    assert [bar.get_xdata().tolist() for bar in bars] == [[1, 2], [1, 3]]
    curves = [line for line in a.get_lines() if line not in bars]
    assert len({(line.get_color(), line.get_linestyle()) for line in curves}) == 2   # told apart without colour
    texts = [t.get_text() for t in a.texts]
    assert texts == ["plateau of ε = 1e-03: 2 steps", "plateau of ε = 1e-06: 3 steps"]
    assert any(np.allclose(line.get_ydata(), 0.2) for line in b.get_lines())   # the threshold line
    plt.close(fig)


def test_momentum_escape_draws_its_own_formula_line(ax):
    eps = np.array([1e-2, 1e-4])
    squares, line = plots.saddle.plot_momentum_escape(ax, eps, [16, 31], growth=1.358, beta=0.6)
    np.testing.assert_array_equal(squares.get_ydata(), [16, 31])
    np.testing.assert_allclose(line.get_ydata(), np.log(1 / eps) / np.log(1.358))
    assert "r = 1.358" in line.get_label()
    median = plots.saddle.plot_noise_median(ax, 39.0, 0.01)
    assert median.get_ydata()[0] == 39.0 and "σ = 0.01" in median.get_label()


def test_monkey_saddle_gets_three_falling_arrows_in_its_negative_sectors(ax):
    from helpers.objectives import monkey_saddle

    arrows = plots.saddle.mark_falling_sectors(ax, monkey_saddle(), (0.0, 0.0), radius=0.8)
    assert len(arrows) == 3 and all(a.get_text() == "falls" for a in arrows)
    angles = sorted(np.degrees(np.arctan2(a.xyann[1], a.xyann[0])) % 360 for a in arrows)
    np.testing.assert_allclose(angles, [60, 180, 300], atol=1)
    assert plots.saddle.mark_falling_sectors(ax, two_valleys(), (1.0, 0.0)) == []   # a minimum: none


def test_height_key_names_low_and_high_without_numbers():
    fig, axes = plt.subplots(1, 2)
    filled, _ = plots.saddle.plot_contours(axes[0], saddle(), n=20)
    bar = plots.saddle.height_key(fig, filled, axes)
    assert [t.get_text() for t in bar.ax.get_xticklabels()] == ["low J", "high J"]
    plt.close(fig)


def test_path_has_a_white_outline_to_stand_out_on_the_contours(ax):
    path, start = plots.saddle.plot_path_2d(ax, [[1.0, 0.0], [0.5, 0.0]])
    effects = path.get_path_effects()
    assert effects and path.get_color() != plots.COLOURS["path"]   # not red on red contours
