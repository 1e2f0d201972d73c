"""Writes the three exports through the build's one output helper."""

from functools import partial

from pelican.generators import Generator

from partnerdir import export, parallel, urls


def lines(settings, csv_line, pair) -> tuple[str, str, str]:
    """The pair's line of each export (JSON, CSV, GeoJSON): made as its file is read (see
    ``pair_work``), else here (shared with forked copies). ``csv_line``: an ``export.CsvLines``."""
    url = urls.url(settings, "PAIRS", slug=pair.slug)
    record = export.record(pair, url)
    return export.json_line(record), csv_line(record), export.feature_line(pair, url)


def pair_work(settings) -> dict:
    return {"export": partial(lines, settings, export.CsvLines())}


class ExportsGenerator(Generator):
    def generate_context(self):
        """The exports are made from the directory alone: their documents are joined and written
        from here on, in the background (OutputFiles.write_later), while the build makes its
        indexes and pages -- on a core the rest of the build leaves idle until its pages."""
        directory = self.context["directory"]
        settings = self.settings
        about = {
            "title": settings["SITENAME"],
            "source": urls.url(settings, "INDEX"),
            "license": settings["EXPORTS_LICENSE"],
            "license_url": settings["EXPORTS_LICENSE_URL"],
        }
        memo = self.context["directory_memo"]  # each pair's lines: made as its file was read, or kept
        processes = parallel.workers(settings["DIRECTORY_PROCESSES"])
        kept = memo.pairs("export", directory.partnerships, partial(lines, settings, export.CsvLines()), processes)

        def geojson() -> bytes:
            features = {pair.slug: feature for pair, (_, _, feature) in zip(directory.partnerships, kept)}
            place_urls = {e.slug: urls.url(settings, "PLACES", slug=e.slug) for e in directory.places}
            return export.to_geojson(directory.partnerships, {}, place_urls, about,
                                     line=lambda pair: features[pair.slug])

        self.context["output_files"].write_later({
            settings["EXPORTS_JSON_URL"]: lambda: export.json_document([json for json, _, _ in kept], about),
            settings["EXPORTS_CSV_URL"]: lambda: export.csv_document([row for _, row, _ in kept]),
            settings["EXPORTS_GEOJSON_URL"]: geojson,
        })
