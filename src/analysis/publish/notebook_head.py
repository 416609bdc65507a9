"""The first cells of every chapter notebook, generated: a note for a reader who downloaded it,
and the one declaration of what the chapter reads, behind an import that says what it needs.

- The note (a markdown cell, removed from the HTML) names the report, its version and where to
  get the repository, from CITATION.cff (`repository-code`, else `url`; a placeholder until
  the report is published), and the one command that prepares it.
- The inputs cell (the first code cell) imports `reads` from analysis.io.inputs (outside the
  repository: one line saying so, no traceback) and calls it with the chapter's names, which
  are kept as written. A notebook that has none yet gets them guessed from its loader calls;
  the runner refuses any read the guess missed, naming it.

tools/run_notebooks.py writes them into every notebook before it plans (`make notebooks`;
`python tools/run_notebooks.py --tidy` does only that).
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

from analysis.io import inputs, paths
from analysis.publish import citation

NOTE_ID = "reader-note"
INPUTS_ID = "declared-inputs"
PLACEHOLDER = " (its public address will be given here once it is published)"
PREPARE = "make lab"
BASEMAP = "data/reference/basemap_caspian.geojson"

INPUTS_CELL = '''\
# What this chapter reads: tools/run_notebooks.py keys its execution on these and refuses others.
try:
    from analysis.io.inputs import reads
except ImportError:
    class NeedsTheRepository(Exception):
        def _render_traceback_(self):
            return [str(self)]

    raise NeedsTheRepository("This notebook runs only inside the report's repository, with its "
                             "environment (`{prepare}`): see its first cell.") from None

'''


def repository(root: Path = paths.ROOT) -> str | None:
    import yaml

    data = yaml.safe_load((Path(root) / citation.CITATION_FILE).read_text(encoding="utf-8"))
    return (data or {}).get("repository-code") or (data or {}).get("url")


def note_source(root: Path = paths.ROOT) -> str:
    book = citation.read_book(root)
    address = repository(root)
    where = f", <{address}>" if address else PLACEHOLDER
    return (
        f"**Re-run this chapter.** This notebook is a chapter of the report *{book.title}*, "
        f"version {book.version}. It runs only inside the report's repository{where}: in a "
        f"copy of it, `{PREPARE}` installs the pinned environment (the first time) and opens the "
        f"chapters in JupyterLab. Then choose *Kernel → Restart Kernel and Run All Cells*: the "
        f"text, tables and numbers come out as stored here (figures may differ by fonts). The "
        f"README's section \"Re-run a chapter yourself\" says how to compare."
    )


def inputs_source(names: tuple[str, ...]) -> str:
    call, line = "reads(", "reads("
    for i, name in enumerate(names):
        item = repr(name).replace("'", '"') + (", " if i < len(names) - 1 else "")
        if len(line) + len(item.rstrip()) > 99:
            call, line = call.rstrip() + "\n      ", "      "
        call, line = call + item, line + item
    return INPUTS_CELL.format(prepare=PREPARE) + call + ")"


def guess(nb: nbformat.NotebookNode) -> tuple[str, ...]:
    """Names read by this project's loader calls in the notebook's code (a first draft)."""
    found: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse("\n".join("" if ln.lstrip().startswith(("%", "!")) else ln
                                       for ln in cell.source.splitlines()))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "id", getattr(func, "attr", None))
            owner = getattr(getattr(func, "value", None), "id", None)
            first = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) \
                else None
            if name == "table" and isinstance(first, str):
                found.append(first)
            elif name == "reference" and isinstance(first, str):
                found.append(f"reference:{first}")
            elif name == "publish":
                found += ["codebook:figures", "codebook:palette", citation.CITATION_FILE]
            elif name == "load" and owner == "basemap":
                found.append(BASEMAP)
    kind = {"reference": 1, "codebook": 2}
    return tuple(sorted(dict.fromkeys(found), key=lambda n: (
        3 if inputs.path_of(n) and not inputs.is_table(n) and ":" not in n
        else kind.get(n.partition(":")[0], 0) if ":" in n else 0)))


def update(nb: nbformat.NotebookNode, root: Path = paths.ROOT) -> nbformat.NotebookNode:
    """Put the current note first and the inputs cell before the first other code cell."""
    old = next((c for c in nb.cells if c.get("id") == INPUTS_ID), None)
    names = inputs.declared_in([old.source]) if old is not None else None
    cells = [c for c in nb.cells if c.get("id") not in (NOTE_ID, INPUTS_ID)]
    if names is None:
        names = guess(nbformat.v4.new_notebook(cells=cells))
    note = nbformat.v4.new_markdown_cell(note_source(root), id=NOTE_ID,
                                         metadata={"tags": ["remove-cell"]})
    code = nbformat.v4.new_code_cell(inputs_source(names), id=INPUTS_ID,
                                     metadata={"tags": ["hide-input"]})
    if old is not None and old.source == code.source:
        code = old  # its outputs and count stay as the last execution left them
    first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
    nb.cells = [note, *cells[:first_code], code, *cells[first_code:]]
    return nb
