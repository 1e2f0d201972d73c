"""Problems found in content files, and how they are reported.

Every problem names a file, a line and a column, says what is wrong and how to
fix it. Problems are collected, never raised one by one, so a run reports all
of them at once, sorted by file and line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as shown to the reader: relative to the working directory when inside it
    line: int
    column: int
    severity: str  # ERROR or WARNING
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def display_path(path: os.PathLike | str) -> str:
    """The path as a contributor sees it: relative to the working directory if inside it."""
    folder, name = os.path.split(os.fspath(path))
    if name in ("", ".", ".."):  # a folder by itself: ".", "/", "content/"
        return _shown_folder(os.fspath(path), os.getcwd()) or Path(path).as_posix()
    shown = _shown_folder(folder or ".", os.getcwd())  # a file's path: its folder resolved once
    if shown is None:
        return Path(path).as_posix()
    return name if shown == "." else f"{shown}/{name}"


@lru_cache(maxsize=64)
def _shown_folder(folder: str, cwd: str) -> str | None:
    """A folder relative to ``cwd`` ("." for itself; None when outside it), its links resolved.
    Files of one folder (tens of thousands in content/cities/) resolve their folder once."""
    try:
        return Path(folder).resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return None


def sort_problems(problems) -> list[Problem]:
    return sorted(set(problems))


def summary(problems) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def has_errors(problems) -> bool:
    return any(p.is_error for p in problems)
