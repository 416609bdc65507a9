"""Labels on a timeline of lanes: each label sits on one of a few text rows above its lane,
starting at its mark (or ending there, near the right edge), with a thin leader down to the
mark. A label is drawn only where it touches no label, lane
name or leader already drawn and stays inside the axes; otherwise it is left out and its mark
stays: labels never overlap, and which ones are left out follows from the order given."""

from __future__ import annotations

import matplotlib.dates as mdates
from matplotlib.transforms import Bbox

PAD_PT = 1.5  # air kept around every label, in points


def place(ax, items: list[dict], lane_y: dict[str, float], row_step: float, rows: int,
          fixed: list = (), fontsize: float = 7, colour: str = "#333333") -> list:
    """Draw the labels of `items` ({text, lane, x (a date)}), in order, where they fit.
    `lane_y` gives each lane's mark line (data y), `row_step` the data height of a text row
    (rows go upwards from the mark line, `rows` of them). Returns the text artists drawn."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    pad = PAD_PT * fig.dpi / 72
    taken: list[Bbox] = [a.get_window_extent(renderer).padded(pad) for a in fixed]
    drawn = []
    for item in items:
        x = mdates.date2num(item["x"])
        base = lane_y[item["lane"]]
        # rightwards from the mark on the lowest free row; else, leftwards on a row above
        # the first (a label ending at its mark needs a leader that shows)
        spots = [(row, "left", 2) for row in range(rows)]
        spots += [(row, "right", -2) for row in range(1, rows)]
        for row, ha, dx in spots:
            y = base + (row + 0.75) * row_step
            text = ax.annotate(item["text"], (x, y), xytext=(dx, 0),
                               textcoords="offset points", ha=ha, va="center",
                               fontsize=fontsize, color=colour, zorder=5)
            box = text.get_window_extent(renderer)
            leader = _leader(ax, x, base, y - row_step * 0.45, renderer)
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                      and box.y1 <= frame.y1)
            clash = any(box.padded(pad).overlaps(t) or leader.overlaps(t) for t in taken)
            if inside and not clash:
                taken += [box.padded(pad), leader]
                ax.plot([x, x], [base, y - row_step * 0.45], color="#999999",
                        linewidth=0.4, zorder=2)
                text.set_in_layout(False)
                drawn.append(text)
                break
            text.remove()
    return drawn


def _leader(ax, x, y0, y1, renderer) -> Bbox:
    (px, py0), (_, py1) = ax.transData.transform([(x, y0), (x, y1)])
    return Bbox.from_extents(px - 0.5, min(py0, py1), px + 0.5, max(py0, py1))
