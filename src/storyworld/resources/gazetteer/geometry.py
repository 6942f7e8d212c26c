"""Points for places GeoNames gives no point for: the middle of a division from its towns, and a
country's point from its outline."""

from __future__ import annotations

import ast

def division_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of a division from its towns: the centroid of the convex hull of the towns (its
    geographic middle, as GeoNames places a division), not their mean, which sits where people
    crowd (Ontario's south shore). With many towns, the outer 0.5% in latitude and longitude are
    left out first (a stray exclave or a mis-coded town; 2% cut the thinly settled north off
    Queensland and the Canadian provinces: dev GeoVirus 0.814 → 0.827 at 0.5%, 0.818 at 1%, 0.824
    with none); longitudes are unwrapped across 180°."""
    n = len(points)
    if n < 3:
        return sum(p[0] for p in points) / n, sum(p[1] for p in points) / n
    lons = [p[1] for p in points]
    shift = max(lons) - min(lons) > 180
    pts = [(lat, lon + 360 if shift and lon < 0 else lon) for lat, lon in points]
    if n >= 50:
        lats_sorted, lons_sorted = sorted(p[0] for p in pts), sorted(p[1] for p in pts)
        k = n // 200
        lat_lo, lat_hi = lats_sorted[k], lats_sorted[n - 1 - k]
        lon_lo, lon_hi = lons_sorted[k], lons_sorted[n - 1 - k]
        pts = [p for p in pts if lat_lo <= p[0] <= lat_hi and lon_lo <= p[1] <= lon_hi] or pts
    hull = _hull([(lon, lat) for lat, lon in pts])
    lat, lon, area = _ring_centroid(hull) if len(hull) >= 3 else (0.0, 0.0, 0.0)
    if area == 0:
        lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
    return lat, (lon - 360 if lon > 180 else lon)


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull (monotone chain), counter-clockwise. Written here: ~15 lines, where scipy's
    Qhull would be a heavy import for one build step."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _ring_centroid(ring) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        f = x1 * y2 - x2 * y1
        a += f
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
    if a == 0:
        return 0.0, 0.0, 0.0
    return cy / (3 * a), cx / (3 * a), abs(a) / 2


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from ...geo import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


def country_point(info: dict) -> tuple[float, float] | None:
    """countryinfo's point, unless the country's largest landmass holds two thirds of its area and
    that landmass's centre lies more than 150 km away (the United States, Russia, China): then that
    centre. Chosen on the development corpora (GeoVirus)."""
    point = info.get("latlng")
    geo = info.get("geoJSON")
    try:
        if isinstance(geo, str):
            geo = ast.literal_eval(geo)
        geometry = geo["features"][0]["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        parts = [_ring_centroid(p[0]) for p in polygons if p and len(p[0]) > 2]
        total = sum(p[2] for p in parts)
        lat, lon, area = max(parts, key=lambda p: p[2])
        if total and area / total >= 2 / 3 and (not point or _km(lat, lon, point[0], point[1]) > 150):
            return lat, lon  # countryinfo's whole-degree point is off the centre
    except Exception:
        pass
    if point and len(point) >= 2:
        return float(point[0]), float(point[1])
    return None
