"""Saved "Check yourself" cells show only the neutral "not attempted" verdict, and neither their
outputs nor their stub comments contain the solution's key expressions."""
import json
import re
from pathlib import Path

import pytest

from helpers.checks import EXERCISES, leaks

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHECK_CALL = re.compile(r"\b(check_\w+)\(")


def exercise_cells(path):
    """(exercise, source, output text) for every code cell that calls a catalogued check."""
    by_check = {ex.check: ex for ex in EXERCISES}
    for cell in json.loads(path.read_text())["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code":
            continue
        for name in CHECK_CALL.findall(source):
            if name in by_check:
                text = "".join("".join(out.get("text", "")) for out in cell["outputs"])
                yield by_check[name], source, text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_exercises_are_unattempted_and_leak_nothing(path):
    for exercise, source, text in exercise_cells(path):
        verdicts = [line for line in text.splitlines() if line[:1] in "✔✘…" and line]
        assert verdicts == [f"… {exercise.not_attempted}"], f"{exercise.key} saved: {text!r}"
        assert leaks(text, exercise.answer_keys) == [], exercise.key
        comments = " ".join(line.split("#", 1)[1] for line in source.splitlines() if "#" in line)
        assert leaks(comments, exercise.answer_keys) == [], f"{exercise.key} stub: {comments}"


def test_every_catalogued_exercise_is_in_a_notebook():
    found = {ex.key for path in NOTEBOOKS for ex, _, _ in exercise_cells(path)}
    assert found == {ex.key for ex in EXERCISES}


def test_the_leak_test_can_fail():
    exercise = next(ex for ex in EXERCISES if ex.check == "check_central_difference")
    assert leaks("… Not attempted yet: return (f(x + h) − f(x − h)) / (2h).", exercise.answer_keys)
    assert leaks("raise NotImplementedError  # x ← x − lr·df(x)", EXERCISES[1].answer_keys)
