"""The "Check yourself" feedback names the actual mistake."""
import pytest

from helpers.checks import check_central_difference, check_descent_loop


def loop(update, count=lambda steps: steps, include_start=True):
    def descend(df, x0, lr, steps):
        xs = [x0] if include_start else []
        x = x0
        for _ in range(count(steps)):
            x = update(x, df, lr)
            xs.append(x)
        return xs
    return descend


@pytest.mark.parametrize("descend,status,phrase", [
    (loop(lambda x, df, lr: x - lr * df(x)), "correct", "Correct"),
    (lambda df, x0, lr, steps: [x0], "not attempted", "Not attempted"),
    (loop(lambda x, df, lr: x + lr * df(x)), "wrong", "moved uphill at x=2.0"),
    (loop(lambda x, df, lr: x - df(x)), "wrong", "ignores the learning rate"),
    (loop(lambda x, df, lr: x - lr * df(x), count=lambda s: s - 1), "wrong", "should hold 6 points"),
    (loop(lambda x, df, lr: x - lr * df(x), include_start=False), "wrong", "should hold 6 points"),
    (loop(lambda x, df, lr: x - 2 * lr * df(x)), "wrong", "Point 1 should be"),
    (lambda df, x0, lr, steps: 1 / 0, "wrong", "ZeroDivisionError"),
    (lambda df, x0, lr, steps: 3.0, "wrong", "Return the list"),
])
def test_descent_loop_feedback(descend, status, phrase, capsys):
    feedback = check_descent_loop(descend)
    assert feedback.status == status
    assert phrase in feedback.message
    assert phrase in capsys.readouterr().out


def _not_attempted(f, x, h):
    raise NotImplementedError


@pytest.mark.parametrize("derivative,status,phrase", [
    (lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h), "correct", "Correct"),
    (_not_attempted, "not attempted", "Not attempted"),
    (lambda f, x, h: (f(x + h) - f(x - h)) / h, "wrong", "off by a factor 2"),
    (lambda f, x, h: (f(x + h) - f(x - h)) / (4 * h), "wrong", "factor 1/2"),
    (lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h), "wrong", "wrong sign"),
    (lambda f, x, h: (f(x + h) - f(x)) / h, "wrong", "forward difference"),
    (lambda f, x, h: f(x), "wrong", "the slope is"),
    (lambda f, x, h: undefined_name, "wrong", "NameError"),  # noqa: F821
])
def test_central_difference_feedback(derivative, status, phrase):
    feedback = check_central_difference(derivative)
    assert feedback.status == status
    assert phrase in feedback.message
