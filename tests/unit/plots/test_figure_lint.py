"""The figure rules catch what they promise, and every panel obeys them."""
import importlib
import inspect
import pkgutil

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import panels  # noqa: E402
from helpers.panels.base import Panel  # noqa: E402
from helpers.plots import lint, static_figure  # noqa: E402


def test_a_clean_figure_has_no_problems():
    fig, ax = static_figure(figsize=(6, 3))
    ax.plot([0, 1], [0, 1], label="line")
    ax.set_title("title")
    ax.legend()
    assert lint.problems(fig) == []
    plt.close(fig)


def test_too_wide_too_small_overlapping_and_outside_are_all_caught():
    fig, ax = static_figure(figsize=(9.6, 3))
    ax.text(0.5, 0.5, "tiny", fontsize=5, transform=ax.transAxes)
    ax.text(0.2, 0.2, "first label", transform=ax.transAxes)
    ax.text(0.21, 0.2, "second label", transform=ax.transAxes)
    fig.text(0.99, 0.5, "far too long a caption to fit")
    found = " | ".join(lint.problems(fig))
    assert "960 px wide" in found
    assert "'tiny' is 6.9 px high" in found
    assert "'first label' overlaps 'second label'" in found
    assert "sticks out of the figure" in found
    plt.close(fig)


def test_enforce_raises_only_in_strict_mode(monkeypatch):
    fig, ax = static_figure(figsize=(9.6, 3))
    monkeypatch.setenv("WORKBOOK_STRICT_FIGURES", "0")
    lint.enforce(fig)
    monkeypatch.setenv("WORKBOOK_STRICT_FIGURES", "1")
    with pytest.raises(lint.FigureRuleError, match="px wide"):
        lint.enforce(fig)
    plt.close(fig)


def _panel_classes():
    """Every Panel subclass defined in a module of helpers/panels/ (new panels join by themselves)."""
    found = []
    for info in pkgutil.iter_modules(panels.__path__):
        module = importlib.import_module(f"helpers.panels.{info.name}")
        found += [obj for _, obj in inspect.getmembers(module, inspect.isclass)
                  if issubclass(obj, Panel) and obj is not Panel and obj.__module__ == module.__name__]
    return found


PANELS = _panel_classes()


def test_every_panel_is_listed():
    assert len(PANELS) >= 8


@pytest.mark.parametrize("panel_class", PANELS, ids=lambda c: c.__name__)
def test_every_panel_obeys_the_figure_rules(panel_class):
    panel = panel_class()
    assert lint.problems(panel.fig) == []
    plt.close(panel.fig)


def test_a_tightly_saved_figure_is_measured_as_saved():
    import io

    from PIL import Image
    fig, ax = static_figure(figsize=(8.6, 3))
    ax.set_ylabel("a label that widens the saved picture")
    ax.set_title("a title")
    fig.canvas.draw()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    assert abs(Image.open(buffer).size[0] - lint.saved_width_px(fig)) <= 2
    fig.set_figwidth(9.6)
    assert any("px wide" in problem for problem in lint.problems(fig, saved_tight=True))
    plt.close(fig)


@pytest.mark.parametrize("mode", ["projector", "dark"])
@pytest.mark.parametrize("panel_class", PANELS, ids=lambda c: c.__name__)
def test_every_panel_made_in_projector_and_dark_mode_obeys_the_figure_rules(panel_class, mode):
    from helpers.plots import style

    style.use(mode)
    try:
        panel = panel_class()
        assert lint.problems(panel.fig) == [], mode
        plt.close(panel.fig)
    finally:
        style.use("default")


@pytest.mark.parametrize("panel_class", PANELS, ids=lambda c: c.__name__)
def test_every_panel_restyled_by_its_look_menu_obeys_the_figure_rules(panel_class):
    """Made in the standard look, then switched live to each look (and back), as a student's
    menu does: larger text in a figure of the same size must still fit, without overlaps."""
    panel = panel_class()
    for mode in ("projector", "dark", "colourblind", "default"):
        panel.set_look(mode)
        assert panel.last_error is None, (mode, panel.last_error)
        assert lint.problems(panel.fig) == [], mode
    plt.close(panel.fig)


@pytest.mark.parametrize("panel_class", PANELS, ids=lambda c: c.__name__)
def test_every_slider_of_every_panel_has_a_tooltip_that_names_it_and_the_arrow_keys(panel_class):
    import ipywidgets as widgets

    from helpers.panels.base import SLIDERS

    panel = panel_class()
    sliders = [c for c in panel.controls.values() if isinstance(c, SLIDERS)]
    assert sliders, panel_class.__name__
    for slider in sliders:
        assert slider.description in slider.tooltip and "arrow keys" in slider.tooltip, slider.description
    menus = [c for c in panel.controls.values() if isinstance(c, widgets.Dropdown)] + [panel.look_control]
    assert all(menu.tooltip for menu in menus)
    plt.close(panel.fig)
