"""A chapter notebook's inputs, declared once in its first code cell: `reads("quantities", ...)`.

A declared name is one of:

- a derived table, by its name: `quantities` (data/derived/quantities.csv; its fingerprint is
  its entry in data/derived/datapackage.json, which holds its hash and its schema);
- `reference:<name>`: data/reference/<name>.csv;
- `codebook:<name>`: data/codebooks/<name>.csv;
- any other project file, by its path from the repository root: `CITATION.cff`,
  `data/reference/basemap_caspian.geojson` (its fingerprint is its SHA-256).

tools/run_notebooks.py reads the declaration without running it (its arguments must be quoted
names) and keys the notebook's execution on the fingerprints of what it names. While it
executes a notebook it sets NOTEBOOK_ENV and STAGING_ENV in the kernel: the loaders then call
`check(name)`, which refuses a read the notebook did not declare (so a declaration cannot go
stale), and figure exports go to the staging folder, moved into place only when the whole
notebook ran. Elsewhere (JupyterLab, nbval, nbconvert) `check` lets every read through and
exports go straight to data/derived/figures/.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from pathlib import Path

from analysis.errors import AnalysisError
from analysis.io import paths

NOTEBOOK_ENV = "ANALYSIS_NOTEBOOK"
STAGING_ENV = "ANALYSIS_STAGING"
# The digest of everything the running notebook's outputs depend on (its execution key's
# code, reads, modules and pins; tools/run_notebooks.py `inputs_key`): a figure drawn under the
# same digest draws the same, so analysis.publish.figures need not draw it again.
INPUTS_ENV = "ANALYSIS_INPUTS_KEY"
PREFIXES = {"reference:": "data/reference/{}.csv", "codebook:": "data/codebooks/{}.csv"}
DATAPACKAGE = "data/derived/datapackage.json"

_declared: tuple[str, ...] | None = None


class UndeclaredRead(AnalysisError):
    """A notebook read a table or file its reads(...) does not name, or named a wrong one."""


def path_of(name: str) -> str | None:
    """The file a declared name points to, relative to the root; None for a malformed name."""
    if not isinstance(name, str) or not name or name != name.strip() or ".." in name:
        return None
    for prefix, pattern in PREFIXES.items():
        if name.startswith(prefix):
            stem = name[len(prefix):]
            return pattern.format(stem) if stem and "/" not in stem else None
    if "/" in name or "." in name:
        return name if not name.startswith("/") else None
    return f"data/derived/{name}.csv"


def is_table(name: str) -> bool:
    return path_of(name) == f"data/derived/{name}.csv"


def fingerprint(name: str, root: Path = paths.ROOT) -> str | None:
    """SHA-256 of what `name` points to (a table: its datapackage.json entry); None if absent."""
    rel = path_of(name)
    if rel is None or not (Path(root) / rel).is_file():
        return None
    if is_table(name):
        package = Path(root) / DATAPACKAGE
        if not package.is_file():
            return None
        resources = json.loads(package.read_text(encoding="utf-8")).get("resources", [])
        entry = next((r for r in resources if r.get("name") == name), None)
        data = json.dumps(entry, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(data).hexdigest() if entry is not None else None
    return hashlib.sha256((Path(root) / rel).read_bytes()).hexdigest()


def reads(*names: str) -> None:
    """Declare what this notebook reads: every name must point to a file of the project."""
    global _declared
    for name in names:
        if fingerprint(name) is None:
            where = path_of(name)
            raise UndeclaredRead(
                f"reads({name!r}): expected a derived table, reference:<name>, codebook:<name> "
                f"or a project file; found " + (f"no file {where}" if where else "a bad name"))
    _declared = tuple(names)


def check(name: str) -> None:
    """Under the runner, refuse a read that the running notebook did not declare."""
    notebook = os.environ.get(NOTEBOOK_ENV)
    if notebook and name not in (_declared or ()):
        raise UndeclaredRead(f"{notebook} reads {name!r}, which the reads(...) of its first code "
                             f"cell does not declare: add it there")


def export_root(root: Path = paths.ROOT) -> Path:
    """Where figure exports are written: the runner's staging folder while it runs a notebook."""
    staging = os.environ.get(STAGING_ENV)
    return Path(staging) if staging else Path(root)


def declared_in(sources: list[str]) -> tuple[str, ...] | None:
    """The names of the one `reads(...)` call in these code cells, read without running them;
    None when there is no such call. Raises ValueError for two calls or an unquoted argument."""
    calls = []
    for source in sources:
        lines = ["" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines()]
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError:
            continue
        calls += [node for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and getattr(node.func, "id", getattr(node.func, "attr", None)) == "reads"]
    if not calls:
        return None
    if len(calls) > 1:
        raise ValueError(f"one reads(...) call; found {len(calls)}")
    args = calls[0].args
    if calls[0].keywords or not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                    for a in args):
        raise ValueError("reads(...) with quoted names only")
    return tuple(a.value for a in args)
