"""Network plots: the artists carry the data they are given, and updates change only data."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plots  # noqa: E402


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_network_diagram_widths_follow_weights(ax):
    weights = [np.array([[1.0, -2.0, 0.0], [0.5, 0.0, 4.0]]), np.array([[1.0], [-1.0], [2.0]])]
    artists = plots.network.plot_network(ax, (2, 3, 1), weights, max_width=5.0)
    widths = np.asarray(artists.edges.get_linewidths())
    assert len(artists.edges.get_segments()) == 2 * 3 + 3 * 1
    drawn = np.concatenate([w.ravel() for w in weights])
    # The largest |w| gets the full width, and widths grow with |w|.
    assert widths[np.argmax(np.abs(drawn))] == pytest.approx(5.0)
    order = np.argsort(np.abs(drawn))
    assert np.all(np.diff(widths[order]) >= 0)
    colours = artists.edges.get_colors()
    assert tuple(colours[1][:3]) != tuple(colours[0][:3])  # −2 and +1 differ in colour
    plots.network.update_network(artists, [np.zeros((2, 3)), np.zeros((3, 1))])
    assert np.allclose(artists.edges.get_linewidths(), 0.6)


def test_wide_layers_are_truncated_with_a_note(ax):
    artists = plots.network.plot_network(ax, (64, 32, 10), max_drawn=16, max_layers=5)
    assert [len(p) for p in artists.layout] == [16, 16, 10]
    assert any("64 units" in t.get_text() for t in ax.texts)
    # A new architecture reuses the same artists.
    plots.network.update_network(artists, None, sizes=(2, 5, 5, 5, 1))
    assert [len(p) for p in artists.layout] == [2, 5, 5, 5, 1]
    assert len(artists.edges.get_segments()) == 10 + 25 + 25 + 5
    assert len(artists.nodes.get_offsets()) == 18
    assert [t.get_text() for t in artists.names][:5] == ["input", "hidden 1", "hidden 2", "hidden 3", "output"]
    assert all(t.get_text() == "" for t in artists.notes)


def test_decision_boundary_image_and_line_update(ax):
    X = np.array([[-1.0, 0.0], [1.0, 0.0]])
    xs, ys, grid = plots.network.boundary_grid(X, n=30)
    assert grid.shape == (900, 2)
    assert np.allclose(np.diff(xs)[0], np.diff(ys)[0])  # square cells
    p = (grid[:, 0] > 0).astype(float).reshape(30, 30)
    artists = plots.network.plot_decision_boundary(ax, xs, ys, p, X, [0, 1])
    assert artists.line is not None
    np.testing.assert_array_equal(artists.image.get_array(), p)
    flat = np.full((30, 30), 0.7)
    plots.network.update_decision_boundary(ax, artists, flat)
    np.testing.assert_array_equal(artists.image.get_array(), flat)
    assert artists.line is None  # nowhere is p = ½, so no line is drawn
    plots.network.update_decision_boundary(ax, artists, p, X[::-1], [1, 0])
    assert artists.line is not None
    np.testing.assert_array_equal(artists.points.get_offsets(), X[::-1])


def test_digit_mosaic_places_each_image(ax):
    images = np.arange(3 * 64).reshape(3, 64) % 17
    mosaic = plots.network.digit_mosaic(images, columns=2, gap=2)
    assert mosaic.shape == (18, 18)
    np.testing.assert_array_equal(mosaic[:8, 10:18], images[1].reshape(8, 8))
    assert np.isnan(mosaic[10:, 10:]).all()  # the empty fourth cell
    _, texts = plots.network.plot_misclassified(ax, images, [1, 2, 3], [7, 2, 5])
    assert [t.get_text() for t in texts] == ["said 7, is 1", "said 2, is 2", "said 5, is 3"]


def test_curves(ax):
    line = plots.network.plot_loss_curve(ax, [0, 1, 2], [1.0, 0.5, 0.25])
    assert ax.get_yscale() == "log" and list(line.get_ydata()) == [1.0, 0.5, 0.25]
    acc = plots.network.plot_accuracy_curve(ax.twinx(), [0, 1], [0.5, 0.9])
    assert list(acc.get_ydata()) == [50.0, 90.0]


@pytest.mark.parametrize("low, high, expected", [
    (0.114, 0.833, [0.2, 0.5]),
    (0.3, 0.5, [0.5]),
    (0.009, 1.2, [0.01, 0.1, 1.0]),
    (1e-6, 2.0, [1e-6, 1e-4, 1e-2, 1.0]),
])
def test_log_ticks(low, high, expected):
    ticks = plots.network.log_ticks(low, high)
    np.testing.assert_allclose(ticks, expected)
    assert 1 <= len(ticks) <= 5 and all(low <= t <= high for t in ticks)


def test_labelled_network_names_units_layers_weights_and_both_passes(ax):
    weights = [np.ones((2, 3)), np.ones((3, 1))]
    diagram = plots.network.plot_network(ax, (2, 3, 1), weights)
    texts = plots.network.label_network(ax, diagram, [["x₁", "x₂"], ["a₁", "a₂", "a₃"], ["ŷ"]],
                                        ["X", "A⁽¹⁾", "ŷ"], ["W⁽¹⁾ 2 × 3", "W⁽²⁾ 3 × 1"])
    shown = [t.get_text() for t in texts]
    for label in ["x₁", "x₂", "a₁", "a₂", "a₃", "ŷ", "X", "A⁽¹⁾", "W⁽¹⁾ 2 × 3", "W⁽²⁾ 3 × 1"]:
        assert label in shown
    assert any("forward" in t for t in shown) and any("backward" in t for t in shown)
    inputs = [t for t in texts if t.get_text() in ("x₁", "x₂")]
    assert all(t.xy[0] == 0 and t.get_ha() == "right" for t in inputs)   # left of the input units
    bottom, top = ax.get_ylim()
    assert all(bottom < t.get_position()[1] < top for t in texts if not hasattr(t, "xy"))


def test_loss_over_accuracy_draws_two_axes_and_the_reference_on_both():
    fig, (a, b) = plt.subplots(2, 1)
    loss, acc = plots.network.plot_loss_over_accuracy(a, b, [0.7, 0.3, 0.1], [0.5, 0.9, 0.98],
                                                      reference=("straight", 0.287, 0.89))
    assert list(acc.get_ydata()) == [50.0, 90.0, 98.0] and a.get_yscale() == "log"
    assert [line.get_ydata()[0] for line in a.get_lines()[1:]] == [0.287]
    assert [line.get_ydata()[0] for line in b.get_lines()[1:]] == [89.0]
    assert b.get_ylim()[0] == 48 and [t.get_text() for t in a.get_legend().get_texts()] == ["network", "straight"]
    plt.close(fig)


def test_merge_axes_spans_the_column():
    fig, axes = plt.subplots(2, 2)
    merged = plots.network.merge_axes(fig, axes[:, 0])
    spec = merged.get_subplotspec()
    assert (spec.rowspan.start, spec.rowspan.stop, spec.colspan.start) == (0, 2, 0) and len(fig.axes) == 3
    plt.close(fig)


def test_training_modes_put_the_batch_noise_in_its_own_panel():
    from helpers.training import History

    fig, (u, e, n) = plt.subplots(1, 3)
    histories = {}
    for mode, per_epoch in (("full batch", 1), ("mini-batch", 4), ("stochastic", 8)):
        h = History()
        h.epoch_losses, h.epoch_updates = [0.7, 0.5, 0.4], [0, per_epoch, 2 * per_epoch]
        h.update_losses = list(np.linspace(0.8, 0.3, 2 * per_epoch))
        histories[mode] = h
    colours = {"full batch": "k", "mini-batch": "g", "stochastic": "r"}
    plots.network.plot_training_modes(u, e, histories, colours, ax_noise=n)
    assert len(u.get_lines()) == len(e.get_lines()) == 3            # no trace on the first two
    assert [len(line.get_ydata()) for line in n.get_lines()] == [16, 8]
    assert [t.get_text() for t in u.get_legend().get_texts()] == list(histories)
    assert u.get_ylim() == e.get_ylim()
    plt.close(fig)
