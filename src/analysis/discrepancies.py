"""Places where a text names one thing two ways, with evidence for both sides.

Two sources of rows:

- the discrepancies codebook (data/codebooks/discrepancies.csv): each row names a thing and two
  regexes, one for each way the text names it; a row is reported when both are found, with
  the first occurrence of each as its evidence and the number of occurrences of each;
- spelling variants found by rule from the actors codebook: two aliases of one actor, both
  found in the text, neither contained in the other, and alike enough (difflib ratio of at
  least ``SPELLING_SIMILARITY``) to be one name spelt two ways: "Kassym-Jomart Tokayev" and
  "Kassym-Zhomart Tokayev".

Side b's evidence is in the standard evidence columns; side a's in ``a_start``, ``a_end``,
``a_quote`` of the same source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from . import actors, codebook, parts
from .errors import EvidenceError, InputError
from .evidence import EVIDENCE_COLUMNS, Evidence
from .schema import Column, Table

CODEBOOK = Path("data") / "codebooks" / "discrepancies.csv"
CODEBOOK_COLUMNS = ("discrepancy_id", "kind", "thing", "a_label", "a_pattern", "b_label",
                    "b_pattern", "note")
SPELLING_SIMILARITY = 0.8


@dataclass(frozen=True)
class Side:
    label: str
    start: int
    end: int
    count: int


def first_and_count(text: str, pattern: str) -> tuple[int, int, int] | None:
    """(start, end, occurrences) of the first match of `pattern`, or None."""
    if not isinstance(text, str):
        raise TypeError(f"the text must be str, not {type(text).__name__}")
    found = list(re.finditer(pattern, text))
    return (found[0].start(), found[0].end(), len(found)) if found else None


def spelling_variants(text: str, cast: list[actors.Actor]) -> list[tuple[str, Side, Side]]:
    """(actor id, side a, side b) for aliases of one actor spelt two ways in `text`."""
    mentions = actors.find(text, cast)
    out = []
    for actor in cast:
        own = [m for m in mentions if m.actor_id == actor.actor_id and m.form == "name"]
        found = [a for a in actor.aliases if any(m.alias == a for m in own)]
        for i, a in enumerate(found):
            for b in found[i + 1:]:
                if a.lower() in b.lower() or b.lower() in a.lower():
                    continue
                if SequenceMatcher(None, a, b).ratio() < SPELLING_SIMILARITY:
                    continue
                sides = []
                for alias in (a, b):
                    hits = [m for m in own if m.alias == alias]
                    sides.append(Side(alias, hits[0].start, hits[0].end, len(hits)))
                out.append((actor.actor_id, sides[0], sides[1]))
    return out


def build_discrepancies(ctx) -> pd.DataFrame:
    source = ctx.primary
    text = source.text
    paragraphs = parts.paragraphs_with_parts(ctx)
    paragraphs = paragraphs[paragraphs["source_id"] == source.source_id]

    def part_of(offset: int) -> str:
        row = paragraphs[(paragraphs["start"] <= offset) & (paragraphs["end"] > offset)]
        return row.iloc[0]["part"]

    rows = []
    path = ctx.root / CODEBOOK
    for entry in codebook.read(path, CODEBOOK_COLUMNS):
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
    cast = actors.load_codebook(ctx.root / actors.CODEBOOK)
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
    primary_key=("discrepancy_id",),
    depends_on=("paragraphs",),
)
