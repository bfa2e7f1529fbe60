"""Notebook 08's checks: specific feedback, no answer in the "not attempted" text, never a traceback."""
import numpy as np
import pytest

from helpers.checks import EDGE_EXERCISE_LR, check_edge_prediction, check_normalised_margin


def test_edge_prediction_verdicts(capsys):
    assert check_edge_prediction(None).status == "not attempted"
    assert "40" not in capsys.readouterr().out
    assert check_edge_prediction(2 / EDGE_EXERCISE_LR).status == "correct"
    assert "1/η" in check_edge_prediction(1 / EDGE_EXERCISE_LR).message
    assert "step size" in check_edge_prediction(2 * EDGE_EXERCISE_LR).message
    assert "(1 − ηλ)" in check_edge_prediction(7).message
    for bad in ("forty", float("nan"), [40]):
        assert check_edge_prediction(bad).status == "wrong"


def not_attempted(w, X, y):
    raise NotImplementedError


@pytest.mark.parametrize("function, status, phrase", [
    (not_attempted, "not attempted", "Not attempted"),
    (lambda w, X, y: np.min(y * (X @ w)) / np.linalg.norm(w), "correct", "Correct"),
    (lambda w, X, y: np.min(y * (X @ w)), "wrong", "‖w‖"),
    (lambda w, X, y: np.mean(y * (X @ w)) / np.linalg.norm(w), "wrong", "minimum"),
    (lambda w, X, y: np.min(X @ w) / np.linalg.norm(w), "wrong", "label"),
    (lambda w, X, y: y * (X @ w), "wrong", "one number"),
    (lambda w, X, y: 1 / 0, "wrong", "ZeroDivisionError"),
    (lambda w, X, y: 0.5, "wrong", "Not yet"),
])
def test_normalised_margin_verdicts(function, status, phrase, capsys):
    feedback = check_normalised_margin(function)
    assert feedback.status == status and phrase in feedback.message
    if status == "not attempted":
        assert "min" not in capsys.readouterr().out
