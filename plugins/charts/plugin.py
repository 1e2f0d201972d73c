from directory.kit import Plugin

from .generator import ChartsGenerator
from .settings import SETTINGS

PLUGIN = Plugin("CHARTS_", SETTINGS, ChartsGenerator)


def register():
    PLUGIN.register()
