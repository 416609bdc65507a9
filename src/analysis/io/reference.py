"""Declarations of the reference tables under data/reference/: facts from pages outside the
primary source, one fact a row, each with the page it came from and the date it was read.

Where pages disagree, every reported value is its own row: the disagreement is part of what
the report shows. These files are inputs; code reads them with `load` and never writes
them. Every row must carry `address` (the page) and `accessed` (the date it was read).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import InputError, SchemaError
from analysis.io import inputs, paths
from analysis.schema.table import Column, Table, conform

PROVENANCE_COLUMNS = (
    Column("address", "string", "Address of the page the fact was taken from."),
    Column("accessed", "date", "Date the page (a stored copy of it) was read."),
)


def read_checked(declared: Table, root: Path = paths.ROOT) -> pd.DataFrame:
    """Read data/reference/<name>.csv and check it against its declaration."""
    path = Path(root) / "data" / "reference" / declared.path_name
    if not path.is_file():
        raise InputError(path, "file", f"reference table {declared.name!r}", "no such file")
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""],
                        encoding="utf-8")
    if frame.empty:
        raise InputError(path, "body", "at least one fact", "a header and no rows")
    for col in PROVENANCE_COLUMNS:
        if col.name not in frame.columns:
            raise InputError(path, "line 1 (header)", f"a column {col.name!r}",
                             f"columns {list(frame.columns)}")
    empty = frame.index[frame["address"].isna()].tolist()
    if empty:
        raise InputError(path, f"line {empty[0] + 2}, column 'address'",
                         "the address of the page the fact came from", "an empty cell")
    try:
        return conform(frame, declared, str(path))
    except SchemaError as exc:
        # keep the row and column the schema check names; drop only the repeated file name
        detail = str(exc).removeprefix(f"{path}, ").removeprefix(f"{path}: ")
        raise InputError(path, "schema", f"the columns of table {declared.name!r}",
                         detail) from exc

ADDRESS_KIND = Column(
    "address_kind", "string",
    "page: `address` is the page's address; site: the fact list names only the site or "
    "article, not the page's address; primary: the report's primary source.")
NOTE = Column("note", "string", "What the page adds, or why the row conflicts with another.",
              required=False)
PRECISION = Column("precision", "string", "Precision of `date`: day, month or year.")

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
                                      "a growth rate.", required=False),
        Column("value_qualifier", "string", "exact, about, or more than (as the page says).",
               required=False),
        Column("change_pct", "number", "Growth on the same period a year before, percent.",
               required=False),
        Column("change_qualifier", "string", "exact, about, or more than.", required=False),
        Column("reported_by", "string", "Who the page quotes, where it says.", required=False),
        Column("confidence", "string", "normal, or low where the page is unreliable."),
        ADDRESS_KIND,
        NOTE,
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("fact_id",),
)

BORDER_MILESTONES = Table(
    name="border_milestones",
    description="Legal milestones of the Kazakhstan-Turkmenistan border, land and sea.",
    columns=(
        Column("fact_id", "string", "Stable id of the fact, bm01, ..."),
        Column("date", "date", "ISO date at the precision the page gives."),
        PRECISION,
        Column("event", "string", "What happened."),
        Column("kind", "string", "treaty, agreement, memorandum, ratification, "
                                 "entry_into_force."),
        Column("place", "string", "Where it was signed, where the page says.", required=False),
        ADDRESS_KIND,
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
                                    "border_signs_main, border_signs_intermediate."),
        Column("value", "number", "The figure the page gives."),
        Column("unit", "string", "km, nautical_mile or signs."),
        Column("qualifier", "string", "exact or about."),
        Column("reported_by", "string", "The page or document, as the fact list names it."),
        ADDRESS_KIND,
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
        Column("date_qualifier", "string", "exact or about."),
        Column("event", "string", "What happened."),
        Column("place", "string", "Where, where the page says.", required=False),
        ADDRESS_KIND,
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
        Column("measure", "string", "length, capacity or volume."),
        Column("section", "string", "total, Kazakhstan, Turkmenistan or Iran."),
        Column("value", "number", "The figure (the low end of a range)."),
        Column("value_high", "number", "High end of a range (3-5 million t: 5).", required=False),
        Column("unit", "string", "km, million_t_per_year or million_t."),
        Column("qualifier", "string", "exact, about or almost."),
        Column("period", "string", "What the capacity or volume is for: initial, long_term, "
                                   "2023, 2025 Jan-Oct.", required=False),
        Column("change_pct", "number", "Reported growth on the year before, percent.",
               required=False),
        Column("reported_by", "string", "The page or site, as the fact list names it."),
        ADDRESS_KIND,
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
        Column("kind", "string", "city, port, railway_station, bay, region, resort."),
        Column("lat", "number", "Latitude, decimal degrees, as the page gives it.",
               required=False),
        Column("lon", "number", "Longitude, decimal degrees, as the page gives it.",
               required=False),
        Column("coordinate_as_given", "string", "The coordinate as the page writes it.",
               required=False),
        ADDRESS_KIND,
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
        Column("kind", "string", "diplomatic_relations, visit, commission, agreement, report."),
        Column("value", "number", "A figure the event carries (documents signed, km).",
               required=False),
        Column("unit", "string", "Unit of `value`.", required=False),
        Column("reported_by", "string", "The page or site, as the fact list names it."),
        ADDRESS_KIND,
        NOTE,
        *PROVENANCE_COLUMNS,
    ),
    primary_key=("fact_id",),
)

REFERENCE_TABLES = (TRADE_TURNOVER, BORDER_MILESTONES, BORDER_LENGTHS, RAILWAY_MILESTONES,
                    RAILWAY_FIGURES, PLACES, OTHER_EVENTS)
_BY_NAME = {t.name: t for t in REFERENCE_TABLES}


def load(name: str, root: Path = paths.ROOT) -> pd.DataFrame:
    """A reference table by name, checked against its declaration."""
    if name not in _BY_NAME:
        raise KeyError(f"unknown reference table {name!r}; known: {sorted(_BY_NAME)}")
    inputs.check(f"reference:{name}")
    return read_checked(_BY_NAME[name], root)
