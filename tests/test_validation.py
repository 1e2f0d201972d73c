"""Each validation rule: a bad file, and the exact message it gets (file, line, fix)."""

import pytest

from partnerdir.loader import ContentLoader
from tests.conftest import write

VALID = """\
---
kind: sister
status: official
since: 2016
places:
  - name: Boulder
    region: US-CO
    country: US
    location: {lat: 40.015, lon: -105.2705}
  - name: Nablus
    local_name: {name: نابلس, lang: ar}
    region: PS-NBS
    country: PS
    location: {lat: 32.2222, lon: 35.2611}
sources:
  - title: Sister Cities
    url: https://citiesforpalestine.org/sistercities
---
Text.
"""

DENVER = (VALID.replace("Nablus", "Denver").replace("region: PS-NBS", "region: US-CO")
          .replace("country: PS", "country: US").replace("    local_name: {name: نابلس, lang: ar}\n", "")
          .replace("lat: 32.2222, lon: 35.2611", "lat: 39.7392, lon: -104.9903"))

PAGE = """\
---
title: About
summary: What this is.
---
Text.
"""


@pytest.fixture
def check(tmp_path, monkeypatch):
    """Write files under content/ and return every problem of the tree as printed."""
    monkeypatch.chdir(tmp_path)

    def run(files):
        for name, text in files.items():
            write(tmp_path / "content" / name, text)
        return [str(p) for p in ContentLoader(tmp_path / "content").load_tree().problems]

    return run


def test_valid_files_have_no_problems(check):
    assert check({"cities/boulder-nablus.md": VALID, "pages/about.md": PAGE}) == []


def test_yaml_syntax_error_is_one_message_at_its_line(check):
    bad = VALID.replace("status: official", "status: [official")
    [problem] = check({"cities/boulder-nablus.md": bad})
    assert problem.startswith("content/cities/boulder-nablus.md:4:6: error: YAML syntax: ")
    assert problem.endswith("(check the indentation and quotes on this line and the one above; "
                            'text containing ": " or starting with a special character needs quotes)')


def test_duplicate_key(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("since: 2016", "since: 2016\nkind: sibling")}) == [
        'content/cities/boulder-nablus.md:5:1: error: YAML: "kind" is given twice (first on line 2) '
        "(keep one of the two and delete the other)"
    ]


def test_missing_place(check):
    one_place = VALID.split("  - name: Nablus")[0] + VALID.split("35.2611}\n")[1]
    assert check({"cities/boulder-nablus.md": one_place}) == [
        "content/cities/boulder-nablus.md:5:1: error: places: has 1 item, needs exactly 2 "
        "(Exactly two places, each with name, country and location.)"
    ]


def test_latitude_out_of_range(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("lat: 40.015", "lat: 95")}) == [
        "content/cities/boulder-nablus.md:9:21: error: places[0].location.lat: 95 is more than 90 allows "
        "(Latitude, -90 to 90 (north is positive).)"
    ]


def test_missing_required_field(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("    country: PS\n", "")}) == [
        'content/cities/boulder-nablus.md:10:5: error: places[1]: "country" is missing '
        "(add country: — The two-capital-letter ISO 3166-1 code of the country, e.g. US or PS.)"
    ]


def test_misspelt_field(check):
    problems = check({"cities/boulder-nablus.md": VALID.replace("status:", "staus:")})
    assert problems == [
        'content/cities/boulder-nablus.md:2:1: error: "status" is missing '
        "(add status: — official (approved by the councils), unofficial (resident-led), campaign "
        "(being sought), inactive or unknown.)",
        'content/cities/boulder-nablus.md:3:1: error: there is no field "staus" (did you mean "status"? '
        "The fields are: kind, milestones, organization, pillars, places, since, sources, status, title)",
    ]


def test_value_not_in_vocabulary(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("kind: sister", "kind: sisters")}) == [
        'content/cities/boulder-nablus.md:2:7: error: kind: "sisters" is not one of sister, sibling, '
        'friendship (did you mean "sister"?)'
    ]


def test_wrong_type(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("since: 2016", "since: true")}) == [
        "content/cities/boulder-nablus.md:4:8: error: since: expected a whole number or text, found true "
        '(The year, or date, the pair became what status says, e.g. 2016 or "2009-12-08". Leave it out when unknown.)'
    ]


