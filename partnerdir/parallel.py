"""Work shared out over processes: same results, in the same order, as done serially.

A large build reads tens of thousands of files and writes as many pages; both are
independent per item, so they are split into consecutive chunks that this process
and forked copies of it take in turn. Forking shares this process's objects
(settings, compiled templates, the loaded directory) with no pickling; only the
chunks' numbers go to a copy and only its results come back, while what this
process does itself is never pickled. Where ``fork`` is missing (Windows, macOS's
default aside) or the work is small, the same function runs in this process alone:
the serial path is always there, and gives the same output.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import struct
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items forking copies costs more than it saves.
MIN_ITEMS = 400
# The smallest chunk: a copy's costs a round trip between processes.
MIN_CHUNK = 25

_held = False  # whether hold_heap() froze the objects (not gc.get_freeze_count(): it counts them)
_left = False  # whether end_build() left a build's objects frozen
_idle: threading.Timer | None = None  # the collection end_build() set for when the process is idle
_heap_lock = threading.Lock()
IDLE_SECONDS = 1.0
_enabled = True  # whether the collector was on before hold_heap()


def available() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def workers(setting: int | None) -> int:
    """The number of processes a setting asks for: 0 or None means one per available core."""
    return max(1, setting) if setting else available()


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_chunks(function: Callable[[Sequence[T]], list[R]], items: Sequence[T], processes: int,
               min_items: int = MIN_ITEMS, progress: Callable[[int], None] | None = None) -> list[R]:
    """``function(chunk)`` over consecutive chunks of ``items``, the results joined in order.

    With ``processes`` > 1, this process takes chunks in turn with ``processes - 1`` forked
    copies of itself (``Helpers``): only the copies' results are pickled, and no process
    waits idle while the others work. ``function`` may be any callable (a closure, a bound
    method): the copies are forked after it is set, so it is never pickled. What it
    returns must pickle. An exception in a copy is raised here. ``progress(done)`` hears
    how many items are done.
    """
    parallel = processes > 1 and len(items) >= min_items and can_fork() and not _helping
    if not parallel:
        results = []
        for start in range(0, len(items), 200):
            results += function(items[start:start + 200])
            if progress:
                progress(min(start + 200, len(items)))
        return results
    bounds = chunk_bounds(len(items), processes)
    parts: list[list[R] | None] = [None] * len(bounds)
    held = _held or _left  # what a build holds frozen stays so
    # Objects made before the fork go to the collector's permanent generation: the copies'
    # collections (none: they run without) and this process's skip them.
    gc.freeze()
    try:
        # No collections while the work goes on: its results nearly all live on.
        with collector_paused(), Helpers(function, items, bounds, processes - 1, progress) as helpers:
            for index in helpers.chunks():
                start, stop = bounds[index]
                parts[index] = function(items[start:stop])
                helpers.did(stop - start)
            for index, part in helpers.results():
                parts[index] = part
    finally:
        if not held:
            gc.unfreeze()
    return [result for part in parts for result in part]


class Helpers:
    """Forked copies of this process that take chunks of the work in turn with it.

    The chunks' numbers wait in a pipe that every process reads four bytes of at a time
    (a read that small from a pipe is whole); a copy writes each chunk's results to a file
    of its own, in memory (``_results_file``), and says where on its pipe, which a thread
    here reads as they come: a copy never waits for this process to be free (through a
    pipe, it waited while this process's work held the interpreter from the thread, a
    megabyte at a time, a tenth of a second while the partnership files were read).
    Leaving the ``with`` block early (an error here) stops them."""

    def __init__(self, function: Callable, items: Sequence, bounds: list[tuple[int, int]], count: int,
                 progress: Callable[[int], None] | None = None):
        self._progress, self._lock, self._done = progress, threading.Lock(), 0
        self._received: list[tuple[int, object]] = []  # (chunk, its results) from the copies, or a failure
        tickets, writer = os.pipe()
        os.write(writer, b"".join(_TICKET.pack(i) for i in range(len(bounds))))
        os.close(writer)  # empty, and closed: a read past the last chunk gives b""
        self._tickets = tickets
        self._children: list[tuple[int, int]] = []  # pid, the read end of its pipe
        self._files: list[int] = []  # the file of each copy's results
        self._threads: list[threading.Thread] = []
        try:
            for _ in range(count):
                results = _results_file()
                self._files.append(results)
                reader, writer = os.pipe()
                pid = os.fork()
                if pid == 0:
                    for earlier in [*(reader for _, reader in self._children), *self._files[:-1], reader]:
                        os.close(earlier)  # the other copies' pipes and files, and this one's read end
                    self._help(function, items, bounds, writer, results)  # never returns
                os.close(writer)
                self._children.append((pid, reader))
        except BaseException:
            self._stop()
            for results in self._files:
                os.close(results)
            os.close(self._tickets)
            raise
        for (_, reader), results in zip(self._children, self._files):
            thread = threading.Thread(target=self._receive, args=(reader, results), daemon=True)
            thread.start()
            self._threads.append(thread)

    def chunks(self) -> Iterator[int]:
        """The numbers of the chunks this process takes, until none is left."""
        while ticket := os.read(self._tickets, _TICKET.size):
            yield _TICKET.unpack(ticket)[0]

    def did(self, count: int) -> None:
        with self._lock:
            self._done += count
            if self._progress:
                self._progress(self._done)

    def results(self) -> Iterator[tuple[int, list]]:
        """Each chunk a copy did, with its results, once all are done. A copy's error is raised
        here, with its traceback as the cause; a copy that stopped without one, as ``ForkFailed``."""
        for thread in self._threads:
            thread.join()
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid, _ in self._children]
        self._children = []
        for index, value in self._received:
            if index == _FAILED:
                error, remote = value
                raise error from ForkFailed(remote)
        if any(codes):
            raise ForkFailed(f"a process sharing the work stopped (exit code {max(codes, key=abs)})")
        for index, value in self._received:
            if index == _UNREADABLE:
                raise value
        yield from self._received

    def _help(self, function, items, bounds, writer: int, results: int) -> None:
        """In a copy: do chunks until none is left, sending back each one's results (written to
        ``results``, where the pipe ``writer`` says); then leave."""
        global _helping
        _helping = True
        gc.disable()  # a copy's objects all live until it leaves (see collector_paused)
        code, end = 1, 0
        try:
            for index in self.chunks():
                start, stop = bounds[index]
                frame = pickle.dumps((index, list(function(items[start:stop]))), _PROTOCOL)
                end = _send(writer, results, end, stop - start, frame)
            code = 0
        except BaseException as error:
            remote = traceback.format_exc()[-8000:]
            try:
                frame = pickle.dumps((_FAILED, (error, remote)), _PROTOCOL)
            except Exception:  # an error that does not pickle: its traceback
                frame = pickle.dumps((_FAILED, (ForkFailed(remote), remote)), _PROTOCOL)
            try:
                _send(writer, results, end, 0, frame)
            except BaseException:
                pass
        finally:
            os._exit(code)

    def _receive(self, reader: int, results: int) -> None:
        """A thread here: each chunk's results as a copy sends them, unpickled at once."""
        try:
            with os.fdopen(reader, "rb") as stream:
                while header := stream.read(_HEADER.size):
                    try:
                        count, offset, length = _HEADER.unpack(header)
                        index, value = pickle.loads(_read_at(results, offset, length))
                    except Exception as error:  # cut short (the copy stopped while it sent), or refused
                        self._received.append((_UNREADABLE, error))
                        continue  # read on to the end: the copy says all it has to say
                    self._received.append((index, value))
                    if count:
                        self.did(count)
        finally:
            os.close(results)

    def _stop(self) -> None:
        for pid, _ in self._children:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
        self._children = []
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> Helpers:
        return self

    def __exit__(self, *_) -> None:
        self._stop()
        os.close(self._tickets)


