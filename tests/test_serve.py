"""`make serve`'s task builds, serves on localhost and rebuilds when a file changes."""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT, VALID_SITE
from tests.server import free_port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    return None


@pytest.fixture
def server(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(VALID_SITE, content)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")  # a file, not a pipe nobody reads (which would fill and block)
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--content", str(content),
         "--output", str(tmp_path / "output"), "--port", str(port)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    yield f"http://127.0.0.1:{port}", content, tmp_path / "serve.log"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)
    log.close()


def test_serve_builds_serves_and_rebuilds(server):
    base, content, log = server
    assert wait_for(lambda: "Done: Processed" in log.read_text()), "the first build did not finish"
    page = wait_for(lambda: fetch(f"{base}/pairs/boulder-nablus/"))
    assert page and "Boulder – Nablus" in page
    path = content / "cities/boulder-nablus.md"
    path.write_text(path.read_text(encoding="utf-8").replace("eighth sister city", "8th sister city"), encoding="utf-8")
    assert wait_for(lambda: "8th sister city" in (fetch(f"{base}/pairs/boulder-nablus/") or ""))
