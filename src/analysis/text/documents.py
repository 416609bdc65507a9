"""Lists of signed documents, as official communiqués print them, parsed into one row each.

The genre: a lead-in ("the following documents were signed:", "The parties signed:") or a
heading, then items, one a line or a paragraph, each starting with a list marker (en dash,
hyphen, bullet, "1." or "1)") or, after a lead-in, with the instrument itself; items end with
";" or "." and may be separated by blank lines. Each item names its instrument ("Memorandum of
Understanding"), often its parties ("between X and Y") and its subject ("on cooperation in the
field of agriculture"). A marked list needs no lead-in when it has at least two items that
start with an instrument.

Nothing here knows the primary source: the rules are the genre's, and the tests try them on
communiqués of other summits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.io import codebooks

COLUMNS = ["title", "instrument", "party_a", "party_b", "subject", "start", "end"]

# Kinds of instrument: (pattern, normalised kind). At one position the longest pattern wins,
# so "memorandum of understanding" is found before "memorandum".
INSTRUMENTS = (
    (r"joint\s+statement", "joint statement"),
    (r"joint\s+declaration", "joint declaration"),
    (r"joint\s+communiqu[eé]", "joint communiqué"),
    (r"memorandum\s+of\s+understanding", "memorandum of understanding"),
    (r"memorandum\s+of\s+intent", "memorandum of intent"),
    (r"memorandum\s+of\s+cooperation", "memorandum"),
    (r"memorandum", "memorandum"),
    (r"agreement\s+of\s+intent", "agreement of intent"),
    (r"letter\s+of\s+intent", "letter of intent"),
    (r"agreement", "agreement"),
    (r"treaty", "treaty"),
    (r"convention", "convention"),
    (r"protocol", "protocol"),
    (r"programme|program", "programme"),
    (r"road\s*map", "roadmap"),
    (r"action\s+plan|plan", "plan"),
    (r"declaration", "declaration"),
    (r"statement", "statement"),
    (r"communiqu[eé]", "communiqué"),
    (r"contract", "contract"),
    (r"minutes", "minutes"),
    (r"charter", "charter"),
)
_KIND_BY_PATTERN = [(re.compile(p, re.IGNORECASE), kind) for p, kind in INSTRUMENTS]
INSTRUMENT = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?:{p})" for p, _ in sorted(INSTRUMENTS, key=lambda x: -len(x[0])))
    + r")(?![\w-])",
    re.IGNORECASE,
)
# The instrument must open the item: at most this many characters may precede it
# ("Intergovernmental Agreement", "Comprehensive Programme", "The Kazakh-Uzbek Roadmap").
MAX_INSTRUMENT_OFFSET = 40

MARKER = re.compile(
    r"[ \t]*(?:"
    r"[–—•●▪◦·∙*][ \t]*"          # dash or bullet, the space optional
    r"|-[ \t]+"                     # a hyphen needs a space after it
    r"|\(?\d{1,3}[.)][ \t]+"        # 1.  1)  (1)
    r"|\(?[a-z]\)[ \t]+"            # a)  (a)
    r")"
)
LEAD_IN = re.compile(r"\b(?:sign(?:ed|ing)|concluded|exchanged|documents|agreements|instruments)\b",
                     re.IGNORECASE)
FINITE_VERB = re.compile(r"\b(?:was|were|is|are|will|would|has|have|had|shall)\b")
BETWEEN = re.compile(r"\s+between\s+", re.IGNORECASE)
OF_OR_BY = re.compile(r"\s*(?:of|by)\s+", re.IGNORECASE)
# Where a subject begins after the second party ...
SUBJECT_START = re.compile(
    r"\s+(?:on|regarding|concerning|in\s+the\s+(?:[\w-]+\s+){0,4}?(?:field|fields|sphere|spheres"
    r"|area|areas|domain)\b|for\s+(?:the\s+period|20\d\d|19\d\d))\b",
    re.IGNORECASE,
)
# ... and where one continues after it when it already began before "between".
SUBJECT_CONTINUES = re.compile(
    r"\s+(?:in\s+the\s+(?:[\w-]+\s+){0,4}?(?:field|fields|sphere|spheres|area|areas|domain)\b"
    r"|for\s+(?:the\s+period|20\d\d|19\d\d))\b",
    re.IGNORECASE,
)
COLLECTIVE = re.compile(
    r"(?P<role>(?:the\s+)?(?:Presidents|Heads\s+of\s+State|Heads\s+of\s+Government|"
    r"Prime\s+Ministers|Governments|Foreign\s+Ministers|Ministers\s+of\s+Foreign\s+Affairs)"
    r")\s+of\s+",
)
TRAILING = re.compile(r"(?:[\s;,.:]|\band\s*$)+$")
LEADING_AND = re.compile(r"(?:and|as\s+well\s+as)\s+", re.IGNORECASE)
ABBREVIATION = re.compile(r"\s*\([A-Za-z]{2,8}\)")
OPEN_QUOTES, CLOSE_QUOTES = "“«„", "”»"


def parse_signed_documents(text: str) -> pd.DataFrame:
    """One row per signed instrument listed in `text`, in listed order.

    Columns: title (the item without its marker and closing punctuation, white space
    collapsed), instrument (normalised kind), party_a and party_b (as written, when the title
    names them with "between X and Y", or for a joint statement "of X and Y"; else empty),
    subject ("on cooperation in the field of agriculture"; empty when none), and start, end
    (the span of the title in `text`). A text without such a list gives an empty frame with
    the same columns.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_signed_documents expects the text as str; "
                        f"found {type(text).__name__}")
    rows = []
    for start, end in item_spans(text):
        title = " ".join(text[start:end].split())
        parsed = parse_title(title)
        rows.append({"title": title, **parsed, "start": start, "end": end})
    frame = pd.DataFrame(rows, columns=COLUMNS)    # parse_title's signed_for is not returned
    return frame.astype({"start": "int64", "end": "int64"})


