"""The 2-D drawing functions of notebook 02 put the given data on the axes and mark what the text says."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plots  # noqa: E402
from helpers.calculus import zero_crossings  # noqa: E402
from helpers.plots import lint  # noqa: E402


@pytest.fixture
def ax():
    fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
    yield ax
    plt.close(fig)


def _cosine(gradient_angle=306.87, height=5.0):
    angles = np.arange(360.0)
    return angles, height * np.cos(np.deg2rad(angles - gradient_angle))


def test_directional_slopes_mark_ascent_descent_and_the_two_zero_slopes(ax):
    angles, slopes = _cosine()
    zeros = zero_crossings(angles, slopes)
    curve, lines, dots, texts = plots.two_d.plot_directional_slopes(ax, angles, slopes, 306.87, zeros)
    np.testing.assert_allclose(curve.get_ydata(), slopes)
    assert [line.get_xdata()[0] for line in lines] == pytest.approx([306.87, 126.87])
    np.testing.assert_allclose(dots.get_xdata(), [36.87, 216.87], atol=0.01)
    np.testing.assert_array_equal(dots.get_ydata(), [0, 0])
    words = [t.get_text() for t in texts]
    assert words == ["∇J: steepest ascent (307°)", "−∇J: steepest descent (127°)",
                     "slope 0 (37°)", "slope 0 (217°)"]
    assert lint.problems(ax.figure, saved_tight=True) == []


def test_zero_slope_labels_sit_where_the_curve_leaves_room(ax):
    angles, slopes = _cosine()
    *_, texts = plots.two_d.plot_directional_slopes(ax, angles, slopes, 306.87, zero_crossings(angles, slopes))
    falling, rising = texts[2], texts[3]   # the curve falls through 37°, rises through 217°
    assert falling.get_va() == "top" and rising.get_va() == "bottom"


def test_stationary_points_one_marker_and_legend_entry_per_kind(ax):
    points = [(0.0, 1.0), (2.0, 3.0), (-1.0, -1.0), (5.0, 5.0)]
    artists = plots.two_d.mark_stationary_points(ax, points, ["saddle", "maximum", "saddle", "minimum"])
    assert [a.get_label() for a in artists] == ["saddle (∇J = 0)", "maximum"]
    np.testing.assert_array_equal(np.column_stack(artists[0].get_data()), [(0, 1), (-1, -1)])
    np.testing.assert_array_equal(np.column_stack(artists[1].get_data()), [(2, 3)])
    assert artists[0].get_marker() == "X" and artists[1].get_marker() == "^"


def test_stationary_points_need_one_kind_per_point(ax):
    with pytest.raises(ValueError, match="2 points but 1 kinds"):
        plots.two_d.mark_stationary_points(ax, [(0, 0), (1, 1)], ["saddle"])


def test_contraction_v_draws_the_formula_names_both_branches_and_marks_eta_star_and_the_cliff(ax):
    lrs = np.linspace(0.5, 1.5, 201) * 2 / 11
    formula = np.maximum(np.abs(1 - lrs), np.abs(1 - 10 * lrs))
    dots, line, verticals, texts = plots.two_d.plot_contraction_v(ax, lrs, formula * 1.001, 1.0, 10.0)
    np.testing.assert_allclose(line.get_ydata(), formula)
    assert [v.get_xdata()[0] for v in verticals] == pytest.approx([2 / 11, 0.2])
    assert [v.get_label() for v in verticals] == ["η* = 2/(λ_min + λ_max) = 0.182", "cliff 2/λ_max = 0.2"]
    assert [t.get_text() for t in texts] == ["1 − ηλ_min (slow direction)", "ηλ_max − 1\n(fast direction)"]
    left, right = texts   # each anchored on its own branch
    assert left.xy[0] < 2 / 11 < right.xy[0]
    assert left.xy[1] == pytest.approx(1 - left.xy[0]) and right.xy[1] == pytest.approx(10 * right.xy[0] - 1)
    ax.legend(fontsize=9, loc="upper left")
    assert lint.problems(ax.figure, saved_tight=True) == []


def test_contraction_v_leaves_out_a_cliff_outside_the_range(ax):
    lrs = np.linspace(0.01, 0.15, 50)
    _, _, verticals, _ = plots.two_d.plot_contraction_v(ax, lrs, lrs, 1.0, 10.0)
    assert len(verticals) == 1


def test_label_points_writes_each_text_under_its_point(ax):
    texts = plots.two_d.label_points(ax, [(1, 2), (3, 4)], ["0.024", "0.015"])
    assert [t.get_text() for t in texts] == ["0.024", "0.015"]
    assert [t.xy for t in texts] == [(1.0, 2.0), (3.0, 4.0)]
    assert all(t.get_va() == "top" for t in texts)


def test_bowl_legend_names_both_axes_the_start_and_the_end():
    handles = plots.two_d.bowl_legend_handles("point after 15 steps")
    assert [h.get_label() for h in handles] == ["gently curved axis (λ_min)", "sharply curved axis (λ_max)",
                                                "start", "point after 15 steps"]
    assert handles[0].get_color() == plots.two_d.COLOURS_2D["slow"]
    assert handles[1].get_color() == plots.two_d.COLOURS_2D["fast"]


def test_loss_curves_never_take_the_eigen_direction_colours(ax):
    lines = plots.two_d.plot_losses(ax, {f"κ = {k}": [1.0, 0.5, 0.25] for k in (1, 10, 50, 100, 200, 300)})
    colours = [line.get_color() for line in lines]
    assert not {plots.two_d.COLOURS_2D["slow"], plots.two_d.COLOURS_2D["fast"]} & set(colours)
    assert colours[:3] == list(plots.two_d.RUN_COLOURS[:3])
