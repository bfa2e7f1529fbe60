"""The decision-boundary panel of notebook 05 driven without a kernel."""
import numpy as np
import pytest

from helpers.datasets import TOY_DATASETS
from helpers.panels.decision_boundary import GRID_SIZE, UPDATES_PER_TICK, DecisionBoundaryPanel


@pytest.fixture
def panel():
    return DecisionBoundaryPanel(dataset="two moons", hidden_units=8, depth=2, activation="relu",
                                 lr=0.3, batch_mode="mini-batch")


def image(panel):
    return np.array(panel.boundary.image.get_array(), dtype=float)


def tick(panel, n=1):
    play = panel.controls["train"]
    for _ in range(n):
        play.value += 1


def test_first_draw(panel):
    assert panel.status_text.startswith("epoch 0 · updates 0 · loss ")
    assert "press ▶ to train" in panel.status_text
    assert image(panel).shape == (GRID_SIZE, GRID_SIZE)
    assert panel.trainer.net.sizes == (2, 8, 8, 1)
    assert panel.network.sizes == (2, 8, 8, 1)
    assert len(panel.network.edges.get_segments()) == 2 * 8 + 8 * 8 + 8


def test_train_ticks_advance_epochs_and_change_the_boundary(panel):
    before, epoch = image(panel), panel.trainer.epoch
    tick(panel, 5)
    assert panel.trainer.epoch == epoch + 5 * panel.epochs_per_tick
    assert panel.status_text.startswith(f"epoch {panel.trainer.epoch} ·")
    assert not np.allclose(image(panel), before)
    assert len(panel.loss_line.get_xdata()) == panel.trainer.epoch + 1
    panel.step(75)  # what 25 more beats do, drawn once
    assert panel.trainer.history.epoch_accuracies[-1] >= 0.95
    assert panel.status_level == "good"


def test_activation_change_restarts_and_redraws(panel):
    tick(panel, 3)
    before = image(panel)
    panel.controls["activation"].value = "tanh"
    assert panel.trainer.epoch == 0  # restarted from the initial weights
    assert panel.trainer.net.activations[0].name == "tanh"
    assert not np.allclose(image(panel), before)


def test_dataset_change_moves_points_and_boundary(panel):
    before = image(panel)
    panel.controls["dataset"].value = "circles"
    X, _ = TOY_DATASETS["circles"](n=200, seed=0)
    np.testing.assert_array_equal(panel.boundary.points.get_offsets(), X)
    xs, ys = panel.boundary.grid
    assert xs[0] < X[:, 0].min() and xs[-1] > X[:, 0].max()
    assert not np.allclose(image(panel), before)
    panel.step(30)
    assert panel.trainer.history.epoch_accuracies[-1] == 1.0


def test_architecture_controls_reshape_network_and_diagram(panel):
    panel.controls["depth"].value = 4
    panel.controls["hidden_units"].value = 3
    assert panel.trainer.net.sizes == (2, 3, 3, 3, 3, 1)
    assert len(panel.network.edges.get_segments()) == 6 + 9 * 3 + 3
    assert [t.get_text() for t in panel.network.names] == [
        "input", "hidden 1", "hidden 2", "hidden 3", "hidden 4", "output"]


@pytest.mark.parametrize("mode, batch, per_tick", [
    ("full batch", 200, UPDATES_PER_TICK), ("mini-batch", 16, UPDATES_PER_TICK // 13),
    ("stochastic", 1, 1)])
def test_batch_modes(panel, mode, batch, per_tick):
    panel.controls["batch_mode"].value = mode
    assert panel.trainer.batch_size == batch
    assert panel.epochs_per_tick == per_tick
    assert f"({mode}, B = {batch}" in panel.status_text
    tick(panel)
    assert panel.trainer.updates == per_tick * int(np.ceil(200 / batch))


def test_too_large_learning_rate_is_reported(panel):
    panel.controls["lr"].value = 30.0
    panel.step(15)
    assert panel.status_level in ("warn", "bad")
    assert "η" in panel.status_text
    assert np.all(np.isfinite(image(panel)))


def test_stop_button_restarts(panel):
    tick(panel, 4)
    panel.controls["train"].value = 0
    assert panel.trainer.epoch == 0 and panel.trainer.updates == 0


def test_fallback_text_names_the_controls(panel):
    data = panel.control_box()._repr_mimebundle_()
    text = (data[0] if isinstance(data, tuple) else data)["text/plain"]
    assert "Live panel: run the notebook" in text and "▶ train" in text


def test_blitted_picture_equals_a_full_redraw(panel):
    # Control changes (one to a new data set and back, reusing a saved background) and beats.
    for name, value in [("hidden_units", 4), ("dataset", "circles"), ("lr", 0.1),
                        ("dataset", "two moons"), ("depth", 3)]:
        panel.controls[name].value = value
    tick(panel, 3)
    blitted = np.asarray(panel.fig.canvas.buffer_rgba()).copy()
    panel.fig.canvas.draw()
    full = np.asarray(panel.fig.canvas.buffer_rgba())
    assert np.mean(np.any(blitted != full, axis=-1)) < 1e-3  # anti-aliasing at most
