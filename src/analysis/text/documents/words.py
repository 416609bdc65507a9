"""Words and marks the whole genre shares: verbs of signing, the words that make a line a
sentence, articles, quotation marks, and which characters lie inside quotation marks.
"""

from __future__ import annotations

import re

SIGN_VERB = r"sign(?:ed|ing)|concluded|exchanged|adopted|inked"
LEAD_IN = re.compile(rf"\b(?:{SIGN_VERB}|signature|documents|agreements|instruments"
                     r"|deliverables|outcomes)\b", re.IGNORECASE)
SIGNED = re.compile(rf"\b(?:{SIGN_VERB})\b", re.IGNORECASE)
DOCUMENTS = re.compile(r"\b(?:documents|agreements|instruments)\b", re.IGNORECASE)
# A line with one of these is a sentence, not a title.
FINITE_VERB = re.compile(r"\b(?:was|were|is|are|will|would|has|have|had|shall|said|says)\b")

# "to be signed", "will sign": documents planned, not signed.
NOT_YET = re.compile(r"\b(?:to|be|not|will|would|shall|may|might|could|should|can)\s+$",
                     re.IGNORECASE)

LEADING_AND = re.compile(r"(?:and|as\s+well\s+as)\s+", re.IGNORECASE)
ARTICLE = re.compile(r"(?:the|an?)\s+")

OPEN_QUOTES, CLOSE_QUOTES = "“«„", "”»"
QUOTES = OPEN_QUOTES + CLOSE_QUOTES + '"'

# "agreements on A and on B were signed": the pieces come before the verb.
PASSIVE = re.compile(rf"\b(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:also\s+)?"
                     rf"(?:{SIGN_VERB})\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"«/(]|\s*$)")

# A sentence about documents signed before: "In 2019 the sides signed ...".
EARLIER = re.compile(r"\b(?:(?:19|20)\d\d|ago|earlier|previously|formerly|last\s+year)\b",
                     re.IGNORECASE)


def quote_mask(text: str) -> list[bool]:
    """True for characters inside quotation marks. Quotes do not nest: the first closing mark
    closes, which survives the unbalanced marks of names like “National Company “KTZ”. A
    straight quote opens after a space and before a word, and otherwise closes (JSC "NC "KTZ"
    and ...)."""
    mask, inside = [], False
    for i, ch in enumerate(text):
        opening = ch in OPEN_QUOTES or (
            ch == '"' and (i == 0 or text[i - 1] in " \t\n(“«„") and text[i + 1:i + 2].strip())
        if opening:
            mask.append(inside)
            inside = True
            continue
        if ch in CLOSE_QUOTES or ch == '"':
            inside = False
        mask.append(inside)
    return mask


def outside(pattern: re.Pattern, text: str, mask: list[bool], start: int = 0):
    for match in pattern.finditer(text, start):
        if not mask[match.start()]:
            return match
    return None
