"""Writes the three exports through the build's one output helper."""

from pelican.generators import Generator

from partnerdir import export, parallel, urls


class ExportsGenerator(Generator):
    def generate_output(self, writer):
        directory = self.context["directory"]
        files = self.context["output_files"]
        settings = self.settings
        pair_urls = {p.slug: urls.url(settings, "PAIRS", slug=p.slug) for p in directory.partnerships}
        place_urls = {e.slug: urls.url(settings, "PLACES", slug=e.slug) for e in directory.places}
        about = {
            "title": settings["SITENAME"],
            "source": urls.url(settings, "INDEX"),
            "license": settings["EXPORTS_LICENSE"],
            "license_url": settings["EXPORTS_LICENSE_URL"],
        }
        memo = self.context["directory_memo"]  # each pair's lines, kept from the last build

        def lines(pair):
            """The pair's line of each export (one pass of the pool for all three)."""
            url = pair_urls[pair.slug]
            record = export.record(pair, url)
            return export.json_line(record), export.csv_line(record), export.feature_line(pair, url)

        processes = parallel.workers(settings["DIRECTORY_PROCESSES"])
        kept = memo.pairs("export", directory.partnerships, lines, processes)
        features = {pair.slug: feature for pair, (_, _, feature) in zip(directory.partnerships, kept)}
        files.write(settings["EXPORTS_JSON_URL"], export.json_document([json for json, _, _ in kept], about))
        files.write(settings["EXPORTS_CSV_URL"], export.csv_document([row for _, row, _ in kept]))
        files.write(settings["EXPORTS_GEOJSON_URL"], export.to_geojson(
            directory.partnerships, pair_urls, place_urls, about,
            line=lambda pair: features[pair.slug]))
