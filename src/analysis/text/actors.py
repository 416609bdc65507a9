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

from analysis.errors import InputError
from analysis.io import codebooks as codebook

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


def from_codebook(book: codebook.Loaded) -> list[Actor]:
    """The actors of the actors codebook, as io read it; a phrase given to two actors is
    refused naming its line."""
    out, owner = [], {}
    for row in book:
        aliases = tuple(codebook.terms(row["aliases"]))
        roles = tuple(codebook.terms(row.get("roles", "")))
        for phrase in aliases + roles:
            if phrase in owner:
                raise InputError(book.file, f"line {row['_line']}",
                                 "each alias or role to name one actor",
                                 f"{phrase!r} already given to {owner[phrase]!r}")
            owner[phrase] = row["actor_id"]
        out.append(Actor(row["actor_id"], row["name"], row["kind"], row.get("country", ""),
                         aliases, roles))
    return out


def phrase_regex(phrase: str) -> re.Pattern:
    """A codebook phrase matched by the one keyword rule, first letter in either case."""
    if not isinstance(phrase, str) or not phrase.strip():
        raise ValueError(f"a phrase must be non-empty text, not {phrase!r}")
    return codebook.compile_terms([phrase], case="first")


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
