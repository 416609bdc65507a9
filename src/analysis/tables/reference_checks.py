"""Reference rows checked against each other: the derived table `reference_checks`.

A reference row states what one page says; nothing in it is computed. Whether rows can all be
true together is a derived question, answered here by declared rules, one comparison a row,
each with the rows it rests on and its arithmetic:

- ``same_period``: rows of one measure (and railway section) for the same period, whose values
  must agree within the tolerances below;
- ``change_rate``: a row that gives a value and its growth on a year before implies the value
  for the same months of that year; the implied value is set beside every row for that period,
  or shown alone ("implied only") where there is none;
- ``part_of_total``: months against their year (a part-year value, stated or implied, against
  the year's, stated or implied, from January on) and sections against a total length (the
  sections one page gives, summed, against that page's total, or every total where it gives
  none).

Qualifiers are ranges, never points, so "up to", "almost" and "more than" are never summed into
an exact value: exact is ±0.5 per cent (VALUE_TOLERANCE), about ±5 per cent, almost up to 5 per
cent less, up to at most the value, more than at least it; a growth rate is ±2 percentage
points (pages round rates). Two values agree when their ranges overlap. A year and its part
that can both hold only if the remaining months fall below a quarter (or rise above four times)
of the part's monthly average are ``strained``, not ``consistent``.

Rows that name no page (address_kind none) are left out: an unsourced row neither supports nor
contradicts. Rows whose page was never re-read are used and named in `unread_rows`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.schema.table import Column, Table

VALUE_TOLERANCE = 0.005
ABOUT_TOLERANCE = 0.05
GROWTH_TOLERANCE_PP = 2.0
STRAINED_SHARE = 0.25
RULES = ("same_period", "change_rate", "part_of_total")
RESULTS = ("consistent", "conflicting", "strained", "implied only")
CONFLICTS = ("conflicting", "strained")
SOURCED_KINDS = ("page", "primary")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TOLERANCES = (f"exact ±{100 * VALUE_TOLERANCE:g}%, about ±{100 * ABOUT_TOLERANCE:g}%, almost "
              f"up to {100 * ABOUT_TOLERANCE:g}% less, up to / more than a bound; growth "
              f"±{GROWTH_TOLERANCE_PP:g} percentage points")
UNITS = {"USD": ("US$", 1e6, "m"), "km": ("", 1, " km"), "million_t": ("", 1, " Mt"),
         "million_t_per_year": ("", 1, " Mt/yr"), "percent": ("", 1, "%")}


@dataclass(frozen=True)
class Span:
    """A value as a range: what a qualified figure allows (high may be unbounded)."""

    low: float
    high: float

    def overlaps(self, other: Span) -> bool:
        return self.low <= other.high and other.low <= self.high

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)


def span(value: float, qualifier: str, high: float | None = None) -> Span:
    """The range a page's figure allows, by its qualifier (a range the page gives is kept)."""
    if high is not None and not pd.isna(high):
        return Span(float(value), float(high))
    v = float(value)
    if qualifier == "about":
        return Span(v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE))
    if qualifier == "almost":
        return Span(v * (1 - ABOUT_TOLERANCE), v)
    if qualifier == "up to":
        return Span(0.0, v)
    if qualifier == "more than":
        return Span(v, math.inf)
    if qualifier in ("exact", "", None) or pd.isna(qualifier):
        return Span(v * (1 - VALUE_TOLERANCE), v * (1 + VALUE_TOLERANCE))
    raise ValueError(f"unknown qualifier {qualifier!r}")


def growth_ratio(pct: float, qualifier: str) -> Span:
    """This period's value over the same months a year before, as a growth rate allows."""
    ratio = 1 + float(pct) / 100
    if qualifier == "about":
        return Span(ratio * (1 - ABOUT_TOLERANCE), ratio * (1 + ABOUT_TOLERANCE))
    if qualifier == "almost":
        return Span(ratio * (1 - ABOUT_TOLERANCE), ratio)
    if qualifier == "more than":
        return Span(ratio, math.inf)
    if qualifier == "up to":
        return Span(0.0, ratio)
    return Span(1 + (float(pct) - GROWTH_TOLERANCE_PP) / 100,
                1 + (float(pct) + GROWTH_TOLERANCE_PP) / 100)


def implied_before(value: Span, ratio: Span) -> Span:
    """The value a year before: this period's range over the growth ratio's."""
    low = 0.0 if ratio.high == math.inf else value.low / ratio.high
    high = math.inf if ratio.low <= 0 else value.high / ratio.low
    return Span(low, high)


