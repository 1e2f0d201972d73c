"""Does a point fall in its stated country? Offline, on Natural Earth's 1:50m outlines."""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pycountry

from . import topojson

DATA = Path(__file__).resolve().parent / "data" / "countries-50m.json"
KM_PER_DEGREE = 111.2
_MARGIN = 1e-6  # degrees


class _Ring:
    """A ring's edges, bucketed by 1-degree latitude band (an edge in every band it spans)."""

    def __init__(self, points):
        self.edges = list(zip(points, points[1:] + points[:1]))
        xs, ys = [x for x, _ in points], [y for _, y in points]
        self.box = (min(xs), min(ys), max(xs), max(ys))
        self.bands = defaultdict(list)
        floor = math.floor
        for edge in self.edges:
            (_, y1), (_, y2) = edge
            low, high = (y1, y2) if y1 < y2 else (y2, y1)
            for band in range(floor(low), floor(high) + 1):
                self.bands[band].append(edge)

    def nearest(self, lon: float, lat: float, scale: float, best: float) -> float:
        """The distance to the ring's nearest edge, if under ``best`` (else ``best``): the bands
        are searched outward from the point's, until a band lies farther than the best found
        (an edge nearer than that has a point within as many degrees of latitude)."""
        home = math.floor(lat)
        bands, south, north = self.bands, math.floor(self.box[1]), math.floor(self.box[3])
        for step in range(max(home - south, north - home) + 1):
            # what is left lies south of home - step + 1 or north of home + step
            if step and min(lat - (home - step + 1) if home - step >= south else math.inf,
                            home + step - lat if home + step <= north else math.inf) >= best:
                break
            for band in {home - step, home + step}:
                for (x1, y1), (x2, y2) in bands.get(band, ()):
                    distance = _segment_distance((lon, lat), (x1, y1), (x2, y2), scale)
                    if distance < best:
                        best = distance
        return best


class Country:
    def __init__(self, polygons):
        self.rings = [_Ring(ring) for polygon in polygons for ring in polygon if len(ring) > 2]
        # every ring's edges by band: a point's crossings are counted in its band only
        self.bands = defaultdict(list)
        for ring in self.rings:
            for band, edges in ring.bands.items():
                self.bands[band] += edges
        self.west = min((ring.box[0] for ring in self.rings), default=0.0)
        self.east = max((ring.box[2] for ring in self.rings), default=0.0)

    def contains(self, lat: float, lon: float) -> bool:
        # even-odd over all rings: holes and enclaves count as outside. A ray from a point west
        # of every ring crosses each ring an even number of times, one east of them none (with a
        # margin far above the rounding of a computed crossing, far below the outlines' detail).
        edges = self.bands.get(math.floor(lat), ())
        for x in (lon, lon + 360, lon - 360):
            if self.west - _MARGIN <= x < self.east + _MARGIN and _crossings(edges, x, lat) % 2:
                return True
        return False

    def km_outside(self, lat: float, lon: float) -> float:
        """Approximate distance to the nearest border, in km (0 inside)."""
        if self.contains(lat, lon):
            return 0.0
        scale = math.cos(math.radians(lat))
        best = math.inf
        # Nearest rings first, by the distance to their bounding box; a ring whose box is
        # farther than the best edge so far cannot hold a nearer edge.
        for bound, _, ring in sorted(((_box_distance(lon, lat, r.box, scale), i, r) for i, r in enumerate(self.rings)),
                                  key=lambda item: item[:2]):
            if bound >= best:
                break
            best = ring.nearest(lon, lat, scale, best)
        return best * KM_PER_DEGREE


def _crossings(edges, lon: float, lat: float) -> int:
    """How many of the edges a ray from the point eastward crosses."""
    count = 0
    for (x1, y1), (x2, y2) in edges:
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            count += 1
    return count


def _box_distance(lon: float, lat: float, box, scale: float) -> float:
    west, south, east, north = box
    dx = max(west - lon, 0.0, lon - east) * scale
    dy = max(south - lat, 0.0, lat - north)
    return math.hypot(dx, dy)


def _segment_distance(p, a, b, scale) -> float:
    px, py = p[0] * scale, p[1]
    ax, ay, bx, by = a[0] * scale, a[1], b[0] * scale, b[1]
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


@lru_cache(maxsize=1)
def _geometries() -> tuple[topojson.Topology, dict[str, list[dict]]]:
    """The outlines file and each country's geometries, by alpha-2 code (several features can
    share a code, Australia and Ashmore and Cartier Is.: they are merged). Undecoded: a build
    that checks one edited file decodes one country, not 235."""
    topology = topojson.Topology(DATA)
    geometries = defaultdict(list)
    for numeric, _, geometry in topology.geometries():
        country = pycountry.countries.get(numeric=numeric) if numeric else None
        if country is not None:
            geometries[country.alpha_2].append(geometry)
    return topology, dict(geometries)


@lru_cache(maxsize=None)
def _country(code: str) -> Country | None:
    topology, geometries = _geometries()
    if code not in geometries:
        return None
    return Country([polygon for geometry in geometries[code] for polygon in topology.polygons(geometry)])


@lru_cache(maxsize=1 << 16)  # a place comes back in each of its partnerships
def km_outside(country: str, lat: float, lon: float) -> float | None:
    """How far the point lies outside the country (0.0 inside); None when its outline is unknown."""
    shape = _country(country)
    return None if shape is None else shape.km_outside(lat, lon)
