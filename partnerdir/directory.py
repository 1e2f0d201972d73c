"""The directory as a whole: places, countries and US states, derived from the pairs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import geo
from .model import Partnership, Place, slugify


@dataclass(frozen=True)
class PlaceEntry:
    place: Place
    partnerships: tuple[Partnership, ...]

    @property
    def slug(self) -> str:
        return self.place.slug


@dataclass(frozen=True)
class Group:
    """A country or a US state with the places and pairs in it."""

    code: str  # "PS", or "CO" for a US state
    name: str
    places: tuple[PlaceEntry, ...]
    partnerships: tuple[Partnership, ...]

    @property
    def slug(self) -> str:
        return self.code.lower()

    @property
    def heading(self) -> GroupHeading:
        return GroupHeading(self.code, self.name, len(self.places), len(self.partnerships))


@dataclass(frozen=True)
class GroupHeading:
    """What a page of a country or state says of the whole group: a page of its long list
    depends on these and its own places, not on every pair of the group."""

    code: str
    name: str
    place_count: int
    pair_count: int


@dataclass(frozen=True)
class GroupCount:
    """A country or US state as the directory's overview lists it."""

    code: str
    slug: str
    name: str
    count: int  # partnerships


@dataclass(frozen=True)
class Overview:
    """The directory's totals, as the first page of the directory shows them: small, so a
    page that shows only these need not be made again when a pair changes something else."""

    partnerships: int
    places: int
    countries: tuple[GroupCount, ...]
    states: tuple[GroupCount, ...]
    counts: dict[str, dict[str, int]]  # counts[attribute][value], for kind, status and pillars


class Directory:
    """Every partnership with the indexes the site shows; built once per run."""

    def __init__(self, partnerships, events=()):
        self.partnerships = tuple(sorted(partnerships, key=lambda p: p.sort_key))
        self.by_slug = {p.slug: p for p in self.partnerships}
        self.events = tuple(sorted(events, key=lambda e: e.sort_key))
        self._counts: dict[str, dict[str, int]] = {}  # templates ask on every page of a long list
        self._having: dict[str, dict[str, tuple]] = {}
        by_place = defaultdict(list)
        first_seen = {}
        # Each country's and US state's pairs, in the directory's order, each once: gathered in the
        # same pass (one pass over tens of thousands of pairs, not three).
        in_country, in_state = defaultdict(list), defaultdict(list)
        for pair in self.partnerships:
            first, second = pair.places
            for place in (first, second):
                key = place.key
                if key not in first_seen:
                    first_seen[key] = place
                by_place[key].append(pair)
            code, other = first.country, second.country
            in_country[code].append(pair)
            if other != code:
                in_country[other].append(pair)
            if code == "US" or other == "US":
                code, other = first.state, second.state
                if code:
                    in_state[code].append(pair)
                if other and other != code:
                    in_state[other].append(pair)
        self.places = tuple(
            sorted(
                (PlaceEntry(first_seen[key], tuple(pairs)) for key, pairs in by_place.items()),
                key=lambda e: (e.place.key[2], e.place.country, e.place.region or ""),  # key[2]: the slugified name
            )
        )
        self.countries = self._groups(
            lambda place: place.country, lambda code: geo.country_name(code) or code, in_country
        )
        self.states = self._groups(
            lambda place: place.state, lambda code: geo.region_name(f"US-{code}") or code, in_state
        )

    def _groups(self, code_of, name_of, pairs: dict[str, list]) -> tuple[Group, ...]:
        places = defaultdict(list)
        for entry in self.places:
            code = code_of(entry.place)
            if code:
                places[code].append(entry)
        groups = (Group(code, name_of(code), tuple(places[code]), tuple(pairs[code])) for code in places)
        return tuple(sorted(groups, key=lambda g: slugify(g.name)))

    def events_of(self, slug: str) -> tuple:
        """The events of one partnership, oldest first."""
        return tuple(e for e in self.events if slug in e.pairs)

    def place_entry(self, place: Place) -> PlaceEntry:
        return next(e for e in self.places if e.place.key == place.key)

    def counts(self, attribute: str) -> dict[str, int]:
        """How many pairs have each value of ``kind``, ``status`` or ``pillars``."""
        if attribute not in self._counts:
            self._counts[attribute] = {value: len(pairs) for value, pairs in self._by_value(attribute).items()}
        return self._counts[attribute]

    def overview(self) -> Overview:
        def listed(groups):
            return tuple(GroupCount(g.code, g.slug, g.name, len(g.partnerships)) for g in groups)

        return Overview(len(self.partnerships), len(self.places), listed(self.countries), listed(self.states),
                        {attribute: self.counts(attribute) for attribute in ("kind", "status", "pillars")})

    def having(self, attribute: str, value: str) -> tuple[Partnership, ...]:
        """The pairs whose ``kind``, ``status`` or one of whose ``pillars`` is ``value``, in order."""
        return self._by_value(attribute).get(value, ())

    def _by_value(self, attribute: str) -> dict[str, tuple[Partnership, ...]]:
        """The pairs by each value of ``kind``, ``status`` or ``pillars``, in order: the three
        indexed together, in one pass over the pairs, when the first is asked for."""
        if not self._having:
            kinds, statuses, pillars = defaultdict(list), defaultdict(list), defaultdict(list)
            for pair in self.partnerships:
                kinds[pair.kind].append(pair)
                statuses[pair.status].append(pair)
                for pillar in pair.pillars:
                    pillars[pillar].append(pair)
            self._having = {attribute: {value: tuple(pairs) for value, pairs in index.items()}
                            for attribute, index in (("kind", kinds), ("status", statuses), ("pillars", pillars))}
        return self._having[attribute]
