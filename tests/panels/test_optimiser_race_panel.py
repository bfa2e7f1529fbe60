"""The optimiser-race panel of notebook 07 driven without a kernel."""
import numpy as np
import pytest

from helpers import optimisers as op
from helpers.panels.optimiser_race import LANDSCAPES, RACERS, STEPS, OptimiserRacePanel


@pytest.fixture(scope="module")
def panel():
    return OptimiserRacePanel()


@pytest.fixture(autouse=True)
def fresh(panel):
    """Every test starts from the panel's first state."""
    with panel.hold_updates():
        panel.controls["landscape"].value = "long valley"
        panel.controls["noise"].value = False
        panel.controls["kappa"].value = 25
        panel.controls["racers"].value = ("gradient descent", "momentum", "Nesterov", "RMSProp", "Adam")
        panel.controls["tune"].value = "Adam"
        panel.controls["explain"].value = True
        panel.reset()
    panel._on_landscape(None)
    yield


def path_of(panel, name):
    line = panel.paths[name]
    return np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float)


def test_first_draw_says_where_each_will_end(panel):
    assert panel.status_text.startswith("step 0 — press ▶ or step")
    for name in ("gradient descent", "momentum", "Nesterov", "RMSProp", "Adam"):
        assert name in panel.status_text
        assert len(path_of(panel, name)) == 1
    assert not panel.paths["AdaGrad"].get_visible()


def test_step_button_advances_one_step_and_status_changes(panel):
    before = panel.status_text
    panel.step()
    assert panel.controls["step"].value == 1
    assert panel.status_text != before and panel.status_text.startswith("step 1: ")
    assert all(len(path_of(panel, name)) == 2 for name in panel.race.entries)


def test_play_value_reveals_the_race_and_the_status_names_the_leader(panel):
    panel.controls["step"].value = 150
    race = panel.race
    leader = race.leader(150)
    assert f"{leader} leads" in panel.status_text
    np.testing.assert_allclose(path_of(panel, "Adam"), race.entries["Adam"].points[:151])
    assert panel.now_line.get_xdata()[0] == 150


def test_reset_goes_back_to_step_zero(panel):
    panel.controls["step"].value = 40
    panel.reset()
    assert panel.controls["step"].value == 0 and not panel.controls["step"].playing
    assert panel.status_text.startswith("step 0")


def test_changing_an_optimisers_lr_recomputes_only_that_one(panel):
    panel.controls["step"].value = 100
    momentum_before = panel.race.entries["momentum"]
    adam_before = panel.race.entries["Adam"].points.copy()
    panel.controls["lr"].value = 0.05   # tune is Adam
    assert panel.settings["Adam"]["lr"] == pytest.approx(0.05)
    assert panel.race.entries["momentum"] is momentum_before
    assert not np.allclose(panel.race.entries["Adam"].points, adam_before)
    assert panel.race.entries["Adam"].rule == op.Adam(0.05, 0.9, 0.999, 1e-8)


def test_tune_shows_that_optimisers_settings_and_disables_what_it_lacks(panel):
    panel.controls["tune"].value = "momentum"
    assert panel.controls["lr"].value == pytest.approx(0.5)
    assert panel.controls["beta2"].disabled and panel.controls["eps"].disabled
    assert not panel.controls["beta"].disabled
    panel.controls["tune"].value = "RMSProp"
    assert panel.controls["beta2"].value == pytest.approx(0.9)
    assert panel.controls["beta"].disabled and not panel.controls["eps"].disabled


@pytest.mark.parametrize("key, value", [("beta", 0.5), ("beta2", 0.9), ("eps", 1e-2)])
def test_each_setting_reaches_the_rule(panel, key, value):
    panel.controls[key].value = value
    rule = panel.race.entries["Adam"].rule
    assert getattr(rule, {"beta": "beta1"}.get(key, key)) == pytest.approx(value)


def test_diverging_setting_gives_a_message_and_finite_data(panel):
    panel.controls["tune"].value = "momentum"
    panel.controls["lr"].value = 10.0
    panel.controls["step"].value = STEPS
    assert panel.status_level == "bad"
    assert "diverged: momentum (step " in panel.status_text
    xy = path_of(panel, "momentum")
    assert np.all(np.isfinite(xy)) and len(xy) >= 2
    loss_y = np.asarray(panel.loss_lines["momentum"].get_ydata(), dtype=float)
    assert np.all(np.isfinite(loss_y))
    lo, hi = panel.ax_loss.get_ylim()
    assert np.isfinite(lo) and np.isfinite(hi)


@pytest.mark.parametrize("name", LANDSCAPES)
def test_every_landscape_and_its_noisy_variant(panel, name):
    panel.controls["landscape"].value = name
    panel.controls["step"].value = 120
    clean = panel.race.entries["Adam"].points.copy()
    assert panel.status_text.startswith("step 120: ")
    panel.controls["noise"].value = True
    noisy = panel.race.entries["Adam"].points
    assert not np.allclose(clean, noisy)
    assert np.isfinite(noisy[0]).all()


