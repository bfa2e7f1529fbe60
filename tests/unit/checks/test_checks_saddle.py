"""The "Check yourself" feedback of notebook 04 names the actual mistake."""
import math

import pytest

from helpers.checks.saddle import (FALL_QUIZ, HESSIAN_QUIZ, check_escape_prediction,
                            check_fall_sides, check_hessian_classes, fall_destination)

RIGHT_KINDS = {"A": "minimum", "B": "saddle", "C": "maximum", "D": "degenerate", "E": "saddle"}
RIGHT_SIDES = {"P": "right", "Q": "left", "R": "saddle", "S": "right"}


def test_the_quiz_answers_follow_from_eigenvalues_and_simulation():
    import numpy as np
    for name, h in HESSIAN_QUIZ.items():
        lam = np.linalg.eigvalsh(np.array(h))
        expected = ("saddle" if lam.min() < 0 < lam.max() else "degenerate" if np.any(lam == 0)
                    else "minimum" if lam.min() > 0 else "maximum")
        assert RIGHT_KINDS[name] == expected
    for name, start in FALL_QUIZ.items():
        sign = "right" if start[0] > 0 else "left" if start[0] < 0 else "saddle"
        assert fall_destination(start) == RIGHT_SIDES[name] == sign


@pytest.mark.parametrize("answers,status,phrase", [
    (RIGHT_KINDS, "correct", "Correct, all five"),
    ({k: v.upper() for k, v in RIGHT_KINDS.items()}, "correct", "Correct"),
    ({k: "..." for k in RIGHT_KINDS}, "not attempted", "Not attempted"),
    ({**RIGHT_KINDS, "B": "minimum"}, "wrong", "B: you said minimum, but the eigenvalues are -1, 3"),
    ({**RIGHT_KINDS, "D": "minimum"}, "wrong", "the second-order test cannot decide"),
    ({**RIGHT_KINDS, "E": "min"}, "wrong", "E: you said minimum"),
    ({**RIGHT_KINDS, "C": "bowl"}, "wrong", "“bowl” is not one of"),
    ({"A": "minimum"}, "wrong", "B: no answer yet"),
    (["minimum"], "wrong", "Give a dict"),
])
def test_hessian_feedback(answers, status, phrase, capsys):
    feedback = check_hessian_classes(answers)
    assert feedback.status == status and phrase in feedback.message
    assert phrase in capsys.readouterr().out


@pytest.mark.parametrize("answers,status,phrase", [
    (RIGHT_SIDES, "correct", "only the sign of the offset"),
    ({k: "..." for k in RIGHT_SIDES}, "not attempted", "Not attempted"),
    ({**RIGHT_SIDES, "Q": "right"}, "wrong", "x₀ = -1e-09 is negative"),
    ({**RIGHT_SIDES, "R": "left"}, "wrong", "x₀ is exactly 0"),
    ({**RIGHT_SIDES, "S": "up"}, "wrong", "“up” is not one of"),
])
def test_fall_feedback(answers, status, phrase, capsys):
    feedback = check_fall_sides(answers)
    assert feedback.status == status and phrase in feedback.message


def test_escape_prediction_feedback(capsys):
    exact = math.log(1e8) / math.log(1.1)
    assert check_escape_prediction(math.ceil(exact)).status == "correct"
    assert check_escape_prediction(exact).status == "correct"
    assert "1 + 2η" in check_escape_prediction(math.log(1e8) / math.log(1.05)).message
    assert check_escape_prediction(exact / 2).status == "wrong"
    assert check_escape_prediction(...).status == "not attempted"
    assert "Give a number" in check_escape_prediction("many").message
