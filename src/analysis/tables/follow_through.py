"""The `follow_through` table: what later pages report about each commitment the tracker
follows, and the verdict one rule draws from those rows.

The rule, the same for every row: a commitment is `delivered` when a follow-up row reports the
thing done: its kind counts as delivered in data/codebooks/followup_kinds.csv and delivers the
kind of thing promised (a document signed, ratified or in force, an event held, a body or
facility opened; a signing or a meeting toward anything else is a step). Else `abandoned` when
a row says it was given up; else `in progress` when a row reports a step toward it; else
`restated` when a later page repeats it as a still-open aim; else `no later report found` when
it was searched for (a row of commitment_searches) and no row reports the thing itself; else
`not searched`. Silence never makes a commitment broken or not done. Each row lists every
follow-up row it rests on.
"""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd

from analysis.errors import InputError
from analysis.io import codebooks
from analysis.schema.evidence import EVIDENCE_COLUMNS
from analysis.schema.table import Column, Table
from analysis.text import dates

VERDICTS = ("delivered", "in progress", "restated", "abandoned", "no later report found",
            "not searched")
# Which kind of row decides first: a delivery outranks every other report.
PRECEDENCE = (("delivered", "delivered"), ("abandoned", "abandoned"),
              ("in progress", "in progress"), ("restated", "restated"))
DEADLINE_MET = ("yes", "no", "no deadline", "no delivery report")
FOLLOWUPS = "data/reference/commitment_followups.csv"
SEARCHES = "data/reference/commitment_searches.csv"


def verdict(counts: list[str], searched: bool) -> str:
    """The verdict from what a commitment's follow-up rows count as (delivered, in progress,
    restated, abandoned, context) and whether it was searched for."""
    for counted, word in PRECEDENCE:
        if counted in counts:
            return word
    return "no later report found" if searched or counts else "not searched"


