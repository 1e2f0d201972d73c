"""Country outlines from Natural Earth (world-atlas 110m TopoJSON), vendored in data/."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from partnerdir import topojson

DATA = Path(__file__).resolve().parent / "data" / "countries-110m.json"


@lru_cache(maxsize=2)  # read once a process (make serve builds again and again)
def countries(path: Path = DATA) -> list[tuple[str, list]]:
    """(name, polygons) per country, sorted by name. Shared: callers do not change it."""
    return sorted(((name, polygons) for _, name, polygons in topojson.features(path)), key=lambda c: c[0])


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
