"""Tables for readers: labels from the declaration, explained dashes, readable numbers and
dates, links, evidence linked to the source chapter; numbered and labelled MyST."""

import json
import re

import pandas as pd
import pytest

from analysis.publish import tables
from analysis.publish.tables import Col
from conftest import ROOT


def test_readable_dates_at_each_precision():
    assert tables.readable_date("2021-10-25") == "25 October 2021"
    assert tables.readable_date("2022-04") == "April 2022"
    assert tables.readable_date("1993") == "1993"
    assert tables.readable_date("2017-04-18", short=True) == "18 Apr 2017"
    assert tables.readable_date("2021-06-05", short=True) == "5 June 2021"
    with pytest.raises(ValueError, match=r"ISO date .*; found '25/10/2021'"):
        tables.readable_date("25/10/2021")


def test_numbers_carry_separators_and_no_stray_decimals():
    assert tables.number(130000000.0) == "130,000,000"
    assert tables.number(458.263) == "458.263"
    assert tables.number(11.70) == "11.7"
    assert tables.number(-18.3, 1) == "-18.3"


def test_text_is_shown_as_written():
    assert tables.escape("30% *a* [b] {x} $5 <br>") == r"30\% \*a\* \[b\] \{x\} \$5 \<br\>"
    assert tables.escape("1. first") == r"1\. first"
    assert tables.escape("- item") == r"\- item"
    assert tables.escape("two\nlines") == "two lines"


def test_addresses_are_links_named_by_their_site():
    assert tables.link("https://www.inform.kz/en/a?b=1") == (
        "[inform.kz](<https://www.inform.kz/en/a?b=1>)")
    assert tables.link("ru-Wikipedia mirror, article Kuryk") == "ru-Wikipedia mirror, article Kuryk"


def test_evidence_links_to_the_paragraph_label():
    assert tables.evidence("p023") == "{ref}`paragraph 23 <source-p023>`"
    with pytest.raises(ValueError, match="p023 was expected; found 's06'"):
        tables.evidence("s06")


FRAME = pd.DataFrame({
    "position": pd.array([1, 2], dtype="Int64"),
    "title": ["Agreement on *transit*", "Memorandum"],
    "party_a": ["Government of Turkmenistan", pd.NA],
    "paragraph_id": ["p023", "p024"],
})


def test_a_table_is_a_numbered_labelled_list_table_without_index_or_na():
    text = tables.markdown(FRAME, "tbl-toy", "Two documents", [
        "position", "title", Col("party_a", empty="the title names no parties"),
        Col("paragraph_id", "Paragraph", "paragraph")], table="signed_documents")
    assert text.startswith(":::{list-table} Two documents\n:header-rows: 1\n:name: tbl-toy\n")
    assert "<NA>" not in text and "nan" not in text
    rows = [line for line in text.splitlines() if line.startswith("* - ")]
    assert len(rows) == 3  # a header and two rows: no index column
    assert rows[0] == "* - Position"  # the declared label, capitalised
    assert r"Agreement on \*transit\*" in text
    assert "  - —" in text
    assert "A dash (—) marks an empty cell. Party a: the title names no parties." in text
    assert "{ref}`paragraph 24 <source-p024>`" in text


def test_a_dash_note_appears_only_where_a_cell_is_empty():
    text = tables.markdown(FRAME.iloc[:1], "tbl-toy", "One", ["title", "party_a"])
    assert "dash" not in text


def test_bad_names_and_missing_columns_are_refused():
    with pytest.raises(ValueError, match="tbl-agreements-documents was expected; found 'toy'"):
        tables.markdown(FRAME, "toy", "x", ["title"])
    with pytest.raises(ValueError, match=r"columns \['sector'\] are not in the frame"):
        tables.markdown(FRAME, "tbl-toy", "x", ["sector"])


def test_the_anchor_kind_labels_each_paragraph():
    text = tables.markdown(FRAME, "tbl-toy", "x", [Col("paragraph_id", "Paragraph", "anchor")])
    assert "* - (source-p023)=\n\n    23" in text


def test_one_record_is_a_field_value_table():
    row = pd.Series({"title": "A title", "date_published": "2021-10-26",
                     "address": "https://example.org/a"})
    text = tables.record(row, "tbl-toy", "A record", ["title", "date_published", "address"],
                         table="sources")
    assert "* - Date published\n  - 26 October 2021" in text
    assert "[example.org](<https://example.org/a>)" in text


def test_paragraph_of_finds_the_paragraph_holding_an_offset():
    paragraphs = pd.DataFrame({"source_id": ["s", "s"], "paragraph_id": ["p001", "p002"],
                               "start": [0, 164], "end": [162, 270]})
    found = tables.paragraph_of(pd.Series([0, 200]), paragraphs)
    assert found.tolist() == ["p001", "p002"]
    with pytest.raises(ValueError, match="s: offset 163 lies in 0 paragraphs"):
        tables.paragraph_of(pd.Series([163]), paragraphs)


def test_paragraph_of_keeps_the_offsets_of_two_sources_apart():
    """Offsets count from the start of their own text, so with two sources the one the offsets
    are in must be named; they are then looked up in its paragraphs only."""
    paragraphs = pd.DataFrame({"source_id": ["s", "s", "t"],
                               "paragraph_id": ["p001", "p002", "p001"],
                               "start": [0, 164, 0], "end": [162, 270, 400]})
    assert tables.paragraph_of(pd.Series([200]), paragraphs, "t").tolist() == ["p001"]
    assert tables.paragraph_of(pd.Series([200]), paragraphs, "s").tolist() == ["p002"]
    with pytest.raises(ValueError, match="paragraphs of 2 sources"):
        tables.paragraph_of(pd.Series([200]), paragraphs)


def test_country_names_come_from_the_codebook():
    assert tables.country_name("KAZ") == "Kazakhstan"
    with pytest.raises(ValueError, match="expected a row for 'XXX'"):
        tables.country_name("XXX")


# --- the chapters: every table they show is placed, numbered and has no raw frame --------------

CHAPTERS = sorted(p for p in (ROOT / "book").glob("*.ipynb"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapters_show_tables_only_through_the_helper(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    glued, placed = set(), set()
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            placed.update(re.findall(r"\{glue:md\} (tbl-[a-z0-9-]+)", source))
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert "text/html" not in data or "glue" in json.dumps(output.get("metadata", {})), \
                f"{path.name}: a code cell displays a raw frame"
            key = output.get("metadata", {}).get("scrapbook", {}).get("name", "")
            if key.startswith("tbl-"):
                glued.add(key)
    assert glued == placed, f"{path.name}: glued {sorted(glued)}, placed {sorted(placed)}"
