"""Figures: one house style and one way to publish a figure from a notebook.

`publish(fig, name)` does four things, so that a chapter needs one call per figure:

1. refuses a figure that is not declared in data/codebooks/figures.csv (name, chapter, title,
   source line): the declaration is what its citation is generated from;
2. exports it to data/derived/figures/<name>.png (300 dpi), .svg and .pdf, byte-identical from
   run to run (no dates, no software versions, a fixed SVG hash salt), each written atomically;
3. glues the figure under `name` (placed with ```{glue:figure} name``` and `:name: name`) and its
   "cite this figure" block under `name-cite` (placed with ```{glue:md} name-cite```,
   `:format: myst`): plain text, BibTeX and download links to the three exports;
4. closes it, so nothing is drawn twice.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt

from analysis.io import inputs, paths
from analysis.io.atomic import write_all_atomic
from analysis.publish import citation

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "svg.hashsalt": "kz-tm-report",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
}
KAZAKHSTAN = "#00AFCA"
TURKMENISTAN = "#1E8C3A"
REFERENCE = "#888888"
PRIMARY = "#C0392B"

EXPORT_DPI = 300
# Metadata that would change from run to run (dates, software versions) is left out; the
# title is kept, so a file found on its own still says what it shows.
_VOLATILE = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def use_style() -> None:
    mpl.rcParams.update(STYLE)


def render_exports(fig, title: str) -> dict[str, bytes]:
    """The figure's bytes in every export format, rendered in memory."""
    out = {}
    with mpl.rc_context({"svg.hashsalt": STYLE["svg.hashsalt"]}):
        for fmt in citation.EXPORT_FORMATS:
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=EXPORT_DPI,
                        metadata={**_VOLATILE[fmt], "Title": title})
            out[fmt] = buffer.getvalue()
    return out


def export(fig, name: str, root: Path = paths.ROOT) -> list[Path]:
    """Write the declared figure's three exports under data/derived/figures/ (under the notebook
    runner: into its staging folder, moved into place when the whole notebook ran); all or
    nothing."""
    declared = citation.figure(name, root)
    data = render_exports(fig, declared.title)
    target = inputs.export_root(root)
    files = {target / declared.export_path(fmt): data[fmt] for fmt in citation.EXPORT_FORMATS}
    write_all_atomic(files)
    return sorted(files)


def publish(fig, name: str, root: Path = paths.ROOT) -> None:
    """Export `fig`, glue it and its cite block for the book, then close it."""
    from IPython.display import Markdown
    from myst_nb import glue

    try:
        export(fig, name, root)
        block = citation.figure_cite_markdown(citation.figure(name, root),
                                              citation.read_book(root))
        glue(name, fig, display=False)
        glue(f"{name}-cite", Markdown(block), display=False)
    finally:
        plt.close(fig)

