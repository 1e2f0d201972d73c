"""Validation rules beyond the schema: within one file, and across files."""

from __future__ import annotations

import math
from collections import defaultdict
from operator import attrgetter

from . import countrygeo, geo
from .greatcircle import distance_km
from .frontmatter import Source
from .problems import ERROR, WARNING, Problem, display_path, has_errors


def places_problems(source: Source, places) -> list[Problem]:
    """Country, region and language codes that exist and agree with each other."""
    found = []
    for i, place in enumerate(places):
        at = ("places", i)
        if geo.country_name(place.country) is None:
            found.append(source.at(at + ("country",), ERROR,
                                   f'places[{i}].country: "{place.country}" is not a country code',
                                   "use the ISO 3166-1 code, e.g. US, PS, NO"))
        if place.region:
            if not place.region.startswith(place.country + "-"):
                found.append(source.at(at + ("region",), ERROR,
                                       f'places[{i}].region: "{place.region}" is not in {place.country}',
                                       f"a region in {place.country} starts with {place.country}-"))
            elif geo.region_name(place.region) is None:
                found.append(source.at(at + ("region",), ERROR,
                                       f'places[{i}].region: "{place.region}" is not an ISO 3166-2 code',
                                       "look the code up in ISO 3166-2, e.g. US-CO or PS-NBS"))
        elif place.country == "US":
            found.append(source.at(at, ERROR, f"places[{i}]: a US place needs its state",
                                   "add region: US-XX with the state's two letters, e.g. region: US-CO", key=True))
        lat, lon = place.location.lat, place.location.lon
        if not (math.isfinite(lat) and math.isfinite(lon)):  # .nan passes the schema's ranges
            found.append(source.at(at + ("location",), ERROR, f"places[{i}].location: {lat}, {lon} is not a position",
                                   "write the latitude and longitude as numbers, e.g. {lat: 32.22, lon: 35.25}"))
        elif geo.country_name(place.country):
            found += _location_problems(source, i, place)
        if place.local_name and not geo.is_language(place.local_name.lang):
            found.append(source.at(at + ("local_name", "lang"), ERROR,
                                   f'places[{i}].local_name.lang: "{place.local_name.lang}" is not a language code',
                                   "use the ISO 639 code, e.g. ar for Arabic, he for Hebrew"))
    if not has_errors(found) and places[0].key == places[1].key:  # (with a code unknown, the keys mean little)
        found.append(source.at(("places", 1), ERROR, "the two places are the same place",
                               "a partnership joins two different places"))
    return found


# How far outside its country's 1:50m outline a place may lie: coasts, borders and
# small islands are drawn coarsely at that scale.
NEAR_BORDER_KM = 25
FAR_OUTSIDE_KM = 100


def _location_problems(source: Source, i: int, place) -> list[Problem]:
    lat, lon = place.location.lat, place.location.lon
    outside = countrygeo.km_outside(place.country, lat, lon)
    if outside is None or outside <= NEAR_BORDER_KM:
        return []
    country = geo.country_name(place.country)
    swapped = abs(lon) <= 90 and countrygeo.km_outside(place.country, lon, lat) == 0
    hint = ("latitude and longitude look swapped: lat is north-south, lon east-west" if swapped
            else "check the coordinates: latitude first (north positive), then longitude (east positive)")
    severity = ERROR if outside > FAR_OUTSIDE_KM else WARNING
    return [source.at(("places", i, "location"), severity,
                      f"places[{i}].location: {lat}, {lon} is {outside:,.0f} km outside {country}", hint)]


def kind_problems(source: Source, kind: str, places) -> list[Problem]:
    """A sister pair spans two countries; a sibling pair two US states."""
    first, second = places
    if kind == "sister" and first.country == second.country:
        # domestic twinning exists (hundreds of German pairs): worth a look, not a rejection
        return [source.at(("kind",), WARNING, "kind: sister cities are usually in two different countries",
                          "use kind: sibling for two US places in different states, or kind: friendship")]
    if kind == "sibling":
        if first.country != "US" or second.country != "US":
            return [source.at(("kind",), ERROR, "kind: sibling cities are two places in the US",
                              "use kind: sister for places in two countries")]
        if first.region and first.region == second.region:
            return [source.at(("kind",), ERROR,
                              f"kind: sibling cities are in different states, and both are in {first.region}",
                              "Sibling Cities USA pairs places in different states; use kind: friendship")]
        apart = distance_km(first.location, second.location)
        if apart < SIBLINGS_CLOSE_KM:
            return [source.at(("kind",), WARNING,
                              f"kind: {first.name} and {second.name} are only {apart:,.0f} km apart",
                              "Sibling Cities USA pairs regionally distant cities; check this is a sibling pair")]
    return []


SIBLINGS_CLOSE_KM = 500


def across_files(partnerships, root) -> list[Problem]:
    """The same pair twice (in either order); one place described two ways."""
    found = []
    # One pass over tens of thousands of pairs on every build, in the order of their files (so each
    # list below is in that order, the first file first); a group is only made for what comes twice
    # (the same pair, two places of one slug).
    first_of_pair = {}  # the two places' keys, in order -> the first pair between them
    same_pair = defaultdict(list)  # ... -> every pair between them, when there are more than one
    key_of_slug = {}  # a place page's slug -> the key of the first place given it
    same_slug = {}  # a slug given to more than one place -> each place's key, in the order first seen
    by_place = defaultdict(list)  # a place's key -> every (pair, place) that names it
    for pair in sorted(partnerships, key=_PATH):
        first, second = pair.places
        first_key, second_key = first.key, second.key
        both = (first_key, second_key) if first_key <= second_key else (second_key, first_key)
        earlier = first_of_pair.setdefault(both, pair)
        if earlier is not pair:
            group = same_pair[both]
            if not group:
                group.append(earlier)
            group.append(pair)
        by_place[first_key].append((pair, first))
        by_place[second_key].append((pair, second))
        for slug, key in ((first.slug, first_key), (second.slug, second_key)):
            if key_of_slug.setdefault(slug, key) != key:
                same_slug.setdefault(slug, {key_of_slug[slug]: None})[key] = None
    for first, *others in same_pair.values():
        for other in others:
            found.append(Problem(display_path(root / other.path), 1, 1, ERROR,
                                 f"{other.name} is already listed in {display_path(root / first.path)}",
                                 "merge the two files into one and delete this one"))
    for slug, keys in same_slug.items():
        places = [by_place[key][0] for key in keys]  # each place as the first pair to name it gives it
        (first_pair, first), *others = sorted(places, key=lambda e: e[0].path)
        for pair, place in others:
            found.append(Problem(display_path(root / pair.path), 1, 1, ERROR,
                                 f'{place.name} ({place.region or place.country}) and {first.name} in '
                                 f'{first_pair.path} would share the page places/{slug}/',
                                 "if they are one place, write its name and region the same way in both files"))
    for entries in by_place.values():
        if len(entries) == 1:
            continue
        (first_pair, first), *others = entries
        here = first.location
        for pair, place in others:
            there = place.location
            moved = 0 if there.lat == here.lat and there.lon == here.lon else distance_km(here, there)
            if moved > 25:
                found.append(Problem(display_path(root / pair.path), 1, 1, WARNING,
                                     f"{place.name} is {moved:.0f} km from where {first_pair.path} puts it",
                                     "use the same location in both files"))
            if place.local_name and first.local_name and place.local_name != first.local_name:
                found.append(Problem(display_path(root / pair.path), 1, 1, WARNING,
                                     f"{place.name} has another local name in {first_pair.path}",
                                     "use the same local_name in both files"))
    return found


_PATH = attrgetter("path")
