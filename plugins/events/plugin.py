from directory.kit import Plugin

from .generator import EventsGenerator
from .settings import SETTINGS

PLUGIN = Plugin("EVENTS_", SETTINGS, EventsGenerator)


def register():
    PLUGIN.register()
