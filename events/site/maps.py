"""The map of where contacts took place: country outlines kept in the repository (events/data/map.json, made by
``manage.py build_map`` from Natural Earth, public domain) and the places drawn on them, on the server, as SVG.

The projection is equirectangular, its east-west scale shrunk to the cosine of 50°N so that the middle latitudes of
Kazakhstan and Russia keep their shape; the view runs from the Baltic to the Pacific coast of China.
"""

import json
import math
from functools import cache
from pathlib import Path

WEST, EAST, SOUTH, NORTH = 18.0, 150.0, 22.0, 72.0
WIDTH = 900
X_SCALE = math.cos(math.radians(50))
UNIT = WIDTH / ((EAST - WEST) * X_SCALE)  # pixels per degree of latitude
HEIGHT = round((NORTH - SOUTH) * UNIT)
OUTLINES = Path(__file__).parent.parent / "data" / "map.json"


def project(latitude, longitude):
    """(x, y) in the map's drawing for a point; longitudes west of 180 on the far side are taken as east."""
    longitude = float(longitude)
    if longitude < -150:
        longitude += 360
    return (longitude - WEST) * X_SCALE * UNIT, (NORTH - float(latitude)) * UNIT


def on_map(latitude, longitude):
    x, y = project(latitude, longitude)
    return 0 <= x <= WIDTH and 0 <= y <= HEIGHT


@cache
def outlines():
    """[{"code", "name", "path"}]: each country's outline as an SVG path in the map's drawing."""
    return json.loads(OUTLINES.read_text(encoding="utf-8"))["countries"]


# Where the map writes the names of the two countries and their neighbours: (name, (latitude, longitude)).
LABELS = [
    ("Kazakhstan", (48.3, 67.0)),
    ("Russia", (61.5, 92.0)),
    ("China", (34.0, 103.0)),
    ("Mongolia", (46.8, 103.0)),
    ("Uzbekistan", (41.6, 62.5)),
]
