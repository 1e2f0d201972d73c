"""Events as iCalendar (RFC 5545), with the icalendar library.

UIDs come from slugs (never titles), DTSTAMP is the build's moment (so two
builds of one commit are identical), timed events carry their TZID with a
VTIMEZONE, all-day events are dates (DTEND the day after the last day).
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event as VEvent, vText

STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE", "rescheduled": "CONFIRMED"}


def calendar(events, name: str, page_url, uid_domain: str, stamp: dt.datetime) -> bytes:
    """A VCALENDAR of ``events``; ``page_url(event)`` gives each event's absolute page URL."""
    cal = Calendar()
    cal.add("prodid", "-//City Partnership Directory//events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event, page_url(event), uid_domain, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def _vevent(event, url: str, uid_domain: str, stamp: dt.datetime) -> VEvent:
    item = VEvent()
    item.add("uid", f"{event.slug}@{uid_domain}")
    item.add("dtstamp", stamp.astimezone(dt.timezone.utc))
    item.add("summary", event.title)
    if event.all_day:
        item.add("dtstart", event.start)
        item.add("dtend", (event.end or event.start) + dt.timedelta(days=1))
    else:
        item.add("dtstart", event.start)
        if event.end:
            item.add("dtend", event.end)
    item.add("status", STATUS[event.status])
    item.add("url", url)
    where = ", ".join(part for part in (event.place.name, event.place.address) if part) if event.place else ""
    if event.online_url:
        where = f"{where} ({event.online_url})" if where else event.online_url
    if where:
        item.add("location", vText(where))
    description = [url]
    if event.registration:
        description.append(f"Register: {event.registration}")
    item.add("description", "\n".join(description))
    if event.organizer and event.organizer.url:
        item.add("organizer", event.organizer.url, parameters={"cn": event.organizer.name})
    return item