# ---------------------------------------------------------------- finding the items


@dataclass
class _Line:
    start: int          # offset of the line
    end: int            # offset just past the line's last character (before "\n")
    body: int           # offset of the content after any list marker
    marked: bool

    def content(self, text: str) -> str:
        return text[self.body:self.end].strip()


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        marker = MARKER.match(text, pos, end)
        if marker and text[marker.end():end].strip():
            out.append(_Line(pos, end, marker.end(), True))
        else:
            out.append(_Line(pos, end, pos, False))
        pos = end + 1
    return out


def starts_with_instrument(content: str) -> re.Match | None:
    """The instrument that opens an item, if one starts within its first words (after an
    optional "and"). Offsets of the match are those of `content`."""
    lead = LEADING_AND.match(content)
    begin = lead.end() if lead else 0
    match = INSTRUMENT.search(content, begin, begin + MAX_INSTRUMENT_OFFSET + 40)
    if match is None or match.start() - begin > MAX_INSTRUMENT_OFFSET:
        return None
    if re.search(r"[.;:!?]", content[begin:match.start()]):
        return None
    return match


def _is_lead_in(line: str) -> bool:
    line = line.strip()
    if not LEAD_IN.search(line):
        return False
    return line.endswith(":") or (len(line) <= 80 and not line.endswith((".", ";", ",")))


def item_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the items of every list of signed documents in `text`, in order."""
    lines = _lines(text)
    spans: list[tuple[int, int]] = []
    run: list[list[_Line]] = []       # items of the current run; an item may span lines
    run_marked = False
    lead_in = False
    previous_text = ""                # the last non-blank line before the current run
    blank_since_item = True

    def close_run():
        nonlocal run
        marked = [item for item in run if item[0].marked]
        accept = (lead_in and run) or len(marked) >= 2
        if accept:
            spans.extend(_item_span(text, item) for item in run)
        run = []

    for line in lines:
        content = line.content(text)
        if not content:
            blank_since_item = True
            continue
        opens = starts_with_instrument(content)
        if line.marked and opens:
            if run and not run_marked:
                close_run()
            if not run:
                lead_in, run_marked = _is_lead_in(previous_text), True
            run.append([line])
        elif (not line.marked and opens and not FINITE_VERB.search(content)
              and (run and not run_marked or not run and _is_lead_in(previous_text))):
            if not run:
                lead_in, run_marked = True, False
            run.append([line])
        elif run and not blank_since_item and not line.marked and not opens \
                and _continues(text, run[-1][-1], line):
            run[-1].append(line)      # a hard-wrapped item continues on this line
        else:
            if run:
                close_run()
            spans.extend(inline_spans(text, line.start, line.end))
            previous_text = content
            blank_since_item = False
            continue
        blank_since_item = False
    if run:
        close_run()
    return spans


WRAPPED_AFTER = re.compile(r"(?:\b(?:and|of|the|between|on|in|for|to|with|under)|[,“«(])\s*$",
                           re.IGNORECASE)


def _continues(text: str, previous: _Line, line: _Line) -> bool:
    """Whether `line` is the hard-wrapped rest of the item on `previous`: the item has not
    ended with ";" or ".", and the line is indented, starts in lower case, or follows a word
    that cannot end a title ("and", "of", "between" ...)."""
    before = text[previous.body:previous.end].rstrip()
    if before.endswith((";", ".")):
        return False
    content = line.content(text)
    return (text[line.start:line.end][:1] in " \t" or content[:1].islower()
            or bool(WRAPPED_AFTER.search(before)))


def inline_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of a list run into one sentence after a lead-in and a colon: "The parties signed:
    the Agreement on trade; the Memorandum on tourism; and the Programme for 2024-2026." Items
    are separated by ";" outside quotation marks; the list ends with its sentence."""
    line = text[start:end]
    colon = line.find(":")
    if colon < 0 or not LEAD_IN.search(line[:colon]) or not line[colon + 1:].strip():
        return []
    mask = _quote_mask(line)
    stop = next((m.start() + 1 for m in re.finditer(r"\.(?=\s+[A-Z“\"«]|\s*$)", line)
                 if m.start() > colon and not mask[m.start()]), len(line))
    bounds = [colon + 1] + [i + 1 for i in range(colon + 1, stop) if line[i] == ";"
                            and not mask[i]] + [stop + 1]
    spans = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        part_start, part_end = start + left, start + right - 1
        part = _without_article(text[part_start:part_end].strip())
        if not starts_with_instrument(part) or FINITE_VERB.search(part):
            break
        spans.append(_item_span(text, [_Line(part_start, part_end, part_start, False)]))
    return spans


