"""Checks for notebook 05 (backpropagation): the output error term, the 2-3-1 backward pass.

Each exercise's catalogue of mistakes is the data at the top of its section (see
:mod:`helpers.checks.feedback` for the contract). The backward pass is compared in the order
the maths flows: the output layer (∂J/∂W², ∂J/∂b²) first, then the hidden layer, so a mistake in
δ² is never blamed on δ¹.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..nn import BINARY_CROSS_ENTROPY, SQUARED_ERROR, Network, loss_and_gradients
from .feedback import (Exercise, Feedback, Mistake, Unusable, alternatives, as_array,
                       call_student, close, correct, first_match, not_attempted, unusable, wrong)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


# -- the output error term ---------------------------------------------------------------------

OUTPUT_DELTA = Exercise(
    key="05.output_delta", notebook="05", title="Exercise 1 — the output error term",
    check="check_output_delta",
    not_attempted="Not attempted yet: replace the `raise NotImplementedError` line with your "
                  "code, then run the cell.",
    unexplained="Your δ is not ∂J/∂z.",
    hint="Differentiate J = mean of the cross-entropies with respect to one z: the chain rule "
         "through σ gives a product in which σ′(z) cancels (section 8).",
    mistakes=(
        Mistake("forgot_mean", "no division by the batch size", "Nearly: J is the mean over the "
                "m examples, so every δ carries a factor 1/m that yours lacks.",
                "m = len(z)."),
        Mistake("divided_twice", "divided by m twice", "You divided by the batch size twice: J is "
                "a mean, so 1/m appears once.", "Only the mean's 1/m."),
        Mistake("sign", "target minus prediction", "The sign is flipped: δ is the derivative of "
                "the loss, which grows when the prediction moves away from the target.",
                "Prediction minus target."),
        Mistake("sign_and_sum", "target minus prediction, no 1/m", "Two things: the sign is "
                "flipped, and the mean's 1/m is missing.", "Prediction minus target, over m."),
        Mistake("kept_sigmoid_slope", "an extra σ′(z) factor", "No σ′(z) factor here: with the "
                "cross-entropy it cancels (that extra factor is the squared-error δ).",
                "Differentiate −[y ln σ + (1 − y) ln(1 − σ)] with respect to z and simplify."),
        Mistake("forgot_sigmoid", "z − y", "You compared the score z with the target: the "
                "prediction is σ(z), a probability.", "Apply the sigmoid first."),
        Mistake("slope_for_prediction", "σ′(z) − y", "You used the slope σ′(z) where the "
                "prediction σ(z) belongs.", "sigmoid.f is σ, sigmoid.df is σ′."),
        Mistake("collapsed", "one number (a mean or sum over the batch)", "You returned one "
                "number: δ has one entry per example, the shape of z.",
                "Do not average over the batch; J's mean becomes the factor 1/m."),
    ),
    answer_keys=("(sigmoid.f(z) - y) / len(z)", "(σ(z) − y) / m", "sigmoid.f(z) - y",
                 "batch size m"),
)


def check_output_delta(output_delta: Callable) -> Feedback:
    """Check ``output_delta(z, y)`` = ∂J/∂z for a sigmoid output with cross-entropy, J a mean."""
    ex = OUTPUT_DELTA
    rng = np.random.default_rng(5)
    z, y = rng.normal(0, 2, size=(6, 1)), rng.integers(0, 2, size=(6, 1)).astype(float)
    expected, m = BINARY_CROSS_ENTROPY.gradient(z, y), len(z)
    result, problem = call_student(output_delta, z, y, read=as_array)
    if problem == "not attempted":
        return not_attempted(ex)
    if problem is not None:
        return unusable(ex, problem)
    if close(result, expected, rtol=1e-9):
        return correct("Correct: δ⁽ᴸ⁾ = (σ(z) − y)/m. The σ′ of the output unit cancels against "
                       "the cross-entropy, so the error signal is simply prediction − target.")
    s = _sigmoid(z)
    if result.size == 1:
        return wrong(ex, "collapsed")
    key = first_match(result.reshape(-1, 1) if result.size == m else result, {
        "forgot_mean": expected * m, "divided_twice": expected / m, "sign": -expected,
        "sign_and_sum": -expected * m,
        "kept_sigmoid_slope": alternatives(expected * s * (1 - s), expected * s * (1 - s) * m),
        "forgot_sigmoid": alternatives((z - y) / m, z - y),
        "slope_for_prediction": alternatives((s * (1 - s) - y) / m, s * (1 - s) - y)}, rtol=1e-7)
    if key is None and result.shape != z.shape:
        return unusable(ex, Unusable("wrong_shape", f"δ should have the shape of z, {z.shape}; "
                                     f"yours has shape {result.shape}."))
    return wrong(ex, key)


# -- the backward pass of the 2-3-1 network -------------------------------------------------------

BACKWARD = Exercise(
    key="05.backward", notebook="05", title="Exercise 2 — backpropagation by hand",
    check="check_backward_2_3_1",
    not_attempted="Not attempted yet: replace the `raise NotImplementedError` line with your "
                  "code, then run the cell.",
    unexplained="That gradient is not what the chain rule gives.",
    hint="Go layer by layer from the output: δ² from the loss and the output activation, the "
         "output layer's gradients from δ², then δ¹ from δ², then the hidden layer's gradients "
         "(sections 4 and 5).",
    mistakes=(
        Mistake("sign", "δ² from (y − ŷ)", "Every gradient has the wrong sign: δ² is the "
                "derivative of the loss, which grows as ŷ moves away from y.",
                "δ² starts from prediction minus target."),
        Mistake("forgot_half", "J taken as (1/m) Σ (ŷ − y)², no ½", "Every gradient is twice "
                "too large: a factor 2 from differentiating the square is not cancelled.",
                "This J has a ½ in front, which cancels the 2."),
        Mistake("forgot_mean", "no 1/m in δ²", "Every gradient is m = 5 times too large: J is a "
                "mean over the examples, so δ² carries a factor 1/m.", "m = len(X)."),
        Mistake("divided_twice", "1/m applied twice", "Every gradient is m = 5 times too "
                "small: the mean's 1/m was applied twice (in δ² and again in the sums).",
                "Divide by m once, in δ²."),
        Mistake("forgot_output_slope", "δ² = (ŷ − y)/m, without σ′(Z²)", "The output layer is "
                "off: δ² misses the output activation's slope (the chain rule through the "
                "sigmoid of the output unit).", "σ′(Z²) = ŷ(1 − ŷ)."),
        Mistake("slope_of_activation", "σ′ evaluated at A instead of Z (σ(A)(1 − σ(A)))",
                "You evaluated the sigmoid's slope at the layer's output A instead of its input "
                "Z: σ′(Z) written with A is A(1 − A), with no second sigmoid.",
                "σ′(Z) = σ(Z)(1 − σ(Z)) = A(1 − A)."),
        Mistake("forgot_hidden_slope", "δ¹ = δ² W²ᵀ, without σ′(Z¹)", "The output layer is "
                "right; the hidden layer's δ¹ misses the hidden activation's slope.",
                "δ¹ is δ² W²ᵀ times σ′(Z¹), element by element."),
        Mistake("delta1_from_error", "δ¹ built from (ŷ − y)/m instead of δ²", "The output layer "
                "is right, but δ¹ was built from the raw error instead of δ², so the output "
                "unit's slope is missing from the hidden layer.", "Propagate δ² itself."),
        Mistake("bias_mean", "db = δ.mean(axis=0)", "Your bias gradients are m = 5 times too "
                "small: the 1/m is already inside δ, so the biases need a sum over the "
                "examples, not a mean.", "Sum δ over the examples (axis 0)."),
        Mistake("bias_keepdims", "db with keepdims=True, shape (1, n)", "A bias gradient has "
                "the shape of its bias, a flat vector: yours keeps an extra axis of length 1.",
                "Sum over axis 0 without keepdims."),
        Mistake("bias_total", "np.sum(δ) over everything", "Your bias gradient is one number: "
                "sum over the examples only, keeping one entry per unit.",
                "Use .sum(axis=0)."),
        Mistake("bias_wrong_axis", "δ.sum(axis=1)", "You summed δ over the units instead of "
                "over the examples: a bias gradient has one entry per unit.",
                "Rows are examples: sum over axis 0."),
        Mistake("transposed", "δᵀ · A_previous", "A weight gradient has the shape of its "
                "weights: yours is transposed (δᵀ · A_previous instead of A_previousᵀ · δ).",
                "Rows of the weight matrix belong to the inputs of the layer."),
        Mistake("wrong_input", "dW² from X or dW¹ from A¹", "A layer's weight gradient pairs "
                "its δ with the activations that feed that layer: the network input X for layer "
                "1, the hidden activations A¹ for layer 2.", "dW² uses A¹; dW¹ uses X."),
        Mistake("not_four", "a different number of arrays, or another order", "Return four "
                "arrays in this order: dW1, db1, dW2, db2.", "Keep the `return` order of the "
                "solution stub."),
    ),
    answer_keys=("delta2 @ W2.T", "y_hat * (1 - y_hat)", "A1 * (1 - A1)", "X.T @ delta1",
                 "A1.T @ delta2", "(y_hat - y) / m"),
)


def _backward_variants(X, y, W1, b1, W2, b2):
    """The four gradients (dW1, db1, dW2, db2) as each catalogued mistake computes them."""
    m = len(X)
    A1 = _sigmoid(X @ W1 + b1)
    y_hat = _sigmoid(A1 @ W2 + b2)

    def grads(delta2, slope1=None, delta1_from=None, bias=lambda d: d.sum(axis=0)):
        source = delta2 if delta1_from is None else delta1_from
        delta1 = source @ W2.T * (A1 * (1 - A1) if slope1 is None else slope1)
        return [X.T @ delta1, bias(delta1), A1.T @ delta2, bias(delta2)]

    delta2 = (y_hat - y) / m * y_hat * (1 - y_hat)
    right = grads(delta2)
    return right, {
        "sign": alternatives([-g for g in right]),
        "forgot_half": alternatives([2 * g for g in right]),
        "forgot_mean": alternatives([m * g for g in right]),
        "divided_twice": alternatives([g / m for g in right]),
        "forgot_output_slope": alternatives(grads((y_hat - y) / m)),
        "slope_of_activation": alternatives(
            grads((y_hat - y) / m * _sigmoid(y_hat) * (1 - _sigmoid(y_hat)),
                  slope1=_sigmoid(A1) * (1 - _sigmoid(A1))),
            grads(delta2, slope1=_sigmoid(A1) * (1 - _sigmoid(A1)))),
        "forgot_hidden_slope": alternatives(grads(delta2, slope1=1.0)),
        "delta1_from_error": alternatives(grads(delta2, delta1_from=(y_hat - y) / m)),
        "bias_mean": alternatives(grads(delta2, bias=lambda d: d.mean(axis=0))),
        "bias_keepdims": alternatives(grads(delta2, bias=lambda d: d.sum(axis=0, keepdims=True))),
        "bias_total": alternatives(grads(delta2, bias=lambda d: np.sum(d))),
        "bias_wrong_axis": alternatives(grads(delta2, bias=lambda d: d.sum(axis=1))),
    }, {"X": X, "A1": A1, "delta2": delta2, "delta1": delta2 @ W2.T * A1 * (1 - A1)}


#: The order the maths flows: index into (dW1, db1, dW2, db2) and the name printed.
_FLOW = [(2, "∂J/∂W²"), (3, "∂J/∂b²"), (0, "∂J/∂W¹"), (1, "∂J/∂b¹")]


def check_backward_2_3_1(backward: Callable) -> Feedback:
    """Check ``backward(X, y, W1, b1, W2, b2)`` -> (dW1, db1, dW2, db2) for the 2-3-1 sigmoid
    network with squared error J = (1/2m) Σ (ŷ − y)², comparing the output layer first."""
    ex = BACKWARD
    rng = np.random.default_rng(8)
    net = Network([2, 3, 1], "sigmoid", "sigmoid", init="normal", scale=1.0, seed=3)
    net.biases[0][:] = rng.normal(size=3)
    X, y = rng.uniform(0, 1, size=(5, 2)), rng.uniform(0, 1, size=(5, 1))
    params = [p.copy() for p in net.parameters()]
    result, problem = call_student(backward, X, y, *params, read=_read_four)
    if problem == "not attempted":
        return not_attempted(ex)
    if problem is not None:
        return unusable(ex, problem)
    _, grads, _ = loss_and_gradients(net, X, y, SQUARED_ERROR)
    expected = [grads.weights[0], grads.biases[0], grads.weights[1], grads.biases[1]]
    _, variants, parts = _backward_variants(X, y, *params)
    for position, (index, name) in enumerate(_FLOW):
        mine, true = result[index], expected[index]
        if close(mine, true, rtol=1e-8, atol=1e-14):
            continue
        earlier = [i for i, _ in _FLOW[:position]]
        consistent = {key: alternatives(*[o for o in options if all(
            close(o[i], result[i], rtol=1e-7, atol=1e-14) for i in earlier)])
            for key, options in variants.items()}
        key = _layer_mistake(index, mine, true, consistent, parts)
        return wrong(ex, key, f"(First difference, in backprop order: {name}.)")
    return correct("Correct: all four gradients match the engine to 1e-8. You have written "
                   "backpropagation.")


def _read_four(value):
    if value is None:
        return as_array(None)
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__len__") or len(value) != 4:
        count = len(value) if hasattr(value, "__len__") and not isinstance(value, str) else 1
        raise Unusable("not_four", f"{BACKWARD.mistake('not_four').message} (You returned "
                       f"{count} value{'s' if count != 1 else ''}.)")
    return [as_array(part, "four arrays of numbers") for part in value]


def _layer_mistake(index, mine, true, variants, parts) -> str | None:
    """Name the mistake behind the first wrong gradient (output layer first); ``variants`` holds
    only the mistakes that agree with the gradients already found right."""
    for key, options in variants.items():
        if any(close(mine, option[index], rtol=1e-7, atol=1e-14) for option in options):
            return key
    if mine.shape == true.T.shape and close(mine.T, true, rtol=1e-7):
        return "transposed"
    if index in (0, 2):
        delta = parts["delta1"] if index == 0 else parts["delta2"]
        other = parts["A1"] if index == 0 else parts["X"]
        if mine.shape == (other.T @ delta).shape and close(mine, other.T @ delta, rtol=1e-7):
            return "wrong_input"
    if index in (1, 3) and mine.shape != true.shape:
        if mine.size == 1:
            return "bias_total"
        return "bias_keepdims" if mine.size == true.size else "bias_wrong_axis"
    return None
