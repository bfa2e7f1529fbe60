"""The landscape panel of notebook 08 driven without a kernel (small, fast networks stand in)."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest

from helpers import landscape as ls
from helpers.datasets import two_moons
from helpers.nn import Network
from helpers.panels.landscape import NETWORKS, PLANES, LandscapePanel

CALLS = []


def small_run(hidden, seed):
    """A quick stand-in for the digits run: same code path, a 2-D data set."""
    CALLS.append((hidden, seed))
    X, y = two_moons(60, seed=0)
    net = Network((2,) + hidden + (2,), "relu", "identity", init="he", seed=seed)
    return ls.train_with_path(net, X, y, "softmax_cross_entropy", epochs=5, lr=0.2, seed=seed)


@pytest.fixture
def panel():
    CALLS.clear()
    return LandscapePanel(points=9, compute=small_run)


def test_first_draw_shows_the_pca_slice_with_the_path(panel):
    assert panel.status_level == "good"
    assert "trained loss" in panel.status_text and "newly computed" in panel.status_text
    path = [l for l in panel.ax_slice.get_lines() if l.get_label() == "training path (per epoch)"]
    assert len(path) == 1 and len(path[0].get_xdata()) == 6
    assert "PCA direction 1" in panel.ax_slice.get_xlabel()
    assert len(panel.ax_loss.get_lines()[0].get_ydata()) == 6


def test_changing_the_plane_reuses_the_trained_network(panel):
    panel.controls["plane"].value = PLANES[1]
    assert CALLS == [((32,), 0)]
    assert panel.ax_slice.get_xlabel() == "direction 1 (a)"
    assert not [l for l in panel.ax_slice.get_lines() if l.get_label() == "training path (per epoch)"]


def test_returning_to_a_choice_is_cached(panel):
    panel.controls["seed"].value = 3
    panel.controls["seed"].value = 0
    assert CALLS == [((32,), 0), ((32,), 3)]
    assert "from the cache" in panel.status_text


def test_every_network_draws(panel):
    for name in NETWORKS:
        panel.controls["network"].value = name
        assert panel.status_level == "good", panel.status_text
        assert panel.status_text.startswith(name)


def test_a_failing_computation_is_reported_not_raised():
    def broken(hidden, seed):
        raise ValueError("no data")

    panel = LandscapePanel(points=9, compute=broken)
    assert panel.status_level == "bad" and "no data" in panel.status_text


def test_a_run_made_elsewhere_is_not_trained_again():
    CALLS.clear()
    made = small_run((32,), 0)
    CALLS.clear()
    panel = LandscapePanel(points=9, compute=small_run, trained={((32,), 0): made})
    assert CALLS == [] and panel.status_level == "good"
