from directory.kit import Plugin

from .generator import ExportsGenerator, pair_work
from .settings import SETTINGS

PLUGIN = Plugin("EXPORTS_", SETTINGS, ExportsGenerator, pair_work=pair_work)


def register():
    PLUGIN.register()
