"""Writes /events/, a page per event and the calendar feeds."""

from __future__ import annotations

from urllib.parse import urlsplit

from directory.kit import PageGenerator

from partnerdir import urls
from partnerdir.builddate import build_moment

from .calendar import calendar
from .jsonld import event_json_ld


class EventsGenerator(PageGenerator):
    def generate_context(self):
        directory = self.context["directory"]
        moment = build_moment(self.settings["DIRECTORY_BUILD_DATE"])
        self.context["build_moment"] = moment
        upcoming = [e for e in directory.events if e.ends_after(moment)]
        self.context["upcoming_events"] = upcoming  # soonest first
        self.context["past_events"] = [e for e in reversed(directory.events) if not e.ends_after(moment)]  # latest first
        self.context["event_json_ld"] = event_json_ld

    def generate_output(self, writer):
        directory = self.context["directory"]
        settings = self.settings
        for event in directory.events:
            self.write_page(writer, "EVENTS", "event", {"slug": event.slug}, event=event,
                        upcoming=event in self.context["upcoming_events"])
        self.write_page(writer, "EVENTS_INDEX", "events")
        files = self.context["output_files"]
        stamp = self.context["build_moment"]
        domain = urlsplit(settings.get("SITEURL") or "").netloc or "partner-directory.invalid"

        def page_url(event):
            return urls.url(settings, "EVENTS", slug=event.slug)

        def write(name, events, title, **fields):
            files.write(settings[f"{name}_URL"].format(**fields), calendar(events, title, page_url, domain, stamp))

        write("EVENTS_ICS", directory.events, settings["SITENAME"])
        for event in directory.events:
            write("EVENTS_EVENT_ICS", [event], event.title, slug=event.slug)
        for pair in directory.partnerships:
            events = directory.events_of(pair.slug)
            if events:
                write("EVENTS_PAIR_ICS", events, f"{pair.name} · {settings['SITENAME']}", slug=pair.slug)

