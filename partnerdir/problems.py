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
    path = Path(path)
    try:
        return path.resolve().relative_to(_resolved(os.getcwd())).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


def sort_problems(problems) -> list[Problem]:
    return sorted(set(problems))


def summary(problems) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def has_errors(problems) -> bool:
    return any(p.is_error for p in problems)
