"""The style switch, and the colour test: no two roles told apart by colour alone."""
from itertools import combinations

import colorspacious
import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.colors import to_rgb

from helpers import objectives, plots
from helpers.plots import style
from helpers.panels.base import how_to_use
from helpers.panels.descent_1d import Descent1DPanel

DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")


@pytest.fixture(autouse=True)
def back_to_default():
    yield
    style.use("default")


def delta_e(colour_a: str, colour_b: str, deficiency: str | None) -> float:
    """CAM02-UCS colour difference as seen with a full (severity 100) deficiency, or without."""
    space = ("sRGB1" if deficiency is None
             else {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100})
    a, b = (colorspacious.cspace_convert(to_rgb(c), space, "CAM02-UCS") for c in (colour_a, colour_b))
    return float(np.linalg.norm(a - b))


def weakest(colour_a: str, colour_b: str) -> float:
    return min(delta_e(colour_a, colour_b, d) for d in (None, *DEFICIENCIES))


@pytest.mark.parametrize("mode", sorted(style.PALETTES))
def test_every_pair_of_roles_differs_in_shape_or_by_a_large_colour_difference_under_each_deficiency(mode):
    palette = style.PALETTES[mode]
    assert set(palette) == set(style.ROLE_SHAPES)
    for role_a, role_b in combinations(sorted(palette), 2):
        if style.ROLE_SHAPES[role_a] == style.ROLE_SHAPES[role_b]:
            difference = weakest(palette[role_a], palette[role_b])
            assert difference >= style.MIN_DELTA_E, (mode, role_a, role_b, difference)


@pytest.mark.parametrize("mode", sorted(style.PALETTES))
def test_every_role_stands_out_from_the_background_under_each_deficiency(mode):
    for role, colour in style.PALETTES[mode].items():
        difference = weakest(colour, style.background(mode))
        assert difference >= style.MIN_DELTA_E, (mode, role, difference)


def test_the_default_start_and_minimum_colours_are_the_weak_pair_that_shapes_must_separate():
    default = style.PALETTES["default"]
    assert delta_e(default["start"], default["minimum"], "deuteranomaly") < style.MIN_DELTA_E
    assert style.ROLE_SHAPES["start"] != style.ROLE_SHAPES["minimum"]
    assert weakest(style.PALETTES["colourblind"]["start"], style.PALETTES["colourblind"]["minimum"]) \
        >= style.MIN_DELTA_E


def test_inline_okabe_ito_list_is_the_one_matplotlib_ships():
    shipped = mpl.color_sequences["okabe_ito"]
    assert [mpl.colors.to_hex(c).upper() for c in shipped] == list(style.OKABE_ITO)
    assert style.okabe_ito() == list(style.OKABE_ITO)


def _shape(line) -> tuple[str, str, str]:
    marker = line.get_marker()
    marker = "" if marker in ("None", "", None) else marker
    linestyle = "" if line.get_linestyle() in ("None", "") else line.get_linestyle()
    fill = line.get_fillstyle() if marker else ""
    if marker and line.get_markerfacecolor() == "none":
        fill = "none"
    return marker, linestyle, fill


def test_the_drawing_functions_draw_each_role_with_its_declared_shape():
    fig, ax = plots.static_figure()
    objective = objectives.quadratic()
    curve = plots.one_d.plot_function(ax, objective)
    line, start, end = plots.one_d.plot_path_1d(ax, objective.f, [1.0, 0.5, 0.25])
    drawn = {"curve": curve, "path": line, "start": start, "end": end}
    for role, artist in drawn.items():
        marker, linestyle, fill = _shape(artist)
        expected = style.ROLE_SHAPES[role]
        assert (marker in ("o", ".") if expected[0] == "o" else marker == expected[0]), role
        assert fill == expected[2], role
        assert linestyle == expected[1], role
    tangents = plots.one_d.plot_tangents(ax, objective.f, objective.df, np.array([0.5]), half_width=0.2)
    assert tangents.get_linestyle()[0][1] is None  # solid, like the curve: told apart by colour
    artists = plots.saddle.plot_definite_fractions(ax, np.array([1, 2]), np.array([0.5, 0.0]), trials=100)
    assert _shape(artists[-1]) == style.ROLE_SHAPES["minimum"]


