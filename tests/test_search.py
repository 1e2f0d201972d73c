"""Search: the real Pagefind index of real builds, queried in Chromium."""

from __future__ import annotations

import gzip
import json
import time

import pytest

from partnerdir.loader import ContentLoader
from tests.conftest import FIXTURES, ROOT, build, soup
from tests.links import broken_links
from tests.server import free_port, serve

SUB_PATH = "/partner-directory/"


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def wait_for_results(page) -> None:
    """Until the results of the latest search are shown (the status says how many, or none)."""
    page.wait_for_function("""() => {
        const status = document.querySelector('.search-status');
        return status && /result/.test(status.textContent) &&
            document.querySelectorAll('.search-result').length ===
            Math.min(10, parseInt(status.textContent, 10) || 0);
    }""")


def results(page, query: str, base_url: str) -> list[str]:
    page.goto(f"{base_url}search/?q={query}")
    wait_for_results(page)
    return titles(page)


def titles(page) -> list[str]:
    return [title.inner_text() for title in page.locator(".search-result-title").all()]


def test_index_holds_every_page_of_every_content_kind(site):
    tree = ContentLoader(ROOT / "content").load_tree()
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"]
    assert entry["languages"]["en"]["page_count"] == (
        len(tree.partnerships) + len(tree.pages) + len(tree.stories) + len(tree.events))


def test_indexed_pages_carry_filters_meta_and_sort(site):
    indexed = [p for p in site.rglob("*.html") if soup(p).find(attrs={"data-pagefind-body": True})]
    assert len(indexed) == sum(len(list((ROOT / "content" / kind).glob("*.md")))
                               for kind in ("cities", "pages", "stories", "events"))
    for path in indexed:
        document = soup(path)
        assert document.html["lang"] == "en"
        filters = {e["data-pagefind-filter"] for e in document.find_all(attrs={"data-pagefind-filter": True})}
        assert "Type" in filters, path
    pair = soup(site / "pairs/boulder-nablus/index.html")
    values = {(e["data-pagefind-filter"], e.get_text()) for e in pair.find_all(attrs={"data-pagefind-filter": True})}
    assert values == {("Type", "Partnership"), ("Kind", "Sister cities"), ("Status", "Official"),
                      ("Country", "Palestine"), ("Country", "United States"), ("US state", "Colorado"),
                      ("Pillar", "Community")}
    assert pair.find(attrs={"data-pagefind-sort": True})["data-pagefind-sort"] == "year:2016"
    # A pair whose year is unknown has no sort key (sorted by year, it is left out).
    unknown = soup(site / "pairs/madison-rafah/index.html")
    assert "year unknown" in unknown.get_text() and unknown.find(attrs={"data-pagefind-sort": True}) is None
    assert pair.find(attrs={"data-pagefind-meta": "places"}).get_text() == "Boulder (United States) – Nablus (Palestine)"


def test_nablus_puts_boulder_nablus_first(page, base_url):
    assert results(page, "Nablus", base_url)[0] == "Boulder – Nablus"


def test_arabic_name_finds_nablus(page, base_url):
    assert results(page, "نابلس", base_url)[0] == "Boulder – Nablus"


def test_status_filter_official_removes_unofficial_pairs(page, base_url):
    statuses = {p.name: p.status for p in ContentLoader(ROOT / "content").load_tree().partnerships}
    before = results(page, "sister", base_url)
    assert {statuses[t] for t in before if t in statuses} >= {"official", "unofficial"}
    page.click(".search-filters summary")
    page.check("#Status-Official")
    page.wait_for_function("n => document.querySelectorAll('.search-result').length !== n", arg=len(before))
    wait_for_results(page)
    after = titles(page)
    assert after and {statuses.get(t) for t in after} == {"official"}, after


def test_two_values_of_one_filter_give_either_and_two_filters_both(page, base_url):
    statuses = {p.name: p.status for p in ContentLoader(ROOT / "content").load_tree().partnerships}
    kinds = {p.name: p.kind for p in ContentLoader(ROOT / "content").load_tree().partnerships}

    def choose(box):
        # Once no search is under way (opening the filters searches again, for their counts):
        # then the next results shown are those of this choice.
        page.wait_for_selector(box)
        page.wait_for_selector(".search-results:not([aria-busy])", state="attached")
        before = page.get_attribute("#search", "data-searches")
        page.check(box)
        page.wait_for_function("n => document.getElementById('search').dataset.searches !== n", arg=before)
        return titles(page)

    results(page, "sources", base_url)  # a word of every partnership page
    page.click(".search-filters summary")
    official = choose("#Status-Official")
    either = choose("#Status-Unofficial")
    assert {statuses.get(t) for t in either} == {"official", "unofficial"} and len(either) > len(official), either
    both = choose("#Kind-Sibling-cities")
    assert both == [t for t in either if kinds.get(t) == "sibling"] and 0 < len(both) < len(either), both


