"""Quality gates in a real browser: Debian's Chromium, driven by Playwright.

One page of every page type is checked for WCAG 2.2 A/AA violations (axe-core,
in light and dark colour schemes), console errors, failed or third-party
requests, working content and links without JavaScript, and overflow at 320 px.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from partnerdir.loader import ContentLoader
from tests.browser import axe_violations
from tests.conftest import ROOT
from tests.server import serve

PAGE_TYPES = {
    "home": "",
    "directory": "pairs/",
    "facet": "pairs/status/official/",
    "partnership": "pairs/boulder-nablus/",
    "place": "places/nablus-ps-nbs/",
    "places": "places/",
    "country": "countries/ps/",
    "countries": "countries/",
    "state": "states/co/",
    "states": "states/",
    "content page": "about/",
    "search": "search/?q=Nablus",
    "map": "map/",
    "stats": "stats/",
    "stories": "stories/",
    "story": "stories/boulder-nablus-two-votes/",
    "events": "events/",
    "event": "events/boulder-nablus-inaugural-meeting/",
    "404": "404.html",
}
# What shows that a page has finished its own work, where a script does some.
READY = {"search": ".search-result-title", "map": "#map[data-shown-pairs] .map-dot"}


def visit(page, base_url, page_type, **options):
    page.goto(base_url + PAGE_TYPES[page_type], **options)
    if page_type in READY:
        page.wait_for_selector(READY[page_type])


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture
def context_for(browser):
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_accessibility_violations(context_for, base_url, page_type, scheme):
    page = context_for(bypass_csp=True, color_scheme=scheme).new_page()
    visit(page, base_url, page_type)
    assert axe_violations(page) == []


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_console_error_failed_or_third_party_request(context_for, base_url, page_type):
    context = context_for()
    origin = base_url.rstrip("/")
    errors, failed, foreign = [], [], []
    context.route(lambda url: not url.startswith(origin), lambda route: route.abort())
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: request.url.startswith(origin) or foreign.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    visit(page, base_url, page_type, wait_until="networkidle")
    assert (errors, failed, foreign) == ([], [], [])


@pytest.fixture(scope="module")
def checked_links():
    return {}


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_works_without_javascript(context_for, base_url, page_type, checked_links):
    context = context_for(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES[page_type])
    assert page.evaluate("1 + 1") == 2  # Playwright's own evaluation still runs
    assert page.locator("main h1").inner_text().strip()
    assert len(page.locator("main").inner_text()) > 100
    document = BeautifulSoup(page.content(), "html.parser")
    for anchor in document.select("main a[href], header a[href], footer a[href]"):
        url = urljoin(page.url, anchor["href"])
        if urlsplit(url).netloc != urlsplit(base_url).netloc:
            continue
        if url not in checked_links:
            checked_links[url] = context.request.get(url).status
        assert checked_links[url] == 200, f"{anchor['href']} on {page_type}"


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_nothing_overflows_at_320_px(context_for, base_url, page_type):
    page = context_for(viewport={"width": 320, "height": 640}).new_page()
    visit(page, base_url, page_type)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # elements reaching past the screen's edge, unless a container clips them (a map's panes)
    wide = page.evaluate("""() => {
        const clipped = e => {
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= 320.5) return true;
            }
            return false;
        };
        return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 320.5 && !clipped(e))
            .map(e => e.tagName + ' ' + (e.getAttribute('class') || '')).slice(0, 5);
    }""")
    assert wide == []


def test_skip_link_is_first_and_visible_on_focus(context_for, base_url):
    page = context_for().new_page()
    page.goto(base_url + "pairs/boulder-nablus/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 10
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_directory_filter_narrows_and_remembers(context_for, base_url):
    official = sum(p.status == "official" for p in ContentLoader(ROOT / "content").load_tree().partnerships)
    page = context_for().new_page()
    page.goto(base_url + "pairs/")
    total = page.locator(".pair-card").count()
    assert page.locator("#pair-filter").is_visible()
    page.select_option("#filter-status", "official")
    assert page.locator(".pair-card:visible").count() == official
    assert page.locator(".filter-status").inner_text() == f"Showing {official} of {total} partnerships."
    assert page.url.endswith("?status=official")
    page.reload()
    assert page.locator(".pair-card:visible").count() == official
    page.select_option("#filter-state", "CO")
    assert [a.inner_text() for a in page.locator(".pair-card:visible .pair-card-title a").all()] == ["Boulder – Nablus"]
