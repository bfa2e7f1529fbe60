"""Data files and seeded toy sets."""
import hashlib
import re

import numpy as np
import pytest

from helpers.datasets import (
    DATA_DIR,
    TOY_DATASETS,
    circles,
    load_digits,
    load_sleep_study,
    spiral,
    train_test_split,
    two_moons,
    xor,
)


def test_digits_file_is_the_one_the_readme_describes():
    stated = re.search(r"SHA-256:\*\* `([0-9a-f]{64})`", (DATA_DIR / "README.md").read_text())
    assert stated, "data/README.md must state the SHA-256 of digits.csv.gz"
    assert hashlib.sha256((DATA_DIR / "digits.csv.gz").read_bytes()).hexdigest() == stated.group(1)


def test_digits_shape_range_and_classes():
    X, labels = load_digits()
    assert X.shape == (1797, 64) and labels.shape == (1797,)
    assert X.min() == 0 and X.max() == 16 and np.all(X == np.round(X))
    counts = np.bincount(labels)
    assert len(counts) == 10 and counts.sum() == 1797 and counts.min() >= 170
    # Loaded copies are independent of the cached table.
    X[0, 0] = 99
    assert load_digits()[0][0, 0] == 0


def test_sleep_study_table():
    X, y = load_sleep_study()
    assert X.shape == (16, 2) and y.shape == (16,)
    assert np.all((X > 0) & (X < 24)) and np.all((y >= 0) & (y <= 100))


def test_train_test_split_is_a_seeded_partition():
    X = np.arange(40).reshape(20, 2)
    y = np.arange(20)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=0.25, seed=3)
    assert len(y_te) == 5 and len(y_tr) == 15
    assert sorted(np.concatenate([y_tr, y_te])) == list(range(20))
    assert np.array_equal(X_tr[:, 0] // 2, y_tr)  # rows stay paired with their labels
    again = train_test_split(X, y, test_fraction=0.25, seed=3)
    assert np.array_equal(again[3], y_te)
    assert not np.array_equal(train_test_split(X, y, 0.25, seed=4)[3], y_te)
    with pytest.raises(ValueError, match="between 0 and 1"):
        train_test_split(X, y, test_fraction=1.0)
    with pytest.raises(ValueError, match="rows"):
        train_test_split(X, y[:5])


@pytest.mark.parametrize("name", sorted(TOY_DATASETS))
def test_toy_sets_are_seeded_balanced_and_shaped(name):
    make = TOY_DATASETS[name]
    X, y = make(n=101, seed=5)
    assert X.shape == (101, 2) and y.shape == (101,)
    assert set(np.unique(y)) == {0, 1} and abs(int(y.sum()) - 50) <= 1
    X2, y2 = make(n=101, seed=5)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, make(n=101, seed=6)[0])
    assert np.all(np.abs(X) < 3)
    with pytest.raises(ValueError, match="noise"):
        make(n=10, noise=-1.0)
    with pytest.raises(ValueError, match="at least 2"):
        make(n=1)


def test_noiseless_geometry():
    X, y = circles(n=200, noise=0.0, factor=0.4)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), np.where(y == 0, 1.0, 0.4))
    X, y = two_moons(n=200, noise=0.0)
    centre = np.where(y[:, None] == 0, [-0.5, -0.25], [0.5, 0.25])
    np.testing.assert_allclose(np.linalg.norm(X - centre, axis=1), 1.0)
    X, y = xor(n=200, noise=0.0)
    assert np.all((X[:, 0] * X[:, 1] > 0) == (y == 0))
    X, y = spiral(n=200, noise=0.0, turns=1.0)
    r = np.linalg.norm(X, axis=1) / 1.4
    angle = np.arctan2(X[:, 1], X[:, 0])
    expected = 2 * np.pi * r + np.pi * y
    # The angle of each point is 2π·turns·r (+π for the second arm), up to whole turns.
    np.testing.assert_allclose(np.cos(angle - expected), 1.0, atol=1e-9)
