"""Each kind of bad input, tried on a throw-away copy the way a person meets it (the command
`python -m analysis derive` or `verify`): exactly one line on stderr naming the file, the line
as a spreadsheet counts it (header = line 1) and column, what was expected and what was found;
exit status 1; no traceback; and data/derived/ exactly as it was."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from unittest import mock

import pytest

from analysis.__main__ import main as analysis_main
from analysis.errors import AnalysisError
from analysis.pipeline import registry
from analysis.schema.table import Column, Table
from conftest import ROOT, snapshot

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
ENV.pop("ANALYSIS_DEBUG", None)
SOURCE = "data/sources/nca-2021-10-26-tokayev-state-visit.txt"


def run(root: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    """`python -m analysis <args> --root <root>`: its exit code, stdout and stderr. Run in this
    process (the command line's own `main`, with its output captured: a fault test then costs
    no interpreter start), or, given `env`, as a command in that environment."""
    command = [sys.executable, "-m", "analysis", *args, "--root", str(root)]
    if env is not None:
        return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            warnings.catch_warnings(), mock.patch.dict(os.environ, {"ANALYSIS_DEBUG": ""}):
        code = analysis_main([*args, "--root", str(root)])
    return subprocess.CompletedProcess(command, code, out.getvalue(), err.getvalue())


def set_cell(root: Path, relative: str, line: int, column: str, value: str) -> None:
    """Set one cell of a CSV file; `line` as a spreadsheet counts it (header = 1)."""
    path = root / relative
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def edit_line(root: Path, relative: str, line: int, change) -> None:
    path = root / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = change(lines[line - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


def refused(root: Path, done: subprocess.CompletedProcess, file: str, pattern: str) -> str:
    """The run failed with one line naming `file` and matching `pattern` after it."""
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "\x1b[" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    prefix = f"error: {root / file}, "
    assert lines[0].startswith(prefix), lines[0]
    assert re.fullmatch(pattern, lines[0][len(prefix):]), lines[0]
    return lines[0]


R, C = "data/reference/", "data/codebooks/"
FAULTS = {
    # keyword lists: a cell of separators only names no term
    "aliases of only ';'": (
        C + "actors.csv", lambda r: set_cell(r, C + "actors.csv", 5, "aliases", ";"),
        r"line 5, column 'aliases': expected at least one term, terms separated by ';'; "
        r"found ';'"),
    "theme terms of only ';'": (
        C + "themes.csv", lambda r: set_cell(r, C + "themes.csv", 3, "patterns", " ; ;"),
        r"line 3, column 'patterns': expected at least one term, .*; found '; ;'"),
    "a lone wildcard as a term": (
        C + "sectors.csv", lambda r: set_cell(r, C + "sectors.csv", 2, "keywords", "cable; *"),
        r"line 2, column 'keywords': expected terms that are words .*; found '\*'"),
    "a codebook row with a comma too many": (
        C + "themes.csv", lambda r: edit_line(r, C + "themes.csv", 4, lambda t: t + ",extra"),
        r"line 4: expected 4 cells, as in the header; found 5 cells .*"),
    "a codebook key twice": (
        C + "themes.csv", lambda r: set_cell(r, C + "themes.csv", 3, "theme", "border"),
        r"line 3, columns \['theme'\]: expected a key no other row has; found \['border'\], "
        r"as on line 2"),
    "a rank that is not a whole number": (
        C + "levels.csv", lambda r: set_cell(r, C + "levels.csv", 2, "rank", "5.5"),
        r"line 2, column 'rank': expected a whole number; found '5.5'"),
    # reference tables: types, dates, ranges, vocabularies, keys, provenance
    "a day that is not in the calendar": (
        R + "border_milestones.csv",
        lambda r: set_cell(r, R + "border_milestones.csv", 2, "date", "2001-02-30"),
        r"line 2, column 'date': expected a calendar date YYYY, YYYY-MM or YYYY-MM-DD; "
        r"found '2001-02-30'"),
    "a date at another precision than stated": (
        R + "border_milestones.csv",
        lambda r: set_cell(r, R + "border_milestones.csv", 3, "date", "1999-04"),
        r"line 3, column 'date': expected a date at day precision \(YYYY-MM-DD\), as column "
        r"'precision' says; found '1999-04'"),
    "a negative length": (
        R + "border_lengths.csv",
        lambda r: set_cell(r, R + "border_lengths.csv", 3, "value", "-437"),
        r"line 3, column 'value': expected a finite number and greater than 0; found -437.0"),
    "a unit outside the vocabulary": (
        R + "border_lengths.csv",
        lambda r: set_cell(r, R + "border_lengths.csv", 3, "unit", "kms"),
        r"line 3, column 'unit': expected one of km, nautical_mile, signs; found 'kms'"),
    "an infinite turnover": (
        R + "trade_turnover.csv",
        lambda r: set_cell(r, R + "trade_turnover.csv", 2, "value_usd", "inf"),
        r"line 2, column 'value_usd': expected a finite number; found 'inf'"),
    "a growth rate of nan": (
        R + "trade_turnover.csv",
        lambda r: set_cell(r, R + "trade_turnover.csv", 3, "change_pct", "nan"),
        r"line 3, column 'change_pct': expected a finite number; found 'nan'"),
    "a latitude off the globe": (
        R + "places.csv", lambda r: set_cell(r, R + "places.csv", 2, "lat", "143.65"),
        r"line 2, column 'lat': expected a finite number and at least -90 and at most 90; "
        r"found 143.65"),
    "a reference row with a comma too many": (
        R + "places.csv", lambda r: edit_line(r, R + "places.csv", 3, lambda t: t + ","),
        r"line 3: expected 13 cells, as in the header; found 14 cells .*"),
    "a fact id twice": (
        R + "border_lengths.csv",
        lambda r: set_cell(r, R + "border_lengths.csv", 3, "fact_id", "bl01"),
        r"line 3: expected a unique primary key \['fact_id'\]; found a duplicate "
        r"\{'fact_id': 'bl01'\}"),
    "a fact without its page": (
        R + "railway_milestones.csv",
        lambda r: set_cell(r, R + "railway_milestones.csv", 2, "address", ""),
        r"line 2, column 'address': expected the address of the page the fact came from \(or "
        r"'address_kind' none, saying no page was found\); found an empty cell"),
    "a page's address that is not one": (
        R + "trade_turnover.csv",
        lambda r: set_cell(r, R + "trade_turnover.csv", 4, "address", "astanatimes.com"),
        r"line 4, column 'address': expected a page's address \(http:// or https://\), as "
        r"column 'address_kind' says 'page'; found 'astanatimes.com'"),
    "a reference table in latin-1": (
        R + "places.csv",
        lambda r: (r / R / "places.csv").write_bytes(
            (r / R / "places.csv").read_text(encoding="utf-8").encode("latin-1", "replace")),
        r"line 2, byte \d+: expected UTF-8 text; found the byte .* \(another encoding: "
        r"latin-1, UTF-16\?\)"),
    "a missing codebook": (
        C + "link_modes.csv", lambda r: (r / C / "link_modes.csv").unlink(),
        r"file: expected a codebook; found no such file"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_bad_input_is_refused_in_one_line_and_derived_is_untouched(project_copy, fault):
    file, change, pattern = FAULTS[fault]
    before = snapshot(project_copy / "data" / "derived")
    change(project_copy)
    refused(project_copy, run(project_copy, "derive"), file, pattern)
    assert snapshot(project_copy / "data" / "derived") == before
    assert not list((project_copy / "data").glob(".derived-staging-*"))


def test_the_command_line_refuses_bad_input_in_one_line(project_copy):
    """The fault tests call the command line's `main` in-process; this one runs the command."""
    file, change, pattern = FAULTS["a reference row with a comma too many"]
    change(project_copy)
    refused(project_copy, run(project_copy, "derive", env=ENV), file, pattern)


