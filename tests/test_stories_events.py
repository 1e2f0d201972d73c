"""Stories, events and their feeds: real content, and a fixture pinned to a build date."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from partnerdir.loader import ContentLoader
from tests.conftest import FIXTURES, ROOT, build, soup, write
from tests.test_validation import PAGE, VALID

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/partner-directory"


def events_of(path) -> list:
    return [c for c in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


# -- the real content ------------------------------------------------------------------------

def test_stories_page_lists_both_stories_newest_first(site):
    page = soup(site / "stories/index.html")
    titles = [a.get_text() for a in page.select(".story-list h2 a")]
    assert titles == ["Boulder and Nablus: a no, then a yes", "Muscatine and Ramallah: residents made it happen"]


@pytest.mark.parametrize("story, pair", [("boulder-nablus-two-votes", "boulder-nablus"),
                                         ("muscatine-ramallah-resident-campaign", "muscatine-ramallah")])
def test_each_story_and_its_pair_link_both_ways(site, story, pair):
    story_page = soup(site / "stories" / story / "index.html")
    assert [a["href"] for a in story_page.select(".story-pairs .pair-card-title a")] == [f"/pairs/{pair}/"]
    assert story_page.select(".sources a")
    pair_page = soup(site / "pairs" / pair / "index.html")
    assert [a["href"] for a in pair_page.select("#stories-heading + .story-list a")] == [f"/stories/{story}/"]


def test_events_page_shows_past_events_and_no_upcoming_state(site):
    page = soup(site / "events/index.html")
    upcoming = page.find("section", attrs={"aria-labelledby": "upcoming-heading"})
    assert "No upcoming events are listed right now." in upcoming.get_text()
    assert upcoming.find("a", string="Propose an event")["href"] == "/contribute/"
    past = [a.get_text() for a in page.select("section[aria-labelledby=past-heading] .event-card a")]
    assert past[0].startswith("The mayors of Palo Alto") and past[-1].startswith("Olympia City Council")
    assert len(past) == len(list((ROOT / "content/events").glob("*.md")))


def test_site_calendar_parses_and_holds_every_event(site):
    tree = ContentLoader(ROOT / "content").load_tree()
    items = events_of(site / "events.ics")
    assert sorted(str(e["UID"]).split("@")[0] for e in items) == sorted(e.slug for e in tree.events)
    for item in items:
        assert item["DTSTART"].params.get("VALUE") == "DATE"  # the real events are all-day


# -- a fixture with upcoming events, pinned to 1 January 2030 ------------------------------------

@pytest.fixture(scope="module")
def events_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("events")
    result = build(FIXTURES / "events/content", output, "publishconf.py", env={"SITEURL": SITE_URL},
                   DIRECTORY_BUILD_DATE="2030-01-01", SEARCH_INDEX=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_upcoming_soonest_first_then_past_latest_first(events_site):
    page = soup(events_site / "events/index.html")
    upcoming = [a.get_text() for a in page.select("section[aria-labelledby=upcoming-heading] .event-card a")]
    past = [a.get_text() for a in page.select("section[aria-labelledby=past-heading] .event-card a")]
    assert upcoming == ["Delegation to Nablus", "Joint town hall, Boulder and Nablus"]
    assert past == ["Sibling cities video call", "Summit of two partnerships"]
    assert "No upcoming events" not in page.get_text()


def test_an_evening_in_denver_is_one_in_the_morning_utc(events_site):
    [item] = events_of(events_site / "events/boulder-town-hall/event.ics")
    start = item["DTSTART"].dt
    assert item["DTSTART"].params["TZID"] == "America/Denver"
    assert start.astimezone(dt.timezone.utc) == dt.datetime(2030, 7, 16, 1, 0, tzinfo=dt.timezone.utc)
    calendar = Calendar.from_ical((events_site / "events/boulder-town-hall/event.ics").read_bytes())
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Denver"]
    assert str(item["URL"]) == f"{SITE_URL}/events/boulder-town-hall/"
    assert str(item["UID"]) == "boulder-town-hall@example.org"
    assert item["DTSTAMP"].dt == dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)


def test_an_all_day_event_stays_all_day(events_site):
    [item] = events_of(events_site / "events/nablus-delegation/event.ics")
    assert item["DTSTART"].params["VALUE"] == "DATE" and item["DTSTART"].dt == dt.date(2030, 3, 2)
    assert item["DTEND"].dt == dt.date(2030, 3, 9), "DTEND is the day after the last day"


def test_per_pair_calendars_hold_their_events(events_site):
    boulder = sorted(str(e["UID"]).split("@")[0] for e in events_of(events_site / "pairs/boulder-nablus/events.ics"))
    assert boulder == ["both-pairs-summit", "boulder-town-hall", "nablus-delegation"]
    sibling = sorted(str(e["UID"]).split("@")[0] for e in events_of(events_site / "pairs/palo-alto-bloomington/events.ics"))
    assert sibling == ["both-pairs-summit", "sibling-video-call"]
    [cancelled] = [e for e in events_of(events_site / "events.ics") if "sibling-video-call" in str(e["UID"])]
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_event_page_carries_json_ld_with_every_field(events_site):
    page = soup(events_site / "events/boulder-town-hall/index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Joint town hall, Boulder and Nablus",
        "startDate": "2030-07-15T19:00:00-06:00",
        "endDate": "2030-07-15T21:00:00-06:00",
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": [
            {"@type": "Place", "name": "Boulder Public Library", "address": "1001 Arapahoe Ave, Boulder, CO 80302"},
            {"@type": "VirtualLocation", "url": "https://example.org/join/town-hall"},
        ],
        "url": f"{SITE_URL}/events/boulder-town-hall/",
        "organizer": {"@type": "Organization", "name": "Boulder-Nablus Sister City Project",
                      "url": "https://bouldernablus.org/"},
        "offers": {"@type": "Offer", "url": "https://example.org/register/town-hall"},
    }
    add = page.find("a", string="Add to calendar")
    assert add["href"] == f"{SITE_URL}/events/boulder-town-hall/event.ics"
    cancelled = json.loads(soup(events_site / "events/sibling-video-call/index.html")
                           .find("script", type="application/ld+json").string)
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert cancelled["location"] == {"@type": "VirtualLocation"}


def test_pair_page_lists_its_events_and_calendar(events_site):
    page = soup(events_site / "pairs/palo-alto-bloomington/index.html")
    assert [a.get_text() for a in page.select("#events-heading ~ .event-list a")] == [
        "Sibling cities video call", "Summit of two partnerships"]
    assert page.find("a", string="Subscribe to this partnership's events")["href"] == (
        f"{SITE_URL}/pairs/palo-alto-bloomington/events.ics")


def test_atom_feeds_are_well_formed_with_absolute_links(events_site):
    for feed in ("feeds/stories.atom.xml", "feeds/partnerships.atom.xml"):
        root = ET.parse(events_site / feed).getroot()
        assert root.tag == f"{ATOM}feed"
        links = [e.get("href") for e in root.iter(f"{ATOM}link")]
        entries = root.findall(f"{ATOM}entry")
        assert entries and all(link.startswith(SITE_URL + "/") for link in links), (feed, links)
    stories = ET.parse(events_site / "feeds/stories.atom.xml").getroot()
    assert [e.find(f"{ATOM}title").text for e in stories.findall(f"{ATOM}entry")] == ["A story about two partnerships"]
    pairs = ET.parse(events_site / "feeds/partnerships.atom.xml").getroot()
    assert len(pairs.findall(f"{ATOM}entry")) == 2


# -- validation of stories and events -----------------------------------------------------------

STORY = """---
title: A story
date: "2020-01-01"
summary: What happened.
pairs: [boulder-nablus, no-such-pair]
sources:
  - title: Example
    url: https://example.org/
