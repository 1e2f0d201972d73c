"""Digests that say whether something a build made before can be reused.

A digest is a BLAKE2b hash of everything an output depends on. ``code()`` covers
the directory's own code, schemas and data files; ``tree()`` any folder (the
theme, the plugins); ``Fingerprinter`` any picklable value, with each partnership
hashed once and referred to by its digest wherever it appears (a pair page, the
lists and places pages that show it).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .directory import Group, PlaceEntry
from .model import Partnership

SHARED = {PlaceEntry, Group}  # held by many pages' values: hashed once each

PACKAGE = Path(__file__).resolve().parent


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def tree(*folders: os.PathLike | str) -> str:
    """One digest of every file under the folders: their paths and bytes."""
    hasher = hashlib.blake2b(digest_size=16)
    for folder in folders:
        folder = Path(folder)
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes() + b"\0")
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def code() -> str:
    """The directory's code, schemas and data, and the libraries that turn a content file into a model:
    as this process loaded them (taken once; it imports its modules, and reads its schemas, once)."""
    return digest((tree(PACKAGE, PACKAGE.parent / "schemas")
                   + libraries("pyyaml", "jsonschema", "fastjsonschema", "markdown", "nh3", "unidecode",
                               "pycountry")).encode())


def libraries(*names: str) -> str:
    """The installed versions of some packages (an upgrade may change what they make)."""
    found = []
    for name in names:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return ";".join(found)


class Fingerprinter:
    """Digests of values made of model objects; each partnership is hashed once a run.

    ``sources`` may give each partnership's digest by slug (the digest of the file it was
    read from, see ``loader.Tree.sources``), which spares hashing the object. A place with
    its pairs and a country or state (held by many pages) are hashed once each, from
    their pairs' digests. Anything else is pickled as it is, nested objects included.
    """

    def __init__(self, sources: dict[str, str] | None = None):
        self._sources = sources or {}
        self._known: dict[int, tuple[object, str]] = {}  # by id, with the object (ids are reused once it dies)

    def pair(self, pair: Partnership) -> str:
        known = self._known.get(id(pair))
        if known is None or known[0] is not pair:
            value = self._sources.get(pair.slug) or digest(repr(pair).encode())  # its fields, as written
            known = self._known[id(pair)] = (pair, value)
        return known[1]

    def shared(self, value) -> str:
        known = self._known.get(id(value))
        if known is None or known[0] is not value:
            if type(value) is PlaceEntry:  # its place is one of its pairs' places: the key says which
                parts = (value.place.key, [self.pair(p) for p in value.partnerships])
            else:
                parts = (value.code, value.name, [self.shared(e) for e in value.places],
                         [self.pair(p) for p in value.partnerships])
            known = self._known[id(value)] = (value, digest(pickle.dumps(parts, protocol=5)))
        return known[1]

    def __call__(self, value) -> str:
        return digest(pickle.dumps(self._plain(value), protocol=5))

    def _plain(self, value):
        kind = type(value)
        if kind in _AS_THEY_ARE:  # most of what a page is made from: its path, URL, names
            return value
        if kind is Partnership:
            return ("pair", self.pair(value))
        if kind in SHARED:
            return ("shared", self.shared(value))
        if kind is list or kind is tuple:
            plain = self._plain
            return [item if type(item) in _AS_THEY_ARE else plain(item) for item in value]
        if kind is dict:
            plain = self._plain
            return {key: item if type(item) in _AS_THEY_ARE else plain(item) for key, item in value.items()}
        return value  # pickled by value


_AS_THEY_ARE = frozenset({str, int, float, bool, type(None)})