def test_the_debug_switch_shows_the_traceback(project_copy):
    set_cell(project_copy, R + "border_lengths.csv", 3, "unit", "kms")
    done = run(project_copy, "derive", env={**ENV, "ANALYSIS_DEBUG": "1"})
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert done.stderr.splitlines()[-1].startswith("error: ")


# --- the catalogue ----------------------------------------------------------------------------

CATALOGUE = "data/sources/catalogue.csv"


def add_source(root: Path, data: bytes, **fields) -> None:
    """A second source: its bytes under data/sources/ and its catalogue row, hash recorded."""
    (root / "data/sources/second.txt").write_bytes(data)
    path = root / CATALOGUE
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    row = {**rows[0], "source_id": "second", "file": "second.txt",
           "sha256": hashlib.sha256(data).hexdigest(), **fields}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([rows[0], row])
    path.write_text(out.getvalue(), encoding="utf-8")


CATALOGUE_FAULTS = {
    "a file outside data/sources": (
        lambda r: add_source(r, (Path("/etc/hostname").read_bytes()
                                 if Path("/etc/hostname").is_file() else b"host\n"),
                             file="../../../../../etc/hostname"),
        CATALOGUE, r"line 3, column 'file': expected a file name inside .*; "
                   r"found '../../../../../etc/hostname'"),
    "an id that is not a slug": (
        lambda r: add_source(r, b"Text.\n", source_id="../second"),
        CATALOGUE, r"line 3, column 'source_id': expected a slug .*; found '../second'"),
    "the same source twice": (
        lambda r: add_source(r, b"Text.\n", source_id="nca-2021-10-26-tokayev-state-visit"),
        CATALOGUE, r"line 3, column 'source_id': expected an id no other row has; found "
                   r"'nca-2021-10-26-tokayev-state-visit', as on line 2"),
    "a hash that is not one": (
        lambda r: set_cell(r, CATALOGUE, 2, "sha256", "abc"),
        CATALOGUE, r"line 2, column 'sha256': expected 64 hexadecimal digits; found 'abc'"),
    "a source in latin-1": (
        lambda r: add_source(r, "Ashgabat, Türkmenistan.\n".encode("latin-1")),
        "data/sources/second.txt",
        r"line 1, byte 11: expected UTF-8 text; found the byte 'fc' .*"),
    "a source in UTF-16": (
        lambda r: add_source(r, "Ashgabat.\n".encode("utf-16")),
        "data/sources/second.txt", r"line 1, byte 0: expected UTF-8 text; found the byte 'ff' .*"),
    "a missing source": (
        lambda r: (r / SOURCE).unlink(), SOURCE,
        r"file: expected the text of source 'nca-2021-10-26-tokayev-state-visit'; "
        r"found no such file"),
}


