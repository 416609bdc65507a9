"""Bad input is survived: each case stops with an error naming the file, the place, what was
expected and what was found, and leaves data/derived/, the stored notebook or the last good
_build/html exactly as they were.

(The library-level cases of tests/test_sources.py and tests/test_tables.py are not repeated;
these go through the commands a person runs, or through the loaders notebooks use.)
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.errors import EvidenceError, InputError, SchemaError
from analysis.io import reference, sources
from analysis.pipeline import derive, load
from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.tables.structure import SOURCES
from conftest import ROOT, snapshot

SOURCE_FILE = "data/sources/nca-2021-10-26-tokayev-state-visit.txt"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def run_cli(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=ENV,
                          cwd=cwd)


def rewrite_catalogue(root: Path, **changes) -> None:
    path = root / "data/sources/catalogue.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[0].update(changes)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def rewrite_derived(root: Path, name: str, change) -> Path:
    """Change a derived table and record its new hash in datapackage.json, as a hand edit that
    also 're-hashed' would: what is left to catch it is the table's declaration."""
    path = root / "data" / "derived" / f"{name}.csv"
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    frame = change(frame)
    path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    package_path = root / "data" / "derived" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == name:
            resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    package_path.write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    return path


# --- sources and catalogue, through the command line ------------------------------------------

def test_tampered_source_stops_the_command_and_keeps_derived(project_copy):
    before = snapshot(project_copy / "data/derived")
    path = project_copy / SOURCE_FILE
    recorded = sources.sha256_of(path)
    path.write_bytes(path.read_bytes().replace(b"Turkmenistan", b"Turkmenia", 1))
    done = run_cli("-m", "analysis", "derive", "--root", str(project_copy))
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {path}: SHA-256 mismatch; the catalogue records "
                                  f"{recorded} but the file hashes to {sources.sha256_of(path)}")
    assert snapshot(project_copy / "data/derived") == before


def test_missing_source_stops_the_command_and_keeps_derived(project_copy):
    before = snapshot(project_copy / "data/derived")
    path = project_copy / SOURCE_FILE
    path.unlink()
    done = run_cli("-m", "analysis", "derive", "--root", str(project_copy))
    assert done.returncode == 1
    assert done.stderr == (f"error: {path}, file: expected the text of source "
                           f"'nca-2021-10-26-tokayev-state-visit'; found no such file\n")
    assert snapshot(project_copy / "data/derived") == before


def test_catalogue_entry_without_its_hash_stops_derive_and_keeps_derived(project_copy):
    before = snapshot(project_copy / "data/derived")
    rewrite_catalogue(project_copy, sha256="")
    with pytest.raises(InputError) as err:
        derive.derive(project_copy)
    assert str(err.value) == (f"{project_copy / 'data/sources/catalogue.csv'}, line 2, column "
                              f"'sha256': expected a value (every source needs it); found an "
                              f"empty cell")
    assert snapshot(project_copy / "data/derived") == before


def test_a_row_whose_quote_is_not_its_source_stops_derive_and_keeps_derived(project_copy):
    def build(texts):
        primary = texts[sources.PRIMARY_SOURCE_ID]
        good = Evidence.span(primary.source_id, primary.text, 0, 5).as_row()
        bad = {**good, "quote": "Tomorrow"}
        return pd.DataFrame([{"n": 1, **good}, {"n": 2, **bad}])

    broken = Table("broken", "Rows with a wrong quote.",
                   (Column("n", "integer", "Row number."), *EVIDENCE_COLUMNS), build=build,
                   inputs=("texts",))
    before = snapshot(project_copy / "data/derived")
    with pytest.raises(EvidenceError) as err:
        derive.derive(project_copy, tables=(SOURCES, broken))
    assert str(err.value) == ("table 'broken', row 3: quote 'Tomorrow' but the text at [0:5] is "
                              "'Today' (1 row(s) fail in all)")
    assert snapshot(project_copy / "data/derived") == before


