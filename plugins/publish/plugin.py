from directory.kit import Plugin

from .generator import PublishGenerator, write_sitemap
from .settings import SETTINGS

# write_sitemap runs at `finalized`, once every page is written.
PLUGIN = Plugin("PUBLISH_", SETTINGS, PublishGenerator, finalized=write_sitemap)


def register():
    PLUGIN.register()
