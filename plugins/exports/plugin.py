from pelican import signals

from partnerdir import settings as settings_table

from .generator import ExportsGenerator
from .settings import SETTINGS


def configure(pelican):
    pelican.settings = settings_table.apply(pelican.settings, "EXPORTS_", SETTINGS)


def add_generator(pelican):
    return ExportsGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
