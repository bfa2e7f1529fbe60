"""Network losses refuse targets that would give a plausible but meaningless number."""
import numpy as np
import pytest

# -- network losses --------------------------------------------------------------------

from helpers.nn import (BINARY_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY, SQUARED_ERROR,
                        Network, loss_and_gradients)


@pytest.mark.parametrize("targets", [np.array([[50.0], [100.0], [75.0]]),
                                     np.array([[-0.5], [0.2], [1.0]]),
                                     np.array([[np.nan], [0.0], [1.0]])])
def test_binary_cross_entropy_refuses_targets_outside_zero_one(targets):
    scores = np.zeros((3, 1))
    for call in (BINARY_CROSS_ENTROPY.value, BINARY_CROSS_ENTROPY.gradient):
        with pytest.raises(ValueError, match=r"targets .*between 0 and 1"):
            call(scores, targets)


def test_binary_cross_entropy_accepts_soft_targets():
    value = BINARY_CROSS_ENTROPY.value(np.zeros((2, 1)), np.array([[0.25], [1.0]]))
    assert value == pytest.approx(np.log(2))


@pytest.mark.parametrize("labels", [np.array([0, 1.7, 2]), np.array([0, 1, 3]),
                                    np.array([0, -1, 2]), np.array([0.0, np.nan, 1.0])])
def test_softmax_refuses_labels_that_are_not_class_numbers(labels):
    logits = np.zeros((3, 3))
    for call in (SOFTMAX_CROSS_ENTROPY.value, SOFTMAX_CROSS_ENTROPY.gradient):
        with pytest.raises(ValueError, match=r"class labels .*integers 0 … 2"):
            call(logits, labels)


def test_softmax_refuses_one_hot_rows_that_are_not_distributions():
    with pytest.raises(ValueError, match=r"targets .*sum to 1"):
        SOFTMAX_CROSS_ENTROPY.value(np.zeros((2, 3)), np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]))


@pytest.mark.parametrize("loss", [SQUARED_ERROR, BINARY_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY])
def test_losses_refuse_a_target_row_broadcast_over_the_batch(loss):
    n_out = 3 if loss is SOFTMAX_CROSS_ENTROPY else 1
    output = np.zeros((4, n_out))
    one_row = np.zeros((1, n_out))
    one_row[0, 0] = 1.0
    with pytest.raises(ValueError, match=r"targets .*4 rows.*got 1"):
        loss.value(output, one_row)
    with pytest.raises(ValueError, match=r"targets .*4 rows.*got 1"):
        loss.gradient(output, one_row)


def test_losses_refuse_a_label_vector_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"targets .*4 rows.*got 3"):
        SQUARED_ERROR.value(np.zeros((4, 1)), np.zeros(3))
    with pytest.raises(ValueError, match=r"4 rows.*got 2"):
        SOFTMAX_CROSS_ENTROPY.value(np.zeros((4, 3)), np.array([0, 1]))


def test_loss_and_gradients_checks_targets_too():
    net = Network((2, 3, 1))
    with pytest.raises(ValueError, match="between 0 and 1"):
        loss_and_gradients(net, np.zeros((5, 2)), np.full(5, 3.0), "binary_cross_entropy")


def test_good_targets_still_work():
    net = Network((2, 3, 3))
    J, grads, _ = loss_and_gradients(net, np.zeros((4, 2)), np.array([0, 1, 2, 1]),
                                     "softmax_cross_entropy")
    assert J == pytest.approx(np.log(3))
    J, _, _ = loss_and_gradients(Network((2, 3, 1)), np.zeros((4, 2)), np.array([0, 1, 1, 0.0]),
                                 "binary_cross_entropy")
    assert np.isfinite(J)
