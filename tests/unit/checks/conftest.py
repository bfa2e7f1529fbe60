"""Shared fixtures for the "Check yourself" tests: a fresh attempt count and a short time limit."""
import pytest

from helpers.checks import feedback


@pytest.fixture(autouse=True)
def fresh_attempts(monkeypatch):
    """Every test starts at the first attempt, with a time limit short enough for endless loops."""
    feedback.reset_attempts()
    monkeypatch.setattr(feedback, "TIME_LIMIT_SECONDS", 0.3)
    yield
    feedback.reset_attempts()


def assert_names(verdict, exercise, key):
    """The verdict is "wrong" and carries the catalogued message of ``key``, not "correct"."""
    assert verdict.status == "wrong", verdict
    assert verdict.mistake == key, verdict
    assert exercise.mistake(key).message in verdict.message


@pytest.fixture
def names_mistake():
    return assert_names
