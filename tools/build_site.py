"""Build the static HTML site of the workbook: one page per saved notebook, offline.

Each page is nbconvert's JupyterLab look (template tools/site_template/publish)
with the saved outputs as they are: every figure and every live panel's saved
picture is an ``<img>`` with the alt text stored in its output, widget views
give way to those pictures (mime priority), MathJax comes from the site's own
folder, and no page loads anything from another host. A bar on each page links
to its live versions: the JupyterLite edition beside it (``lite/``, see
tools/build_lite.py), Binder, and the .ipynb file itself.

Usage:  python tools/build_site.py [--out build/publish] [--repository OWNER/NAME]

The Binder link needs the GitHub repository: ``--repository``, else the
``GITHUB_REPOSITORY`` variable (set by GitHub Actions), else the ``origin``
remote if it is on GitHub; without one the pages have no Binder link.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = ROOT / "tools" / "site_template"
CACHE = ROOT / ".cache" / "site"
MATHJAX = ("mathjax", "3.2.2")  # npm package and version; es5/tex-svg.js is one self-contained file
#: Saved pictures before widget views: a page without a kernel shows the picture, not a blank box.
MIME_PRIORITY = ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown",
                 "text/latex", "text/plain", "application/vnd.jupyter.widget-view+json"]


def github_repository(explicit: str | None) -> str | None:
    """OWNER/NAME of the repository on GitHub, if it can be known."""
    if explicit:
        return explicit
    if os.environ.get("GITHUB_REPOSITORY"):
        return os.environ["GITHUB_REPOSITORY"]
    try:
        url = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    match = re.search(r"github\.com[:/]([\w.-]+/[\w.-]+?)(\.git)?$", url)
    return match.group(1) if match else None


def binder_url(repository: str | None, notebook: str, branch: str = "main") -> str | None:
    if not repository:
        return None
    return (f"https://mybinder.org/v2/gh/{repository}/{branch}"
            f"?urlpath=lab/tree/notebooks/{notebook}")


def lite_url(notebook: str) -> str:
    """The notebook in the JupyterLite edition built beside the site."""
    return f"lite/lab/index.html?path={notebook}"


def npm_file(package: str, version: str, member: str) -> bytes:
    """One file of an npm package, from a cached ``npm pack`` tarball."""
    CACHE.mkdir(parents=True, exist_ok=True)
    tarball = CACHE / f"{package}-{version}.tgz"
    if not tarball.exists():
        subprocess.run(["npm", "pack", f"{package}@{version}", "--pack-destination", str(CACHE)],
                       check=True, capture_output=True)
    with tarfile.open(tarball) as archive:
        return archive.extractfile(f"package/{member}").read()


def notebook_title(notebook) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.metadata.get("title", "")


def for_the_page(notebook):
    """A copy without saved widget state (no widget renderer is loaded on a static page)."""
    import copy

    page = copy.deepcopy(notebook)
    page.metadata.pop("widgets", None)
    return page


def exporter():
    from nbconvert import HTMLExporter

    html_exporter = HTMLExporter(template_name="publish", extra_template_basedirs=[str(TEMPLATES)])
    html_exporter.display_data_priority = MIME_PRIORITY
    return html_exporter


def build_page(path: Path, out: Path, repository: str | None, html_exporter) -> str:
    """Write out/<name>.html and out/notebooks/<name>.ipynb; returns the notebook's title."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    title = notebook_title(notebook) or path.stem
    site = {"index": "index.html", "lite": lite_url(path.name), "binder": binder_url(repository, path.name),
            "download": f"notebooks/{path.name}", "mathjax": "static/mathjax/tex-svg.js"}
    page = for_the_page(notebook)
    page.metadata["title"] = title
    body, _ = html_exporter.from_notebook_node(page, resources={"site": site})
    (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
    shutil.copy2(path, out / "notebooks" / path.name)
    return title


def index_page(entries: list[tuple[str, str]], repository: str | None) -> str:
    items = "\n".join(
        f'<li><a href="{stem}.html">{html.escape(title)}</a> · '
        f'<a href="{html.escape(lite_url(stem + ".ipynb"))}">run in the browser</a></li>'
        for stem, title in entries)
    binder = binder_url(repository, "00_start_here.ipynb")
    binder_line = f'<p><a href="{html.escape(binder)}">Run the whole workbook on Binder</a></p>' if binder else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gradient descent for neural networks: a workbook</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
line-height: 1.5; }} li {{ margin: 0.4em 0; }}</style></head>
<body><main>
<h1>Gradient descent for neural networks: a workbook</h1>
<p>Read each notebook here with its saved figures, or run it live: in this browser tab with
no install (the first start takes a little while), or on Binder.</p>
<ol>
{items}
</ol>
<p><a href="lite/lab/index.html">Open the whole workbook in the browser (JupyterLite)</a></p>
{binder_line}
</main></body></html>
"""


def build(out: Path, repository: str | None) -> list[Path]:
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    (out / "static" / "mathjax").mkdir(parents=True, exist_ok=True)
    (out / "static" / "mathjax" / "tex-svg.js").write_bytes(npm_file(*MATHJAX, "es5/tex-svg.js"))
    html_exporter = exporter()
    entries = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        entries.append((path.stem, build_page(path, out, repository, html_exporter)))
        print(f"{path.stem}.html")
    (out / "index.html").write_text(index_page(entries, repository), encoding="utf-8")
    return [out / f"{stem}.html" for stem, _ in entries]


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "publish")
    parser.add_argument("--repository", help="OWNER/NAME on GitHub, for the Binder links")
    args = parser.parse_args(argv)
    repository = github_repository(args.repository)
    if not repository:
        print("note: no GitHub repository known (--repository or GITHUB_REPOSITORY); "
              "pages get no Binder link", file=sys.stderr)
    start = time.perf_counter()
    pages = build(args.out, repository)
    html_bytes = sum(p.stat().st_size for p in pages)
    print(json.dumps({"pages": len(pages), "seconds": round(time.perf_counter() - start, 1),
                      "pages_MB": round(html_bytes / 1e6, 1),
                      "mathjax_MB": round(folder_size(args.out / "static") / 1e6, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
