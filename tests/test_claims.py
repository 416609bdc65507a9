"""Discrepancies with evidence on both sides, and the claims ledger's rule-made verdicts."""

import pytest
from genre import COMPOSITE

from analysis.io import codebooks
from analysis.io import reference as reference_tables
from analysis.pipeline import load
from analysis.tables import claims
from analysis.text import actors, discrepancies
from conftest import ROOT


def test_both_sides_of_every_discrepancy_quote_the_source(primary_text):
    table = load.table("discrepancies")
    for row in table.itertuples(index=False):
        assert primary_text[row.a_start:row.a_end] == row.a_quote
        assert primary_text[row.start:row.end] == row.quote
    assert table["discrepancy_id"].tolist() == [
        "border_instrument", "railway_route", "days_of_culture", "return_visit", "date_style",
        "spelling_tokayev", "spelling_biosafety_agency", "spelling_tm_transport_agency"]


def test_agreement_in_the_list_treaty_in_the_statement():
    row = load.table("discrepancies").set_index("discrepancy_id").loc["border_instrument"]
    assert row["a_quote"].startswith("Agreement on the delimitation of the Kazakh-Turkmen")
    assert row["quote"].startswith("Treaty signed during the visit")
    assert (row["a_part"], row["b_part"]) == ("presidency_account", "joint_statement")


def test_tokayev_spelling_variant_found_by_rule():
    row = load.table("discrepancies").set_index("discrepancy_id").loc["spelling_tokayev"]
    assert (row["a_quote"], row["a_count"]) == ("Kassym-Jomart Tokayev", 5)
    assert (row["quote"], row["b_count"]) == ("Kassym-Zhomart Tokayev", 4)


def test_spelling_variants_on_a_text_of_the_genre():
    cast = actors.from_codebook(codebooks.load("actors"))
    [(actor_id, a, b)] = discrepancies.spelling_variants(COMPOSITE, cast)
    assert (actor_id, a.label, a.count, b.label, b.count) == (
        "tokayev", "Kassym-Jomart Tokayev", 1, "Kassym-Zhomart Tokayev", 2)


@pytest.mark.parametrize("rule, stated, found, expected", [
    ("equal", "30", "30", "consistent"),
    ("equal", "30", "11.7", "conflicting"),
    ("other_period", "30", "11.7", "other period"),
    ("same_date", "2017-04-18", "2017-04-18", "consistent"),
    ("same_date", "2017-04-18", "2017-04-19", "conflicting"),
    ("in_year", "2022", "2022-10-15", "consistent"),
    ("before_source", "", "2014-12-03", "not contradicted"),
    ("before_source", "", "2022-04", "conflicting"),
    ("after_source", "", "2022-04", "not contradicted"),
    ("after_source", "", "2021-10", "conflicting"),
    ("none", "", None, "not checked"),
])
def test_verdict_rules(rule, stated, found, expected):
    assert claims.verdict(rule, stated, found, "2021-10-25")[0] == expected


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="unknown rule"):
        claims.verdict("roughly", "1", "1", "2021-10-25")


def test_ledger_verdicts_and_the_trade_conflict(primary_text):
    ledger = load.table("claims")
    assert ledger["verdict"].value_counts().to_dict() == {
        "not checked": 5, "not contradicted": 6, "repeated": 2, "consistent": 2, "not new": 3,
        "other period": 1}
    trade = ledger[ledger["claim_id"] == "trade_growth_30"].set_index("fact_id")
    assert trade.loc["tt04", "verdict"] == "repeated"
    assert trade.loc["tt05", ["verdict", "reference_value"]].tolist() == ["other period", "11.7"]
    assert trade.loc["tt05", "reference_address"] == \
        "https://en.trend.az/business/economy/3530029.html"
    for row in ledger.itertuples(index=False):
        assert primary_text[row.start:row.end] == row.quote
        if row.verdict != "not checked":
            fact = reference_tables.load(row.reference_table).set_index("fact_id").loc[row.fact_id]
            assert row.reference_address == fact["address"]
            assert row.reference_accessed == fact["accessed"]


def test_a_claim_pattern_must_be_found_once(project_copy):
    import shutil

    from analysis.errors import InputError
    from analysis.pipeline import derive

    path = project_copy / "data" / "codebooks" / "claims.csv"
    path.write_text("claim_id,topic,claim,source_pattern,rule\n"
                    "x,trade,A claim,no such words anywhere,none\n", encoding="utf-8")
    shutil.copytree(ROOT / "data" / "reference", project_copy / "data" / "reference",
                    dirs_exist_ok=True)
    with pytest.raises(InputError, match=r"claims.csv, line 2, column 'source_pattern'"):
        derive.render(project_copy)
