"""The shared machinery: a check never raises or hangs, whatever the reader's code does."""
import sys
import threading
import time
import types

import numpy as np
import pytest

from helpers import checks
from helpers.checks import feedback
from helpers.checks.feedback import Unusable, as_array, as_number, call_student, leaks


def endless(*args):
    while True:
        pass


def endless_swallowing(*args):
    while True:
        try:
            time.sleep(0.01)
        except Exception:  # a reader's broad except must not swallow the time limit
            pass


def recursive(*args):
    return recursive(*args)


def test_an_endless_loop_is_stopped_quickly():
    started = time.monotonic()
    value, problem = call_student(endless, 1)
    assert time.monotonic() - started < 2
    assert value is None and problem.key == "too_slow" and "stopped" in problem.message


def test_a_broad_except_cannot_swallow_the_time_limit():
    _, problem = call_student(endless_swallowing)
    assert problem.key == "too_slow"


def test_off_the_main_thread_the_loop_is_stopped_not_left_running():
    """A runaway loop left in a background thread would hold the interpreter lock and slow
    every later cell of the session (each numpy call waiting for the lock): it must end."""
    box = {}
    before = set(threading.enumerate())
    worker = threading.Thread(target=lambda: box.update(result=call_student(endless)))
    started = time.monotonic()
    worker.start()
    worker.join(5)
    assert time.monotonic() - started < 4 and box["result"][1].key == "too_slow"
    assert set(threading.enumerate()) <= before  # the student's thread has ended too


@pytest.fixture
def in_pyodide(monkeypatch):
    """The browser edition's Python: no timer signals, no threads (the trace path is taken)."""
    monkeypatch.setattr(feedback.sys, "platform", "emscripten")
    monkeypatch.setattr(feedback, "signal", types.SimpleNamespace())  # no setitimer, no SIGALRM
    monkeypatch.setattr(feedback.threading.Thread, "start",
                        lambda self: (_ for _ in ()).throw(RuntimeError("can't start new thread")))


@pytest.mark.parametrize("function", [endless, endless_swallowing])
def test_in_pyodide_an_endless_loop_is_stopped_too(in_pyodide, function):
    tracer = sys.gettrace()
    value, problem = call_student(function, 1)
    assert value is None and problem.key == "too_slow"
    assert sys.gettrace() is tracer  # the trace function is removed again


def test_in_pyodide_working_code_and_errors_read_as_elsewhere(in_pyodide):
    assert call_student(lambda x: np.asarray(x) * 2, [1, 2])[0].tolist() == [2, 4]
    assert call_student(recursive)[1].key == "raised"

    def not_yet(x):
        raise NotImplementedError

    assert call_student(not_yet, 1) == (None, "not attempted")


def test_exceptions_become_one_line_messages():
    _, problem = call_student(lambda: 1 / 0)
    assert problem.key == "raised" and "ZeroDivisionError" in problem.message
    assert "\n" not in problem.message and "line" in problem.message
    _, problem = call_student(recursive)
    assert problem.key == "raised" and "RecursionError" in problem.message
    _, problem = call_student(lambda: np.ones((4, 2)) @ np.ones((3, 1)))
    assert problem.key == "shapes_do_not_fit"
    _, problem = call_student(lambda: exit())
    assert problem.key == "raised"
    assert call_student(lambda: (_ for _ in ()).throw(NotImplementedError)) == (None, "not attempted")
    _, problem = call_student(42)
    assert problem.key == "not_callable"


def test_arguments_are_copied():
    data = np.ones(3)
    call_student(lambda a: a.fill(0), data)
    assert np.all(data == 1)


@pytest.mark.parametrize("value,key", [
    (None, "returned_none"), ("0.5", "not_a_number"), ({"a": 1}, "not_a_number"),
    (1 + 2j, "not_a_number"), (True, "not_a_number"), ((1.0, 2.0), "wrong_shape"),
    ([1.0, 2.0, 3.0], "wrong_shape"), (float("nan"), "not_finite"), (np.inf, "not_finite"),
    (object(), "not_a_number")])
def test_as_number_names_each_problem(value, key):
    with pytest.raises(Unusable) as caught:
        as_number(value)
    assert caught.value.key == key and "\n" not in caught.value.message
    assert " at 0x" not in caught.value.message


