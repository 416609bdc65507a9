"""The trade chapter's arithmetic: reported turnover as periods, the visit's claims, and the
claimed 30% growth beside the other reports. Never interpolates, and never judges a claim: the
verdicts are the claims ledger's (analysis.tables.claims.verdict), one rule for the book."""

from __future__ import annotations

import pandas as pd


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
    quotes (`reported_by`, empty where it quotes no one) and whether the row names its page."""
    out = turnover[["fact_id", "period_label", "value_usd", "change_pct", "reported_by",
                    "address", "address_kind"]].copy()
    out["reported_by"] = out["reported_by"].fillna("(the page quotes no one)")
    out["sourced"] = out["address_kind"].isin(("page", "primary"))
    return out.drop(columns=["address_kind"]).reset_index(drop=True)
