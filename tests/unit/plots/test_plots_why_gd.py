"""Notebook 08's drawing functions draw what they are given (Agg backend, no display)."""
import matplotlib

matplotlib.use("Agg")
import numpy as np

from helpers import implicit_bias as ib
from helpers import landscape as ls
from helpers import overparameterisation as op
from helpers import plots
from helpers.sharpness import EdgeOfStability


def _slice(path=True):
    a = b = np.linspace(-1, 1, 5)
    A, B = np.meshgrid(a, b)
    return ls.Slice(a=a, b=b, losses=1 + A ** 2 + B ** 2, centre_loss=1.0,
                    path=np.array([[0.8, 0.5], [0.3, 0.1], [0.0, 0.0]]) if path else None,
                    explained=np.array([0.9, 0.05]) if path else None,
                    kind="pca" if path else "filter-normalised", seconds=0.0)


def test_plot_slice_labels_the_pca_share_and_draws_the_path():
    fig, ax = plots.static_figure()
    plots.landscape.plot_slice(ax, _slice())
    assert "90.0 %" in ax.get_xlabel()
    path = [l for l in ax.get_lines() if l.get_label() == "training path (per epoch)"][0]
    assert np.allclose(path.get_xydata(), _slice().path)
    levels = plots.landscape.contour_levels(_slice().losses)
    assert levels[0] == 1.0 and levels[-1] >= 3.0


def test_plot_line_marks_both_ends():
    fig, ax = plots.static_figure()
    plots.landscape.plot_line(ax, [0, 0.5, 1], [2.0, 0.5, 0.1])
    ends = {l.get_label(): l.get_xydata()[0] for l in ax.get_lines() if l.get_marker() == "o"}
    assert np.allclose(ends["start θ₀"], [0, 2.0]) and np.allclose(ends["trained θ_T"], [1, 0.1])


def test_plot_sharpness_draws_the_threshold():
    run = EdgeOfStability(steps=np.arange(3), losses=np.array([1.0, 0.5, 0.4]),
                          sharpness_steps=np.array([0, 2]), sharpness=np.array([3.0, 9.0]), lr=0.2)
    fig, (a, b) = plots.static_figure(1, 2)
    plots.training_theory.plot_sharpness(a, b, run)
    assert any(l.get_label() == "2/η = 10" for l in a.get_lines())


def test_separators_angle_and_width_plots():
    X, y = ib.separable_blobs(10, seed=0)
    mm = ib.max_margin(X, y)
    fig, (a, b, c, d) = plots.static_figure(1, 4)
    plots.training_theory.plot_separators(a, X, y, {"max margin": mm.w})
    run = ib.logistic_gradient_descent(X, y, 1.0, 100, mm.w, checkpoints=5)
    plots.training_theory.plot_angle(b, [run], ["seed 0"])
    assert np.allclose(b.get_lines()[0].get_ydata(), run.angles_deg[1:])
    Xc, yc = op.circle_data(6)
    sweep = op.width_sweep(Xc, yc, [2, 8], seeds=(0,), steps=5)
    plots.training_theory.plot_width_sweep(c, d, sweep)
    assert d.get_lines()[-1].get_label() == "∝ 1/√m"


def test_index_against_loss_draws_one_marker_and_one_curve_per_critical_point():
    from helpers import critical_points as cp

    X, y = cp.bump_data()
    survey = cp.survey_critical_points(X, y, random_starts=30, descent_runs=4, descent_steps=600)
    levels = survey.levels()
    fig, (a, b) = plots.static_figure(1, 2)
    plots.training_theory.plot_index_against_loss(a, b, survey, cp.TinyNetwork(X, y, 3))
    assert len(a.collections) == len(levels)
    points = np.array([c.get_offsets()[0] for c in a.collections])
    np.testing.assert_allclose(points, [(J, k / 10) for J, k, _, _ in levels])
    assert len(b.get_lines()) == 1 + len(levels)  # the data and one fitted curve per point
    assert a.get_xscale() == "log"
