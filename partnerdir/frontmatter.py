"""One reader for every content kind: a UTF-8 Markdown file with YAML front matter.

    ---
    key: value
    ---
    Markdown body

``read()`` returns the parsed front matter (with the position of every value,
as file lines), the body and the file line the body starts on -- or the
problems that stop the file from being read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import yamlcore
from .problems import ERROR, Problem, display_path

_FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")


@dataclass(frozen=True)
class Source:
    path: Path
    meta: yamlcore.Document  # positions are file lines
    body: str
    body_line: int  # file line of the body's first line

    @cached_property
    def shown(self) -> str:
        """The path as shown in messages (made when there is one: most files have none)."""
        return display_path(self.path)

    def at(self, path_in_meta, severity, message, hint="", key=False) -> Problem:
        """A problem located at a value (or its key) of the front matter."""
        where = self.meta.key_position(path_in_meta) if key else self.meta.position(path_in_meta)
        return Problem(self.shown, where.line, where.column, severity, message, hint)


def read(path: Path, raw: bytes | None = None) -> tuple[Source | None, list[Problem]]:
    """Read ``path`` (or ``raw``, the bytes it would hold, for a file not yet written)."""
    raw = path.read_bytes() if raw is None else raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(display_path(path), line, 1, ERROR, "the file is not UTF-8 text",
                    "save it as UTF-8 (in most editors: Save As, encoding UTF-8)")
        ]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [
            Problem(display_path(path), 1, 1, ERROR, "the file does not start with front matter",
                    'make the first line "---", then the fields, then another "---" line')
        ]
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return None, [
            Problem(display_path(path), 1, 1, ERROR, "the front matter is not closed",
                    'add a line "---" after the last field, before the text')
        ]
    try:
        document = yamlcore.load("\n".join(lines[1:end]) + "\n", first_line=2)
    except yamlcore.YamlProblem as exc:
        return None, [Problem(display_path(path), exc.position.line, exc.position.column, ERROR, exc.message, exc.hint)]
    if not isinstance(document.value, dict):
        return None, [
            Problem(display_path(path), 2, 1, ERROR, "the front matter is not a list of fields",
                    'write one "field: value" per line between the two "---" lines')
        ]
    return Source(path, document, "\n".join(lines[end + 1:]), end + 2), []


def heading_lines(body: str) -> list[int]:
    """0-based lines of level-1 headings ("# Title" or "Title" over "===") outside code."""
    found, fenced = [], None
    lines = body.split("\n")
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fenced = None if fenced == marker else (fenced or marker)
            continue
        if fenced or line.startswith(("    ", "\t")):
            continue
        if re.match(r"^ {0,3}#(?:\s|$)", line):
            found.append(i)
        elif re.match(r"^ {0,3}=+\s*$", line) and i and lines[i - 1].strip():
            found.append(i - 1)
    return found

