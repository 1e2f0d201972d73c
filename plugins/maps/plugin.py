from urllib.parse import urlsplit

from pelican import signals

from partnerdir import settings as settings_table
from partnerdir.settings import SettingsError

from .generator import MapsGenerator
from .settings import SETTINGS


def configure(pelican):
    settings = settings_table.apply(pelican.settings, "MAPS_", SETTINGS)
    tiles = settings["MAPS_TILE_URL"]
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        if parts.scheme != "https" or not parts.netloc:
            raise SettingsError(f"MAPS_TILE_URL must be an https:// URL template, not {tiles!r}")
        if not settings["MAPS_TILE_ATTRIBUTION"]:
            raise SettingsError("MAPS_TILE_ATTRIBUTION is required with MAPS_TILE_URL (tile servers require credit)")
        # the one third-party host a maintainer chose: allow its images
        host = f"https://{urlsplit(tiles).netloc}"
        settings["DIRECTORY_CSP"] = settings["DIRECTORY_CSP"].replace("img-src 'self'", f"img-src 'self' {host}", 1)
    pelican.settings = settings


def add_generator(pelican):
    return MapsGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
