"""The chronology: every dated event of the primary source and of the reference tables, one row
each, with its source; conflicting dates of one event stay side by side, never merged.

Primary rows come from the derived table `events` (each with its evidence span); reference
rows from the reference tables that hold dated events (REFERENCE_TABLES), each with its
fact_id, page address and whether it names a page (`sourced`). `trade_turnover` is left out:
its rows are reporting periods, not events. Rows of one event reported with different dates
share a `conflict_group`: found by rule, not by hand, when rows of one table name the same
event in the same words, or when a row's note says it conflicts or disagrees with rows it names.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from analysis.io.sources import PRIMARY_SOURCE_ID
from analysis.schema.evidence import EVIDENCE_COLUMNS
from analysis.schema.table import Column, Table

REFERENCE_TABLES = ("border_milestones", "railway_milestones", "other_events")
SOURCED_KINDS = ("page", "primary")
FACT_ID = re.compile(r"\b[a-z]{2}\d{2,}\b")
CONFLICT_WORDS = re.compile(r"conflict|disagree", re.IGNORECASE)
ABOUT_A_DATE = re.compile(r"\bdates?\b|\b(?:1[89]|20)\d\d\b", re.IGNORECASE)
NOTE_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def conflict_groups(rows: pd.DataFrame) -> pd.Series:
    """For each reference row, the ids of the rows reporting the same event with another date
    ("oe01, oe02, oe03"), or None. Rows are linked when one table names the same event in the
    same words, or when a sentence of a note speaks of a conflict or disagreement about a date
    and names other rows."""
    parent = {i: i for i in rows["fact_id"]}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(a, b):
        if a in parent and b in parent:
            parent[root(a)] = root(b)

    for _, same in rows.groupby(["table", "event"]):
        ids = same["fact_id"].tolist()
        for other in ids[1:]:
            link(ids[0], other)
    for fact_id, note in zip(rows["fact_id"], rows["note"].fillna(""), strict=True):
        for sentence in NOTE_SENTENCE.split(note):
            # "Conflicts with oe12 (225 km)" is about a length, not a date: not linked
            if CONFLICT_WORDS.search(sentence) and ABOUT_A_DATE.search(sentence):
                for other in FACT_ID.findall(sentence):
                    link(fact_id, other)
    groups: dict[str, list[str]] = {}
    for i in rows["fact_id"]:
        groups.setdefault(root(i), []).append(i)
    dates = dict(zip(rows["fact_id"], rows["date"], strict=True))
    label = {}
    for members in groups.values():
        if len(members) > 1 and len({dates[m] for m in members}) > 1:
            for m in members:
                label[m] = ", ".join(sorted(members))
    return rows["fact_id"].map(label)


def reference_rows(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The dated rows of the reference tables in one frame, with their provenance."""
    frames = []
    for name, frame in tables.items():
        frames.append(pd.DataFrame({
            "date": frame["date"], "date_end": frame.get("date_end"),
            "precision": frame["precision"], "event": frame["event"],
            "kind": frame["kind"] if "kind" in frame else "railway",
            "table": name, "fact_id": frame["fact_id"], "note": frame.get("note"),
            "value": frame.get("value"), "unit": frame.get("unit"),
            "address": frame["address"], "address_kind": frame["address_kind"],
        }))
    rows = pd.concat(frames, ignore_index=True)
    rows["conflict_group"] = conflict_groups(rows)
    return rows


