"""The static site (tools/build_site.py): every picture shows, with alt text, and nothing
is loaded from another host.

"Loaded" means what a browser fetches by itself when a page opens: src/srcset/poster/data
attributes, <link href>, CSS url() and @import. Links the reader may follow (<a href>, e.g.
Binder or a cited source) may go anywhere.
"""
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


class Page(HTMLParser):
    """The images, fetched URLs, links and CSS of one HTML page."""

    def __init__(self):
        super().__init__()
        self.images, self.fetched, self.links, self.css = [], [], [], []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        for name in ("src", "poster", "data"):
            if attrs.get(name):
                self.fetched.append(attrs[name])
        if attrs.get("srcset"):
            self.fetched += [part.split()[0] for part in attrs["srcset"].split(",")]
        if tag == "link" and attrs.get("href"):
            self.fetched.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("style"):
            self.css.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


def css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(CSS_COMMENT.sub("", css))]


def is_local(url: str) -> bool:
    """A data: URL or a path relative to the site (no scheme, no host)."""
    parts = urlsplit(url.strip())
    return parts.scheme == "data" or not (parts.scheme or parts.netloc)


def non_local(urls):
    return [u[:80] for u in urls if not is_local(u)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build_site.build(out, "example-owner/example-workbook")
    return out


def parsed(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def canvas_alts(notebook: Path) -> list[str]:
    """Alt texts of the saved pictures of live panels (ipympl canvases) in a notebook."""
    cells = json.loads(notebook.read_text())["cells"]
    return [out["metadata"]["image/png"]["alt"]
            for cell in cells if cell["cell_type"] == "code" for out in cell["outputs"]
            if {"application/vnd.jupyter.widget-view+json", "image/png"} <= set(out.get("data", {}))]


def test_url_classifier():
    assert not non_local(["data:image/png;base64,AA", "static/mathjax/tex-svg.js", "a.html#x",
                          "lite/lab/index.html?path=01.ipynb", "#top", "../x.css"])
    assert non_local(["https://cdn.example/x.js", "//cdn.example/x.js", "http://a/b"]) == [
        "https://cdn.example/x.js", "//cdn.example/x.js", "http://a/b"]
    assert css_urls("/* url(https://a/b) */ a { background: url('https://c/d') }") == ["https://c/d"]


def test_a_page_per_notebook_and_an_index(site):
    assert NOTEBOOKS
    for notebook in NOTEBOOKS:
        assert (site / f"{notebook.stem}.html").exists()
        assert (site / "notebooks" / notebook.name).read_bytes() == notebook.read_bytes()
    index = parsed(site / "index.html")
    assert {f"{n.stem}.html" for n in NOTEBOOKS} <= set(index.links)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_page_images_have_alt_and_nothing_is_fetched_elsewhere(site, notebook):
    page = parsed(site / f"{notebook.stem}.html")
    assert page.images
    missing = [i.get("src", "")[:40] for i in page.images if not (i.get("alt") or "").strip()]
    assert not missing, f"{len(missing)} images without alt text"
    assert all(i["src"].startswith("data:image/png;base64,") for i in page.images)
    assert not non_local(page.fetched + [u for css in page.css for u in css_urls(css)])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_every_live_panel_shows_its_saved_picture(site, notebook):
    text = (site / f"{notebook.stem}.html").read_text(encoding="utf-8")
    page = parsed(site / f"{notebook.stem}.html")
    alts = canvas_alts(notebook)
    assert alts, "each notebook has at least one live panel"
    shown = [i["alt"] for i in page.images]
    assert all(alt in shown for alt in alts)
    assert "application/vnd.jupyter.widget-view+json" not in text  # no empty widget placeholder


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_page_links_to_its_live_versions(site, notebook):
    links = parsed(site / f"{notebook.stem}.html").links
    assert f"lite/lab/index.html?path={notebook.name}" in links
    assert ("https://mybinder.org/v2/gh/example-owner/example-workbook/main"
            f"?urlpath=lab/tree/notebooks/{notebook.name}") in links
    assert f"notebooks/{notebook.name}" in links
