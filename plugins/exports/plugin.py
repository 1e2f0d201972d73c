from directory.kit import Plugin

from .generator import ExportsGenerator
from .settings import SETTINGS

PLUGIN = Plugin("EXPORTS_", SETTINGS, ExportsGenerator)


def register():
    PLUGIN.register()
