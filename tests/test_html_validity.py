"""HTML validity gate: the Nu Html Checker reports no error in any page of the build."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.tools import require_vnu


def vnu_errors(directory: Path) -> list[str]:
    """Every error (and fatal error) vnu.jar reports for the HTML files under ``directory``."""
    java, jar = require_vnu()
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", str(directory)],
        capture_output=True, text=True, timeout=900,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{_relative(m.get('url', ''), directory)}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


def _relative(url: str, directory: Path) -> str:
    path = Path(unquote(urlsplit(url).path))
    return path.relative_to(directory.resolve()).as_posix() if path.is_relative_to(directory.resolve()) else url


def test_every_page_is_valid_html(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 60
    assert vnu_errors(site) == []
