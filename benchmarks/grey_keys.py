"""How often the grey test (analysis.publish.legibility.alike_in_grey) is wrong, on a grid of
small figures whose answer is known: two lines that differ by colour alone must be alike in
grey; a dashed, dotted or dash-dot line or one with marks is distinct from a solid one; a
hatched bar is distinct from a plain one, two plain bars of two colours are alike.

Usage: python benchmarks/grey_keys.py   (prints the count of wrong verdicts and each of them)
"""

from __future__ import annotations

import itertools

import matplotlib as mpl
import matplotlib.pyplot as plt

from analysis.publish import figures, legibility

DPIS = (72, 100, 150, 200, 300)
WIDTHS = (0.8, 1.5, 3)
SHADES = ("#d95f02", "#7570b3", "#000000", "#bbbbbb")
LINES = {"solid": {}, "dashed": {"linestyle": "--"}, "dotted": {"linestyle": ":"},
         "marks": {"marker": "o"}, "dash-dot": {"linestyle": "-."}}
HATCHES = ("", "//", "..")


def verdict(dpi: float, draw) -> bool:
    fig, ax = plt.subplots(figsize=(3.5, 2.5), dpi=dpi)
    try:
        draw(ax)
        return legibility.alike_in_grey(fig) != []
    finally:
        plt.close(fig)


def cases():
    for house, dpi in itertools.product((False, True), DPIS):
        for width, shade, (kind, style) in itertools.product(WIDTHS, SHADES, LINES.items()):
            def lines(ax, width=width, shade=shade, style=style):
                ax.plot([0, 10], [1, 2], color="#1b9e77", linewidth=width, label="A")
                ax.plot([0, 10], [3, 4], color=shade, linewidth=width, label="B", **style)
                ax.legend(loc="upper left", handlelength=3)
            yield house, dpi, f"{kind} line {width} pt, {shade}", lines, kind == "solid"
        for hatch in HATCHES:
            def bars(ax, hatch=hatch):
                ax.bar([1], [2], color="#1b9e77", label="A")
                ax.bar([3], [2], color="#d95f02", hatch=hatch, label="B")
                ax.legend(loc="upper left")
            yield house, dpi, f"bar hatched {hatch!r}", bars, hatch == ""


def main() -> int:
    wrong, total = [], 0
    for house, dpi, what, draw, alike in cases():
        with mpl.rc_context():
            if house:
                figures.use_style()
            found = verdict(dpi, draw)
        total += 1
        if found != alike:
            style = "house style" if house else "matplotlib's style"
            wrong.append(f"{style}, {dpi} dpi, {what}: expected "
                         f"{'alike' if alike else 'distinct'}, found "
                         f"{'alike' if found else 'distinct'}")
    print(f"{len(wrong)} of {total} verdicts wrong")
    print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