# --- derived tables, through analysis.pipeline.load (what notebooks call) ---------------------

def test_derived_table_with_a_missing_column_is_refused(project_copy):
    path = rewrite_derived(project_copy, "sections", lambda f: f.drop(columns=["words"]))
    before = snapshot(project_copy / "data/derived")
    with pytest.raises(SchemaError) as err:
        load.table("sections", root=project_copy)
    message = str(err.value)
    assert message.startswith(f"{path}: columns do not match the declaration of table "
                              f"'sections'; expected ['section_id', 'position', 'title', ")
    assert message.endswith("missing ['words'], unknown []")
    assert snapshot(project_copy / "data/derived") == before


def test_derived_table_with_a_wrong_type_is_refused(project_copy):
    def change(frame):
        frame.loc[1, "words"] = "many"
        return frame

    path = rewrite_derived(project_copy, "sections", change)
    before = snapshot(project_copy / "data/derived")
    with pytest.raises(SchemaError) as err:
        load.table("sections", root=project_copy)
    assert str(err.value) == (f"{path}, row 3, column 'words': expected a whole number; "
                              f"found 'many'")
    assert snapshot(project_copy / "data/derived") == before


def test_derived_table_with_a_duplicated_key_is_refused(project_copy):
    def change(frame):
        return pd.concat([frame.iloc[:5], frame.iloc[[4]], frame.iloc[5:]], ignore_index=True)

    path = rewrite_derived(project_copy, "paragraphs", change)
    before = snapshot(project_copy / "data/derived")
    with pytest.raises(SchemaError) as err:
        load.table("paragraphs", root=project_copy)
    assert str(err.value) == (
        f"{path}, row 7: expected a unique primary key ['source_id', 'paragraph_id']; found a "
        f"duplicate {{'source_id': 'nca-2021-10-26-tokayev-state-visit', 'paragraph_id': 'p005'}}")
    assert snapshot(project_copy / "data/derived") == before


# --- reference tables, through analysis.io.reference.read_checked -----------------------

TOY_FACTS = Table(
    name="toy_facts",
    description="A toy reference table declared for these tests only.",
    columns=(Column("country", "string", "ISO 3166 code."),
             Column("population", "integer", "People."),
             *reference.PROVENANCE_COLUMNS),
    primary_key=("country",),
)
GOOD_FACTS = ("country,population,address,accessed\n"
              "KZ,20000000,https://example.org/kz,2026-11-29\n"
              "TM,7000000,https://example.org/tm,2026-11-29\n")


def write_facts(root: Path, text: str) -> Path:
    path = root / "data" / "reference" / "toy_facts.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_toy_reference_table_loads_when_good(project_copy):
    write_facts(project_copy, GOOD_FACTS)
    frame = reference.read_checked(TOY_FACTS, project_copy)
    assert frame["population"].tolist() == [20000000, 7000000]


def test_empty_reference_table_is_refused(project_copy):
    path = write_facts(project_copy, GOOD_FACTS.splitlines(keepends=True)[0])
    before = snapshot(project_copy / "data")
    with pytest.raises(InputError) as err:
        reference.read_checked(TOY_FACTS, project_copy)
    assert str(err.value) == f"{path}, body: expected at least one fact; found a header and no rows"
    assert snapshot(project_copy / "data") == before


def test_reference_table_without_its_access_date_column_is_refused(project_copy):
    text = "\n".join(line.rsplit(",", 1)[0] for line in GOOD_FACTS.splitlines()) + "\n"
    path = write_facts(project_copy, text)
    with pytest.raises(InputError) as err:
        reference.read_checked(TOY_FACTS, project_copy)
    assert str(err.value) == (f"{path}, line 1 (header): expected columns ['country', "
                              f"'population', 'address', 'accessed']; found missing "
                              f"['accessed'], unknown []")


