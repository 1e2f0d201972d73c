"""Writes a page per place, per country and per US state, and their indexes."""

from pelican.generators import Generator


class PlacesGenerator(Generator):
    def generate_output(self, writer):
        directory = self.context["directory"]
        for entry in directory.places:
            self._write(writer, "PLACES", "place", {"slug": entry.slug}, entry=entry)
        self._write(writer, "PLACES_INDEX", "places", {})
        for group in directory.countries:
            self._write(writer, "PLACES_COUNTRY", "country", {"slug": group.slug}, group=group)
        self._write(writer, "PLACES_COUNTRIES", "countries", {})
        for group in directory.states:
            self._write(writer, "PLACES_STATE", "state", {"slug": group.slug}, group=group)
        self._write(writer, "PLACES_STATES", "states", {})

    def _write(self, writer, name, template, fields, **context):
        writer.write_file(
            self.settings[f"{name}_SAVE_AS"].format(**fields),
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings[f"{name}_URL"].format(**fields),
            **context,
        )