def test_country_code_with_a_space(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("country: PS", 'country: "PS "')}) == [
        'content/cities/boulder-nablus.md:13:14: error: places[1].country: "PS " is not in the right form '
        "(The two-capital-letter ISO 3166-1 code of the country, e.g. US or PS.)"
    ]


def test_norway_is_a_country_not_false(check):
    norway = (VALID.replace("region: PS-NBS", "region: NO-03").replace("country: PS", "country: NO")
              .replace("lat: 32.2222, lon: 35.2611", "lat: 59.9139, lon: 10.7522"))
    assert check({"cities/boulder-nablus.md": norway}) == []


def test_unknown_country(check):
    text = VALID.replace("    region: PS-NBS\n", "").replace("country: PS", "country: XX")
    assert check({"cities/boulder-nablus.md": text}) == [
        'content/cities/boulder-nablus.md:12:14: error: places[1].country: "XX" is not a country code '
        "(use the ISO 3166-1 code, e.g. US, PS, NO)"
    ]


def test_region_of_another_country(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("region: PS-NBS", "region: US-NY")}) == [
        'content/cities/boulder-nablus.md:12:13: error: places[1].region: "US-NY" is not in PS '
        "(a region in PS starts with PS-)"
    ]


def test_unknown_region(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("region: US-CO", "region: US-ZZ")}) == [
        'content/cities/boulder-nablus.md:7:13: error: places[0].region: "US-ZZ" is not an ISO 3166-2 code '
        "(look the code up in ISO 3166-2, e.g. US-CO or PS-NBS)"
    ]


def test_us_place_needs_its_state(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("    region: US-CO\n", "")}) == [
        "content/cities/boulder-nablus.md:6:5: error: places[0]: a US place needs its state "
        "(add region: US-XX with the state's two letters, e.g. region: US-CO)"
    ]


def test_local_name_language(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("lang: ar", "lang: qq")}) == [
        'content/cities/boulder-nablus.md:11:37: error: places[1].local_name.lang: "qq" is not a language code '
        "(use the ISO 639 code, e.g. ar for Arabic, he for Hebrew)"
    ]


def test_local_name_needs_its_language(check):
    assert check({"cities/boulder-nablus.md": VALID.replace(", lang: ar", "")}) == [
        'content/cities/boulder-nablus.md:11:5: error: places[1].local_name: "lang" is missing '
        "(add lang: — The language code (BCP 47), e.g. ar for Arabic.)"
    ]


def test_sister_cities_in_one_country(check):
    text = DENVER
    assert check({"cities/boulder-denver.md": text}) == [
        "content/cities/boulder-denver.md:2:7: warning: kind: sister cities are usually in two different countries "
        "(use kind: sibling for two US places in different states, or kind: friendship)"
    ]


def test_sibling_cities_outside_the_us(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("kind: sister", "kind: sibling")}) == [
        "content/cities/boulder-nablus.md:2:7: error: kind: sibling cities are two places in the US "
        "(use kind: sister for places in two countries)"
    ]


def test_sibling_cities_in_one_state(check):
    text = DENVER.replace("kind: sister", "kind: sibling")
    assert check({"cities/boulder-denver.md": text}) == [
        "content/cities/boulder-denver.md:2:7: error: kind: sibling cities are in different states, and both are "
        "in US-CO (Sibling Cities USA pairs places in different states; use kind: friendship)"
    ]


def test_file_name_must_match_places(check):
    assert check({"cities/nablus-boulder.md": VALID}) == [
        'content/cities/nablus-boulder.md:5:1: error: the file name "nablus-boulder.md" does not match its places '
        "(rename the file to boulder-nablus.md (first place, then second))"
    ]


def test_file_name_may_add_a_suffix(check):
    # namesakes (the many Springfields) are told apart by a suffix after the two places
    assert check({"cities/boulder-nablus-2.md": VALID}) == []


def test_file_name_must_be_a_slug(check):
    assert check({"cities/Boulder Nablus.md": VALID}) == [
        'content/cities/Boulder Nablus.md:1:1: error: the file name "Boulder Nablus.md" is not a slug '
        "(rename it to boulder-nablus.md: lower-case letters, digits and hyphens)"
    ]


def test_impossible_date(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("since: 2016", "since: 2016-02-30")}) == [
        "content/cities/boulder-nablus.md:4:8: error: since: 2016-02-30 is not a real date — "
        "February 2016 has no day 30 (check the day and month (YYYY-MM-DD))"
    ]


