"""Writes the partnership pages, /pairs/ and one list per kind, status and pillar."""

import heapq
from pathlib import Path

from feedgenerator import Atom1Feed
from directory.kit import PageGenerator

from partnerdir import urls, vocab
from partnerdir.builddate import build_moment, date_empty_feed
from partnerdir.gitdates import added_dates

# The facets with a page per value: (URL segment, Partnership attribute, vocabulary).
FACETS = (
    ("kind", "kind", vocab.KINDS),
    ("status", "status", vocab.STATUSES),
    ("pillar", "pillars", vocab.PILLARS),
)


class PairsGenerator(PageGenerator):
    def generate_output(self, writer):
        directory = self.context["directory"]
        images = self.context.get("share_images", {})
        self.write_each(writer, "PAIRS", "pair", (({"slug": pair.slug}, {"pair": pair, "share_image": images.get(pair.slug)})
                                                  for pair in directory.partnerships), scoped=True)
        kinds = {kind: i for i, kind in enumerate(vocab.KINDS)}
        in_order = sorted(directory.partnerships, key=lambda p: (kinds[p.kind], p.sort_key))
        self.write_pages(writer, "PAIRS_INDEX", "pairs", in_order, scoped=True, facets=FACETS,
                         overview=directory.overview())
        for facet, attribute, table in FACETS:
            for value, (label, description) in table.items():
                self.write_pages(writer, "PAIRS_FACET", "pairs_facet", directory.having(attribute, value),
                                 {"facet": facet, "value": value}, scoped=True,
                                 facet=facet, value=value, label=label, description=description)
        self.context["output_files"].write(self.settings["PAIRS_FEED_URL"], self._feed(directory))

    def _feed(self, directory) -> bytes:
        """Atom feed of the newest partnerships, dated by the commit that added each file."""
        settings = self.settings
        added = added_dates(Path(self.path) / "cities")
        fallback = build_moment(settings["DIRECTORY_BUILD_DATE"])
        pairs = heapq.nlargest(settings["PAIRS_FEED_MAX"], directory.partnerships,
                               key=lambda p: (added.get(p.path.rpartition("/")[2], fallback), p.slug))
        feed = Atom1Feed(
            title=f"{settings['SITENAME']}: new partnerships",
            link=urls.url(settings, "PAIRS_INDEX"),
            description=settings.get("SITESUBTITLE", ""),
            feed_url=urls.url(settings, "PAIRS_FEED"),
            feed_guid=urls.url(settings, "PAIRS_FEED"),
        )
        date_empty_feed(feed, fallback)
        for pair in pairs:
            link = urls.url(settings, "PAIRS", slug=pair.slug)
            status = vocab.label(vocab.STATUSES, pair.status)
            since = f", since {pair.since.display()}" if pair.since else ""
            feed.add_item(
                title=pair.display_title,
                link=link,
                unique_id=link,
                description=f"{vocab.label(vocab.KINDS, pair.kind)}: {pair.name}. {status}{since}.",
                pubdate=added.get(pair.path.rpartition("/")[2], fallback),
            )
        return feed.writeString("utf-8").encode("utf-8")

