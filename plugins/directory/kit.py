"""What every plugin of the directory shares: its settings table, its generator, and a
helper that writes a page through Pelican's writer. (The other plugins load after this one.)"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from partnerdir import settings as settings_table


class Plugin:
    """register() for a plugin with a settings table under ``prefix`` and one generator.

    Blinker holds receivers weakly: the bound methods below stay alive because each
    plugin keeps its Plugin object at module level.
    """

    def __init__(self, prefix: str, settings, generator: type[Generator], finalized=None):
        self.prefix, self.settings, self.generator, self.finalized = prefix, settings, generator, finalized

    def configure(self, pelican):
        pelican.settings = settings_table.apply(pelican.settings, self.prefix, self.settings)

    def add_generator(self, pelican):
        return self.generator

    def register(self):
        signals.initialized.connect(self.configure)
        signals.get_generators.connect(self.add_generator)
        if self.finalized is not None:
            signals.finalized.connect(self.finalized)


class PageGenerator(Generator):
    """A generator that writes pages named by a ``NAME_SAVE_AS`` / ``NAME_URL`` pair of settings."""

    def write_page(self, writer, name: str, template: str, fields=None, **context):
        fields = fields or {}
        writer.write_file(
            self.settings[f"{name}_SAVE_AS"].format(**fields),
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings[f"{name}_URL"].format(**fields),
            **context,
        )
