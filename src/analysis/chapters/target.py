"""The trade target the two sides keep restating, against the latest full-year turnover a page
states: the comparison the landing page leads with, computed from rows, never typed.

Only a row fit to carry a finding is compared: a full calendar year, an exact value, a page
that names it and was read. Later full-year rows that are not fit are named with the reason,
so a reader sees what was left out and why.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class TargetCheck:
    target_usd: float
    target_ids: tuple[str, ...]
    first_date: str
    last_date: str
    turnover_id: str
    turnover_year: int
    turnover_usd: float
    turnover_reporter: str                  # whose statistics, as the row records it
    left_out: tuple[tuple[str, str], ...]   # (fact_id, why) of later full-year rows not used

    @property
    def share_pct(self) -> float:
        return 100 * self.turnover_usd / self.target_usd


def unfit_reason(row: pd.Series) -> str | None:
    """Why a full-year turnover row cannot carry a finding, or None when it can."""
    if row["address_kind"] != "page":
        return "no page"
    if row["page_check"] != "read":
        return "page never re-read"
    if row["value_qualifier"] != "exact":
        return f"a bound, \"{row['value_qualifier']}\""
    return None


def against_target(turnover: pd.DataFrame, other_events: pd.DataFrame) -> TargetCheck:
    """The target rows (`other_events` of kind target) and the latest fit full-year turnover.

    Raises ValueError when the target rows state different values (they would have to be
    shown side by side, not reduced to one) or when no full-year row is fit."""
    targets = other_events[other_events["kind"] == "target"].sort_values("date", kind="stable")
    values = set(targets["value"].astype(float))
    if len(values) != 1:
        raise ValueError(f"other_events: the target rows state {len(values)} values "
                         f"({sorted(values)}); one was expected")
    full = turnover[turnover["full_year"].astype(bool) & turnover["value_usd"].notna()]
    full = full.sort_values(["period_start", "fact_id"], kind="stable")
    reasons = full.apply(unfit_reason, axis=1)
    fit = full[reasons.isna()]
    if fit.empty:
        raise ValueError("trade_turnover: no full-year row with an exact value from a read page")
    chosen = fit.iloc[-1]
    later = full[(full["period_start"] > chosen["period_start"]) & reasons.notna()]
    return TargetCheck(
        target_usd=values.pop(), target_ids=tuple(targets["fact_id"]),
        first_date=str(targets["date"].iloc[0]), last_date=str(targets["date"].iloc[-1]),
        turnover_id=str(chosen["fact_id"]), turnover_year=int(chosen["period_start"][:4]),
        turnover_usd=float(chosen["value_usd"]),
        turnover_reporter=str(chosen.get("reporter", "not stated")),
        left_out=tuple(zip(later["fact_id"], reasons[later.index], strict=True)))
