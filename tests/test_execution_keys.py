"""Notebooks re-execute when their code or what they declare they read changes, and only then.

A temporary project holds the real analysis package and data and three small notebooks: `a`
reads table sections, `b` table sentences, `c` no table but publishes a figure (so it reads the
figure catalogue and CITATION.cff). The runner writes their head cells, guessing the
declarations from their loader calls. They are executed once; each test copies that executed
project, makes one kind of change and checks exactly which notebooks tools/run_notebooks.py
selects, or what it refuses.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, copy_data

spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "tools" / "run_notebooks.py")
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)

A, B, C = "book/a.ipynb", "book/b.ipynb", "book/c.ipynb"
FIGURE = "fig-source-sections"
EXPORTS = sorted([f"data/derived/figures/{FIGURE}{width}.{fmt}" for width in ("", "-column")
                  for fmt in ("pdf", "png", "svg")]
                 + [f"data/derived/figures/{FIGURE}.exports.json"])
CODE = {
    A: 'from analysis.pipeline import load\n\nlen(load.table("sections"))',
    B: 'from analysis.pipeline import load\n\nlen(load.table("sentences"))',
    C: "import matplotlib.pyplot as plt\nfrom analysis.publish.figures import publish\n\n"
       "def draw(width):\n    fig, ax = plt.subplots(figsize=(width, 2))\n    ax.plot([1, 2])\n"
       f"    return fig\n\npublish(draw, {FIGURE!r})",
}


def notebook(*code: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A chapter\n\nSome prose.")]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in code]
    return nb


def make_project(root: Path) -> Path:
    copy_data(ROOT, root)
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "book").mkdir()
    return root


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("project"))
    for rel, code in CODE.items():
        nbformat.write(notebook(code), root / rel)
    for rel in EXPORTS:
        (root / rel).unlink()
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


def last_code(nb) -> nbformat.NotebookNode:
    return [c for c in nb.cells if c.cell_type == "code"][-1]


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


def cli(root: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "run_notebooks.py"),
                           "--root", str(root), *args], capture_output=True, text=True)


def test_execution_keys_what_each_notebook_declares_runs_and_writes(executed):
    notebooks = json.loads((executed / runner.STAMP).read_text(encoding="utf-8"))["notebooks"]
    assert sorted(notebooks[A]["reads"]) == ["sections"]
    assert sorted(notebooks[B]["reads"]) == ["sentences"]
    assert sorted(notebooks[C]["reads"]) == ["CITATION.cff", "codebook:figures",
                                             "codebook:palette"]
    assert sorted(notebooks[C]["writes"]) == EXPORTS
    assert all((executed / rel).is_file() for rel in EXPORTS)
    assert notebooks[A]["writes"] == {}
    assert "src/analysis/pipeline/load.py" in notebooks[A]["modules"]
    assert "src/analysis/pipeline/registry.py" not in notebooks[A]["modules"]
    assert "src/analysis/publish/figures.py" in notebooks[C]["modules"]
    assert "src/analysis/pipeline/load.py" not in notebooks[C]["modules"]
    nb = nbformat.read(executed / A, as_version=4)
    assert (nb.cells[0].id, nb.cells[2].id) == ("reader-note", "declared-inputs")
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2]
    assert last_code(nb).outputs[0]["data"]["text/plain"] == str(
        len((executed / "data/derived/sections.csv").read_text().splitlines()) - 1)


def test_nothing_is_selected_when_nothing_changed(project):
    assert selected(project) == set()
    assert runner.run(project) == []


def test_editing_prose_selects_nothing(project):
    def reword(nb):
        nb.cells[1].source = "# A chapter\n\nOther prose, and a new paragraph.\n\nMore."
    edit_notebook(project, A, reword)
    assert selected(project) == set()


def test_editing_code_selects_that_notebook(project):
    edit_notebook(project, A, lambda nb: nb.cells.append(nbformat.v4.new_code_cell("1 + 1")))
    assert selected(project) == {A}


def test_cleared_outputs_select_that_notebook(project):
    def clear(nb):
        last_code(nb).outputs = []
        last_code(nb).execution_count = None
    edit_notebook(project, B, clear)
    assert selected(project) == {B}


def test_a_deleted_or_changed_figure_export_selects_its_writer(project):
    written = project / EXPORTS[1]
    written.write_bytes(b"changed by hand")
    assert selected(project) == {C}
    written.unlink()
    assert selected(project) == {C}
    assert runner.run(project) == [C]
    assert written.is_file() and selected(project) == set()


def test_changing_a_table_selects_exactly_its_readers(project):
    path = project / "data" / "derived" / "sections.csv"
    lines = path.read_bytes().splitlines(keepends=True)
    change_table(project, "sections", b"".join(lines[:-1]))
    assert selected(project) == {A}
    assert runner.run(project) == [A]
    nb = nbformat.read(project / A, as_version=4)
    assert last_code(nb).outputs[0]["data"]["text/plain"] == str(len(lines) - 2)
    assert selected(project) == set()


def test_figures_are_exported_outside_the_kernel_only_when_what_they_draw_changed(project,
                                                                                 capsys):
    """A fourth notebook draws a figure from table sections. Executing every notebook again
    exports no figure; a change to sections re-exports exactly that figure (that the runner's
    exports are those a kernel writes itself: tests/test_figures.py)."""
    other = "fig-agreements-levels"
    files = [f"data/derived/figures/{other}{w}.{f}" for w in ("", "-column")
             for f in ("pdf", "png", "svg")]
    code = ('import matplotlib.pyplot as plt\nfrom analysis.pipeline import load\n'
            'from analysis.publish.figures import publish\n\n'
            'n = len(load.table("sections"))\n\ndef draw(width):\n'
            '    fig, ax = plt.subplots(figsize=(width, 2))\n    ax.barh(["sections"], [n])\n'
            f'    return fig\n\npublish(draw, {other!r})')
    nbformat.write(notebook(code), project / "book" / "d.ipynb")
    assert runner.run(project) == ["book/d.ipynb"]
    assert f"exported {other}" in capsys.readouterr().out
    stored = {rel: (project / rel).read_bytes() for rel in EXPORTS + files}
    times = {rel: (project / rel).stat().st_mtime_ns for rel in EXPORTS + files}
    assert len(runner.run(project, force=True)) == 4
    assert "exported" not in capsys.readouterr().out
    assert {rel: (project / rel).stat().st_mtime_ns for rel in times} == times

    lines = (project / "data/derived/sections.csv").read_bytes().splitlines(keepends=True)
    change_table(project, "sections", b"".join(lines[:-1]))
    assert runner.run(project) == [A, "book/d.ipynb"]
    out = capsys.readouterr().out
    assert f"exported {other}" in out and f"exported {FIGURE}" not in out
    assert all((project / rel).read_bytes() != stored[rel] for rel in files)
    assert {rel: (project / rel).stat().st_mtime_ns for rel in EXPORTS} == \
        {rel: times[rel] for rel in EXPORTS}


def test_changing_a_table_description_selects_its_readers(project):
    package_path = project / "data" / "derived" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "sentences":
            resource["schema"]["fields"][0]["description"] += " Reworded."
    package_path.write_text(json.dumps(package), encoding="utf-8")
    assert selected(project) == {B}


def test_changing_a_declared_file_selects_its_readers(project):
    figures = project / "data" / "codebooks" / "figures.csv"
    figures.write_text(figures.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert selected(project) == {C}


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


def test_a_read_the_notebook_did_not_declare_is_refused_and_changes_nothing(project):
    def read_more(nb):
        last_code(nb).source += '\nlen(load.table("sentences"))'
    edit_notebook(project, A, read_more)
    stored = (project / A).read_bytes()
    done = cli(project, A)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "error: book/a.ipynb, cell 4: expected every cell to run; found UndeclaredRead: "
        "book/a.ipynb reads 'sentences', which the reads(...) of its first code cell does not "
        "declare: add it there (the stored notebook and figures are left as they were)"]
    assert (project / A).read_bytes() == stored


def test_a_notebook_that_raises_leaves_no_new_figure_files(project):
    for rel in EXPORTS:
        (project / rel).unlink()
    edit_notebook(project, C, lambda nb: nb.cells.append(nbformat.v4.new_code_cell("1 / 0")))
    stored = (project / C).read_bytes()
    done = cli(project, C)
    assert done.returncode == 1
    assert "book/c.ipynb, cell 5: expected every cell to run; found ZeroDivisionError: " \
           "division by zero" in done.stderr
    assert not any((project / rel).exists() for rel in EXPORTS)
    assert (project / C).read_bytes() == stored
    assert not list((project / "_build").glob(".staging-*"))


@pytest.mark.parametrize("cold", [False, True], ids=["forked export", "cold export"])
def test_a_figure_that_fails_to_export_is_one_line_and_changes_nothing(project, cold):
    """The notebook runs, then its changed figure cannot be exported (a later cell empties the
    figure catalogue the export reads): one line names the notebook, nothing is replaced."""
    for rel in EXPORTS:
        (project / rel).unlink()
    edit_notebook(project, C, lambda nb: nb.cells.append(nbformat.v4.new_code_cell(
        "from pathlib import Path\n"
        "Path('../data/codebooks/figures.csv').write_text('name\\n', encoding='utf-8')")))
    stored = (project / C).read_bytes()
    done = cli(project, C, *(["--cold"] if cold else []))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error: book/c.ipynb: expected its figures to export; found ")
    assert "figures.csv" in line
    assert not any((project / rel).exists() for rel in EXPORTS)
    assert (project / C).read_bytes() == stored
    assert not list((project / "_build").glob(".staging-*"))


@pytest.mark.parametrize("broken", ["book/a.ipynb", "book/_execution.json"])
def test_a_corrupt_notebook_or_stamp_is_one_line_naming_the_file(project, broken):
    path = project / broken
    path.write_bytes(path.read_bytes()[:200])
    done = cli(project)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {broken}: expected ")


def test_warm_kernels_give_what_fresh_kernels_give(project):
    stored = {rel: (project / rel).read_bytes() for rel in (A, B, C, *EXPORTS)}
    assert runner.run(project, force=True, cold=True) == [A, B, C]
    assert {rel: (project / rel).read_bytes() for rel in stored} == stored


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
