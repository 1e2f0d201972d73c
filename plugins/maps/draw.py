"""Static maps in map units (x = longitude, y = -latitude): a pair's frame, arc and points."""

from __future__ import annotations

from dataclasses import dataclass

from directory.templating import country_name, escape_text, url
from jinja2 import pass_context
from markupsafe import Markup

from partnerdir.greatcircle import EARTH_RADIUS_KM, arc, central_angle, points, segments, unwrap

ASPECT = 2.0  # width : height of every frame
MIN_WIDTH = 24.0  # degrees: even neighbouring towns show their region


@dataclass(frozen=True)
class PairMap:
    view_box: tuple[float, float, float, float]  # x, y, width, height
    copies: tuple[int, ...]  # x offsets (multiples of 360) at which the world is drawn
    arc: str  # SVG path data
    points: tuple[tuple[float, float], ...]  # the two places, in map units
    distance_km: int

    @property
    def view_box_text(self) -> str:
        return " ".join(_numbers(self.view_box, 2))

    @property
    def radius(self) -> str:
        return _fmt(self.view_box[2] / 90, 3)

    @property
    def stroke(self) -> str:
        return _fmt(self.view_box[2] / 300, 3)


def pair_map(pair, steps: int = 24) -> PairMap:
    a, b = pair.places[0].location, pair.places[1].location
    omega = central_angle(a, b)
    line = unwrap(points(a, b, segments(omega, steps), omega))  # as arc() draws it; drawn once a build
    xs = [lon for lon, _ in line]
    ys = [-lat for _, lat in line]
    width = max(max(xs) - min(xs), (max(ys) - min(ys)) * ASPECT, MIN_WIDTH) * 1.25
    width = min(width, 360.0)
    height = width / ASPECT
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x, y = cx - width / 2, cy - height / 2
    y = min(max(y, -90.0), 90.0 - height)
    decimals = 1 if width > 60 else 2
    d = _path(xs, ys, decimals)
    copies = tuple(k * 360 for k in (-1, 0, 1) if x < 180 + k * 360 and x + width > -180 + k * 360)
    return PairMap((x, y, width, height), copies, d, ((xs[0], ys[0]), (xs[-1], ys[-1])),
                   round(EARTH_RADIUS_KM * omega))  # distance_km(a, b)


# The overview map shows the world 1080 pixels wide, a third of a degree to a pixel: a 500 km
# segment strays from its great circle by 5 km at 45 degrees of latitude and 14 km at 70, less
# than half a pixel. (At 23,960 pairs the map is 2.7 MB, 643 KB gzipped; 3.2 MB and 843 KB
# with a point every 200 km.)
OVERVIEW_SEGMENT_KM = 500


def overview_arc(pair, steps: int = 12) -> str:
    """A short path for the overview map; a line crossing the antimeridian is drawn
    again one world over, so both ends show inside -180..180."""
    line = unwrap(arc(pair.places[0].location, pair.places[1].location, steps, OVERVIEW_SEGMENT_KM))
    lons = [lon for lon, _ in line]
    ys = [-lat for _, lat in line]
    offsets = [0] + ([-360] if max(lons) > 180 else []) + ([360] if min(lons) < -180 else [])
    return " ".join(_path([lon + offset for lon in lons] if offset else lons, ys, 1) for offset in offsets)


def _fmt(value: float, decimals: int) -> str:
    """A number to ``decimals`` places, without trailing zeros: 12.30 -> "12.3", -0.001 -> "0"."""
    return _numbers((value,), decimals)[0]


def _numbers(values, decimals: int) -> list[str]:
    """``_fmt`` for many numbers, in one comprehension (a map is drawn for every pair page)."""
    pattern = f"%.{decimals}f"
    texts = [(pattern % value).rstrip("0").rstrip(".") for value in values]
    if "-0" in texts or "" in texts:  # a number that rounds to zero
        texts = ["0" if text in ("-0", "") else text for text in texts]
    return texts


def _path(xs: list[float], ys: list[float], decimals: int) -> str:
    """SVG path data through the points, each number as ``_fmt`` writes it."""
    return "M" + " L".join([f"{x} {y}" for x, y in zip(_numbers(xs, decimals), _numbers(ys, decimals))])


@pass_context
def static_map(context, pair) -> Markup:
    """A pair's map as inline SVG that needs no JavaScript: its own frame, great-circle arc
    and two points (a few hundred bytes) over the shared outlines file (MAPS_WORLD_URL),
    with a text alternative. (A Jinja global like the directory's components.)"""
    m = pair_map(pair)
    first, second = pair.places
    x, y, width, height = m.view_box
    world = escape_text(url(context, "MAPS_WORLD"))
    copies = "".join(f'<use class="map-land" href="{world}#world" x="{dx}"/>' for dx in m.copies)
    radius = escape_text(m.radius)
    dots = "".join(f'<circle class="map-place" cx="{px:.2f}" cy="{py:.2f}" r="{radius}"/>' for px, py in m.points)
    first_name, second_name = escape_text(first.name), escape_text(second.name)
    return Markup(
        '<figure class="pair-map">\n'
        f'  <svg viewBox="{escape_text(m.view_box_text)}" role="img" aria-labelledby="map-title" '
        'preserveAspectRatio="xMidYMid meet">\n'
        f'    <title id="map-title">Map of {first_name} ({escape_text(country_name(first.country))}) and {second_name} '
        f"({escape_text(country_name(second.country))}), joined by the shortest route between them</title>\n"
        f'    <rect class="map-sea" x="{x}" y="{y}" width="{width}" height="{height}"/>\n'
        f'{copies}    <path class="map-arc" d="{escape_text(m.arc)}" stroke-width="{escape_text(m.stroke)}"/>\n'
        f"{dots}  </svg>\n"
        f"  <figcaption>{first_name} and {second_name} are {m.distance_km:,} km apart along the shortest route. "
        f'<a href="{escape_text(url(context, "MAPS"))}">All partnerships on a map</a></figcaption>\n'
        "</figure>")
