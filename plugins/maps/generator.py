"""Writes the shared outlines, the overview map and /map/; gives templates ``static_map()``."""

from __future__ import annotations

import json
from functools import cache

import orjson
from directory.kit import PageGenerator
from directory.templating import escape_text
from markupsafe import Markup

from partnerdir import parallel, urls, vocab

from . import draw, outlines, share


class MapsGenerator(PageGenerator):
    def generate_context(self):
        # A pair page's map is a few hundred bytes of frame, arc and points;
        # the outlines are one shared file (MAPS_WORLD_URL) every map <use>s.
        self.context["static_map"] = draw.static_map
        # Link previews take no SVG: a PNG of each pair's map, where the directory is small enough.
        directory = self.context["directory"]
        pairs = directory.partnerships
        drawn = len(pairs) <= self.settings["MAPS_SHARE_MAX_PAIRS"]
        self.context["share_images"] = {
            pair.slug: urls.url(self.settings, "MAPS_SHARE", slug=pair.slug) for pair in pairs} if drawn else {}
        # The shared outlines, the overview and the interactive map's data are made from the
        # directory alone: drawn and written from here on, in the background, as the exports are.
        memo = self.context["directory_memo"]  # each pair's arc: made as its file was read, or kept
        processes = parallel.workers(self.settings["DIRECTORY_PROCESSES"])
        arcs = memo.pairs("overview", pairs, draw.overview_arc, processes)
        world = cache(lambda: "".join(outlines.svg_path(polygons) for _, polygons in outlines.countries()))
        self.context["output_files"].write_later({
            self.settings["MAPS_WORLD_URL"]: lambda: self._render("world.svg", world=world()),
            self.settings["MAPS_OVERVIEW_URL"]: lambda: self._render("overview.svg", world=world(),
                                                                     **overview_marks(arcs, directory.places)),
            self.settings["MAPS_OUTLINES_URL"]: lambda: json.dumps(outlines.geojson(), separators=(",", ":")).encode(),
            self.settings["MAPS_DATA_URL"]: lambda: map_data(directory),
        })

    def generate_output(self, writer):
        files = self.context["output_files"]
        directory = self.context["directory"]
        memo = self.context["directory_memo"]
        processes = parallel.workers(self.settings["DIRECTORY_PROCESSES"])
        if self.context["share_images"]:
            images = memo.pairs("share", directory.partnerships, share.share_png, processes)
            for pair, image in zip(directory.partnerships, images):
                files.write(self.settings["MAPS_SHARE_URL"].format(slug=pair.slug), image)
        self.write_page(writer, "MAPS", "map")

    def _render(self, template: str, **values) -> bytes:
        return self.env.get_template(f"maps/{template}").render(self.context, **values).encode("utf-8")


def overview_marks(arcs: list[str], places) -> dict[str, Markup]:
    """The overview's arcs (``draw.overview_arc``'s path data) and a dot per place, as SVG: one
    element each, made here in one pass (a template's loop takes five times as long, for every
    pair of a large directory)."""
    return {
        "arc_paths": Markup("".join([f'<path d="{escape_text(d)}"/>' for d in arcs])),
        "place_dots": Markup("".join([f'<circle cx="{location.lon:.1f}" cy="{-location.lat:.1f}" r=".9"/>'
                                      for location in [entry.place.location for entry in places]])),
    }


def map_data(directory) -> bytes:
    """The interactive map's data, as small as it can be for tens of thousands of pairs:

    {"kinds": [kind, ...], "statuses": [status, ...],
     "places": [[slug, name, lon, lat], ...],
     "pairs": [[slug, kind index, status index, first place index, second place index], ...]}

    Names of pairs ("A – B") and URLs (patterns on the map page) are made in the browser,
    as are the great-circle arcs; coordinates to four decimals (about 10 m)."""
    kinds, statuses = list(vocab.KINDS), list(vocab.STATUSES)
    kind_index, status_index = {kind: i for i, kind in enumerate(kinds)}, {status: i for i, status in enumerate(statuses)}
    places = [entry.place for entry in directory.places]
    index = {place.key: i for i, place in enumerate(places)}
    data = {
        "kinds": kinds,
        "statuses": statuses,
        "places": [[place.slug, place.name, round(place.location.lon, 4), round(place.location.lat, 4)]
                   for place in places],
        "pairs": [[pair.slug, kind_index[pair.kind], status_index[pair.status], index[first.key], index[second.key]]
                  for pair in directory.partnerships for first, second in (pair.places,)],
    }
    return orjson.dumps(data)
