"""Results per partnership kept from one build to the next (its export lines, its arcs).

A ``Memo`` maps a key -- what is computed and the digest of the partnership's file --
to a value. It is saved in one file, under a header (the digest of the code and
settings the values were made with); with another header it starts empty. Only the
entries a build used are saved, so it never grows past one build's worth.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path

from . import parallel, persist


class Memo:
    """``sources`` gives each partnership's digest by slug (``loader.Tree.sources``)."""

    def __init__(self, path: Path | None, header: Hashable, sources: dict[str, str] | None = None,
                 background: bool = False):
        self.sources = sources or {}
        self.background = background  # saved by a forked copy of the process (see persist.save)
        self._store = persist.Entries(path, header) if path else None
        self._old = self._store.values if self._store else {}
        self._new: dict = {}
        self._changed = True  # since the last save (or none yet)

    def pairs(self, what: str, pairs, compute: Callable[[object], object], processes: int = 1) -> list:
        """``compute(pair)`` for each partnership, in order, kept under ``what`` and the digest of its
        file; what is not kept yet is computed in ``processes``."""
        new, old, sources = self._new, self._old, self.sources
        keys = [(what, sources.get(pair.slug)) for pair in pairs]
        values = [new.get(key, _MISSING) for key in keys]  # (a pair without a digest is never kept)
        absent = [i for i, value in enumerate(values) if value is _MISSING]
        if absent:
            self._changed = True
            missing = []
            for i in absent:
                key = keys[i]
                if key[1] is not None and key in old:
                    values[i] = new[key] = old[key]
                else:
                    missing.append(i)
            fresh = parallel.map_chunks(lambda chunk: [compute(pairs[i]) for i in chunk], missing, processes)
            for i, value in zip(missing, fresh):
                values[i] = value
                if keys[i][1] is not None:
                    new[keys[i]] = value
        return values

    def keep(self, what: str, slug: str, value) -> None:
        """Keep ``value``, computed elsewhere, as what ``pairs(what, ...)`` computes for the partnership ``slug``."""
        source = self.sources.get(slug)
        if source is not None:
            self._new[(what, source)] = value
            self._changed = True

    def keep_all(self, done: dict[str, dict]) -> None:
        """``keep`` each value of ``done``: {slug: {what: value}} (the pair work done as the files were read)."""
        sources = self.sources
        self._new.update(((what, sources[slug]), value) for slug, values in done.items() if slug in sources
                         for what, value in values.items())
        self._changed = True

    def get(self, key: Hashable, compute: Callable[[], object]):
        """The value kept for ``key``, or ``compute()`` (kept for the next build)."""
        if key in self._new:
            return self._new[key]
        value = self._old[key] if key in self._old else compute()
        self._new[key] = value
        self._changed = True
        return value

    def save(self) -> None:
        """Keep what was computed so far for the next build; saving again writes only what was added since
        (nothing, without a look at every entry, if nothing was)."""
        if self._store is not None and self._changed:
            self._store.save(dict(self._new), background=self.background)
            self._changed = False


_MISSING = object()
