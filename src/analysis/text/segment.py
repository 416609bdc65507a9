"""Split a source text into sections, paragraphs and sentences, keeping character offsets.

Headings are found by rule, not from a list: a heading is a short single line without
closing punctuation that is followed by a paragraph of running text or a list item. Short
unpunctuated lines followed by another such line (signatures, a place and date) are not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLOCK_BREAK = re.compile(r"\n[ \t]*\n\s*")
LIST_MARKER = re.compile(r"^\s*(?:[–—\-•●▪·*]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
CLOSING_PUNCTUATION = tuple(".,;:!?…")
MAX_HEADING_CHARS = 160
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "No", "St", "U.S", "U.N", "Jan", "Feb", "Aug", "Sept",
                 "Oct", "Nov", "Dec", "vs", "etc", "approx")
SENTENCE_END = re.compile(r"[.!?]+[”\"’)]*(?=\s+[“\"‘(A-ZА-Я0-9–])")


@dataclass(frozen=True)
class Block:
    """A paragraph-sized run of text between blank lines, with its offsets."""

    start: int
    end: int
    text: str
    kind: str = ""


def blocks(text: str) -> list[Block]:
    """Non-empty runs of text between blank lines, trimmed, with offsets into `text`."""
    out, pos = [], 0
    for match in [*BLOCK_BREAK.finditer(text), None]:
        stop = match.start() if match else len(text)
        raw = text[pos:stop]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            out.append(Block(pos + lead, pos + lead + len(body), body))
        pos = match.end() if match else len(text)
    return out


def _is_short_line(text: str) -> bool:
    return ("\n" not in text and len(text) <= MAX_HEADING_CHARS
            and not text.endswith(CLOSING_PUNCTUATION) and not LIST_MARKER.match(text))


def classify(items: list[Block]) -> list[Block]:
    """Give each block its kind: heading, list_item, prose or line (signature, place and date)."""
    short = [_is_short_line(b.text) for b in items]
    kinds = []
    for i, block in enumerate(items):
        if LIST_MARKER.match(block.text):
            kinds.append("list_item")
        elif short[i]:
            followed_by_text = i + 1 < len(items) and not short[i + 1]
            kinds.append("heading" if followed_by_text else "line")
        else:
            kinds.append("prose")
    return [Block(b.start, b.end, b.text, k) for b, k in zip(items, kinds, strict=True)]


@dataclass(frozen=True)
class Section:
    section_id: str
    title: str | None
    heading: Block | None
    paragraphs: list[Block]

    @property
    def start(self) -> int:
        return (self.heading or self.paragraphs[0]).start

    @property
    def end(self) -> int:
        return (self.paragraphs[-1] if self.paragraphs else self.heading).end


def sections(text: str) -> list[Section]:
    """Sections in order; text before the first heading is an opening section with no title."""
    out: list[Section] = []
    heading, body = None, []
    for block in classify(blocks(text)):
        if block.kind == "heading":
            if heading or body:
                out.append(Section(f"s{len(out):02d}", heading and heading.text, heading, body))
            heading, body = block, []
        else:
            body.append(block)
    if heading or body:
        out.append(Section(f"s{len(out):02d}", heading and heading.text, heading, body))
    return out


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end]; a period after a known abbreviation ends none."""
    spans, begin = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        before = text[begin:match.start()].rsplit(None, 1)
        last_word = before[-1] if before else ""
        if last_word.rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Z]", last_word):
            continue
        spans.append((begin, match.end()))
        begin = match.end()
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        spans.append((begin, end))
    return spans


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[-’']\w+)*", text))
