"""Work shared out over processes: same results, in the same order, as done serially.

A large build reads tens of thousands of files and writes as many pages; both are
independent per item, so they are split into consecutive chunks handed to a pool
of forked processes. Forking shares the parent's objects (settings, compiled
templates, the loaded directory) with no pickling; only each chunk's bounds go to
a worker and only its results come back. Where ``fork`` is missing (Windows,
macOS's default aside) or the work is small, the same function runs in this
process: the serial path is always there, and gives the same output.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more than it saves.
MIN_ITEMS = 400
# The smallest chunk a pool is handed: each costs a round trip between processes.
MIN_CHUNK = 25

_work: tuple[Callable, Sequence] | None = None  # what the forked workers read
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

    ``function`` may be any callable (a closure, a bound method): workers are forked
    after it is set, so it is never pickled. What it returns must pickle. An
    exception in a worker is raised here. ``progress(done)`` hears how many items are done.
    """
    global _work
    parallel = processes > 1 and len(items) >= min_items and can_fork() and _work is None  # no pools in workers
    bounds = chunk_bounds(len(items), processes) if parallel else [
        (start, min(start + 200, len(items))) for start in range(0, len(items), 200)]
    results, done = [], 0
    _work = (function, items) if parallel else _work
    held = _held or _left  # what a build holds frozen stays so
    try:
        if parallel:
            # Objects made before the fork go to the collector's permanent generation: the
            # workers' collections then skip them, instead of walking (and copying) the heap.
            gc.freeze()
            # No collections while the pool works: the workers (forked with the collector off)
            # and this process, unpickling their results, make objects that nearly all live on.
            with collector_paused(), multiprocessing.get_context("fork").Pool(processes) as pool:
                parts = pool.imap(_run, bounds, chunksize=1)
                for (start, stop), part in zip(bounds, parts):
                    results += part
                    done += stop - start
                    if progress:
                        progress(done)
        else:
            for start, stop in bounds:
                results += function(items[start:stop])
                if progress:
                    progress(stop)
    finally:
        if parallel:
            _work = None
            if not held:
                gc.unfreeze()
    return results


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection within (it comes back as it was after).

    For work that makes many objects and drops few, or none in reference cycles: reading
    the results of a pool or a cache, a forked process's one task. Each collection of the
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
    """Consecutive chunks of ``count`` items for ``processes`` workers, each taking the next
    when done: each chunk half the items left per worker, down to ``MIN_CHUNK``. Items
    rarely cost the same (a build's listing pages, last in its queue, take 40 times a
    pair page); with the last chunks small, no worker is left with much to do alone."""
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
    running this process's exit handlers. Needs ``os.fork``."""

    def __init__(self, task: Callable[[], bytes]):
        self.parent = os.getpid()
        reader, writer = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            code, said = 1, b""
            gc.disable()  # the copy does one task and leaves (see collector_paused)
            try:
                os.close(reader)
                said = task()
                code = 0
            except BaseException:
                said = traceback.format_exc().encode("utf-8", "replace")[-8000:]
            finally:
                try:
                    while said:
                        said = said[os.write(writer, said):]
                finally:
                    os._exit(code)
        os.close(writer)
        self._reader = reader

    @property
    def mine(self) -> bool:
        """False in a process forked since (a pool's worker): the copy is its parent's to wait for."""
        return self.parent == os.getpid()

    def result(self) -> bytes:
        with os.fdopen(self._reader, "rb") as pipe:
            said = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise ForkFailed(said.decode("utf-8", "replace").strip() or "the process stopped")
        return said


def start_build() -> None:
    """At the start of a build: what an earlier build of this process left frozen (make serve
    builds again and again) goes back to the collector, and its garbage is collected now,
    unless the process did it while idle (see ``end_build``)."""
    global _idle
    if _idle is not None:
        _idle.cancel()
        _idle.join()  # no thread left when the build forks its workers
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


def _run(bounds: tuple[int, int]) -> list:
    function, items = _work
    start, stop = bounds
    return list(function(items[start:stop]))
