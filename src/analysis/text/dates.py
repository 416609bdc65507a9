"""Date mentions in running text, normalised to ISO 8601 with their precision.

Absolute forms: "25 October 2021", "October 25, 2021", "5 Dec. 2015", "2015-12-05",
"05.12.2015" (day first, as in the region's usage), "October 2021", a range of years
("2019-2020", two mentions) and a bare year after a preposition ("in 2022", "from 2022").
Relative forms ("this year", "next year", "last year", "this month", "next month", "last
month") are resolved against a reference date (the
article's publication date) and marked relative. "Today" is not resolved: in quoted speech it
is the day the words were spoken, which the publication date does not give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<{}>1[89]\d\d|2[01]\d\d)"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"

PATTERNS = (
    # 2015-12-05
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # 05.12.2015 (day first)
    ("dotted", re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4})\b")),
    # 25 October 2021, 5 Dec. 2015
    ("day_month_year", re.compile(
        r"\b" + _DAY.format("d") + r"\s+" + _MONTH.format("mon") + r",?\s+"
        + _YEAR.format("y") + r"\b", re.IGNORECASE)),
    # October 25, 2021; Dec 5 2015
    ("month_day_year", re.compile(
        r"\b" + _MONTH.format("mon") + r"\s+" + _DAY.format("d") + r",?\s+"
        + _YEAR.format("y") + r"\b", re.IGNORECASE)),
    # October 2021
    ("month_year", re.compile(
        r"\b" + _MONTH.format("mon") + r",?\s+" + _YEAR.format("y") + r"\b", re.IGNORECASE)),
    # 2019-2020, 2019–2021: both ends are years
    ("year_range", re.compile(r"\b" + _YEAR.format("y0") + r"\s*[–-]\s*" + _YEAR.format("y")
                              + r"\b(?![.,]?\d|\s*(?:%|per\s*cent|percent))", re.IGNORECASE)),
    # in 2022, from 2022, since 1992
    ("year", re.compile(
        r"\b(?:in|from|since|by|until|till|to|for|during|before|after|of|year)\s+"
        + _YEAR.format("y") + r"\b(?![.,]\d|\s*(?:%|per\s*cent|percent))", re.IGNORECASE)),
)
RELATIVE = re.compile(r"\b(?P<which>this|next|last|current|previous|coming)\s+"
                      r"(?P<unit>year|month)\b", re.IGNORECASE)
_OFFSETS = {"this": 0, "current": 0, "next": 1, "coming": 1, "last": -1, "previous": -1}
# Lower-case "may" is the verb ("they may 2 ..."); the month is written with a capital.
_VERB_MAY = "may"


@dataclass(frozen=True)
class DateMention:
    """One date mention: where it is, what it says and the ISO date it means."""

    start: int
    end: int
    text: str
    iso: str
    precision: str  # day, month or year
    relative: bool
    form: str  # which pattern matched: day_month_year, year, relative, ...


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None:
            return date(year, month, day).isoformat()
        if month is not None:
            return date(year, month, 1).isoformat()[:7]
    except ValueError:
        return None
    return f"{year:04d}"


def _absolute(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for form, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start = m.start("y") if form == "year" else m.start()
            end = m.end()
            if any(start < b and a < end for a, b in taken):
                continue
            if form == "year_range":
                for group in ("y0", "y"):
                    a, b = m.span(group)
                    found.append(DateMention(a, b, text[a:b], m.group(group), "year", False,
                                             form))
                taken.append((start, end))
                continue
            groups = m.groupdict()
            year = int(groups["y"])
            month = int(groups["m"]) if groups.get("m") else (
                MONTHS[groups["mon"].lower()] if groups.get("mon") else None)
            day = int(groups["d"]) if groups.get("d") else None
            if groups.get("mon") == _VERB_MAY:
                continue
            iso = _iso(year, month, day)
            if iso is None:
                continue
            precision = "day" if day else "month" if month else "year"
            found.append(DateMention(start, end, text[start:end], iso, precision, False, form))
            taken.append((start, end))
    return found


def _relative(text: str, reference: date) -> list[DateMention]:
    out = []
    for m in RELATIVE.finditer(text):
        offset = _OFFSETS[m.group("which").lower()]
        if m.group("unit").lower() == "year":
            iso, precision = f"{reference.year + offset:04d}", "year"
        else:
            months = reference.year * 12 + reference.month - 1 + offset
            iso, precision = f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
        out.append(DateMention(m.start(), m.end(), m.group(0), iso, precision, True, "relative"))
    return out


def parse_dates(text: str, reference: str | date | None = None) -> list[DateMention]:
    """Every date mention in `text`, in reading order.

    `reference` (ISO text or a date) resolves relative mentions; without it they are skipped.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_dates expects str, got {type(text).__name__}")
    mentions = _absolute(text)
    if reference is not None:
        ref = date.fromisoformat(reference) if isinstance(reference, str) else reference
        mentions += _relative(text, ref)
    return sorted(mentions, key=lambda d: (d.start, d.end))