def test_source_must_be_a_web_link(check):
    text = VALID.replace("https://citiesforpalestine.org/sistercities", "javascript:alert(1)")
    assert check({"cities/boulder-nablus.md": text}) == [
        'content/cities/boulder-nablus.md:17:10: error: sources[0].url: "javascript:alert(1)" is not in the '
        "right form (A web address starting with https:// or http://.)"
    ]


def test_top_level_heading_in_text(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("Text.", "Intro.\n\n# History\n\n```\n# not a heading\n```")}) == [
        "content/cities/boulder-nablus.md:21:1: error: the text has a top-level heading (# …); "
        "the page title is the only one (use ## for section headings)"
    ]


def test_same_pair_twice_in_either_order(check):
    head, rest = VALID.split("places:\n")
    first, second = rest.split("sources:")[0].split("  - name: Nablus")
    reverse = head + "places:\n  - name: Nablus" + second + first + "sources:" + rest.split("sources:")[1]
    assert check({"cities/boulder-nablus.md": VALID, "cities/nablus-boulder.md": reverse}) == [
        "content/cities/nablus-boulder.md:1:1: error: Nablus – Boulder is already listed in "
        "content/cities/boulder-nablus.md (merge the two files into one and delete this one)"
    ]


def test_one_place_in_two_places_is_a_warning(check):
    other = VALID.replace("Nablus", "Ramallah").replace("PS-NBS", "PS-RBH").replace("نابلس", "رام الله")
    moved = other.replace("lat: 40.015", "lat: 41.015")
    assert check({"cities/boulder-nablus.md": VALID, "cities/boulder-ramallah.md": moved}) == [
        "content/cities/boulder-ramallah.md:1:1: warning: Boulder is 111 km from where cities/boulder-nablus.md "
        "puts it (use the same location in both files)"
    ]


def test_one_place_with_two_local_names_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files from the working folder
    from partnerdir import rules
    from partnerdir.model import LocalName, Location, Partnership, Place, Source

    def pair(slug, partner, local):
        nablus = Place("Nablus", "PS", Location(32.22, 35.26), region="PS-NBS", local_name=LocalName(local, "ar"))
        return Partnership(slug, f"cities/{slug}.md", "sister", "unofficial", (partner, nablus),
                           (Source("x", "https://example.org/"),))

    boulder = Place("Boulder", "US", Location(40.0, -105.3), region="US-CO")
    dundee = Place("Dundee", "GB", Location(56.5, -3.0), region="GB-SCT")
    problems = rules.across_files([pair("boulder-nablus", boulder, "نابلس"), pair("dundee-nablus", dundee, "نابلوس")],
                                  tmp_path / "content")
    assert [str(p) for p in problems] == [
        "content/cities/dundee-nablus.md:1:1: warning: Nablus has another local name in cities/boulder-nablus.md "
        "(use the same local_name in both files)"
    ]


def same_place_twice(first_location: str) -> str:
    """A partnership file that names one place twice (spelt two ways), the first at ``first_location``."""
    return f"""---
kind: sister
status: official
places:
  - name: Boulder
    region: US-CO
    country: US
    location: {first_location}
  - name: boulder
    region: US-CO
    country: US
    location: {{lat: 40.015, lon: -105.2705}}
sources:
  - title: Sister Cities
    url: https://citiesforpalestine.org/sistercities
---
Text.
"""


def test_a_place_paired_with_itself_is_an_error(check):
    problems = check({"cities/boulder-boulder.md": same_place_twice("{lat: 40.015, lon: -105.2705}")})
    assert "content/cities/boulder-boulder.md:9:5: error: the two places are the same place " \
           "(a partnership joins two different places)" in problems


def test_a_place_paired_with_itself_is_an_error_beside_a_warning(check):
    # 37 km off the coast of New York: a warning of its own, which must not hide the error
    problems = check({"cities/boulder-boulder.md": same_place_twice("{lat: 40.0, lon: -73.6}")})
    assert any("is 37 km outside United States" in p for p in problems)
    assert "content/cities/boulder-boulder.md:9:5: error: the two places are the same place " \
           "(a partnership joins two different places)" in problems


def test_front_matter_missing(check):
    assert check({"cities/boulder-nablus.md": "kind: sister\n"}) == [
        "content/cities/boulder-nablus.md:1:1: error: the file does not start with front matter "
        '(make the first line "---", then the fields, then another "---" line)'
    ]


