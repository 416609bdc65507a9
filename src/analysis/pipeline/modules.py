"""Which analysis modules a piece of code runs, read from their imports (nothing is imported).

Two records rest on it: the modules a notebook runs are part of its execution key
(tools/run_notebooks.py), and the modules derive runs are recorded with its inputs in
datapackage.json, so that `analysis verify` tells by content that data/derived/ is older than
the code that derives it.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = "analysis"
DERIVE = "analysis.pipeline.derive"  # what `python -m analysis derive` runs


def code_tree(source: str) -> ast.AST:
    """Python source (or a notebook cell) as a tree, IPython magics and shell escapes left
    out; a cell that does not parse gives an empty tree."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return ast.parse("")


def imported(tree: ast.AST, current: str, is_package: bool) -> set[str]:
    """Names of analysis modules imported anywhere in `tree` (lazy imports included)."""
    found: set[str] = set()
    for node in _statements(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            parts = current.split(".") if is_package else current.split(".")[:-1]
            base = ".".join(parts[:len(parts) - node.level + 1] + [node.module or ""]).strip(".") \
                if node.level else node.module or ""
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {n for n in found if n == PACKAGE or n.startswith(PACKAGE + ".")}


# An import is a statement, so only statements and the blocks that hold statements are walked:
# a module's expressions, most of its tree, cannot import.
BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _statements(tree: ast.AST):
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for field in BLOCKS:
            block = getattr(node, field, None)
            if isinstance(block, list):
                todo.extend(block)


@cache
def _imported_by_source(source: str, current: str, is_package: bool) -> frozenset[str]:
    """`imported` of a module's source, parsed once a process for each text it has (a process
    that derives again and again reads the same modules each time)."""
    return frozenset(imported(ast.parse(source), current, is_package))


def closure(root: Path, names: set[str], not_followed: frozenset[str] = frozenset()) -> list[str]:
    """Source files (relative to root, sorted) of the modules `names` and every analysis module
    they import, followed through their imports; a module in `not_followed` is taken only when
    `names` holds it itself."""
    root = Path(root)
    todo, seen = set(names), {}
    while todo:
        name = todo.pop()
        if name in seen or (name in not_followed and name not in names):
            continue
        base = root / "src" / Path(*name.split("."))
        path = next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()),
                    None)
        if path is None:  # a name defined in a package, not a module
            continue
        seen[name] = path
        todo |= {name.rpartition(".")[0]} - {""}
        todo |= _imported_by_source(path.read_text(encoding="utf-8"), name,
                                    path.name == "__init__.py")
    return sorted(p.relative_to(root).as_posix() for p in seen.values())