def test_kappa_moves_the_valley(panel):
    segments = [s.copy() for s in panel.valley_lines.get_segments()]
    panel.controls["kappa"].value = 100
    assert panel.objective.kappa == pytest.approx(100)
    assert not np.allclose(segments[0], panel.valley_lines.get_segments()[0])
    panel.controls["landscape"].value = "Rosenbrock"
    assert panel.controls["kappa"].disabled


def test_racers_can_be_chosen(panel):
    panel.controls["racers"].value = ("AdaGrad",)
    assert set(panel.race.entries) == {"AdaGrad"}
    assert panel.paths["AdaGrad"].get_visible() and not panel.paths["Adam"].get_visible()
    assert "Adam is not racing" in panel.explanation_text
    panel.controls["racers"].value = ()
    assert panel.status_text == "choose at least one optimiser"


def test_explain_this_update_draws_gradient_velocity_and_step(panel):
    panel.controls["step"].value = 30
    entry = panel.race.entries["Adam"]
    parts = entry.explain(30)
    offsets = panel.arrows.get_offsets()
    np.testing.assert_allclose(offsets[0], entry.points[30])
    u, v = panel.arrows.U, panel.arrows.V
    for row, vector in enumerate([-parts["gradient"], parts["velocity"], parts["step"]]):
        direction = np.array([u[row], v[row]])
        cosine = direction @ vector / (np.linalg.norm(direction) * np.linalg.norm(vector))
        assert cosine == pytest.approx(1.0)
    assert panel.explanation_text.startswith("Adam, step 30 → 31: gradient g = (")
    assert "step size per coordinate" in panel.explanation_text
    panel.controls["explain"].value = False
    assert not panel.arrows.get_visible() and panel.explanation_text == ""


def test_every_racer_can_be_tuned_and_explained(panel):
    panel.controls["racers"].value = RACERS
    panel.controls["step"].value = 10
    for name in RACERS:
        panel.controls["tune"].value = name
        assert panel.explanation_text.startswith(f"{name}, step 10 → 11")


def test_blitted_picture_equals_a_full_redraw(panel):
    panel.controls["step"].value = 60
    canvas = panel.fig.canvas
    canvas.draw()
    full = np.asarray(canvas.buffer_rgba()).copy()
    panel.controls["step"].value = 61
    panel.controls["step"].value = 60
    blitted = np.asarray(canvas.buffer_rgba()).copy()
    assert np.mean(np.any(full != blitted, axis=-1)) < 0.002


def test_an_error_inside_update_becomes_a_status_line(panel, monkeypatch):
    def broken():
        raise RuntimeError("boom")
    monkeypatch.setattr(panel, "compute", broken)
    panel.controls["step"].value = 5
    assert panel.status_level == "bad" and "RuntimeError: boom" in panel.status_text


def test_the_panel_can_open_at_a_later_step():
    later = OptimiserRacePanel(step=80)
    assert later.controls["step"].value == 80 and later.status_text.startswith("step 80: ")
    assert len(path_of(later, "Adam")) == 81


@pytest.mark.parametrize("change", ["tuned lr", "tune", "racers", "landscape round trip", "kappa"])
def test_layered_blit_equals_a_full_redraw_after_each_kind_of_change(change):
    panel = OptimiserRacePanel()
    canvas = panel.fig.canvas
    panel.controls["step"].value = 70
    panel.controls["lr"].value = 0.2          # a first change of the tuned optimiser saves a layer
    if change == "tuned lr":
        panel.controls["lr"].value = 0.12     # ...which this one reuses
    elif change == "tune":
        panel.controls["tune"].value = "momentum"
    elif change == "racers":
        panel.controls["racers"].value = ("AdaGrad", "Adam")
    elif change == "landscape round trip":
        panel.controls["landscape"].value = "Rosenbrock"
        panel.controls["landscape"].value = "long valley"
        panel.controls["lr"].value = 0.12
    else:
        panel.controls["kappa"].value = 100
    blitted = np.asarray(canvas.buffer_rgba()).copy()
    canvas.draw()
    full = np.asarray(canvas.buffer_rgba()).copy()
    assert np.mean(np.any(full != blitted, axis=-1)) < 0.002


def test_a_tuned_change_reuses_the_saved_layer_and_redraws_only_the_tuned_racer(monkeypatch):
    panel = OptimiserRacePanel()
    panel.controls["step"].value = 70
    panel.controls["lr"].value = 0.2
    drawn = []
    monkeypatch.setattr(panel.fig, "draw_artist", drawn.append)
    panel.controls["lr"].value = 0.12
    tuned = [panel.paths["Adam"], panel.heads["Adam"], panel.loss_lines["Adam"], panel.arrows]
    assert drawn == tuned
