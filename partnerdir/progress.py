"""Progress of a long step, on a terminal only: CI logs and pipes get nothing."""

from __future__ import annotations

import os
import sys
import time


class Progress:
    """``Progress("Writing pages", 42000)``; ``update(done)``; ``close()``.

    Shows one line that rewrites itself at most five times a second, on stderr (or
    ``stream``) when it is a terminal and CI is not set; otherwise every call does
    nothing. ``total`` may be None when it is not known in advance (rows of a CSV).
    """

    def __init__(self, phase: str, total: int | None, stream=None):
        self.phase, self.total = phase, total
        self.stream = stream or sys.stderr
        self.active = total != 0 and _is_terminal(self.stream) and not os.environ.get("CI")
        self._shown = 0.0

    def update(self, done: int) -> None:
        now = time.monotonic()
        last = self.total is not None and done >= self.total
        if self.active and (now - self._shown >= 0.2 or last):
            self._shown = now
            of = f" of {self.total:,}" if self.total is not None else ""
            self.stream.write(f"\r{self.phase}: {done:,}{of}\033[K")
            self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
