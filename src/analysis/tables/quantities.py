"""The tables built from `analysis.text.quantities`: declarations and builders."""

from __future__ import annotations

import pandas as pd

from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.tables.locate import sentence_ids
from analysis.text.quantities import parse_quantities, subjects_from

# --- the `quantities` table ---------------------------------------------------------------

def build_quantities(sentences, texts, codebook_quantity_subjects) -> pd.DataFrame:
    subjects = subjects_from(codebook_quantity_subjects)
    rows = []
    for source_id, source in sorted(texts.items()):
        text = source.text
        found = parse_quantities(text, source.date_published, subjects)
        ids = sentence_ids(sentences, source_id, [q.start for q in found])
        for q, sid in zip(found, ids, strict=True):
            rows.append({
                "value": q.value, "value_high": q.value_high, "unit": q.unit,
                "scale": q.scale or None,
                "written_as": q.written_as, "qualifier": q.qualifier,
                "counted": q.counted or None, "measure": q.measure,
                "period": q.period or None, "period_text": q.period_text or None,
                "period_relative": q.period_relative if q.period else None,
                "sentence_id": sid,
                **Evidence.span(source_id, text, q.start, q.end).as_row(),
            })
    return pd.DataFrame(rows, columns=QUANTITIES.column_names)


QUANTITIES = Table(
    name="quantities",
    description="Every number stated in the sources, typed: value with its scale applied, "
                "unit, qualifier, what it measures and the period named in its sentence. "
                "Dates are in the events table, not here. Evidence is the number as written.",
    columns=(
        Column("value", "number", "The number, scale applied (US $ 130 million: 130000000); "
                                  "empty for identifiers such as a resolution number.",
               required=False),
        Column("value_high", "number", "High end of a range (3-5 million t: 5000000).",
               required=False),
        Column("unit", "string", "percent, an ISO 4217 currency (USD), tonnes, km, ordinal, "
                                 "identifier, or the noun a count counts (items, countries)."),
        Column("scale", "string", "The scale word as written (million, bn).", required=False),
        Column("written_as", "string", "digits or words."),
        Column("qualifier", "string", "exact, or the word before the number: about, more "
                                      "than, up to, ..."),
        Column("counted", "string", "For counts, the noun phrase counted (commodity items).",
               required=False),
        Column("measure", "string", "What the number measures: the subject from "
                                    "data/codebooks/quantity_subjects.csv nearest to it in "
                                    "its sentence, and the aspect (change, value, number of "
                                    "..., ordinal)."),
        Column("period", "date", "The date named in the same sentence, ISO 8601 at its "
                                   "precision (2021), if any.", required=False),
        Column("period_text", "string", "That date as written (this year).", required=False),
        Column("period_relative", "boolean", "Whether that date is relative (resolved "
                                             "against the publication date).", required=False),
        Column("sentence_id", "string", "The sentence the number is in (sentences table)."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_quantities,
    inputs=("sentences", "texts", "codebook:quantity_subjects"),
    primary_key=("source_id", "start"),
)
