"""Feedback for the "Check yourself" exercises of notebook 05 (backpropagation).

Same contract as :mod:`helpers.checks`: run the reader's function on a few cases,
compare with the network engine, print one specific verdict and return it.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .feedback import Feedback, call_student, report
from ..nn import BINARY_CROSS_ENTROPY, SQUARED_ERROR, Network, loss_and_gradients


def check_output_delta(output_delta: Callable) -> Feedback:
    """Check ``output_delta(z, y)`` = ∂J/∂z for a sigmoid output with cross-entropy, J a mean."""
    rng = np.random.default_rng(5)
    z, y = rng.normal(0, 2, size=(6, 1)), rng.integers(0, 2, size=(6, 1)).astype(float)
    expected = BINARY_CROSS_ENTROPY.gradient(z, y)
    result, error = call_student(output_delta, z, y)
    if error == "not attempted":
        return report("not attempted", "Not attempted yet: return (σ(z) − y) / m.")
    if error:
        return report("wrong", f"Your function raised {error}.")
    result = np.asarray(result, dtype=float)
    if result.shape != expected.shape:
        return report("wrong", f"δ should have the shape of z, {expected.shape}; yours is {result.shape}.")
    m = len(z)
    if np.allclose(result, expected * m):
        return report("wrong", "Nearly: J is the mean over the m examples, so divide by m.")
    if np.allclose(result, -expected):
        return report("wrong", "The sign is flipped: it is σ(z) − y, prediction minus target.")
    sigma = 1 / (1 + np.exp(-z))
    if np.allclose(result, expected * sigma * (1 - sigma)):
        return report("wrong", "No σ′(z) factor here: with the cross-entropy it cancels, "
                       "leaving just (σ(z) − y)/m.")
    if not np.allclose(result, expected, rtol=1e-9, atol=1e-12):
        return report("wrong", f"For z = {z[0, 0]:.3f}, y = {y[0, 0]:.0f} δ should be "
                       f"{expected[0, 0]:.5f}; yours is {result[0, 0]:.5f}.")
    return report("correct", "Correct: δ⁽ᴸ⁾ = (σ(z) − y)/m. The σ′ of the output unit cancels "
                   "against the cross-entropy, so the error signal is simply prediction − target.")


def check_backward_2_3_1(backward: Callable) -> Feedback:
    """Check ``backward(X, y, W1, b1, W2, b2)`` -> (dW1, db1, dW2, db2) for the 2-3-1 sigmoid
    network with squared error J = (1/2m) Σ (ŷ − y)²."""
    rng = np.random.default_rng(8)
    net = Network([2, 3, 1], "sigmoid", "sigmoid", init="normal", scale=1.0, seed=3)
    net.biases[0][:] = rng.normal(size=3)
    X, y = rng.uniform(0, 1, size=(5, 2)), rng.uniform(0, 1, size=(5, 1))
    _, grads, _ = loss_and_gradients(net, X, y, SQUARED_ERROR)
    expected = [grads.weights[0], grads.biases[0], grads.weights[1], grads.biases[1]]
    names = ["∂J/∂W¹", "∂J/∂b¹", "∂J/∂W²", "∂J/∂b²"]
    result, error = call_student(backward, X, y, *[p.copy() for p in net.parameters()])
    if error == "not attempted":
        return report("not attempted", "Not attempted yet: compute δ² and δ¹, then the four gradients.")
    if error:
        return report("wrong", f"Your function raised {error}.")
    try:
        result = [np.asarray(r, dtype=float) for r in result]
    except (TypeError, ValueError):
        return report("wrong", "Return four arrays: dW1, db1, dW2, db2.")
    if len(result) != 4:
        return report("wrong", f"Return four arrays (dW1, db1, dW2, db2); you returned {len(result)}.")
    for name, mine, true in zip(names, result, expected):
        if mine.shape != true.shape:
            if mine.shape == true.T.shape:
                return report("wrong", f"{name} has shape {mine.shape}, should be {true.shape}: "
                               "it is A_previousᵀ · δ, not δᵀ · A_previous.")
            return report("wrong", f"{name} should have shape {true.shape} (the shape of the "
                           f"parameter); yours is {mine.shape}.")
    for name, mine, true in zip(names, result, expected):
        if np.allclose(mine, true, rtol=1e-8, atol=1e-12):
            continue
        if np.allclose(mine, true * len(X)):
            return report("wrong", f"{name} is m = {len(X)} times too large: J is a mean, so δ² "
                           "carries a factor 1/m.")
        if name in ("∂J/∂W¹", "∂J/∂b¹"):
            return report("wrong", f"{name} is off while the output layer is right: check "
                           "δ¹ = (δ² W²ᵀ) ⊙ σ′(Z¹), with σ′(Z¹) = A¹(1 − A¹).")
        return report("wrong", f"{name} is off: check δ² = (ŷ − y)/m ⊙ σ′(Z²), with "
                       "σ′(Z²) = ŷ(1 − ŷ).")
    return report("correct", "Correct: all four gradients match the engine to 1e-8. You have "
                   "written backpropagation.")
