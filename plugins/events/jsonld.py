"""schema.org Event JSON-LD for an event page (search engines and calendars read it)."""

from __future__ import annotations

import json

STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
          "rescheduled": "EventRescheduled"}


def event_json_ld(event, url: str) -> str:
    """The JSON-LD, safe to put inside <script type="application/ld+json">."""
    locations = []
    if event.place:
        place = {"@type": "Place", "name": event.place.name}
        if event.place.address:
            place["address"] = event.place.address
        locations.append(place)
    if event.online:
        virtual = {"@type": "VirtualLocation"}
        if event.online_url:
            virtual["url"] = event.online_url
        locations.append(virtual)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.isoformat(),
        "endDate": (event.end or event.start).isoformat(),
        "eventAttendanceMode": f"https://schema.org/{event.attendance_mode}",
        "eventStatus": f"https://schema.org/{STATUS[event.status]}",
        "location": locations[0] if len(locations) == 1 else locations,
        "url": url,
    }
    if event.organizer:
        data["organizer"] = {"@type": "Organization", "name": event.organizer.name}
        if event.organizer.url:
            data["organizer"]["url"] = event.organizer.url
    if event.registration:
        data["offers"] = {"@type": "Offer", "url": event.registration}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
