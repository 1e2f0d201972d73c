"""Shared fixtures: builds of the site with real Pelican and the real plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPOSITORY = "https://github.com/example/partner-directory"
VALID_SITE = FIXTURES / "minimal/content"
# The real data set of twin-town pairs, beside the repository (never copied into it).
SHARED_DATA = Path(os.environ.get("DIRECTORY_SHARED_DATA", ROOT.parent / "shared/data/twin_cities.csv"))


def build(content: Path, output: Path, settings: str = "pelicanconf.py", env: dict | None = None,
          **extra) -> subprocess.CompletedProcess:
    """Run `python -m pelican` as `make html` does, on another content folder and output;
    ``env`` adds environment variables (SITEURL for publishconf.py, SOURCE_DATE_EPOCH…).
    The build's cache goes beside the output (not in the repository's cache/), unless
    CACHE_PATH is given."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", settings]
    extra.setdefault("CACHE_PATH", str(Path(output).parent / f"{Path(output).name}-cache"))
    if extra:  # one -e for all: pelican keeps only the last -e it is given
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    environment = {**os.environ, **(env or {})}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=environment)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real content, built once for the session."""
    output = tmp_path_factory.mktemp("site")
    result = build(ROOT / "content", output, DIRECTORY_REPOSITORY_URL=REPOSITORY)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright, shared by every browser test of the session."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS
    from tests.tools import require_chromium

    executable = require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