def show(x: float, unit: str) -> str:
    if x == math.inf:
        return "∞"
    prefix, scale, suffix = UNITS[unit]
    return f"{prefix}{x / scale:,.4g}{suffix}" if abs(x / scale) < 1e4 else \
        f"{prefix}{x / scale:,.0f}{suffix}"


def show_span(s: Span, unit: str) -> str:
    return f"{show(s.low, unit)}–{show(s.high, unit)}"


@dataclass
class Figure:
    """One figure of one row, or one value derived from rows: what the rules compare."""

    ids: tuple[str, ...]  # the rows it rests on
    table: str
    measure: str
    section: str
    period_key: str  # "2021-01/2021-09", "2023-01/2023-12", "initial", "" (a length as stated)
    period_label: str
    unit: str
    value: Span
    said: str  # the figure as the page puts it, or the derivation
    derived: bool = False
    scope: str = ""
    unread: tuple[str, ...] = field(default_factory=tuple)
    growth: tuple | None = None  # (pct, qualifier) where the row gives a growth rate
    central: float | None = None

    @property
    def months(self) -> tuple[int, int, int] | None:
        """(year, first month, last month) of a calendar period, else None."""
        m = re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", self.period_key)
        if not m or m.group(1) != m.group(3):
            return None
        return int(m.group(1)), int(m.group(2)), int(m.group(4))


def _said(value, qualifier, unit, high=None) -> str:
    if high is not None and not pd.isna(high):
        return f"{show(float(value), unit)}–{show(float(high), unit)}"
    word = "" if qualifier in ("exact", None) or pd.isna(qualifier) else f"{qualifier} "
    return f"{word}{show(float(value), unit)}"


def _volume_period(period: str) -> tuple[str, str]:
    """A volume's period as a calendar key where it is one: "2025 Jan-Oct" -> 2025-01/2025-10."""
    m = re.fullmatch(r"(\d{4})(?: ([A-Z][a-z]{2})-([A-Z][a-z]{2}))?", period or "")
    if not m:
        return period or "", period or "as reported"
    year = m.group(1)
    first = MONTHS.index(m.group(2)) + 1 if m.group(2) else 1
    last = MONTHS.index(m.group(3)) + 1 if m.group(3) else 12
    return f"{year}-{first:02d}/{year}-{last:02d}", period


def _unread(row) -> tuple[str, ...]:
    return (row["fact_id"],) if row["page_check"] == "not_reread" else ()


def trade_figures(turnover: pd.DataFrame) -> list[Figure]:
    """Every sourced turnover row's value and growth as figures."""
    out = []
    for _, r in turnover[turnover["address_kind"].isin(SOURCED_KINDS)].iterrows():
        key = f"{r['period_start']}/{r['period_end']}"
        growth = None if pd.isna(r["change_pct"]) else (float(r["change_pct"]),
                                                        r["change_qualifier"])
        if not pd.isna(r["value_usd"]):
            out.append(Figure((r["fact_id"],), "trade_turnover", "turnover", "", key,
                              r["period_label"], "USD",
                              span(r["value_usd"], r["value_qualifier"]),
                              _said(r["value_usd"], r["value_qualifier"], "USD"),
                              unread=_unread(r), growth=growth,
                              central=float(r["value_usd"])))
        if growth is not None:
            out.append(Figure((r["fact_id"],), "trade_turnover", "growth", "", key,
                              r["period_label"], "percent",
                              span(r["change_pct"], r["change_qualifier"]),
                              _said(r["change_pct"], r["change_qualifier"], "percent"),
                              unread=_unread(r)))
    return out


def railway_figures(figures: pd.DataFrame) -> list[Figure]:
    """Every sourced railway row (length, capacity, volume) as a figure."""
    out = []
    for _, r in figures[figures["address_kind"].isin(SOURCED_KINDS)].iterrows():
        if r["measure"] == "volume":
            key, label = _volume_period(r["period"])
        else:
            key = "" if pd.isna(r["period"]) else r["period"]
            label = key or "as reported"
        growth = None if pd.isna(r["change_pct"]) else (float(r["change_pct"]), "exact")
        out.append(Figure((r["fact_id"],), "railway_figures", r["measure"], r["section"], key,
                          label, r["unit"], span(r["value"], r["qualifier"], r["value_high"]),
                          _said(r["value"], r["qualifier"], r["unit"], r["value_high"]),
                          scope="" if pd.isna(r["scope"]) else r["scope"], unread=_unread(r),
                          growth=growth, central=float(r["value"])))
    return out


