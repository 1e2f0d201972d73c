"""Great circles on the WGS84 sphere approximation: distances and arcs between places."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def _vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def central_angle(a, b) -> float:
    """The angle between two locations (objects with lat and lon), in radians."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * math.asin(math.sqrt(min(1.0, h)))


def distance_km(a, b) -> float:
    return EARTH_RADIUS_KM * central_angle(a, b)


# An arc is drawn as straight segments (in longitude and latitude) of at most this length.
# A 200 km segment strays from its great circle by 0.8 km at 45 degrees of latitude, 2.2 km
# at 70: no more than the maps draw (to 0.01 and 0.1 degree of latitude, 1.1 and 11 km).
SEGMENT_KM = 200


def arc(a, b, steps: int = 32, segment_km: float = SEGMENT_KM) -> list[tuple[float, float]]:
    """Points (lon, lat) along the shorter great circle from a to b, both ends included: a
    point every ``segment_km`` at most, in at most ``steps`` equal segments (a long arc is drawn
    with ``steps``, two neighbouring towns with one straight segment). A segment strays from
    the great circle by about its length squared: twice as long, four times as far."""
    omega = central_angle(a, b)
    return points(a, b, segments(omega, steps, segment_km), omega)


def segments(omega: float, steps: int, segment_km: float = SEGMENT_KM) -> int:
    """How many segments ``arc`` draws an arc of ``omega`` radians with."""
    return 1 if omega < 1e-9 else min(steps, math.ceil(omega * EARTH_RADIUS_KM / segment_km))


def points(a, b, steps: int, omega: float) -> list[tuple[float, float]]:
    """The points of ``arc`` in ``steps`` segments; ``omega`` is the angle between a and b (``central_angle``)."""
    if omega < 1e-9:
        return [(a.lon, a.lat), (b.lon, b.lat)]
    (ax, ay, az), (bx, by, bz) = _vector(a.lat, a.lon), _vector(b.lat, b.lon)
    sin_omega = math.sin(omega)
    sin, atan2, hypot, degrees = math.sin, math.atan2, math.hypot, math.degrees
    drawn = []
    for i in range(steps + 1):
        t = i / steps
        wa, wb = sin((1 - t) * omega) / sin_omega, sin(t * omega) / sin_omega
        x, y, z = wa * ax + wb * bx, wa * ay + wb * by, wa * az + wb * bz
        drawn.append((degrees(atan2(y, x)), degrees(atan2(z, hypot(x, y)))))
    drawn[0], drawn[-1] = (a.lon, a.lat), (b.lon, b.lat)
    return drawn


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous (they may leave -180..180), for drawing one unbroken line."""
    result = [points[0]]
    for lon, lat in points[1:]:
        previous = result[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        result.append((lon, lat))
    return result


def split_at_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The line cut where it crosses the antimeridian (RFC 7946, 3.1.9); each part within -180..180."""
    parts = [[points[0]]]
    for (lon1, lat1), (lon2, lat2) in zip(points, points[1:]):
        if abs(lon2 - lon1) > 180:
            edge = 180.0 if lon1 > 0 else -180.0
            lon2_shifted = lon2 + 360 if lon1 > 0 else lon2 - 360
            t = (edge - lon1) / (lon2_shifted - lon1)
            lat = lat1 + t * (lat2 - lat1)
            parts[-1].append((edge, lat))
            parts.append([(-edge, lat)])
        parts[-1].append((lon2, lat2))
    return parts
