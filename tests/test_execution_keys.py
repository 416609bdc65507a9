"""Notebooks re-execute when their code or the data they read changes, and only then.

A temporary project holds the real analysis package and data and three small notebooks:
`a` reads table sections, `b` reads table sentences, `c` reads no table, imports
analysis.publish.figures and writes a file under data/. They are executed once; each test copies
that executed project, makes one kind of change and checks exactly which notebooks
tools/run_notebooks.py selects.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "tools" / "run_notebooks.py")
runner = importlib.util.module_from_spec(spec)
sys.modules["run_notebooks"] = runner  # its parallel workers are found by module name
spec.loader.exec_module(runner)

A, B, C = "book/a.ipynb", "book/b.ipynb", "book/c.ipynb"
CODE = {
    A: 'from analysis.pipeline import load\n\nlen(load.table("sections"))',
    B: 'from analysis.pipeline import load\n\nlen(load.table("sentences"))',
    C: "from analysis.publish.figures import KAZAKHSTAN\n\n"
       "open('../data/written-by-c.txt', 'w').close()  # an output, not an input\n"
       "KAZAKHSTAN",
}


def notebook(code: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A chapter\n\nSome prose."),
                nbformat.v4.new_code_cell(code)]
    return nb


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    for folder in ("src", "data", "tools"):
        shutil.copytree(ROOT / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, root / name)
    (root / "book").mkdir()
    for rel, code in CODE.items():
        nbformat.write(notebook(code), root / rel)
    assert runner.run(root, jobs=2) == [A, B, C]
    return root


@pytest.fixture
def project(executed, tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(executed, root)
    return root


def selected(root: Path) -> set[str]:
    return {rel for rel, why in runner.plan(root).items() if why}


def edit_notebook(root: Path, rel: str, change) -> None:
    nb = nbformat.read(root / rel, as_version=4)
    change(nb)
    nbformat.write(nb, root / rel)


def change_table(root: Path, name: str, new_bytes: bytes) -> None:
    """Replace a derived table's bytes and its hash in datapackage.json, as derive would."""
    (root / "data" / "derived" / f"{name}.csv").write_bytes(new_bytes)
    package_path = root / "data" / "derived" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == name:
            resource["hash"] = "sha256:" + hashlib.sha256(new_bytes).hexdigest()
            resource["bytes"] = len(new_bytes)
    package_path.write_text(json.dumps(package, indent=2), encoding="utf-8")


def test_execution_records_what_each_notebook_read_and_ran(executed):
    notebooks = json.loads((executed / runner.STAMP).read_text(encoding="utf-8"))["notebooks"]
    assert sorted(notebooks[A]["reads"]) == ["data/derived/datapackage.json",
                                             "data/derived/sections.csv"]
    assert sorted(notebooks[B]["reads"]) == ["data/derived/datapackage.json",
                                             "data/derived/sentences.csv"]
    # the palette is read when analysis.publish.figures is imported: a change of colour
    # re-executes every chapter that draws
    palette = (executed / "data" / "codebooks" / "palette.csv").read_bytes()
    assert notebooks[C]["reads"] == {"data/codebooks/palette.csv":
                                     hashlib.sha256(palette).hexdigest()}
    assert notebooks[C]["writes"] == {"data/written-by-c.txt": hashlib.sha256(b"").hexdigest()}
    assert notebooks[A]["writes"] == {}
    assert "src/analysis/pipeline/load.py" in notebooks[A]["modules"]
    assert "src/analysis/pipeline/registry.py" not in notebooks[A]["modules"]
    assert ({"src/analysis/__init__.py", "src/analysis/publish/figures.py"}
            <= set(notebooks[C]["modules"]))
    assert "src/analysis/pipeline/load.py" not in notebooks[C]["modules"]
    nb = nbformat.read(executed / A, as_version=4)
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == str(
        len((executed / "data/derived/sections.csv").read_text().splitlines()) - 1)


def test_nothing_is_selected_when_nothing_changed(project):
    assert selected(project) == set()
    assert runner.run(project) == []


