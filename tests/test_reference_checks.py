"""Reference rows checked against each other (table reference_checks), and the corrections of
issue 22 (1-5) pinned to their rows: a planned length is no total of the opened line, every
row has been read on its page, a growth figure for another period neither confirms nor
contradicts, figures of different scopes are not one series, an unsourced row is never the
base of a share, and a value a growth rate implies is derived, never reported."""

import shutil

import pandas as pd
import pytest

from analysis.chapters import rows, trade
from analysis.chapters import transport as railway
from analysis.errors import InputError
from analysis.io import paths
from analysis.io.reference import STATISTICS_SOURCES, load
from analysis.pipeline import load as derived
from analysis.tables.reference_checks import (
    build_reference_checks,
    conflicts,
    growth_ratio,
    rows_in_conflict,
    span,
)
from conftest import ROOT


@pytest.fixture(scope="module")
def checks():
    return derived.table("reference_checks").set_index("check_id")


def prose(name: str) -> str:
    import json

    path = ROOT / "book" / name
    if name.endswith(".md"):
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def code(name: str) -> str:
    import json

    cells = json.loads((ROOT / "book" / name).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


# --- the rules, on invented rows --------------------------------------------------------------

def _turnover(*rows):
    base = load("trade_turnover").iloc[[0]]
    out = []
    for i, changes in enumerate(rows):
        row = base.copy()
        row["fact_id"] = f"xx{i + 1:02d}"
        for key, value in changes.items():
            row[key] = value
        out.append(row)
    return pd.concat(out, ignore_index=True)


def _railway(*rows):
    base = load("railway_figures")
    base = base[base["fact_id"] == "rf02"]
    out = []
    for i, changes in enumerate(rows):
        row = base.copy()
        row["fact_id"] = f"yy{i + 1:02d}"
        for key, value in changes.items():
            row[key] = value
        out.append(row)
    return pd.concat(out, ignore_index=True)


def test_qualifiers_are_ranges_never_points():
    assert span(100, "up to").low == 0 and span(100, "up to").high == 100
    assert span(100, "more than").high == float("inf")
    assert span(100, "almost").high == 100 and span(100, "almost").low < 100
    assert span(3, "exact", 5) == span(3, "about", 5)  # a range the page gives is kept
    ratio = growth_ratio(28, "exact")
    assert ratio.low < 1.28 < ratio.high


def test_up_to_sections_are_a_bound_never_an_exact_total():
    rail = _railway(
        {"section": "Kazakhstan", "value": 100.0, "qualifier": "up to", "address": "https://a.b/1"},
        {"section": "Turkmenistan", "value": 400.0, "qualifier": "up to",
         "address": "https://a.b/1"},
        {"section": "Iran", "value": 50.0, "qualifier": "up to", "address": "https://a.b/1"},
        {"section": "total", "value": 900.0, "qualifier": "exact", "address": "https://a.b/2"},
    )
    out = build_reference_checks(_turnover({}), rail)
    summed = out[out["rule"] == "part_of_total"].iloc[0]
    assert (summed["derived_low"], summed["derived_high"]) == (0, 550)
    assert summed["result"] == "conflicting" and summed["compared_rows"] == "yy04"
    assert "the page gives no total of its own" in summed["reason"]


def test_same_period_values_apart_beyond_the_tolerance_conflict():
    tt = _turnover({"value_usd": 100e6, "value_qualifier": "exact"},
                   {"value_usd": 102e6, "value_qualifier": "exact"},
                   {"value_usd": 100.2e6, "value_qualifier": "exact"})
    out = build_reference_checks(tt, _railway({}))
    row = out[out["rule"] == "same_period"].iloc[0]
    assert row["result"] == "conflicting" and row["rows"] == "xx01, xx02, xx03"
    assert "xx01/xx02" in row["arithmetic"] and "xx01/xx03" not in row["arithmetic"]


def test_a_growth_rate_implies_the_year_before_and_a_part_cannot_exceed_its_year():
    tt = _turnover(
        {"period_label": "2011", "period_start": "2011-01", "period_end": "2011-12",
         "value_usd": 200e6, "change_pct": 100.0, "change_qualifier": "exact"},
        {"period_label": "2010 Jan-Jun", "period_start": "2010-01", "period_end": "2010-06",
         "full_year": False, "value_usd": 150e6, "change_pct": pd.NA,
         "change_qualifier": pd.NA})
    out = build_reference_checks(tt, _railway({})).set_index("rule")
    implied = out.loc["change_rate"]
    assert implied["result"] == "implied only" and implied["period"] == "2010"
    assert implied["derived_low"] < 100e6 < implied["derived_high"]
    part = out.loc["part_of_total"]
    assert part["result"] == "conflicting" and part["rows"] == "xx01, xx02"
    assert "derived: xx01 " in part["arithmetic"]


def test_rows_without_a_page_are_left_out():
    tt = _turnover({"value_usd": 100e6}, {"value_usd": 300e6, "address_kind": "none",
                                          "address": pd.NA, "page_check": "none_found"})
    out = build_reference_checks(tt, _railway({}))
    assert "xx02" not in " ".join(out["rows"])


# --- item 3: no derived fact stored as a reference fact ---------------------------------------

def test_a_reference_row_computed_from_other_rows_is_refused(tmp_path):
    (tmp_path / "data" / "reference").mkdir(parents=True)
    src = paths.ROOT / "data" / "reference" / "railway_figures.csv"
    dst = tmp_path / "data" / "reference" / "railway_figures.csv"
    shutil.copy(src, dst)
    assert len(load("railway_figures", tmp_path)) == len(load("railway_figures"))
    lines = dst.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("rf28,"))
    lines[at] = lines[at].replace("Written before the opening:",
                                  "The sum of the page's section lengths (rf05, rf12, rf13):")
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"railway_figures.csv, line {at + 1}, column 'note'"):
        load("railway_figures", tmp_path)


