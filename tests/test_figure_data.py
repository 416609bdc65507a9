"""The data beside every figure: one CSV per declared figure, and every row id in it names one
row of a published table (a reader following an id never lands on nothing or on two rows)."""

import csv
import io

import pytest

from analysis.io import codebooks, paths
from analysis.io import reference as reference_tables
from analysis.pipeline import load, registry
from analysis.publish import citation
from analysis.schema.row_ids import ALL_ROWS, ROW_IDS, SOURCE_ROWS

ROOT = paths.ROOT
FIGURES = sorted(citation.read_figures(ROOT))


def rows_of(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def keys_of(table: str) -> set[str]:
    """Every row id of a published table, as pipeline.load.row_ids names them."""
    books = {c.name for c in codebooks.CODEBOOKS}
    if table in reference_tables.names():
        rows = reference_tables.load(table)
    elif table in books and table not in {t.name for t in registry.TABLES}:
        rows = codebooks.load(table).rows
    else:
        rows = load.table(table)
    return set(load.row_ids(table, rows))


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_has_its_data_and_every_row_id_names_one_row(name):
    path = ROOT / citation.figure(name, ROOT).data_path
    assert path.is_file(), f"{name}: no data file {path.relative_to(ROOT)}"
    rows = rows_of(path)
    assert rows, f"{name}: its data has no row"
    known: dict[str, set[str]] = {}
    for number, row in enumerate(rows, 2):
        ids = row[SOURCE_ROWS]
        assert ROW_IDS.fullmatch(ids), (name, number, ids)
        for one in ids.split("; "):
            table, key = one.split(":", 1)
            if key == ALL_ROWS:  # a count of zero: every row of the table, none in the group
                assert load.key_of(table)
                continue
            if table not in known:
                known[table] = keys_of(table)
            assert one in known[table], f"{name}, line {number}: {one} names no row"


@pytest.mark.parametrize("name", FIGURES)
def test_an_outside_fact_in_a_figure_data_carries_its_page(name):
    path = ROOT / citation.figure(name, ROOT).data_path
    for number, row in enumerate(rows_of(path), 2):
        for address in filter(None, (row.get("address") or "").split("; ")):
            assert address.startswith(("http://", "https://")), (name, number, address)


def test_a_row_id_is_the_table_and_its_declared_primary_key():
    frame = reference_tables.load("trade_turnover").head(2)
    assert load.row_ids("trade_turnover", frame) == [
        f"trade_turnover:{i}" for i in frame["fact_id"]]
    sections = load.table("sections").head(1)
    assert load.row_ids("sections", sections) == [
        f"sections:{sections['source_id'].iloc[0]}/{sections['section_id'].iloc[0]}"]
    assert load.joined(["t:b", "t:a", "t:b"]) == "t:b; t:a"


def test_a_count_names_the_rows_counted_and_a_zero_rests_on_the_whole_table():
    import pandas as pd

    from analysis.chapters.rows import counted
    docs = pd.DataFrame({"source_id": ["s", "s", "s"], "position": [1, 2, 3],
                         "level": ["interagency", "enterprise", "interagency"]})
    frame = counted(docs, "signed_documents", "level",
                    order=["interagency", "academic", "enterprise"], count="documents")
    assert frame.to_dict("records") == [
        {"level": "interagency", "documents": 2,
         SOURCE_ROWS: "signed_documents:s/1; signed_documents:s/3"},
        {"level": "academic", "documents": 0, SOURCE_ROWS: f"signed_documents:{ALL_ROWS}"},
        {"level": "enterprise", "documents": 1, SOURCE_ROWS: "signed_documents:s/2"}]


def test_one_row_id_takes_the_whole_declared_key():
    assert load.row_id("trade_turnover", "tt05") == "trade_turnover:tt05"
    assert load.row_id("sections", "src", "s01") == "sections:src/s01"
    assert load.all_rows("signed_documents") == f"signed_documents:{ALL_ROWS}"
    with pytest.raises(ValueError, match=r"table sections: expected 2 key value\(s\) "
                                         r"\['source_id', 'section_id'\]; found \['s01'\]"):
        load.row_id("sections", "s01")
