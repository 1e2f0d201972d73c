"""Open data: every partnership as JSON, CSV and GeoJSON (RFC 7946).

``record()`` is the one full description of a partnership; JSON holds it as
is, CSV flattens it to one row a pair (lists of objects as JSON in their cell,
so every field survives a round trip), GeoJSON draws it.
"""

from __future__ import annotations

import csv
import io
import json

import orjson

from .greatcircle import arc, distance_km, split_at_antimeridian
from .model import LocalName, Location, Milestone, Organization, PartialDate, Partnership, Place, Source

PLACE_FIELDS = ("name", "local_name", "local_name_lang", "region", "country", "type", "lat", "lon")
CSV_COLUMNS = (
    ("slug", "name", "title", "kind", "status", "since")
    + tuple(f"place{n}_{field}" for n in (1, 2) for field in PLACE_FIELDS)
    + ("pillars", "organization_name", "organization_website", "organization_contact",
       "milestones", "sources", "narrative", "url")
)


def _place(place) -> dict:
    return {
        "name": place.name,
        "local_name": {"name": place.local_name.name, "lang": place.local_name.lang} if place.local_name else None,
        "region": place.region,
        "country": place.country,
        "type": place.type,
        "location": {"lat": place.location.lat, "lon": place.location.lon},
    }


def record(pair, url: str) -> dict:
    """Every field of a partnership, with its page's absolute URL."""
    organization = pair.organization
    return {
        "slug": pair.slug,
        "name": pair.name,
        "title": pair.title,
        "kind": pair.kind,
        "status": pair.status,
        "since": pair.since.isoformat() if pair.since else None,
        "places": [_place(p) for p in pair.places],
        "pillars": list(pair.pillars),
        "organization": {"name": organization.name, "website": organization.website, "contact": organization.contact}
        if organization else None,
        "milestones": [{"date": m.date.isoformat(), "text": m.text, "source": m.source} for m in pair.milestones],
        "sources": [
            {"title": s.title, "url": s.url, "publisher": s.publisher, "date": s.date.isoformat() if s.date else None}
            for s in pair.sources
        ],
        "narrative": pair.body,
        "url": url,
    }


def from_record(item: dict) -> Partnership:
    """The partnership a record describes (the inverse of ``record()``; the HTML is not kept)."""

    def date(value):
        return PartialDate.parse(value) if value else None

    def place(p):
        local = p["local_name"]
        return Place(p["name"], p["country"], Location(p["location"]["lat"], p["location"]["lon"]), p["region"],
                     LocalName(local["name"], local["lang"]) if local else None, p["type"])

    organization = item["organization"]
    return Partnership(
        slug=item["slug"],
        path=f"cities/{item['slug']}.md",
        kind=item["kind"],
        status=item["status"],
        places=tuple(place(p) for p in item["places"]),
        sources=tuple(Source(s["title"], s["url"], s["publisher"], date(s["date"])) for s in item["sources"]),
        since=date(item["since"]),
        title=item["title"],
        pillars=tuple(item["pillars"]),
        organization=Organization(**organization) if organization else None,
        milestones=tuple(Milestone(date(m["date"]), m["text"], m["source"]) for m in item["milestones"]),
        body=item["narrative"],
    )


def to_json(records: list[dict], about: dict) -> bytes:
    return json_document([json_line(record) for record in records], about)


def json_line(record: dict) -> str:
    """A record as compact JSON (orjson: a third of the standard library's time, for every pair of
    every build that reads its file)."""
    return _json(record)


def json_document(lines: list[str], about: dict) -> bytes:
    """The site's facts, then one partnership a line (compact lines are quick to write and to diff)."""
    head = orjson.dumps({**about, "count": len(lines)})
    body = b"[\n" + b",\n".join(_utf8(lines)) + b"\n]" if lines else b"[]"
    return head[:-1] + b',"partnerships":' + body + b"}\n"


def _utf8(lines: list[str]) -> list[bytes]:
    """Each line in UTF-8, to be joined as bytes. (Joined as text first, the whole document would
    take the widest character's width -- four bytes a character with one emoji in 24,000 lines --
    and be copied again to be encoded.)"""
    return [line.encode("utf-8") for line in lines]


def to_csv(records: list[dict]) -> bytes:
    line = CsvLines()
    return csv_document([line(record) for record in records])


def csv_line(record: dict) -> str:
    return CsvLines()(record)


class CsvLines:
    """``csv_line`` for many records, through one writer (a writer and its buffer cost more to
    make than a row to write): ``lines = CsvLines(); lines(record)``. One per run and thread."""

    def __init__(self):
        self._buffer = io.StringIO(newline="")
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def __call__(self, record: dict) -> str:
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._writer.writerow(_row(record))
        return buffer.getvalue()


