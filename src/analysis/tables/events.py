"""The tables built from `analysis.text.dates`: declarations and builders."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.io import codebooks as codebook
from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.tables.locate import sentence_ids
from analysis.text.dates import parse_dates

# --- the `events` table -------------------------------------------------------------------

def load_labels(path: Path) -> list[tuple[str, str]]:
    """Keyword -> label pairs from data/codebooks/event_labels.csv, in the file's order."""
    return [(r["keyword"], r["label"])
            for r in codebook.read(path, ("keyword", "label"), codebook.EVENT_LABEL_OPTIONAL)]


def label_for(sentence: str, labels: list[tuple[str, str]]) -> str:
    """The first codebook label whose keyword occurs in the sentence (the one keyword rule,
    case ignored), or ""."""
    return codebook.first_keyword(sentence, labels)[0]


ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def build_events(sentences, texts, codebook_event_labels) -> pd.DataFrame:
    labels = load_labels(codebook_event_labels)
    rows = []
    for source_id, source in sorted(texts.items()):
        text = source.text
        mentions = parse_dates(text, source.date_published)
        ids = sentence_ids(sentences, source_id, [m.start for m in mentions])
        by_id = {r.sentence_id: (int(r.start), int(r.end))
                 for r in sentences[sentences["source_id"] == source_id].itertuples()}
        for m, sid in zip(mentions, ids, strict=True):
            s_start, s_end = by_id[sid]
            rows.append({
                "date": m.iso, "precision": m.precision, "relative": m.relative,
                "form": m.form, "resolved_against": source.date_published if m.relative else None,
                "sentence_id": sid, "label": label_for(text[s_start:s_end], labels) or None,
                **Evidence.span(source_id, text, m.start, m.end).as_row(),
            })
    bad = [r["date"] for r in rows if not ISO_DATE.fullmatch(r["date"])]
    if bad:
        raise ValueError(f"events: dates not in ISO 8601 form: {bad}")
    return pd.DataFrame(rows, columns=EVENTS.column_names)


EVENTS = Table(
    name="events",
    description="Every date mention in the sources, normalised to ISO 8601 with its "
                "precision; relative mentions (this year, next year) are resolved against "
                "the source's publication date and marked. Evidence is the mention itself.",
    columns=(
        Column("date", "date", "ISO 8601 date at its precision: YYYY-MM-DD, YYYY-MM or "
                                 "YYYY."),
        Column("precision", "string", "day, month or year."),
        Column("relative", "boolean", "Whether the text states the date relative to the "
                                      "time of writing (this year, next year)."),
        Column("form", "string", "How the date is written: day_month_year, "
                                 "month_day_year, month_year, year, iso, dotted, relative."),
        Column("resolved_against", "date", "For relative mentions, the publication date "
                                           "they were resolved against.", required=False),
        Column("sentence_id", "string", "The sentence the mention is in (sentences table)."),
        Column("label", "string", "What the dated sentence is about, from the keywords "
                                  "of data/codebooks/event_labels.csv; empty where none "
                                  "matches.", required=False),
        *EVIDENCE_COLUMNS,
    ),
    build=build_events,
    inputs=("sentences", "texts", "codebook:event_labels"),
    primary_key=("source_id", "start"),
)
