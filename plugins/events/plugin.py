from pelican import signals

from partnerdir import settings as settings_table

from .generator import EventsGenerator
from .settings import SETTINGS


def configure(pelican):
    pelican.settings = settings_table.apply(pelican.settings, "EVENTS_", SETTINGS)


def add_generator(pelican):
    return EventsGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
