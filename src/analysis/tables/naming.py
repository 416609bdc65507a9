"""The tables built from `analysis.text.naming`: declarations and builders."""

from __future__ import annotations

import pandas as pd

from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.text.naming import ORDERS, find


def build_naming_order(paragraph_parts, texts) -> pd.DataFrame:
    rows = []
    for para in paragraph_parts.itertuples(index=False):
        text = texts[para.source_id].text
        for pair in find(text[:int(para.end)]):
            if pair.start < int(para.start):
                continue
            rows.append({"paragraph_id": para.paragraph_id, "section_id": para.section_id,
                         "part": para.part, "component": para.component, "form": pair.form,
                         "order": pair.order,
                         **Evidence.span(para.source_id, text, pair.start, pair.end).as_row()})
    return pd.DataFrame(rows, columns=NAMING_ORDER.column_names)


def _summary(mentions: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    counts = (mentions.groupby([*keys, "order"], sort=False).size().unstack("order")
              .reindex(columns=list(ORDERS)).fillna(0).astype(int).reset_index())
    counts["pairs"] = counts["kazakhstan_first"] + counts["turkmenistan_first"]
    counts["share_turkmenistan_first"] = (counts["turkmenistan_first"]
                                          / counts["pairs"]).round(4)
    return counts


def build_naming_by_section(naming_order) -> pd.DataFrame:
    out = _summary(naming_order, ["section_id", "part"])
    return out[NAMING_BY_SECTION.column_names]


def build_naming_by_part(naming_order) -> pd.DataFrame:
    mentions = naming_order
    out = _summary(mentions, ["part"])
    forms = mentions.groupby(["part", "form", "order"]).size()
    for form in ("adjective", "names", "institutions"):
        for order in ORDERS:
            out[f"{form}_{order}"] = [int(forms.get((p, form, order), 0)) for p in out["part"]]
    return out[NAMING_BY_PART.column_names]


_ORDER_COUNTS = (
    Column("kazakhstan_first", "integer", "Phrases naming Kazakhstan first."),
    Column("turkmenistan_first", "integer", "Phrases naming Turkmenistan first."),
    Column("pairs", "integer", "Phrases naming both countries."),
    Column("share_turkmenistan_first", "number", "turkmenistan_first / pairs, 4 decimals."),
)
NAMING_ORDER = Table(
    name="naming_order",
    description="Every phrase naming both countries (Kazakh-Turkmen, Turkmenistan and the "
                "Republic of Kazakhstan, parallel institutions), with which comes first; "
                "evidence is the phrase. See analysis.text.naming for the rules.",
    columns=(
        Column("paragraph_id", "string", "Paragraph of the phrase."),
        Column("section_id", "string", "Section of the phrase."),
        Column("part", "string", "Part of the composite source."),
        Column("component", "string", "Component of the part (paragraph_parts)."),
        Column("form", "string", "adjective, names or institutions."),
        Column("order", "string", "kazakhstan_first or turkmenistan_first."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_naming_order,
    inputs=("paragraph_parts", "texts"),
    primary_key=("source_id", "start"),
)
NAMING_BY_SECTION = Table(
    name="naming_order_by_section",
    description="Order of the two names, section by section (sections without a pair omitted).",
    columns=(Column("section_id", "string", "Section id."),
             Column("part", "string", "Part of the composite source."), *_ORDER_COUNTS),
    build=build_naming_by_section,
    inputs=("naming_order",),
    primary_key=("section_id", "part"),
)
NAMING_BY_PART = Table(
    name="naming_order_by_part",
    description="Order of the two names in each part of the source, in all and by form.",
    columns=(Column("part", "string", "Part of the composite source."), *_ORDER_COUNTS,
             *(Column(f"{f}_{o}", "integer", f"Phrases of form {f}, {o.replace('_', ' ')}.")
               for f in ("adjective", "names", "institutions") for o in ORDERS)),
    build=build_naming_by_part,
    inputs=("naming_order",),
    primary_key=("part",),
)
