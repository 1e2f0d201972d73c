"""A static file server on 127.0.0.1 for browser tests, optionally under a sub-path."""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    base_path = "/"
    cache_seconds = 0

    def end_headers(self):
        if self.cache_seconds:  # as GitHub Pages does (max-age=600)
            self.send_header("Cache-Control", f"max-age={self.cache_seconds}")
        super().end_headers()

    def translate_path(self, path):
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.base_path):])

    def log_message(self, format, *args):  # keep test output quiet
        pass


@contextlib.contextmanager
def serve(directory: Path, base_path: str = "/", port: int = 0, cache_seconds: int = 0):
    """Serve ``directory`` at http://127.0.0.1:<port><base_path>; yields that URL.
    ``cache_seconds`` sends Cache-Control: max-age, as a static host would."""
    handler = type("Handler", (_Handler,), {"base_path": base_path, "cache_seconds": cache_seconds})
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
