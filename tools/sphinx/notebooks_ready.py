"""Read each notebook as soon as the runner has stored it, while the others still execute.

`make book` starts the HTML build beside the notebook runner (tools/build_book.py
--with-runner), so that Sphinx's start and the pages that are not notebooks (the Data page above
all) are read while the kernels run. The runner says when a notebook is stored (or was up to
date) by a file in the folder that READY_ENV names (tools/run_notebooks.py --ready), and its
end by FINISHED there. Here the pages that are not notebooks are read first, then the notebooks
in the order the runner executes them (the largest first); each notebook waits for its file
and is then read from disk as stored. A notebook the runner did not store (it failed) fails
the build, which then leaves the last good HTML in place. Glue from other pages (the landing
page's numbers) is resolved when the pages are written, after every notebook was read.
Without READY_ENV (the tests' builds, `make html` after `make notebooks`) nothing changes.
Enabled in _config.yml under sphinx.local_extensions.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sphinx.errors import ExtensionError

READY_ENV = "BOOK_NOTEBOOKS_READY"
FINISHED = ".finished"  # written by tools/build_book.py when the runner has ended


def ready_file(folder: Path, rel: str) -> Path:
    """The file that says notebook `rel` (relative to the project root) is stored."""
    return Path(folder) / (rel.replace("/", "__") + ".ready")


def _notebook(env, docname: str) -> Path | None:
    path = Path(env.doc2path(docname))
    return path if path.suffix == ".ipynb" else None


def order(app, env, docnames: list[str]) -> None:
    """Pages first, then the notebooks, largest first (the runner's order)."""
    if not os.environ.get(READY_ENV):
        return

    def rank(docname: str):
        path = _notebook(env, docname)
        return (0, 0) if path is None else (1, -path.stat().st_size)

    docnames.sort(key=rank)


def wait(app, docname: str, source: list[str]) -> None:
    """A notebook waits for the runner to store it, and is read as stored."""
    folder = os.environ.get(READY_ENV)
    path = _notebook(app.env, docname) if folder else None
    if path is None:
        return
    rel = path.resolve().relative_to(Path(app.srcdir).resolve()).as_posix()
    ready = ready_file(Path(folder), rel)
    while not ready.is_file():
        if (Path(folder) / FINISHED).is_file() and not ready.is_file():
            raise ExtensionError(f"{rel}: expected the notebook runner to store it; found the "
                                 f"runner ended without it (its error is above)")
        time.sleep(0.02)
    source[0] = path.read_text(encoding="utf-8")


def setup(app):
    app.connect("env-before-read-docs", order)
    app.connect("source-read", wait)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
