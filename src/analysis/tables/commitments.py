"""The `commitments` table: every clause of the source that a verb pattern of
data/codebooks/commitment_strength.csv opens, with its part, paragraph, theme, whether the
tracker follows it up (and why, or why not) and the stable key that names it, if any."""

from __future__ import annotations

import pandas as pd

from analysis.errors import InputError
from analysis.io import codebooks
from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.tables.locate import paragraph_at, paragraphs_by_source
from analysis.text import themes as theme_coder
from analysis.text.commitments import deliverable_of, parse_commitments

# Strengths whose clause undertakes something the tracker can look for later.
TRACKED_STRENGTHS = ("agreed", "instructed", "will", "proposed")
WHY_NOT = {
    "done": "done at the event: nothing left to follow",
    "supported": "supported: support for a step, not an undertaking to take it",
    "position": "position: a statement of view, not a commitment",
}


def tracking(strength: str, deliverable: tuple[str, str] | None, target: str | None) -> str:
    """Whether the tracker follows a clause, in words: the one rule for every clause."""
    if strength in WHY_NOT:
        return "not tracked: " + WHY_NOT[strength]
    if deliverable is None and target is None:
        return f"not tracked: {strength}, but no concrete deliverable named"
    thing = f"{deliverable[0]} ({deliverable[1]})" if deliverable else f"target {target}"
    return f"tracked: {strength}, with a deliverable: {thing}"


def resolve_keys(keys: list[dict], clauses: list[dict], text: str, where) -> dict[int, dict]:
    """The clause each commitment key names, by index: the one clause holding its anchor.
    A key whose anchor lies in no clause, or in more than one place, is refused in one line."""
    out: dict[int, dict] = {}
    for row in keys:
        anchor, at = row["anchor"], []
        start = text.find(anchor)
        while start >= 0:
            at.append(start)
            start = text.find(anchor, start + 1)
        hits = [i for i, c in enumerate(clauses) for a in at
                if c["start"] <= a and a + len(anchor) <= c["end"]]
        if len(at) != 1 or len(hits) != 1:
            found = (f"{len(at)} places in the source" if len(at) != 1
                     else f"{len(hits)} commitment clauses")
            raise InputError(where, f"line {row['_line']}, key {row['key']!r}",
                             "an anchor lying inside exactly one commitment clause",
                             f"{anchor!r} in {found}")
        if hits[0] in out:
            raise InputError(where, f"line {row['_line']}, key {row['key']!r}",
                             "one key a commitment",
                             f"the clause of key {out[hits[0]]['key']!r} again")
        out[hits[0]] = row
    return out


def build_commitments(texts, paragraph_parts, codebook_commitment_strength,
                      codebook_commitment_deliverables, codebook_commitment_keys,
                      codebook_themes) -> pd.DataFrame:
    patterns = codebooks.commitment_strength(codebook_commitment_strength)
    deliverables = codebooks.commitment_deliverables(codebook_commitment_deliverables)
    keys = codebook_commitment_keys.rows
    coded = theme_coder.from_codebook(codebook_themes)
    paragraphs = paragraphs_by_source(paragraph_parts)
    rows = []
    for source_id, source in sorted(texts.items()):
        text = source.text
        clauses = parse_commitments(text, patterns)
        keyed = resolve_keys(keys, clauses, text, codebook_commitment_keys.file)
        for i, c in enumerate(clauses):
            para = paragraph_at(paragraphs, source_id, c["start"])
            if c["end"] > para["end"]:
                raise AssertionError(f"{source_id}: clause {c['start']}-{c['end']} runs past "
                                     f"its paragraph {para['paragraph_id']}")
            found = deliverable_of(text, c["start"], c["end"], deliverables,
                                   skip=(c["verb_start"], c["verb_end"]))
            key = keyed.get(i, {})
            rule = tracking(c["strength"], found, c["target"])
            rows.append({
                "commitment_id": f"c{len(rows) + 1:02d}",
                "paragraph_id": para["paragraph_id"], "section_id": para["section_id"],
                "part": para["part"], "actor": c["actor"] or None,
                "actor_referred": c["actor_referred"],
                "actor_start": c["actor_start"], "actor_end": c["actor_end"],
                "verb": c["verb"], "strength": c["strength"], "pattern": c["pattern"],
                "deadline": c["deadline"], "target": c["target"],
                "deliverable": found[0] if found else None,
                "deliverable_words": found[1] if found else None,
                **_themes(text, coded, c["start"], c["end"]),
                "tracked": rule.startswith("tracked"), "tracking": rule,
                "commitment_key": key.get("key"), "short_label": key.get("short_label"),
                **Evidence.span(source_id, text, c["start"], c["end"]).as_row(),
            })
    return pd.DataFrame(rows, columns=COMMITMENTS.column_names)


