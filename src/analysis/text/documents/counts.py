"""Numbers of documents a sentence says were signed: counts to compare with the items
listed, never rows.
"""

from __future__ import annotations

import re

from analysis.text.documents.words import SENTENCE_END, SIGN_VERB, SIGNED

COUNT_WORDS = {w: n for n, w in enumerate(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split(), start=2)}
STATED_COUNT = re.compile(
    r"\b(?P<n>\d{1,3}|" + "|".join(COUNT_WORDS) + rf")\s+(?:(?!\d)(?!(?:{SIGN_VERB})\b)"
    r"[\w-]+\s+){0,3}?"
    r"(?:documents|agreements|instruments)\b", re.IGNORECASE)


def stated_counts(text: str) -> list[tuple[int, int, int]]:
    """(count, start, end) for each number of documents a sentence says were signed ("14
    documents were signed", "signed ten documents"): a count to compare with the items
    listed, never a row."""
    out = []
    for match in STATED_COUNT.finditer(text):
        sentence_start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0,
                                                                          match.start())) + 1
        stop = SENTENCE_END.search(text, match.end())
        sentence = text[sentence_start:stop.end() if stop else len(text)]
        if not SIGNED.search(sentence):
            continue
        word = match.group("n").lower()
        out.append((int(word) if word.isdigit() else COUNT_WORDS[word],
                    match.start(), match.end()))
    return out
