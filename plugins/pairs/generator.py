"""Writes the partnership pages, /pairs/ and one list per kind, status and pillar."""

from pelican.generators import Generator

from partnerdir import vocab

# The facets with a page per value: (URL segment, Partnership attribute, vocabulary).
FACETS = (
    ("kind", "kind", vocab.KINDS),
    ("status", "status", vocab.STATUSES),
    ("pillar", "pillars", vocab.PILLARS),
)


class PairsGenerator(Generator):
    def generate_output(self, writer):
        directory = self.context["directory"]
        for pair in directory.partnerships:
            self._write(writer, "PAIRS", "pair", {"slug": pair.slug}, pair=pair)
        self._write(writer, "PAIRS_INDEX", "pairs", {}, facets=FACETS)
        for facet, attribute, table in FACETS:
            for value, (label, description) in table.items():
                self._write(writer, "PAIRS_FACET", "pairs_facet", {"facet": facet, "value": value},
                            facet=facet, value=value, label=label, description=description,
                            partnerships=directory.having(attribute, value))

    def _write(self, writer, name, template, fields, **context):
        writer.write_file(
            self.settings[f"{name}_SAVE_AS"].format(**fields),
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings[f"{name}_URL"].format(**fields),
            **context,
        )
