"""Publishing: a publish build under a sub-path crawls clean, with sitemap, robots.txt,
404 page, canonical links and feeds right; two builds of one commit are identical."""

from __future__ import annotations

import filecmp
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image
from lxml import etree

from tests.conftest import ROOT, VALID_SITE, build, soup
from tests.links import REFERENCES
from tests.server import serve

SITE_URL = "https://example.org/partner-directory"
EPOCH = "2000000000"  # a fixed SOURCE_DATE_EPOCH (May 2033), as the publish workflow sets one from the commit
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XSD = ROOT / "tests/vendor/sitemaps/sitemap.xsd"


def publish(output: Path, content: Path = ROOT / "content", site_url: str = SITE_URL, **extra):
    """A build as the publish workflow makes it: `SITEURL=… SOURCE_DATE_EPOCH=… make publish`."""
    result = build(content, output, "publishconf.py", env={"SITEURL": site_url, "SOURCE_DATE_EPOCH": EPOCH}, **extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return publish(tmp_path_factory.mktemp("published"))


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except HTTPError as error:
        return error.code, b"", ""


def test_a_publish_build_under_a_sub_path_crawls_clean(published):
    """Every link, asset and feed URL, from the home page, the sitemap and the feeds, answers 200."""
    with serve(published, "/partner-directory/") as local:
        def localise(url):
            return local + url[len(SITE_URL) + 1:] if url.startswith(SITE_URL + "/") else url

        queue = deque([SITE_URL + "/", SITE_URL + "/sitemap.xml", SITE_URL + "/robots.txt",
                       SITE_URL + "/feeds/stories.atom.xml", SITE_URL + "/feeds/partnerships.atom.xml"])
        seen, broken, external_assets = set(queue), [], []
        while queue:
            url = queue.popleft()
            status, body, kind = fetch(localise(url))
            if status != 200:
                broken.append(f"{status} {url}")
                continue
            found = []
            if kind == "text/html":
                page = soup_from(body)
                for tag, attribute in REFERENCES.items():
                    for element in page.find_all(tag):
                        if element.get(attribute):
                            target = urljoin(url, element[attribute])
                            if tag != "a" and not target.startswith(SITE_URL + "/"):
                                external_assets.append(target)
                            found.append(target)
            elif url.endswith((".xml",)):
                root = ET.fromstring(body)
                found += [e.text for e in root.iter(f"{SITEMAP}loc")]
                found += [e.get("href") for e in root.iter("{http://www.w3.org/2005/Atom}link")]
            elif url.endswith("robots.txt"):
                found += [line.split(": ", 1)[1] for line in body.decode().splitlines() if line.startswith("Sitemap:")]
            for target in found:
                target = target.split("#")[0]
                if target.startswith(SITE_URL + "/"):
                    if target not in seen:
                        seen.add(target)
                        queue.append(target)
                elif urlsplit(target).netloc == "example.org" or target.startswith("/"):
                    broken.append(f"outside the site's path: {target} (on {url})")
        assert broken == [] and external_assets == []
        assert len(seen) > 100


def soup_from(body: bytes):
    from bs4 import BeautifulSoup

    return BeautifulSoup(body.decode("utf-8"), "html.parser")


def test_sitemap_lists_every_page_and_validates(published):
    document = etree.parse(str(published / "sitemap.xml"))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(document), schema.error_log
    locations = [e.text for e in document.getroot().iter(f"{SITEMAP}loc")]
    pages = sorted(
        SITE_URL + "/" + p.relative_to(published).as_posix().removesuffix("index.html")
        for p in published.rglob("*.html") if p.name != "404.html"
    )
    assert locations == pages
    assert f"{SITE_URL}/pairs/boulder-nablus/" in locations


def test_robots_points_to_the_sitemap(published):
    assert (published / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}/sitemap.xml\n"


def test_404_page_works_at_any_depth(published):
    page = soup(published / "404.html")
    assert page.h1.get_text() == "Page not found"
    form = page.find("form", class_="not-found-search")
    assert form["action"] == f"{SITE_URL}/pairs/" and form["data-search-url"] == f"{SITE_URL}/search/"
    references = [e.get("href") or e.get("src") for e in page.find_all(["a", "link", "script", "img"])
                  if e.get("href") or e.get("src")]
    assert references and all(r.startswith(SITE_URL + "/") or r.startswith("#") for r in references), references
    assert not page.find("link", rel="canonical")


def test_pages_carry_canonical_and_social_metadata(published):
    page = soup(published / "pairs/boulder-nablus/index.html")
    assert page.find("link", rel="canonical")["href"] == f"{SITE_URL}/pairs/boulder-nablus/"
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta") if m.get("content")}
    assert meta["og:url"] == f"{SITE_URL}/pairs/boulder-nablus/"
    assert meta["og:title"] == "Boulder – Nablus"
    assert meta["og:description"].startswith("Sister cities: Boulder (United States) and Nablus (Palestine)")
    # the pair's map as the link preview's image: absolute, published, the size the tags say
    assert meta["og:image"] == f"{SITE_URL}/maps/share/boulder-nablus.png"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image:alt"] == "Map of Boulder and Nablus, joined by the shortest route between them"
    with Image.open(published / "maps/share/boulder-nablus.png") as image:
        assert (image.format, image.size) == ("PNG", (int(meta["og:image:width"]), int(meta["og:image:height"])))
    home = soup(published / "index.html")
    assert home.find("link", rel="canonical")["href"] == f"{SITE_URL}/"
    home_meta = {m.get("property") or m.get("name"): m["content"] for m in home.find_all("meta") if m.get("content")}
    assert home_meta["twitter:card"] == "summary" and "og:image" not in home_meta


def test_every_pair_page_has_its_preview_image_and_a_large_directory_none(published, tmp_path):
    for page in (published / "pairs").glob("*/index.html"):
        image = soup(page).find("meta", property="og:image")
        if page.parent.name != "page" and image is not None:
            assert (published / image["content"].removeprefix(SITE_URL + "/")).is_file(), page
    pairs = [p for p in (published / "pairs").glob("*/index.html") if soup(p).find("article", class_="pair")]
    assert pairs and all(soup(p).find("meta", property="og:image") for p in pairs)
    large = publish(tmp_path / "large", SEARCH_INDEX=False, MAPS_SHARE_MAX_PAIRS=5)
    assert not (large / "maps/share").exists()
    assert soup(large / "pairs/boulder-nablus/index.html").find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_a_custom_domain_gets_a_cname_and_github_io_none(tmp_path):
    custom = publish(tmp_path / "custom", VALID_SITE, "https://partners.example.org", SEARCH_INDEX=False)
    assert (custom / "CNAME").read_text() == "partners.example.org\n"
    assert soup(custom / "index.html").find("link", rel="canonical")["href"] == "https://partners.example.org/"
    project = publish(tmp_path / "project", VALID_SITE, "https://someone.github.io/partner-directory",
                      SEARCH_INDEX=False)
    assert not (project / "CNAME").exists()


def test_two_builds_of_one_commit_are_byte_identical(published, tmp_path):
    again = publish(tmp_path / "again")
    comparison = filecmp.dircmp(published, again)

    def differences(c, prefix=""):
        found = [prefix + name for name in c.diff_files + c.left_only + c.right_only]
        for name, sub in c.subdirs.items():
            found += differences(sub, f"{prefix}{name}/")
        return found

    # Pagefind's bundle included: its filter files come out of Pagefind in hash-map order
    # (upstream issue #638) and are put in order by plugins/search/stable.py.
    assert differences(comparison) == []
    assert list((published / "pagefind/filter").glob("*.pf_filter"))
    assert len(list(published.rglob("*"))) > 200
    # and no path of the machine that built it
    for path in published.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".ics", ".csv", ".geojson", ".txt", ".svg"):
            assert str(ROOT) not in path.read_text(encoding="utf-8", errors="replace"), path