@pytest.mark.parametrize("fault", CATALOGUE_FAULTS)
def test_bad_catalogue_row_or_source_is_refused_in_one_line(project_copy, fault):
    change, file, pattern = CATALOGUE_FAULTS[fault]
    before = snapshot(project_copy / "data" / "derived")
    change(project_copy)
    for command in ("derive", "verify"):
        refused(project_copy, run(project_copy, command), file, pattern)
    assert snapshot(project_copy / "data" / "derived") == before


def test_an_upper_case_hash_is_the_same_hash(project_copy):
    path = project_copy / CATALOGUE
    text = path.read_text(encoding="utf-8")
    recorded = hashlib.sha256((project_copy / SOURCE).read_bytes()).hexdigest()
    path.write_text(text.replace(recorded, recorded.upper()), encoding="utf-8")
    assert run(project_copy, "derive").returncode == 0
    done = run(project_copy, "verify")
    assert done.returncode == 0, done.stderr


# --- make book's verification -----------------------------------------------------------------

def test_verify_stops_at_a_hand_edited_table_that_no_notebook_reads(project_copy):
    path = project_copy / "data/derived/paragraph_themes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("border", "borders", 1),
                    encoding="utf-8")
    before = snapshot(project_copy / "data/derived")
    done = run(project_copy, "verify", "--derive-if-needed")
    refused(project_copy, done, "data/derived/paragraph_themes.csv",
            r"file hash: expected sha256:[0-9a-f]{64} as datapackage.json records \(a table "
            r"edited by hand\? `make derive` writes it again from the sources\); "
            r"found sha256:[0-9a-f]{64}")
    assert snapshot(project_copy / "data/derived") == before


@pytest.mark.parametrize("missing", ["actors.csv", "datapackage.json", "reference/places.csv"])
def test_verify_derives_again_when_a_derived_file_is_missing(project_copy, missing):
    before = snapshot(project_copy / "data/derived")
    (project_copy / "data/derived" / missing).unlink()
    refused(project_copy, run(project_copy, "verify"), f"data/derived/{missing}",
            r"file: expected .*; found no such file")
    done = run(project_copy, "verify", "--derive-if-needed")
    assert done.returncode == 0, done.stderr
    assert "deriving again" in done.stdout
    assert snapshot(project_copy / "data/derived") == before


