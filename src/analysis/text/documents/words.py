"""Words and marks the whole genre shares: verbs of signing, the words that make a line a
sentence, articles, quotation marks, and which characters lie inside quotation marks.
"""

from __future__ import annotations

import re

# Verbs of signing, and the phrase "put their signatures under" / "affixed their signatures to".
SIGN_VERB = (r"sign(?:ed|ing)|concluded|exchanged|adopted|inked"
             r"|(?:put|affixed|placed|set)\s+(?:their|his|her|its)\s+signatures?\s+(?:under|to|on)")
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

# "agreements on A and on B were signed", "the C has also been signed": the pieces come before
# the verb.
PASSIVE = re.compile(rf"\b(?:were|was|(?:have|has|had)\s+(?:also\s+)?been)\s+(?:also\s+)?"
                     rf"(?:{SIGN_VERB})\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"«/(]|\s*$)")

# A sentence about documents signed before: "In 2019 the sides signed ...".
# A dateline opening a sentence, whose year is the report's, not an earlier one's:
# "Islamabad, 3 November 2025: The Prime Minister ...".
DATELINE = re.compile(r"[A-Z][^.:;—–]{0,50}?\b(?:19|20)\d\d\b[^.:;—–]{0,20}?(?::|\s[—–])\s+")
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
# ... and, beside the titles of a list run into a sentence, words that date the signing to
# earlier times ("In 1997, the Presidents signed ...", "signed ... ten years ago", "have been
# signed since independence").
SIGNED_EARLIER = re.compile(r"\b(?:(?:in|back\s+in)\s+(?:the\s+)?(?:19|20)\d\ds?|since"
                            r"|over\s+the\s+(?:past\s+|last\s+)?(?:\w+\s+)?(?:years|decades)"
                            r"|years?\s+ago|previously|formerly|last\s+year)\b",
                            re.IGNORECASE)