def _row(rule, figs_used, figs_compared, derived, result, arithmetic, reason, measure,
         period, unit, table) -> dict:
    used = [i for f in figs_used for i in f.ids]
    compared = [i for f in figs_compared for i in f.ids]
    rows = list(dict.fromkeys(used + compared))
    scopes = {f.scope for f in [*figs_used, *figs_compared] if f.scope}
    unread = sorted({i for f in [*figs_used, *figs_compared] for i in f.unread})
    return {
        "check_id": "-".join([rule, measure.split(" ")[0], re.sub(r"\W+", "_", period),
                              *rows]),
        "rule": rule, "reference_table": table, "measure": measure, "period": period,
        "rows": ", ".join(rows),
        "derived_from": ", ".join(used) if derived is not None else None,
        "compared_rows": ", ".join(compared) or None,
        "derived_low": None if derived is None else _num(derived.low),
        "derived_high": None if derived is None or derived.high == math.inf
        else _num(derived.high),
        "unit": unit, "arithmetic": arithmetic, "tolerance": TOLERANCES, "result": result,
        "reason": reason, "scopes_differ": len(scopes) > 1,
        "unread_rows": ", ".join(unread) or None,
    }


def _num(x: float) -> float:
    return float(f"{x:.6g}")


MEASURE_WORDS = {"turnover": "turnover (US$)", "growth": "growth on a year before (%)",
                 "length": "length (km)", "capacity": "capacity (million t a year)",
                 "volume": "volume (million t)"}


def _measure(f: Figure) -> str:
    words = MEASURE_WORDS[f.measure]
    return f"{words}, {f.section}" if f.section and f.section != "total" else words


def same_period(figs: list[Figure]) -> list[dict]:
    """Rows of one measure and period: every pair's ranges must overlap."""
    groups: dict[tuple, list[Figure]] = {}
    for f in figs:
        groups.setdefault((f.table, f.measure, f.section, f.period_key), []).append(f)
    out = []
    for (table, _, _, _), group in groups.items():
        if len(group) < 2:
            continue
        apart = [(a, b) for i, a in enumerate(group) for b in group[i + 1:]
                 if not a.value.overlaps(b.value)]
        listed = "; ".join(f"{f.ids[0]} {f.said} ({show_span(f.value, f.unit)})" for f in group)
        if apart:
            result = "conflicting"
            told = ", ".join(f"{a.ids[0]}/{b.ids[0]}" for a, b in apart)
            arithmetic = f"{listed}: ranges apart for {told}"
            reason = (f"{len(group)} rows for the same {group[0].measure} and period give "
                      f"values that cannot all hold within the tolerance")
        else:
            result = "consistent"
            arithmetic = f"{listed}: all ranges overlap"
            reason = f"{len(group)} rows for the same period agree within the tolerance"
        out.append(_row("same_period", [], group, None, result, arithmetic, reason,
                        _measure(group[0]), group[0].period_label, group[0].unit, table))
    return out


def _year_before(f: Figure) -> tuple[str, str]:
    m = f.months
    if m is None:
        raise ValueError(f"{f.ids}: a growth rate needs a calendar period")
    year, first, last = m
    key = f"{year - 1}-{first:02d}/{year - 1}-{last:02d}"
    label = re.sub(r"^\d{4}", str(year - 1), f.period_label)
    return key, label


def implied(figs: list[Figure]) -> list[Figure]:
    """The value each row's growth rate implies for the same months a year before."""
    out = []
    for f in figs:
        if f.growth is None or f.measure == "growth" or f.months is None:
            continue
        key, label = _year_before(f)
        ratio = growth_ratio(*f.growth)
        pct, qualifier = f.growth
        word = "" if qualifier == "exact" else f"{qualifier} "
        value = implied_before(f.value, ratio)
        said = (f"{f.ids[0]} {f.said} with growth of {word}{pct:g}% implies "
                f"{show_span(value, f.unit)} "
                f"({show(f.central / (1 + pct / 100), f.unit)} at the stated figures)")
        out.append(Figure(f.ids, f.table, f.measure, f.section, key, label, f.unit, value,
                          said, derived=True, scope=f.scope, unread=f.unread,
                          central=f.central / (1 + pct / 100)))
    return out


