"""Cache files (pickles) written atomically and kept in memory between builds of one process.

``make serve`` rebuilds in the same process after every change: a cache file this
process wrote or read, and that is still as it left it (same size and modification
time), is returned from memory instead of being read and unpickled again.
Values are shared, so callers never change what they load or save.

A save may go on in the background, in a forked copy of this process, while the build
goes on (``save(..., background=True)``): pickling the cache of 24,000 partnerships
takes a third of a second the build need not wait for. ``wait()`` waits for such saves
(a build waits before it ends, and a process before it exits). The background saves asked
for in a ``parallel.together()`` block are written by one copy.

``Entries`` keeps a large dict (one entry per partnership or page) as a base file and
a small file of the changes since: a rebuild after one edit writes a few entries,
not all of them again.
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import secrets
import tempfile
from collections.abc import Hashable
from pathlib import Path

from . import parallel

logger = logging.getLogger(__name__)

_kept: dict[str, tuple[tuple[int, int], object]] = {}
_pending: dict[str, tuple[parallel.Forked, object]] = {}  # a path being saved in the background, and its value


def load(path: Path):
    """The value saved at ``path``; raises OSError when there is none (or any error of a bad file)."""
    wait(path)
    identity = _identity(path)
    known = _kept.get(str(path))
    if known is not None and known[0] == identity:
        return known[1]
    with path.open("rb") as stream, parallel.collector_paused():  # a cache's objects all live on
        value = pickle.load(stream)
    _kept[str(path)] = (identity, value)
    return value


def save(path: Path, value, background: bool = False, replaces: tuple[Path, ...] = ()) -> None:
    """Write ``value`` to ``path`` atomically, then remove the files it ``replaces``: here, or with
    ``background`` in a forked process while this one goes on (where there is no ``fork``, here)."""
    for earlier in (path, *replaces):  # one save of a file at a time, in the order they were asked for
        wait(earlier)
    path.parent.mkdir(parents=True, exist_ok=True)
    if background and hasattr(os, "fork"):
        _pending[str(path)] = (parallel.Forked(lambda: repr(_write(path, value, replaces)).encode()), value)
        return
    _kept[str(path)] = (_write(path, value, replaces), value)


def wait(path: Path | None = None) -> None:
    """Wait for the saves going on in the background (only that of ``path``, if given). A save
    that failed is only a slower next build: it is logged, and the file is as it was before."""
    for key in [str(path)] if path is not None else list(_pending):
        if key not in _pending:
            continue
        saving, value = _pending.pop(key)
        if not saving.mine:  # a forked worker sees its parent's saves: they are not its to wait for
            continue
        try:
            written = saving.result()
        except parallel.ForkFailed as failure:
            _kept.pop(key, None)
            logger.warning("could not write the cache file %s: the next build will do again what it kept (%s)",
                           key, str(failure).splitlines()[-1])
            continue
        _kept[key] = (tuple(int(n) for n in written.decode().strip("()").split(",")), value)


atexit.register(wait)


def _write(path: Path, value, replaces: tuple[Path, ...] = ()) -> tuple[int, int]:
    """Write ``value`` to ``path`` (atomically, through a file beside it); its identity as written."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            stream.flush()
            written = os.fstat(stream.fileno())  # a rename keeps the time and size
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for replaced in replaces:
        replaced.unlink(missing_ok=True)
    return (written.st_mtime_ns, written.st_size)


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
            header_read, base_name, base = load(path)
        except Exception:  # missing, unreadable or of an older layout: only a slower build
            return
        if header_read != header:  # made by other code or settings: a new base is written next
            return
        self._base, self.values = base_name, dict(base)
        try:
            follows, self._changed, self._gone = load(self._recent_path)
        except Exception:
            follows = None
        if follows != self._base:
            self._changed, self._gone = {}, frozenset()
        for key in self._gone:
            self.values.pop(key, None)
        self.values.update(self._changed)

    def save(self, entries: dict, background: bool = False) -> None:
        """Keep ``entries`` (see the class); with ``background``, written as ``save()`` says."""
        if not entries and not self.values:
            return  # nothing kept, nothing to keep
        small = False  # what differs from the base and the recent file, if little, is all that is written
        if self._base:
            old = self.values
            changed = {key: value for key, value in entries.items() if old.get(key, _MISSING) is not value}
            gone = old.keys() - entries.keys()
            if not changed and not gone:
                return
            changed = {key: value for key, value in self._changed.items()
                       if key in entries and key not in changed} | changed
            gone = (self._gone | gone) - entries.keys()
            small = len(changed) + len(gone) <= max(64, len(entries) // 16)
        if small:
            save(self._recent_path, (self._base, changed, frozenset(gone)), background)
            self._changed, self._gone = changed, frozenset(gone)
        else:  # no base yet (a first build, other code or settings) or much changed: a new base
            self._base, self._changed, self._gone = secrets.token_hex(8), {}, frozenset()
            # the recent file goes once the new base is written: should that fail, the two left are
            # still what was saved last
            save(self.path, (self.header, self._base, entries), background, replaces=(self._recent_path,))
        self.values = entries


_MISSING = object()
