from pelican import signals

from partnerdir import settings as settings_table

from .generator import PublishGenerator, write_sitemap
from .settings import SETTINGS


def configure(pelican):
    pelican.settings = settings_table.apply(pelican.settings, "PUBLISH_", SETTINGS)


def add_generator(pelican):
    return PublishGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    # after every page is written (and before Pagefind, which indexes, not lists, pages)
    signals.finalized.connect(write_sitemap)
