"""Reading one item: where its title begins and ends (past a leading "and", a clause such as
"The two sides signed the", an article, a note on its signatories), the instrument that
opens it, and the title's parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text.documents.parties import parties_and_subject, split_list, split_point
from analysis.text.documents.vocabulary import vocabulary
from analysis.text.documents.words import (
    ARTICLE,
    CLOSE_QUOTES,
    LEADING_AND,
    OPEN_QUOTES,
    PASSIVE,
    QUOTES,
    SIGN_VERB,
)


@dataclass(frozen=True)
class Item:
    """The span of one item's title in a text."""

    start: int
    end: int
    instrument: str = ""     # the kind a run-in list gives a piece that names none


# The instrument must open the item: at most this many characters may precede it
# ("Intergovernmental Agreement", "Comprehensive Programme", "The Kazakh-Uzbek Roadmap").
MAX_INSTRUMENT_OFFSET = 40
# A note on the signatories after a title: "“Agreement on ...” – signed by the Ministers of
# Science;".
SIGNED_BY = re.compile(r"\s*(?:\s[–—-]\s*|\(|,\s|(?<=[”»\"])\s)\s*(?:signed|exchanged|initiall?ed)"
                       r"\s+(?:by|from)\b", re.IGNORECASE)
# A preposition before the instrument makes it a complement, not the item's head: "the
# implementation of the Agreement on ...".
HEAD_BEFORE = re.compile(r"\b(?:of|on|to|for|in|about|with|under|regarding|concerning)\s",
                         re.IGNORECASE)
# "The two sides signed the Agreement ...": a clause before the instrument, in a list of
# deliverables.
SIGNING_CLAUSE = re.compile(rf"[^.;:\n]{{0,60}}?\b(?:{SIGN_VERB}|issued)\s+(?=(?:the|an?)\s)",
                            re.IGNORECASE)
# "... for 2025-2027 and a number of others.": the end of a list, not of its last title.
OTHERS = re.compile(r",?\s+(?:(?:and|as\s+well\s+as)\s+(?:a\s+number\s+of\s+|several\s+|many\s+)?"
                    r"(?:others|other\s+documents|more)|etc)\W*$", re.IGNORECASE)
TRAILING = re.compile(r"(?:[\s;,.:]|\band\s*$)+$")
ABBREVIATION = re.compile(r"\s*\([A-Za-z]{2,8}\)")


def opens_at(text: str, pos: int, end: int) -> re.Match | None:
    """The instrument starting at `pos`, perhaps after an opening quotation mark."""
    if pos < end and text[pos] in OPEN_QUOTES + '"':
        pos += 1
    return vocabulary().pattern.match(text, pos, end)


def title_start(text: str, start: int, end: int) -> int:
    """Where an item's title begins: after a leading "and", a clause such as "The two sides
    signed", and an article before a capital or an instrument ("the Agreement", "an exchange of
    letters"); "The Agreement" at the start of an item keeps its capital."""
    lead = LEADING_AND.match(text, start, end)
    if lead:
        start = lead.end()
    clause = SIGNING_CLAUSE.match(text, start, end)
    if clause and not _names_signatories(text[start:clause.end()]):
        article = ARTICLE.match(text, clause.end(), end)
        if article and opens_at(text, article.end(), end):
            return article.end()
    article = ARTICLE.match(text, start, end)
    if article and article.end() < end and (text[article.end()].isupper()
                                            or opens_at(text, article.end(), end)):
        start = article.end()
    return start


# Who signs, when a clause does not name them: "The two sides", "the Chinese and Kazakh sides".
UNNAMED_SIGNERS = re.compile(r"(?:\bsides?|\bparties|\bdelegations|\bleaders|\bpresidents"
                             r"|\bministers|\bheads\s+of\s+(?:state|government)|\bgovernments"
                             r"|\bcountries|\bthey|\bwe)\s*$", re.IGNORECASE)


def _names_signatories(clause: str) -> bool:
    """Whether a clause before the instrument names who signed ("The Ministry of X and the
    Ministry of Y signed the"), which the title keeps, rather than "The two sides signed the"."""
    who = re.sub(rf"\s*\b(?:also\s+)?(?:{SIGN_VERB}|issued)\s+$", "", clause,
                 flags=re.IGNORECASE)
    who = who.strip()
    return who[:1].isupper() and "," not in who and not UNNAMED_SIGNERS.search(who)


