"""Contributor text is data: script and event handlers never reach a page."""

import pytest

from partnerdir.render import Renderer
from tests.conftest import FIXTURES, build, soup


@pytest.fixture(scope="module")
def unsafe_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("unsafe")
    result = build(FIXTURES / "unsafe/content", output)
    assert result.returncode == 0, result.stderr
    return output


# Pages that show the partnership or its places through each component: the pair page (place
# cards, static map, search meta), both places' pages (the place's name, the partner's card),
# the lists (pair cards).
PAGES = ["pairs/boulder-nablus/index.html", "places/nablus-ps-nbs/index.html", "places/boulder-us-co/index.html",
         "pairs/index.html", "pairs/kind/sister/index.html", "countries/ps/index.html"]


@pytest.mark.parametrize("page", [*PAGES, "about/index.html"])
def test_markup_from_contributors_is_inert(unsafe_site, page):
    html = (unsafe_site / page).read_text(encoding="utf-8")
    document = soup(unsafe_site / page)
    scripts = document.find_all("script")
    assert all(s.get("src", "").startswith("/theme/js/") for s in scripts), scripts
    handlers = [(e.name, a) for e in document.find_all(True) for a in e.attrs if a.lower().startswith("on")]
    assert handlers == []
    assert not document.find_all(["iframe", "object", "embed", "style"])
    assert "javascript:" not in html.lower()
    assert not document.find(attrs={"style": True})


def test_template_syntax_in_content_is_not_evaluated(unsafe_site):
    text = soup(unsafe_site / "pairs/boulder-nablus/index.html").find(class_="narrative").get_text()
    assert "{{ SITENAME }}" in text and "{% if true %}yes{% endif %}" in text
    about = soup(unsafe_site / "about/index.html").find("article").get_text()
    assert "{{ SITENAME }}" in about


@pytest.mark.parametrize("page", PAGES)
def test_a_place_name_is_escaped_wherever_it_is_shown(unsafe_site, page):
    names = soup(unsafe_site / page).find_all("span", class_="local-name")
    assert names and all(name.get_text() == "<script>alert('name')</script>" for name in names)


UNSAFE_NAME = "Rafah <b onmouseover='alert(1)'>x</b>"
# Pages that show a place's name through each component: the pair page, the place's own page
# and its partner's (partner card), the lists (pair card), both countries' pages (place name,
# partner links).
NAME_PAGES = ["pairs/olympia-rafah-b-onmouseover-alert-1-x-b/index.html",
              "places/rafah-b-onmouseover-alert-1-x-b-ps-rfh/index.html", "places/olympia-us-wa/index.html",
              "pairs/index.html", "countries/ps/index.html", "countries/us/index.html"]


@pytest.mark.parametrize("page", NAME_PAGES)
def test_markup_in_a_place_name_stays_text(unsafe_site, page):
    document = soup(unsafe_site / page)
    assert not document.find("b") and not document.find(attrs={"onmouseover": True})
    assert UNSAFE_NAME in document.get_text()


def test_front_matter_text_is_escaped(unsafe_site):
    page = soup(unsafe_site / "pairs/boulder-nablus/index.html")
    assert page.find("span", class_="local-name").get_text() == "<script>alert('name')</script>"
    assert page.select_one(".sources a").get_text() == "<b onclick='alert(1)'>Sister Cities</b>"
    website = page.find("a", string="Project <img src=x onerror=alert(1)>")
    assert website["href"] == 'https://example.org/"onmouseover="alert(1)'
    assert list(website.attrs) == ["href"]


def test_renderer_keeps_ordinary_markdown():
    html = Renderer().render("Some *emphasis*, a [link](https://example.org/) and\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<em>emphasis</em>" in html and 'href="https://example.org/"' in html and "<table>" in html
