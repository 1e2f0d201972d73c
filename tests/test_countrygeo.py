"""Where a place lies against its country's outline: the banded search finds what a full scan finds."""

import math
import random

from partnerdir import countrygeo


def full_scan(country: countrygeo.Country, lat: float, lon: float) -> float:
    """km_outside the slow way: every ring's crossings, every edge's distance."""
    inside = any(sum(countrygeo._crossings(ring.edges, x, lat) for ring in country.rings) % 2
                 for x in (lon, lon + 360, lon - 360))
    if inside:
        return 0.0
    scale = math.cos(math.radians(lat))
    return min(countrygeo._segment_distance((lon, lat), a, b, scale)
               for ring in country.rings for a, b in ring.edges) * countrygeo.KM_PER_DEGREE


def test_inside_and_distance_outside_are_those_of_a_full_scan():
    random.seed(7)
    # islands, enclaves and the antimeridian: Fiji, Russia, the US (Alaska), Kiribati, Italy (San Marino)
    points = [("FJ", -17.8, 178.0), ("FJ", -16.5, -179.9), ("RU", 64.7, 177.5), ("RU", 66.0, -170.0),
              ("US", 51.9, -176.6), ("US", 39.7, -105.0), ("KI", 1.87, -157.4), ("IT", 43.94, 12.45),
              ("PS", 32.22, 35.25), ("PS", 40.0, -3.7), ("JP", 38.322, 142.369), ("NO", 78.2, 15.6)]
    codes = sorted(countrygeo._geometries()[1])
    points += [(random.choice(codes), random.uniform(-85, 85), random.uniform(-180, 180)) for _ in range(150)]
    for code in codes[:40]:  # a point near each country: inside, on the coast or just off it
        ring = max(countrygeo._country(code).rings, key=lambda r: len(r.edges))
        (lon, lat), _ = random.choice(ring.edges)
        points.append((code, lat + random.uniform(-0.3, 0.3), lon + random.uniform(-0.3, 0.3)))
        points.append((code, lat, lon))  # on a vertex
        points.append((code, float(round(lat)), lon))  # on a band's edge
        for (x, y), _ in (min(ring.edges), max(ring.edges)):  # its westernmost and easternmost vertices
            points.append((code, y, x))
    found = {"inside": 0, "outside": 0}
    for code, lat, lon in points:
        country = countrygeo._country(code)
        expected = full_scan(country, lat, lon)
        assert country.km_outside(lat, lon) == expected, (code, lat, lon)
        found["inside" if expected == 0 else "outside"] += 1
    assert found["inside"] >= 10 and found["outside"] >= 100

    # A point on a ring's easternmost vertex: the crossing computed there lies a rounding east of it.
    ring = [(-12.118715389895272, 19.13860811797909), (-18.11871538989527, 17.10605717741734),
            (-6.1187153898952715, 9.89099706282522), (-12.118715389895272, 12.13860811797909),
            (-14.118715389895272, 12.862481609606967)]
    country = countrygeo.Country([[ring]])
    lat, lon = 9.89099706282522, -6.1187153898952715
    assert country.contains(lat, lon) and full_scan(country, lat, lon) == country.km_outside(lat, lon) == 0.0
    assert countrygeo.km_outside("PS", 40.0, -3.7) > 3000 and countrygeo.km_outside("PS", 32.22, 35.25) == 0.0
