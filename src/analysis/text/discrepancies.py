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

from analysis.text import actors

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
