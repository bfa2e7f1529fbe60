"""A missing, empty or corrupt data file fails with a message that names the file and
says how to get it back, not deep inside gzip or numpy."""
import gzip
import shutil

import pytest

from helpers import datasets


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that the loaders read instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(datasets.DATA_DIR, copy)
    monkeypatch.setattr(datasets, "DATA_DIR", copy)
    datasets._digits_table.cache_clear()
    yield copy
    datasets._digits_table.cache_clear()


LOADERS = {"sleep_study.csv": datasets.load_sleep_study, "digits.csv.gz": datasets.load_digits}


def damage(path, how):
    if how == "missing":
        path.unlink()
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "not gzip":
        path.write_bytes(b"this is not a gzip file\n")
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])
    elif how == "wrong columns":
        text = "a,b\n1,2\n3,4\n"
        path.write_bytes(gzip.compress(text.encode()) if path.suffix == ".gz" else text.encode())
    elif how == "not numbers":
        text = "h1,h2,h3\n1,two,3\n"
        path.write_bytes(gzip.compress(text.encode()) if path.suffix == ".gz" else text.encode())


@pytest.mark.parametrize("name", LOADERS)
@pytest.mark.parametrize("how", ["missing", "empty", "not gzip", "truncated", "wrong columns",
                                 "not numbers"])
def test_damaged_file_is_named_with_how_to_restore_it(data_copy, name, how):
    if how == "not gzip" and not name.endswith(".gz"):
        how = "wrong columns"
    damage(data_copy / name, how)
    with pytest.raises(datasets.DataFileError) as caught:
        LOADERS[name]()
    message = str(caught.value)
    assert name in message
    assert f"git checkout -- data/{name}" in message
    assert "README" in message


def test_data_file_error_is_a_value_error():
    assert issubclass(datasets.DataFileError, ValueError)


def test_intact_files_still_load(data_copy):
    assert datasets.load_sleep_study()[0].shape == (16, 2)
    assert datasets.load_digits()[0].shape == (1797, 64)
