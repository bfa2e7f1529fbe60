"""The first-step panel of notebook 00."""
import numpy as np
import pytest

from helpers.panels import FirstStepPanel


@pytest.mark.parametrize("lr,x1,word", [(0.2, 1.2, "downhill"), (0.5, 0.0, "downhill"),
                                        (1.0, -2.0, "same height"), (1.1, -2.4, "uphill")])
def test_one_step_lands_at_one_minus_two_lr_times_x0(lr, x1, word):
    panel = FirstStepPanel(start=2.0, lr=0.3)
    panel.controls["lr"].value = lr
    assert panel.after.get_xdata()[0] == pytest.approx(x1)
    assert f"= {x1:.2f}" in panel.status_text
    assert word in panel.status_text


def test_start_moves_point_and_tangent():
    panel = FirstStepPanel()
    panel.controls["start"].value = -1.5
    assert panel.before.get_xdata()[0] == pytest.approx(-1.5)
    (left, right), = panel.tangent.get_segments()
    slope = (right[1] - left[1]) / (right[0] - left[0])
    assert slope == pytest.approx(-3.0)
    assert np.mean([left[0], right[0]]) == pytest.approx(-1.5)