def csv_document(lines: list[str]) -> bytes:
    """One row a pair, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(CSV_COLUMNS)
    return buffer.getvalue().encode("utf-8-sig") + b"".join(_utf8(lines))


def _row(item: dict) -> list:
    """A record's cells, in the order of CSV_COLUMNS; None as an empty cell."""
    organization = item["organization"] or {}
    cells = [item["slug"], item["name"], item["title"], item["kind"], item["status"], item["since"]]
    for place in item["places"]:
        local = place["local_name"] or {}
        cells += (place["name"], local.get("name"), local.get("lang"), place["region"], place["country"],
                  place["type"], place["location"]["lat"], place["location"]["lon"])
    cells += ("|".join(item["pillars"]), organization.get("name"), organization.get("website"),
              organization.get("contact"),
              _json(item["milestones"]) if item["milestones"] else "", _json(item["sources"]),
              item["narrative"], item["url"])
    return ["" if value is None else value for value in cells]


def from_csv(data: bytes) -> list[dict]:
    """Read pairs.csv back into records (the inverse of ``to_csv``)."""
    records = []
    for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        value = {key: (row[key] or None) for key in row}
        places = []
        for n in (1, 2):
            place = {field: value[f"place{n}_{field}"] for field in PLACE_FIELDS}
            places.append({
                "name": place["name"],
                "local_name": {"name": place["local_name"], "lang": place["local_name_lang"]} if place["local_name"] else None,
                "region": place["region"],
                "country": place["country"],
                "type": place["type"],
                "location": {"lat": float(place["lat"]), "lon": float(place["lon"])},
            })
        organization = None
        if value["organization_name"]:
            organization = {"name": value["organization_name"], "website": value["organization_website"],
                            "contact": value["organization_contact"]}
        records.append({
            **{key: value[key] for key in ("slug", "name", "title", "kind", "status", "since")},
            "places": places,
            "pillars": value["pillars"].split("|") if value["pillars"] else [],
            "organization": organization,
            "milestones": json.loads(value["milestones"]) if value["milestones"] else [],
            "sources": json.loads(value["sources"]),
            "narrative": row["narrative"],
            "url": value["url"],
        })
    return records


def to_geojson(pairs, urls: dict, place_urls: dict, about: dict, line=None) -> bytes:
    """A FeatureCollection: a Point per place and a great-circle line per pair.

    Coordinates are [longitude, latitude] (RFC 7946); a line that crosses the
    antimeridian is cut there into a MultiLineString. ``line(pair)`` may give each
    pair's feature as JSON text (kept from an earlier build), else ``feature_line``.
    """
    places, seen = [], set()
    for pair in pairs:
        for place in pair.places:
            if place.key in seen:
                continue
            seen.add(place.key)
            places.append({
                "type": "Feature",
                "id": f"place:{place.slug}",
                "geometry": {"type": "Point", "coordinates": [place.location.lon, place.location.lat]},
                "properties": {"feature": "place", "slug": place.slug, "name": place.name, "country": place.country,
                               "region": place.region, "url": place_urls[place.slug]},
            })
    # One call for all the places (the encoder's own loop), as the features they are joined into.
    features = [_json(places)[1:-1]] if places else []
    features += [line(pair) if line else feature_line(pair, urls[pair.slug]) for pair in pairs]
    head = orjson.dumps({"type": "FeatureCollection", **about})
    return head[:-1] + b',"features":[' + b",".join(_utf8(features)) + b"]}\n"


def feature_line(pair, url: str) -> str:
    """A pair's GeoJSON feature, as JSON text: its great-circle line and facts."""
    first, second = pair.places[0].location, pair.places[1].location
    parts = split_at_antimeridian(arc(first, second))
    # The coordinates to five decimals (about a metre), each part encoded in one call (the places'
    # positions are finite, see rules.places_problems).
    lines = [_json([(round(lon, 5), round(lat, 5)) for lon, lat in part]) for part in parts]
    geometry = (f'{{"type":"LineString","coordinates":{lines[0]}}}' if len(lines) == 1
                else f'{{"type":"MultiLineString","coordinates":[{",".join(lines)}]}}')
    head = _json({"type": "Feature", "id": f"pair:{pair.slug}"})
    properties = _json({
        "feature": "partnership", "slug": pair.slug, "name": pair.name, "kind": pair.kind,
        "status": pair.status, "since": pair.since.isoformat() if pair.since else None,
        "places": [p.slug for p in pair.places],
        "distance_km": round(distance_km(first, second)),
        "url": url,
    })
    return f'{head[:-1]},"geometry":{geometry},"properties":{properties}}}'


def _json(value) -> str:
    """Compact JSON text, UTF-8 characters as they are."""
    return orjson.dumps(value).decode("utf-8")
