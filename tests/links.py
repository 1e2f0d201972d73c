"""A plain check that every internal reference of a built site resolves to a file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src", "use": "href"}


def references(html: str):
    """(tag, URL) for every reference a page makes."""
    page = BeautifulSoup(html, "html.parser")
    for tag, attribute in REFERENCES.items():
        for element in page.find_all(tag):
            value = element.get(attribute)
            if value is not None:
                yield tag, value


def external_resources(html: str, site_url: str = ""):
    """Stylesheets, scripts, images and frames a page loads from another site."""
    for tag, url in references(html):
        if tag != "a" and _is_external(url, site_url):
            yield tag, url


def _is_external(url: str, site_url: str) -> bool:
    parts = urlsplit(url)
    if not (parts.scheme or parts.netloc):
        return False
    return not (site_url and url.startswith(site_url.rstrip("/") + "/"))


def resolve(output: Path, page: Path, url: str, site_url: str = "") -> Path | None:
    """The file a URL on ``page`` leads to; None when it leaves the site."""
    base = urlsplit(site_url)
    base_path = base.path.rstrip("/") + "/"
    if _is_external(url, site_url):
        return None
    path = unquote(urlsplit(url).path)
    if not path:
        return page
    if path.startswith("/"):
        if not path.startswith(base_path):
            return output / "\0outside-the-site"
        target = output / path[len(base_path):]
    else:
        target = page.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(output: Path, site_url: str = "") -> list[str]:
    """Every internal reference, in every HTML file, that does not resolve.

    ``site_url`` is the build's SITEURL: absolute URLs under it are internal,
    and root-relative ones must stay under its path.
    """
    broken = []
    for page in sorted(output.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        ids = None
        for tag, url in references(html):
            target = resolve(output, page, url, site_url)
            if target is None:
                continue
            if not target.is_file():
                broken.append(f"{page.relative_to(output)}: <{tag}> {url}")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target == page:
                ids = ids if ids is not None else {e.get("id") for e in BeautifulSoup(html, "html.parser").find_all(id=True)}
                if fragment not in ids:
                    broken.append(f"{page.relative_to(output)}: <{tag}> {url} (no such id)")
    return broken
