"""Static maps (no JavaScript), the interactive /map/, and the charts of /stats/."""

from __future__ import annotations

import json

import pytest

from partnerdir.directory import Directory
from partnerdir.greatcircle import distance_km
from partnerdir.loader import ContentLoader
from partnerdir.model import Location, Partnership, Place, Source
from maps.draw import pair_map
from maps.outlines import countries
from tests.conftest import ROOT, VALID_SITE, build, soup
from tests.server import serve


@pytest.fixture(scope="module")
def directory():
    return Directory(ContentLoader(ROOT / "content").load_tree().partnerships)


def view_box(svg):
    return [float(v) for v in svg["viewbox" if "viewbox" in svg.attrs else "viewBox"].split()]


def test_every_pair_page_has_its_map_without_javascript(site, directory):
    for pair in directory.partnerships:
        page = soup(site / "pairs" / pair.slug / "index.html")
        svg = page.select_one("figure.pair-map svg")
        assert svg and svg["role"] == "img" and svg.title.get_text().startswith("Map of"), pair.slug
        assert svg.find("use")["href"] == "/maps/world.svg#world"
        assert len(svg.find_all("circle")) == 2
        assert len(str(svg)) < 1500, f"{pair.slug}: the map inlines more than its frame, arc and points"
        assert page.select_one("figure.pair-map figcaption").get_text().startswith(f"{pair.places[0].name} and")


def test_boulder_is_west_of_nablus_and_both_inside_the_frame(site):
    svg = soup(site / "pairs/boulder-nablus/index.html").select_one("figure.pair-map svg")
    x, y, width, height = view_box(svg)
    boulder, nablus = [(float(c["cx"]), float(c["cy"])) for c in svg.find_all("circle")]
    assert boulder[0] < nablus[0]
    assert boulder[1] < nablus[1], "Boulder is north of Nablus (y grows southward)"
    for cx, cy in (boulder, nablus):
        assert x < cx < x + width and y < cy < y + height
    assert (boulder[0], -boulder[1]) == pytest.approx((-105.2705, 40.015), abs=0.01)


def test_a_pacific_pair_is_framed_across_the_antimeridian():
    tokyo = Place("Tokyo", "JP", Location(35.68, 139.69))
    san_francisco = Place("San Francisco", "US", Location(37.77, -122.42), region="US-CA")
    pair = Partnership("tokyo-san-francisco", "cities/x.md", "sister", "official", (tokyo, san_francisco),
                       (Source("x", "https://example.org/"),))
    drawn = pair_map(pair)
    x, y, width, height = drawn.view_box
    assert width < 180, "the frame spans the Pacific, not the whole world"
    assert 360 in drawn.copies, "the world is drawn again east of the antimeridian"
    (tx, _), (sx, _) = drawn.points
    assert x < tx < sx < x + width
    assert drawn.distance_km == round(distance_km(tokyo.location, san_francisco.location)) == 8272


def test_the_overview_draws_an_arc_with_a_point_every_500_km_at_most():
    """The overview shows the world a third of a degree to a pixel: a point every 500 km keeps
    each arc within half a pixel of its great circle, with fewer points than a pair's page
    (every 200 km) -- the home page's image, of every pair, is a quarter lighter."""
    from maps.draw import OVERVIEW_SEGMENT_KM, overview_arc
    from partnerdir.greatcircle import distance_km

    def points(first: Location, second: Location) -> int:
        places = (Place("A", "DE", first), Place("B", "FR", second))
        pair = Partnership("a-b", "cities/a-b.md", "sister", "official", places, (Source("x", "https://example.org/"),))
        return overview_arc(pair).count(" L") + 1

    aachen, paris, rome, cape_town = (Location(50.7756, 6.0836), Location(48.8566, 2.3522),
                                      Location(41.9028, 12.4964), Location(-33.9253, 18.4239))
    assert points(aachen, paris) == 2, "344 km: one straight segment"
    assert OVERVIEW_SEGMENT_KM * 2 < distance_km(aachen, rome) < OVERVIEW_SEGMENT_KM * 3
    assert points(aachen, rome) == 3 + 1
    assert points(aachen, cape_town) == 12 + 1, "9,500 km: the most segments an overview arc has"


def test_a_path_writes_each_number_as_the_maps_format_it():
    """Map paths write their numbers in bulk (``_path``), exactly as ``_fmt`` writes one: trailing
    zeros dropped, a number that rounds to zero written 0."""
    import random

    from maps.draw import _fmt, _path

    chooser = random.Random(7)
    for _ in range(2000):
        count = chooser.randint(1, 12)
        xs = [chooser.choice([0.0, -0.0, -0.004, 0.04, 180.0, -179.996]) if chooser.random() < 0.2
              else round(chooser.uniform(-400, 400), chooser.randint(0, 4)) for _ in range(count)]
        ys = [round(chooser.uniform(-90, 90), chooser.randint(0, 4)) for _ in range(count)]
        for decimals in (1, 2):
            assert _path(xs, ys, decimals) == "M" + " L".join(
                f"{_fmt(x, decimals)} {_fmt(y, decimals)}" for x, y in zip(xs, ys))
    assert _path([-0.004, 10.0], [0.04, -0.05], 1) == "M0 0 L10 -0.1"