def test_front_matter_not_closed(check):
    assert check({"cities/boulder-nablus.md": VALID.replace("---\nText.", "Text.")}) == [
        "content/cities/boulder-nablus.md:1:1: error: the front matter is not closed "
        '(add a line "---" after the last field, before the text)'
    ]


def test_not_utf8(check, tmp_path):
    path = tmp_path / "content/cities/boulder-nablus.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(VALID.replace("Text.", "Caf\xe9").encode("latin-1", errors="replace"))
    assert check({}) == [
        "content/cities/boulder-nablus.md:19:1: error: the file is not UTF-8 text "
        "(save it as UTF-8 (in most editors: Save As, encoding UTF-8))"
    ]


def test_page_needs_summary(check):
    assert check({"pages/about.md": PAGE.replace("summary: What this is.\n", "")}) == [
        'content/pages/about.md:2:1: error: "summary" is missing (add summary: — One or two sentences on what '
        "the page is for (used in listings and search results).)"
    ]


def test_every_file_is_claimed(check):
    problems = check({
        "cities/boulder-nablus.md": VALID,
        "cities/notes.txt": "x",
        "images/logo.png": "x",
        "pages/drafts/about.md": PAGE,
        ".gitkeep": "",
    })
    assert problems == [
        "content/cities/notes.txt:1:1: error: this file would not be published: only .md files are content "
        "(rename it to notes.md if it is content, or move it out of content/)",
        "content/images/logo.png:1:1: error: this file is not in a content folder, so it would not be published "
        "(move it into one of cities/, pages/, stories/, events/ as a .md file, or out of content/)",
        "content/pages/drafts/about.md:1:1: error: this file is not in a content folder, so it would not be "
        "published (move it into one of cities/, pages/, stories/, events/ as a .md file, or out of content/)",
    ]


def test_all_problems_of_a_run_are_reported_together(check):
    problems = check({
        "cities/boulder-nablus.md": VALID.replace("lat: 40.015", "lat: 95"),
        "cities/a-b.md": "---\nkind: [\n---\n",
        "pages/about.md": PAGE.replace("title: About\n", ""),
    })
    assert [p.split(":")[0] for p in problems] == [
        "content/cities/a-b.md", "content/cities/boulder-nablus.md", "content/pages/about.md",
    ]


def test_coordinates_outside_the_stated_country(check):
    # a Palestinian place put in Spain
    text = VALID.replace("lat: 32.2222, lon: 35.2611", "lat: 40.0, lon: -3.7")
    assert check({"cities/boulder-nablus.md": text}) == [
        "content/cities/boulder-nablus.md:14:15: error: places[1].location: 40.0, -3.7 is 3,369 km outside "
        "Palestine (check the coordinates: latitude first (north positive), then longitude (east positive))"
    ]


def test_a_position_that_is_not_a_number_is_an_error_at_its_line(check):
    """YAML's .nan is a float the schema's ranges let through: it is named, not a crash."""
    text = VALID.replace("lat: 32.2222, lon: 35.2611", "lat: .nan, lon: 35.2611")
    assert check({"cities/boulder-nablus.md": text}) == [
        "content/cities/boulder-nablus.md:14:15: error: places[1].location: nan, 35.2611 is not a position "
        "(write the latitude and longitude as numbers, e.g. {lat: 32.22, lon: 35.25})"
    ]


def test_swapped_latitude_and_longitude(check):
    text = VALID.replace("lat: 32.2222, lon: 35.2611", "lat: 35.2611, lon: 32.2222")
    [problem] = check({"cities/boulder-nablus.md": text})
    assert problem.endswith("(latitude and longitude look swapped: lat is north-south, lon east-west)")


def test_a_place_just_over_a_coarse_border_is_accepted(check):
    # Brooklyn's waterfront lies a few hundred metres outside the 1:50m coastline
    text = VALID.replace("lat: 40.015, lon: -105.2705", "lat: 40.677, lon: -74.011")
    assert check({"cities/boulder-nablus.md": text}) == []


def test_dates_in_the_future(check):
    text = VALID.replace("since: 2016", "since: 2100").replace(
        "sources:", "milestones:\n  - date: 2100-01\n    text: Not yet.\nsources:")
    assert check({"cities/boulder-nablus.md": text}) == [
        "content/cities/boulder-nablus.md:4:8: error: since: 2100 is in the future "
        "(give the date something happened; leave out what has not happened yet)",
        "content/cities/boulder-nablus.md:16:11: error: milestones[0].date: 2100-01 is in the future "
        "(give the date something happened; leave out what has not happened yet)",
    ]