def test_reference_value_of_the_wrong_type_is_refused(project_copy):
    path = write_facts(project_copy, GOOD_FACTS.replace("7000000", "seven million"))
    with pytest.raises(InputError) as err:
        reference.read_checked(TOY_FACTS, project_copy)
    assert str(err.value) == (f"{path}, line 3, column 'population': expected a whole number; "
                              f"found 'seven million'")


# --- a notebook that raises -------------------------------------------------------------------

def test_notebook_that_raises_is_named_and_left_as_stored(tmp_path):
    """Run in a throw-away copy of the project, so the runner's own bookkeeping stays there."""
    shutil.copytree(ROOT / "tools", tmp_path / "tools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "constraints.txt", "CITATION.cff"):
        shutil.copy2(ROOT / name, tmp_path / name)
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A chapter that breaks"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("x / 0"),
    ])
    path = tmp_path / "book" / "broken.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    done = run_cli(str(tmp_path / "tools" / "run_notebooks.py"), "book/broken.ipynb",
                   cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    # the runner first adds the head cells (a note, then the inputs cell before the first code)
    assert done.stderr.strip().splitlines() == [
        "error: book/broken.ipynb, cell 5: expected every cell to run; found ZeroDivisionError: "
        "division by zero (the stored notebook and figures are left as they were)"]
    assert nbformat.reads(path.read_text(encoding="utf-8"), as_version=4).cells[4].outputs == []
    assert sorted(p.name for p in path.parent.iterdir()) == ["broken.ipynb"]


# --- a broken cross-reference in the book -----------------------------------------------------

MINI_CONFIG = """title: "A broken book"
author: "Tests"
only_build_toc_files: true
exclude_patterns: [_build]
execute:
  execute_notebooks: "off"
"""
MINI_TOC = """format: jb-book
root: intro
chapters:
  - file: chapter
"""


@pytest.fixture
def mini_book(tmp_path) -> Path:
    (tmp_path / "_config.yml").write_text(MINI_CONFIG, encoding="utf-8")
    (tmp_path / "_toc.yml").write_text(MINI_TOC, encoding="utf-8")
    (tmp_path / "intro.md").write_text("# Intro\n\nA small book.\n", encoding="utf-8")
    (tmp_path / "chapter.md").write_text("(chapter)=\n# Chapter\n\nSee {ref}`chapter`.\n",
                                         encoding="utf-8")
    last_good = tmp_path / "_build" / "html"
    last_good.mkdir(parents=True)
    (last_good / "index.html").write_text("the last good build\n", encoding="utf-8")
    return tmp_path


def test_broken_cross_reference_fails_the_build_and_keeps_the_last_good_html(mini_book):
    (mini_book / "chapter.md").write_text(
        "(chapter)=\n# Chapter\n\nAs {numref}`fig-that-does-not-exist` shows.\n",
        encoding="utf-8")
    before = snapshot(mini_book / "_build")
    done = run_cli(str(ROOT / "tools" / "build_book.py"), "--root", str(mini_book))
    assert done.returncode == 1
    assert f"{mini_book / 'chapter.md'}:4: WARNING:" in done.stderr
    assert "fig-that-does-not-exist" in done.stderr
    assert (f"error: the book build failed (1 warning(s)/error(s) above); "
            f"{mini_book / '_build' / 'html'} is left as it was.") in done.stderr
    assert snapshot(mini_book / "_build") == before
    assert sorted(p.name for p in (mini_book / "_build").iterdir()) == ["html"]


def test_a_good_build_replaces_the_last_one_whole(mini_book):
    for stale in (".build-killed", ".html-old-killed"):  # what a SIGKILLed build leaves
        (mini_book / "_build" / stale / "html").mkdir(parents=True)
    done = run_cli(str(ROOT / "tools" / "build_book.py"), "--root", str(mini_book))
    assert done.returncode == 0, done.stderr
    html = mini_book / "_build" / "html"
    assert "the last good build" not in (html / "index.html").read_text(encoding="utf-8")
    assert (html / "chapter.html").is_file()
    assert sorted(p.name for p in (mini_book / "_build").iterdir()) == ["html"]


