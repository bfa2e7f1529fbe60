""""Check yourself" feedback: each check runs the reader's code and prints one specific verdict.

``feedback`` holds the verdict (``Feedback``) and the safe way to call the reader's function;
one module per notebook topic holds its checks: ``one_d``, ``two_d``, ``saddle``, ``backprop``,
``gradient_flow``, ``optimisers``. Notebooks write ``from helpers.checks import check_descent_loop``.
"""
from .backprop import check_backward_2_3_1, check_output_delta
from .feedback import Feedback
from .gradient_flow import check_clip_by_norm, check_sigmoid_chain_bound
from .one_d import check_central_difference, check_descent_loop
from .optimisers import check_adam_step
from .saddle import FALL_QUIZ, HESSIAN_QUIZ, check_escape_prediction, check_fall_sides, check_hessian_classes
from .two_d import (EXERCISE_MATRIX, check_best_step, check_cliff_prediction, check_gradient_2d,
                    check_vectorised_step)

__all__ = ["EXERCISE_MATRIX", "FALL_QUIZ", "HESSIAN_QUIZ", "Feedback", "check_adam_step", "check_backward_2_3_1",
           "check_best_step", "check_central_difference", "check_cliff_prediction",
           "check_clip_by_norm", "check_descent_loop", "check_escape_prediction", "check_fall_sides",
           "check_gradient_2d", "check_hessian_classes", "check_output_delta",
           "check_sigmoid_chain_bound", "check_vectorised_step"]