@pytest.mark.parametrize("value,key", [
    (None, "returned_none"), ("abc", "not_a_number"), ({"a": 1}, "not_a_number"),
    (np.array([1j, 2]), "not_a_number"), ([[1, 2], [3]], "not_a_number"),
    ([1.0, np.nan], "not_finite"), ([np.inf], "not_finite")])
def test_as_array_names_each_problem(value, key):
    with pytest.raises(Unusable) as caught:
        as_array(value)
    assert caught.value.key == key


def test_numbers_in_any_form_are_read():
    assert as_number(np.float32(0.5)) == 0.5 and as_number(np.array([[2.0]])) == 2.0
    assert as_number(3) == 3.0
    assert as_array((1, 2)).shape == (2,)


def test_help_grows_with_the_attempts(capsys):
    ex = checks.CENTRAL_DIFFERENCE
    wrong = lambda f, x, h: (f(x + h) - f(x)) / h
    first = checks.check_central_difference(wrong)
    second = checks.check_central_difference(wrong)
    third = checks.check_central_difference(wrong)
    hint = ex.mistake("forward_difference").hint
    assert hint not in first.message and "Hint: " + hint in second.message
    assert "Show solutions" in third.message and "Show solutions" not in second.message
    feedback.reset_attempts()
    assert hint not in checks.check_central_difference(wrong).message


def test_leaks_ignores_spacing_and_matches_whole_numbers():
    assert leaks("return X − lr · (X @ A)", ["X - lr * X @ A"]) == ["X - lr * X @ A"]
    assert leaks("η = 0.25", ["0.2"]) == [] and leaks("η = 0.2.", ["0.2"]) == ["0.2"]
    assert leaks("use f(x + h) and f(x − h)", ["(f(x + h) - f(x - h)) / (2 * h)"]) == []


def test_the_catalogue_reads_as_a_table():
    text = checks.catalogue()
    for ex in checks.EXERCISES:
        assert ex.title in text and all(m.message in text for m in ex.mistakes)
    assert len({ex.key for ex in checks.EXERCISES}) == len(checks.EXERCISES)


@pytest.mark.parametrize("exercise", checks.EXERCISES, ids=lambda e: e.key)
def test_no_message_gives_the_answer(exercise):
    texts = [exercise.not_attempted, exercise.unexplained, exercise.hint]
    texts += [m.message for m in exercise.mistakes] + [m.hint for m in exercise.mistakes]
    for text in texts:
        assert leaks(text, exercise.answer_keys) == [], text
    assert len({m.key for m in exercise.mistakes}) == len(exercise.mistakes)


FUNCTION_CHECKS = [checks.check_descent_loop, checks.check_central_difference,
                   checks.check_gradient_2d, checks.check_vectorised_step,
                   checks.check_output_delta, checks.check_backward_2_3_1,
                   checks.check_sigmoid_chain_bound, checks.check_clip_by_norm]


def raises_value_error(*args):
    raise ValueError("something inside")


GARBAGE = {
    "None": lambda *a: None, "str": lambda *a: "0.5", "tuple": lambda *a: (1.0, 2.0, 3.0),
    "dict": lambda *a: {"answer": 1}, "complex": lambda *a: 1 + 2j, "nan": lambda *a: np.nan,
    "inf array": lambda *a: np.full((4, 2), np.inf), "raises": raises_value_error,
    "endless": endless, "object": lambda *a: object(), "ragged": lambda *a: [[1.0], [1.0, 2.0]],
    "wrong arity": lambda: 0, "huge": lambda *a: np.ones(10 ** 5),
}


@pytest.mark.parametrize("check", FUNCTION_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", GARBAGE)
def test_garbage_gets_a_one_line_verdict(check, name, capsys):
    started = time.monotonic()
    verdict = check(GARBAGE[name])
    assert time.monotonic() - started < 3
    assert verdict.status == "wrong" and verdict.mistake is not None, verdict
    assert "\n" not in verdict.message and "Traceback" not in capsys.readouterr().out


@pytest.mark.parametrize("check,answer", [
    (checks.check_first_step, "x"), (checks.check_cliff_prediction, [1, 2]),
    (checks.check_best_step, ("a", 1)), (checks.check_escape_prediction, 1j),
    (checks.check_hessian_classes, None), (checks.check_fall_sides, 3.0)])
def test_typed_answers_never_raise(check, answer):
    args = answer if isinstance(answer, tuple) else (answer,)
    verdict = check(*args)
    assert verdict.status in ("wrong", "not attempted")