---
Text.
"""

EVENT = """---
title: A meeting
start: "2020-05-01T19:00"
end: "2020-05-01T18:00"
timezone: America/Denverr
pairs: [boulder-nablus]
---
Text.
"""


@pytest.fixture
def tree_problems(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def run(files):
        write(tmp_path / "content/cities/boulder-nablus.md", VALID)
        write(tmp_path / "content/pages/about.md", PAGE)
        for name, text in files.items():
            write(tmp_path / "content" / name, text)
        return [str(p) for p in ContentLoader(tmp_path / "content").load_tree().problems]

    return run


def test_a_story_naming_a_partnership_that_does_not_exist(tree_problems):
    assert tree_problems({"stories/a-story.md": STORY}) == [
        'content/stories/a-story.md:5:25: error: pairs[1]: there is no partnership "no-such-pair" (name a file '
        "of content/cities/ without .md, e.g. boulder-nablus; add the partnership first if it is new)"
    ]


def test_event_problems(tree_problems):
    assert tree_problems({"events/a-meeting.md": EVENT}) == [
        'content/events/a-meeting.md:5:11: error: timezone: "America/Denverr" is not an IANA timezone '
        "(use a name such as America/Denver, America/New_York or Asia/Hebron)"
    ]
    fixed = EVENT.replace("Denverr", "Denver")
    assert tree_problems({"events/a-meeting.md": fixed}) == [
        "content/events/a-meeting.md:2:1: error: the event has neither a place nor an online link "
        "(add place: (name and address) or online: (the link to join))",
        "content/events/a-meeting.md:4:6: error: end: 2020-05-01T18:00 is before start (2020-05-01T19:00) "
        "(check the two dates)",
    ]
    no_place = fixed.replace('end: "2020-05-01T18:00"', 'end: "2020-05-01T20:00"')
    assert tree_problems({"events/a-meeting.md": no_place}) == [
        "content/events/a-meeting.md:2:1: error: the event has neither a place nor an online link "
        "(add place: (name and address) or online: (the link to join))"
    ]
    no_zone = no_place.replace("timezone: America/Denver\n", "").replace("pairs:", "online: true\npairs:")
    assert tree_problems({"events/a-meeting.md": no_zone}) == [
        "content/events/a-meeting.md:3:8: error: start has a time but the event has no timezone "
        "(add timezone: with the IANA name of the place, e.g. timezone: America/Denver)"
    ]


def test_a_story_dated_in_the_future(tree_problems):
    [problem] = tree_problems({"stories/a-story.md": STORY.replace("2020-01-01", "2999-01-01")
                               .replace(", no-such-pair", "")})
    assert problem == ("content/stories/a-story.md:3:7: error: date: 2999-01-01 is in the future "
                       "(give the date it was published)")
