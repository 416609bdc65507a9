"""Actors: people, states and organisations named in a text, with their aliases merged.

The codebook (data/codebooks/actors.csv) gives each actor a canonical name, a kind, and two
lists of literal phrases: *aliases* (names: "Kassym-Jomart Tokayev", "Kassym-Zhomart Tokayev",
"Tokayev") and *roles* (phrases that stand for the person in this genre: "President of
Kazakhstan", "the Kazakh leader"). What is counted:

- a *mention* is one span of text matching an alias or a role; the first letter may be upper
  or lower case, the rest is matched exactly, and a phrase never matches inside a longer word;
- every character belongs to at most one mention: where phrases overlap, the longest wins.
  So "Academy of Public Administration under the President of the Republic of Kazakhstan" is
  one mention of the academy, not of the President; "First President of the Republic of
  Kazakhstan" is Nazarbayev; "Ministry of Defense of Turkmenistan" is the ministry, and is not
  also counted as a mention of Turkmenistan;
- a *reference* joins mentions of the same actor that follow each other with only spaces,
  dashes or an opening bracket between them: "President of Turkmenistan Gurbanguly
  Berdimuhamedov" is two mentions (a role and a name) and one reference;
- pronouns ("he"), plurals ("the Presidents", "the heads of state") and adjectives ("Kazakh")
  are not mentions of anyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import codebook, parts
from .errors import InputError
from .evidence import EVIDENCE_COLUMNS, Evidence
from .schema import Column, Table

CODEBOOK = Path("data") / "codebooks" / "actors.csv"
CODEBOOK_COLUMNS = ("actor_id", "name", "kind", "aliases")
OPTIONAL_COLUMNS = ("country", "roles")
JOINING_GAP = re.compile(r"[\s(–—-]*")


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    kind: str
    country: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    actor_id: str
    start: int
    end: int
    form: str      # "name" or "role"
    alias: str     # the codebook phrase that matched
    reference: int  # mentions with the same number are one reference


def load_codebook(path: Path) -> list[Actor]:
    rows = codebook.read(path, CODEBOOK_COLUMNS, OPTIONAL_COLUMNS)
    out, owner = [], {}
    for row in rows:
        aliases = tuple(codebook.terms(row["aliases"]))
        roles = tuple(codebook.terms(row.get("roles", "")))
        for phrase in aliases + roles:
            if phrase in owner:
                raise InputError(path, f"line {row['_line']}", "each alias or role to name one "
                                 "actor", f"{phrase!r} already given to {owner[phrase]!r}")
            owner[phrase] = row["actor_id"]
        out.append(Actor(row["actor_id"], row["name"], row["kind"], row.get("country", ""),
                         aliases, roles))
    return out


def phrase_regex(phrase: str) -> re.Pattern:
    """A literal phrase; first letter in either case; any white space between words."""
    if not isinstance(phrase, str) or not phrase.strip():
        raise ValueError(f"a phrase must be non-empty text, not {phrase!r}")
    words = phrase.split()
    first = words[0]
    head = (f"[{re.escape(first[0].upper())}{re.escape(first[0].lower())}]"
            if first[0].isalpha() else re.escape(first[0]))
    body = re.escape(first[1:]) + "".join(r"\s+" + re.escape(w) for w in words[1:])
    return re.compile(r"(?<![\w-])" + head + body + r"(?![\w])")


def find(text: str, actors: list[Actor]) -> list[Mention]:
    """Mentions of the codebook's actors in `text`, in reading order (see the module doc)."""
    if not isinstance(text, str):
        raise TypeError(f"find() needs the text as str, not {type(text).__name__}")
    candidates = []
    for actor in actors:
        for form, phrases in (("name", actor.aliases), ("role", actor.roles)):
            for phrase in phrases:
                for m in phrase_regex(phrase).finditer(text):
                    candidates.append((m.start(), m.end(), actor.actor_id, form, phrase))
    taken: list[tuple[int, int, str, str, str]] = []
    for cand in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], c[2])):
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    taken.sort()
    out, reference = [], 0
    for i, (start, end, actor_id, form, phrase) in enumerate(taken):
        prev = taken[i - 1] if i else None
        joined = (prev is not None and prev[2] == actor_id
                  and JOINING_GAP.fullmatch(text, prev[1], start) is not None)
        if not joined:
            reference += 1
        out.append(Mention(actor_id, start, end, form, phrase, reference))
    return out


def _paragraph_of(frame: pd.DataFrame, source_id: str, start: int) -> pd.Series:
    rows = frame[(frame["source_id"] == source_id) & (frame["start"] <= start)
                 & (frame["end"] > start)]
    if len(rows) != 1:
        raise AssertionError(f"{source_id}: offset {start} lies in {len(rows)} paragraphs")
    return rows.iloc[0]


def build_actor_mentions(ctx) -> pd.DataFrame:
    actors = load_codebook(ctx.root / CODEBOOK)
    by_id = {a.actor_id: a for a in actors}
    paragraphs = parts.paragraphs_with_parts(ctx)
    rows = []
    for source_id, source in sorted(ctx.sources.items()):
        text = source.text
        for m in find(text, actors):
            para = _paragraph_of(paragraphs, source_id, m.start)
            rows.append({"actor_id": m.actor_id, "name": by_id[m.actor_id].name,
                         "form": m.form, "alias": m.alias, "reference": m.reference,
                         "paragraph_id": para["paragraph_id"], "section_id": para["section_id"],
                         "part": para["part"],
                         **Evidence.span(source_id, text, m.start, m.end).as_row()})
    return pd.DataFrame(rows, columns=ACTOR_MENTIONS.column_names)


def build_actors(ctx) -> pd.DataFrame:
    actors = load_codebook(ctx.root / CODEBOOK)
    mentions = ctx.table("actor_mentions")
    rows = []
    for actor in actors:
        own = mentions[mentions["actor_id"] == actor.actor_id].sort_values(["source_id",
                                                                            "start"])
        if own.empty:
            continue
        found = set(own["alias"])
        first = own.iloc[0]
        text = ctx.sources[first["source_id"]].text
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


def build_actor_sections(ctx) -> pd.DataFrame:
    mentions = ctx.table("actor_mentions")
    grouped = (mentions.groupby(["actor_id", "name", "section_id", "part"], sort=True)
               .agg(mentions=("start", "size"),
                    references=("reference", "nunique")).reset_index())
    return grouped[ACTOR_SECTIONS.column_names]


PART_COLUMNS = ("presidency_account", "joint_statement", "other_events", "credit")

ACTOR_MENTIONS = Table(
    name="actor_mentions",
    description="Every mention of an actor of the actors codebook (data/codebooks/actors.csv): "
                "one row per span, longest phrase winning where phrases overlap; evidence is "
                "the span. See analysis.actors for what is counted.",
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
    primary_key=("source_id", "start"),
    depends_on=("paragraphs",),
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
    primary_key=("actor_id",),
    depends_on=("actor_mentions",),
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
    primary_key=("actor_id", "section_id", "part"),
    depends_on=("actor_mentions",),
)
