"""Cache files (pickles) written atomically and kept in memory between builds of one process.

``make serve`` rebuilds in the same process after every change: a cache file this
process wrote or read, and that is still as it left it (same size and modification
time), is returned from memory instead of being read and unpickled again.
Values are shared, so callers never change what they load or save.

``Entries`` keeps a large dict (one entry per partnership or page) as a base file and
a small file of the changes since: a rebuild after one edit writes a few entries,
not all of them again.
"""

from __future__ import annotations

import os
import pickle
import secrets
import tempfile
from collections.abc import Hashable
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


class Entries:
    """A dict kept under ``path``, for one ``header`` (another header: it starts empty).

    ``values`` is what was saved last. ``save(entries)`` writes the entries that differ
    from it (by identity: an unchanged entry is the object loaded) and the keys gone
    to a second file beside the base, ``<name>.recent``, until they make up a sixteenth
    of the entries; then the whole dict is written as the new base. The recent file
    names the base it follows, so a recent file left from another base is never applied.
    """

    def __init__(self, path: Path, header: Hashable):
        self.path, self.header = path, header
        self._recent_path = path.with_name(path.name + ".recent")
        self._base, self._changed, self._gone = "", {}, frozenset()
        self.values: dict = {}
        try:
            header_read, self._base, base = load(path)
        except Exception:  # missing, unreadable or of an older layout: only a slower build
            return
        if header_read != header:
            return
        self.values = dict(base)
        try:
            follows, self._changed, self._gone = load(self._recent_path)
        except Exception:
            follows = None
        if follows != self._base:
            self._changed, self._gone = {}, frozenset()
        for key in self._gone:
            self.values.pop(key, None)
        self.values.update(self._changed)

    def save(self, entries: dict) -> None:
        old = self.values
        changed = {key: value for key, value in entries.items() if old.get(key, _MISSING) is not value}
        gone = old.keys() - entries.keys()
        if not changed and not gone:
            return
        changed = {key: value for key, value in self._changed.items() if key in entries and key not in changed} | changed
        gone = (self._gone | gone) - entries.keys()
        if self._base and len(changed) + len(gone) <= max(64, len(entries) // 16):
            save(self._recent_path, (self._base, changed, frozenset(gone)))
            self._changed, self._gone = changed, frozenset(gone)
        else:
            self._base, self._changed, self._gone = secrets.token_hex(8), {}, frozenset()
            save(self.path, (self.header, self._base, entries))
            self._recent_path.unlink(missing_ok=True)
        self.values = entries


_MISSING = object()
