"""The trade chapter's arithmetic: reported turnover as periods, the visit's claims, and a
cross-check of the claimed 30% growth against the other reports. Never interpolates."""

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


def cross_check(claim_pct: float, claim_year: str, turnover: pd.DataFrame,
                tolerance: float = 1.0) -> pd.DataFrame:
    """Every other report of growth for the claim's year, with a verdict.

    consistent: an exact report within `tolerance` points, or a "more than x" report with
    x <= claim; conflicts: otherwise.
    """
    same = turnover[turnover["period_start"].str.startswith(claim_year)
                    & turnover["change_pct"].notna()].copy()

    def verdict(row) -> str:
        if row["change_qualifier"] == "more than":
            return "consistent" if row["change_pct"] <= claim_pct else "conflicts"
        return "consistent" if abs(row["change_pct"] - claim_pct) <= tolerance else "conflicts"

    same["verdict"] = same.apply(verdict, axis=1)
    same["difference_pct_points"] = same["change_pct"] - claim_pct
    return same[["period_label", "change_pct", "change_qualifier", "value_usd", "verdict",
                 "difference_pct_points", "address"]].reset_index(drop=True)
