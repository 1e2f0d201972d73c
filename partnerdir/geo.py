"""Country and subdivision names from ISO 3166 (via pycountry), offline."""

from __future__ import annotations

from functools import lru_cache

import pycountry

# Short names where ISO's sorted form ("Palestine, State of") reads badly in a sentence.
_SHORT_NAMES = {
    "BO": "Bolivia",
    "FM": "Micronesia",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "MD": "Moldova",
    "PS": "Palestine",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "VE": "Venezuela",
}


@lru_cache(maxsize=None)
def country_name(code: str) -> str | None:
    """"PS" -> "Palestine"; None for a code that is not a country."""
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return None
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=None)
def region_name(code: str) -> str | None:
    """"US-CO" -> "Colorado", "PS-NBS" -> "Nablus Governorate"; None for an unknown code."""
    subdivision = pycountry.subdivisions.get(code=code)
    if subdivision is None:
        return None
    name, kind = subdivision.name, subdivision.type
    if code.startswith("US-") or kind.lower() in name.lower():
        return name
    return f"{name} {kind}"


@lru_cache(maxsize=None)
def is_language(tag: str) -> bool:
    """Whether the primary subtag of a BCP 47 tag is an ISO 639 language ("ar", "ar-PS")."""
    primary = tag.split("-")[0]
    field = "alpha_2" if len(primary) == 2 else "alpha_3"
    return pycountry.languages.get(**{field: primary}) is not None
