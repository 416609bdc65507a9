"""Marks that tell series apart without colour, beside the palette's colours: hatching for
areas and shapes for points, each sequence in a fixed order, so that the n-th step of an ordered
scale always has the same mark and two categories printed in grey still look different.

A chapter picks a mark by position (`hatch(i)`, `marker(i)`); colours stay those of
data/codebooks/palette.csv, and each mark is drawn in a grey that shows on its fill.
"""

from __future__ import annotations

from matplotlib.colors import to_rgb

# Sparse to dense, so that a light fill with a sparse hatch and a dark one with a dense hatch
# both stay readable; the first step of a scale is plain.
HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "++++", "----", "||||")
MARKERS = ("o", "D", "s", "^", "v", "P", "X")
DARK, LIGHT = "#333333", "#FFFFFF"


def hatch(i: int) -> str:
    """The hatching of the i-th category (0 plain)."""
    return HATCHES[i % len(HATCHES)]


def marker(i: int) -> str:
    """The point marker of the i-th category."""
    return MARKERS[i % len(MARKERS)]


def ink_on(fill: str) -> str:
    """The colour a hatch or an outline is drawn in on `fill`: white on a dark fill, dark grey
    on a light one (by the fill's luma, as a grey printer renders it)."""
    r, g, b = to_rgb(fill)
    return LIGHT if 0.299 * r + 0.587 * g + 0.114 * b < 0.45 else DARK
