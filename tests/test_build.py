"""The real content, built with real Pelican and the real plugins."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partnerdir.directory import Directory
from partnerdir.loader import ContentLoader
from tests.conftest import REPOSITORY, ROOT, build, soup
from tests.links import broken_links, external_resources

CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def directory() -> Directory:
    tree = ContentLoader(CONTENT).load_tree()
    assert tree.problems == []
    return Directory(tree.partnerships)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_partnership_file_has_its_page(site):
    files = sorted(p.stem for p in (CONTENT / "cities").glob("*.md"))
    assert len(files) >= 12
    pages = sorted(p.parent.name for p in (site / "pairs").glob("*/index.html") if "-" in p.parent.name)
    assert pages == files


def test_every_content_file_ends_as_a_page(site):
    """No silent loss: each file under content/ (but dotfiles) has an output page."""
    for path in sorted(CONTENT.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        folder = path.relative_to(CONTENT).parts[0]
        expected = {"cities": site / "pairs" / path.stem / "index.html", "pages": site / path.stem / "index.html",
                    "stories": site / "stories" / path.stem / "index.html",
                    "events": site / "events" / path.stem / "index.html"}
        assert folder in expected, f"{path} is in no content folder"
        assert expected[folder].is_file(), f"{path} produced no page"


def test_pair_page_shows_every_field(site):
    page = soup(site / "pairs/boulder-nablus/index.html")
    assert page.h1.get_text(strip=True) == "Boulder – Nablus"
    text = page.main.get_text(" ", strip=True)
    for expected in ("Sister cities", "Official", "since 2016", "Community", "Boulder-Nablus Sister City Project",
                     "6 September 2011", "eighth sister city", "Colorado", "Palestine", "Nablus Governorate"):
        assert expected in text, expected
    local = page.find("span", class_="local-name")
    assert (local.get_text(), local["lang"], local["dir"]) == ("نابلس", "ar", "rtl")
    sources = [a["href"] for a in page.select(".sources a")]
    assert "https://citiesforpalestine.org/sistercities" in sources and len(sources) == 4
    assert [t["datetime"] for t in page.select(".timeline time")] == ["2011-09-06", "2013", "2016"]
    edit = page.find("a", string="Edit this partnership on GitHub")
    assert edit["href"] == f"{REPOSITORY}/edit/main/content/cities/boulder-nablus.md"


def test_unknown_status_and_year_are_said(site):
    page = soup(site / "pairs/dayton-salfit/index.html")
    facts = page.find("dl", class_="facts").get_text(" ", strip=True)
    assert "Status unknown" in facts and "Since Unknown" in facts


def test_directory_lists_every_pair_grouped_by_kind(site, directory):
    page = soup(site / "pairs/index.html")
    groups = {g.h2["id"]: [a["href"] for a in g.select(".pair-card-title a")] for g in page.select("[data-group]")}
    assert set(groups) == {f"group-{kind}" for kind in directory.counts("kind")}
    listed = sorted(href for hrefs in groups.values() for href in hrefs)
    assert listed == sorted(f"/pairs/{p.slug}/" for p in directory.partnerships)
    for card in page.select(".pair-card"):
        assert card["data-kind"] and card["data-status"] and card["data-countries"]


def test_directory_filters_work_without_javascript(site, directory):
    """Each filter value is a static page listing exactly the matching pairs."""
    page = soup(site / "pairs/index.html")
    browse = {a["href"] for a in page.select(".browse a")}
    for value in ("official", "unofficial", "unknown"):
        assert f"/pairs/status/{value}/" in browse
        listed = {a["href"] for a in soup(site / f"pairs/status/{value}/index.html").select(".pair-card-title a")}
        assert listed == {f"/pairs/{p.slug}/" for p in directory.having("status", value)}
    listed = {a["href"] for a in soup(site / "pairs/kind/sibling/index.html").select(".pair-card-title a")}
    assert listed == {"/pairs/palo-alto-bloomington/"}
    listed = {a["href"] for a in soup(site / "pairs/pillar/commerce/index.html").select(".pair-card-title a")}
    assert listed == {f"/pairs/{p.slug}/" for p in directory.having("pillars", "commerce")}
    assert {"/countries/ps/", "/countries/us/", "/states/co/", "/states/ia/"} <= browse
    # the script's form is there, hidden until the script shows it
    assert page.find("form", id="pair-filter").has_attr("hidden")


def test_place_pages_list_all_partners(site, directory):
    for entry in directory.places:
        page = soup(site / "places" / entry.slug / "index.html")
        partners = [a.get_text() for a in page.select(".pair-card-title a")]
        assert sorted(partners) == sorted(p.partner_of(entry.place).name for p in entry.partnerships)
    bethlehem = soup(site / "places/bethlehem-ps-bth/index.html")
    assert sorted(a.get_text() for a in bethlehem.select(".pair-card-title a")) == ["Burlington", "Joplin", "Sacramento"]


def test_country_and_state_indexes(site, directory):
    countries = soup(site / "countries/index.html")
    assert [a.get_text() for a in countries.select("tbody a")] == ["Palestine", "United States"]
    states = soup(site / "states/index.html")
    assert len(states.select("tbody tr")) == len(directory.states) == 12
    colorado = soup(site / "states/co/index.html")
    assert colorado.h1.get_text() == "Colorado"
    assert [a["href"] for a in colorado.select(".place-list a[href^='/pairs/']")] == ["/pairs/boulder-nablus/"]
    palestine = soup(site / "countries/ps/index.html")
    assert len(palestine.select(".place-list > li")) == 7


def test_home_page_shows_the_counts(site, directory):
    stats = [li.get_text(" ", strip=True) for li in soup(site / "index.html").select(".stats li")]
    assert stats == [
        f"{len(directory.partnerships)} partnerships",
        f"{len(directory.places)} places",
        f"{len(directory.countries)} countries",
        f"{len(directory.states)} US states",
    ]
    assert stats[:2] == ["12 partnerships", "20 places"]


def test_content_pages(site):
    for slug in ("about", "start-a-partnership", "contribute"):
        page = soup(site / slug / "index.html")
        assert page.h1 and page.find("article").find("p", class_="lead")


def test_every_page_has_the_accessible_frame(site):
    for path in html_files(site):
        page = soup(path)
        where = path.relative_to(site)
        assert page.html["lang"] == "en", where
        assert len(page.find_all("h1")) == 1, where
        assert page.find("a", class_="skip-link")["href"] == "#main", where
        assert page.find("main", id="main"), where
        assert page.find("header") and page.find("footer") and page.find("nav"), where
        assert page.find("meta", attrs={"name": "viewport"}), where


def test_every_page_has_a_strict_content_security_policy(site):
    for path in html_files(site):
        page = soup(path)
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        scripts = [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]  # data, not code
        assert all(script.get("src") for script in scripts), f"inline script in {path}"
        assert not page.find(attrs={"style": True}), f"inline style in {path}"
        assert list(external_resources(path.read_text(encoding="utf-8"))) == [], path


def test_every_internal_link_and_asset_resolves(site):
    assert broken_links(site) == []
    assert len(html_files(site)) > 60


def test_arabic_names_are_marked(site):
    for path in html_files(site):
        for span in soup(path).find_all(string=re.compile("[\u0600-\u06ff]")):
            holder = span.parent
            assert holder.get("lang") == "ar" and holder.get("dir") == "rtl", path


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    """The real content with two items a page, so that every long list is paginated."""
    output = tmp_path_factory.mktemp("paged")
    result = build(CONTENT, output, DIRECTORY_PAGE_SIZE=2)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_long_lists_are_split_into_pages_that_hold_every_item(paged_site, directory):
    pages = [paged_site / "pairs/index.html"] + sorted(
        (paged_site / "pairs/page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    assert len(pages) == 6  # 12 partnerships, 2 a page
    listed = [a["href"] for page in pages for a in soup(page).select(".pair-card-title a")]
    assert sorted(listed) == sorted(f"/pairs/{p.slug}/" for p in directory.partnerships)
    second = soup(paged_site / "pairs/page/2/index.html")
    assert second.title.get_text().startswith("All partnerships (page 2 of 6)")
    pager = [a.get_text() for a in second.select("nav.pager a")]
    assert pager == ["Previous", "1", "2", "3", "4", "5", "6", "Next"]
    assert second.select_one("nav.pager a[aria-current=page]").get_text() == "2"
    # the script filters one page only, so it is not offered on a paginated directory
    assert not second.find("form", id="pair-filter") and not soup(pages[0]).find("form", id="pair-filter")
    unknown = [paged_site / "pairs/status/unknown/index.html"] + list(
        (paged_site / "pairs/status/unknown/page").glob("*/index.html"))
    assert sum(len(soup(p).select(".pair-card")) for p in unknown) == len(directory.having("status", "unknown"))
    places = [paged_site / "countries/us/index.html"] + list((paged_site / "countries/us/page").glob("*/index.html"))
    assert sum(len(soup(p).select(".place-list > li")) for p in places) == 13
    assert broken_links(paged_site) == []


# The page frame (header, footer) and the pair cards are rendered once a build and reused
# (templating.fragment): each page must still get its own current section and URLs.

def test_the_main_navigation_marks_the_section_shown_and_nothing_elsewhere(site):
    def current(path):
        return [a.get_text() for a in soup(site / path).select("nav[aria-label=Main] a[aria-current=page]")]

    assert current("pairs/index.html") == ["All partnerships"]
    assert current("countries/index.html") == ["Countries"]
    assert current("about/index.html") == ["About the directory"]
    assert current("pairs/boulder-nablus/index.html") == []
    assert current("pairs/kind/sister/index.html") == []


def test_a_pair_card_is_the_same_in_every_list_that_shows_it(site, directory):
    pair = directory.by_slug["boulder-nablus"]

    def card(path):
        found = [c for c in soup(site / path).select("li.pair-card")
                 if c.select_one(".pair-card-title a")["href"].endswith(f"/pairs/{pair.slug}/")]
        assert len(found) == 1, path
        return str(found[0])

    cards = {card(path) for path in ("pairs/index.html", f"pairs/kind/{pair.kind}/index.html",
                                     f"pairs/status/{pair.status}/index.html")}
    assert len(cards) == 1
    assert "<h3" in cards.pop()


def test_with_relative_urls_every_page_links_from_its_own_depth(tmp_path):
    output = tmp_path / "output"
    result = build(CONTENT, output, RELATIVE_URLS=True)
    assert result.returncode == 0, result.stderr
    for path, up in (("index.html", "."), ("pairs/boulder-nablus/index.html", "../.."),
                     ("pairs/kind/sister/index.html", "../../..")):
        page = soup(output / path)
        assert page.select_one("a.site-name")["href"].rstrip("/") == up, path
        assert page.select_one("nav[aria-label=Main] a")["href"] == f"{up}/pairs/", path
        cards = page.select(".pair-card-title a")
        assert all(a["href"].startswith(f"{up}/pairs/") for a in cards), path
        assert not broken_links(output), broken_links(output)[:5]