def change_rate(figs: list[Figure]) -> list[dict]:
    """Each implied value beside every row for its period, or alone."""
    out = []
    for d in implied(figs):
        same = [f for f in figs if (f.table, f.measure, f.section, f.period_key)
                == (d.table, d.measure, d.section, d.period_key) and not f.derived]
        if not same:
            out.append(_row("change_rate", [d], [], d.value, "implied only",
                            d.said + f"; no row gives {d.period_label}",
                            f"the value {d.ids[0]}'s growth rate implies for {d.period_label},"
                            " a derived value, not a reported one",
                            _measure(d), d.period_label, d.unit, d.table))
            continue
        for f in same:
            ok = d.value.overlaps(f.value)
            scopes = d.scope and f.scope and d.scope != f.scope
            reason = (f"{d.ids[0]}'s growth rate implies a {d.period_label} value "
                      f"{'within' if ok else 'outside'} the range of {f.ids[0]}")
            if scopes:
                reason += (f"; the rows measure different things as their pages put them "
                           f"({d.ids[0]}: {d.scope}; {f.ids[0]}: {f.scope}), so the conflict "
                           "may be one of scope")
            out.append(_row("change_rate", [d], [f], d.value,
                            "consistent" if ok else "conflicting",
                            f"{d.said}; {f.ids[0]} gives {f.said} ({show_span(f.value, f.unit)})"
                            f": {'overlap' if ok else 'apart'}", reason,
                            _measure(d), d.period_label, d.unit, d.table))
    return out


def months_of_year(figs: list[Figure]) -> list[dict]:
    """Each part of a year (from January) against each value for the whole year."""
    pool = [f for f in figs + implied(figs) if f.months and f.measure != "growth"]
    out = []
    for total in pool:
        year, first, last = total.months
        if (first, last) != (1, 12):
            continue
        for part in pool:
            if part is total or part.months is None:
                continue
            p_year, p_first, p_last = part.months
            if p_year != year or p_first != 1 or p_last == 12 or \
                    (part.table, part.measure, part.section) != \
                    (total.table, total.measure, total.section):
                continue
            out.append(_part_against_year(part, total, p_last))
    return out


def _part_against_year(part: Figure, total: Figure, months: int) -> dict:
    rest = 12 - months
    unit = part.unit
    left = Span(max(0.0, total.value.low - part.value.high), total.value.high - part.value.low)
    part_avg = Span(part.value.low / months, part.value.high / months)
    rest_avg = Span(left.low / rest, left.high / rest)
    if part.value.low > total.value.high:
        result = "conflicting"
        reason = (f"the {months} months ({part.period_label}) exceed the whole year "
                  f"({total.period_label}) at every value the rows allow")
    elif rest_avg.high < STRAINED_SHARE * part_avg.low:
        result = "strained"
        reason = (f"both can hold only if the other {rest} months averaged under "
                  f"{100 * STRAINED_SHARE:g}% of the first {months} months' monthly average")
    elif rest_avg.low > part_avg.high / STRAINED_SHARE:
        result = "strained"
        reason = (f"both can hold only if the other {rest} months averaged over "
                  f"{1 / STRAINED_SHARE:g} times the first {months} months' monthly average")
    else:
        result = "consistent"
        reason = f"the {months} months fit within the year"
    used = [f for f in (part, total) if f.derived]
    derived = part.value if part.derived else (total.value if total.derived else None)
    arithmetic = (f"{part.period_label}: {_told(part)}; {total.period_label}: {_told(total)}; "
                  f"left for the other {rest} months: {show_span(left, unit)}, a monthly "
                  f"average of {show_span(rest_avg, unit)} against "
                  f"{show_span(part_avg, unit)} in the first {months}")
    return _row("part_of_total", used, [f for f in (part, total) if not f.derived], derived,
                result, arithmetic, reason, _measure(part), total.period_label, unit,
                part.table)


def _told(f: Figure) -> str:
    if f.derived:
        return f"derived: {f.said}"
    return f"{f.ids[0]} {f.said} ({show_span(f.value, f.unit)})"


