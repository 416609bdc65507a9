"""Figures: one house style and one way to publish a figure from a notebook.

`publish` glues the figure under its stable name (so the book can place it with
`{glue:figure}` and `:name:`) and closes it, so nothing is drawn twice.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt

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


def use_style() -> None:
    mpl.rcParams.update(STYLE)


def publish(fig, name: str) -> None:
    """Glue `fig` under `name` for the book, then close it."""
    from myst_nb import glue

    glue(name, fig, display=False)
    plt.close(fig)
