"""The gates catch what they are for: a theme without `lang`, with a broken link
or with invalid HTML makes them fail."""

from __future__ import annotations

import shutil

import pytest

from tests.browser import axe_violations
from tests.conftest import ROOT, VALID_SITE, build
from tests.links import broken_links
from tests.server import serve
from tests.test_html_validity import vnu_errors


@pytest.fixture(scope="module")
def broken_theme_site(tmp_path_factory):
    """The minimal site built with a theme that lost `lang`, links nowhere and repeats an id."""
    work = tmp_path_factory.mktemp("broken-theme")
    theme = work / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace('<html lang="en">', "<html>"), encoding="utf-8")
    footer = theme / "templates/frame/footer.html"  # the page frame's footer, on every page
    html = footer.read_text(encoding="utf-8")
    html = html.replace("</footer>", '<a href="{{ url(\'PAIRS_INDEX\') }}no-such-page/">x</a><span id="main"></span></footer>')
    footer.write_text(html, encoding="utf-8")
    result = build(VALID_SITE, work / "output", THEME=str(theme))
    assert result.returncode == 0, result.stderr
    return work / "output"


def test_link_gate_catches_a_broken_link(broken_theme_site):
    broken = broken_links(broken_theme_site)
    assert "index.html: <a> /pairs/no-such-page/" in broken


def test_validity_gate_catches_invalid_html(broken_theme_site):
    errors = vnu_errors(broken_theme_site)
    assert any("Duplicate ID “main”" in error for error in errors), errors


def test_accessibility_gate_catches_a_missing_lang(broken_theme_site, browser):
    with serve(broken_theme_site) as url:
        page = browser.new_page(bypass_csp=True)
        page.goto(url)
        violations = axe_violations(page)
        page.close()
    assert any(v.startswith("html-has-lang") for v in violations), violations


def test_a_missing_tool_skips_locally_and_fails_in_ci(monkeypatch):
    from tests.tools import require

    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is missing: install it"):
        require(False, "Chromium", "install it")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set, so this gate fails instead of skipping"):
        require(False, "Chromium", "install it")
