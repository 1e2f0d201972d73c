"""`make new-pair`: a file from two places, filled in from the offline gazetteer."""

from __future__ import annotations

import io
import shutil

import pytest

from partnerdir.newpair import NewPairError, new_pair, parse_place, prompt_missing
from tests.conftest import VALID_SITE, build, soup


@pytest.fixture
def content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content/cities").mkdir(parents=True)
    return tmp_path / "content"


def run(content, first, second, **options):
    out = io.StringIO()
    code = new_pair(content, first, second, out=out, **options)
    return code, out.getvalue()


def test_two_known_places_give_a_file_that_validates_and_builds(content, tmp_path):
    code, said = run(content, "Boulder, CO, US", "Nablus, PS", kind="sister",
                     source_url="https://citiesforpalestine.org/sistercities", source_title="Sister Cities")
    assert code == 0, said
    assert said.splitlines()[:2] == ["Boulder: found in Colorado, population 106,803",
                                     "Nablus: found in Palestine, population 130,326"]
    text = (content / "cities/boulder-nablus.md").read_text(encoding="utf-8")
    assert text.splitlines()[1] == "# yaml-language-server: $schema=../../schemas/partnership.schema.json"
    assert "local_name: {name: نابلس, lang: ar}" in text and "region: US-CO" in text
    result = build(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "output/pairs/boulder-nablus/index.html")
    assert page.h1.get_text() == "Boulder – Nablus"


def test_an_unknown_village_says_which_fields_to_fill(content):
    code, said = run(content, "Red Hook, NY, US", "Mas-ha, PS")
    assert code == 1
    assert "Mas-ha, PS is not in the offline gazetteer (places of 15,000 people or more): fill in its location by hand" in said
    path = "content/cities/red-hook-mas-ha.md"
    assert f"{path}:12:21: error: places[1].location.lat: expected a number, found nothing" in said
    assert f"{path}:15:10: error: sources[0].url: expected text, found nothing" in said
    text = (content / "cities/red-hook-mas-ha.md").read_text(encoding="utf-8")
    assert text.count("# FILL IN") == 4


def test_the_kind_follows_the_countries(content):
    code, _ = run(content, "Palo Alto, CA, US", "Bloomington, IN, US", source_url="https://siblingcitiesusa.org/")
    assert code == 0
    assert "kind: sibling" in (content / "cities/palo-alto-bloomington.md").read_text(encoding="utf-8")


def test_a_state_chooses_among_namesakes(content):
    code, said = run(content, "Springfield, MO, US", "Nablus, PS", source_url="https://example.org/")
    assert code == 0 and "Springfield: found in Missouri" in said
    assert "region: US-MO" in (content / "cities/springfield-nablus.md").read_text(encoding="utf-8")


def test_nothing_is_overwritten_or_listed_twice(content):
    shutil.copy(VALID_SITE / "cities/boulder-nablus.md", content / "cities/boulder-nablus.md")
    before = (content / "cities/boulder-nablus.md").read_bytes()
    code, said = run(content, "Boulder, CO, US", "Nablus, PS")
    assert code == 2 and "already exists; edit it instead (nothing was written)" in said
    assert (content / "cities/boulder-nablus.md").read_bytes() == before
    code, said = run(content, "Nablus, PS", "Boulder, CO, US")
    assert code == 2 and "Boulder – Nablus is already in content/cities/boulder-nablus.md" in said
    assert not (content / "cities/nablus-boulder.md").exists()


@pytest.mark.parametrize("text, message", [
    ("Boulder", 'write a place as "Name, CC" or "Name, STATE, US"'),
    ("Boulder, XX", "XX is not a two-letter country code"),
    ("Boulder, ZZ, US", "ZZ is not a state or region of US"),
])
def test_places_that_cannot_be_read(text, message):
    with pytest.raises(NewPairError, match=message):
        parse_place(text)


def test_prompts_ask_only_for_what_is_missing():
    answers = iter(["Nablus, PS", "https://example.org/", "A page"])
    asked = []

    def ask(question):
        asked.append(question)
        return next(answers)

    values = prompt_missing({"first": "Boulder, CO, US", "second": "", "source_url": "", "source_title": ""}, ask)
    assert values == {"first": "Boulder, CO, US", "second": "Nablus, PS", "source_url": "https://example.org/",
                      "source_title": "A page"}
    assert len(asked) == 3
