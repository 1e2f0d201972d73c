"""Pagefind's index made the same on every run over the same pages.

Pagefind 1.5 writes each filter's values, and the list of filters in its metadata
file, in the order of a Rust hash map, which changes from run to run (upstream
issue CloudCannon/pagefind#638): two builds of one commit then differ in those
files and in the names derived from them. This puts them in order -- values and
filters by name -- and names the rewritten files by a digest of their bytes, as
Pagefind names its own, so a published bundle depends only on the pages.

The files are gzip-compressed CBOR after a "pagefind_dcd" signature; cbor2 reads
and writes them byte for byte as Pagefind does (tested). A bundle of another
layout is left as it is, with a warning.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
logger = logging.getLogger("pelican.plugins.search")


def stabilise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)
                and all(isinstance(f, list) and len(f) == 2 for f in meta[3])):
            logger.warning("Pagefind's metadata has an unknown layout: its filter files keep their run's order")
            return
        prefix = language["hash"].split("_", 1)[0]
        renamed = {}
        for _, old in meta[3]:
            path = bundle / "filter" / f"{old}.pf_filter"
            title, values = _read(path)
            data = _pack([title, sorted(values, key=lambda value: value[0])])
            renamed[old] = f"{prefix}_{hashlib.sha256(data).hexdigest()[:7]}"
            path.unlink()
            (bundle / "filter" / f"{renamed[old]}.pf_filter").write_bytes(data)
        meta[3] = sorted([name, renamed[old]] for name, old in meta[3])
        data = _pack(meta)
        language["hash"] = f"{prefix}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{language['hash']}.pf_meta").write_bytes(data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind index file")
    return cbor2.loads(raw[len(SIGNATURE):])


def _pack(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
