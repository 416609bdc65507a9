"""The book's statements pinned to their data: each corrected statement of issue 11 (the items
are numbered as there) checked against the rows it rests on, and the words that were wrong kept
out of the prose."""

import json
import re

import pandas as pd
import pytest

from analysis.chapters import border, rows, trade
from analysis.chapters import statement as sentences_on
from analysis.chapters import transport as railway
from analysis.io import codebooks
from analysis.io.reference import load as ref
from analysis.pipeline import load
from analysis.pipeline.registry import TABLES
from analysis.tables import claims
from analysis.tables.chronology import REFERENCE_TABLES, conflict_groups
from analysis.text.documents import other_naming
from conftest import ROOT

BOOK = ROOT / "book"


def prose(name: str) -> str:
    """The markdown cells of a notebook (or a .md page), as one text."""
    path = BOOK / name
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def code(name: str) -> str:
    nb = json.loads((BOOK / name).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


# --- 1, 2, 9: levels, the treaty, the border documents, "parties named in the title" --------

def test_level_scheme_has_interstate_apart_from_intergovernmental():
    levels = {e.label: e for e in codebooks.levels(codebooks.load("levels"))}
    assert {"interstate", "intergovernmental"} <= set(levels)
    assert levels["interstate"].rank < levels["intergovernmental"].rank
    assert levels["interstate"].names_instrument("Treaty") == "Treaty"
    assert levels["intergovernmental"].names_instrument("Treaty") is None
    assert "LEVELS = [\"" not in code("agreements.ipynb")  # read from the codebook


def test_delimitation_treaty_is_interstate_by_the_statements_naming(primary_text):
    docs = load.table("signed_documents").set_index("position")
    item = docs.loc[2]
    assert item["title"].startswith("Agreement on the delimitation")
    assert item["level"] == "interstate"
    start, end = map(int, re.search(r"\[(\d+):(\d+)\]", item["level_basis"]).groups())
    assert primary_text[start:end].startswith("Treaty")
    assert primary_text[start:end].endswith("between Turkmenistan and the Republic of Kazakhstan")
    # the border regime agreement between the governments stays intergovernmental
    assert docs.loc[3, "level"] == "intergovernmental"
    assert docs.loc[4, "level_basis"] == "no parties named; intergovernmental by default"


def test_other_naming_on_a_text_of_the_genre():
    text = ("The following were signed: Convention on the protection of the marine environment "
            "of the Caspian Sea. The ministers welcomed the Convention between the Republic of "
            "Azerbaijan and Georgia on the protection of the marine environment of the Caspian "
            "Sea, signed today.")
    found = other_naming(text, "on the protection of the marine environment of the Caspian "
                               "Sea", (27, 100))
    assert (found["instrument"], found["party_a"], found["party_b"]) == (
        "Convention", "the Republic of Azerbaijan", "Georgia")
    assert other_naming(text, "on the border", (0, 0)) is None  # too few words to match on


def test_border_documents_are_the_caspian_treaty_and_the_regime():
    docs = load.table("signed_documents")
    border_docs = docs[docs["sector"] == "border"]
    assert border_docs["position"].tolist() == [2, 3]
    assert "Caspian Sea" in border_docs["subject"].iloc[0]
    assert "delimitation on land" not in prose("agreements.ipynb")


@pytest.mark.parametrize("page", ["agreements.ipynb", "intro.md"])
def test_titles_name_parties_not_signatories(page):
    text = prose(page)
    assert "signator" not in text and "bind ministries" not in text


# --- 3: days of culture ---------------------------------------------------------------------

def test_the_account_also_says_reciprocal_days_of_culture():
    sentences = load.table("sentences").merge(
        load.table("paragraph_parts")[["paragraph_id", "part"]], on="paragraph_id")
    account = sentences[sentences["part"] == "presidency_account"]
    assert account["quote"].str.contains("days of culture on a reciprocal basis").any()
    note = load.table("discrepancies").set_index("discrepancy_id").loc["days_of_culture", "note"]
    assert "reciprocal basis" in note and "One-way" not in note
    assert "one-way in the account" not in prose("joint_statement.ipynb")


# --- 4: the gap years: count and range from one list ----------------------------------------

def test_gap_years_count_and_range_come_from_one_list():
    gaps = trade.missing_years(ref("trade_turnover"))
    runs = trade.gap_runs(gaps)
    assert sum(n for _, _, n in runs) == len(gaps)
    for first, last, n in runs:
        assert n == last - first + 1
        assert [g for g in gaps if first <= g <= last] == list(range(first, last + 1))
    assert trade.gap_runs([2013, 2014, 2015, 2022]) == [(2013, 2015, 3), (2022, 2022, 1)]
    assert "trade-gap-run-count" in prose("intro.md")


# --- 5, 6, 10: the strict ledger ------------------------------------------------------------

@pytest.mark.parametrize("rule, stated, found, qualifier, expected", [
    ("equal", "30", "30", "", "consistent"),
    ("equal", "30", "11.7", "", "conflicting"),
    ("equal", "30", "30", "more than", "consistent"),
    ("repeats", "30", "30", "more than", "repeated"),
    ("repeats", "30", "12", "", "conflicting"),
    ("same_date", "2017-04-18", "2017-04-18", "", "consistent"),
    ("same_date", "2017-04-18", "2017-04-19", "", "conflicting"),
    ("in_year", "2022", "2022-10-15", "", "consistent"),
    ("in_year", "2022", "2023-01", "", "conflicting"),
    ("before_source", "", "2014-12-03", "", "not contradicted"),
    ("before_source", "", "2022-04", "", "conflicting"),
    ("after_source", "", "2022-04", "", "not contradicted"),
    ("after_source", "", "2021-10", "", "conflicting"),
    ("prior_agreement", "", "2020-09-17", "", "not new"),
    ("other_period", "30", "11.7", "", "other period"),
    ("none", "", None, "", "not checked"),
])
def test_verdicts_say_what_was_compared(rule, stated, found, qualifier, expected):
    verdict, reason = claims.verdict(rule, stated, found, "2021-10-25", qualifier)
    assert verdict == expected
    if rule in ("before_source", "after_source"):
        assert reason.startswith("order of dates only")
    if rule == "equal" and not qualifier:
        assert "tolerance" in reason


def test_ledger_counts_claims_and_comparisons_apart():
    ledger = load.table("claims")
    n = claims.counts(ledger)
    assert n["claims"] == ledger["claim_id"].nunique() < len(ledger)
    assert n["comparisons"] == ledger["fact_id"].notna().sum()
    assert sum(n[v] for v in claims.VERDICTS) == len(ledger)
    # a date-order check is never "consistent", nor a repetition, nor a prior agreement
    by_rule = ledger.groupby("rule")["verdict"].agg(set).to_dict()
    for rule in ("before_source", "after_source", "repeats", "prior_agreement"):
        assert "consistent" not in by_rule.get(rule, set())


def test_ledger_rows_show_both_sides_and_unsourced_facts_check_nothing(primary_text):
    ledger = load.table("claims")
    facts = {name: ref(name).set_index("fact_id")
             for name in ledger["reference_table"].dropna().unique()}
    for row in ledger.itertuples(index=False):
        assert primary_text[row.start:row.end] == row.quote
        if pd.isna(row.fact_id):
            assert row.verdict == "not checked"
            continue
        fact = facts[row.reference_table].loc[row.fact_id]
        assert row.reference_address == fact["address"]
        if fact["address_kind"] not in ("page", "primary"):
            assert row.verdict == "not checked" and "names no page" in row.reason


def test_the_trade_claim_repeated_and_conflicting_and_the_zone_not_new():
    ledger = load.table("claims").set_index(["claim_id", "fact_id"])
    assert ledger.loc[("trade_growth_30", "tt04"), "verdict"] == "repeated"
    assert ledger.loc[("trade_growth_30", "tt05"), "verdict"] == "other period"
    assert ledger.loc[("trade_zone", "oe07"), "verdict"] == "not new"
    assert "new president" in ledger.loc[("return_visit_2022", "oe09"), "note"]
    assert "matched by one other report" not in prose("intro.md")


def test_one_rule_for_the_trade_claim_across_the_book():
    ledger = load.table("claims")
    turnover = ref("trade_turnover")
    check = trade.cross_check(ledger, turnover)
    mine = ledger[ledger["claim_id"] == "trade_growth_30"]
    assert check["verdict"].tolist() == mine["verdict"].tolist()
    flipped = ledger.assign(verdict="conflicting")
    assert set(trade.cross_check(flipped, turnover)["verdict"]) == {"conflicting"}
    assert "cross_check(ledger" in code("trade.ipynb")


# --- 7, 8, 11, 12, 13, 14 -------------------------------------------------------------------

def test_export_offer_is_not_a_share_of_a_years_turnover():
    assert "offer-share" not in code("trade.ipynb")
    assert "names no period" in prose("trade.ipynb")


def test_border_timeline_holds_border_steps_only_and_its_span():
    tl = border.timeline(ref("border_milestones"), load.table("events"))
    assert "Treaty on Strategic Partnership" not in set(tl["label"])
    steps = border.border_steps(tl)
    assert border.span_years(tl) == int(steps["date"].iloc[-1][:4]) - int(steps["date"].iloc[0][:4])
    assert border.span_years(tl) == 23   # 1999 memorandum to the 2022 ratification
    text = prose("border.ipynb") + prose("intro.md")
    assert "from the first treaty" not in text
    assert "line of the water surface" not in text
    assert "do not say how they measured" not in text


def test_transport_counts_links_not_segments():
    links = load.table("transport_links")
    named = links[links["kind"] != "segment"]
    assert (named["status"] == "operating").sum() == 1
    cable = named[named["status"] == "intended"].iloc[0]
    assert (cable["mode"], cable["status_keyword"]) == ("telecom", "agreement of intent")
    assert 'links["kind"] != "segment"' in code("transport.ipynb")


def test_naming_and_spelling_are_said_as_the_rows_count_them():
    naming = load.table("naming_order")
    account = naming[naming["part"] == "presidency_account"]
    assert (account["order"] == "turkmenistan_first").sum() >= 1
    assert "Turkmen-Kazakh" in set(account["quote"])
    mentions = load.table("actor_mentions")
    statement = mentions[mentions["part"] == "joint_statement"]["quote"]
    assert statement.str.contains("Kassym-Jomart").sum() >= 1
    text = prose("source.ipynb") + prose("joint_statement.ipynb")
    assert "publication by the Turkmen side" not in text


def test_no_invented_quote_and_volumes_are_not_a_years_capacity():
    text = prose("transport.ipynb")
    assert "as the presidents put it" not in text
    labels = railway.capacity_and_volumes(ref("railway_figures"))
    volumes = labels[labels["measure"] == "volume"]
    assert all(p in label for p, label in zip(volumes["period"], volumes["label"], strict=True))
    assert '"million tonnes (a year)"' not in code("transport.ipynb")


def test_methods_says_what_an_address_without_a_page_means():
    text = prose("methods.md")
    assert "a row without an address is refused" not in text
    assert "address_kind" in text and "[no page]" in text


def test_the_joint_statement_is_counted_one_way():
    parts = load.table("paragraph_parts")
    running = parts[parts["kind"].isin(["prose", "list_item"])]
    themes = load.table("themes_by_part").drop_duplicates("part").set_index("part")
    assert (running["part"] == "joint_statement").sum() == themes.loc["joint_statement",
                                                                      "paragraphs"]
    assert 'running["joint_statement"]' in code("source.ipynb")


# --- the chronology -------------------------------------------------------------------------

def test_chronology_has_every_dated_row_with_its_source():
    chron = load.table("chronology")
    events = load.table("events")
    assert (chron["table"] == "events").sum() == len(events)
    for name in REFERENCE_TABLES:
        ids = set(ref(name)["fact_id"])
        assert set(chron.loc[chron["table"] == name, "row_id"]) == ids
    primary = chron[chron["origin"] == "primary"]
    assert primary["quote"].notna().all() and primary["sentence_id"].notna().all()
    reference = chron[chron["origin"] == "reference"]
    assert reference["fact_id"].notna().all()
    assert (reference["address"].notna() | ~reference["sourced"]).all()
    assert "chronology" in {t.name for t in TABLES}


def test_conflicting_dates_stay_side_by_side():
    chron = load.table("chronology")
    relations = chron[chron["event"] == "Diplomatic relations established"]
    assert len(relations) == relations["date"].nunique() == 3
    assert relations["conflict_group"].nunique() == 1
    frame = pd.DataFrame({"fact_id": ["xx01", "xx02", "xx03"], "table": "t",
                          "event": ["a", "b", "c"], "date": ["2001", "2002", "2001"],
                          "note": ["Conflicts with xx02 on the date.", None,
                                   "Same as xx01. Conflicts with xx01 (225 km)."]})
    groups = conflict_groups(frame)
    assert groups[:2].tolist() == ["xx01, xx02", "xx01, xx02"] and pd.isna(groups[2])


def test_unsourced_rows_are_marked_wherever_shown():
    chron = load.table("chronology")
    assert (chron["sourced"] == chron["address_kind"].isin(["page", "primary"])).all()
    figures = ref("railway_figures")
    labels = railway.capacity_and_volumes(figures).merge(figures[["fact_id", "address_kind"]],
                                                         on="fact_id")
    for label, kind in zip(labels["label"], labels["address_kind"], strict=True):
        assert label.endswith(railway.UNSOURCED_MARK) == (kind not in ("page", "primary"))
    land = border.land_lengths(ref("border_lengths"))
    assert (land["label"].str.endswith("[no page]") == ~land["sourced"]).all()
    listed = rows.row_list(ref("other_events").head(2))
    assert listed.startswith("oe01 (1992-08-27)")


def test_chronology_chapter_declared_and_placed():
    declared = pd.read_csv(ROOT / "data" / "codebooks" / "figures.csv")
    assert "fig-chronology" in set(declared["name"])
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert toc.index("book/joint_statement") < toc.index("book/chronology") < toc.index(
        "book/methods")
    assert "load.table(\"chronology\")" in code("chronology.ipynb")


def test_statement_topics_rest_on_sentences():
    found = sentences_on.passages(load.table("theme_matches"), load.table("sentences"),
                                  "energy_industry", "gas")
    assert sentences_on.ids_in(found, "joint_statement") == "none"
    assert found["quote"].str.contains("Turkmen gas").any()


def test_key_findings_name_their_rows():
    intro = prose("intro.md")
    findings = intro[intro.index("## Key findings"):intro.index("## Chapters")]
    for item in findings.split("\n- ")[1:]:
        assert "row" in item, item[:60]
    assert "rail-volume-2023-id" in findings and "rail-cap-low-ids" in findings


# --- the claim-by-claim reading after issue 11 ----------------------------------------------

def test_the_2023_volume_is_said_as_its_row_says_it():
    """rf23's page gives cargo traffic between the two countries, not the railway's own volume:
    no page calls it carried by the line, and the 43 per cent is worded as a comparison."""
    figures = ref("railway_figures").set_index("fact_id")
    use = railway.utilisation(figures.reset_index())
    row = use[use["period"] == "2023"].iloc[0]
    assert "between the two countries" in figures.loc[row["fact_id"], "note"]
    assert "does not say the figure is the railway's alone" in figures.loc[row["fact_id"], "note"]
    for page in ("intro.md", "transport.ipynb"):
        text = prose(page)
        assert "line carried" not in text and "used below its capacity" not in text
        assert "cargo traffic between" in text and "not a measured use of the line" in text
    labels = railway.capacity_and_volumes(figures.reset_index())
    assert not labels["label"].str.contains("carried").any()


def test_the_ledger_counts_in_the_intro_describe_one_set():
    n = claims.counts(load.table("claims"))
    assert n["claims_compared"] + n["claims_without_reference"] == n["claims"]
    compared = ("consistent", "repeated", "not contradicted", "not new", "other period",
                "conflicting")
    assert sum(n[v] for v in compared) == n["comparisons"]
    intro = prose("intro.md")
    for key in ("claims-claims-without-reference", "claims-claims-compared", "claims-repeated",
                "claims-consistent", "claims-not-contradicted", "claims-not-new",
                "claims-other-period", "claims-conflicting"):
        assert f"joint_statement.ipynb::{key}:" in intro, key


def test_no_side_is_said_to_own_the_joint_statement():
    for page in ("intro.md", "joint_statement.ipynb", "source.ipynb"):
        assert "own side" not in prose(page)
    note = load.table("discrepancies").set_index("discrepancy_id").loc["date_style", "note"]
    assert "drafting hands" not in note
