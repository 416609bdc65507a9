"""The second reading's corrections (issue 22, items 6-8) and the Caspian frame (its Deliver 7),
each pinned to the rows it rests on: the value glued into the executed notebook must be the
value the tables give, and the words that were wrong stay out of the prose."""

import json

import pandas as pd
import pytest

from analysis.chapters import border
from analysis.io.reference import BORDER_ROLES
from analysis.io.reference import load as ref
from analysis.pipeline import load
from analysis.tables import claims
from analysis.text.themes import CODED_KINDS
from conftest import ROOT

BOOK = ROOT / "book"


def prose(name: str) -> str:
    path = BOOK / name
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def glued(name: str) -> dict[str, str]:
    """Every value a notebook glues, as the executed notebook stores it (plain text)."""
    nb = json.loads((BOOK / name).read_text(encoding="utf-8"))
    out = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            key = output.get("metadata", {}).get("scrapbook", {}).get("name")
            text = output.get("data", {}).get("application/papermill.record/text/plain")
            if key and text is not None:
                out[key] = text.strip("'\"")
    return out


# --- 6: the border's span runs from its first border instrument ---------------------------

def test_border_span_counts_border_instruments_only():
    milestones = ref("border_milestones")
    tl = border.timeline(milestones, load.table("events"))
    steps = border.border_steps(tl)
    assert set(tl["role"]) <= set(BORDER_ROLES)
    # the treaty of friendship is on the timeline, cited by the 2001 treaty, but not counted
    cited = milestones[milestones["role"] == "cited"]
    assert cited["fact_id"].tolist() == ["bm01"]
    assert "friendship" in cited["event"].iloc[0].lower()
    assert "bm01" not in set(steps["row_id"])
    first = steps.iloc[0]
    assert (first["row_id"], first["date"]) == ("bm02", "1999-04-09")
    assert "delimitation" in first["label"].lower()
    assert border.span_years(tl) == 2022 - 1999
    values = glued("border.ipynb")
    assert values["border-years"] == str(border.span_years(tl))
    assert values["border-first-id"] == "bm02"
    assert values["border-cited-ids"] == "bm01"


def test_span_rule_on_invented_rows():
    invented = pd.DataFrame({
        "fact_id": ["x1", "x2", "x3", "x4"], "date": ["1990-01-01", "1995-05", "2000", "2010"],
        "precision": ["day", "month", "year", "year"], "event": ["a", "b", "c", "d"],
        "role": ["cited", "border", "caspian", "border"], "address_kind": ["page"] * 4,
        "address": ["https://example.org"] * 4})
    none = load.table("events").iloc[0:0]
    tl = border.timeline(invented, none, labels=())
    assert border.span_years(tl) == 15          # 1995 to 2010: neither 1990 nor a frame row
    assert border.border_steps(tl)["row_id"].tolist() == ["x2", "x4"]


def test_intro_and_border_say_what_the_span_counts():
    intro, chapter = prose("intro.md"), prose("border.ipynb")
    for text in (intro, chapter):
        assert "first border instrument" in text
    assert "the treaty of friendship and cooperation) through" not in intro
    assert "From the 1993 treaty" not in chapter


# --- Deliver 7: the Caspian frame, each step with its page ---------------------------------

def test_caspian_frame_rows_have_pages_and_do_not_repeat_bilateral_rows():
    milestones = ref("border_milestones")
    frame = milestones[milestones["role"] == "caspian"]
    assert len(frame) >= 4
    assert (frame["address_kind"] == "page").all()
    assert frame["address"].str.startswith(("http://", "https://")).all()
    assert (frame["page_check"] == "read").all()
    assert frame["accessed"].notna().all()
    convention = frame[frame["kind"] == "convention"]
    assert convention[["date", "place"]].values.tolist() == [["2018-08-12", "Aktau"]]
    # the bilateral seabed agreement (bm04, bm13) stays a border step, not repeated as frame
    bilateral = milestones.set_index("fact_id").loc[["bm04", "bm13"], "role"]
    assert set(bilateral) == {"border"}
    border_dates = set(milestones.loc[milestones["role"] == "border", "date"])
    assert not border_dates & set(frame["date"])
    assert len(set(zip(milestones["date"], milestones["event"], strict=True))) == len(milestones)
    values = glued("border.ipynb")
    assert values["border-caspian-ids"] == ", ".join(frame["fact_id"])
    assert values["border-convention-id"] == convention["fact_id"].iloc[0]


# --- 7: the Garabogaz proposal is not new; the verdict follows the rule --------------------

@pytest.mark.parametrize("found, expected", [("2017-05-10", "not new"),
                                             ("2021-10-25", "conflicting"),
                                             ("2023-01", "conflicting")])
def test_prior_plan_rule(found, expected):
    verdict, reason = claims.verdict("prior_plan", "", found, "2021-10-25")
    assert verdict == expected
    assert "planned" in reason