def test_a_page_that_loads_from_another_host_fails_the_build(mini_book):
    config = mini_book / "_config.yml"
    extension = ROOT / "tools" / "sphinx"
    config.write_text(config.read_text(encoding="utf-8")
                      + f"sphinx:\n  local_extensions:\n    offline_book: {extension}\n",
                      encoding="utf-8")
    (mini_book / "chapter.md").write_text(
        '(chapter)=\n# Chapter\n\n<img src="https://cdn.example.org/logo.png" alt="logo">\n',
        encoding="utf-8")
    before = snapshot(mini_book / "_build")
    done = run_cli(str(ROOT / "tools" / "build_book.py"), "--root", str(mini_book))
    assert done.returncode == 1
    assert ("WARNING: chapter.html loads an asset from another host "
            '(<img src="https://cdn.example.org/logo.png); ship it with the book so it reads '
            "offline") in done.stderr
    assert "error: the book build failed (1 warning(s)/error(s) above)" in done.stderr
    assert snapshot(mini_book / "_build") == before


def test_the_build_beside_the_runner_reads_each_notebook_as_the_runner_stored_it(mini_book):
    """`make book` runs the notebook runner beside the HTML build (tools/build_book.py
    --with-runner; tools/sphinx/notebooks_ready.py): a notebook that raises fails the build in
    the runner's one line and keeps the last good HTML; once it runs, the page shows the output
    the runner stored, which the notebook did not hold when the build started."""
    shutil.copytree(ROOT / "tools", mini_book / "tools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "constraints.txt", "CITATION.cff"):
        shutil.copy2(ROOT / name, mini_book / name)
    config = mini_book / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "sphinx:\n  local_extensions:\n"
                      f"    notebooks_ready: {mini_book / 'tools' / 'sphinx'}\n", encoding="utf-8")
    toc = mini_book / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8") + "  - file: book/chapter\n",
                   encoding="utf-8")
    path = mini_book / "book" / "chapter.ipynb"
    path.parent.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A chapter the runner executes"),
        nbformat.v4.new_code_cell("print('x is', 1 / 0)")]), path)
    before = snapshot(mini_book / "_build")
    html = mini_book / "_build" / "html"

    done = run_cli(str(mini_book / "tools" / "build_book.py"), "--root", str(mini_book),
                   "--with-runner", "--jobs", "1", cwd=mini_book)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "error: book/chapter.ipynb, cell 4: expected every cell to run; found ZeroDivisionError: "
        "division by zero (the stored notebook and figures are left as they were)",
        f"error: the notebook runner failed (above); {html} is left as it was."]
    assert snapshot(mini_book / "_build") == before

    nb = nbformat.read(path, as_version=4)
    nb.cells[-1].source = "print('x is', 1 / 2)"
    nbformat.write(nb, path)
    done = run_cli(str(mini_book / "tools" / "build_book.py"), "--root", str(mini_book),
                   "--with-runner", "--jobs", "1", cwd=mini_book)
    assert done.returncode == 0, done.stderr
    assert "x is 0.5" in (html / "book" / "chapter.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (mini_book / "_build").iterdir()) == ["html"]


def test_an_input_error_crosses_into_another_process_as_itself():
    """A worker process (a figure export) passes its error back pickled: it must arrive with
    its class, its fields and its one line, or the runner could not say what went wrong."""
    import pickle

    from analysis.errors import FixityError, InputError, SchemaError

    for error in (InputError("data/codebooks/figures.csv", "line 1 (header)", "columns [...]",
                             "columns ['name']"),
                  FixityError("data/sources/x.txt", "ab12", "cd34"),
                  SchemaError("table actors"), SchemaError("actors", "row 3", "a date", "'x'")):
        again = pickle.loads(pickle.dumps(error))
        assert (type(again), str(again), vars(again)) == (type(error), str(error), vars(error))
