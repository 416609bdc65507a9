"""The tables built from `analysis.text.parts`: declarations and builders."""

from __future__ import annotations

import pandas as pd

from analysis.errors import AnalysisError
from analysis.schema.evidence import EVIDENCE_COLUMNS
from analysis.schema.table import Column, Table
from analysis.text.parts import assign


def build_paragraph_parts(paragraphs, texts) -> pd.DataFrame:
    """The `paragraphs` table with each paragraph's part, component and the rule that decided."""
    rows = []
    for source_id, source in sorted(texts.items()):
        for item in assign(source.text):
            rows.append({"source_id": source_id, "paragraph_id": f"p{item.number:03d}",
                         "part": item.part, "component": item.component, "rule": item.rule,
                         "_start": item.start})
    assigned = pd.DataFrame(rows)
    out = paragraphs.merge(assigned, on=["source_id", "paragraph_id"], how="left",
                           validate="one_to_one")
    bad = out[out["_start"].isna() | (out["_start"] != out["start"])]
    if not bad.empty:
        raise AnalysisError(f"paragraph {bad.iloc[0]['paragraph_id']}: the parts rules and the "
                            "paragraphs table disagree on where it starts")
    return out.drop(columns="_start")[PARAGRAPH_PARTS.column_names]


PARAGRAPH_PARTS = Table(
    name="paragraph_parts",
    description="Which part of the composite source each paragraph belongs to (the "
                "presidency's account, the joint statement, other events, the credit line) "
                "and its component (lead, talks, documents_list, press_briefing, award, "
                "statement, signatures, place_date, ...), decided by rules on the headings "
                "and lines (analysis.text.parts), with the rule that decided. Evidence is the "
                "paragraph.",
    columns=(
        Column("paragraph_id", "string", "Paragraph id (the paragraphs table)."),
        Column("section_id", "string", "Section id (the sections table)."),
        Column("kind", "string", "heading, prose, list_item or line."),
        Column("part", "string", "presidency_account, joint_statement, other_events or "
                                 "credit."),
        Column("component", "string", "Finer division within the part."),
        Column("rule", "string", "The rule that assigned the part, in words."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_paragraph_parts,
    inputs=("paragraphs", "texts"),
    primary_key=("source_id", "paragraph_id"),
)
