"""Files the build writes beside Pelican's pages (exports, maps): atomic, once each."""

from __future__ import annotations

import os
import posixpath
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from . import parallel


class DuplicateOutput(RuntimeError):
    """Two parts of the build tried to write the same file."""


class OutputFailed(RuntimeError):
    """A file made in the background could not be made or written."""


# Parts of a relative path that posixpath.normpath() would change: an empty part (a leading,
# doubled or trailing slash; an empty path), "." or "..".
_ODD_PARTS = frozenset({"", ".", ".."})


def _usual(relatives: list[str]) -> bool:
    """Whether normpath() leaves every path as it is, checked together (a large build's tens of
    thousands): no path has an odd part (_ODD_PARTS), nor a line break (which the check splits on)."""
    lines = "\n".join(relatives)
    return lines.count("\n") == len(relatives) - 1 and _ODD_PARTS.isdisjoint(lines.replace("\n", "/").split("/"))


class OutputFiles:
    """Writes files under one output folder; one instance per build.

    With ``background``, ``write_later`` makes and writes files in a forked copy of the
    build while the build goes on (the exports and the maps of a large directory: a second
    of one process's time, while the pages are written): one copy for all of them, forked
    by ``start_background()``, which first makes the page folders ``plan_folders`` names;
    ``wait()`` waits for it."""

    def __init__(self, root: os.PathLike | str, background: bool = False):
        self.root = Path(root)
        self.written: set[str] = set()  # every path claimed, relative, with / separators
        self.noted: set[str] = set()  # what Pelican's own writer wrote, relative (see note)
        self.background = background and hasattr(os, "fork")
        self._asked: list[dict[str, Callable[[], bytes]]] = []  # files to write in the background, not begun
        self._later: list[tuple[parallel.Forked, list[str]]] = []  # each background writer, and its files
        self._planned: list[Callable[[], Iterable[str]]] = []  # folders of pages to come (see plan_folders)
        self._planned_count = 0

    def claim(self, relative: str) -> str:
        """Reserve ``root/relative`` for one writer; refuse a path claimed before in this build."""
        relative = str(relative).replace(os.sep, "/")
        if not _usual([relative]):  # most paths are already as normpath() gives them
            relative = posixpath.normpath(relative.lstrip("/"))
        if relative in self.written:
            raise DuplicateOutput(f"{relative} would be written twice in one build")
        if relative == ".." or relative.startswith("../"):
            raise DuplicateOutput(f"{relative} is outside the output folder")
        self.written.add(relative)
        return relative

    def claim_all(self, relatives: list[str]) -> list[str]:
        """``claim()`` for many paths (a large build's pages): the same paths, refused alike, checked
        together where each is already as normpath() gives it and none is claimed twice."""
        if os.sep == "/" and _usual(relatives):
            fresh = set(relatives)
            if len(fresh) == len(relatives) and self.written.isdisjoint(fresh):
                self.written |= fresh
                return list(relatives)
        return [self.claim(relative) for relative in relatives]  # one by one: normalised, or refused

    def note(self, path: os.PathLike | str) -> None:
        """Record a file another writer (Pelican's) wrote under the root, so that the build
        knows all it wrote without walking the output folder."""
        self.noted.add(Path(os.path.relpath(path, self.root)).as_posix())

    def write(self, relative: str, data: bytes) -> Path:
        """Write ``data`` to ``root/relative`` atomically; refuse a path written before in this build."""
        return self._write(self.claim(relative), data)

    def write_later(self, files: dict[str, Callable[[], bytes]]) -> None:
        """Claim each file now; make (``files[path]()``) and write them, in order: in the background
        (see ``start_background``) if this build writes there, else here. A failure is raised by ``wait()``."""
        claimed = {self.claim(relative): make for relative, make in files.items()}
        if self.background:
            self._asked.append(claimed)
        else:
            self._write_all(claimed)

    def plan_folders(self, folders: Callable[[], Iterable[str]], count: int) -> None:
        """The folders that ``folders()`` names (a large directory's tens of thousands of page
        folders, ``count`` about), listed and made ahead by the copy ``start_background()``
        forks, before the files, if this build writes in the background. Only a head start: a
        page's writer still makes a folder that is missing, and reports what fails."""
        if self.background:
            self._planned.append(folders)
            self._planned_count += count

    def start_background(self) -> None:
        """Make the planned folders, then make and write the files asked for so far, in one forked
        copy of the build (each fork makes this process's next write to each page of its heap fault
        again). The folders not for a few (making them as their pages are written costs less than
        a fork, see parallel.MIN_ITEMS), nor where an earlier build made them (the first or the
        last is there, or another); a path normpath() would change is left out."""
        asked, self._asked = self._asked, []
        planned = self._planned if self._planned_count >= parallel.MIN_ITEMS else []
        self._planned, self._planned_count = [], 0
        if not asked and not planned:
            return
        root = str(self.root)

        def work() -> bytes:
            folders = [folder for names in planned for folder in names()]
            if not _usual(folders):  # a few to leave out
                folders = [folder for folder in folders if _usual([folder])]
            folders = sorted(set(folders))  # each after the folder it is in
            if folders and not any(os.path.isdir(os.path.join(root, folder))
                                   for folder in (folders[0], folders[-1], folders[len(folders) // 2])):
                for folder in folders:
                    path = os.path.join(root, folder)
                    try:
                        os.mkdir(path)
                    except FileNotFoundError:
                        os.makedirs(path, exist_ok=True)
                    except FileExistsError:
                        pass
            for files in asked:
                self._write_all(files)
            return b""

        names = (["the folders of the pages"] if planned else []) + [relative for files in asked for relative in files]
        self._later.append((parallel.Forked(work), names))

    def wait(self) -> None:
        """Wait until the files made in the background are written; raise ``OutputFailed`` if one is not."""
        self.start_background()  # files asked for since (a build that did not start them)
        failed = []
        while self._later:
            writing, names = self._later.pop(0)
            try:
                writing.result()
            except parallel.ForkFailed as failure:
                failed.append(f"{', '.join(names)}: {failure}")
        if failed:
            raise OutputFailed("could not write " + "\n".join(failed))

    def _write_all(self, files: dict[str, Callable[[], bytes]]) -> None:
        for relative, make in files.items():
            self._write(relative, make())

    def _write(self, relative: str, data: bytes) -> Path:
        target = self.root / relative
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
