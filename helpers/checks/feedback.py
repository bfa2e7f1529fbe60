"""The verdict every "Check yourself" check returns, how a check runs the reader's code, and the
catalogue of mistakes each exercise recognises.

A check (``check_*`` in the topic modules) runs the reader's code on a few cases under a time
limit, reads what came back, compares it with the right answer and with the answer each
catalogued mistake would give, and prints one verdict:

- "not attempted yet" (neutral: it never contains the answer; it is what saved notebooks show);
- a wrong answer explained by a catalogued :class:`Mistake`: its ``message`` on the first wrong
  attempt, its ``message`` plus its ``hint`` from the second on (progressive help);
- a wrong answer no mistake explains: the exercise's ``unexplained`` text (plus its ``hint``
  later);
- something the check could not use (``None``, text, a tuple, NaN, an exception, a loop that
  never ends): one line saying so (:data:`COMMON_MISTAKES`);
- correct.

The solution itself is never printed; it stays in the notebook's folded ``<details>`` block.
Nothing here raises: every failure of the reader's code becomes a verdict.
"""
from __future__ import annotations

import re
import signal
import sys
import threading
import time
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

#: Seconds a reader's function may run before the check stops it (tests lower it).
TIME_LIMIT_SECONDS = 3.0

_PACKAGE = str(Path(__file__).resolve().parents[1])
_MARKS = {"correct": "✔", "wrong": "✘", "not attempted": "…"}
_WRONG_ATTEMPTS: dict[str, int] = {}


@dataclass(frozen=True)
class Feedback:
    """The verdict of a check.

    ``status`` is "correct", "wrong" or "not attempted"; ``mistake`` is the key of the catalogued
    mistake (or of a :data:`COMMON_MISTAKES` entry) that explains a wrong answer, else None.
    """

    status: str
    message: str
    mistake: str | None = None

    def __str__(self) -> str:
        return f"{_MARKS[self.status]} {self.message}"


@dataclass(frozen=True)
class Mistake:
    """One mistake students make in an exercise.

    ``key`` names it for tests; ``what`` is what the student wrote or did (for the teacher);
    ``message`` names the misconception without giving the answer (first wrong attempt);
    ``hint`` nudges towards the fix, still without the answer (later attempts).
    """

    key: str
    what: str
    message: str
    hint: str


@dataclass(frozen=True)
class Exercise:
    """One "Check yourself" exercise: its texts and its catalogue of mistakes.

    ``answer_keys`` are the expressions or numbers of the solution; the hygiene test fails if a
    saved "not attempted" output or a stub comment contains one of them (see :func:`leaks`).
    """

    key: str
    notebook: str
    title: str
    check: str
    not_attempted: str
    unexplained: str
    hint: str
    mistakes: tuple[Mistake, ...]
    answer_keys: tuple[str, ...] = field(default=())

    def mistake(self, key: str) -> Mistake:
        for mistake in self.mistakes:
            if mistake.key == key:
                return mistake
        raise KeyError(f"{self.key} has no catalogued mistake {key!r}")


class Unusable(Exception):
    """Raised by a reader (``as_number``, ``as_array``…) when an answer cannot be used."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key, self.message = key, message


class _StudentTimeout(BaseException):
    """Raised inside the reader's function when it runs too long (a BaseException, so that a
    bare ``except Exception`` in the reader's code cannot swallow it)."""


#: Problems every exercise recognises, whatever its topic: key → what it is (for the teacher).
COMMON_MISTAKES = {
    "returned_none": "the function has no `return` (or returns None)",
    "raised": "the function raises an exception",
    "shapes_do_not_fit": "the function raises because two arrays in a product do not fit",
    "too_slow": "the function runs for longer than the time limit (e.g. a loop that never ends)",
    "not_callable": "the name refers to something that is not a function",
    "not_a_number": "the answer is text, a dict, a complex number or another non-number",
    "not_finite": "the answer contains NaN or infinity",
    "wrong_shape": "the answer has the wrong number of values or the wrong shape",
}


