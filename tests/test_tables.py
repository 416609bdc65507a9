"""The table registry: declarations, evidence, the data package, drift and atomic writes."""

import json

import pandas as pd
import pytest
from frictionless import Package

from analysis.errors import FixityError, SchemaError
from analysis.pipeline import derive, load, registry
from analysis.schema.evidence import EVIDENCE_NAMES, mismatches
from analysis.schema.table import Column, Table, conform
from conftest import ROOT, snapshot

DERIVED = ROOT / "data" / "derived"


@pytest.mark.parametrize("table", registry.TABLES, ids=lambda t: t.name)
def test_every_table_is_declared_and_described(table):
    assert table.description.strip()
    assert all(c.description.strip() for c in table.columns)
    assert len(set(table.column_names)) == len(table.column_names)
    assert (DERIVED / table.path_name).is_file()


@pytest.mark.parametrize("table", registry.TABLES, ids=lambda t: t.name)
def test_committed_table_loads_as_declared(table):
    frame = load.table(table.name)
    assert list(frame.columns) == table.column_names
    assert len(frame) > 0


def test_every_evidence_row_quotes_its_source(primary):
    checked = 0
    for table in registry.TABLES:
        frame = load.table(table.name)
        if set(EVIDENCE_NAMES) <= set(frame.columns):
            assert mismatches(frame, {primary.source_id: primary.text}) == [], table.name
            checked += len(frame)
    assert checked > 250


def test_independent_evidence_checker_passes():
    import subprocess
    import sys

    tool = ROOT.parent / "shared" / "tools" / "verify_evidence.py"
    if not tool.is_file():
        pytest.skip(f"{tool} is not beside this checkout")
    done = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert "evidence:" in done.stdout


def test_datapackage_is_valid_frictionless():
    report = Package(str(DERIVED / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_datapackage_is_generated_from_the_declarations():
    from analysis.io.reference import REFERENCE_TABLES

    package = json.loads((DERIVED / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r for r in package["resources"] if r.get("role") != "input"]
    inputs = [r for r in package["resources"] if r.get("role") == "input"]
    assert [r["name"] for r in tables] == [t.name for t in registry.TABLES]
    assert [r["input"] for r in inputs] == [f"data/reference/{t.path_name}"
                                            for t in REFERENCE_TABLES]
    for resource, table in zip(tables + inputs, registry.TABLES + REFERENCE_TABLES, strict=True):
        assert [f["name"] for f in resource["schema"]["fields"]] == table.column_names
        assert resource["description"] == table.description
    for resource in inputs:  # a byte copy of the input, recorded with the input's hash
        data = (ROOT / resource["input"]).read_bytes()
        assert (DERIVED / resource["path"]).read_bytes() == data


def test_sections_table_matches_the_source(primary_text):
    sections = load.table("sections")
    assert len(sections) == 8
    assert sections.loc[3, "title"] == "Documents signed"
    assert sections.loc[3, "paragraphs"] == 21
    for row in sections.itertuples():
        assert primary_text[row.section_start:row.section_end].startswith(row.quote)


TOY = Table("toy", "A toy table.", (Column("key", "string", "Key."),
                                    Column("n", "integer", "A count.")), primary_key=("key",))


def test_conform_names_missing_and_unknown_columns():
    with pytest.raises(SchemaError, match=r"missing \['n'\], unknown \['m'\]"):
        conform(pd.DataFrame({"key": ["a"], "m": [1]}), TOY, "toy.csv")


def test_conform_names_row_and_column_of_a_wrong_type():
    frame = pd.DataFrame({"key": ["a", "b"], "n": ["1", "two"]})
    with pytest.raises(SchemaError, match=r"toy.csv, row 3, column 'n': expected a whole "
                                          r"number; found 'two'"):
        conform(frame, TOY, "toy.csv")


def test_conform_names_a_duplicated_key():
    frame = pd.DataFrame({"key": ["a", "a"], "n": [1, 2]})
    with pytest.raises(SchemaError, match=r"row 3: expected a unique primary key \['key'\]; "
                                          r"found a duplicate \{'key': 'a'\}"):
        conform(frame, TOY, "toy.csv")


def test_conform_names_an_empty_required_cell():
    frame = pd.DataFrame({"key": ["a", None], "n": [1, 2]})
    with pytest.raises(SchemaError, match=r"row 3, column 'key': expected a value \(required\)"):
        conform(frame, TOY, "toy.csv")


def test_check_passes_on_the_committed_tables():
    derive.check(ROOT)


def test_check_names_table_and_first_differing_line(project_copy):
    path = project_copy / "data/derived/sections.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("Expanded talks", "Expanded talk", 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(derive.DriftError) as err:
        derive.check(project_copy)
    message = str(err.value)
    assert "sections.csv, line 4, character " in message
    expected, found = message.split("expected ", 1)[1].split(", found ")
    assert "Expanded talks" in expected and "Expanded talks" not in found


def test_derive_twice_gives_identical_bytes(project_copy):
    derive.derive(project_copy)
    first = snapshot(project_copy / "data/derived")
    derive.derive(project_copy)
    assert snapshot(project_copy / "data/derived") == first
    assert first == snapshot(DERIVED)


def test_failed_derivation_leaves_last_good_tables(project_copy):
    before = snapshot(project_copy / "data/derived")
    source = project_copy / "data/sources/nca-2021-10-26-tokayev-state-visit.txt"
    source.write_bytes(source.read_bytes().replace(b"Ashgabat", b"Ashgabad", 1))
    with pytest.raises(FixityError, match="SHA-256 mismatch"):
        derive.derive(project_copy)
    assert snapshot(project_copy / "data/derived") == before


def test_load_refuses_a_table_changed_behind_the_package(project_copy):
    path = project_copy / "data/derived/sections.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"sections.csv, file hash"):
        load.table("sections", root=project_copy)