# --- correction 1: rf28 --------------------------------------------------------------------------

def test_the_planned_677_km_is_no_total_of_the_opened_line(checks):
    rf = load("railway_figures").set_index("fact_id")
    assert rf.at["rf28", "period"] == "before the opening"
    assert set(rf.loc[["rf05", "rf12", "rf13"], "qualifier"]) == {"up to"}
    spread = railway.spread(rf.reset_index()).set_index("section")
    assert (spread.at["total", "min"], spread.at["total", "max"]) == (925, 934.5)
    summed = checks.loc["part_of_total-length-before_the_opening-rf05-rf12-rf13-rf28"]
    assert (summed["derived_low"], summed["derived_high"]) == (0, 677)  # a bound, not a value
    totals = checks.loc["same_period-length-as_reported-rf01-rf02-rf03"]
    assert totals["result"] == "conflicting"
    text = prose("transport.ipynb")
    assert "rail-planned-total" in text and "rail-total-min-note" not in text


# --- correction 2: every row read on its page -----------------------------------------------

def test_every_trade_and_railway_row_was_read_on_its_page_and_tt11_is_an_aggregator():
    for name in ("trade_turnover", "railway_figures", "border_milestones",
                 "railway_milestones"):
        frame = load(name)
        assert not (frame["page_check"] == "not_reread").any(), name
    tt = load("trade_turnover").set_index("fact_id")
    assert tt.at["tt11", "page_kind"] == "aggregator"
    assert "written after the 2025-01-24 in its address" in tt.at["tt11", "note"]
    assert pd.isna(tt.at["tt11", "page_date"])  # the page states no date of its own
    assert tt.at["tt08", "page_date"] == "2024-05-27"
    shown = trade.reporters(tt.reset_index())
    assert shown.loc[shown["fact_id"] == "tt11", "page_kind"].item() == "aggregator"


# --- correction 3: tt05 ----------------------------------------------------------------------

def test_tt05_is_another_period_and_strains_against_tt06(checks):
    ledger = derived.table("claims").set_index(["claim_id", "fact_id"])
    row = ledger.loc[("trade_growth_30", "tt05")]
    assert row["verdict"] == "other period" and "2021 Jan-Sep" in row["reason"]
    tt = load("trade_turnover").set_index("fact_id")
    assert tt.at["tt05", "period_label"] == "2021 Jan-Sep" and pd.isna(tt.at["tt05",
                                                                            "reported_by"])
    implied = checks.loc["change_rate-turnover-2020_Jan_Sep-tt05"]
    assert implied["derived_low"] < 128e6 < implied["derived_high"]
    strained = checks.loc["part_of_total-turnover-2020-tt05-tt06"]
    assert strained["result"] == "strained"
    for page in ("intro.md", "trade.ipynb", "joint_statement.ipynb"):
        text = prose(page)
        assert "contradicted by an independent report" not in text, page
        assert "claims-trade-conflict" not in text, page
    assert "part_of_total-turnover-2020-tt05-tt06" in open(
        ROOT / "book" / "trade.ipynb", encoding="utf-8").read()


