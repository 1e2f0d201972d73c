from directory.kit import Plugin

from .generator import PairsGenerator
from .settings import SETTINGS

PLUGIN = Plugin("PAIRS_", SETTINGS, PairsGenerator)


def register():
    PLUGIN.register()
