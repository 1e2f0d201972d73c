"""Signal wiring for the directory plugin (module-level functions: blinker holds receivers weakly)."""

from pelican import signals

from partnerdir import settings as settings_table

from . import templating
from .generator import DirectoryGenerator
from .reader import FrontMatterReader
from .settings import SETTINGS


def configure(pelican):
    merged = settings_table.apply(pelican.settings, "DIRECTORY_", SETTINGS)
    merged["JINJA_GLOBALS"] = {**merged.get("JINJA_GLOBALS", {}), **templating.GLOBALS}
    merged["JINJA_FILTERS"] = {**merged.get("JINJA_FILTERS", {}), **templating.FILTERS}
    pelican.settings = merged


def use_front_matter_reader(readers):
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader


def add_generator(pelican):
    return DirectoryGenerator


def register():
    signals.initialized.connect(configure)
    signals.readers_init.connect(use_front_matter_reader)
    signals.get_generators.connect(add_generator)