def test_garabogaz_proposal_is_not_new_and_never_consistent():
    ledger = load.table("claims")
    garabogaz = ledger[ledger["claim_id"] == "garabogaz_bridge"].set_index("fact_id")
    assert "consistent" not in set(garabogaz["verdict"])
    assert garabogaz.loc["oe14", ["rule", "verdict"]].tolist() == ["prior_plan", "not new"]
    events = ref("other_events").set_index("fact_id")
    for fact_id in garabogaz.index[garabogaz["rule"] == "prior_plan"]:
        assert events.loc[fact_id, "date"] < "2021-10-25"
        assert events.loc[fact_id, "address_kind"] == "page"
    values = glued("joint_statement.ipynb")
    assert values["claims-garabogaz-verdicts"] == "not new"
    assert values["claims-not-new"] == str((ledger["verdict"] == "not new").sum())


# --- 8: one counting rule for paragraphs and words; numbers formatted alike ----------------

def test_source_counts_paragraphs_and_words_by_one_rule():
    paragraphs = load.table("paragraphs")
    parts = load.table("paragraph_parts")[["paragraph_id", "part"]]
    rows = paragraphs.merge(parts, on="paragraph_id")
    statement = rows[rows["part"] == "joint_statement"]
    running = statement[statement["kind"].isin(CODED_KINDS)]
    values = glued("source.ipynb")
    assert values["joint-statement-paragraphs"] == str(len(running))
    assert values["joint-statement-words"] == str(int(running["words"].sum()))
    lines = statement[statement["kind"] == "line"]
    assert values["joint-statement-lines"] == str(len(lines)) == "3"
    # the words of the short lines are not in the count the sentence gives
    with_lines = int(running["words"].sum() + lines["words"].sum())
    assert values["joint-statement-words"] != str(with_lines)
    text = prose("source.ipynb")
    for key in ("joint-statement-words", "account-words", "source-words"):
        assert f"{{glue:text}}`{key}:,d`" in text      # thousands separators, as in tables


# --- issue 18, item 6: the landing page leads with substance; every finding names its rows --

def findings() -> list[str]:
    text = prose("intro.md")
    block = text[text.index("## Key findings"):text.index("## Chapters")]
    return [b for b in block.split("\n- ")[1:]]


def test_key_findings_lead_with_substance_and_name_their_rows():
    heads = [f.split("**")[1] for f in findings()]
    assert heads[0].startswith("What was settled")
    assert heads.index("Two texts under one headline.") > heads.index(
        "Cargo between the two countries, set against the railway's capacity.")
    assert heads.index("Two texts under one headline.") > max(
        i for i, h in enumerate(heads) if h.startswith("Trade"))
    # what was promised and what followed comes second, before trade, glued from its chapter
    assert heads[1].startswith("What was promised")
    promised = findings()[1]
    for key in ("followed_tracked_n", "followed_delivered_n", "followed_no_later_report_found_n",
                "followed_cutoff"):
        assert f"followed.ipynb::{key}" in promised, key
    for finding in findings():
        assert "row" in finding, finding[:60]


def test_target_comparison_uses_only_rows_fit_for_a_finding():
    from analysis.chapters.target import against_target

    turnover = pd.DataFrame({
        "fact_id": ["a", "b", "c", "d"], "full_year": [True, True, True, False],
        "period_start": ["2020-01", "2021-01", "2022-01", "2023-01"],
        "value_usd": [4e8, 5e8, 9e8, 1e8],
        "value_qualifier": ["exact", "exact", "more than", "exact"],
        "address_kind": ["page", "page", "page", "page"],
        "page_check": ["read", "not_reread", "read", "read"]})
    events = pd.DataFrame({"fact_id": ["t1", "t2"], "kind": ["target", "target"],
                           "date": ["2021", "2024-05"], "value": [1e9, 1e9]})
    check = against_target(turnover, events)
    assert (check.turnover_id, check.turnover_year, round(check.share_pct)) == ("a", 2020, 40)
    assert check.left_out == (("b", "page never re-read"),
                              ("c", 'a bound, "more than"'))
    assert check.target_ids == ("t1", "t2")
    with pytest.raises(ValueError, match="2 values"):
        against_target(turnover, events.assign(value=[1e9, 2e9]))
    values = glued("chronology.ipynb")
    real = against_target(ref("trade_turnover"), ref("other_events"))
    assert values["chron-target-turnover-id"] == real.turnover_id
    assert ref("trade_turnover").set_index("fact_id").loc[real.turnover_id, "page_check"] == "read"


# --- Deliver 6: the source chapter shows, for a paragraph, the rows resting on it ----------

def test_rows_resting_on_a_paragraph():
    from analysis.chapters import paragraph_rows

    paragraphs = pd.DataFrame({"paragraph_id": ["p001", "p002"], "start": [0, 10],
                               "end": [9, 20]})
    claims_rows = pd.DataFrame({"claim_id": ["c", "c", "d"], "fact_id": ["tt04", "tt05", None],
                                "start": [12, 12, 3]})
    counted = pd.DataFrame({"start": [1, 2, 15]})
    rows = paragraph_rows.rows_on(paragraphs, {"claims": claims_rows, "quantities": counted})
    lines = paragraph_rows.summary(rows)
    assert lines["p001"] == "claims: d · quantities: 2"
    assert lines["p002"] == "claims: c (tt04, tt05) · quantities: 1"
