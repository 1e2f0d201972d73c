from pelican import signals

from partnerdir import settings as settings_table

from .generator import SearchGenerator, index_output
from .settings import SETTINGS


def configure(pelican):
    pelican.settings = settings_table.apply(pelican.settings, "SEARCH_", SETTINGS)


def add_generator(pelican):
    return SearchGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    signals.finalized.connect(index_output)
