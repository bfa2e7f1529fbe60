"""Data for the network notebooks: two small tables in data/ and seeded 2-D toy sets.

Everything is local: the files ship in ``data/`` (see ``data/README.md`` for origin
and licence) and the toy sets are drawn from a seeded generator, so the same seed
gives the same points on every machine. Nothing is downloaded.

Public API (stable)
-------------------
DATA_DIR : pathlib.Path of the data folder.
DataFileError : raised for a missing, empty or damaged file, naming it and how to restore it.
load_sleep_study() -> (X (16, 2) hours slept and studied, y (16,) test score)
load_digits() -> (X (1797, 64) pixel values 0 … 16, labels (1797,) digits 0 … 9)
train_test_split(X, y, test_fraction=0.25, seed=0) -> X_train, X_test, y_train, y_test
two_moons, circles, spiral, xor : (n=200, noise=…, seed=0) -> (X (n, 2), y (n,) of 0/1)
TOY_DATASETS : dict name -> generator, for dropdowns.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class DataFileError(ValueError):
    """A data file is missing, empty or damaged; the message names it and how to restore it."""


def _read_table(name: str, rows: int, columns: int, **options) -> np.ndarray:
    """The numeric table in ``DATA_DIR / name``, of shape (rows, columns), or a DataFileError."""
    path = DATA_DIR / name
    restore = (f"restore it with `git checkout -- data/{name}` in the workbook folder "
               f"(or download the workbook again); data/README.md describes the file")
    if not path.is_file():
        raise DataFileError(f"the data file {path} is missing: {restore}")
    if path.stat().st_size == 0:
        raise DataFileError(f"the data file {path} is empty: {restore}")
    try:
        table = np.loadtxt(path, delimiter=",", ndmin=2, **options)
    except (OSError, EOFError, ValueError, UnicodeDecodeError) as error:  # gzip, zlib, parsing
        reason = " ".join(str(error).split())[:120]
        raise DataFileError(f"the data file {path} is damaged ({reason}): {restore}") from None
    if table.shape != (rows, columns):
        raise DataFileError(f"the data file {path} has {len(table)} rows and {table.shape[1]} "
                            f"columns, expected {rows} and {columns}: {restore}")
    return table


def _digits_file() -> Path:
    """The digits table: gzipped in the repository; plain text in the browser edition, whose
    contents index would read a .csv.gz as text (``mimetypes`` says text/csv) and corrupt it."""
    plain = DATA_DIR / "digits.csv"
    return plain if plain.exists() else DATA_DIR / "digits.csv.gz"


def load_sleep_study() -> tuple[np.ndarray, np.ndarray]:
    """The small illustrative table "hours slept, hours studied → test score".

    Returns
    -------
    X : (16, 2) float array, columns hours slept and hours studied.
    y : (16,) float array, test scores out of 100.
    """
    table = _read_table("sleep_study.csv", 16, 3, skiprows=1)
    return table[:, :2].copy(), table[:, 2].copy()


@lru_cache(maxsize=1)
def _digits_table() -> np.ndarray:
    table = _read_table(_digits_file().name, 1797, 65, dtype=np.int64)
    table.setflags(write=False)
    return table


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1,797 handwritten digits as 8×8 images of counts 0 … 16, flattened row by row.

    Returns
    -------
    X : (1797, 64) float array; ``X[i].reshape(8, 8)`` is the i-th image.
    labels : (1797,) int array of the digits 0 … 9.
    """
    table = _digits_table()
    return table[:, :64].astype(float), table[:, 64].copy()


def train_test_split(X, y, test_fraction: float = 0.25, seed: int = 0):
    """Shuffle the rows with a seeded generator and hold out ``test_fraction`` of them.

    Returns
    -------
    X_train, X_test, y_train, y_test
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)}")
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = int(round(test_fraction * len(X)))
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


# ----------------------------------------------------------------------------
# 2-D toy sets for binary classification. Half the points in each class.
# ----------------------------------------------------------------------------


def _check(n: int, noise: float) -> None:
    if n < 2:
        raise ValueError(f"ask for at least 2 points, got n={n}")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number ≥ 0, got {noise}")


def _labels(n: int) -> np.ndarray:
    return np.repeat([0, 1], [n - n // 2, n // 2])


def two_moons(n: int = 200, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles; a straight line cannot separate them."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    y = _labels(n)
    t = rng.uniform(0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 0, upper, lower) - [0.5, 0.25]
    return X + noise * rng.standard_normal((n, 2)), y


def circles(n: int = 200, noise: float = 0.08, factor: float = 0.45, seed: int = 0):
    """A disc of class 1 inside a ring of class 0 (inner radius ``factor`` × outer radius 1)."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    y = _labels(n)
    angle = rng.uniform(0, 2 * np.pi, n)
    radius = np.where(y == 0, 1.0, factor)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((n, 2)), y


def spiral(n: int = 200, noise: float = 0.05, turns: float = 1.0, seed: int = 0):
    """Two arms winding ``turns`` times around the centre, half a turn apart."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    y = _labels(n)
    t = rng.uniform(0.15, 1.0, n)  # distance from the centre
    angle = 2 * np.pi * turns * t + np.pi * y
    X = 1.4 * t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((n, 2)), y


def xor(n: int = 200, noise: float = 0.1, seed: int = 0):
    """Four clusters on the corners of a square; opposite corners share a class (exclusive or)."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    y = _labels(n)
    sign_x = rng.choice([-1.0, 1.0], n)
    sign_y = np.where(y == 0, sign_x, -sign_x)  # class 0: same signs, class 1: opposite
    centres = 0.6 * np.column_stack([sign_x, sign_y])
    return centres + rng.uniform(-0.4, 0.4, (n, 2)) + noise * rng.standard_normal((n, 2)), y


TOY_DATASETS: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "two moons": two_moons,
    "circles": circles,
    "spiral": spiral,
    "XOR": xor,
}