# --- correction 4: rf23 against rf25 -----------------------------------------------------------

def test_rf23_and_rf25_conflict_and_differ_in_scope(checks):
    row = checks.loc["change_rate-volume-2022-rf23-rf25"]
    assert row["result"] == "conflicting" and bool(row["scopes_differ"])
    assert row["derived_low"] > 1.0 and "rf25" in row["compared_rows"]
    figures = load("railway_figures")
    labels = railway.capacity_and_volumes(figures, rows_in_conflict(derived.table(
        "reference_checks")))
    by_id = labels.set_index("fact_id")["label"]
    assert "between the two countries" in by_id["rf23"] and "route" in by_id["rf25"]
    assert by_id["rf23"].endswith(railway.CONFLICT_MARK)
    assert "scope" in prose("transport.ipynb")


# --- correction 5: rf22, rf24 and 2022 ---------------------------------------------------------

def test_no_share_rests_on_an_unsourced_row_and_no_part_year_sits_on_a_year_axis():
    figures = load("railway_figures")
    use = railway.utilisation(figures)
    assert "rf22" not in use["highest_ids"].iloc[0] and use["left_out_ids"].iloc[0] == "rf22"
    shown = railway.capacity_and_volumes(figures)
    assert "rf24" not in set(shown["fact_id"])
    assert railway.part_years(figures)["fact_id"].tolist() == ["rf24"]


def test_2022_has_no_reported_year_but_a_derived_one(checks):
    tt = load("trade_turnover")
    assert 2022 in trade.missing_years(tt)
    implied = trade.implied_years(derived.table("reference_checks"), [2022])
    assert implied["derived_from"].tolist() == ["tt08"]
    assert implied["derived_low"].iloc[0] < 440e6 < implied["derived_high"].iloc[0]


# --- item 2: the conflicts are counted and shown where the rows are used ---------------------

def test_conflicts_are_counted_and_shown_in_their_chapters(checks):
    found = conflicts(checks.reset_index())
    assert len(found) >= 3 and set(found["result"]) <= {"conflicting", "strained"}
    for row in checks.itertuples():
        assert row.arithmetic and row.rows and row.tolerance
    for name in ("trade.ipynb", "transport.ipynb"):
        assert 'load.table("reference_checks")' in code(name), name
    assert 'glue("reference_conflicts_n"' in code("trade.ipynb")


# --- item 4: whose statistics ------------------------------------------------------------------

def test_every_trade_and_cargo_row_says_whose_figure_it_is():
    tt = load("trade_turnover")
    assert tt["statistics_source"].isin(STATISTICS_SOURCES).all()
    named = tt[tt["speaker_country"].notna()]
    assert (named["statistics_source"] != "not stated").all()
    rf = load("railway_figures")
    cargo = rf[rf["measure"] == "volume"]
    assert cargo["statistics_source"].isin(STATISTICS_SOURCES).all()
    assert cargo["scope"].notna().all()
    assert rows.whose("one side's official", "KAZ") == "a Kazakh official's"
    assert rows.whose("not stated", pd.NA) == "attributed to no one"
    n = trade.sides(tt)
    assert n["kaz"] + n["tkm"] + n["no_one"] == n["rows"]
    assert "trade-sides-kaz" in prose("trade.ipynb")


# --- item 5: unsourced and unread rows look different -----------------------------------------

def test_unsourced_and_unread_rows_are_marked():
    assert rows.mark("none", "none_found") == rows.UNSOURCED_MARK
    assert rows.mark("page", "not_reread") == rows.UNREAD_MARK
    assert rows.mark("page", "read") == ""
    frame = pd.DataFrame({"fact_id": ["a", "b", "c"], "address_kind": ["page", "none", "page"],
                          "page_check": ["read", "none_found", "not_reread"]})
    assert rows.marked_ids(frame).tolist() == ["a", "b [no page]", "c [not re-read]"]
    unread = load("railway_figures").assign(page_check="not_reread")
    labels = railway.capacity_and_volumes(unread)["label"]
    assert labels.str.contains(r"\[not re-read\]|\[no page\]").all()
    for page in ("trade.ipynb", "transport.ipynb"):
        assert "not re-read" in prose(page), page
