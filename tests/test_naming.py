"""The order of the two names: the presidency's account against the joint statement."""

import pytest
from genre import COMPOSITE

from analysis.pipeline import load
from analysis.text import naming


def test_order_splits_the_account_from_the_statement():
    by_part = load.table("naming_order_by_part").set_index("part")
    assert by_part.loc["presidency_account", ["kazakhstan_first", "turkmenistan_first"]] \
        .tolist() == [24, 2]
    assert by_part.loc["joint_statement", ["kazakhstan_first", "turkmenistan_first"]] \
        .tolist() == [0, 18]
    assert by_part.loc["joint_statement", "share_turkmenistan_first"] == 1.0


def test_the_two_exceptions_in_the_account_are_quoted():
    mentions = load.table("naming_order")
    odd = mentions[(mentions["part"] == "presidency_account")
                   & (mentions["order"] == "turkmenistan_first")]
    assert odd["quote"].tolist() == ["Turkmenistan/Republic of Kazakhstan", "Turkmen-Kazakh"]
    assert odd["component"].tolist() == ["documents_list", "press_briefing"]


def test_by_section_and_by_part_agree():
    sections = load.table("naming_order_by_section")
    assert sections["section_id"].tolist() == ["s01", "s02", "s03", "s04", "s06"]
    assert sections["pairs"].sum() == len(load.table("naming_order")) == 44


@pytest.mark.parametrize("text, form, order", [
    ("the Kazakh-Turkmen border", "adjective", "kazakhstan_first"),
    ("the Turkmen–Kazakh border", "adjective", "turkmenistan_first"),
    ("between Turkmenistan and the Republic of Kazakhstan", "names", "turkmenistan_first"),
    ("the Kazakhstan–Turkmenistan–Iran railway", "names", "kazakhstan_first"),
    ("the Government of Turkmenistan and the Government of the Republic of Kazakhstan",
     "institutions", "turkmenistan_first"),
])
def test_forms(text, form, order):
    [pair] = naming.find(text)
    assert (pair.form, pair.order) == (form, order)


def test_single_names_and_other_pairs_are_not_counted():
    assert naming.find("Kazakhstan and Uzbekistan; Turkmenistan alone; Kazakh-Uzbek ties; "
                       "the Kazakh and Turkmen peoples") == []


def test_a_text_of_the_genre():
    got = [(COMPOSITE[p.start:p.end], p.order) for p in naming.find(COMPOSITE)]
    assert got == [("Kazakh-Turkmen", "kazakhstan_first"),
                   ("Kazakhstan and Turkmenistan", "kazakhstan_first"),
                   ("Turkmenistan and Kazakhstan", "turkmenistan_first"),
                   ("Turkmen-Kazakh", "turkmenistan_first")]


def test_non_text_is_a_type_error():
    with pytest.raises(TypeError):
        naming.find(["Kazakh-Turkmen"])