def test_outlines_are_one_shared_file(site):
    world = (site / "maps/world.svg").read_text(encoding="utf-8")
    assert 'id="world"' in world and len(world) > 50_000
    assert len(countries()) == 177
    home = soup(site / "index.html")
    overview = home.select_one("figure.overview-map img")
    assert overview["src"] == "/maps/overview.svg" and "12 partnerships" in overview["alt"]
    drawn = (site / "maps/overview.svg").read_text(encoding="utf-8")
    assert drawn.count("<path") == 1 + 12 and drawn.count("<circle") == 20


def test_stats_page_draws_each_chart_with_its_numbers(site, directory):
    page = soup(site / "stats/index.html")
    charts = page.select("section.chart")
    assert [c.h2.get_text() for c in charts] == ["Partnerships per year", "By status", "By kind", "By US state"]
    for chart in charts:
        bars = chart.select("svg rect.bar")
        rows = chart.select("tbody tr")
        assert len(bars) == len(rows) > 0
    statuses = {r.th.get_text(): int(r.td.get_text()) for r in charts[1].select("tbody tr")}
    assert statuses["Official"] == sum(p.status == "official" for p in directory.partnerships)
    years = {r.th.get_text(): int(r.td.get_text()) for r in charts[0].select("tbody tr")}
    assert years == {"2003": 1, "2009": 1, "2011": 1, "2016": 1, "2022": 1}
    assert "7 partnerships with no known year." in charts[0].get_text()


@pytest.fixture(scope="module")
def map_page(site, browser):
    with serve(site) as url:
        context = browser.new_context()
        origin = url.rstrip("/")
        log = {"errors": [], "foreign": []}
        context.route(lambda u: not u.startswith(origin), lambda route: route.abort())
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
        page.on("request", lambda r: r.url.startswith(origin) or log["foreign"].append(r.url))
        page.goto(url + "map/")
        page.wait_for_selector("#map[data-shown-pairs] .map-dot")
        yield page, log
        context.close()


def test_the_map_data_holds_each_place_once_and_each_pair_by_its_places(site, directory):
    data = json.loads((site / "maps/pairs.json").read_text(encoding="utf-8"))
    assert [row[0] for row in data["places"]] == [entry.slug for entry in directory.places]
    assert [row[0] for row in data["pairs"]] == [pair.slug for pair in directory.partnerships]
    for (_, kind, status, first, second), pair in zip(data["pairs"], directory.partnerships):
        assert (data["kinds"][kind], data["statuses"][status]) == (pair.kind, pair.status)
        assert f"{data['places'][first][1]} – {data['places'][second][1]}" == pair.name
        ends = [data["places"][first][2:], data["places"][second][2:]]
        assert ends == [[round(p.location.lon, 4), round(p.location.lat, 4)] for p in pair.places]
    exported = (site / "pairs.geojson").stat().st_size
    assert (site / "maps/pairs.json").stat().st_size < exported / 5, "the map loads far less than the full export"


def test_map_loads_every_pair_and_opens_a_popup(map_page, directory):
    page, log = map_page
    assert page.get_attribute("#map", "data-shown-pairs") == str(len(directory.partnerships))
    assert page.locator("path.pair-arc").count() == len(directory.partnerships)
    marker = page.locator(".map-dot").first
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    links = popup.locator("a").all()
    assert links and all(a.get_attribute("href").startswith(("/places/", "/pairs/")) for a in links)
    assert log == {"errors": [], "foreign": []}


def test_map_filters_by_status(map_page, directory):
    page, _ = map_page
    page.select_option("#map-status", "official")
    official = sum(p.status == "official" for p in directory.partnerships)
    assert page.get_attribute("#map", "data-shown-pairs") == str(official)
    assert page.locator("path.pair-arc").count() == official
    page.select_option("#map-status", "")


def test_a_tile_layer_is_opt_in_with_its_attribution(tmp_path):
    tiles = "https://tile.example.org/{z}/{x}/{y}.png"
    result = build(VALID_SITE, tmp_path / "out", MAPS_TILE_URL=tiles, MAPS_TILE_ATTRIBUTION="© Example")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "out/map/index.html")
    assert page.find(id="map")["data-tiles"] == tiles
    assert page.find(id="map")["data-attribution"] == "© Example"
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "img-src 'self' https://tile.example.org data:" in csp
    missing = build(VALID_SITE, tmp_path / "out2", MAPS_TILE_URL=tiles)
    assert missing.returncode == 1
    assert "MAPS_TILE_ATTRIBUTION is required with MAPS_TILE_URL" in " ".join(missing.stdout.split())
