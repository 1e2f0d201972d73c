"""When each content file was added, from git history (reproducible: commit times, not clocks)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def added_dates(folder: Path) -> dict[str, dt.datetime]:
    """{file name: commit time of the commit that added it} for files under ``folder``;
    empty when the folder is not in a git work tree (or git is missing)."""
    try:
        result = subprocess.run(
            ["git", "log", "--diff-filter=A", "--format=%x00%cI", "--name-only", "--", "."],
            cwd=folder, capture_output=True, text=True, check=False,
        )
    except OSError:
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, dt.datetime] = {}
    for block in result.stdout.split("\0")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        when = dt.datetime.fromisoformat(lines[0])
        for name in lines[1:]:
            dates.setdefault(Path(name).name, when)  # newest first: the addition of the file as it is now
    return dates
