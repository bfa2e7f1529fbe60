"""Helpers behind the gradient-descent workbook, one concept per module.

Computing (no drawing):
    objectives       functions to descend on, with exact derivatives and Hessians (1-D and 2-D)
    descent          step rules (plain, momentum, noisy), run() with an outcome in words, run_batch()
    calculus         finite differences and gradient checking
    expressions      safe reading and exact differentiation of a typed formula (no eval/exec)
    step_size        regimes, stability limit 2/λ_max, best step, sweeps and basin maps
    schedules        learning-rate schedules
    optimisers       momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW; race(); heavy-ball theory
    critical_points  minima, maxima and saddles from the Hessian
    saddle_escape    plateaus near a saddle and the time to escape
    activations      activation functions and their derivatives
    nn               a small fully-connected network in numpy: forward, backward, losses
    training         full-batch, mini-batch and stochastic training
    baselines        the best constant and the best straight-line model, to compare a network with
    datasets         the files in data/ and seeded 2-D toy sets
    gradient_flow    how gradients shrink or grow through the layers

    reporting        numbers phrased so the printed text is the same on every CPU

Drawing, ``plots/`` (take an ``ax`` and data, return artists; no widgets):
    figure           static_figure, show, the role COLOURS, log-axis labels
    one_d, two_d, saddle, network, gradient_flow   one module per topic
    style            one switch: projector, colourblind, dark or default look

"Check yourself" feedback, ``checks/`` (run the reader's code, print one verdict):
    feedback         the Feedback verdict and the safe call of the reader's function
    one_d, two_d, saddle, backprop, gradient_flow  one module per topic

Live panels, ``panels/`` (widgets wired to computing and drawing):
    base             the pattern: figure created once, controls, status line, blitting
    first_step, descent_1d, descent_2d, step_size, saddle, decision_boundary, gradient_flow
"""
