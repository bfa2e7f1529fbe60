""""Check yourself" feedback that diagnoses like a tutor: it names the mistake, never gives the
answer away, and never crashes or hangs.

Layout: ``feedback`` holds the machinery every check shares; one module per topic holds that
topic's exercises — ``one_d`` (00, 01), ``two_d`` (02, 03), ``saddle`` (04), ``backprop`` (05),
``gradient_flow`` (06), ``optimisers`` (07), ``why_gd`` (08). Notebooks write ``from helpers.checks import check_descent_loop``.

Writing a check for a new exercise (notebooks 07, 08, …), in the topic's module:

1. **The catalogue, as data.** An :class:`~helpers.checks.feedback.Exercise` lists the texts
   ("not attempted", the message for a wrong answer no mistake explains, a general hint) and the
   :class:`~helpers.checks.feedback.Mistake` s students make: a ``key``, ``what`` they write (for
   the teacher), a ``message`` naming the misconception *without the answer* (first wrong
   attempt) and a ``hint`` (added from the second wrong attempt on). ``answer_keys`` are the
   solution's key expressions: the hygiene test fails if a saved "not attempted" output or a
   stub comment contains one. :func:`catalogue` lists every exercise.
2. **The check.** Run the reader's function with
   ``value, problem = call_student(fn, *args, read=as_number)`` (or ``as_array``, or your own
   reader raising :class:`~helpers.checks.feedback.Unusable`). It copies the arguments, stops the
   function after ``feedback.TIME_LIMIT_SECONDS`` (SIGALRM on the main thread, a watched thread
   elsewhere), and turns NotImplementedError into ``problem == "not attempted"`` and everything
   else (an exception, None, text, a tuple, NaN…) into an ``Unusable`` with a one-line message.
   Then return ``not_attempted(ex)``, ``unusable(ex, problem)``, ``correct(text)``, or
   ``wrong(ex, key)`` where ``key = first_match(answer, {mistake_key: what that mistake would
   answer, …})`` (None when no catalogued mistake explains the answer). For typed answers
   (numbers, dicts) use ``is_placeholder`` and ``as_number`` directly.
3. **The notebook.** The stub raises ``NotImplementedError`` (or holds ``None`` / ``...``); its
   comment names no formula. The solution goes in a folded ``<details>`` block.
4. **Tests** (``tests/unit/checks/``): one mutation test per catalogued mistake — a wrong
   implementation written as a student would, asserting ``feedback.mistake == key`` — the right
   answer passes, and garbage (None, str, tuple, dict, complex, NaN, raising, an endless loop)
   gets a one-line verdict. ``test_catalogue.py`` fails if a mistake has no mutation test.
"""
from .backprop import BACKWARD, OUTPUT_DELTA, check_backward_2_3_1, check_output_delta
from .feedback import COMMON_MISTAKES, Exercise, Feedback, Mistake, leaks, reset_attempts
from .gradient_flow import CHAIN_BOUND, CLIP, check_clip_by_norm, check_sigmoid_chain_bound
from .one_d import (CENTRAL_DIFFERENCE, DESCENT_LOOP, FIRST_STEP, check_central_difference,
                    check_descent_loop, check_first_step)
from .optimisers import ADAM_STEP, check_adam_step
from .saddle import (ESCAPE, FALL_QUIZ, FALL_SIDES, HESSIAN_CLASSES, HESSIAN_QUIZ,
                     check_escape_prediction, check_fall_sides, check_hessian_classes)
from .why_gd import EDGE, EDGE_EXERCISE_LR, MARGIN, check_edge_prediction, check_normalised_margin
from .two_d import (BEST_STEP, CLIFF, EXERCISE_MATRIX, GRADIENT_2D, VECTORISED_STEP,
                    check_best_step, check_cliff_prediction, check_gradient_2d,
                    check_vectorised_step)

EXERCISES = (FIRST_STEP, DESCENT_LOOP, CENTRAL_DIFFERENCE, GRADIENT_2D, VECTORISED_STEP, CLIFF,
             BEST_STEP, HESSIAN_CLASSES, FALL_SIDES, ESCAPE, OUTPUT_DELTA, BACKWARD, CHAIN_BOUND,
             CLIP, ADAM_STEP, EDGE, MARGIN)


def catalogue(exercises=EXERCISES) -> str:
    """Every exercise's catalogue of mistakes as Markdown, for a teacher to read."""
    lines = []
    for ex in exercises:
        lines += [f"## {ex.notebook} · {ex.title} (`{ex.check}`)", "",
                  "| mistake | what the student wrote | first message | later hint |",
                  "|---|---|---|---|"]
        lines += [f"| {m.key} | {m.what} | {m.message} | {m.hint} |" for m in ex.mistakes]
        lines.append("")
    lines += ["## Every exercise that runs the reader's code also recognises", ""]
    lines += [f"- {key}: {what}" for key, what in COMMON_MISTAKES.items()]
    return "\n".join(lines)


__all__ = ["ADAM_STEP", "EDGE", "MARGIN", "EDGE_EXERCISE_LR", "check_edge_prediction", "check_normalised_margin", "BACKWARD", "BEST_STEP", "CENTRAL_DIFFERENCE", "CHAIN_BOUND", "CLIFF", "CLIP",
           "COMMON_MISTAKES", "DESCENT_LOOP", "ESCAPE", "EXERCISES", "EXERCISE_MATRIX",
           "FALL_QUIZ", "FALL_SIDES", "FIRST_STEP", "Exercise", "Feedback", "GRADIENT_2D",
           "HESSIAN_CLASSES", "HESSIAN_QUIZ", "Mistake", "OUTPUT_DELTA", "VECTORISED_STEP",
           "catalogue", "check_backward_2_3_1", "check_best_step", "check_central_difference",
           "check_adam_step", "check_cliff_prediction", "check_clip_by_norm", "check_descent_loop",
           "check_escape_prediction", "check_fall_sides", "check_first_step",
           "check_gradient_2d", "check_hessian_classes", "check_output_delta",
           "check_sigmoid_chain_bound", "check_vectorised_step", "leaks", "reset_attempts"]