def _themes(text: str, coded, start: int, end: int) -> dict:
    """The clause's themes in codebook order, and its main one: most words, then first."""
    matches = theme_coder.code(text, coded, start, end)
    order = [t.theme for t in coded]
    found = sorted({m.theme for m in matches}, key=order.index)
    if not found:
        return {"theme": None, "themes": None}
    main = max(found, key=lambda t: (sum(m.theme == t for m in matches),
                                     -min(m.start for m in matches if m.theme == t)))
    return {"theme": main, "themes": "; ".join(found)}


COMMITMENTS = Table(
    name="commitments",
    description="Every commitment clause of the source: a sentence (or a coordinated part of "
                "one) that a verb pattern of data/codebooks/commitment_strength.csv opens, with "
                "its actor as written or referred to, verb, strength, deadline and target "
                "(analysis.text.commitments), its part, paragraph and theme, and whether the "
                "tracker follows it up. Evidence is the clause.",
    columns=(
        Column("commitment_id", "string", "Id of the clause in reading order, c01, c02, ..."),
        Column("paragraph_id", "string", "Paragraph id (the paragraphs table)."),
        Column("section_id", "string", "Section id (the sections table)."),
        Column("part", "string", "Part of the composite source (the paragraph_parts table)."),
        Column("actor", "string", "Who the clause commits, as written: its subject, or the "
                                  "actor it refers to (a pronoun, a passive); empty where no "
                                  "earlier sentence of its section names one.", required=False),
        Column("actor_referred", "boolean", "True where the actor is written outside the "
                                            "clause's own subject (an earlier clause or "
                                            "sentence)."),
        Column("actor_start", "integer", "Offset of the actor as written in the source text."),
        Column("actor_end", "integer", "Offset just past the actor as written."),
        Column("verb", "string", "The verb pattern as written: agreed to, were asked to, will."),
        Column("strength", "string", "How firmly the clause commits its actor (the codebook "
                                     "row of its verb).", values=codebooks.STRENGTHS),
        Column("pattern", "string", "The row of data/codebooks/commitment_strength.csv that "
                                    "matched."),
        Column("deadline", "string", "The time phrase saying by when, as written: in 2022, "
                                     "next year.", required=False),
        Column("target", "string", "The first amount, share or measure in the clause, as "
                                   "written.", required=False),
        Column("deliverable", "string", "Kind of the concrete deliverable the clause names "
                                        "(data/codebooks/commitment_deliverables.csv).",
               required=False, values=("document", "event", "facility")),
        Column("deliverable_words", "string", "The words that name it, as written.",
               required=False),
        Column("theme", "string", "The clause's main theme (data/codebooks/themes.csv): the "
                                  "one with most words in it, then the first.", required=False),
        Column("themes", "string", "Every theme with a word in the clause, '; '-separated.",
               required=False),
        Column("tracked", "boolean", "Whether the tracker follows the clause up: an agreed, "
                                     "instructed, will or proposed clause naming a concrete "
                                     "deliverable or a target."),
        Column("tracking", "string", "The rule's outcome in words: why tracked, or why not."),
        Column("commitment_key", "string", "The stable key naming the clause "
                                           "(data/codebooks/commitment_keys.csv), if any.",
               required=False),
        Column("short_label", "string", "The key's short label for a figure.", required=False),
        *EVIDENCE_COLUMNS,
    ),
    build=build_commitments,
    inputs=("texts", "paragraph_parts", "codebook:commitment_strength",
            "codebook:commitment_deliverables", "codebook:commitment_keys", "codebook:themes"),
    primary_key=("commitment_id",),
)