def test_editing_prose_selects_nothing(project):
    def reword(nb):
        nb.cells[0].source = "# A chapter\n\nOther prose, and a new paragraph.\n\nMore."
    edit_notebook(project, A, reword)
    assert selected(project) == set()


def test_editing_code_selects_that_notebook(project):
    edit_notebook(project, A, lambda nb: nb.cells.append(nbformat.v4.new_code_cell("1 + 1")))
    assert selected(project) == {A}


def test_cleared_outputs_select_that_notebook(project):
    def clear(nb):
        nb.cells[1].outputs = []
        nb.cells[1].execution_count = None
    edit_notebook(project, B, clear)
    assert selected(project) == {B}


def test_a_deleted_or_changed_output_file_selects_its_writer(project):
    written = project / "data" / "written-by-c.txt"
    written.write_text("changed by hand")
    assert selected(project) == {C}
    written.unlink()
    assert selected(project) == {C}


def test_changing_a_table_selects_exactly_its_readers(project):
    path = project / "data" / "derived" / "sections.csv"
    lines = path.read_bytes().splitlines(keepends=True)
    change_table(project, "sections", b"".join(lines[:-1]))
    assert selected(project) == {A}
    assert runner.run(project) == [A]
    nb = nbformat.read(project / A, as_version=4)
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == str(len(lines) - 2)
    assert selected(project) == set()


def test_changing_a_table_description_selects_its_readers(project):
    package_path = project / "data" / "derived" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "sentences":
            resource["schema"]["fields"][0]["type"] = "integer"
    package_path.write_text(json.dumps(package), encoding="utf-8")
    assert selected(project) == {B}


def test_changing_a_module_selects_the_notebooks_that_import_it(project):
    figures = project / "src" / "analysis" / "publish" / "figures.py"
    figures.write_text(figures.read_text() + "\nEXTRA = 1\n")
    assert selected(project) == {C}
    load = project / "src" / "analysis" / "pipeline" / "load.py"
    load.write_text(load.read_text() + "\n# a comment\n")
    assert selected(project) == {A, B, C}


def test_changing_a_table_builder_alone_selects_nothing(project):
    """Builders reach a notebook only through the tables' bytes, which did not change."""
    structure = project / "src" / "analysis" / "tables" / "structure.py"
    structure.write_text(structure.read_text() + "\n# reworded comment\n")
    assert selected(project) == set()


def test_changing_the_pins_selects_every_notebook(project):
    constraints = project / "constraints.txt"
    constraints.write_text(constraints.read_text() + "\nexample-package==1.0\n")
    assert selected(project) == {A, B, C}


def test_without_the_stamp_every_notebook_is_selected(project):
    (project / runner.STAMP).unlink()
    assert selected(project) == {A, B, C}


def test_the_committed_notebooks_are_executed_against_the_current_inputs():
    stale = {rel: why for rel, why in runner.plan(ROOT).items() if why}
    assert stale == {}, f"run `make notebooks` and commit the notebooks and {runner.STAMP}"


def test_modules_are_followed_through_the_registry_only_when_imported_directly():
    through_load = runner.module_files(ROOT, notebook(CODE[A]))
    assert "src/analysis/schema/table.py" in through_load
    assert "src/analysis/pipeline/registry.py" not in through_load
    assert "src/analysis/tables/structure.py" not in through_load
    direct = runner.module_files(
        ROOT, notebook("from analysis.pipeline.registry import TABLES\nTABLES"))
    assert {"src/analysis/pipeline/registry.py", "src/analysis/tables/structure.py"} <= set(direct)


def test_magics_and_shell_escapes_do_not_hide_imports():
    nb = notebook("%matplotlib inline\n!ls\nimport analysis.publish.figures as f")
    assert runner.module_files(ROOT, nb) == runner.module_files(
        ROOT, notebook("from analysis.publish import figures"))
    assert "src/analysis/publish/figures.py" in runner.module_files(ROOT, nb)