# -- the verdict -------------------------------------------------------------------------------

def report(status: str, message: str, mistake: str | None = None) -> Feedback:
    """Print the verdict and return it."""
    feedback = Feedback(status, message, mistake)
    print(feedback)
    return feedback


def not_attempted(exercise: Exercise) -> Feedback:
    return report("not attempted", exercise.not_attempted)


def correct(message: str) -> Feedback:
    return report("correct", message)


def _attempt(exercise: Exercise) -> int:
    _WRONG_ATTEMPTS[exercise.key] = _WRONG_ATTEMPTS.get(exercise.key, 0) + 1
    return _WRONG_ATTEMPTS[exercise.key]


def wrong(exercise: Exercise, key: str | None = None, detail: str = "",
          lead: str | None = None) -> Feedback:
    """The verdict for a wrong answer: the mistake's message, with its hint from the 2nd try on.

    ``key`` is a catalogued mistake of ``exercise`` (None: a mistake the catalogue does not
    explain); ``detail`` is added after the message (e.g. which case failed); ``lead`` replaces
    the message (a quiz lists one line per wrong entry instead).
    """
    attempt = _attempt(exercise)
    if key is None:
        text, hint = exercise.unexplained, exercise.hint
    else:
        mistake = exercise.mistake(key)
        text, hint = mistake.message, mistake.hint
    if lead is not None:
        text = lead
    if detail:
        text = f"{text} {detail}"
    if attempt >= 2:
        text = f"{text}\n  Hint: {hint}"
    if attempt >= 3:
        text += "\n  (The worked solution is in the folded “Show solutions” block below.)"
    return report("wrong", text, key)


def unusable(exercise: Exercise, problem: Unusable) -> Feedback:
    """The one-line verdict for an answer the check could not use (it counts as an attempt)."""
    _attempt(exercise)
    return report("wrong", problem.message, problem.key)


def reset_attempts() -> None:
    """Forget every wrong attempt (tests, or a teacher restarting a class demo)."""
    _WRONG_ATTEMPTS.clear()


# -- running the reader's code -----------------------------------------------------------------

def call_student(function: Callable, *args, read: Callable[[Any], Any] | None = None):
    """Run the reader's ``function(*args)`` safely and read its result.

    Returns ``(value, None)``, ``(None, "not attempted")`` when the function still raises
    NotImplementedError, or ``(None, Unusable)`` naming what went wrong: not a function, an
    exception (with its line), a run longer than :data:`TIME_LIMIT_SECONDS`, or a result that
    ``read`` (e.g. :func:`as_number`) rejects. The arguments are copied, so the reader's code
    cannot change the check's data. It never raises (except KeyboardInterrupt).
    """
    if not callable(function):
        return None, Unusable("not_callable", f"That is a {type(function).__name__}, not a "
                              "function: keep the `def` line of the exercise and run its cell.")
    copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]

    def run():
        with np.errstate(all="ignore"):
            value = function(*copies)
            return read(value) if read is not None else value

    try:
        return _with_time_limit(run, TIME_LIMIT_SECONDS), None
    except NotImplementedError:
        return None, "not attempted"
    except Unusable as problem:
        return None, problem
    except _StudentTimeout:
        return None, Unusable("too_slow", f"Your function was still running after "
                              f"{TIME_LIMIT_SECONDS:g} s and was stopped: is there a loop that "
                              "never ends (a `while` whose condition stays true)?")
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 — the reader's code may raise anything
        return None, _raised(error)


def _raised(error: BaseException) -> Unusable:
    text = " ".join(str(error).split())[:160]
    line = _student_line(error)
    where = f" (line {line} of your cell)" if line else ""
    name = type(error).__name__
    if isinstance(error, ValueError) and ("matmul" in text or "broadcast" in text
                                          or "shapes" in text or "aligned" in text):
        return Unusable("shapes_do_not_fit", f"Your function raised {name}{where}: two arrays "
                        f"in a product or sum do not fit ({text}). Write down the shape of each "
                        "factor.")
    return Unusable("raised", f"Your function raised {name}{where}: {text}")