def test_filters_are_fetched_when_opened_not_by_the_first_search(page, base_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    results(page, "Nablus", base_url)
    assert [url for url in fetched if "/pagefind/filter/" in url] == []
    page.click(".search-filters summary")
    page.wait_for_selector("#Status-Official")
    assert [url for url in fetched if "/pagefind/filter/" in url] != []
    legends = [legend.inner_text() for legend in page.locator(".search-filter legend").all()]
    assert legends == ["Type", "Kind", "Status", "Country", "US state", "Pillar"]


def test_header_search_box_takes_the_query_to_search(page, base_url):
    page.goto(base_url)
    page.fill("#site-search-q", "Nablus")
    page.press("#site-search-q", "Enter")
    wait_for_results(page)
    assert page.url == f"{base_url}search/?q=Nablus"
    assert page.locator(".search-result-title").first.inner_text() == "Boulder – Nablus"


def test_header_search_box_leads_to_the_directory_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    page.fill("#site-search-q", "Nablus")
    page.press("#site-search-q", "Enter")
    page.wait_for_load_state()
    assert page.url == f"{base_url}pairs/?q=Nablus"
    assert page.locator("h1").inner_text() == "All partnerships"
    context.close()


@pytest.fixture(scope="module")
def diacritics_url(tmp_path_factory):
    output = tmp_path_factory.mktemp("diacritics")
    result = build(FIXTURES / "diacritics/content", output)
    assert result.returncode == 0, result.stderr
    with serve(output) as url:
        yield url


@pytest.mark.parametrize("query", ["Bağcılar", "bagcilar", "Bérat", "berat"])
def test_names_with_diacritics_are_found_by_plain_spelling(page, diacritics_url, query):
    assert results(page, query, diacritics_url) == ["Bağcılar – Bérat"]


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """A publish build for https://…/partner-directory, served under that sub-path."""
    output = tmp_path_factory.mktemp("sub-path")
    port = free_port()
    site_url = f"http://127.0.0.1:{port}{SUB_PATH.rstrip('/')}"
    result = build(ROOT / "content", output, "publishconf.py", env={"SITEURL": site_url})
    assert result.returncode == 0, result.stderr
    with serve(output, SUB_PATH, port) as url:
        assert url == site_url + "/"
        yield output, url


def test_search_works_under_a_sub_path(page, sub_path_site):
    output, url = sub_path_site
    assert broken_links(output, url) == []
    assert results(page, "Nablus", url)[0] == "Boulder – Nablus"
    page.locator(".search-result-link").first.click()
    page.wait_for_load_state()
    assert page.url == f"{url}pairs/boulder-nablus/"
    assert page.locator("h1").inner_text() == "Boulder – Nablus"


def test_first_search_cost(browser, base_url, capsys):
    """Figures for the record: what opening /search/ and a first search transfer, and how fast."""
    context = browser.new_context()
    page = context.new_page()
    loads = {"page": [], "search": []}
    phase = ["page"]
    page.on("response", lambda response: loads[phase[0]].append(response.body()))
    page.goto(f"{base_url}search/")
    page.wait_for_selector("#search-input")
    page.wait_for_load_state("networkidle")
    phase[0] = "search"
    start = time.perf_counter()
    page.fill("#search-input", "Nablus")
    wait_for_results(page)
    elapsed = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    context.close()

    def kib(bodies, packed=False):
        return sum(len(gzip.compress(b) if packed else b) for b in bodies) / 1024

    with capsys.disabled():
        print(f"\n  /search/ page load: {len(loads['page'])} files, {kib(loads['page']):.1f} KiB "
              f"({kib(loads['page'], True):.1f} KiB gzipped); first search: {len(loads['search'])} files, "
              f"{kib(loads['search']):.1f} KiB ({kib(loads['search'], True):.1f} KiB gzipped); "
              f"first results after {elapsed * 1000:.0f} ms")
    assert loads["search"] and elapsed < 30


def test_pagefind_files_written_in_hash_map_order_are_put_in_order(site):
    """Pagefind writes filter values in a random order (upstream #638); the bundle holds them sorted,
    in files named by the digest of their bytes, and the metadata names those files."""
    import hashlib

    from search.stable import _read

    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    meta_name = entry["languages"]["en"]["hash"]
    meta_bytes = (site / f"pagefind/pagefind.{meta_name}.pf_meta").read_bytes()
    assert meta_name == "en_" + hashlib.sha256(meta_bytes).hexdigest()[:10]
    filters = _read(site / f"pagefind/pagefind.{meta_name}.pf_meta")[3]
    assert filters == sorted(filters) and [name for name, _ in filters] == sorted(
        ["Country", "Kind", "Pillar", "Status", "Type", "US state"])
    files = sorted((site / "pagefind/filter").glob("*.pf_filter"))
    assert sorted(f"{file}.pf_filter" for _, file in filters) == [path.name for path in files]
    for path in files:
        assert path.stem == "en_" + hashlib.sha256(path.read_bytes()).hexdigest()[:7]
        title, values = _read(path)
        assert [value for value, _ in values] == sorted(value for value, _ in values), title
