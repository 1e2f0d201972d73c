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

        def feature(pair):
            return export.feature_line(pair, pair_urls[pair.slug])

        def lines(pair):
            record = export.record(pair, pair_urls[pair.slug])
            return export.json_line(record), export.csv_line(record)

        processes = parallel.workers(settings["DIRECTORY_PROCESSES"])
        kept = memo.pairs("export", directory.partnerships, lines, processes)
        features = dict(zip((p.slug for p in directory.partnerships),
                            memo.pairs("feature", directory.partnerships, feature, processes)))
        files.write(settings["EXPORTS_JSON_URL"], export.json_document([json for json, _ in kept], about))
        files.write(settings["EXPORTS_CSV_URL"], export.csv_document([row for _, row in kept]))
        files.write(settings["EXPORTS_GEOJSON_URL"], export.to_geojson(
            directory.partnerships, pair_urls, place_urls, about,
            line=lambda pair: features[pair.slug]))