def test_the_build_date_decides_what_is_future(tmp_path, monkeypatch):
    import datetime as dt

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "content/cities/boulder-nablus.md", VALID)
    early = ContentLoader(tmp_path / "content", today=dt.date(2015, 12, 31)).load_tree()
    assert [p.message for p in early.problems] == ["since: 2016 is in the future"]
    assert ContentLoader(tmp_path / "content", today=dt.date(2016, 1, 1)).load_tree().problems == []


def test_sibling_cities_close_together_get_a_warning(check):
    text = (DENVER.replace("kind: sister", "kind: sibling").replace("region: US-CO\n    country: US\n    location: {lat: 39",
                                                                  "region: US-WY\n    country: US\n    location: {lat: 41")
            .replace("lat: 41.7392, lon: -104.9903", "lat: 41.14, lon: -104.82").replace("Denver", "Cheyenne"))
    assert check({"cities/boulder-cheyenne.md": text}) == [
        "content/cities/boulder-cheyenne.md:2:7: warning: kind: Boulder and Cheyenne are only 131 km apart "
        "(Sibling Cities USA pairs regionally distant cities; check this is a sibling pair)"
    ]


def test_two_places_sharing_a_page_slug(check, tmp_path):
    other = VALID.replace("Nablus", "Ramallah").replace("PS-NBS", "PS-RBH").replace("نابلس", "رام الله")
    same = other.replace("name: Boulder", "name: boulder")
    # one place written in another case is still one place, with one page
    assert check({"cities/boulder-nablus.md": VALID, "cities/boulder-ramallah.md": same}) == []
    # two places whose pages would collide: a region the schema would refuse, checked on the models
    from partnerdir import rules
    from partnerdir.model import Location, Partnership, Place, Source

    def pair(slug, region):
        rafah = Place("Rafah", "PS", Location(31.3, 34.2), region=region)
        olympia = Place("Olympia", "US", Location(47.0, -122.9), region="US-WA")
        return Partnership(slug, f"cities/{slug}.md", "sister", "unofficial", (olympia, rafah),
                           (Source("x", "https://example.org/"),))

    problems = rules.across_files([pair("olympia-rafah", None), pair("olympia-rafah-2", "PS")], tmp_path / "content")
    assert [str(p) for p in problems] == [
        "content/cities/olympia-rafah.md:1:1: error: Rafah (PS) and Rafah in cities/olympia-rafah-2.md would "
        "share the page places/rafah-ps/ (if they are one place, write its name and region the same way in "
        "both files)"
    ]


def test_aida_camp_of_the_shared_data_set_is_caught(check):
    """../shared/data places Aida Camp (a refugee camp near Bethlehem) in Spain."""
    import csv

    from tests.conftest import SHARED_DATA

    if not SHARED_DATA.is_file():
        pytest.skip(f"the shared data set is not at {SHARED_DATA} (set DIRECTORY_SHARED_DATA to its twin_cities.csv)")
    with SHARED_DATA.open(encoding="utf-8") as stream:
        row = next(r for r in csv.DictReader(stream) if "Aida Camp" in (r["city1"], r["city2"]))
    n = "1" if row["city1"] == "Aida Camp" else "2"
    lat, lon = float(row[f"lat{n}"]), float(row[f"lng{n}"])
    text = (VALID.replace("Nablus", "Aida Camp").replace("    local_name: {name: نابلس, lang: ar}\n", "")
            .replace("region: PS-NBS", "region: PS-BTH").replace("lat: 32.2222, lon: 35.2611", f"lat: {lat}, lon: {lon}"))
    [problem] = check({"cities/boulder-aida-camp.md": text})
    assert ": error: places[1].location: " in problem and "km outside Palestine" in problem


def test_a_file_with_only_warnings_still_becomes_a_partnership(tmp_path, monkeypatch):
    """No silent loss: a warning is reported, and the file is published all the same."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "content/cities/boulder-denver.md", DENVER)  # sister cities in one country: a warning
    tree = ContentLoader(tmp_path / "content").load_tree()
    assert [p.severity for p in tree.problems] == ["warning"]
    assert [p.slug for p in tree.partnerships] == ["boulder-denver"]
