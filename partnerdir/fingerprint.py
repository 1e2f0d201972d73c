"""Digests that say whether something a build made before can be reused.

A digest is a BLAKE2b hash of everything an output depends on. ``code()`` covers
the directory's own code, schemas and data files; ``tree()`` any folder (the
theme, the plugins); ``Fingerprinter`` any picklable value, with each partnership
hashed once and referred to by its digest wherever it appears (a pair page, the
lists and places pages that show it).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from pathlib import Path

from .model import Partnership

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


def code() -> str:
    """The directory's code, schemas and data: what turns a content file into a model."""
    return tree(PACKAGE, PACKAGE.parent / "schemas")


class Fingerprinter:
    """Digests of values made of model objects; each partnership is hashed once a run."""

    def __init__(self):
        self._pairs: dict[int, tuple[Partnership, bytes]] = {}

    def pair(self, pair: Partnership) -> bytes:
        known = self._pairs.get(id(pair))
        if known is None or known[0] is not pair:
            known = (pair, hashlib.blake2b(pickle.dumps(pair, protocol=5), digest_size=16).digest())
            self._pairs[id(pair)] = known
        return known[1]

    def __call__(self, value) -> str:
        stream = io.BytesIO()
        _Pickler(stream, self).dump(value)
        return digest(stream.getvalue())


class _Pickler(pickle.Pickler):
    def __init__(self, stream, fingerprinter: Fingerprinter):
        super().__init__(stream, protocol=5)
        self.fingerprinter = fingerprinter

    def persistent_id(self, obj):
        if type(obj) is Partnership:
            return self.fingerprinter.pair(obj)
        return None