def starts_with_instrument(content: str) -> re.Match | None:
    """The instrument that opens an item, if one starts within its first words (after an
    optional "and"). Offsets of the match are those of `content`."""
    begin = title_start(content, 0, len(content))
    match = vocabulary().pattern.search(content, begin, begin + MAX_INSTRUMENT_OFFSET + 40)
    if match is None or match.start() - begin > MAX_INSTRUMENT_OFFSET:
        return None
    if re.search(r"[.;:!?]", content[begin:match.start()]) \
            or HEAD_BEFORE.search(content, begin, match.start()):
        return None
    return match


def is_titled(content: str) -> bool:
    """Whether the item opens with a capitalised instrument, as a title does, any words
    before it capitalised too ("Intergovernmental Agreement", not "the draft Agreement")."""
    match = starts_with_instrument(content)
    if not match or not match.group(0)[:1].isupper():
        return False
    before = content[title_start(content, 0, len(content)):match.start()]
    return all(word[:1].isupper() or not word[:1].isalpha()
               for word in before.strip(QUOTES + " ").split())


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The title within [start, end): without a leading "and", clause or article, and without
    a trailing note on its signatories ("– signed by the Ministers"), closing punctuation or a
    trailing "and"."""
    start = title_start(text, start, end)
    note = SIGNED_BY.search(text, start, end) or PASSIVE.search(text, start, end)
    if note:
        end = note.start()
    others = OTHERS.search(text, start, end)
    if others:
        end = others.start()
    tail = TRAILING.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


def _instrument(title: str) -> tuple[str, int, bool]:
    match = starts_with_instrument(title)
    if match is None:
        return "", 0, False
    kind, plural = vocabulary().kind(match.group(0))
    end = match.end()
    abbreviation = ABBREVIATION.match(title, end)    # "Memorandum of Understanding (MoU)"
    if abbreviation:
        end = abbreviation.end()
    if match.start() and title[match.start() - 1] in OPEN_QUOTES + '"' \
            and title[end:end + 1] in CLOSE_QUOTES + '"':
        end += 1                                     # “Roadmap” for ...
    return kind, end, plural


def instrument_of(title: str) -> tuple[str, int]:
    """The normalised kind of instrument that opens `title`, and the offset just past it."""
    kind, end, _ = _instrument(title)
    return kind, end


# An item naming its signatories before the instrument: "X and Y signed a Loan Agreement for ...".
SIGNERS = re.compile(rf"(?P<who>[A-Z][^;:]*?)\s+(?:{SIGN_VERB})\s+(?:the|an?)\s+")
SMALL_WORDS = re.compile(r"\b(?:And|Or|Of|The|On|In|For|Between|Among|With|To|By|At|From|Under"
                         r"|Regarding|Concerning|As|Into|Within|An?)\b")


def parse_title(title: str) -> dict:
    """Instrument, parties and subject of one item's title; `signed_for` is the collective
    the parties sign for ("the Governments" of X and Y), else empty. A title in capitals
    ("AGREEMENT BETWEEN THE GOVERNMENT OF ... ON ...") is read in title case and its parts
    given back in capitals."""
    if title == title.upper() and len(re.findall(r"[A-Z]{2,}", title)) >= 3:
        cased = SMALL_WORDS.sub(lambda m: m.group(0).lower(), title.title())
        if len(cased) == len(title):
            parsed = parse_title(cased)
            return {key: value if key in ("instrument", "signed_for") else value.upper()
                    for key, value in parsed.items()}
    instrument, offset, _ = _instrument(title)
    signers = None if instrument else SIGNERS.match(title)
    if signers and _instrument(title[signers.end():])[0]:
        parsed = parse_title(title[signers.end():])
        split = split_point(signers.group("who"))
        if split and not parsed["party_a"]:
            parties = [*split_list(signers.group("who")[:split.start()]),
                       signers.group("who")[split.end():].strip(" ,")]
            parties[0] = re.sub(r"^The\s", "the ", parties[0])    # a sentence's first word
            parsed.update(party_a=parties[0], party_b=parties[1],
                          party_c="; ".join(parties[2:]))
        return parsed
    rest = title[offset:]
    if title[:1] in OPEN_QUOTES + '"' and rest.endswith(tuple(CLOSE_QUOTES + '"')) \
            and title[offset - 1:offset] not in CLOSE_QUOTES + '"':
        rest = rest[:-1]                   # the whole title in quotation marks
    return parties_and_subject(instrument, rest)