_TICKET = struct.Struct("<I")
_HEADER = struct.Struct("<IQQ")  # items done, where the results start in the copy's file, their bytes
_PROTOCOL = pickle.HIGHEST_PROTOCOL
_FAILED, _UNREADABLE = -1, -2  # in place of a chunk's number: a copy's error; results that did not unpickle
_helping = False  # in a copy: no copies of its own


def _results_file() -> int:
    """A file for a copy's results: in memory where the system has such files (Linux), else an
    unnamed temporary file. Its pages go when this process and the copy have closed it."""
    if hasattr(os, "memfd_create"):
        try:
            return os.memfd_create("partnerdir-results", os.MFD_CLOEXEC)
        except OSError:
            pass
    with tempfile.TemporaryFile() as handle:
        return os.dup(handle.fileno())


def _send(writer: int, results: int, offset: int, count: int, frame: bytes) -> int:
    """Write ``frame`` to the file ``results`` at ``offset``, then say so on the pipe ``writer``
    (a header, whole: under a pipe's atomic size); where the next frame goes."""
    view = memoryview(frame)
    at = offset
    while view:
        written = os.pwrite(results, view, at)
        view, at = view[written:], at + written
    _write_all(writer, _HEADER.pack(count, offset, len(frame)))
    return at


def _read_at(results: int, offset: int, length: int) -> bytes:
    """The ``length`` bytes at ``offset`` of the file ``results`` (a read may give less: read on)."""
    parts, got = [], 0
    while got < length:
        part = os.pread(results, length - got, offset + got)
        if not part:
            raise EOFError(f"{got} of {length} bytes of results")
        parts.append(part)
        got += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _write_all(writer: int, data: bytes) -> None:
    """All of ``data`` to a pipe (a write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(writer, view):]


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection within (it comes back as it was after).

    For work that makes many objects and drops few, or none in reference cycles: reading
    the results of forked copies or a cache, a forked process's one task. Each collection of the
    youngest objects walks every object made since the last, and the survivors are walked
    again as they age; for objects that all survive this is wasted. Unpickled without it, a
    partnership takes a quarter of the time (5 against 19 us). Reference counting still frees
    what is dropped. In a build (see ``hold_heap``) what was made within is frozen before the
    collector comes back: its first collection would walk it all."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        keep_held()
    finally:
        if enabled:
            gc.enable()


def chunk_bounds(count: int, processes: int) -> list[tuple[int, int]]:
    """Consecutive chunks of ``count`` items for ``processes`` processes, each taking the next
    when done: each chunk half the items left per process, down to ``MIN_CHUNK``. Items
    rarely cost the same (a build's listing pages, last in its queue, take 40 times a
    pair page); with the last chunks small, no process is left with much to do alone."""
    bounds, start = [], 0
    while start < count:
        size = max(MIN_CHUNK, -(-(count - start) // (2 * processes)))
        bounds.append((start, min(start + size, count)))
        start += size
    return bounds


class ForkFailed(RuntimeError):
    """What a ``Forked`` task raised, as its traceback."""


class Forked:
    """``task()`` done by a forked copy of this process while this one goes on (saving a cache,
    writing the exports); ``result()`` waits for the copy and gives the bytes ``task()``
    returned, or raises ``ForkFailed`` with the copy's traceback. The copy leaves without
    running this process's exit handlers. Inside a ``together()`` block, the copy is forked
    as the block ends, and does every task asked for in it, in order. A task returns little
    (under a pipe's buffer, some 64 KB): the copy writes each result before this process
    reads any. Needs ``os.fork``."""

    def __init__(self, task: Callable[[], bytes]):
        self.parent = os.getpid()
        self.pid: int | None = None  # the copy's, once forked
        self._task = task
        self._reader = -1
        self._copy: _Copy | None = None
        if _together is not None:
            _together.append(self)
        else:
            _fork([self])

    @property
    def mine(self) -> bool:
        """False in a process forked since (a copy sharing map_chunks' work): the task is its parent's to wait for."""
        return self.parent == os.getpid()

    def result(self) -> bytes:
        if self._copy is None:  # asked for in a together() block still open: its tasks so far start now
            _fork_together()
        with os.fdopen(self._reader, "rb") as pipe:
            said = pipe.read()
        code = self._copy.wait()
        if said[:1] != b"\0":
            raise ForkFailed(said[1:].decode("utf-8", "replace").strip()
                             or f"the process stopped (exit code {code})")
        return said[1:]


_together: list[Forked] | None = None  # the tasks asked for in a together() block


@contextmanager
def together() -> Iterator[None]:
    """The ``Forked`` tasks asked for inside are done by one copy, forked as the block ends: each
    fork makes this process's next write to each page of its heap fault again, and a copy
    costs its own start."""
    global _together
    if _together is not None:  # within another block: its copy does them
        yield
        return
    _together = []
    try:
        yield
    finally:
        try:
            _fork_together()
        finally:
            _together = None


def _fork_together() -> None:
    """The tasks asked for so far in the open together() block, done by one copy now."""
    tasks, _together[:] = list(_together), []
    if tasks:
        _fork(tasks)


class _Copy:
    """A forked copy doing one or more tasks; ``wait()`` gives its exit code (waited for once)."""

    def __init__(self, pid: int):
        self.pid = pid
        self._code: int | None = None

    def wait(self) -> int:
        if self._code is None:
            self._code = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return self._code


def _fork(tasks: list[Forked]) -> None:
    """One copy doing ``tasks`` in order; each task's outcome on its own pipe: a zero byte then its
    result, or a one byte then its traceback."""
    pipes = [os.pipe() for _ in tasks]
    pid = os.fork()
    if pid == 0:
        gc.disable()  # the copy does its tasks and leaves (see collector_paused)
        try:
            for reader, _ in pipes:
                os.close(reader)
            for (_, writer), task in zip(pipes, tasks):
                try:
                    said = b"\0" + task._task()
                except BaseException:
                    said = b"\1" + traceback.format_exc().encode("utf-8", "replace")[-8000:]
                try:
                    _write_all(writer, said)
                finally:
                    os.close(writer)
        finally:
            os._exit(0)
    copy = _Copy(pid)
    for (reader, writer), task in zip(pipes, tasks):
        os.close(writer)
        task.pid, task._reader, task._copy = pid, reader, copy


def start_build() -> None:
    """At the start of a build: what an earlier build of this process left frozen (make serve
    builds again and again) goes back to the collector, and its garbage is collected now,
    unless the process did it while idle (see ``end_build``)."""
    global _idle
    if _idle is not None:
        _idle.cancel()
        _idle.join()  # no thread left when the build forks its copies
        _idle = None
    _collect_left()


def hold_heap() -> None:
    """Keep every object made so far out of the collector's walks until the next build starts,
    and no automatic collections until the build ends.

    A build holds hundreds of thousands of long-lived objects (the partnerships, their
    places and dates, the indexes); each full collection during the build would walk
    them all again, for nothing (about a sixth of a rebuild at 24,000 pairs). What it makes
    next (indexes, pages to write, keys) lives as long, or goes by reference counting: a
    build of 23,960 pairs left no garbage for the collector. Frozen objects are still
    freed by reference counting when dropped.
    """
    global _held, _enabled
    gc.freeze()
    if not _held:
        _enabled = gc.isenabled()
        gc.disable()
    _held = True


def keep_held() -> None:
    """Within a build (after ``hold_heap()``), freeze what was made since -- objects that live
    as long as the build, such as the partnerships just read. Outside a build: nothing."""
    if _held:
        gc.freeze()


def end_build() -> None:
    """At the end of a build: its objects stay frozen -- the interpreter's last collections,
    when `make html` exits, would walk them all (1.5 s at 24,000 pairs) -- and the
    collector is on again. A process still there a second later (make serve,
    waiting for the next change) gives them back to the collector then, while idle."""
    global _left, _idle
    with _heap_lock:
        gc.freeze()
        _restore_collector()
        _left = True
    _idle = threading.Timer(IDLE_SECONDS, _collect_left)
    _idle.daemon = True  # never keeps a finished `make html` waiting
    _idle.start()


def _collect_left() -> None:
    global _left
    with _heap_lock:
        if _held or _left:
            gc.unfreeze()
            _restore_collector()
            gc.collect()
        _left = False


def _restore_collector() -> None:
    """The collector as it was before ``hold_heap()`` turned it off."""
    global _held
    if _held and _enabled:
        gc.enable()
    _held = False
