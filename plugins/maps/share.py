"""A pair's map as a PNG, for link previews (Open Graph, Twitter cards), which take no SVG.

The same frame, arc and points as the page's own map (``draw.pair_map``), drawn with
Pillow over the Natural Earth outlines: 1200 x 630 pixels (the size link previews
use), in a few flat colours, so a file weighs some tens of kilobytes.
"""

from __future__ import annotations

import io
from functools import lru_cache

from . import outlines
from .draw import pair_map

SIZE = (1200, 630)
SEA, LAND, BORDER, ARC, PLACE = "#eef3f8", "#d9dee4", "#ffffff", "#0b57a4", "#b34700"


@lru_cache(maxsize=1)
def _rings() -> list[tuple[float, float, list[tuple[float, float]]]]:
    """Every outline ring in map units (x = longitude, y = -latitude), with its west and east ends."""
    rings = [[(lon, -lat) for lon, lat in ring]
             for _, polygons in outlines.countries() for polygon in polygons for ring in polygon if len(ring) > 2]
    return [(min(px for px, _ in ring), max(px for px, _ in ring), ring) for ring in rings]


def share_png(pair) -> bytes:
    from PIL import Image, ImageDraw  # only for a build that draws share images (Pillow takes ~20 ms to import)

    m = pair_map(pair)
    x, y, width, height = m.view_box
    scale = SIZE[0] / width
    top = y + (height - SIZE[1] / scale) / 2  # the frame is 2:1, the image 1.9:1: centre it

    def pixel(px: float, py: float) -> tuple[float, float]:
        return ((px - x) * scale, (py - top) * scale)

    image = Image.new("P", SIZE, SEA)  # a palette of the five colours: small files, no quantising
    canvas = ImageDraw.Draw(image)
    for dx in m.copies:
        for west, east, ring in _rings():
            if east + dx >= x and west + dx <= x + width:
                canvas.polygon([pixel(px + dx, py) for px, py in ring], fill=LAND, outline=BORDER)
    line = [pixel(float(px), float(py)) for px, py in _path_points(m.arc)]
    canvas.line(line, fill=ARC, width=6, joint="curve")
    for px, py in m.points:
        cx, cy = pixel(px, py)
        canvas.ellipse((cx - 11, cy - 11, cx + 11, cy + 11), fill=PLACE, outline=BORDER, width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _path_points(path: str):
    """The points of an "M x y L x y …" path."""
    for part in path.lstrip("M").split(" L"):
        px, py = part.split()
        yield px, py
