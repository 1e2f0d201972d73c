"""What a reader's browser fetches, measured in Chromium: a first search, a pair page.

Bytes are counted as a static host would send them compressed (each response body
gzipped); the server sends Cache-Control: max-age=600 as GitHub Pages does, so a
second page in the same browser fetches only what is not cached yet.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from tests.server import serve

CHROMIUM = Path("/usr/bin/chromium")

# A page that runs Pagefind's own UI over a site's bundle: the reference for what
# Pagefind alone fetches (written into the stock reference's output for the bench).
PROBE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title>
<link rel="stylesheet" href="/pagefind/pagefind-ui.css"><script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>new PagefindUI({element: "#search", showSubResults: false, showImages: false});</script>
</body></html>
"""


def available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return CHROMIUM.exists()


def _launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--disable-background-networking"])


# Where to type and what a result is: on the directory's /search/, and in Pagefind's own UI.
OURS = ("#search-input", ".search-result-link")
PAGEFIND_UI = (".pagefind-ui__search-input", ".pagefind-ui__result-link")


def first_search(site: Path, page_path: str, query: str, ui=OURS) -> dict:
    """Open ``page_path``, wait until idle, type ``query``: what the search fetches and how long results take."""
    field, result = ui
    from playwright.sync_api import sync_playwright

    with serve(site, cache_seconds=600) as base, sync_playwright() as playwright:
        browser = _launch(playwright)
        page = browser.new_context().new_page()
        page.goto(base + page_path)
        page.wait_for_selector(f"{field}")
        page.wait_for_load_state("networkidle")
        fetched = _Fetched(page)
        start = time.perf_counter()
        page.fill(field, query)
        page.wait_for_selector(result, timeout=60000)
        elapsed = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
        bodies = fetched.bodies()
        browser.close()
    return {"files": len(bodies), "kib": _kib(bodies), "ms": round(elapsed * 1000)}


def pair_pages(site: Path, first_path: str, second_path: str) -> dict:
    """A first visit to one pair page, then a second pair page with the shared files cached."""
    from playwright.sync_api import sync_playwright

    with serve(site, cache_seconds=600) as base, sync_playwright() as playwright:
        browser = _launch(playwright)
        page = browser.new_context().new_page()
        first = _Fetched(page)
        page.goto(base + first_path)
        page.wait_for_load_state("networkidle")
        visits = {"first": first.bodies()}
        second = _Fetched(page)
        page.goto(base + second_path)
        page.wait_for_load_state("networkidle")
        visits["second"] = second.bodies()
        browser.close()
    return {"first_kib": _kib(visits["first"]), "first_files": len(visits["first"]),
            "cached_kib": _kib(visits["second"]), "cached_files": len(visits["second"])}


class _Fetched:
    """The responses the page receives from now on over the network (not from a cache).

    The event handler only notes each finished request: Playwright's calls back into the
    browser (a response's body) are made by ``bodies()``, once the page is idle and while
    it is open -- from inside the handler they could come after the browser closed, and
    the body was lost from the count."""

    def __init__(self, page):
        self.page, self.requests = page, []
        page.on("requestfinished", self._note)

    def _note(self, request) -> None:
        self.requests.append(request)

    def bodies(self) -> list[bytes]:
        """Stop noting requests; the bodies of those that came over the network."""
        self.page.remove_listener("requestfinished", self._note)
        bodies = []
        for request in self.requests:
            response = request.response()
            if response is not None and request.sizes()["responseBodySize"] > 0:
                bodies.append(response.body())
        return bodies


def _kib(bodies) -> float:
    return round(sum(len(gzip.compress(body)) for body in bodies) / 1024, 1)
