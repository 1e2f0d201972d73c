"""Loaders: a content file to a model object, or the problems that stop it.

One ``ContentLoader`` serves one run (the build, ``validate``, the tasks): it
holds the reused Markdown renderer. ``load_tree()`` claims every file under the
content directory -- each becomes an object or a problem, none is skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import fingerprint, parallel, persist, rules, schema
from .builddate import build_date
from .frontmatter import Source, heading_lines, read
from .model import (
    Event,
    LocalName,
    Location,
    Milestone,
    Organization,
    Organizer,
    PartialDate,
    Partnership,
    Place,
    Source as SourceLink,
    Story,
    Venue,
    slugify,
)
from .problems import ERROR, Problem, display_path, has_errors, sort_problems
from .progress import Progress
from .render import Renderer

# Which loader claims the Markdown files of each folder under content/.
FOLDERS = {"cities": "partnership", "pages": "page", "stories": "story", "events": "event"}


@dataclass(frozen=True)
class Page:
    """A page's checked front matter and cleaned HTML (Pelican renders it)."""

    path: str
    slug: str
    title: str
    summary: str
    order: int | None
    body_html: str


@dataclass(frozen=True)
class Reference:
    """A story or event naming a partnership, and where it does."""

    slug: str
    problem_at: Problem  # the position, and the message should the partnership not exist


@dataclass
class Tree:
    partnerships: list[Partnership] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # A digest of each partnership's file (by slug): the partnership is made from it alone,
    # given the directory's code and the build date.
    sources: dict[str, str] = field(default_factory=dict)
    # What ``pair_work`` gave for each partnership read from its file in this run (by slug).
    work: dict[str, dict] = field(default_factory=dict)


