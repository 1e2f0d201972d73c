from directory.kit import Plugin

from .generator import PlacesGenerator
from .settings import SETTINGS

PLUGIN = Plugin("PLACES_", SETTINGS, PlacesGenerator)


def register():
    PLUGIN.register()
