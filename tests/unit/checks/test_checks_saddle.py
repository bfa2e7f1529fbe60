"""Notebook 04: every catalogued mistake gets its own message, and no message names the answer."""
import math

import numpy as np
import pytest

from helpers.checks import (ESCAPE, FALL_SIDES, HESSIAN_CLASSES, check_escape_prediction,
                            check_fall_sides, check_hessian_classes)
from helpers.checks.saddle import FALL_QUIZ, HESSIAN_QUIZ, fall_destination

RIGHT_KINDS = {"A": "minimum", "B": "saddle", "C": "maximum", "D": "degenerate", "E": "saddle"}
RIGHT_SIDES = {"P": "right", "Q": "left", "R": "saddle", "S": "right"}


def test_the_quiz_answers_follow_from_eigenvalues_and_simulation():
    for name, h in HESSIAN_QUIZ.items():
        lam = np.linalg.eigvalsh(np.array(h))
        expected = ("saddle" if lam.min() < 0 < lam.max() else "degenerate" if np.any(lam == 0)
                    else "minimum" if lam.min() > 0 else "maximum")
        assert RIGHT_KINDS[name] == expected
    for name, start in FALL_QUIZ.items():
        sign = "right" if start[0] > 0 else "left" if start[0] < 0 else "saddle"
        assert fall_destination(start) == RIGHT_SIDES[name] == sign


KIND_MUTANTS = {
    "diagonal_rule": {**RIGHT_KINDS, "B": "minimum"},
    "zero_eigenvalue": {**RIGHT_KINDS, "D": "minimum"},
    "signs_swapped": {**RIGHT_KINDS, "A": "maximum"},
    "determinant_only": {**RIGHT_KINDS, "C": "minimum"},
    "not_a_class": {**RIGHT_KINDS, "C": "sadle"},
    "missing": {k: v for k, v in RIGHT_KINDS.items() if k != "E"},
}


@pytest.mark.parametrize("key", [m.key for m in HESSIAN_CLASSES.mistakes])
def test_hessian_mistakes(key, names_mistake):
    verdict = check_hessian_classes(KIND_MUTANTS[key])
    names_mistake(verdict, HESSIAN_CLASSES, key)


@pytest.mark.parametrize("wrong", [{**RIGHT_KINDS, "B": "minimum"}, {**RIGHT_KINDS, "D": "saddle"},
                                   {**RIGHT_KINDS, "C": "minimum"}, {**RIGHT_KINDS, "E": "maximum"}])
def test_a_wrong_class_is_never_corrected_with_the_answer(wrong):
    verdict = check_hessian_classes(wrong)
    line = [l for l in verdict.message.split("\n") if "“" in l][0]
    name = line.strip()[0]
    assert RIGHT_KINDS[name] not in line.split("”", 1)[1]


def test_hessian_right_and_placeholders():
    assert check_hessian_classes(RIGHT_KINDS).status == "correct"
    assert check_hessian_classes({k: v.upper() for k, v in RIGHT_KINDS.items()}).status == "correct"
    assert check_hessian_classes({**RIGHT_KINDS, "B": " Saddle Point "}).status == "correct"
    assert check_hessian_classes({k: "..." for k in RIGHT_KINDS}).status == "not attempted"
    assert check_hessian_classes(["minimum"]).mistake == "not_a_number"
    assert check_hessian_classes({**RIGHT_KINDS, "E": None}).mistake == "missing"


SIDE_MUTANTS = {
    "tiny_is_zero": {**RIGHT_SIDES, "S": "saddle"},
    "zero_falls": {**RIGHT_SIDES, "R": "left"},
    "y_decides": {"P": "right", "Q": "right", "R": "left", "S": "left"},
    "sign_flipped": {**RIGHT_SIDES, "P": "left"},
    "not_a_side": {**RIGHT_SIDES, "S": "up"},
    "missing": {"P": "right"},
}


@pytest.mark.parametrize("key", [m.key for m in FALL_SIDES.mistakes])
def test_fall_mistakes(key, names_mistake):
    names_mistake(check_fall_sides(SIDE_MUTANTS[key]), FALL_SIDES, key)


def test_fall_right_and_placeholders():
    assert check_fall_sides(RIGHT_SIDES).status == "correct"
    assert check_fall_sides({k: "..." for k in RIGHT_SIDES}).status == "not attempted"
    assert check_fall_sides("right").mistake == "not_a_number"


LN = math.log(1e8)
ESCAPE_MUTANTS = {
    "factor_one_plus_lr": math.ceil(LN / math.log(1.05)),
    "log_approximation": round(LN / 0.1),
    "table_row": 102,
    "rounded_down": 193,
    "one_too_many": 195,
    "mixed_logarithms": math.log10(1e8) / math.log(1.1),
    "shrinking_direction": LN / math.log(0.9),
}


@pytest.mark.parametrize("key", [m.key for m in ESCAPE.mistakes])
def test_escape_mistakes(key, names_mistake):
    verdict = check_escape_prediction(ESCAPE_MUTANTS[key])
    names_mistake(verdict, ESCAPE, key)


def test_escape_never_prints_the_answer_when_wrong():
    for guess in (184, 102, 195, 150, 1000, 377):
        for _ in range(3):  # later attempts add hints, still no number
            verdict = check_escape_prediction(guess)
            assert "194" not in verdict.message and "193" not in verdict.message


def test_escape_right_answers_and_placeholders():
    exact = LN / math.log(1.1)
    assert check_escape_prediction(194).status == "correct"
    assert check_escape_prediction(exact).status == "correct"
    assert check_escape_prediction(...).status == "not attempted"
    assert check_escape_prediction("many").mistake == "not_a_number"
    assert check_escape_prediction(float("inf")).mistake == "not_finite"
