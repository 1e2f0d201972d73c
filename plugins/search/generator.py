"""Writes /search/ and runs Pagefind over the finished output.

What is found, and how it is filtered, is a markup contract in the templates:
``data-pagefind-body`` on the pages worth finding (partnerships and content
pages), ``data-pagefind-filter`` with the directory's own labels, meta and a
``year`` sort key where the year is known (see ``search_meta`` in components.html).
After Pagefind, ``stable.stabilise`` puts the files it writes in hash-map order in order.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from directory.kit import PageGenerator

from .stable import stabilise


class SearchFailed(RuntimeError):
    """Pagefind could not index the output."""


class SearchGenerator(PageGenerator):
    def generate_output(self, writer):
        self.write_page(writer, "SEARCH", "search")


def index_output(pelican):
    """Index the output with Pagefind's binary (the pagefind-bin package)."""
    settings = pelican.settings
    if not settings["SEARCH_INDEX"]:
        return
    bundle = settings["SEARCH_BUNDLE_URL"].strip("/")
    command = [sys.executable, "-m", "pagefind", "--site", str(Path(pelican.output_path)),
               "--output-subdir", bundle, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchFailed(f"Pagefind failed to index {pelican.output_path}: {result.stderr or result.stdout}")
    stabilise(Path(pelican.output_path) / bundle)
