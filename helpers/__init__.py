"""Helpers behind the gradient-descent workbook, one concept per module.

Computing (no drawing):
    objectives       functions to descend on, with exact derivatives and Hessians (1-D and 2-D)
    descent          step rules (plain, momentum, noisy), run() with an outcome in words, run_batch()
    calculus         finite differences and gradient checking
    expressions      safe reading and exact differentiation of a typed formula (no eval/exec)
    step_size        regimes, stability limit 2/λ_max, best step, sweeps and basin maps
    schedules        learning-rate schedules
    critical_points  minima, maxima and saddles from the Hessian
    saddle_escape    plateaus near a saddle and the time to escape
    activations      activation functions and their derivatives
    nn               a small fully-connected network in numpy: forward, backward, losses
    training         full-batch, mini-batch and stochastic training
    datasets         the files in data/ and seeded 2-D toy sets
    gradient_flow    how gradients shrink or grow through the layers

Drawing (take an ``ax`` and data, return artists): plots, plots_2d, plots_saddle, plots_nn,
plots_gradients. Live panels: the ``panels`` package. "Check yourself" feedback: checks,
checks_2d, checks_backprop, checks_gradients.
"""
