"""The trade chapter's arithmetic: reported turnover as periods, the visit's claims, and the
claimed 30% growth beside the other reports. Never interpolates, and never judges a claim: the
verdicts are the claims ledger's (analysis.tables.claims.verdict), one rule for the book."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.rows import mark, marked_ids, whose
from analysis.pipeline import load
from analysis.schema.row_ids import SOURCE_ROWS


def periods(turnover: pd.DataFrame) -> pd.DataFrame:
    """Each report with a value as a span of time: start of its first month to end of its last."""
    rows = turnover[turnover["value_usd"].notna()].copy()
    rows["x_start"] = pd.to_datetime(rows["period_start"] + "-01")
    rows["x_end"] = pd.to_datetime(rows["period_end"] + "-01") + pd.offsets.MonthEnd(0)
    rows["months"] = ((rows["x_end"].dt.year - rows["x_start"].dt.year) * 12
                      + rows["x_end"].dt.month - rows["x_start"].dt.month + 1)
    rows["value_musd"] = rows["value_usd"] / 1e6
    return rows.reset_index(drop=True)


def missing_years(turnover: pd.DataFrame) -> list[int]:
    """Calendar years between the first and last full-year report without a full-year figure."""
    full = turnover[turnover["full_year"].astype(bool) & turnover["value_usd"].notna()]
    years = sorted(int(p[:4]) for p in full["period_start"])
    return [y for y in range(years[0], years[-1] + 1) if y not in years]


def claims(quantities: pd.DataFrame) -> pd.DataFrame:
    """The trade figures the primary source states: growth, commodity items, export value."""
    trade = quantities[quantities["measure"].str.startswith(("trade turnover", "exports"))
                       & quantities["unit"].isin(["percent", "items", "USD"])]
    return trade[["value", "unit", "measure", "period", "period_text", "quote", "start",
                  "end"]].reset_index(drop=True)


def gap_runs(years: list[int]) -> list[tuple[int, int, int]]:
    """Consecutive runs of `years` as (first, last, count), in order: a count and the range it
    is said over always describe the same years."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [(r[0], r[-1], len(r)) for r in runs]


def cross_check(ledger: pd.DataFrame, turnover: pd.DataFrame,
                claim_id: str = "trade_growth_30") -> pd.DataFrame:
    """The ledger's comparisons of one trade claim, each beside the turnover report it was
    compared with: the verdict and what was compared come from the ledger (table `claims`),
    so the chapter and the ledger cannot judge the claim two ways."""
    rows = ledger[ledger["claim_id"] == claim_id]
    if rows.empty:
        raise KeyError(f"claim {claim_id!r} is not in the claims ledger")
    reports = turnover.set_index("fact_id")
    out = rows[["fact_id", "verdict", "reason", "rule"]].join(
        reports[["period_label", "change_pct", "change_qualifier", "value_usd", "reported_by",
                 "address", "address_kind"]], on="fact_id")
    stated = pd.to_numeric(rows["source_value"]).astype(float)
    out["difference_pct_points"] = out["change_pct"].astype(float) - stated
    return out.reset_index(drop=True)


def reporters(turnover: pd.DataFrame) -> pd.DataFrame:
    """Who gives each turnover figure: the report, its period, value, growth, who the page
    quotes (`reported_by`, empty where it quotes no one), whose figure it is
    (`statistics_source`, with the side in `speaker_country`), whether the row names its page
    and was read on it (`row`: the id with its mark), and whether the page is an aggregator."""
    out = turnover[["fact_id", "period_label", "value_usd", "change_pct", "reported_by",
                    "speaker_country", "statistics_source", "page_kind", "address",
                    "address_kind", "page_check"]].copy()
    out["reported_by"] = out["reported_by"].fillna("(the page quotes no one)")
    out["sourced"] = out["address_kind"].isin(("page", "primary"))
    out["row"] = marked_ids(out)
    out["whose"] = [whose(s, c) for s, c in zip(out["statistics_source"],
                                                 out["speaker_country"], strict=True)]
    return out.drop(columns=["address_kind"]).reset_index(drop=True)


def sides(turnover: pd.DataFrame) -> dict[str, int]:
    """How many rows give a figure from each side, and how many name any statistics: the
    comparability of the two sides' figures rests on these counts."""
    valued = turnover[turnover["value_usd"].notna() | turnover["change_pct"].notna()]
    return {"rows": len(valued),
            "kaz": int((valued["speaker_country"] == "KAZ").sum()),
            "tkm": int((valued["speaker_country"] == "TKM").sum()),
            "no_one": int(valued["speaker_country"].isna().sum()),
            "statistics_named": int(valued["statistics_source"].isin(
                ("statistics office", "mirror data")).sum()),
            "mirror": int((valued["statistics_source"] == "mirror data").sum())}


