"""The content model: plain, frozen objects, independent of Pelican."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from unidecode import unidecode

from . import vocab


def plain(text: str) -> str:
    """Latin letters without marks, for search: "Bağcılar" -> "Bagcilar" (ı has no mark to fold).

    Unidecode replaces each character on its own; it is handed only the runs of other than
    ASCII ("ğ", "ı", the dash of "Aachen – Reims"), not every character of the name."""
    return text if text.isascii() else _NOT_ASCII.sub(_plain_run, text)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=1 << 12)
def _plain_letters(run: str) -> str:
    return unidecode(run)


def _plain_run(match: re.Match) -> str:
    return _plain_letters(match.group())


@lru_cache(maxsize=1 << 18)  # names come back on every page and sort that shows them
def slugify(text: str) -> str:
    """ASCII, lower-case, words joined by hyphens: "Bağcılar" -> "bagcilar"."""
    return _NOT_SLUG.sub("-", (text if text.isascii() else unidecode(text)).lower()).strip("-")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a year and month, or a full date, as the sources give it."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: int | str) -> PartialDate:
        """Read 2011, "2011", "2011-09" or "2011-09-06"; raise ValueError if impossible."""
        parts = [int(p) for p in str(value).split("-")]
        date = cls(*parts)
        if date.month is not None and not 1 <= date.month <= 12:
            raise ValueError(f"there is no month {date.month:02d}")
        if date.day is not None:
            last = calendar.monthrange(date.year, date.month)[1]
            if not 1 <= date.day <= last:
                raise ValueError(
                    f"{calendar.month_name[date.month]} {date.year} has no day {date.day}"
                )
        return date

    def is_after(self, day) -> bool:
        """Whether even the earliest day this date can mean comes after ``day``."""
        return (self.year, self.month or 1, self.day or 1) > (day.year, day.month, day.day)

    def isoformat(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def display(self) -> str:
        """"6 September 2011", "September 2011" or "2011"."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True)
class LocalName:
    name: str
    lang: str

    @property
    def dir(self) -> str:
        return "rtl" if self.lang.split("-")[0] in vocab.RTL_LANGUAGES else "ltr"


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2
    location: Location
    region: str | None = None  # ISO 3166-2
    local_name: LocalName | None = None
    type: str | None = None

    # Computed once per place (cached_property keeps the value in the instance, beside the
    # fields: equality, hashing and the JSON exports see only the fields).
    @cached_property
    def key(self) -> tuple:
        """Identity of a place across partnership files."""
        return (self.country, self.region or "", slugify(self.name))

    @cached_property
    def slug(self) -> str:
        return slugify(f"{self.name} {self.region or self.country}")

    @property
    def state(self) -> str | None:
        """The US state code (e.g. "CO") for a place in the US, else None."""
        if self.country == "US" and self.region:
            return self.region.split("-", 1)[1]
        return None


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str | None = None
    date: PartialDate | None = None


@dataclass(frozen=True)
class Milestone:
    date: PartialDate
    text: str
    source: str | None = None


@dataclass(frozen=True)
class Organization:
    name: str
    website: str | None = None
    contact: str | None = None

    @property
    def contact_href(self) -> str | None:
        if self.contact and "@" in self.contact and not self.contact.startswith(("http", "mailto:")):
            return f"mailto:{self.contact}"
        return self.contact


@dataclass(frozen=True)
class Partnership:
    slug: str
    path: str  # source file, relative to the content directory, e.g. "cities/boulder-nablus.md"
    kind: str
    status: str
    places: tuple[Place, Place]
    sources: tuple[Source, ...]
    since: PartialDate | None = None
    title: str | None = None
    pillars: tuple[str, ...] = ()
    organization: Organization | None = None
    milestones: tuple[Milestone, ...] = ()
    body: str = field(default="", repr=False)  # the narrative as written (Markdown)
    body_html: str = field(default="", repr=False)  # the narrative rendered and cleaned

    @property
    def name(self) -> str:
        """"Boulder – Nablus": the two place names."""
        return f"{self.places[0].name} – {self.places[1].name}"

    @property
    def display_title(self) -> str:
        return self.title or self.name

    @cached_property
    def sort_key(self) -> tuple:
        """A to Z by the two names (as slugify(self.name) orders them, from the places' own slugs)."""
        return ("-".join(filter(None, (slugify(place.name) for place in self.places))), self.slug)

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted({p.country for p in self.places}))

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(sorted({p.state for p in self.places if p.state}))

    def partner_of(self, place: Place) -> Place:
        first, second = self.places
        return second if first.key == place.key else first


@dataclass(frozen=True)
class Story:
    """A success story; Pelican renders it as an article, this is what validation knows of it."""

    slug: str
    path: str
    title: str
    date: PartialDate
    summary: str
    pairs: tuple[str, ...]
    sources: tuple[Source, ...]
    author: str | None = None
    body_html: str = field(default="", repr=False)


@dataclass(frozen=True)
class Venue:
    name: str
    address: str | None = None


@dataclass(frozen=True)
class Organizer:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Event:
    """An event: timed (aware datetimes in its IANA zone) or all-day (dates, end inclusive)."""

    slug: str
    path: str
    title: str
    start: object  # datetime.datetime (aware) or datetime.date
    end: object | None
    pairs: tuple[str, ...]
    timezone: str | None = None
    status: str = "scheduled"
    place: Venue | None = None
    online: str | bool | None = None
    pillars: tuple[str, ...] = ()
    organizer: Organizer | None = None
    registration: str | None = None
    sources: tuple[Source, ...] = ()
    body_html: str = field(default="", repr=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    def ends_after(self, moment) -> bool:
        """Whether the event is still upcoming (or under way) at an aware ``moment``."""
        last = self.end or self.start
        if self.all_day:
            zone = ZoneInfo(self.timezone) if self.timezone else dt.timezone.utc
            last = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        return last > moment

    @property
    def sort_key(self) -> tuple:
        start = self.start
        if self.all_day:
            start = dt.datetime.combine(start, dt.time(), tzinfo=ZoneInfo(self.timezone) if self.timezone else dt.timezone.utc)
        return (start.astimezone(dt.timezone.utc), self.slug)

    @property
    def attendance_mode(self) -> str:
        """schema.org's EventAttendanceMode: offline, online or mixed."""
        if self.place and self.online:
            return "MixedEventAttendanceMode"
        return "OnlineEventAttendanceMode" if self.online else "OfflineEventAttendanceMode"

    @property
    def online_url(self) -> str | None:
        return self.online if isinstance(self.online, str) else None
