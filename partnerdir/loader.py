"""Loaders: a content file to a model object, or the problems that stop it.

One ``ContentLoader`` serves one run (the build, ``validate``, the tasks): it
holds the reused Markdown renderer. ``load_tree()`` claims every file under the
content directory -- each becomes an object or a problem, none is skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import rules, schema
from .builddate import build_date
from .frontmatter import Source, heading_lines, read
from .model import (
    LocalName,
    Location,
    Milestone,
    Organization,
    PartialDate,
    Partnership,
    Place,
    Source as SourceLink,
    slugify,
)
from .problems import ERROR, Problem, display_path, sort_problems
from .render import Renderer

# Which loader claims the Markdown files of each folder under content/.
FOLDERS = {"cities": "partnership", "pages": "page"}
# Folders kept for content kinds that have no files yet; any file put there is still claimed.
RESERVED_FOLDERS = ("stories",)


@dataclass(frozen=True)
class Page:
    """A page's checked front matter and cleaned HTML (Pelican renders it)."""

    path: str
    slug: str
    title: str
    summary: str
    order: int | None
    body_html: str


@dataclass
class Tree:
    partnerships: list[Partnership] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class ContentLoader:
    def __init__(self, content_root: Path, today: dt.date | None = None):
        self.root = Path(content_root)
        self.today = today or build_date()
        self.renderer = Renderer()

    # -- one file -----------------------------------------------------------------------
    def partnership(self, path: Path) -> tuple[Partnership | None, list[Problem]]:
        source, found = read(path)
        if source is None:
            return None, found
        found = schema.problems(source, "partnership")
        if found:
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
        if found:
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
        return partnership, []

    def page(self, path: Path) -> tuple[Page | None, list[Problem]]:
        source, found = read(path)
        if source is None:
            return None, found
        found = schema.problems(source, "page") + _heading_problems(source)
        found += _file_name_problems(source)
        if found:
            return None, found
        meta = source.meta.value
        html = self.renderer.render(source.body)
        return Page(self._relative(path), path.stem, meta["title"], meta["summary"], meta.get("order"), html), []

    # -- the whole tree -----------------------------------------------------------------
    def load_tree(self) -> Tree:
        tree = Tree()
        for path in sorted(p for p in self.root.rglob("*") if p.is_file()):
            relative = path.relative_to(self.root)
            if any(part.startswith(".") for part in relative.parts):
                continue  # .gitkeep and editor files are not content
            kind = FOLDERS.get(relative.parts[0]) if len(relative.parts) == 2 else None
            if kind is None or path.suffix != ".md":
                tree.problems.append(_unclaimed(path, relative))
                continue
            item, found = getattr(self, kind)(path)
            tree.problems += found
            if item is not None:
                (tree.partnerships if kind == "partnership" else tree.pages).append(item)
        tree.partnerships.sort(key=lambda p: p.sort_key)
        tree.problems += rules.across_files(tree.partnerships, self.root)
        tree.problems = sort_problems(tree.problems)
        return tree

    # -- helpers --------------------------------------------------------------------------
    def _relative(self, path: Path) -> str:
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
    if relative.parts[0] in RESERVED_FOLDERS:
        message = f"{relative.parts[0]}/ takes no files yet, so this file would not be published"
        hint = "keep the file outside content/ until the directory supports it"
    elif len(relative.parts) == 2 and relative.parts[0] in FOLDERS:
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