def period_end(iso: str) -> date:
    """The last day of a date at day, month or year precision."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return date(parts[0], 12, 31)


def period_start(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return date(*parts[:3])


def deadline_end(deadline: str | None, event_date: str) -> str | None:
    """The last day a deadline as written allows ("in 2022" -> 2022-12-31; "next year" is the
    year after the event), or None where there is none or it names no date."""
    if not deadline:
        return None
    found = dates.parse_dates(deadline, reference=event_date)
    return period_end(found[-1].iso).isoformat() if found else None


def deadline_met(end: str | None, delivered_on: str | None) -> str:
    """yes / no where a delivery is reported; no deadline; or no delivery report."""
    if end is None:
        return "no deadline"
    if delivered_on is None:
        return "no delivery report"
    return "yes" if period_start(delivered_on) <= date.fromisoformat(end) else "no"


def counted(kind: str, deliverable: str | None, kinds: dict[str, tuple[str, str]]) -> str:
    """What one follow-up row counts as for a commitment with this deliverable: a delivery of
    another kind of thing (a memorandum signed toward a railway's capacity) is a step."""
    counts_as, delivers = kinds[kind]
    if counts_as == "delivered" and delivers != deliverable:
        return "in progress"
    return counts_as


def _check_keys(frame: pd.DataFrame, known: set[str], where: str, id_column: str) -> None:
    for row in frame.itertuples(index=False):
        key = row.commitment_key
        if key not in known:
            raise InputError(where, f"row {getattr(row, id_column)}, column 'commitment_key'",
                             "a key of data/codebooks/commitment_keys.csv naming a commitment",
                             repr(key))


def build_follow_through(commitments, texts, reference_commitment_followups,
                         reference_commitment_searches, codebook_followup_kinds) -> pd.DataFrame:
    kinds = codebooks.followup_kinds(codebook_followup_kinds)
    followups, searches = reference_commitment_followups, reference_commitment_searches
    known = set(commitments["commitment_key"].dropna())
    _check_keys(followups, known, FOLLOWUPS, "followup_id")
    _check_keys(searches, known, SEARCHES, "search_id")
    for row in followups.itertuples(index=False):
        if row.kind not in kinds:
            raise InputError(FOLLOWUPS, f"row {row.followup_id}, column 'kind'",
                             "a kind of data/codebooks/followup_kinds.csv", repr(row.kind))
    cut_off = max(searches["searched_on"], default=None)
    followed = commitments[commitments["tracked"] | commitments["commitment_key"].notna()]
    rows = []
    for c in followed.itertuples(index=False):
        event_date = texts[c.source_id].record["event_date"]
        key = c.commitment_key if pd.notna(c.commitment_key) else None
        mine = _by_date(followups[followups["commitment_key"] == key] if key
                        else followups.iloc[0:0])
        searched = searches[searches["commitment_key"] == key] if key else searches.iloc[0:0]
        deliverable = c.deliverable if pd.notna(c.deliverable) else None
        mine = mine.assign(counts_as=[counted(k, deliverable, kinds) for k in mine["kind"]])
        word = verdict(list(mine["counts_as"]), len(searched) > 0)
        delivered = mine[mine["counts_as"] == "delivered"]
        first = first_of(delivered)
        first_date = first["event_date"] if first is not None else None
        precision = first["event_date_precision"] if first is not None else None
        days = ((date.fromisoformat(first_date) - date.fromisoformat(event_date)).days
                if precision == "day" else None)
        end = deadline_end(c.deadline if pd.notna(c.deadline) else None, event_date)
        met = deadline_met(end, first_date)
        passed = end is not None and cut_off is not None and end < cut_off
        rows.append({
            "commitment_id": c.commitment_id, "commitment_key": key,
            "short_label": c.short_label if pd.notna(c.short_label) else None,
            "tracked": bool(c.tracked), "tracking": c.tracking, "part": c.part,
            "strength": c.strength, "actor": c.actor if pd.notna(c.actor) else None,
            "verb": c.verb, "deadline": c.deadline if pd.notna(c.deadline) else None,
            "deliverable": deliverable,
            "deliverable_words": c.deliverable_words if pd.notna(c.deliverable_words) else None,
            "verdict": word, "verdict_rule": _rule_words(word, mine, searched),
            "followup_ids": "; ".join(mine["followup_id"]) or None,
            "delivery_ids": "; ".join(delivered["followup_id"]) or None,
            "search_ids": "; ".join(searched["search_id"]) or None,
            "first_delivery_date": first_date, "first_delivery_precision": precision,
            "days_to_delivery": days, "deadline_end": end, "deadline_met": met,
            "deadline_passed": passed,
            "latest_report_date": mine["event_date"].max() if len(mine) else None,
            "source_id": c.source_id, "start": c.start, "end": c.end, "quote": c.quote,
        })
    return pd.DataFrame(rows, columns=FOLLOW_THROUGH.column_names)


def _by_date(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in the order of the first day they can mean, then by id."""
    order = sorted(range(len(rows)), key=lambda i: (
        period_start(rows["event_date"].iloc[i]), rows["followup_id"].iloc[i]))
    return rows.iloc[order]


def first_of(delivered: pd.DataFrame):
    """The first delivery: the earliest row, or, where a more exact row falls within its
    month or year ("2024-06" and "2024-06-25"), the most exact of those."""
    if delivered.empty:
        return None
    earliest = delivered.iloc[0]["event_date"]
    start, end = period_start(earliest), period_end(earliest)
    within = [i for i in range(len(delivered))
              if start <= period_start(delivered.iloc[i]["event_date"]) <= end]
    best = max(within, key=lambda i: (len(delivered.iloc[i]["event_date"]), -i))
    return delivered.iloc[best]


def _rule_words(word: str, rows: pd.DataFrame, searched: pd.DataFrame) -> str:
    """Why the verdict, in words: the rows and what each counts as."""
    if word == "not searched":
        return "no key names this clause, so no search was made for it"
    deciding = [f"{r.followup_id} ({r.kind})" for r in rows.itertuples(index=False)
                if r.counts_as == word]
    if deciding:
        return f"{word}: " + ", ".join(deciding)
    context = [r.followup_id for r in rows.itertuples(index=False)]
    said = f"searched ({', '.join(searched['search_id'])}): no row reports the thing itself"
    return said + (f"; figures only: {', '.join(context)}" if context else "")


FOLLOW_THROUGH = Table(
    name="follow_through",
    description="One row per commitment the tracker follows (the rule of the commitments "
                "table), and per clause a commitment key names though the rule does not track "
                "it: the verdict one rule draws from the follow-up rows (data/reference/"
                "commitment_followups.csv) and searches (commitment_searches.csv), every row it "
                "rests on, the first reported delivery and the deadline. Evidence is the "
                "commitment's clause.",
    columns=(
        Column("commitment_id", "string", "The clause (the commitments table)."),
        Column("commitment_key", "string", "Its stable key (data/codebooks/"
                                           "commitment_keys.csv); empty where none names it.",
               required=False),
        Column("short_label", "string", "The key's short label.", required=False),
        Column("tracked", "boolean", "Whether the rule tracks the clause (false: followed up "
                                     "because a key names it)."),
        Column("tracking", "string", "The tracking rule's outcome in words."),
        Column("part", "string", "Part of the composite source."),
        Column("strength", "string", "Strength of the clause.", values=codebooks.STRENGTHS),
        Column("actor", "string", "Who the clause commits.", required=False),
        Column("verb", "string", "The verb as written."),
        Column("deadline", "string", "The deadline as written.", required=False),
        Column("deliverable", "string", "Kind of the deliverable the clause names: document, "
                                        "event or facility.", required=False,
               values=("document", "event", "facility")),
        Column("deliverable_words", "string", "The words that name it, as written.",
               required=False),
        Column("verdict", "string", "The rule's verdict: " + ", ".join(VERDICTS) + ".",
               values=VERDICTS),
        Column("verdict_rule", "string", "Why: the follow-up rows that decided and what "
                                         "each counts as, or the searches that found none."),
        Column("followup_ids", "string", "Every follow-up row about the commitment, by date, "
                                         "'; '-separated.", required=False),
        Column("delivery_ids", "string", "The rows reporting it done.", required=False),
        Column("search_ids", "string", "The searches made for it.", required=False),
        Column("first_delivery_date", "date", "Date of the first reported delivery, at its "
                                              "row's precision.", required=False),
        Column("first_delivery_precision", "string", "day, month or year.", required=False,
               values=("day", "month", "year")),
        Column("days_to_delivery", "integer", "Days from the event (25 October 2021) to the "
                                              "first delivery; only where its date is a day.",
               required=False, minimum=0),
        Column("deadline_end", "date", "The last day the deadline allows.", required=False),
        Column("deadline_met", "string", "yes or no where a delivery is reported against a "
                                         "deadline; no deadline; no delivery report.",
               values=DEADLINE_MET),
        Column("deadline_passed", "boolean", "Whether the deadline ended before the cut-off "
                                             "(the latest search)."),
        Column("latest_report_date", "date", "Date of the latest event any row reports.",
               required=False),
        *EVIDENCE_COLUMNS,
    ),
    build=build_follow_through,
    inputs=("commitments", "texts", "reference:commitment_followups",
            "reference:commitment_searches", "codebook:followup_kinds"),
    primary_key=("commitment_id",),
)
