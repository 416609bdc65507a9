"""Declarations of the reference tables under data/reference/: facts from pages outside the
primary source, one fact a row, each with the page it came from and the date it was read.

Where pages disagree, every reported value is its own row: the disagreement is part of what
the report shows. These files are inputs; code reads them with `load` and never writes
them. Every row must carry `address` (the page) and `accessed` (the date it was read),
unless the row says so itself: `address_kind` "none" (no page was found; its note says
where one was looked for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import InputError, SchemaError
from analysis.io import inputs, paths, text_hygiene
from analysis.schema.table import Column, Table, conform

PROVENANCE_COLUMNS = (
    Column("address", "string", "Address of the page the fact was taken from; empty only "
                                "where `address_kind` is none.", required=False),
    Column("accessed", "date", "Date the page (a stored copy of it) was read; where no page "
                               "was found, the date it was looked for."),
)


FORWARD = ("planned", "expected")  # a date still to come when its page was read
PUBLISHED_DIR = "reference"  # derive publishes a byte copy of each under data/derived/


def read_checked(declared: Table, root: Path = paths.ROOT) -> pd.DataFrame:
    """Read data/reference/<name>.csv and check it against its declaration: columns, types,
    vocabularies and ranges, real dates at their stated precision, unique keys, and the page
    every fact came from."""
    path = Path(root) / "data" / "reference" / declared.path_name
    if not path.is_file():
        raise InputError(path, "file", f"reference table {declared.name!r}", "no such file")
    header, records = text_hygiene.csv_rows(path, text_hygiene.table_text(path))
    text_hygiene.check_cells(path, header, records, one_line=one_line(declared),
                             keywords=KEYWORD_COLUMNS.get(declared.name, ()))
    rows = [cells for _, cells in records]
    if not rows:
        raise InputError(path, "body", "at least one fact", "a header and no rows")
    missing = [c for c in declared.column_names if c not in header]
    unknown = [c for c in header if c not in declared.column_names]
    if missing or unknown:
        raise InputError(path, "line 1 (header)", f"columns {declared.column_names}",
                         f"missing {missing}, unknown {unknown}")
    frame = pd.DataFrame(rows, columns=header, dtype="string")
    frame = frame.apply(lambda col: col.str.strip()).replace("", pd.NA)
    try:
        out = conform(frame, declared, str(path), unit="line")
    except SchemaError as exc:
        raise InputError(path, exc.place or "schema", exc.expected or "the declared columns",
                         exc.found or str(exc)) from None
    if "address_kind" in out.columns:
        for i, (kind, address) in enumerate(zip(out["address_kind"], out["address"],
                                                strict=True)):
            if kind != "none" and pd.isna(address):
                raise InputError(path, f"line {i + 2}, column 'address'",
                                 "the address of the page the fact came from (or "
                                 "'address_kind' none, saying no page was found)", "an empty cell")
            if kind == "page" and not str(address).startswith(("http://", "https://")):
                raise InputError(path, f"line {i + 2}, column 'address'",
                                 "a page's address (http:// or https://), as column "
                                 "'address_kind' says 'page'", repr(address))
    if "note" in out.columns:
        for i, note in enumerate(out["note"]):
            if not pd.isna(note) and re.search(DERIVED_NOTE, note):
                raise InputError(path, f"line {i + 2}, column 'note'",
                                 "a fact one page states (a value computed from other rows is "
                                 "derived: table reference_checks)",
                                 f"a note saying the row was computed: {note[:80]!r}")
    for date_column, precision_column in DATED_COLUMNS:
        if precision_column not in out.columns:
            continue
        for i, (date, precision) in enumerate(zip(out[date_column], out[precision_column],
                                                  strict=True)):
            if len(date) != PRECISION_LENGTH[precision]:
                raise InputError(path, f"line {i + 2}, column {date_column!r}",
                                 f"a date at {precision} precision "
                                 f"({PRECISION_FORM[precision]}), as column "
                                 f"{precision_column!r} says", repr(date))
    _check_dates_read(path, declared, out)
    _check_plausible(path, declared, out)
    return out


# A fact may be dated after the day its page was read only where its row says the date is still
# to come: the column and its values that say so, by table.
FORWARD_MARKED = {"railway_milestones": ("date_qualifier", FORWARD)}


def _check_dates_read(path: Path, declared: Table, out: pd.DataFrame) -> None:
    """No fact dated after the day its page was read (`accessed`), unless marked planned or
    expected: a page cannot report what had not yet happened."""
    if "accessed" not in out.columns:
        return
    marker = FORWARD_MARKED.get(declared.name)
    dated = [c.name for c in declared.columns if c.type == "date" and c.name != "accessed"]
    for i, accessed in enumerate(out["accessed"]):
        if marker and out.at[i, marker[0]] in marker[1]:
            continue
        for name in dated:
            date = out.at[i, name]
            if pd.notna(date) and date > accessed[:len(date)]:
                unless = (f", unless column {marker[0]!r} says {' or '.join(marker[1])}"
                          if marker else "")
                raise InputError(path, f"line {i + 2}, column {name!r}",
                                 f"a date no later than the day its page was read (accessed "
                                 f"{accessed}){unless}", repr(date))


@dataclass(frozen=True)
class Plausible:
    """The range a measure can plausibly take, declared per column (and per unit where the
    table gives one): a value outside it is a typing slip or a unit confused, and is refused
    with the range named."""

    column: str
    measure: str
    low: float
    high: float
    unit: str
    when: tuple[str, str] | None = None  # (column, value): the rows the range is for

    def words(self) -> str:
        return f"{self.measure} within its plausible range, {_number(self.low)} to " \
               f"{_number(self.high)} {self.unit}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"



PLAUSIBLE = {
    "trade_turnover": (
        Plausible("value_usd", "a bilateral trade value", 1e6, 1e11, "US dollars"),),
    "border_lengths": (
        Plausible("value", "a border length", 1, 10_000, "kilometres", ("unit", "km")),
        Plausible("value", "a sea boundary length", 1, 1_000, "nautical miles",
                  ("unit", "nautical_mile")),
        Plausible("value", "a count of border signs", 1, 100_000, "signs", ("unit", "signs"))),
    "railway_figures": tuple(
        Plausible(column, measure, low, high, unit, ("unit", when))
        for column in ("value", "value_high")
        for measure, low, high, unit, when in (
            ("a railway length", 1, 10_000, "kilometres", "km"),
            ("a yearly tonnage", 0.01, 1_000, "million tonnes a year", "million_t_per_year"),
            ("a tonnage", 0.001, 1_000, "million tonnes", "million_t"))),
    "other_events": (
        Plausible("value", "a count of documents", 1, 1_000, "documents", ("unit", "documents")),
        Plausible("value", "a length", 1, 10_000, "kilometres", ("unit", "km")),
        Plausible("value", "a trade value", 1e6, 1e11, "US dollars", ("unit", "USD")),
        Plausible("value", "a yearly gas volume", 0.01, 1_000, "billion cubic metres a year",
                  ("unit", "billion_m3_per_year"))),
}


def _check_plausible(path: Path, declared: Table, out: pd.DataFrame) -> None:
    for rule in PLAUSIBLE.get(declared.name, ()):
        for i, value in enumerate(out[rule.column]):
            if pd.isna(value) or (rule.when and out.at[i, rule.when[0]] != rule.when[1]):
                continue
            if not rule.low <= float(value) <= rule.high:
                raise InputError(path, f"line {i + 2}, column {rule.column!r}", rule.words(),
                                 f"{float(value):g}")


def one_line(declared: Table) -> tuple[str, ...]:
    """Columns the text-hygiene rule keeps on one line: the key, every column with a
    vocabulary, and every number, date and boolean."""
    return tuple(c.name for c in declared.columns
                 if c.name in declared.primary_key or c.values or c.type != "string")


# Columns holding keyword lists matched in texts, separated by ";".
KEYWORD_COLUMNS = {"places": ("aliases",)}

PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}
DATED_COLUMNS = (("date", "precision"), ("event_date", "event_date_precision"))
PRECISION_FORM = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}

ADDRESS_KIND = Column(
    "address_kind", "string",
    "page: `address` is the page's address; primary: the report's primary source; none: no "
    "page stating the fact was found (`address` is empty, the note says what was searched).",
    values=("page", "primary", "none"))
PAGE_CHECK = Column(
    "page_check", "string",
    "read: a stored copy of the page was read on `accessed` and states the fact; not_reread: "
    "the page was not read again (`accessed` is the day the fact list was written); "
    "none_found: no page was found (`accessed` is the day of the search).",
    values=("read", "not_reread", "none_found"))
NOTE = Column("note", "string", "What the page adds, or why the row conflicts with another.",
              required=False)
PRECISION = Column("precision", "string", "Precision of `date`: day, month or year.",
                   values=("day", "month", "year"))
SPEAKER_COUNTRY = Column("speaker_country", "string", "KAZ or TKM: the country of the official "
                                                      "the page quotes; empty where it quotes "
                                                      "no one.",
                         required=False, values=("KAZ", "TKM"))
STATISTICS_SOURCES = ("statistics office", "ministry", "one side's official", "mirror data",
                      "not stated")
STATISTICS_SOURCE = Column(
    "statistics_source", "string",
    "Whose figure the page gives: statistics office (it names a national statistics office), "
    "ministry (a ministry's release), one side's official (an official or press service of one "
    "of the two states, naming no statistics), mirror data (a third country's or an "
    "international body's statistics), or not stated (the page attributes it to no one).",
    required=False, values=STATISTICS_SOURCES)
PAGE_DATE = Column("page_date", "date", "The date the page gives itself, where it gives one "
                                        "(not the date in its address); empty where it gives "
                                        "none.", required=False)
PAGE_KIND = Column("page_kind", "string",
                   "report: the page reports one event or subject; aggregator: the page strings "
                   "several unrelated items together, so its address and headline need not "
                   "date or describe the item the figure is in.",
                   required=False, values=("report", "aggregator"))
# A reference row states what one page says. A note that says the row was computed from other
# rows marks a derived value stored as a fact: such values belong in table reference_checks.
DERIVED_NOTE = r"(?i)\b(sum of|summed|computed|calculated|derived from|implied by|added up)\b"
EXACT_ABOUT = ("exact", "about", "more than", "almost", "up to")

TRADE_TURNOVER = Table(
    name="trade_turnover",
    description="Reported Kazakhstan-Turkmenistan trade turnover, one report a row; periods "
                "not found are absent (never interpolated).",
    columns=(
        Column("fact_id", "string", "Stable id of the fact, tt01, tt02, ..."),
        Column("period_label", "string", "The period as a reader says it: 2021 Jan-Sep."),
        Column("period_start", "date", "First month of the period, YYYY-MM."),
        Column("period_end", "date", "Last month of the period, YYYY-MM."),
        Column("full_year", "boolean", "Whether the period is a whole calendar year."),
        Column("value_usd", "number", "Turnover in US dollars; empty where the page gives only "
                                      "a growth rate.", required=False, above=0),
        Column("value_qualifier", "string", "exact, about, or more than (as the page says).",
               required=False, values=EXACT_ABOUT),
        Column("change_pct", "number", "Growth on the same period a year before, percent.",
               required=False, minimum=-100),
        Column("change_qualifier", "string", "exact, about, or more than.", required=False,
               values=EXACT_ABOUT),
        Column("reported_by", "string", "Who the page quotes, where it says.", required=False),
        SPEAKER_COUNTRY,
        Column("reporter", "string", "Whose statistics the figure comes from, where the page "
                                     "says: KAZ, TKM, other, or not stated.",
               values=("KAZ", "TKM", "other", "not stated")),
        STATISTICS_SOURCE,
        Column("confidence", "string", "normal, or low where the page is unreliable.",
               values=("normal", "low")),
        ADDRESS_KIND,
        PAGE_CHECK,
        PAGE_DATE,
        PAGE_KIND,
        NOTE,
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("fact_id",),
)

# What a border milestone is to this border (column `role` of border_milestones).
BORDER_ROLES = ("border", "caspian", "cited")

BORDER_MILESTONES = Table(
    name="border_milestones",
    description="Legal milestones of the Kazakhstan-Turkmenistan border, land and sea, and the "
                "Caspian instruments that frame its sea boundary (column `role`).",
    columns=(
        Column("fact_id", "string", "Stable id of the fact, bm01, ..."),
        Column("date", "date", "ISO date at the precision the page gives."),
        PRECISION,
        Column("event", "string", "What happened."),
        Column("kind", "string", "treaty, agreement, convention, memorandum, ratification, "
                                 "entry_into_force.",
               values=("treaty", "agreement", "convention", "memorandum", "ratification",
                       "entry_into_force")),
        Column("role", "string", "border: a step of the Kazakhstan-Turkmenistan border itself "
                                 "(an instrument on it, or its ratification); caspian: an "
                                 "instrument of Caspian littoral states that frames the sea "
                                 "boundary; cited: not a border instrument, named by one (the "
                                 "span of the border's legal path counts border rows only).",
               values=BORDER_ROLES),
        Column("place", "string", "Where it was signed, where the page says.", required=False),
        ADDRESS_KIND,
        PAGE_CHECK,
        NOTE,
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("fact_id",),
)

BORDER_LENGTHS = Table(
    name="border_lengths",
    description="Reported lengths of the border and counts of its demarcation signs; "
                "conflicting values each have their own row.",
    columns=(
        Column("fact_id", "string", "Stable id of the fact, bl01, ..."),
        Column("measure", "string", "land_border_length, sea_boundary_length, border_signs, "
                                    "border_signs_main, border_signs_intermediate.",
               values=("land_border_length", "sea_boundary_length", "border_signs",
                       "border_signs_main", "border_signs_intermediate")),
        Column("value", "number", "The figure the page gives.", above=0),
        Column("unit", "string", "km, nautical_mile or signs.",
               values=("km", "nautical_mile", "signs")),
        Column("qualifier", "string", "exact or about.", values=EXACT_ABOUT),
        Column("reported_by", "string", "The page or document, as the fact list names it."),
        ADDRESS_KIND,
        PAGE_CHECK,
        NOTE,
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("fact_id",),
)

RAILWAY_MILESTONES = Table(
    name="railway_milestones",
    description="Milestones of the Kazakhstan-Turkmenistan-Iran railway (North-South).",
    columns=(
        Column("fact_id", "string", "Stable id of the fact, rm01, ..."),
        Column("date", "date", "ISO date at the precision the page gives."),
        PRECISION,
        Column("date_qualifier", "string", "exact or about; planned or expected for a date "
                                           "still to come when the page was read.",
               values=(*EXACT_ABOUT, *FORWARD)),
        Column("event", "string", "What happened."),
        Column("place", "string", "Where, where the page says.", required=False),
        ADDRESS_KIND,
        PAGE_CHECK,
        NOTE,
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("fact_id",),
)

RAILWAY_FIGURES = Table(
    name="railway_figures",
    description="Reported lengths, capacities and volumes of the Kazakhstan-Turkmenistan-Iran "
                "railway, one value a source a row; conflicting values kept side by side.",
    columns=(
        Column("fact_id", "string", "Stable id of the fact, rf01, ..."),
        Column("measure", "string", "length, capacity or volume.",
               values=("length", "capacity", "volume")),
        Column("section", "string", "total, Kazakhstan, Turkmenistan or Iran.",
               values=("total", "Kazakhstan", "Turkmenistan", "Iran")),
        Column("value", "number", "The figure (the low end of a range).", above=0),
        Column("value_high", "number", "High end of a range (3-5 million t: 5).", required=False,
               above=0),
        Column("unit", "string", "km, million_t_per_year or million_t.",
               values=("km", "million_t_per_year", "million_t")),
        Column("qualifier", "string", "exact, about, almost or up to.", values=EXACT_ABOUT),
        Column("period", "string", "What the capacity or volume is for: initial, long_term, "
                                   "on completion, potential, by 2012, 2023, 2025 Jan-Oct; for a "
                                   "length, before the opening where the page was written "
                                   "before the line opened (a planned length).",
               required=False),
        Column("scope", "string", "For a volume: what the page says the tonnage covers "
                                  "(carried on the railway, handled by the route, cargo "
                                  "between the two countries), in its words.", required=False),
        Column("change_pct", "number", "Reported growth on the year before, percent.",
               required=False, minimum=-100),
        Column("reported_by", "string", "The page or site, as the fact list names it."),
        SPEAKER_COUNTRY,
        STATISTICS_SOURCE,
        ADDRESS_KIND,
        PAGE_CHECK,
        PAGE_DATE,
        PAGE_KIND,
        NOTE,
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("fact_id",),
)

PLACES = Table(
    name="places",
    description="Gazetteer of the places the report maps or matches: names, aliases, country, "
                "kind and coordinates where a page gives them (empty where none is cited).",
    columns=(
        Column("place_id", "string", "Stable id, lower case: aktau, zhanaozen, ..."),
        Column("name", "string", "Name used in the report."),
        Column("aliases", "string", "Other spellings matched in texts, separated by '; '.",
               required=False),
        Column("country", "string", "ISO 3166-1 alpha-3 of the country the place lies in."),
        Column("kind", "string", "city, port, railway_station, bay, region, resort.",
               values=("city", "port", "railway_station", "bay", "region", "resort")),
        Column("lat", "number", "Latitude, decimal degrees, as the page gives it.",
               required=False, minimum=-90, maximum=90),
        Column("lon", "number", "Longitude, decimal degrees, as the page gives it.",
               required=False, minimum=-180, maximum=180),
        Column("coordinate_as_given", "string", "The coordinate as the page writes it.",
               required=False),
        ADDRESS_KIND,
        PAGE_CHECK,
        NOTE,
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("place_id",),
)

OTHER_EVENTS = Table(
    name="other_events",
    description="Other dated events of the relationship from reference pages: visits, "
                "diplomatic relations (conflicting dates kept), commissions, reports.",
    columns=(
        Column("fact_id", "string", "Stable id of the fact, oe01, ..."),
        Column("date", "date", "ISO date (first day where the event spans days)."),
        Column("date_end", "date", "Last day where the event spans days.", required=False),
        PRECISION,
        Column("event", "string", "What happened."),
        Column("kind", "string", "diplomatic_relations, visit, commission, agreement, "
                                 "statement, target, report.",
               values=("diplomatic_relations", "visit", "commission", "agreement", "statement",
                       "target", "report")),
        Column("value", "number", "A figure the event carries (documents signed, km, a trade "
                                  "target in US dollars, a gas volume).", required=False, above=0),
        Column("unit", "string", "Unit of `value`: documents, km, USD or billion_m3_per_year.",
               required=False, values=("documents", "km", "USD", "billion_m3_per_year")),
        Column("reported_by", "string", "The page or site, as the fact list names it."),
        ADDRESS_KIND,
        PAGE_CHECK,
        NOTE,
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("fact_id",),
)

FOLLOWUP_KINDS = ("signed", "ratified", "entered into force", "held", "opened",
                  "construction began", "talks held", "target restated", "figure reported",
                  "abandoned")

COMMITMENT_FOLLOWUPS = Table(
    name="commitment_followups",
    description="Later reported facts about the commitments of the visit of 25 October 2021, "
                "one fact a row, each naming its commitment by a key of "
                "data/codebooks/commitment_keys.csv; silence is no row, never a failure.",
    columns=(
        Column("followup_id", "string", "Stable id of the fact, cf01, cf02, ..."),
        Column("commitment_key", "string", "The commitment the fact concerns: a key of the "
                                           "commitment_keys codebook."),
        Column("event_date", "date", "Date of the reported event (first day where it spans "
                                     "days), at the precision the page gives."),
        Column("event_date_precision", "string", "Precision of `event_date`: day, month or "
                                                 "year.", values=("day", "month", "year")),
        Column("kind", "string", "What the page reports: " + ", ".join(FOLLOWUP_KINDS) + ".",
               values=FOLLOWUP_KINDS),
        Column("fact", "string", "What happened, in the report's words, not the page's."),
        Column("page_date", "date", "The page's own publication date, at the precision it "
                                    "gives; empty where the page is undated.", required=False),
        Column("reported_by", "string", "Who says it: the page's publisher and whom it cites "
                                        "(Kazakh government, Turkmen state media, third "
                                        "party)."),
        ADDRESS_KIND,
        PAGE_CHECK,
        Column("note", "string", "What the page adds; whether it repeats another row's page "
                                 "(a repetition, not an independent report).", required=False),
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("followup_id",),
)

COMMITMENT_SEARCHES = Table(
    name="commitment_searches",
    description="Searches of stored public web pages for later reports of each tracked "
                "commitment: the words searched, the day and whether a report was found, so "
                "that 'no later report found' is a measured statement.",
    columns=(
        Column("search_id", "string", "Stable id of the search, cs01, cs02, ..."),
        Column("commitment_key", "string", "The commitment searched for: a key of the "
                                           "commitment_keys codebook."),
        Column("query", "string", "The words searched, as sent."),
        Column("searched_on", "date", "Day of the search, YYYY-MM-DD."),
        Column("result", "string", "found: the search gave at least one page, later than "
                                   "the visit, reporting on the commitment (the note names "
                                   "the rows made from it); none: it gave none.",
               values=("found", "none")),
        Column("note", "string", "What the search gave, or why what it gave was not used.",
               required=False),
    ),
    primary_key=("search_id",),
)

REFERENCE_TABLES = (TRADE_TURNOVER, BORDER_MILESTONES, BORDER_LENGTHS, RAILWAY_MILESTONES,
                    RAILWAY_FIGURES, PLACES, OTHER_EVENTS, COMMITMENT_FOLLOWUPS,
                    COMMITMENT_SEARCHES)
_BY_NAME = {t.name: t for t in REFERENCE_TABLES}


def names() -> tuple[str, ...]:
    return tuple(_BY_NAME)


def declaration(name: str) -> Table:
    """A reference table's declaration by name."""
    if name not in _BY_NAME:
        raise KeyError(f"unknown reference table {name!r}; known: {sorted(_BY_NAME)}")
    return _BY_NAME[name]


def load(name: str, root: Path = paths.ROOT) -> pd.DataFrame:
    """A reference table by name, checked against its declaration."""
    declared = declaration(name)
    inputs.check(f"reference:{name}")
    return read_checked(declared, root)
