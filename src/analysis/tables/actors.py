"""The tables built from `analysis.text.actors`: declarations and builders."""

from __future__ import annotations

import pandas as pd

from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.tables.locate import paragraph_at, paragraphs_by_source
from analysis.text.actors import find, from_codebook


def build_actor_mentions(paragraph_parts, texts, codebook_actors) -> pd.DataFrame:
    actors = from_codebook(codebook_actors)
    by_id = {a.actor_id: a for a in actors}
    paragraphs = paragraphs_by_source(paragraph_parts)
    rows = []
    for source_id, source in sorted(texts.items()):
        text = source.text
        for m in find(text, actors):
            para = paragraph_at(paragraphs, source_id, m.start)
            rows.append({"actor_id": m.actor_id, "name": by_id[m.actor_id].name,
                         "form": m.form, "alias": m.alias, "reference": m.reference,
                         "paragraph_id": para["paragraph_id"], "section_id": para["section_id"],
                         "part": para["part"],
                         **Evidence.span(source_id, text, m.start, m.end).as_row()})
    return pd.DataFrame(rows, columns=ACTOR_MENTIONS.column_names)


def build_actors(actor_mentions, texts, codebook_actors) -> pd.DataFrame:
    actors = from_codebook(codebook_actors)
    mentions = actor_mentions
    rows = []
    for actor in actors:
        own = mentions[mentions["actor_id"] == actor.actor_id].sort_values(["source_id",
                                                                            "start"])
        if own.empty:
            continue
        found = set(own["alias"])
        first = own.iloc[0]
        text = texts[first["source_id"]].text
        by_part = own["part"].value_counts()
        rows.append({
            "actor_id": actor.actor_id, "name": actor.name, "kind": actor.kind,
            "country": actor.country or None,
            "aliases": "; ".join(a for a in actor.aliases if a in found),
            "roles": "; ".join(r for r in actor.roles if r in found) or None,
            "mentions": len(own), "name_mentions": int((own["form"] == "name").sum()),
            "role_mentions": int((own["form"] == "role").sum()),
            "references": own[["source_id", "reference"]].drop_duplicates().shape[0],
            **{f"mentions_{p}": int(by_part.get(p, 0)) for p in PART_COLUMNS},
            **Evidence.span(first["source_id"], text, int(first["start"]),
                            int(first["end"])).as_row(),
        })
    frame = pd.DataFrame(rows, columns=ACTORS.column_names)
    return frame.sort_values(["mentions", "actor_id"], ascending=[False, True], kind="stable")


def build_actor_sections(actor_mentions) -> pd.DataFrame:
    mentions = actor_mentions
    grouped = (mentions.groupby(["actor_id", "name", "section_id", "part"], sort=True)
               .agg(mentions=("start", "size"),
                    references=("reference", "nunique")).reset_index())
    return grouped[ACTOR_SECTIONS.column_names]


PART_COLUMNS = ("presidency_account", "joint_statement", "other_events", "credit")

ACTOR_MENTIONS = Table(
    name="actor_mentions",
    description="Every mention of an actor of the actors codebook (data/codebooks/actors.csv): "
                "one row per span, longest phrase winning where phrases overlap; evidence is "
                "the span. See analysis.text.actors for what is counted.",
    columns=(
        Column("actor_id", "string", "Actor id (the codebook)."),
        Column("name", "string", "Canonical name."),
        Column("form", "string", "name (an alias) or role (a phrase standing for the actor)."),
        Column("alias", "string", "The codebook phrase that matched."),
        Column("reference", "integer", "Reference number in the source: adjacent mentions of "
                                       "one actor (role and name) share it."),
        Column("paragraph_id", "string", "Paragraph of the mention."),
        Column("section_id", "string", "Section of the mention."),
        Column("part", "string", "Part of the composite source."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_actor_mentions,
    inputs=("paragraph_parts", "texts", "codebook:actors"),
    primary_key=("source_id", "start"),
)
ACTORS = Table(
    name="actors",
    description="One row per actor mentioned at least once: aliases and roles found, counts of "
                "mentions (spans), of name and role mentions, of references, and of mentions "
                "per part of the source. Evidence is the first mention.",
    columns=(
        Column("actor_id", "string", "Actor id (the codebook)."),
        Column("name", "string", "Canonical name."),
        Column("kind", "string", "person, state, international organisation, government "
                                 "body, ..."),
        Column("country", "string", "ISO 3166 code of the actor's country, if national.",
               required=False),
        Column("aliases", "string", "Codebook aliases found in the text, '; '-separated."),
        Column("roles", "string", "Codebook roles found, '; '-separated.", required=False),
        Column("mentions", "integer", "Mentions (spans)."),
        Column("name_mentions", "integer", "Mentions by an alias."),
        Column("role_mentions", "integer", "Mentions by a role."),
        Column("references", "integer", "References (adjacent mentions joined)."),
        *(Column(f"mentions_{p}", "integer", f"Mentions in the part {p}.")
          for p in PART_COLUMNS),
        *EVIDENCE_COLUMNS,
    ),
    build=build_actors,
    inputs=("actor_mentions", "texts", "codebook:actors"),
    primary_key=("actor_id",),
)
ACTOR_SECTIONS = Table(
    name="actor_sections",
    description="Actor × section: mentions and references of each actor in each section.",
    columns=(
        Column("actor_id", "string", "Actor id (the codebook)."),
        Column("name", "string", "Canonical name."),
        Column("section_id", "string", "Section id."),
        Column("part", "string", "Part of the composite source."),
        Column("mentions", "integer", "Mentions (spans) in the section."),
        Column("references", "integer", "References in the section."),
    ),
    build=build_actor_sections,
    inputs=("actor_mentions",),
    primary_key=("actor_id", "section_id", "part"),
)
