from partnerdir.settings import Setting

SETTINGS = (
    Setting("EVENTS_URL", "events/{slug}/", "URL of an event's page"),
    Setting("EVENTS_SAVE_AS", "events/{slug}/index.html", "file an event's page is written to"),
    Setting("EVENTS_INDEX_URL", "events/", "URL of the list of events"),
    Setting("EVENTS_INDEX_SAVE_AS", "events/index.html", "file the list of events is written to"),
    Setting("EVENTS_ICS_URL", "events.ics", "URL (and file) of the calendar of every event"),
    Setting("EVENTS_EVENT_ICS_URL", "events/{slug}/event.ics", "URL (and file) of one event's calendar entry ('add to calendar')"),
    Setting("EVENTS_PAIR_ICS_URL", "pairs/{slug}/events.ics", "URL (and file) of the calendar of one partnership's events"),
    Setting("EVENTS_PROPOSE_URL", "", "where readers propose an event; empty links to the how-to-contribute page"),
)