def build_chronology(events, texts, reference_border_milestones, reference_railway_milestones,
                     reference_other_events) -> pd.DataFrame:
    source = texts[PRIMARY_SOURCE_ID]
    address = source.record.get("address") or source.source_id
    primary = pd.DataFrame({
        "date": events["date"], "date_end": None, "precision": events["precision"],
        "event": events["label"].fillna("date mentioned: " + events["quote"]),
        "kind": "date in the primary source", "value": None, "unit": None,
        "origin": "primary", "table": "events",
        "row_id": events["sentence_id"] + "@" + events["start"].astype(str),
        "fact_id": None, "sentence_id": events["sentence_id"],
        "relative": events["relative"].astype(bool), "address": address,
        "address_kind": "primary", "sourced": True, "conflict_group": None,
        "source_id": events["source_id"], "start": events["start"], "end": events["end"],
        "quote": events["quote"],
    })
    tables = {"border_milestones": reference_border_milestones,
              "railway_milestones": reference_railway_milestones,
              "other_events": reference_other_events}
    ref = reference_rows(tables)
    reference = pd.DataFrame({
        "date": ref["date"], "date_end": ref["date_end"], "precision": ref["precision"],
        "event": ref["event"], "kind": ref["kind"], "value": ref["value"],
        "unit": ref["unit"], "origin": "reference",
        "table": ref["table"], "row_id": ref["fact_id"], "fact_id": ref["fact_id"],
        "sentence_id": None, "relative": False, "address": ref["address"],
        "address_kind": ref["address_kind"],
        "sourced": ref["address_kind"].isin(SOURCED_KINDS),
        "conflict_group": ref["conflict_group"],
        "source_id": None, "start": None, "end": None, "quote": None,
    })
    out = pd.concat([primary, reference], ignore_index=True)
    out = out.sort_values(["date", "origin", "table", "row_id"], kind="stable")
    return out[CHRONOLOGY.column_names].reset_index(drop=True)


def _optional(column: Column) -> Column:
    return replace(column, required=False,
                   description=column.description + " Primary rows only.")


CHRONOLOGY = Table(
    name="chronology",
    description="Every dated event of the primary source (table events) and of the reference "
                "tables " + ", ".join(REFERENCE_TABLES) + ", one row each with its source: "
                "evidence for a primary row, fact_id and address for a reference row. Events "
                "reported with different dates keep one row per report (conflict_group), "
                "never merged. trade_turnover is left out: its rows are periods, not events.",
    columns=(
        Column("date", "date", "ISO 8601 date at the precision given (YYYY, YYYY-MM or "
                               "YYYY-MM-DD)."),
        Column("date_end", "date", "Last day of an event lasting several days, where given.",
               required=False),
        Column("precision", "string", "day, month or year."),
        Column("event", "string", "What happened, as the events codebook labels it or as the "
                                  "reference row says."),
        Column("kind", "string", "The reference row's kind (treaty, visit, ratification ...); "
                                 "'date in the primary source' for primary rows."),
        Column("value", "string", "A figure the reference row gives with the event (documents "
                                  "signed, km), where it gives one.", required=False),
        Column("unit", "string", "Unit of `value`.", required=False),
        Column("origin", "string", "primary (the nCa article) or reference (another page)."),
        Column("table", "string", "The table the row comes from."),
        Column("row_id", "string", "The row in that table: fact_id for a reference row, "
                                   "sentence_id@start for a primary row."),
        Column("fact_id", "string", "Reference row id.", required=False),
        Column("sentence_id", "string", "Sentence of the primary source (table sentences).",
               required=False),
        Column("relative", "boolean", "Whether the source states the date relatively ('next "
                                      "year'), resolved against the publication date."),
        Column("address", "string", "The page the row comes from (for primary rows, the "
                                    "article's address); empty where the row has none.",
               required=False),
        Column("address_kind", "string", "page, primary, or another kind: then the row names "
                                         "no page and is unsourced."),
        Column("sourced", "boolean", "Whether the row names the page that states it (address "
                                     "kind page or primary); tables and figures mark the others."),
        Column("conflict_group", "string", "The rows reporting the same event with other dates "
                                           "(their ids), where there are any.", required=False),
        *(_optional(c) for c in EVIDENCE_COLUMNS),
    ),
    build=build_chronology,
    primary_key=("table", "row_id"),
    inputs=("events", "texts", "reference:border_milestones", "reference:railway_milestones",
            "reference:other_events"),
)
