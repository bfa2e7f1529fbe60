"""Notebook 08: every catalogued mistake gets its own message; right answers pass; garbage gets a
one-line verdict and never a traceback."""
import time

import numpy as np
import pytest

from helpers.checks import (EDGE, EDGE_EXERCISE_LR, EXERCISES, MARGIN, check_edge_prediction,
                            check_normalised_margin, leaks)

from test_feedback import GARBAGE

LR = EDGE_EXERCISE_LR

EDGE_MUTANTS = {
    "one_over_lr": 1 / LR,
    "a_step_size": 2 * LR,
    "shown_run": 2 / 0.2,
    "overshoot_peak": 13,
    "curvature_doubled": 4 / LR,
    "negative": -2 / LR,
}


def test_both_exercises_are_catalogued():
    assert EDGE in EXERCISES and MARGIN in EXERCISES


@pytest.mark.parametrize("key", [m.key for m in EDGE.mistakes])
def test_edge_mistakes(key, names_mistake):
    names_mistake(check_edge_prediction(EDGE_MUTANTS[key]), EDGE, key)


def test_edge_other_forms_of_the_same_mistakes(names_mistake):
    names_mistake(check_edge_prediction(LR / 2), EDGE, "a_step_size")
    names_mistake(check_edge_prediction(np.float32(10.2)), EDGE, "shown_run")
    names_mistake(check_edge_prediction(40), EDGE, "shown_run")  # the η = 0.05 run's line


def test_edge_right_answers_and_the_untouched_cell(capsys):
    assert LR == 0.01
    for right in (200, 200.0, 207, np.array([200.0]), np.float32(197.5)):
        assert check_edge_prediction(right).status == "correct", right
    capsys.readouterr()
    assert check_edge_prediction(None).status == "not attempted"
    assert check_edge_prediction(...).status == "not attempted"
    out = capsys.readouterr().out
    assert leaks(out, EDGE.answer_keys) == [] and "2/η" not in out


def test_edge_unexplained_answer_gets_the_hint_later():
    first, second = check_edge_prediction(7), check_edge_prediction(7)
    assert first.status == "wrong" and first.mistake is None
    assert EDGE.hint not in first.message and EDGE.hint in second.message


@pytest.mark.parametrize("answer, key", [
    ("forty", "not_a_number"), ("200", "not_a_number"), (float("nan"), "not_finite"), ([200, 20], "wrong_shape"),
    ({"x": 200}, "not_a_number"), (1j, "not_a_number"), (True, "not_a_number"),
    (np.inf, "not_finite")])
def test_edge_garbage_gets_a_one_line_verdict(answer, key):
    verdict = check_edge_prediction(answer)
    assert verdict.status == "wrong" and verdict.mistake == key and "\n" not in verdict.message


def right_margin(w, X, y):
    return np.min(y * (X @ w)) / np.linalg.norm(w)


def not_attempted(w, X, y):
    raise NotImplementedError


MARGIN_MUTANTS = {
    "no_norm": lambda w, X, y: np.min(y * (X @ w)),
    "squared_norm": lambda w, X, y: np.min(y * (X @ w)) / np.linalg.norm(w) ** 2,
    "l1_norm": lambda w, X, y: np.min(y * (X @ w)) / np.sum(np.abs(w)),
    "mean_not_min": lambda w, X, y: np.mean(y * (X @ w)) / np.linalg.norm(w),
    "max_not_min": lambda w, X, y: np.max(y * (X @ w)) / np.linalg.norm(w),
    "no_labels": lambda w, X, y: np.min(X @ w) / np.linalg.norm(w),
    "absolute_value": lambda w, X, y: np.min(np.abs(X @ w)) / np.linalg.norm(w),
    "per_point": lambda w, X, y: y * (X @ w) / np.linalg.norm(w),
    "nearest_index": lambda w, X, y: np.argmin(y * (X @ w)),
}


@pytest.mark.parametrize("key", [m.key for m in MARGIN.mistakes])
def test_margin_mistakes(key, names_mistake):
    names_mistake(check_normalised_margin(MARGIN_MUTANTS[key]), MARGIN, key)


def test_margin_mistakes_written_another_way(names_mistake):
    def loop_mean(w, X, y):  # the mean written as a loop, without ‖w‖
        return sum(yi * (xi @ w) for xi, yi in zip(X, y)) / len(y)

    names_mistake(check_normalised_margin(loop_mean), MARGIN, "mean_not_min")
    names_mistake(check_normalised_margin(lambda w, X, y: list(y * (X @ w))), MARGIN, "per_point")


def test_margin_right_answers_and_the_untouched_cell(capsys):
    assert check_normalised_margin(right_margin).status == "correct"

    def loop(w, X, y):
        return min(yi * float(np.dot(w, xi)) for xi, yi in zip(X, y)) / np.sqrt(w @ w)

    assert check_normalised_margin(loop).status == "correct"
    capsys.readouterr()
    assert check_normalised_margin(not_attempted).status == "not attempted"
    out = capsys.readouterr().out
    assert leaks(out, MARGIN.answer_keys) == [] and "min" not in out


def test_margin_unexplained_answer():
    verdict = check_normalised_margin(lambda w, X, y: 0.5)
    assert verdict.status == "wrong" and verdict.mistake is None


@pytest.mark.parametrize("name", GARBAGE)
def test_margin_garbage_gets_a_one_line_verdict(name, capsys):
    started = time.monotonic()
    verdict = check_normalised_margin(GARBAGE[name])
    assert time.monotonic() - started < 3
    assert verdict.status == "wrong" and verdict.mistake is not None, verdict
    assert "\n" not in verdict.message and "Traceback" not in capsys.readouterr().out


def test_margin_never_changes_the_checks_data():
    def vandal(w, X, y):
        X[:] = 0
        y[:] = 0
        w[:] = 0
        return 0.0

    check_normalised_margin(vandal)
    assert check_normalised_margin(right_margin).status == "correct"
