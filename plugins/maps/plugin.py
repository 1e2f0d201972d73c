from urllib.parse import urlsplit

from directory.kit import Plugin

from partnerdir.settings import SettingsError

from .draw import overview_arc
from .generator import MapsGenerator
from .settings import SETTINGS


class MapsPlugin(Plugin):
    def configure(self, pelican):
        super().configure(pelican)
        settings = pelican.settings
        tiles = settings["MAPS_TILE_URL"]
        if not tiles:
            return
        parts = urlsplit(tiles.replace("{s}", "a"))
        if parts.scheme != "https" or not parts.netloc:
            raise SettingsError(f"MAPS_TILE_URL must be an https:// URL template, not {tiles!r}")
        if not settings["MAPS_TILE_ATTRIBUTION"]:
            raise SettingsError("MAPS_TILE_ATTRIBUTION is required with MAPS_TILE_URL (tile servers require credit)")
        # the one third-party host a maintainer chose: allow its images
        host = f"https://{urlsplit(tiles).netloc}"
        settings["DIRECTORY_CSP"] = settings["DIRECTORY_CSP"].replace("img-src 'self'", f"img-src 'self' {host}", 1)


PLUGIN = MapsPlugin("MAPS_", SETTINGS, MapsGenerator, pair_work=lambda settings: {"overview": overview_arc})


def register():
    PLUGIN.register()
