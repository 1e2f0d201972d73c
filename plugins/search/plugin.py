from directory.kit import Plugin

from .generator import SearchGenerator, index_output
from .settings import SETTINGS

# index_output runs Pagefind at `finalized`, once every page is written.
PLUGIN = Plugin("SEARCH_", SETTINGS, SearchGenerator, finalized=index_output)


def register():
    PLUGIN.register()