def implied_years(checks: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Full-year values that a row's growth rate implies (table reference_checks, rule
    change_rate) for the given years: derived, never reported, each with the row it rests on
    (`derived_from`), its check (`check_id`) and every row the check reads (`rows`)."""
    rows = checks[(checks["rule"] == "change_rate") & (checks["reference_table"]
                                                       == "trade_turnover")
                  & checks["measure"].str.startswith("turnover")
                  & checks["period"].isin([str(y) for y in years])]
    out = rows[["check_id", "rows", "period", "derived_from", "derived_low", "derived_high",
                "result", "arithmetic"]].copy()
    out["year"] = out["period"].astype(int)
    return out.sort_values(["year", "derived_from"], kind="stable").reset_index(drop=True)


def implied_phrase(implied: pd.DataFrame, year: int) -> str:
    """What growth rates imply for one year, in words with their rows ("row tt08's growth rate
    implies US$431-449 million"), or "" where none does: a derived value, said as one."""
    found = implied[implied["year"] == year]
    parts = []
    for _, r in found.iterrows():
        low = f"{r['derived_low'] / 1e6:,.0f}"
        value = (f"more than US${low} million" if pd.isna(r["derived_high"])
                 else f"US${low}–{r['derived_high'] / 1e6:,.0f} million")
        parts.append(f"row {r['derived_from']}'s growth rate implies {value}")
    return "; ".join(parts)


def figure_rows(spans: pd.DataFrame, implied: pd.DataFrame, gaps: list[int],
                in_conflict: set[str]) -> pd.DataFrame:
    """The turnover figure's data, one row per thing drawn: each reported value as its segment
    (`periods`), each box of a value implied by a growth rate (`implied_years`, where it has
    both bounds), each shaded year without a full-year figure (`missing_years`). A "more than"
    row is a lower bound: its number is in `low_musd`, never in `value_musd`. The marks are
    `in_conflict` (a row of a conflicting or strained check) and `page_mark` (no page, or
    its page not re-read); `source_rows` names the rows, `trade_turnover:*` for a gap year,
    which rests on every row (none of them a full-year figure for it)."""
    lower = spans["value_qualifier"] == "more than"
    segments = pd.DataFrame({
        "element": "reported figure", "period_label": spans["period_label"],
        "start": spans["x_start"].dt.strftime("%Y-%m-%d"),
        "end": spans["x_end"].dt.strftime("%Y-%m-%d"),
        "year": pd.array([pd.NA] * len(spans), dtype="Int64"),
        "full_year": spans["full_year"].astype(bool),
        "value_musd": spans["value_musd"].where(~lower),
        "low_musd": spans["value_musd"].where(lower),
        "high_musd": float("nan"),
        "reads_as": lower.map({True: "lower bound", False: "value"}),
        "qualifier": spans["value_qualifier"], "confidence": spans["confidence"],
        "in_conflict": spans["fact_id"].isin(in_conflict),
        "page_mark": [mark(k, c).strip(" []") for k, c in zip(
            spans["address_kind"], spans["page_check"], strict=True)],
        "statistics_source": (spans["statistics_source"] if "statistics_source" in spans
                              else None),
        "address": spans["address"],
        SOURCE_ROWS: load.row_ids("trade_turnover", spans)})
    boxes = implied[implied["derived_high"].notna()]
    boxed = pd.DataFrame({
        "element": "implied by a growth rate, derived", "period_label": boxes["period"],
        "start": boxes["year"].astype(str) + "-01-01",
        "end": boxes["year"].astype(str) + "-12-31",
        "year": boxes["year"].astype("Int64"), "full_year": True,
        "low_musd": boxes["derived_low"].astype(float) / 1e6,
        "high_musd": boxes["derived_high"].astype(float) / 1e6,
        "reads_as": "range, derived",
        SOURCE_ROWS: [load.joined(load.row_ids("reference_checks", boxes.loc[[i]])
                                    + [load.row_id("trade_turnover", r) for r in rows.split(", ")])
                        for i, rows in zip(boxes.index, boxes["rows"], strict=True)]})
    shaded = pd.DataFrame({
        "element": "no full-year figure found", "period_label": [str(y) for y in gaps],
        "start": [f"{y}-01-01" for y in gaps], "end": [f"{y}-12-31" for y in gaps],
        "year": pd.array(gaps, dtype="Int64"), SOURCE_ROWS: load.all_rows("trade_turnover")})
    parts = [p for p in (segments, boxed, shaded) if len(p)]
    out = pd.concat(parts, ignore_index=True)
    return out[segments.columns.tolist()]
