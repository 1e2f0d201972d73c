"""Cache files (pickles) written atomically and kept in memory between builds of one process.

``make serve`` rebuilds in the same process after every change: a cache file this
process wrote or read, and that is still as it left it (same size and modification
time), is returned from memory instead of being read and unpickled again.
Values are shared, so callers never change what they load or save.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

_kept: dict[str, tuple[tuple[int, int], object]] = {}


def load(path: Path):
    """The value saved at ``path``; raises OSError when there is none (or any error of a bad file)."""
    identity = _identity(path)
    known = _kept.get(str(path))
    if known is not None and known[0] == identity:
        return known[1]
    with path.open("rb") as stream:
        value = pickle.load(stream)
    _kept[str(path)] = (identity, value)
    return value


def save(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _kept[str(path)] = (_identity(path), value)


def _identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)