def test_verify_derives_again_when_an_input_changed(project_copy):
    set_cell(project_copy, C + "themes.csv", 2, "label", "State border")
    done = run(project_copy, "verify", "--derive-if-needed")
    assert done.returncode == 0, done.stderr
    assert f"{project_copy / C / 'themes.csv'}, file hash" in done.stdout
    assert "State border" in (project_copy / "data/derived/theme_codebook.csv").read_text(
        encoding="utf-8")


def test_verify_refuses_a_derived_file_it_did_not_write(project_copy):
    (project_copy / "data/derived/extra.csv").write_text("a\n1\n", encoding="utf-8")
    refused(project_copy, run(project_copy, "verify"), "data/derived/extra.csv",
            r"file: expected a table listed in datapackage.json; found a file derive did not "
            r"write")


# --- the registry -----------------------------------------------------------------------------

def _table(name: str, inputs: tuple[str, ...], build=None) -> Table:
    def default(**kwargs):
        raise AssertionError("never built")

    return Table(name, "A test table.", (Column("n", "integer", "n"),), build=build,
                 inputs=inputs)


def test_the_registry_refuses_an_undeclared_input():
    def build(nothing):
        raise AssertionError

    with pytest.raises(AnalysisError, match=r"^table 'a': input 'nothing' is not declared"):
        registry.build_order((_table("a", ("nothing",), build),))


def test_the_registry_refuses_a_builder_reading_more_than_declared():
    def build(texts, paragraphs):
        raise AssertionError

    with pytest.raises(AnalysisError, match=r"^table 'a': builder build takes \['texts', "
                                            r"'paragraphs'\]; its declared inputs give "
                                            r"\['texts'\]"):
        registry.build_order((_table("a", ("texts",), build),))


def test_the_registry_refuses_a_cycle():
    def build_a(b):
        raise AssertionError

    def build_b(a):
        raise AssertionError

    with pytest.raises(AnalysisError, match=r"^tables read each other in a cycle: a -> b -> a$"):
        registry.build_order((_table("a", ("b",), build_a), _table("b", ("a",), build_b)))


def test_the_build_order_puts_every_table_after_its_inputs():
    order = [t.name for t in registry.build_order()]
    assert sorted(order) == sorted(t.name for t in registry.TABLES)
    for table in registry.TABLES:
        for name in table.inputs:
            if name in order:
                assert order.index(name) < order.index(table.name), (name, table.name)


def test_verify_reads_hashes_only_and_imports_no_pandas():
    """`make book` runs it every time: it must stay well under a second, so it parses no
    table (pandas alone takes longer to import than the whole check)."""
    code = ("import sys; from analysis.pipeline import verify; n = verify.verify(); "
            "print(n, 'pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    count, pandas_loaded = done.stdout.split()
    assert int(count) > 30 and pandas_loaded == "False"


def test_verify_derives_again_when_a_module_derive_runs_changed(project_copy):
    """A fresh clone or a removed _build/ derives only when something changed, so a changed
    analysis module must count as a change: its hash is recorded with derive's inputs."""
    module = project_copy / "src/analysis/tables/actors.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    done = run(project_copy, "verify", "--derive-if-needed")
    assert done.returncode == 0, done.stderr
    assert f"{module}, file hash" in done.stdout and "deriving again" in done.stdout
    assert run(project_copy, "verify").returncode == 0


def test_verify_does_not_derive_when_nothing_changed(project_copy):
    before = snapshot(project_copy / "data/derived")
    done = run(project_copy, "verify", "--derive-if-needed")
    assert done.returncode == 0, done.stderr
    assert "deriving again" not in done.stdout
    assert snapshot(project_copy / "data/derived") == before


def test_the_modules_derive_runs_are_recorded_with_its_inputs():
    recorded = {i["path"] for i in json.loads(
        (ROOT / "data/derived/datapackage.json").read_text(encoding="utf-8"))["inputs"]}
    assert {"src/analysis/pipeline/derive.py", "src/analysis/tables/actors.py",
            "src/analysis/text/documents/__init__.py", "pyproject.toml"} <= recorded
    assert not any(p.startswith(("src/analysis/publish/", "src/analysis/chapters/"))
                   for p in recorded)  # the notebooks' code: not derive's
