"""Static maps in map units (x = longitude, y = -latitude): a pair's frame, arc and points."""

from __future__ import annotations

from dataclasses import dataclass

from partnerdir.greatcircle import arc, distance_km, unwrap

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
        return " ".join(_fmt(v, 2) for v in self.view_box)

    @property
    def radius(self) -> str:
        return _fmt(self.view_box[2] / 90, 3)

    @property
    def stroke(self) -> str:
        return _fmt(self.view_box[2] / 300, 3)


def pair_map(pair, steps: int = 24) -> PairMap:
    a, b = pair.places[0].location, pair.places[1].location
    line = unwrap(arc(a, b, steps))
    xs = [lon for lon, _ in line]
    ys = [-lat for _, lat in line]
    width = max(max(xs) - min(xs), (max(ys) - min(ys)) * ASPECT, MIN_WIDTH) * 1.25
    width = min(width, 360.0)
    height = width / ASPECT
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x, y = cx - width / 2, cy - height / 2
    y = min(max(y, -90.0), 90.0 - height)
    decimals = 1 if width > 60 else 2
    d = "M" + " L".join(f"{_fmt(lx, decimals)} {_fmt(ly, decimals)}" for lx, ly in zip(xs, ys))
    copies = tuple(k * 360 for k in (-1, 0, 1) if x < 180 + k * 360 and x + width > -180 + k * 360)
    return PairMap((x, y, width, height), copies, d, ((xs[0], ys[0]), (xs[-1], ys[-1])),
                   round(distance_km(a, b)))


def overview_arc(pair, steps: int = 12) -> str:
    """A short path for the overview map; a line crossing the antimeridian is drawn
    again one world over, so both ends show inside -180..180."""
    line = unwrap(arc(pair.places[0].location, pair.places[1].location, steps))
    lons = [lon for lon, _ in line]
    offsets = [0] + ([-360] if max(lons) > 180 else []) + ([360] if min(lons) < -180 else [])
    return " ".join(
        "M" + " L".join(f"{_fmt(lon + offset, 1)} {_fmt(-lat, 1)}" for lon, lat in line) for offset in offsets
    )


def _fmt(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
