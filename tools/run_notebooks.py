"""Execute the book's notebooks in place, deterministically, and store them with outputs.

The HTML build only renders what is stored (execute_notebooks: off) and nbval compares
against it, so the stored notebook is the single executed result. Volatile metadata (timings,
kernel start times) is not recorded; a failed execution leaves the stored notebook as it was.

Usage: python tools/run_notebooks.py [NOTEBOOK ...]   (default: every book/*.ipynb)
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
TIMEOUT_SECONDS = 300


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes from run to run without changing the result."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": "python3"}
    lang = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {"name": lang.get("name", "python")}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
    return nb


def shown(path: Path) -> str:
    """The path as a person reads it: relative to the project when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=TIMEOUT_SECONDS, kernel_name="python3",
                            record_timing=False, resources={"metadata": {"path": str(BOOK)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        first = str(exc).strip().splitlines()
        cell = next((n for n, c in enumerate(nb.cells, 1)
                     if any(o.get("output_type") == "error" for o in c.get("outputs", []))), "?")
        raise SystemExit(f"{shown(path)}, cell {cell}: expected every cell to run; found "
                         f"{exc.ename}: {exc.evalue}. The stored notebook is left as it was.\n"
                         + "\n".join(first[-15:])) from None
    text = nbformat.writes(normalise(nb)) + "\n"
    tmp = path.with_suffix(".ipynb.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str]) -> int:
    notebooks = [Path(a).resolve() for a in argv] or sorted(BOOK.glob("*.ipynb"))
    for path in notebooks:
        print(f"==> executing {shown(path)}", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
