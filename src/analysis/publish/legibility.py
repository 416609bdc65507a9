"""Checks that a finished figure reads at the size it is made for: no two pieces of text touch,
no text leaves the canvas, and every legend entry stays distinct when printed in grey.

These look at the figure as matplotlib lays it out (the extents of its text artists and its
pixels), so they hold for any drawing: a chart, a map, a timeline. They return what they find
(an empty list when the figure is fine); the tests turn a finding into a failure that names the
figure, the width and the strings involved.
"""

from __future__ import annotations

import itertools

import matplotlib as mpl
import numpy as np
from matplotlib.legend import Legend
from matplotlib.offsetbox import DrawingArea

# Two extents closer than this (in points) touch: a little air is part of legibility.
TOUCH_PT = 0.5
# A step in grey (0 black to 1 white) at least this big between neighbouring pixels is an
# edge of a legend key: an outline, a dash, a hatch line, a marker.
EDGE = 0.06
# Two keys are told apart when at least this share of their edges lie in different places.
DISTINCT_SHARE = 0.15
# A dashed or dotted key shows its pattern at least this many times: one dash and a gap
# read as a solid line with a nick.
DASH_REPEATS = 2


def _drawn_texts(fig) -> list:
    """The text artists the figure draws: visible, not empty, inside visible parents (a
    hidden legend hides its texts), and not a tick label outside its axis's view (read from
    the figure as last laid out)."""
    from analysis.publish.figures import _undrawn_ticks

    hidden = _undrawn_ticks(fig)
    out = []

    def walk(artist):
        for child in artist.get_children():
            if not child.get_visible():
                continue
            if (isinstance(child, mpl.text.Text) and child.get_text().strip()
                    and id(child) not in hidden):
                out.append(child)
            walk(child)

    walk(fig)
    return list({id(t): t for t in out}.values())


def text_extents(fig) -> list[tuple[str, object]]:
    """(string, window extent) of every piece of text drawn on the figure, as laid out now."""
    from analysis.publish.figures import lay_out

    renderer = lay_out(fig)
    return [(t.get_text(), t.get_window_extent(renderer)) for t in _drawn_texts(fig)]


def collisions(fig) -> list[tuple[str, str]]:
    """Pairs of strings whose drawn extents overlap or touch (closer than TOUCH_PT)."""
    pad = TOUCH_PT * fig.dpi / 72 / 2
    boxes = [(s, b.expanded(1, 1).padded(pad)) for s, b in text_extents(fig)]
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if (box_a.x0 < box_b.x1 and box_b.x0 < box_a.x1 and box_a.y0 < box_b.y1
                and box_b.y0 < box_a.y1):
            found.append((a, b))
    return found


def off_canvas(fig) -> list[str]:
    """Strings, and the legend keys beside them, drawn partly outside the figure."""
    canvas = fig.bbox
    extents = text_extents(fig)  # lays the figure out, so the keys are measured as placed
    renderer = fig._get_renderer()
    keys = [(f"the legend key of {text.get_text()!r}", box.get_window_extent(renderer))
            for legend in fig.findobj(Legend) if legend.get_visible()
            for box, text in zip(_handle_boxes(legend), legend.get_texts(), strict=True)]
    return [s for s, b in extents + keys
            if b.x0 < canvas.x0 - 0.5 or b.x1 > canvas.x1 + 0.5 or b.y0 < canvas.y0 - 0.5
            or b.y1 > canvas.y1 + 0.5]


def grey_pixels(fig) -> np.ndarray:
    """The figure rendered and printed in grey: luminance 0 (black) to 1 (white), rows from
    the top, at the figure's dpi."""
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba(), dtype=float) / 255
    rgb = rgba[..., :3] * rgba[..., 3:] + (1 - rgba[..., 3:])  # on white paper
    return rgb @ np.array([0.299, 0.587, 0.114])  # ITU-R BT.601 luma, as a grey printer