def _student_line(error: BaseException) -> int | None:
    """The line number in the reader's cell where the error happened (the last frame outside
    this package and numpy), if any."""
    traceback, line = error.__traceback__, None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if not filename.startswith(_PACKAGE) and "numpy" not in filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _with_time_limit(run: Callable[[], Any], seconds: float):
    """Run ``run()`` and stop it after ``seconds``.

    On the main thread of a system with SIGALRM (Linux, macOS: where Jupyter kernels run the
    cells) a timer signal interrupts the reader's Python code. Elsewhere (Windows, or a check
    called from another thread) the code runs in a daemon thread the check stops waiting for,
    and the time limit is then raised inside that thread so that a runaway loop stops too.
    Pyodide (the browser edition) has neither timer signals nor threads: there a trace function
    stops the reader's Python code at its next line once the time is up.
    """
    if sys.platform == "emscripten":
        return _with_trace(run, seconds)
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        return _with_alarm(run, seconds)
    return _in_thread(run, seconds)


def _with_trace(run, seconds):
    """Stop ``run()`` at the first line of the reader's code after ``seconds`` (this package's and
    numpy's own frames are not traced; one long numpy call is not cut short)."""
    deadline = time.monotonic() + seconds

    def each_line(frame, event, arg):
        if time.monotonic() > deadline:
            raise _StudentTimeout
        return each_line

    def each_call(frame, event, arg):
        filename = frame.f_code.co_filename
        if filename.startswith(_PACKAGE) or "numpy" in filename:
            return None
        return each_line(frame, event, arg)

    previous = sys.gettrace()
    sys.settrace(each_call)
    try:
        return run()
    finally:
        sys.settrace(previous)


def _with_alarm(run, seconds):
    def stop(signum, frame):
        raise _StudentTimeout

    previous_handler = signal.signal(signal.SIGALRM, stop)
    previous_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:  # someone else's alarm (e.g. a test timeout) was pending: give it back
            left = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))


def _in_thread(run, seconds):
    box: dict[str, Any] = {}

    def target():
        try:
            box["value"] = run()
        except BaseException as error:  # noqa: BLE001 — handed back to the caller
            box["error"] = error

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        _interrupt(worker)
        raise _StudentTimeout
    if "error" in box:
        raise box["error"]
    return box["value"]


def _interrupt(worker: threading.Thread, wait: float = 1.0) -> None:
    """Raise the time limit inside ``worker`` at its next Python bytecode (CPython's
    PyThreadState_SetAsyncExc), so that a runaway loop stops instead of holding the interpreter
    lock for the rest of the session. A thread stuck inside one long C call (one huge numpy
    operation, a sleep) stops when that call returns."""
    try:
        import ctypes
        set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError):  # not CPython: nothing more can be done
        return
    set_async_exc(ctypes.c_ulong(worker.ident), ctypes.py_object(_StudentTimeout))
    worker.join(wait)


# -- reading what came back --------------------------------------------------------------------

_NONE = Unusable("returned_none", "Your function returned None: did you forget the `return` "
                 "line (or return inside a loop that never ran)?")


def _is_complex(value) -> bool:
    try:
        return bool(np.iscomplexobj(value))
    except Exception:  # noqa: BLE001 — ragged lists and odd objects are not complex
        return False


def _describe(value) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:17] + "…"
        return f"text ({shown!r})"
    if isinstance(value, dict):
        return "a dict"
    if isinstance(value, (complex, np.complexfloating)) or (
            isinstance(value, np.ndarray) and _is_complex(value)):
        return "a complex number"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} values"
    return f"a {type(value).__name__}"


