"""The verdict every "Check yourself" check returns, and how a check runs the reader's code.

Each ``check_*`` function runs the reader's code on a few cases, compares it
with the reference and prints one verdict: "not attempted yet", what exactly
is wrong, or a congratulation. It also returns that verdict as a
:class:`Feedback`, so tests can assert on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np



@dataclass(frozen=True)
class Feedback:
    """The verdict of a check: ``status`` is "correct", "wrong" or "not attempted"."""

    status: str
    message: str

    def __str__(self) -> str:
        mark = {"correct": "✔", "wrong": "✘", "not attempted": "…"}[self.status]
        return f"{mark} {self.message}"


def report(status: str, message: str) -> Feedback:
    feedback = Feedback(status, message)
    print(feedback)
    return feedback


def call_student(function: Callable, *args):
    """Run the reader's function; return (result, None) or (None, a one-line error)."""
    try:
        with np.errstate(all="ignore"):
            return function(*args), None
    except NotImplementedError:
        return None, "not attempted"
    except Exception as error:  # the reader's code may raise anything
        return None, f"{type(error).__name__}: {error}"
