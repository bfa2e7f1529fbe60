"""Helpers behind the gradient-descent workbook.

One concept per module: ``objectives`` (functions to descend on, with exact
derivatives), ``descent`` (step rules and the runner), ``calculus`` (numerical
derivatives), ``expressions`` (safe reading of typed formulas), ``plots``
(pure drawing functions), ``panels`` (the live widget panels) and ``checks``
(feedback for the "Check yourself" exercises).
"""
