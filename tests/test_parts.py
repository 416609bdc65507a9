"""The parts of a composite source are told apart by rule, on this source and on others."""

import pytest
from genre import COMPOSITE

from analysis.pipeline import load
from analysis.text import parts


def test_composite_of_the_genre_is_split_by_its_signposts():
    got = [(p.part, p.component) for p in parts.assign(COMPOSITE)]
    assert got == [
        ("presidency_account", "lead"),
        ("presidency_account", "talks"), ("presidency_account", "talks"),
        ("presidency_account", "documents_list"), ("presidency_account", "documents_list"),
        ("presidency_account", "press_briefing"), ("presidency_account", "press_briefing"),
        ("joint_statement", "statement"), ("joint_statement", "statement"),
        ("joint_statement", "statement"),
        ("joint_statement", "signatures"), ("joint_statement", "signatures"),
        ("joint_statement", "place_date"),
        ("other_events", "other_events"), ("other_events", "other_events"),
        ("credit", "credit"),
    ]


def test_text_after_the_place_and_date_line_leaves_the_statement():
    text = ("Joint statement of the two presidents\n\nThe parties agreed.\n\nSigned A\n\n"
            "Signed B\n\nAstana, October 2, 2022\n\nLater the guests visited a museum.")
    got = [(p.part, p.component) for p in parts.assign(text)]
    assert got[-2] == ("joint_statement", "place_date")
    assert got[-1] == ("other_events", "after_statement")


def test_unknown_heading_continues_the_part_before_it():
    text = "Press conference\n\nThey spoke.\n\nA word on the weather\n\nIt rained."
    got = [(p.part, p.component) for p in parts.assign(text)]
    assert got[-1] == ("presidency_account", "other")


def test_non_text_is_a_type_error():
    with pytest.raises(TypeError, match="str"):
        parts.assign(b"bytes")


def test_primary_source_parts_and_their_boundaries():
    table = load.table("paragraph_parts")
    counts = table.groupby("part").size().to_dict()
    assert counts == {"presidency_account": 62, "joint_statement": 49, "other_events": 3,
                      "credit": 1}
    statement = table[table["part"] == "joint_statement"]
    assert statement["paragraph_id"].iloc[0] == "p063"
    assert statement["paragraph_id"].iloc[-1] == "p111"
    assert statement["quote"].iloc[-1] == "Ashgabat, October 25, 2021"
    assert set(statement["section_id"]) == {"s06"}
    assert table.loc[table["component"] == "documents_list", "section_id"].unique().tolist() \
        == ["s03"]
