"""A plain check that every internal reference of a built site resolves to a file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


def internal_references(html: str):
    """(tag, URL) for every reference in a page that does not leave the site."""
    page = BeautifulSoup(html, "html.parser")
    for tag, attribute in REFERENCES.items():
        for element in page.find_all(tag):
            value = element.get(attribute)
            if value is None:
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                continue
            yield tag, value


def external_resources(html: str):
    """Stylesheets, scripts, images and frames a page loads from another host."""
    page = BeautifulSoup(html, "html.parser")
    for tag, attribute in REFERENCES.items():
        if tag == "a":
            continue
        for element in page.find_all(tag):
            value = element.get(attribute) or ""
            if urlsplit(value).netloc or value.startswith("//"):
                yield tag, value


def resolve(output: Path, page: Path, url: str, base_path: str = "/") -> Path | None:
    """The file a URL of ``page`` leads to, or None when it leaves ``base_path``."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return page
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        target = output / path[len(base_path):]
    else:
        target = page.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(output: Path, base_path: str = "/") -> list[str]:
    """Every internal reference, in every HTML file, that does not resolve."""
    broken = []
    for page in sorted(output.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        ids = None
        for tag, url in internal_references(html):
            target = resolve(output, page, url, base_path)
            if target is None or not target.is_file():
                broken.append(f"{page.relative_to(output)}: <{tag}> {url}")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target == page:
                ids = ids if ids is not None else {e.get("id") for e in BeautifulSoup(html, "html.parser").find_all(id=True)}
                if fragment not in ids:
                    broken.append(f"{page.relative_to(output)}: <{tag}> {url} (no such id)")
    return broken