def as_number(value, what: str = "one number") -> float:
    """Read one finite real number (a Python or numpy number, or an array of size 1).

    Raises :class:`Unusable` naming the problem: None, text, a dict, a complex number, several
    values, NaN or infinity.
    """
    if value is None:
        raise _NONE
    if isinstance(value, (bool, np.bool_)):
        raise Unusable("not_a_number", f"Your answer is {value}, a yes/no value: give {what}.")
    if isinstance(value, (str, bytes, dict)) or _is_complex(value):
        raise Unusable("not_a_number", f"Your answer is {_describe(value)}: give {what}.")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise Unusable("not_a_number", f"Your answer is {_describe(value)}, which is not a "
                       f"number: give {what}.") from None
    if array.size != 1:
        raise Unusable("wrong_shape", f"Your answer holds {array.size} values (shape "
                       f"{array.shape}): give {what}.")
    number = float(array.reshape(-1)[0])
    if not np.isfinite(number):
        raise Unusable("not_finite", f"Your answer is {number}: something divided by zero or "
                       "overflowed.")
    return number


def as_array(value, what: str = "an array of numbers") -> np.ndarray:
    """Read an array of finite real numbers (any shape; the check compares shapes itself).

    Raises :class:`Unusable` for None, text, a dict, complex numbers, ragged lists, NaN or inf.
    """
    if value is None:
        raise _NONE
    if isinstance(value, (str, bytes, dict, set)) or _is_complex(value):
        raise Unusable("not_a_number", f"Your function returned {_describe(value)}: return "
                       f"{what}.")
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise Unusable("not_a_number", f"Your function returned {_describe(value)}, which is not "
                       f"{what} (are some entries lists of different lengths, or not numbers?)."
                       ) from None
    if not np.all(np.isfinite(array)):
        raise Unusable("not_finite", "Your result contains NaN or infinity: something divided by "
                       "zero or overflowed.")
    return array


def is_placeholder(value) -> bool:
    """True if a typed answer is still the exercise's placeholder (``None``, ``...`` or "...")."""
    return value is None or value is ... or (isinstance(value, str) and value.strip() in ("", "..."))


# -- matching against the catalogue ------------------------------------------------------------

def close(a, b, rtol: float = 1e-6, atol: float = 1e-12) -> bool:
    """True if a and b have the same shape and agree to rtol (never raises)."""
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))
    except (TypeError, ValueError):
        return False


def first_match(answer, predictions: dict[str, Any], rtol: float = 1e-6,
                atol: float = 1e-12) -> str | None:
    """The first mistake key whose predicted answer equals ``answer`` (see :func:`close`).

    A prediction may be a list of alternatives (one mistake written several ways).
    """
    for key, predicted in predictions.items():
        options = predicted if isinstance(predicted, _Alternatives) else [predicted]
        if any(close(answer, option, rtol, atol) for option in options):
            return key
    return None


class _Alternatives(list):
    """Several answers that the same mistake can produce."""


def alternatives(*answers) -> _Alternatives:
    """Mark several predicted answers as one mistake for :func:`first_match`."""
    return _Alternatives(answers)


# -- keeping the answer out of saved outputs ---------------------------------------------------

_SAME = str.maketrans({"−": "-", "–": "-", "·": "*", "×": "*", "⋅": "*", "(": None, ")": None,
                       " ": None, "\t": None, "\n": None, "`": None})
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _normalised(text: str) -> str:
    return text.lower().translate(_SAME)


def leaks(text: str, keys: Sequence[str]) -> list[str]:
    """The answer keys that appear in ``text`` (spaces, brackets and ·/× vs * ignored; a number
    key matches only a whole number, so "0.2" is not found in "0.25")."""
    found, flat = [], _normalised(text)
    for key in keys:
        if _NUMBER.match(key):
            if re.search(rf"(?<![\d.]){re.escape(key)}(?![\d])", text):
                found.append(key)
        elif _normalised(key) in flat:
            found.append(key)
    return found
