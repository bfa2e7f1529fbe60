"""The class hub end to end: two students log in, each runs notebook 01 in their own server and
copy of the notebooks, through the hub's proxy, and moves a slider; then everything stops."""
from hub_driver import (COURSE_NOTEBOOKS, class_hub, hub_processes, kernel_peaks, log_in,
                        open_course_notebook, prepare_home)
from jupyter_driver import error_outputs, panel_cell, run_all, slider_readout, type_into_readout

STUDENTS = ("ada", "grace")
NOTEBOOK = "01_gradient_descent_1d.ipynb"


def move_learning_rate_to_divergence(page) -> str:
    cell = panel_cell(page, "Descent1DPanel()")
    cell.scroll_into_view_if_needed()
    type_into_readout(slider_readout(page, "learning rate η", within=cell), "1.5")
    page.wait_for_function("() => [...document.querySelectorAll('.widget-html-content')]"
                           ".some(x => x.innerText.includes('diverged at step'))")
    return cell.locator(".widget-html-content").first.inner_text()


def arrow_key_moves_the_slider(page) -> bool:
    """The tooltip promises keyboard use: focus the η handle, press an arrow, the value moves."""
    cell = panel_cell(page, "Descent1DPanel()")
    readout = slider_readout(page, "learning rate η", within=cell)
    slider = cell.locator(".widget-slider").filter(has=page.locator(".widget-label", has_text="learning rate η"))
    before = readout.inner_text()
    slider.locator(".noUi-handle").first.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("([el, old]) => el.innerText !== old", arg=[readout.element_handle(), before])
    return readout.inner_text() != before


def look_menu_turns_the_panel_dark(page) -> bool:
    """The panel's look menu (a native select, focusable) re-styles the panel live: its status
    chip turns dark."""
    cell = panel_cell(page, "Descent1DPanel()")
    box = cell.locator(".widget-dropdown").filter(has=page.locator("label", has_text="look"))
    menu = box.locator("select")
    menu.focus()
    menu.select_option(label="dark")
    # The status line's HTML is replaced on every change: look its chip up afresh each time.
    page.wait_for_function("cell => { const chip = cell.querySelector('.widget-html-content span');"
                           " return chip && getComputedStyle(chip).backgroundColor === 'rgb(30, 30, 30)'; }",
                           arg=cell.element_handle())
    return True


def test_two_students_run_a_notebook_and_move_a_slider_then_nothing_is_left_running(browser, tmp_path):
    run = tmp_path / "hub"
    for student in STUDENTS:
        prepare_home(run, student)
    with class_hub(run) as hub_url:
        contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in STUDENTS]
        pages = [context.new_page() for context in contexts]
        for page, student in zip(pages, STUDENTS):
            page.set_default_timeout(120_000)
            log_in(page, hub_url, student)
            assert page.url.startswith(f"{hub_url}/user/{student}/lab/"), page.url
        servers = [cmd for cmd in hub_processes(run).values() if "jupyterhub-singleuser" in cmd]
        assert len(servers) == len(STUDENTS)
        for page, student in zip(pages, STUDENTS):
            open_course_notebook(page, hub_url, student, NOTEBOOK)
            run_all(page)
            assert not error_outputs(page), error_outputs(page)
            assert "diverged at step" in move_learning_rate_to_divergence(page)
            assert arrow_key_moves_the_slider(page)
            assert look_menu_turns_the_panel_dark(page)
            assert (run / "home" / student / COURSE_NOTEBOOKS / NOTEBOOK).is_file()
        assert sorted(kernel_peaks(run)) == sorted(STUDENTS)  # one kernel each, in its own server
        for context in contexts:
            context.close()
        assert any("configurable-http-proxy" in cmd for cmd in hub_processes(run).values())
    assert class_hub.left_running == {}, f"still running after the hub stopped: {class_hub.left_running}"
    assert hub_processes(run) == {}
