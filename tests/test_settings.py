"""Plugin settings are declared once, checked, and documented in the README."""

import importlib
import re

import pytest

from partnerdir.settings import Setting, SettingsError, apply
from tests.conftest import ROOT, VALID_SITE, build

TABLE = (Setting("PAIRS_URL", "pairs/{slug}/", "URL"), Setting("PAIRS_LIMIT", 10, "a number"))


def plugin_settings():
    for plugin in sorted(p.parent.name for p in (ROOT / "plugins").glob("*/settings.py")):
        yield from importlib.import_module(f"{plugin}.settings").SETTINGS


def test_defaults_fill_a_copy():
    mine = {"SITENAME": "x"}
    merged = apply(mine, "PAIRS_", TABLE)
    assert merged == {"SITENAME": "x", "PAIRS_URL": "pairs/{slug}/", "PAIRS_LIMIT": 10}
    assert mine == {"SITENAME": "x"}


def test_unknown_setting_is_refused_with_a_suggestion():
    with pytest.raises(SettingsError, match=r"unknown setting PAIRS_URLS \(did you mean PAIRS_URL\?\)"):
        apply({"PAIRS_URLS": "x"}, "PAIRS_", TABLE)


def test_wrong_type_is_refused():
    with pytest.raises(SettingsError, match="PAIRS_LIMIT must be int, not str"):
        apply({"PAIRS_LIMIT": "10"}, "PAIRS_", TABLE)


def test_a_typo_in_a_setting_stops_the_build(tmp_path):
    result = build(VALID_SITE, tmp_path / "output", PLACES_COUNTRY_URLS="x/{slug}/")
    assert result.returncode == 1
    assert "unknown setting PLACES_COUNTRY_URLS (did you mean PLACES_COUNTRY_URL?)" in " ".join(result.stdout.split())


def test_every_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", readme))
    missing = [s.name for s in plugin_settings() if s.name not in documented]
    assert missing == []


def test_a_plugin_that_fails_to_load_stops_the_build(tmp_path):
    plugins = ["directory", "pairs", "places", "events", "exports", "maps", "charts", "search", "no_such_plugin"]
    result = build(VALID_SITE, tmp_path / "output", PLUGINS=plugins, DIRECTORY_REQUIRED_PLUGINS=plugins)
    assert result.returncode == 1
    assert "plugin no_such_plugin could not be loaded" in " ".join(result.stdout.split())
