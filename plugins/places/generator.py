"""Writes a page per place, per country and per US state, and their indexes."""

from directory.kit import PageGenerator


class PlacesGenerator(PageGenerator):
    def generate_output(self, writer):
        directory = self.context["directory"]
        self.write_each(writer, "PLACES", "place", (({"slug": entry.slug}, {"entry": entry}) for entry in directory.places),
                        scoped=True)
        self.write_pages(writer, "PLACES_INDEX", "places", directory.places, scoped=True)
        for group in directory.countries:
            self.write_pages(writer, "PLACES_COUNTRY", "country", group.places, {"slug": group.slug}, scoped=True,
                             group=group.heading)
        self.write_page(writer, "PLACES_COUNTRIES", "countries")
        for group in directory.states:
            self.write_pages(writer, "PLACES_STATE", "state", group.places, {"slug": group.slug}, scoped=True,
                             group=group.heading)
        self.write_page(writer, "PLACES_STATES", "states")

