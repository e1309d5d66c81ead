import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.site import maps

# Natural Earth's numeric codes (ISO 3166-1) of the countries the map names; the others are drawn unnamed.
CODES = {
    "398": "KZ", "643": "RU", "860": "UZ", "417": "KG", "762": "TJ", "795": "TM", "156": "CN", "496": "MN",
    "031": "AZ", "268": "GE", "051": "AM", "112": "BY", "804": "UA", "364": "IR", "004": "AF", "792": "TR",
}  # fmt: skip
TOLERANCE = 0.7  # pixels of the map's drawing a simplified outline may stray


class Command(BaseCommand):
    help = (
        "Make events/data/map.json, the country outlines of the map, from a TopoJSON file of Natural Earth's "
        "countries (the npm package world-atlas: countries-50m.json): projected, clipped to the map's view and "
        "simplified."
    )

    def add_arguments(self, parser):
        parser.add_argument("topojson")

    def handle(self, *args, topojson, **options):
        try:
            topology = json.loads(Path(topojson).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{topojson}: {error}") from error
        arcs = decode_arcs(topology)
        countries = []
        for geometry in topology["objects"]["countries"]["geometries"]:
            polygons = geometry.get("arcs") or []
            if geometry["type"] == "Polygon":
                polygons = [polygons]
            rings = [ring(arcs, indexes) for polygon in polygons for indexes in polygon]
            path = "".join(svg_ring(r) for r in rings if visible(r))
            if path:
                countries.append(
                    {"code": CODES.get(geometry.get("id"), ""), "name": geometry["properties"]["name"], "path": path}
                )
        maps.OUTLINES.write_text(
            json.dumps(
                {
                    "source": "Natural Earth 1:50m countries (public domain), through the world-atlas package",
                    "countries": countries,
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        size = maps.OUTLINES.stat().st_size
        self.stdout.write(f"{len(countries)} countries, {size / 1000:.0f} kB: {maps.OUTLINES}")


def decode_arcs(topology):
    """The arcs as lists of (longitude, latitude): TopoJSON stores them quantised and delta-encoded."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x += step_x
            y += step_y
            points.append((x * kx + dx, y * ky + dy))
        decoded.append(points)
    return decoded


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    # Chukotka runs past 180°: east of it, not at the far west of the map.
    if any(lon > 170 for lon, _ in points):
        points = [(lon + 360 if lon < -150 else lon, lat) for lon, lat in points]
    return [maps.project(lat, lon) for lon, lat in points]


def visible(points):
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return max(xs) >= 0 and min(xs) <= maps.WIDTH and max(ys) >= 0 and min(ys) <= maps.HEIGHT and len(points) > 3


def simplify(points, tolerance=TOLERANCE):
    """Douglas–Peucker: the points an outline needs to stay within ``tolerance`` of itself."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        worst, where = 0.0, None
        for index in range(first + 1, last):
            x0, y0 = points[index]
            if length:
                distance = abs((y2 - y1) * x0 - (x2 - x1) * y0 + x2 * y1 - y2 * x1) / length
            else:
                distance = ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5
            if distance > worst:
                worst, where = distance, index
        if where is not None and worst > tolerance:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def svg_ring(points):
    points = simplify(points)
    if len(points) < 4:
        return ""
    head, *rest = [f"{x:.1f} {y:.1f}" for x, y in points]
    return f"M{head}L{'L'.join(rest)}Z"