ARTICLE = re.compile(r"(?:the|an?)\s+(?=[A-Z])")


def _without_article(content: str) -> str:
    lead = LEADING_AND.match(content)
    content = content[lead.end():] if lead else content
    article = ARTICLE.match(content)
    return content[article.end():] if article else content


def _item_span(text: str, item: list[_Line]) -> tuple[int, int]:
    start, end = item[0].body, item[-1].end
    segment = text[start:end]
    start += len(segment) - len(segment.lstrip())
    lead = LEADING_AND.match(text, start, end)
    if lead:
        start = lead.end()
    article = ARTICLE.match(text, start, end)   # lower case only: "the Agreement" in a sentence
    if article:
        start = article.end()
    tail = TRAILING.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


# ---------------------------------------------------------------- reading one title


def instrument_of(title: str) -> tuple[str, int]:
    """The normalised kind of instrument that opens `title`, and the offset just past it."""
    match = starts_with_instrument(title)
    if match is None:
        return "", 0
    kind = next(k for pattern, k in _KIND_BY_PATTERN if pattern.fullmatch(match.group(0)))
    abbreviation = ABBREVIATION.match(title, match.end())    # "Memorandum of Understanding (MoU)"
    return kind, abbreviation.end() if abbreviation else match.end()


def _quote_mask(text: str) -> list[bool]:
    """True for characters inside quotation marks. Quotes do not nest: the first closing mark
    closes, which survives the unbalanced marks of names like “National Company “KTZ”."""
    mask, inside = [], False
    for ch in text:
        if ch in OPEN_QUOTES:
            mask.append(inside)
            inside = True
            continue
        if ch in CLOSE_QUOTES:
            inside = False
        elif ch == '"':
            inside = not inside
        mask.append(inside)
    return mask


def _outside(pattern: re.Pattern, text: str, mask: list[bool], start: int = 0):
    for match in pattern.finditer(text, start):
        if not mask[match.start()]:
            return match
    return None


def _split_point(tail: str) -> re.Match | None:
    """The " and " that separates two parties: after a country's name if any, else before
    "the", else the first."""
    mask = _quote_mask(tail)
    candidates = [m for m in re.finditer(r"\s+and\s+", tail) if not mask[m.start()]]
    if not candidates:
        return None
    for m in candidates:
        if codebooks.ends_with_country(tail[:m.start()]):
            return m
    for m in candidates:
        if re.match(r"the\s+[A-Z]", tail[m.end():]):
            return m
    return candidates[0]


def parse_title(title: str) -> dict:
    """Instrument, parties and subject of one item's title."""
    instrument, offset = instrument_of(title)
    rest = title[offset:]
    empty = {"instrument": instrument, "party_a": "", "party_b": "",
             "subject": rest.strip(" ,"), "signed_for": ""}
    mask = _quote_mask(rest)
    between = _outside(BETWEEN, rest, mask)
    if between:
        before, tail = rest[:between.start()].strip(" ,"), rest[between.end():]
    elif instrument.startswith("joint") and OF_OR_BY.match(rest):
        before, tail = "", rest[OF_OR_BY.match(rest).end():]
    else:
        return empty
    collective = COLLECTIVE.match(tail)
    role = ""
    if collective:
        role, tail = collective.group("role"), tail[collective.end():]
    split = _split_point(tail)
    if split is None:
        return empty
    party_a, remainder = tail[:split.start()], tail[split.end():]
    # A subject before "between" usually runs on after the parties ("Memorandum on cooperation
    # between X and Y in the social sphere"), so a later " on " belongs to party_b's name
    # ("the State Committee on Television"); but when that subject names another instrument
    # ("Protocol on amendments to the Agreement between X and Y on ..."), the parties are that
    # instrument's and its own subject follows them.
    nested = before and INSTRUMENT.search(before)
    boundary = SUBJECT_CONTINUES if before and not nested else SUBJECT_START
    cut = _outside(boundary, remainder, _quote_mask(remainder))
    party_b, after = (remainder[:cut.start()], remainder[cut.start():]) if cut else (remainder, "")
    subject = " ".join(p for p in (before, after.strip(" ,")) if p)
    return {"instrument": instrument, "party_a": party_a.strip(" ,"),
            "party_b": party_b.strip(" ,"), "subject": subject, "signed_for": role}


# --- the same document named elsewhere in a text --------------------------------------------

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
