"""The import graph of src/analysis keeps the house plan's one direction (shared/DESIGN.md, "Data
flow"): a module imports only from its own stage or from stages beneath it, never from a stage
that uses it. Every import counts, the ones inside functions too (a lazy import is still an
arrow).

The stages from the bottom: errors; schema (column and table declarations); io (reads inputs
and checks them against schema's declarations: a reference table is a schema Table); text
(pure parsers); tables (builders); pipeline (registry, derive, verify, load); chapters and
publish (beside each other, neither importing the other); the command line (__main__).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "analysis"
LAYERS = {"errors": 0, "schema": 1, "io": 2, "text": 3, "tables": 4, "pipeline": 5,
          "chapters": 6, "publish": 6, "__main__": 7, "__init__": 0}


def stage(module: str) -> str:
    """The stage of a module named analysis.<stage>[.<rest>]."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 2:
        parts = parts[:-1]
    return ".".join(parts)


def imports(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every analysis module `source` imports, lazy imports included."""
    package = module if is_package else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "analysis"]


def arrows_up(module: str, source: str, is_package: bool = False) -> list[str]:
    """Each import of `source` (the text of `module`) from a stage above its own, or from
    another stage beside it."""
    here = stage(module)
    out = []
    for line, name in imports(source, module, is_package):
        there = stage(name)
        if LAYERS[there] > LAYERS[here] or (LAYERS[there] == LAYERS[here] and there != here):
            out.append(f"{module}:{line}: {here} imports {name} ({there})")
    return out


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_stage_of_the_package_has_a_place_in_the_layers():
    stages = {stage(module_name(p)) for p in MODULES}
    assert stages <= set(LAYERS), stages - set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_runs_back_up_the_layers(path):
    assert arrows_up(module_name(path), path.read_text(encoding="utf-8"),
                     path.name == "__init__.py") == []


def test_an_arrow_back_up_is_caught():
    """The check itself can fail: schema importing io lazily, inside a function; the pipeline
    importing publish; chapters and publish importing each other."""
    lazy = "def f():\n    from analysis.io import reference\n    from . import table\n"
    assert arrows_up("analysis.schema.fake", lazy) == [
        "analysis.schema.fake:2: schema imports analysis.io.reference (io)"]
    derive = "from analysis.publish import citation\nfrom analysis.tables import places\n"
    assert arrows_up("analysis.pipeline.fake", derive) == [
        "analysis.pipeline.fake:1: pipeline imports analysis.publish.citation (publish)"]
    assert arrows_up("analysis.chapters.fake", "import analysis.publish.maps\n") == [
        "analysis.chapters.fake:1: chapters imports analysis.publish.maps (publish)"]
    assert arrows_up("analysis.text.documents", "from .lists import list_items\n", True) == []
