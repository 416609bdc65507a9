"""Every declared figure's drawing function, taken from the chapter that publishes it.

The chapters' code cells run in this process with `publish` replaced by a recorder, so a test
gets each figure's `draw(width)` exactly as the book calls it (same tables, same code) and can
finish it at each width the way `publish` does, without exporting anything.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import matplotlib

from analysis.io import paths

matplotlib.use("Agg")


def drawings(only: tuple[str, ...] = ()) -> dict[str, tuple[str, object]]:
    """{figure name: (notebook, draw function)} for every figure a chapter publishes (or only
    those of the notebooks named in `only`, by stem). Each chapter's code runs once a process,
    whichever figures or chapters are asked for."""
    found: dict[str, tuple[str, object]] = {}
    for notebook in sorted((Path(paths.ROOT) / "book").glob("*.ipynb")):
        if not only or notebook.stem in only:
            found.update(_published_by(notebook))
    return found


@cache
def _published_by(notebook: Path) -> dict[str, tuple[str, object]]:
    """The figures one chapter publishes, its code cells run with `publish` recording them."""
    from unittest import mock

    import myst_nb

    from analysis.publish import figures, tables

    found: dict[str, tuple[str, object]] = {}
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = ["\n".join(ln for ln in "".join(c["source"]).splitlines()
                      if not ln.lstrip().startswith(("%", "!")))
            for c in cells if c["cell_type"] == "code"]
    if not any("publish(" in c for c in code):
        return found

    def record(draw, name, root=paths.ROOT, data=None):
        found[name] = (notebook.name, draw)

    namespace = {"__name__": f"chapter_{notebook.stem}"}
    with mock.patch.object(figures, "publish", record), \
            mock.patch.object(myst_nb, "glue", lambda *a, **k: None), \
            mock.patch.object(tables, "show", lambda *a, **k: None), \
            mock.patch.dict(os.environ, {}):
        for source in code:
            exec(compile(source, str(notebook), "exec"), namespace)  # noqa: S102
    return found


def finished(name: str, only: tuple[str, ...] = ()) -> dict:
    """The figure drawn and finished at every width, as `publish` makes it (source line and
    layout included): {width name: figure}; the caller closes them."""
    from analysis.publish import figures

    _, draw = drawings(only)[name]
    return figures.draw_all(draw, name)