class ContentLoader:
    """Loads one content tree.

    ``processes`` > 1 reads the partnership files in that many forked processes (same
    result as serially) and saves the cache in the background (see ``persist.save``).
    ``cache``, a file path, keeps each partnership file's result keyed by its path and
    bytes, so a rebuild reads again only the files that changed;
    the whole cache is set aside when the directory's code, the build date or the
    working directory differ from when it was written. ``pair_work(partnership)``, if
    given, is done for each partnership read from its file, by the process that read it
    (what else the build makes of a pair's file alone: its export lines, its arcs); its
    results are in ``Tree.work``. ``beside_caches()``, if given, is called where the caches
    are saved, once the partnership files are read: the ``parallel.Forked`` tasks it asks
    for are done by the copy that saves them.
    """

    def __init__(self, content_root: Path, today: dt.date | None = None, processes: int = 1,
                 cache: Path | None = None, pair_work: Callable[[Partnership], dict] | None = None,
                 beside_caches: Callable[[], None] | None = None):
        self.root = Path(content_root)
        self.today = today or build_date()
        self.processes = processes
        self.cache = Path(cache) if cache else None
        self.pair_work = pair_work
        self.beside_caches = beside_caches
        self.renderer = Renderer()
        self.references: list[Reference] = []

    # -- one file -----------------------------------------------------------------------
    def partnership(self, path: Path, raw: bytes | None = None) -> tuple[Partnership | None, list[Problem]]:
        source, found = read(path, raw)
        if source is None:
            return None, found
        found = schema.problems(source, "partnership")
        if has_errors(found):
            return None, found
        meta = source.meta.value
        places = tuple(_place(item) for item in meta["places"])
        dates = {("since",): meta.get("since")}
        for i, item in enumerate(meta.get("milestones", ())):
            dates[("milestones", i, "date")] = item["date"]
        for i, item in enumerate(meta["sources"]):
            dates[("sources", i, "date")] = item.get("date")
        parsed = {}
        for where, value in dates.items():
            if value is None:
                continue
            try:
                parsed[where] = PartialDate.parse(value)
            except ValueError as exc:
                found.append(source.at(where, ERROR, f"{schema.field_name(where)}: {value} is not a real date — {exc}",
                                       "check the day and month (YYYY-MM-DD)"))
                continue
            if parsed[where].is_after(self.today):
                found.append(source.at(where, ERROR, f"{schema.field_name(where)}: {value} is in the future",
                                       "give the date something happened; leave out what has not happened yet"))
        found += rules.places_problems(source, places)
        found += rules.kind_problems(source, meta["kind"], places)
        found += self._slug_problems(source, places)
        found += _heading_problems(source)
        if has_errors(found):
            return None, found
        organization = meta.get("organization")
        partnership = Partnership(
            slug=path.stem,
            path=self._relative(path),
            kind=meta["kind"],
            status=meta["status"],
            places=places,
            sources=tuple(
                SourceLink(item["title"], item["url"], item.get("publisher"), parsed.get(("sources", i, "date")))
                for i, item in enumerate(meta["sources"])
            ),
            since=parsed.get(("since",)),
            title=meta.get("title"),
            pillars=tuple(meta.get("pillars", ())),
            organization=Organization(**organization) if organization else None,
            milestones=tuple(
                Milestone(parsed[("milestones", i, "date")], item["text"], item.get("source"))
                for i, item in enumerate(meta.get("milestones", ()))
            ),
            body=source.body.strip(),
            body_html=self.renderer.render(source.body),
        )
        # Computed once here, in the worker that read the file: they travel with the object
        # to the main process and its cache (which sorts and groups by them every build).
        for place in places:
            place.key, place.slug  # noqa: B018 -- cached_property
        partnership.sort_key  # noqa: B018
        return partnership, found  # warnings, if any: the file still becomes a page

    def page(self, path: Path) -> tuple[Page | None, list[Problem]]:
        source, found = self._checked(path, "page")
        if has_errors(found):
            return None, found
        meta = source.meta.value
        html = self.renderer.render(source.body)
        return Page(self._relative(path), path.stem, meta["title"], meta["summary"], meta.get("order"), html), found

    def story(self, path: Path) -> tuple[Story | None, list[Problem]]:
        source, found = self._checked(path, "story")
        if has_errors(found):
            return None, found
        meta = source.meta.value
        date, dated = _date(source, ("date",), meta["date"], self.today, future_allowed=False)
        found += dated
        if has_errors(found):
            return None, found
        self._refer(source, meta["pairs"])
        return Story(path.stem, self._relative(path), meta["title"], date, meta["summary"], tuple(meta["pairs"]),
                     _sources(meta), meta.get("author"), self.renderer.render(source.body)), found

    def event(self, path: Path) -> tuple[Event | None, list[Problem]]:
        source, found = self._checked(path, "event")
        if has_errors(found):
            return None, found
        meta = source.meta.value
        found += _event_problems(source, meta)
        if has_errors(found):
            return None, found
        zone = meta.get("timezone")
        start, end = (_moment(meta[key], zone) if meta.get(key) else None for key in ("start", "end"))
        self._refer(source, meta["pairs"])
        place, organizer = meta.get("place"), meta.get("organizer")
        return Event(
            slug=path.stem, path=self._relative(path), title=meta["title"], start=start, end=end,
            pairs=tuple(meta["pairs"]), timezone=zone, status=meta.get("status", "scheduled"),
            place=Venue(place["name"], place.get("address")) if place else None,
            online=meta.get("online") or None, pillars=tuple(meta.get("pillars", ())),
            organizer=Organizer(organizer["name"], organizer.get("url")) if organizer else None,
            registration=meta.get("registration"), sources=_sources(meta),
            body_html=self.renderer.render(source.body),
        ), found

    def _checked(self, path: Path, kind: str) -> tuple[Source | None, list[Problem]]:
        """Read a page, story or event and check its schema, headings and file name."""
        source, found = read(path)
        if source is None:
            return None, found
        return source, schema.problems(source, kind) + _heading_problems(source) + _file_name_problems(source)

    def _refer(self, source: Source, slugs):
        for i, slug in enumerate(slugs):
            self.references.append(Reference(slug, source.at(
                ("pairs", i), ERROR, f'pairs[{i}]: there is no partnership "{slug}"',
                "name a file of content/cities/ without .md, e.g. boulder-nablus; add the partnership first if it is new")))

    # -- the whole tree -----------------------------------------------------------------
    def load_tree(self) -> Tree:
        tree = Tree()
        pairs = []
        files = []
        for folder, _, names in os.walk(self.root):
            relative = os.path.relpath(folder, self.root)
            if relative == "cities":  # the bulk of a large tree: its Markdown files are read below, in parallel
                claimed = [name for name in names if name.endswith(".md") and not name.startswith(".")]
                pairs += [os.path.join(folder, name) for name in sorted(claimed)]
                names = set(names).difference(claimed)
            base = () if relative == "." else tuple(relative.split(os.sep))
            files += [(*base, name) for name in names]
        for parts in sorted(files):
            if any(part.startswith(".") for part in parts):
                continue  # .gitkeep and editor files are not content
            kind = FOLDERS.get(parts[0]) if len(parts) == 2 else None
            path, relative = self.root.joinpath(*parts), PurePosixPath(*parts)
            if kind is None or path.suffix != ".md":
                tree.problems.append(_unclaimed(path, relative))
            else:
                item, found = getattr(self, kind)(path)
                tree.problems += found
                if item is not None:
                    getattr(tree, {"story": "stories"}.get(kind, kind + "s")).append(item)
        results, sources, tree.work = self._partnerships(pairs)
        parallel.keep_held()  # in a build, the partnerships (read, or unpickled from the cache) live as long as it
        for (item, found), source in zip(results, sources):
            tree.problems += found
            if item is not None:
                tree.partnerships.append(item)
                tree.sources[item.slug] = source
        tree.partnerships.sort(key=lambda p: p.sort_key)
        tree.problems += rules.across_files(tree.partnerships, self.root)
        known = {p.slug for p in tree.partnerships}
        tree.problems += [r.problem_at for r in self.references if r.slug not in known]
        tree.problems = sort_problems(tree.problems)
        return tree

    def _partnerships(self, paths: list[str]) -> tuple[list[tuple[Partnership | None, list[Problem]]], list[str],
                                                       dict[str, dict]]:
        """Each file's partnership and problems, in the order of ``paths`` (from the cache when its
        bytes are known), a digest of each file's name and bytes, and the pair work done on the
        partnerships read."""
        store = persist.Entries(self.cache, self._cache_header()) if self.cache is not None else None
        cached = store.values if store is not None else {}
        # Each file's digest as a process before this one took it (see _file_digest).
        taken = persist.Entries(self.cache.with_name(self.cache.name + ".digests"),
                                ("file digests", fingerprint.code())) if self.cache is not None else None
        if taken is not None:
            for path, entry in taken.values.items():
                _digests.setdefault(path, entry)
        prefix = len(str(self.root)) + 1  # the paths are under the root: cheaper than relative_to
        names = [path[prefix:].replace(os.sep, "/") for path in paths]
        if cached:  # each file's digest first: only the files whose bytes are new are read again
            digests = [_file_digest(path) for path in paths]
            missing = [i for i, key in enumerate(zip(names, digests)) if key not in cached]
        else:  # nothing kept (a first build): each file is read once, by the process that takes its chunk
            digests, missing = [None] * len(paths), list(range(len(paths)))

        def load(indexes):
            return [self._read_partnership(paths[i]) for i in indexes]

        with Progress("Reading partnerships", len(missing)) as progress:
            fresh = dict(zip(missing, parallel.map_chunks(load, missing, self.processes, progress=progress.update)))
        work = {}
        for i, (entry, (item, _), done) in fresh.items():
            if done is not None:
                work[item.slug] = done
            _digests[paths[i]] = entry
            digests[i] = entry[2]  # the digest of the bytes read, should the file have changed since
        keys = list(zip(names, digests))
        sources = [fingerprint.digest(f"{name}\0{digest}".encode()) for name, digest in keys]
        results = [fresh[i][1] if i in fresh else cached[key] for i, key in enumerate(keys)]
        # Saved by one forked copy while the build goes on: forked as soon as the files are read,
        # on the core that would otherwise wait for the checks across files and the indexes.
        with parallel.together():
            if taken is not None:
                taken.save({path: _digests[path] for path in paths}, background=self.processes > 1)
            if store is not None:
                store.save(dict(zip(keys, results)), background=self.processes > 1)
            if self.beside_caches is not None:
                self.beside_caches()
        return results, sources, work

    def _read_partnership(self, path: str) -> tuple[tuple, tuple[Partnership | None, list[Problem]], dict | None]:
        """A file's partnership and problems, with its digest as _file_digest records it, and the
        pair work done on the partnership."""
        entry, raw = _read_with_digest(path)
        result = self.partnership(Path(path), raw)
        return entry, result, self.pair_work(result[0]) if self.pair_work and result[0] is not None else None

    def _cache_header(self) -> tuple:
        return (fingerprint.code(), self.today.isoformat(), str(self.root.resolve()), str(Path.cwd().resolve()))

    # -- helpers --------------------------------------------------------------------------
    def _relative(self, path: Path) -> str:
        text, prefix = os.fspath(path), os.path.join(str(self.root), "")
        if text.startswith(prefix) and ".." not in text:  # as load_tree lists them
            return text[len(prefix):].replace(os.sep, "/")
        if path.is_relative_to(self.root) and ".." not in path.parts:
            return path.relative_to(self.root).as_posix()
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def _slug_problems(self, source: Source, places) -> list[Problem]:
        found = _file_name_problems(source)
        expected = f"{slugify(places[0].name)}-{slugify(places[1].name)}"
        stem = source.path.stem
        if not found and stem != expected and not stem.startswith(expected + "-"):
            found.append(source.at(("places",), ERROR,
                                   f'the file name "{source.path.name}" does not match its places',
                                   f"rename the file to {expected}.md (first place, then second)", key=True))
        return found


