"""The same document named elsewhere in a text, with its instrument word and parties.
"""

from __future__ import annotations

import re

NAMED_INSTRUMENT = re.compile(r"\b(?:Treaty|Convention|Agreement|Memorandum|Protocol)\b")
NAMED_PARTIES = re.compile(r"\bbetween\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+(?:on|in|regarding)\b")
CLAUSE = re.compile(r"[^.;]+")
FUNCTION_WORDS = frozenset("a an and at between by for in of on the to with".split())


def content_words(text: str) -> set[str]:
    """The words of `text` that carry its meaning, lower-cased ("Kazakh-Turkmen" gives both
    adjectives, so either order of the two names matches)."""
    return {w for w in re.findall(r"[a-z]+", (text or "").lower()) if w not in FUNCTION_WORDS}


def other_naming(text: str, subject: str, exclude: tuple[int, int] = (0, 0)) -> dict | None:
    """Where `text` names the document with this `subject` again, with an instrument word and
    its parties ("the Treaty ... between X and Y on <subject>"), outside the span `exclude`
    (the list item itself): the instrument word, the two parties and the clause's span.

    The clause must hold every content word of the subject (at least three), so a passing
    mention of "the border" does not count. None when the text names it nowhere else.
    """
    words = content_words(subject)
    if len(words) < 3:
        return None
    for clause in CLAUSE.finditer(text):
        if exclude[0] <= clause.start() < exclude[1] or not words <= content_words(clause.group()):
            continue
        for kind in NAMED_INSTRUMENT.finditer(clause.group()):
            parties = NAMED_PARTIES.search(clause.group(), kind.end())
            if parties:
                return {"instrument": kind.group(), "party_a": parties.group("a"),
                        "party_b": parties.group("b"), "start": clause.start() + kind.start(),
                        "end": clause.start() + parties.end("b")}
    return None