def legend_handles(fig) -> list[tuple[str, np.ndarray]]:
    """(label, grey pixels of its key) for every entry of every legend of the figure."""
    grey = grey_pixels(fig)
    renderer = fig.canvas.get_renderer()
    height = grey.shape[0]
    out = []
    for legend in fig.findobj(Legend):
        if not legend.get_visible():
            continue
        for box, text in zip(_handle_boxes(legend), legend.get_texts(), strict=True):
            # the size rounded apart from the place, so that keys of one size give crops of
            # one size wherever they stand (rounding each corner would not)
            ext = box.get_window_extent(renderer)
            x0, y0 = int(round(ext.x0)), height - int(round(ext.y1))
            w, h = int(round(ext.width)), int(round(ext.height))
            out.append((text.get_text(), grey[max(y0, 0):y0 + h, max(x0, 0):x0 + w]))
    return out


def _handle_boxes(legend) -> list:
    """The drawing areas that hold a legend's keys, in the order of its texts."""
    return [child for child in legend._legend_handle_box.findobj(DrawingArea)]


def _edges(grey: np.ndarray) -> np.ndarray:
    """Where a key's grey changes from one pixel to the next: its shape, hatching, dashes and
    outline, whatever its shade."""
    dy = np.abs(np.diff(grey, axis=0, append=grey[-1:]))
    dx = np.abs(np.diff(grey, axis=1, append=grey[:, -1:]))
    return np.maximum(dx, dy) > EDGE


def _shape(grey: np.ndarray) -> np.ndarray:
    """A key's ink relative to its darkest pixel, as grey: a light line and a dark one of one
    shape become one picture, so that the edges found in it are those of the shape, not of
    how dark it prints (a faint edge would fall under EDGE in one and not the other)."""
    dark = 1 - grey
    return 1 - dark / dark.max() if dark.max() > 0 else grey


def _differing(ea: np.ndarray, eb: np.ndarray) -> int:
    """Edge pixels in which two keys of one size differ, aligned row to row as best they can
    be: the entries of a legend stand one under another at different fractions of a pixel, so
    the antialiased edges of one shape can fall a row apart."""
    rows = ea.shape[0]
    shifts = (-1, 0, 1) if rows > 2 else (0,)  # a key a row or two high is not moved off itself
    return min(int((ea[max(dy, 0):rows + min(dy, 0)] ^ eb[max(-dy, 0):rows + min(-dy, 0)]).sum())
               for dy in shifts)


def alike_in_grey(fig) -> list[tuple[str, str]]:
    """Pairs of legend entries whose keys differ by no more than colour: printed in grey, the
    outlines, marks, dashes and hatching of one key are (all but DISTINCT_SHARE of them) those
    of the other, the keys aligned to the row (`_differing`). A difference in shade alone does
    not tell two entries apart."""
    found = []
    entries = legend_handles(fig)
    for (a, pa), (b, pb) in itertools.combinations(entries, 2):
        if pa.shape != pb.shape:
            continue  # keys of different sizes are told apart by their size
        ea, eb = _edges(_shape(pa)), _edges(_shape(pb))
        either = ea | eb
        if not either.any():
            found.append((a, b))  # two empty keys: only their words differ
            continue
        if _differing(ea, eb) < DISTINCT_SHARE * either.sum():
            found.append((a, b))
    return found


def short_dash_keys(fig) -> list[str]:
    """Legend entries whose key is too short to show its line's dash pattern DASH_REPEATS
    times (so a dashed line reads as solid in the legend)."""
    from matplotlib.lines import Line2D

    found = []
    for legend in fig.findobj(Legend):
        if not legend.get_visible():
            continue
        key_pt = legend.handlelength * legend.prop.get_size_in_points()
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
            if not isinstance(handle, Line2D) or handle.get_linestyle() in ("-", "None", ""):
                continue
            _, pattern = handle._dash_pattern  # in points, scaled by the line's width
            if pattern and DASH_REPEATS * sum(pattern) > key_pt:
                found.append(text.get_text())
    return found