# A file's digest by path, with the modification time and size it had and when the digest
# was taken: a rebuild (in make serve's process, or a new one through the cache) reads again
# only the files that changed since.
_digests: dict[str, tuple[int, int, str, int]] = {}
# A file modified this close to when its digest was taken may have changed again within the
# same tick of the clock, keeping its time and size: such a digest is not trusted.
RACY_NS = 2_000_000_000


def _file_digest(path: str) -> str:
    stat = os.stat(path)
    known = _digests.get(path)
    if (known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size)
            and stat.st_mtime_ns < known[3] - RACY_NS):
        return known[2]
    _digests[path], _ = _read_with_digest(path, stat)
    return _digests[path][2]


def _read_with_digest(path: str, stat: os.stat_result | None = None) -> tuple[tuple[int, int, str, int], bytes]:
    """A file's bytes and its ``_digests`` entry: the time and size ``stat`` gave (or the open
    file's, if not given), the digest, and when it was taken (after ``stat``, before reading:
    see RACY_NS). Read with four system calls, where ``open()`` makes seven: tens of
    thousands of files are read on every clean build."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        stat = stat or os.fstat(handle)
        taken = time.time_ns()
        raw = os.read(handle, stat.st_size + 1)
        if len(raw) != stat.st_size:  # a short read, or the file changed since: read on to its end
            parts = [raw]
            while parts[-1]:
                parts.append(os.read(handle, 1 << 16))
            raw = b"".join(parts)
    finally:
        os.close(handle)
    return (stat.st_mtime_ns, stat.st_size, fingerprint.digest(raw), taken), raw


def _file_name_problems(source: Source) -> list[Problem]:
    stem = source.path.stem
    if stem == slugify(stem) and stem:
        return []
    return [Problem(source.shown, 1, 1, ERROR,
                    f'the file name "{source.path.name}" is not a slug',
                    f"rename it to {slugify(stem) or 'a-name'}.md: lower-case letters, digits and hyphens")]


def _heading_problems(source: Source) -> list[Problem]:
    return [
        Problem(source.shown, source.body_line + i, 1, ERROR,
                "the text has a top-level heading (# …); the page title is the only one",
                "use ## for section headings")
        for i in heading_lines(source.body)
    ]


def _unclaimed(path: Path, relative: Path) -> Problem:
    folders = ", ".join(f"{name}/" for name in FOLDERS)
    if len(relative.parts) == 2 and relative.parts[0] in FOLDERS:
        message = "this file would not be published: only .md files are content"
        hint = f"rename it to {path.stem}.md if it is content, or move it out of content/"
    else:
        message = "this file is not in a content folder, so it would not be published"
        hint = f"move it into one of {folders} as a .md file, or out of content/"
    return Problem(display_path(path), 1, 1, ERROR, message, hint)


def _place(item: dict) -> Place:
    local = item.get("local_name")
    location = item["location"]
    return Place(
        name=item["name"],
        country=item["country"],
        location=Location(float(location["lat"]), float(location["lon"])),
        region=item.get("region"),
        local_name=LocalName(local["name"], local["lang"]) if local else None,
        type=item.get("type"),
    )


def _sources(meta: dict) -> tuple[SourceLink, ...]:
    return tuple(SourceLink(s["title"], s["url"], s.get("publisher")) for s in meta.get("sources", ()))


def _date(source: Source, where, value, today, future_allowed=True):
    try:
        date = PartialDate.parse(value)
    except ValueError as exc:
        return None, [source.at(where, ERROR, f"{schema.field_name(where)}: {value} is not a real date — {exc}",
                                "check the day and month (YYYY-MM-DD)")]
    if not future_allowed and date.is_after(today):
        return None, [source.at(where, ERROR, f"{schema.field_name(where)}: {value} is in the future",
                                "give the date it was published")]
    return date, []


def _moment(text: str, zone: str | None):
    """"2026-05-14" -> a date; "2026-05-14T19:00" -> an aware datetime in ``zone``."""
    if "T" not in text:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


def _event_problems(source: Source, meta: dict) -> list[Problem]:
    found = []
    zone = meta.get("timezone")
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            found.append(source.at(("timezone",), ERROR, f'timezone: "{zone}" is not an IANA timezone',
                                   "use a name such as America/Denver, America/New_York or Asia/Hebron"))
    for key in ("start", "end"):
        if meta.get(key):
            try:
                dt.datetime.fromisoformat(meta[key])
            except ValueError as exc:
                found.append(source.at((key,), ERROR, f"{key}: {meta[key]} is not a real date or time — {exc}",
                                       "check the day, month and time (YYYY-MM-DDTHH:MM)"))
    if found:
        return found
    timed = "T" in meta["start"]
    if meta.get("end") and ("T" in meta["end"]) != timed:
        found.append(source.at(("end",), ERROR, "end: write it like start -- both with a time, or both dates",
                               "an all-day event has dates only; a timed one has date and time"))
    elif timed and not zone:
        found.append(source.at(("start",), ERROR, "start has a time but the event has no timezone",
                               "add timezone: with the IANA name of the place, e.g. timezone: America/Denver"))
    elif meta.get("end") and _moment(meta["end"], zone) < _moment(meta["start"], zone):
        found.append(source.at(("end",), ERROR, f"end: {meta['end']} is before start ({meta['start']})",
                               "check the two dates"))
    if not meta.get("place") and not meta.get("online"):
        found.append(source.at((), ERROR, "the event has neither a place nor an online link",
                               "add place: (name and address) or online: (the link to join)"))
    return found
