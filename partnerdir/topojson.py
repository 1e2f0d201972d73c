"""Decode a TopoJSON topology (as world-atlas publishes Natural Earth) into rings of points."""

from __future__ import annotations

import json
from pathlib import Path

from .greatcircle import unwrap


def features(path: Path, name: str = "countries") -> list[tuple[str | None, str, list]]:
    """(id, name, polygons) for each geometry of object ``name``; a polygon is a list of
    rings of (lon, lat), the first ring its outline and the others its holes."""
    topology = Topology(path)
    return [(id_, label, topology.polygons(geometry)) for id_, label, geometry in topology.geometries(name)]


class Topology:
    """A topology read once; each arc decoded when a geometry first needs it."""

    def __init__(self, path: Path):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        (self._sx, self._sy), (self._tx, self._ty) = data["transform"]["scale"], data["transform"]["translate"]
        self._encoded, self._objects = data["arcs"], data["objects"]
        self._arcs: dict[int, list] = {}

    def geometries(self, name: str = "countries") -> list[tuple[str | None, str, dict]]:
        """(id, name, geometry) of each geometry of object ``name``, undecoded."""
        return [(g.get("id"), g.get("properties", {}).get("name", ""), g) for g in self._objects[name]["geometries"]]

    def polygons(self, geometry: dict) -> list:
        shapes = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        return [[self._ring(r) for r in polygon] for polygon in shapes.get(geometry["type"], [])]

    def _arc(self, index: int) -> list:
        points = self._arcs.get(index)
        if points is None:
            x = y = 0
            points = []
            for dx, dy in self._encoded[index]:
                x, y = x + dx, y + dy
                points.append((x * self._sx + self._tx, y * self._sy + self._ty))
            self._arcs[index] = points
        return points

    def _ring(self, indices) -> list:
        points = []
        for index in indices:
            part = self._arc(index) if index >= 0 else self._arc(~index)[::-1]
            points.extend(part if not points else part[1:])
        return _continuous(points)


def _continuous(ring):
    """A ring that jumps across the antimeridian (Russia, Fiji) kept as one shape reaching past
    180 degrees; a ring around the pole (Antarctica), which must jump, stays as it is."""
    unwrapped = unwrap(ring)
    lons = [lon for lon, _ in unwrapped]
    return unwrapped if max(lons) - min(lons) < 359 else ring