def sections_of_total(figs: list[Figure], pages: dict[str, str]) -> list[dict]:
    """The sections one page gives, summed as ranges, against that page's total length (of
    the same period) or, where it gives none, against every total length."""
    lengths = [f for f in figs if f.measure == "length"]
    by_page: dict[tuple, list[Figure]] = {}
    for f in lengths:
        by_page.setdefault((pages[f.ids[0]], f.period_key), []).append(f)
    totals = [f for f in lengths if f.section == "total"]
    out = []
    for _, group in sorted(by_page.items()):
        parts = [f for f in group if f.section != "total"]
        if len(parts) < 2:
            continue
        own = [f for f in group if f.section == "total"]
        summed = parts[0].value
        for f in parts[1:]:
            summed = summed + f.value
        missing = sorted({"Kazakhstan", "Turkmenistan", "Iran"} - {f.section for f in parts})
        if missing:
            summed = Span(summed.low, math.inf)
        said = " + ".join(f"{f.ids[0]} {f.section} {f.said}" for f in parts)
        said += f" = {show_span(summed, 'km')}"
        if missing:
            said += f" ({', '.join(missing)} not given: the total is at least the sum)"
        for total in own or [t for t in totals if t.period_key == ""]:
            ok = summed.overlaps(total.value)
            reason = ("the page's sections add up to its total within the tolerance" if ok
                      and total in own else
                      "the sections add up to a length within the total's range" if ok else
                      "the sections cannot add up to the total at any value the rows allow")
            if not own:
                reason += "; the page gives no total of its own"
            out.append(_row("part_of_total", parts, [total], summed,
                            "consistent" if ok else "conflicting",
                            f"{said}; {total.ids[0]} total {total.said} "
                            f"({show_span(total.value, 'km')}): {'overlap' if ok else 'apart'}",
                            reason, "length (km), sections against the total", total.period_label,
                            "km", "railway_figures"))
    return out


def build_reference_checks(reference_trade_turnover, reference_railway_figures) -> pd.DataFrame:
    trade = trade_figures(reference_trade_turnover)
    rail = railway_figures(reference_railway_figures)
    pages = dict(zip(reference_railway_figures["fact_id"],
                     reference_railway_figures["address"].fillna(""), strict=True))
    rows = []
    for figs in (trade, rail):
        rows += same_period(figs) + change_rate(figs) + months_of_year(figs)
    rows += sections_of_total(rail, pages)
    frame = pd.DataFrame(rows, columns=REFERENCE_CHECKS.column_names)
    order = {r: i for i, r in enumerate(RULES)}
    frame = frame.assign(_rule=frame["rule"].map(order)).sort_values(
        ["reference_table", "_rule", "check_id"], kind="stable").drop(columns="_rule")
    return frame.reset_index(drop=True)


def conflicts(checks: pd.DataFrame) -> pd.DataFrame:
    """The checks whose rows cannot all hold, or can only strained (RESULTS: CONFLICTS)."""
    return checks[checks["result"].isin(CONFLICTS)].reset_index(drop=True)


def rows_in_conflict(checks: pd.DataFrame) -> set[str]:
    """Every reference row that takes part in a conflicting or strained check."""
    return {i for rows in conflicts(checks)["rows"] for i in rows.split(", ")}


REFERENCE_CHECKS = Table(
    name="reference_checks",
    description="Reference rows checked against each other by declared rules (analysis.tables."
                "reference_checks): the same measure and period; a growth rate against the "
                "rows for the year before (the value it implies); months against their year "
                "and railway sections against a total length. Qualifiers are ranges, never "
                "summed into exact values; rows without a page are left out. One row is one "
                "comparison, with the rows it rests on and its arithmetic; derived values are "
                "computed here, never stored as reference facts.",
    columns=(
        Column("check_id", "string", "Id: rule, measure and the rows compared."),
        Column("rule", "string", "same_period, change_rate or part_of_total.", values=RULES),
        Column("reference_table", "string", "The reference table the rows are in."),
        Column("measure", "string", "What is compared, with its unit."),
        Column("period", "string", "The period compared (for an implied value, the year "
                                   "before the row's own)."),
        Column("rows", "string", "Every reference row the check rests on (fact_id)."),
        Column("derived_from", "string", "The rows a derived value is computed from (an "
                                         "implied value or a sum of sections).", required=False),
        Column("compared_rows", "string", "The rows it is compared with.", required=False),
        Column("derived_low", "number", "Low end of the derived value's range, in `unit`.",
               required=False),
        Column("derived_high", "number", "High end of the derived value's range (empty where "
                                         "it has no upper bound).", required=False),
        Column("unit", "string", "USD, percent, km, million_t or million_t_per_year."),
        Column("arithmetic", "string", "The values, their ranges and the computation."),
        Column("tolerance", "string", "The tolerances the ranges are built with."),
        Column("result", "string", "consistent, conflicting (cannot all hold), strained (can "
                                   "hold only if the rest of a year is far from its first "
                                   "months) or implied only (no row to compare).",
               values=RESULTS),
        Column("reason", "string", "The result in words."),
        Column("scopes_differ", "boolean", "Whether the pages say the rows measure different "
                                           "things (railway volumes: the railway, the route, all "
                                           "cargo between the countries)."),
        Column("unread_rows", "string", "Rows among them whose page was never re-read.",
               required=False),
    ),
    build=build_reference_checks,
    inputs=("reference:trade_turnover", "reference:railway_figures"),
    primary_key=("check_id",),
)
