from directory.kit import Plugin, folders_of

from .generator import PairsGenerator
from .settings import SETTINGS


def page_folders(settings):
    """A page for each pair."""
    return lambda pairs: folders_of(settings, "PAIRS", ({"slug": pair.slug} for pair in pairs))


PLUGIN = Plugin("PAIRS_", SETTINGS, PairsGenerator, page_folders=page_folders)


def register():
    PLUGIN.register()
