"""The order in which a text names the two countries: a sign of which side drafted a passage.

Diplomatic drafting puts one's own country first: a Kazakh text says "Kazakh-Turkmen" and
"Kazakhstan and Turkmenistan", a Turkmen text "Turkmen-Kazakh" and "Turkmenistan and the
Republic of Kazakhstan". Three forms are counted, each a pair of the two countries in one
phrase:

- ``adjective``: "Kazakh-Turkmen" or "Turkmen-Kazakh" (hyphen or dash);
- ``names``: the two names joined by "and", a dash or a slash ("Kazakhstan and Turkmenistan",
  "Turkmenistan/Republic of Kazakhstan", "Kazakhstan–Turkmenistan–Iran");
- ``institutions``: two bodies named in parallel, "the Government of the Republic of
  Kazakhstan and the Government of Turkmenistan" (capitalised words ending in "of" between
  "and" and the second name).

A country named alone is not counted, nor the plural "the two countries".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from . import parts
from .evidence import EVIDENCE_COLUMNS, Evidence
from .schema import Column, Table

KZ_NAME = r"(?:Republic\s+of\s+)?Kazakhstan"
TM_NAME = r"Turkmenistan"
SECOND = r"(?:the\s+)?"
DASH = r"\s*[-–—/]\s*"
INSTITUTION = (r"\s+and\s+(?:the\s+)?(?:“?[A-Z][\w’'-]*”?\s+(?:(?:and|of|for|on|under|the)\s+)*)+?"
               r"of\s+")
PAIR = re.compile(
    rf"(?P<adjective>(?<![\w-])(?P<a1>Kazakh|Turkmen){DASH}(?P<a2>Kazakh|Turkmen)(?![\w]))"
    rf"|(?P<names>(?<![\w-])(?P<n1>{KZ_NAME}|{TM_NAME})(?:{DASH}|\s+and\s+)"
    rf"{SECOND}(?P<n2>{KZ_NAME}|{TM_NAME})(?![\w]))"
    rf"|(?P<institutions>(?<![\w-])(?P<i1>{KZ_NAME}|{TM_NAME}){INSTITUTION}"
    rf"{SECOND}(?P<i2>{KZ_NAME}|{TM_NAME})(?![\w]))"
)
ORDERS = ("kazakhstan_first", "turkmenistan_first")


@dataclass(frozen=True)
class Pair:
    start: int
    end: int
    form: str
    order: str


def _country(name: str) -> str:
    return "kazakhstan" if "Kazakh" in name else "turkmenistan"


def find(text: str) -> list[Pair]:
    """Every phrase naming both countries, with its form and which country comes first."""
    if not isinstance(text, str):
        raise TypeError(f"find() needs the text as str, not {type(text).__name__}")
    out = []
    for m in PAIR.finditer(text):
        form = next(f for f in ("adjective", "names", "institutions") if m.group(f))
        first, second = (m.group(f"{form[0]}1"), m.group(f"{form[0]}2"))
        if _country(first) == _country(second):
            continue
        out.append(Pair(m.start(), m.end(), form, f"{_country(first)}_first"))
    return out


def build_naming_order(ctx) -> pd.DataFrame:
    paragraphs = parts.paragraphs_with_parts(ctx)
    rows = []
    for para in paragraphs.itertuples(index=False):
        text = ctx.sources[para.source_id].text
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


def build_naming_by_section(ctx) -> pd.DataFrame:
    out = _summary(ctx.table("naming_order"), ["section_id", "part"])
    return out[NAMING_BY_SECTION.column_names]


def build_naming_by_part(ctx) -> pd.DataFrame:
    mentions = ctx.table("naming_order")
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
                "evidence is the phrase. See analysis.naming for the rules.",
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
    primary_key=("source_id", "start"),
    depends_on=("paragraphs",),
)
NAMING_BY_SECTION = Table(
    name="naming_order_by_section",
    description="Order of the two names, section by section (sections without a pair omitted).",
    columns=(Column("section_id", "string", "Section id."),
             Column("part", "string", "Part of the composite source."), *_ORDER_COUNTS),
    build=build_naming_by_section,
    primary_key=("section_id", "part"),
    depends_on=("naming_order",),
)
NAMING_BY_PART = Table(
    name="naming_order_by_part",
    description="Order of the two names in each part of the source, in all and by form.",
    columns=(Column("part", "string", "Part of the composite source."), *_ORDER_COUNTS,
             *(Column(f"{f}_{o}", "integer", f"Phrases of form {f}, {o.replace('_', ' ')}.")
               for f in ("adjective", "names", "institutions") for o in ORDERS)),
    build=build_naming_by_part,
    primary_key=("part",),
    depends_on=("naming_order",),
)
