"""Drawing a map for print: a frame of fixed physical size, a scale bar, and point labels
placed so that they collide neither with each other nor with the symbols they name.

The projection is the simple equirectangular one with a standard parallel `lat0`: a degree of
longitude is drawn cos(lat0) times as long as a degree of latitude, so distances are true along
`lat0` and the scale bar says so.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
from matplotlib.transforms import Bbox

KM_PER_DEGREE = 111.32  # a degree of latitude (and of longitude on the equator), in km

# Where a label may sit around its point, in points, tried in this order: right, left, above,
# below, then the four corners; then the same three times as far.
_CANDIDATES = ((5, 0, "left", "center"), (-5, 0, "right", "center"),
               (0, 5, "center", "bottom"), (0, -5, "center", "top"),
               (4, 4, "left", "bottom"), (-4, 4, "right", "bottom"),
               (4, -4, "left", "top"), (-4, -4, "right", "top"))
_CANDIDATES = _CANDIDATES + tuple((3 * dx, 3 * dy, ha, va) for dx, dy, ha, va in _CANDIDATES)


def map_figure(width: float, view: tuple[float, float, float, float], lat0: float,
               below: float, margins=(0.42, 0.12, 0.1, 0.28)):
    """A figure `width` inches wide holding one map axes of the view's true aspect, with
    `below` inches left free under it (for a legend). Margins: left, right, top, bottom
    (the bottom one holds the longitude labels). Returns (fig, ax)."""
    x0, y0, x1, y1 = view
    left, right, top, bottom = margins
    map_w = width - left - right
    map_h = map_w * (y1 - y0) / ((x1 - x0) * math.cos(math.radians(lat0)))
    height = top + map_h + bottom + below
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((left / width, (bottom + below) / height, map_w / width, map_h / height))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / math.cos(math.radians(lat0)))
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:g}°E")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:g}°N")
    for side in ("top", "right"):
        ax.spines[side].set_visible(True)
    return fig, ax


def fit_below(fig, ax, artist, gap: float = 0.06) -> None:
    """Make the figure exactly tall enough for `artist` (a legend under the map), keeping
    the map's size and everything above it in inches."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.get_size_inches()
    below = ax.get_position().y0 * height  # inches under the map now
    x_labels = ax.xaxis.get_tightbbox(renderer)
    top_of_artist = artist.get_window_extent(renderer).y1 / fig.dpi
    artist_h = (artist.get_window_extent(renderer).height) / fig.dpi
    labels_h = below - x_labels.y0 / fig.dpi
    need = labels_h + gap + artist_h + gap
    del top_of_artist
    x0, y0, w, h = ax.get_position().bounds
    new_height = height - below + need
    fig.set_size_inches(width, new_height)
    ax.set_position((x0, need / new_height, w, h * height / new_height))


def scale_bar(ax, km: float, lat0: float, at=(0.04, 0.04), size: float = 7) -> None:
    """A bar of `km` kilometres at `at` (axes fraction, lower left), true along `lat0`."""
    degrees = km / (KM_PER_DEGREE * math.cos(math.radians(lat0)))
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    bx, by = x0 + at[0] * (x1 - x0), y0 + at[1] * (y1 - y0)
    half = degrees / 2
    ax.plot([bx, bx + half], [by, by], color="black", linewidth=3, solid_capstyle="butt",
            zorder=6)
    ax.plot([bx + half, bx + degrees], [by, by], color="white", linewidth=3,
            solid_capstyle="butt", zorder=6)
    ax.plot([bx, bx + degrees, bx + degrees, bx], [by, by, by, by], color="black",
            linewidth=0.6, zorder=7)
    for x, text in ((bx, "0"), (bx + degrees, f"{km:g} km")):
        ax.annotate(text, (x, by), xytext=(0, 4), textcoords="offset points", ha="center",
                    va="bottom", fontsize=size, zorder=7)
    ax.annotate(f"true at {lat0:g}°N", (bx, by), xytext=(0, -4), textcoords="offset points",
                ha="left", va="top", fontsize=size, zorder=7)


def along(lines: list[list[tuple[float, float]]], step: float = 0.1) -> list[tuple[float,
                                                                               float]]:
    """Points every `step` degrees along each line: obstacles for `place_labels`."""
    out = []
    for line in lines:
        for (x0, y0), (x1, y1) in zip(line, line[1:], strict=False):
            n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
            out.extend((x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n + 1))
    return out


def place_labels(ax, labels: list[dict], obstacles: list[tuple[float, float]] = (),
                 symbol_pt: float = 6, fixed: list = (), lines: list = ()) -> list:
    """Place each label ({text, lon, lat, and optional style keywords}) at the first spot
    around its point that overlaps no placed label, no symbol (`obstacles`, data
    coordinates), no text already drawn (`fixed` artists) and stays inside the axes; points
    along `lines` count a tenth, and a spot away from the point costs a third of the label.
    A label with `reach` n (an area's name) may also sit up to n times as far from its spot.
    A label that fits nowhere takes the spot that overlaps least. The labels take no part in
    a later layout (the spots were chosen for the axes as they are). Returns the text
    artists."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    scale = fig.dpi / 72
    taken: list[Bbox] = [artist.get_window_extent(renderer).padded(2 * scale)
                         for artist in fixed]
    for lon, lat in obstacles:
        x, y = ax.transData.transform((lon, lat))
        r = symbol_pt * scale / 2
        taken.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
    soft: list[Bbox] = []
    for lon, lat in along(list(lines)):
        x, y = ax.transData.transform((lon, lat))
        r = 1.5 * scale
        soft.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
    placed = []
    for label in labels:
        style = {k: v for k, v in label.items() if k not in ("text", "lon", "lat", "reach")}
        style.setdefault("fontsize", 7)
        best = None
        reach = label.get("reach", 1)  # an area's name may move farther from its spot
        spots = _CANDIDATES + tuple((k * dx, k * dy, ha, va) for k in range(2, reach + 1)
                                    for dx, dy, ha, va in _CANDIDATES[:8])
        for dx, dy, ha, va in spots:
            artist = ax.annotate(label["text"], (label["lon"], label["lat"]), xytext=(dx, dy),
                                 textcoords="offset points", ha=ha, va=va, zorder=8, **style)
            box = artist.get_window_extent(renderer).padded(1.5 * scale)
            overlap = (sum(_area(box, other) for other in taken)
                       + sum(_area(box, other) for other in soft) / 10)
            outside = box.width * box.height - _area(box, frame)
            far = (abs(dx) > 6 or abs(dy) > 6) and reach == 1  # away from its point: worse
            cost = overlap + 4 * outside + (0.3 * box.width * box.height if far else 0)
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, artist, box)
            else:
                artist.remove()
            if cost == 0:
                break
        taken.append(best[2])
        best[1].set_in_layout(False)
        placed.append(best[1])
    return placed


def _area(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0
