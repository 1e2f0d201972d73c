"""Open data exports: they round-trip every field, and the GeoJSON keeps RFC 7946's rules."""

from __future__ import annotations

import dataclasses
import json

import pytest

from partnerdir import export
from partnerdir.loader import ContentLoader
from partnerdir.model import Location, Partnership, Place, Source
from tests.conftest import ROOT, soup


@pytest.fixture(scope="module")
def partnerships():
    tree = ContentLoader(ROOT / "content").load_tree()
    return [dataclasses.replace(p, body_html="") for p in tree.partnerships]


def test_json_round_trips_every_field(site, partnerships):
    document = json.loads((site / "pairs.json").read_text(encoding="utf-8"))
    assert document["count"] == len(partnerships)
    assert document["license"] == "CC BY 4.0"
    assert [export.from_record(r) for r in document["partnerships"]] == partnerships
    assert {r["url"] for r in document["partnerships"]} == {f"/pairs/{p.slug}/" for p in partnerships}


def test_csv_round_trips_every_field_one_row_a_pair(site, partnerships):
    data = (site / "pairs.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "spreadsheets need the UTF-8 byte-order mark"
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].split(",")[:6] == ["slug", "name", "title", "kind", "status", "since"]
    assert "رام الله" in text
    records = export.from_csv(data)
    assert len(records) == len(partnerships)
    assert [export.from_record(r) for r in records] == partnerships


def test_one_csv_writer_for_many_rows_writes_each_as_a_writer_of_its_own(partnerships):
    records = [export.record(p, f"/pairs/{p.slug}/") for p in partnerships]
    records.append({**records[0], "narrative": 'Two "quoted" words,\nand a second line', "title": ""})
    line = export.CsvLines()
    assert [line(r) for r in records] == [export.csv_line(r) for r in records]


def test_every_field_of_the_model_is_exported(partnerships):
    exported = set(export.record(partnerships[0], "/x/"))
    fields = {f.name for f in dataclasses.fields(Partnership)} - {"path", "body_html", "body"}
    assert fields <= exported and "narrative" in exported


def test_geojson_follows_rfc_7946(site, partnerships):
    document = json.loads((site / "pairs.geojson").read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection" and "crs" not in document
    points = {f["properties"]["name"]: f for f in document["features"] if f["geometry"]["type"] == "Point"}
    lines = [f for f in document["features"] if f["properties"]["feature"] == "partnership"]
    assert len(lines) == len(partnerships)
    assert len(points) == len({p.key for pair in partnerships for p in pair.places})
    # longitude first: Boulder is at 105° west, 40° north
    assert points["Boulder"]["geometry"]["coordinates"] == [-105.2705, 40.015]
    for feature in document["features"]:
        geometry = feature["geometry"]
        parts = {"Point": [[geometry["coordinates"]]], "LineString": [geometry["coordinates"]],
                 "MultiLineString": geometry["coordinates"]}[geometry["type"]]
        for part in parts:
            for lon, lat in part:
                assert -180 <= lon <= 180 and -90 <= lat <= 90
            for (lon1, _), (lon2, _) in zip(part, part[1:]):
                assert abs(lon2 - lon1) <= 180, f"{feature['id']} crosses the antimeridian"
    boulder_nablus = next(f for f in lines if f["properties"]["slug"] == "boulder-nablus")
    coordinates = boulder_nablus["geometry"]["coordinates"]
    assert coordinates[0] == [-105.2705, 40.015] and coordinates[-1] == [35.2611, 32.2222]
    assert boulder_nablus["properties"]["distance_km"] == 11014


def test_a_line_across_the_pacific_is_cut_at_the_antimeridian():
    tokyo = Place("Tokyo", "JP", Location(35.68, 139.69))
    san_francisco = Place("San Francisco", "US", Location(37.77, -122.42), region="US-CA")
    pair = Partnership("tokyo-san-francisco", "cities/tokyo-san-francisco.md", "sister", "official",
                       (tokyo, san_francisco), (Source("x", "https://example.org/"),))
    document = json.loads(export.to_geojson([pair], {pair.slug: "/p/"}, {"tokyo-jp": "/a/", "san-francisco-us-ca": "/b/"}, {}))
    line = document["features"][-1]["geometry"]
    assert line["type"] == "MultiLineString"
    first, second = line["coordinates"]
    assert first[0] == [139.69, 35.68] and first[-1][0] == 180.0
    assert second[0][0] == -180.0 and second[-1] == [-122.42, 37.77]
    assert first[-1][1] == second[0][1]


def test_a_line_has_a_point_every_200_km_at_most_and_no_more_than_it_needs():
    """Neighbouring towns are one straight segment apart; a long route is drawn in 32 equal
    segments; in between, one segment for each 200 km started (Twin towns are mostly a few
    hundred km apart: the GeoJSON of 23,960 pairs is a third smaller than with 32 each)."""
    from partnerdir.greatcircle import SEGMENT_KM, distance_km

    def line(first: Location, second: Location) -> list:
        places = (Place("A", "DE", first), Place("B", "FR", second))
        pair = Partnership("a-b", "cities/a-b.md", "sister", "official", places, (Source("x", "https://example.org/"),))
        return json.loads(export.feature_line(pair, "/p/"))["geometry"]["coordinates"]

    aachen, maastricht, paris, cape_town = (Location(50.7756, 6.0836), Location(50.8514, 5.6910),
                                            Location(48.8566, 2.3522), Location(-33.9253, 18.4239))
    assert line(aachen, maastricht) == [[6.0836, 50.7756], [5.691, 50.8514]]
    to_paris = [Location(lat, lon) for lon, lat in line(aachen, paris)]
    assert len(to_paris) == 2 + 1  # 344 km: two segments
    assert all(distance_km(a, b) <= SEGMENT_KM for a, b in zip(to_paris, to_paris[1:]))
    assert len(line(aachen, cape_town)) == 32 + 1  # 9,500 km: the most segments a line has


def test_an_arc_is_its_segments_points_with_its_ends_exact():
    """``arc`` is ``points`` in ``segments(...)`` equal segments (a pair page's map asks ``points``
    for its arc directly), with the two places themselves at its ends."""
    from partnerdir import greatcircle

    aachen, paris, cape_town = Location(50.7756, 6.0836), Location(48.8566, 2.3522), Location(-33.9253, 18.4239)
    for a, b in ((aachen, paris), (aachen, cape_town), (aachen, aachen)):
        omega = greatcircle.central_angle(a, b)
        for most, segment_km in ((32, 200), (12, 500), (24, 200)):
            count = greatcircle.segments(omega, most, segment_km)
            line = greatcircle.arc(a, b, most, segment_km)
            assert line == list(greatcircle.points(a, b, count, omega))
            assert len(line) == count + 1 and line[0] == (a.lon, a.lat) and line[-1] == (b.lon, b.lat)
    assert greatcircle.segments(greatcircle.central_angle(aachen, paris), 12, 500) == 1  # 344 km
    assert greatcircle.segments(greatcircle.central_angle(aachen, cape_town), 24) == 24  # 9,500 km: the most


def test_directory_links_the_exports_with_licence_and_citation(site):
    page = soup(site / "pairs/index.html")
    section = page.find("section", class_="open-data")
    assert {a["href"] for a in section.select(".data-links a")} == {"/pairs.csv", "/pairs.json", "/pairs.geojson"}
    assert section.find("a", href="https://creativecommons.org/licenses/by/4.0/")
    assert "cite" in section.get_text()
