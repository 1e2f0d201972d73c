"""Files the build writes beside Pelican's pages (exports, maps): atomic, once each."""

from __future__ import annotations

import os
import posixpath
import tempfile
from pathlib import Path


class DuplicateOutput(RuntimeError):
    """Two parts of the build tried to write the same file."""


class OutputFiles:
    """Writes files under one output folder; one instance per build."""

    def __init__(self, root: os.PathLike | str):
        self.root = Path(root)
        self.written: set[str] = set()  # every path claimed, relative, with / separators
        self.noted: set[str] = set()  # what Pelican's own writer wrote, relative (see note)

    def claim(self, relative: str) -> str:
        """Reserve ``root/relative`` for one writer; refuse a path claimed before in this build."""
        relative = posixpath.normpath(str(relative).replace(os.sep, "/").lstrip("/"))
        if relative in self.written:
            raise DuplicateOutput(f"{relative} would be written twice in one build")
        if relative == ".." or relative.startswith("../"):
            raise DuplicateOutput(f"{relative} is outside the output folder")
        self.written.add(relative)
        return relative

    def note(self, path: os.PathLike | str) -> None:
        """Record a file another writer (Pelican's) wrote under the root, so that the build
        knows all it wrote without walking the output folder."""
        self.noted.add(Path(os.path.relpath(path, self.root)).as_posix())

    def write(self, relative: str, data: bytes) -> Path:
        """Write ``data`` to ``root/relative`` atomically; refuse a path written before in this build."""
        target = self.root / self.claim(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target
