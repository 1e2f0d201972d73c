from directory.kit import Plugin
from directory.pages import pages_written

from .generator import PublishGenerator, write_sitemap
from .settings import SETTINGS

PLUGIN = Plugin("PUBLISH_", SETTINGS, PublishGenerator)


def register():
    PLUGIN.register()
    pages_written.connect(write_sitemap)  # once every page is written
