"""Country outlines from Natural Earth (world-atlas 110m TopoJSON), vendored in data/."""

from __future__ import annotations

import json
from pathlib import Path

from partnerdir.greatcircle import unwrap

DATA = Path(__file__).resolve().parent / "data" / "countries-110m.json"


def countries(path: Path = DATA) -> list[tuple[str, list[list[list[tuple[float, float]]]]]]:
    """(name, polygons) per country; a polygon is a list of rings of (lon, lat) points."""
    topology = json.loads(path.read_text(encoding="utf-8"))
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
    for geometry in topology["objects"]["countries"]["geometries"]:
        shapes = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        polygons = [[ring(r) for r in polygon] for polygon in shapes.get(geometry["type"], [])]
        result.append((geometry.get("properties", {}).get("name", ""), polygons))
    return sorted(result, key=lambda item: item[0])


def _continuous(ring):
    """A ring that jumps across the antimeridian (Russia, Fiji) drawn as one shape, reaching past
    180 degrees, instead of a line across the world; a ring around the pole (Antarctica) stays."""
    unwrapped = unwrap(ring)
    lons = [lon for lon, _ in unwrapped]
    return unwrapped if max(lons) - min(lons) < 359 else ring


def svg_path(polygons, decimals: int = 1) -> str:
    """Polygons as one SVG path in map units: x = longitude, y = -latitude."""
    commands = []
    for polygon in polygons:
        for points in polygon:
            rounded = [(round(lon, decimals), round(-lat, decimals)) for lon, lat in points]
            deduped = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
            if len(deduped) < 3:
                continue
            x, y = deduped[0]
            parts = [f"M{_n(x)} {_n(y)}"]
            for nx, ny in deduped[1:]:
                parts.append(f"l{_n(round(nx - x, decimals))} {_n(round(ny - y, decimals))}")
                x, y = nx, ny
            commands.append("".join(parts) + "z")
    return "".join(commands)


def geojson(decimals: int = 2) -> dict:
    """The outlines as a GeoJSON FeatureCollection, for the interactive map."""
    features = []
    for name, polygons in countries():
        coordinates = [[[[round(lon, decimals), round(lat, decimals)] for lon, lat in ring] for ring in polygon]
                       for polygon in polygons]
        features.append({"type": "Feature", "properties": {"name": name},
                         "geometry": {"type": "MultiPolygon", "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": features}


def _n(value: float) -> str:
    text = f"{value:g}" if abs(value) >= 1e-4 else "0"
    return text.replace("-0.", "-.").replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