@pytest.mark.parametrize("mode", ["projector", "colourblind", "dark"])
def test_use_changes_the_role_colours_in_place_and_default_restores_them(mode):
    colours = plots.COLOURS
    before = dict(colours)
    font = mpl.rcParams["font.size"]
    style.use(mode)
    assert plots.COLOURS is colours and colours == style.PALETTES[mode]
    assert style.current() == mode
    fig, ax = plots.static_figure()
    (line,) = ax.plot([0, 1], [0, 1])
    assert mpl.colors.to_hex(line.get_color()).upper() in style.OKABE_ITO
    if mode == "projector":
        assert mpl.rcParams["font.size"] > font and mpl.rcParams["lines.linewidth"] >= 3
    if mode == "dark":
        assert mpl.rcParams["axes.facecolor"] == style.background("dark")
    style.use("default")
    assert colours == before and mpl.rcParams["font.size"] == font
    assert mpl.rcParams["axes.facecolor"] == "white"


def test_an_unknown_style_name_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown style 'bright': choose one of"):
        style.use("bright")


def test_a_panel_made_after_the_switch_uses_the_new_colours_and_every_slider_has_a_tooltip():
    style.use("colourblind")
    panel = Descent1DPanel()
    colours = {mpl.colors.to_hex(line.get_color()).upper() for line in panel.fig.axes[0].lines}
    assert style.PALETTES["colourblind"]["curve"].upper() in colours
    sliders = [c for c in panel.controls.values() if isinstance(c, widgets.FloatSlider | widgets.FloatLogSlider)]
    assert sliders and all("arrow keys" in s.tooltip and s.description in s.tooltip for s in sliders)


def test_tooltips_say_how_to_use_each_kind_of_control():
    assert "type a number" in how_to_use(widgets.IntSlider(description="steps"))
    assert "pick from the list" in how_to_use(widgets.Dropdown(options=["a"], description="f"))
    assert how_to_use(widgets.Checkbox(description="show")) == "show"


def _luminance(colour: str) -> float:
    channels = np.array(to_rgb(colour))
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("mode", sorted(style.PALETTES))
def test_status_line_text_reads_on_its_chip_in_every_look(mode):
    colours = style.status_colours(mode)
    for level in ("good", "warn", "bad", "info"):
        assert contrast(colours[level], colours["chip"]) >= 4.5, (mode, level)


def _line_colours(fig) -> set[str]:
    return {mpl.colors.to_hex(line.get_color()).upper() for ax in fig.axes for line in ax.lines}


def test_the_look_menu_restyles_one_panel_live_and_leaves_the_workbook_as_it_was():
    panel = Descent1DPanel()
    other = __import__("helpers.panels.step_size", fromlist=["RegimePanel"]).RegimePanel()
    default_colours = dict(plots.COLOURS)
    assert panel.look_control.value == "default"
    assert style.PALETTES["default"]["curve"].upper() in _line_colours(panel.fig)

    panel.look_control.value = "colourblind"  # what the menu does
    assert panel.look == "colourblind" and panel.last_error is None
    colours = _line_colours(panel.fig)
    assert style.PALETTES["colourblind"]["curve"].upper() in colours
    assert style.PALETTES["default"]["curve"].upper() not in colours
    assert plots.COLOURS == default_colours and style.current() == "default"
    assert style.PALETTES["default"]["curve"].upper() in _line_colours(other.fig)

    panel.set_look("dark")
    assert mpl.colors.to_hex(panel.fig.axes[0].get_facecolor()) == style.background("dark")
    assert mpl.colors.to_hex(panel.fig.get_facecolor()) == style.background("dark")
    assert "background:#1e1e1e" in panel.status.value
    assert panel.look_control.value == "dark"
    # A later update draws in the panel's look, not the workbook's.
    panel.controls["lr"].value = 0.9
    assert panel.last_error is None and style.current() == "default"
    assert style.PALETTES["dark"]["curve"].upper() in _line_colours(panel.fig)

    font = panel.fig.axes[0].xaxis.label.get_fontsize()
    panel.set_look("projector")
    assert panel.fig.axes[0].xaxis.label.get_fontsize() > font
    assert mpl.colors.to_hex(panel.fig.axes[0].get_facecolor()) == "#ffffff"
    panel.set_look("default")
    assert panel.fig.axes[0].xaxis.label.get_fontsize() == font
    assert style.PALETTES["default"]["curve"].upper() in _line_colours(panel.fig)
    assert "background:#ffffff" in panel.status.value


def test_an_unknown_look_is_a_clear_error():
    panel = Descent1DPanel()
    with pytest.raises(ValueError, match="unknown look 'neon'"):
        panel.set_look("neon")


def test_the_look_menu_is_shown_with_the_controls_and_has_a_tooltip(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: shown.append(a[0]))
    panel = Descent1DPanel()
    panel.show()
    assert panel.look_control in shown[0].children
    assert [label for label, _ in panel.look_control.options] == list(style.LOOKS)
    assert "pick from the list" in panel.look_control.tooltip and "projector" in panel.look_control.tooltip
