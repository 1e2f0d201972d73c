"""Decode a TopoJSON topology (as world-atlas publishes Natural Earth) into rings of points."""

from __future__ import annotations

import json
from pathlib import Path

from .greatcircle import unwrap


def features(path: Path, name: str = "countries") -> list[tuple[str | None, str, list]]:
    """(id, name, polygons) for each geometry of object ``name``; a polygon is a list of
    rings of (lon, lat), the first ring its outline and the others its holes."""
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices):
        points = []
        for index in indices:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part if not points else part[1:])
        return _continuous(points)

    result = []
    for geometry in topology["objects"][name]["geometries"]:
        shapes = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        polygons = [[ring(r) for r in polygon] for polygon in shapes.get(geometry["type"], [])]
        result.append((geometry.get("id"), geometry.get("properties", {}).get("name", ""), polygons))
    return result


def _continuous(ring):
    """A ring that jumps across the antimeridian (Russia, Fiji) kept as one shape reaching past
    180 degrees; a ring around the pole (Antarctica), which must jump, stays as it is."""
    unwrapped = unwrap(ring)
    lons = [lon for lon, _ in unwrapped]
    return unwrapped if max(lons) - min(lons) < 359 else ring
