"""The tables built from `analysis.text.discrepancies`: declarations and builders."""

from __future__ import annotations

import pandas as pd

from analysis.errors import EvidenceError, InputError
from analysis.io.sources import PRIMARY_SOURCE_ID
from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.text import actors
from analysis.text.discrepancies import (
    SPELLING_SIMILARITY,
    Side,
    first_and_count,
    spelling_variants,
)


def build_discrepancies(paragraph_parts, texts, codebook_discrepancies,
                        codebook_actors) -> pd.DataFrame:
    source = texts[PRIMARY_SOURCE_ID]
    text = source.text
    paragraphs = paragraph_parts
    paragraphs = paragraphs[paragraphs["source_id"] == source.source_id]

    def part_of(offset: int) -> str:
        row = paragraphs[(paragraphs["start"] <= offset) & (paragraphs["end"] > offset)]
        return row.iloc[0]["part"]

    rows = []
    path = codebook_discrepancies.file
    for entry in codebook_discrepancies:
        sides = []
        for side in ("a", "b"):
            hit = first_and_count(text, entry[f"{side}_pattern"])
            if hit is None:
                raise InputError(path, f"line {entry['_line']}, column '{side}_pattern'",
                                 "a pattern found in the primary source",
                                 f"no match for {entry[side + '_pattern']!r}")
            sides.append(Side(entry[f"{side}_label"], *hit))
        rows.append((entry["discrepancy_id"], entry["kind"], entry["thing"], entry["note"],
                     *sides))
    cast = actors.from_codebook(codebook_actors)
    names = {a.actor_id: a.name for a in cast}
    for actor_id, a, b in spelling_variants(text, cast):
        rows.append((f"spelling_{actor_id}", "spelling", names[actor_id],
                     "Found by rule: two aliases of one actor in the actors codebook, alike "
                     f"to at least {SPELLING_SIMILARITY} (difflib ratio).", a, b))
    out = []
    for discrepancy_id, kind, thing, note, a, b in rows:
        ev_a = Evidence.span(source.source_id, text, a.start, a.end)
        out.append({"discrepancy_id": discrepancy_id, "kind": kind, "thing": thing,
                    "a_label": a.label, "a_count": a.count, "a_part": part_of(ev_a.start),
                    "a_start": ev_a.start, "a_end": ev_a.end, "a_quote": ev_a.quote,
                    "b_label": b.label, "b_count": b.count, "note": note,
                    "b_part": part_of(b.start),
                    **Evidence.span(source.source_id, text, b.start, b.end).as_row()})
    frame = pd.DataFrame(out, columns=DISCREPANCIES.column_names)
    bad = [r for r in out if text[r["a_start"]:r["a_end"]] != r["a_quote"]]
    if bad:
        raise EvidenceError(f"table 'discrepancies', {bad[0]['discrepancy_id']}: side a's quote "
                            "is not the text at its span")
    return frame


DISCREPANCIES = Table(
    name="discrepancies",
    description="Things the primary source names two ways: the border instrument (Agreement "
                "or Treaty), the railway, the days of culture, the return visit, date styles, "
                "and spelling variants of actors' names. Side a's evidence is in a_start, "
                "a_end, a_quote; side b's in the standard evidence columns.",
    columns=(
        Column("discrepancy_id", "string", "Id (codebook id, or spelling_<actor id>)."),
        Column("kind", "string", "naming, content or spelling."),
        Column("thing", "string", "What is named two ways."),
        Column("a_label", "string", "Side a: the first way (for spelling, the alias)."),
        Column("a_count", "integer", "Occurrences of side a in the text."),
        Column("a_part", "string", "Part of the source of side a's first occurrence."),
        Column("a_start", "integer", "Offset of side a's first occurrence."),
        Column("a_end", "integer", "Offset just past side a's first occurrence."),
        Column("a_quote", "string", "The text at [a_start, a_end)."),
        Column("b_label", "string", "Side b: the other way."),
        Column("b_count", "integer", "Occurrences of side b in the text."),
        Column("note", "string", "What differs, in words."),
        Column("b_part", "string", "Part of the source of side b's first occurrence."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_discrepancies,
    inputs=("paragraph_parts", "texts", "codebook:discrepancies", "codebook:actors"),
    primary_key=("discrepancy_id",),
)
