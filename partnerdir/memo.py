"""Results per partnership kept from one build to the next (its export lines, its arcs).

A ``Memo`` maps a key -- what is computed and the digest of the partnership's file --
to a value. It is saved in one file, under a header (the digest of the code and
settings the values were made with); with another header it starts empty. Only the
entries a build used are saved, so it never grows past one build's worth.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path

from . import persist


class Memo:
    """``sources`` gives each partnership's digest by slug (``loader.Tree.sources``)."""

    def __init__(self, path: Path | None, header: Hashable, sources: dict[str, str] | None = None):
        self.path, self.header, self.sources = path, header, sources or {}
        self._old = self._read() if path else {}
        self._new: dict = {}

    def pair(self, what: str, pair, compute: Callable[[object], object]):
        """``compute(pair)`` for one partnership, kept under ``what`` and the digest of its file."""
        source = self.sources.get(pair.slug)
        return compute(pair) if source is None else self.get((what, source), lambda: compute(pair))

    def get(self, key: Hashable, compute: Callable[[], object]):
        """The value kept for ``key``, or ``compute()`` (kept for the next build)."""
        if key in self._new:
            return self._new[key]
        value = self._old[key] if key in self._old else compute()
        self._new[key] = value
        return value

    def save(self) -> None:
        if self.path is not None and self._new != self._old:
            persist.save(self.path, (self.header, self._new))

    def _read(self) -> dict:
        try:
            header, values = persist.load(self.path)
        except Exception:  # missing or unreadable: only a slower build
            return {}
        return values if header == self.header else {}
