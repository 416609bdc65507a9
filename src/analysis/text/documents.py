"""Lists of signed documents, as official communiqués print them, parsed into one row each.

The genre, in the shapes its communiqués take:

- a lead-in ("the following documents were signed:", "The parties signed:", a heading such as
  "Documents signed", a sentence saying that documents were signed, or a short "These are:" /
  "Among them:" after one), then items, one a line or a paragraph, each starting with a list
  marker (dash, bullet, hyphen with or without a space, "1.", "1)", "(a)", "(iv)") or, after a
  lead-in, with the instrument itself. Items end with ";", ",", "." or nothing, may be
  separated by blank lines or by notes ("Signed by: ..."; a numbered list goes on numbering
  after a note), may be hard-wrapped over several lines, and the last may open with "and".
  Within a list, an item may name no instrument ("A document on youth exchanges between the
  competent bodies;").
- an item names its instrument ("Memorandum of Understanding", "MoU", a “Roadmap” in
  quotation marks, or, in a list of deliverables, after "The two sides signed the"), often its
  parties ("between X and Y", "between X, Y and Z", "between the Governments of X and Y",
  "between the X and Y Foreign Ministries") and its subject ("on cooperation in the field of
  agriculture").
- a list run into a sentence: "the following documents were signed: the Agreement on A; the
  Memorandum on B"; "the parties signed: an Agreement on A, a Protocol on B and ..."; "signed
  ten documents, among them an agreement on A, a memorandum on B and a programme of C";
  "signed agreements on A, B, and C" (the plural instrument is each piece's); "agreements on
  A and on B were signed".

- sub-headings over groups of items ("Intergovernmental documents:", "I. Political documents",
  "Agreements/MoUs") and a table's column headers ("S.No.", "Name of MoU/Agreement") between
  the lead-in and the items; rows of a table flattened to text (cells apart by tabs or three
  spaces, or one cell a line) give their first cell after the serial number.
- items that are sentences: "X and Y signed the Memorandum on ..." (X and Y are the parties;
  a numbered list of outcomes may mix in others, which give no row), "The Agreement on ... was
  signed by ...", a title followed by a sentence about it; titles in capitals.
- one document whose title a sentence quotes ("The “Agreement on ...” was signed"), or one a
  sentence says was signed beside a run-in list.

A marked list needs no lead-in when at least two of its items start with a capitalised
instrument, as titles do. A list after a lead-in to documents planned ("provides for the
signing of") or in force ("the legal framework comprises"), a list whose every item is dated
to an earlier year, and a list none of whose items names an instrument give no row. A
sentence that only counts documents ("14 documents were signed") lists nothing and gives no
row (`stated_counts` reports such numbers), and nor do the words of a speaker in quotation
marks.

The kinds of instrument and the words that name them are data/codebooks/instruments.csv.
Nothing here knows a country, an outlet or a particular list: the tests try the rules on a
labelled corpus of lists written for them (tests/corpus/signed_documents/), which
tools/score_documents.py scores shape by shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.io import codebooks, paths

COLUMNS = ["title", "instrument", "party_a", "party_b", "party_c", "subject", "start", "end"]

# The instrument must open the item: at most this many characters may precede it
# ("Intergovernmental Agreement", "Comprehensive Programme", "The Kazakh-Uzbek Roadmap").
MAX_INSTRUMENT_OFFSET = 40
# In a sentence, a piece of a run-in list starts with its instrument after at most a few words
# ("a memorandum", "an intergovernmental agreement").
MAX_RUN_IN_OFFSET = 25
# Hard-wrapped texts are wrapped at no more than this many columns.
MAX_WRAP_WIDTH = 120


@dataclass(frozen=True)
class Vocabulary:
    """The instrument codebook as patterns: one for any term, and each term's kind."""

    pattern: re.Pattern
    kinds: tuple[tuple[re.Pattern, str, bool], ...]     # (term, kind, whether plural)

    def kind(self, words: str) -> tuple[str, bool]:
        """The kind of instrument `words` (a match of `pattern`) names, and whether plural."""
        for term, kind, plural in self.kinds:
            if term.fullmatch(words):
                return kind, plural
        return "", False


@cache
def vocabulary(root: Path = paths.ROOT) -> Vocabulary:
    """The vocabulary of data/codebooks/instruments.csv; at one position the longest term wins,
    so "memorandum of understanding" is found before "memorandum"."""
    entries = codebooks.instruments(root)
    terms = [(t, e.label, t in e.plurals) for e in entries for t in e.terms + e.plurals]
    return Vocabulary(
        codebooks.compile_terms([t for t, _, _ in terms]),
        tuple((re.compile(codebooks.term_regex(t), re.IGNORECASE), kind, plural)
              for t, kind, plural in terms))


MARKER = re.compile(
    r"[ \t]*(?:"
    r"[–—•●▪◦·∙*][ \t]*"                    # dash or bullet, the space optional
    r"|-[ \t]+|-(?=[A-Za-z“«„\"])"          # a hyphen: with a space, or right before a word
    r"|\(?\d{1,3}[.)][ \t]+"                # 1.  1)  (1)
    r"|\(?[a-z]\)[ \t]+"                    # a)  (a)
    r"|\(?(?:[ivx]{1,5}|[IVX]{1,5})[.)][ \t]+"   # iv.  (iv)  IV.
    r")"
)
SERIAL_ALONE = re.compile(r"[ \t]*\(?\d{1,3}[.)][ \t]*")
SIGN_VERB = r"sign(?:ed|ing)|concluded|exchanged|adopted|inked"
LEAD_IN = re.compile(rf"\b(?:{SIGN_VERB}|signature|documents|agreements|instruments"
                     r"|deliverables|outcomes)\b", re.IGNORECASE)
SIGNED = re.compile(rf"\b(?:{SIGN_VERB})\b", re.IGNORECASE)
DOCUMENTS = re.compile(r"\b(?:documents|agreements|instruments)\b", re.IGNORECASE)
# A line with one of these is a sentence, not a title.
FINITE_VERB = re.compile(r"\b(?:was|were|is|are|will|would|has|have|had|shall|said|says)\b")
# A note under an item: "Signed by: ...", "Exchanged by: ...".
ANNOTATION = re.compile(r"(?:signed|exchanged|initialled|initialed)\s+(?:by|from)\b"
                        r"|signatories\b", re.IGNORECASE)
# ... or after it: "“Agreement on ...” – signed by the Ministers of Science;".
SIGNED_BY = re.compile(r"\s*(?:\s[–—-]\s*|\(|,\s|(?<=[”»\"])\s)\s*(?:signed|exchanged|initiall?ed)"
                       r"\s+(?:by|from)\b", re.IGNORECASE)
# A preposition before the instrument makes it a complement, not the item's head: "the
# implementation of the Agreement on ...".
HEAD_BEFORE = re.compile(r"\b(?:of|on|to|for|in|about|with|under|regarding|concerning)\s",
                         re.IGNORECASE)
# "to be signed", "will sign": documents planned, not signed.
NOT_YET = re.compile(r"\b(?:to|be|not|will|would|shall|may|might|could|should|can)\s+$",
                     re.IGNORECASE)
# "The two sides signed the Agreement ...": a clause before the instrument, in a list of
# deliverables.
SIGNING_CLAUSE = re.compile(rf"[^.;:\n]{{0,60}}?\b(?:{SIGN_VERB}|issued)\s+(?=(?:the|an?)\s)",
                            re.IGNORECASE)
BETWEEN = re.compile(r"\s+(?:between|among)\s+", re.IGNORECASE)
OF_OR_BY = re.compile(r"\s*(?:of|by)\s+", re.IGNORECASE)
PERIOD = r"\(\s*(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\s*\)"
FIELD = r"in\s+the\s+(?:[\w-]+\s+){0,4}?(?:field|fields|sphere|spheres|area|areas|domain)\b"
# Where a subject begins after the second party ...
SUBJECT_START = re.compile(
    rf"\s+(?:(?:on|regarding|concerning|{FIELD}|for\s+(?:the\s+period|20\d\d|19\d\d))\b"
    rf"|{PERIOD})",
    re.IGNORECASE,
)
# ... where one continues after it when it already began before "between" ...
SUBJECT_CONTINUES = re.compile(
    rf"\s+(?:(?:{FIELD}|for\s+(?:the\s+period|20\d\d|19\d\d))\b|{PERIOD})",
    re.IGNORECASE,
)
# ... and, right after a state's name or a quoted name, a preposition that cannot continue it.
AFTER_A_NAME = re.compile(r"\s+(?:for|to|with\s+respect\s+to|relating\s+to|about)\s+",
                          re.IGNORECASE)
# A company's legal form ends its name: "Hyundai Engineering Co., Ltd." for ...
COMPANY_END = re.compile(r"\b(?:Ltd|LLC|LLP|JSC|CJSC|OJSC|PJSC|Inc|Corp|PLC|GmbH|AG"
                         r"|S\.A|N\.V|B\.V)\.?$")
STATE_NAME_END = re.compile(
    r"\b(?:Republic|Federation|Kingdom|Confederation|Emirates|States|Sultanate|Principality)"
    r"(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w'’-]*)+)?$")
COLLECTIVE = re.compile(
    r"(?P<role>(?:the\s+)?(?:Presidents|Heads\s+of\s+State|Heads\s+of\s+Government|"
    r"Prime\s+Ministers|Governments|Foreign\s+Ministers|Ministers\s+of\s+Foreign\s+Affairs|"
    r"(?:[A-Z][\w-]*\s+)?Ministries(?:\s+of(?:\s+[A-Z][\w-]*)+)?|[Cc]ities|[Mm]unicipalities|[Rr]egions|"
    r"[Pp]rovinces)"
    r")\s+of\s+",
)
# "between the Uzbek and Turkish Foreign Ministries on ...": two names sharing one noun.
ADJECTIVE_PAIR = re.compile(
    r"(?:the\s+)?(?P<a>[A-Z][\w'’-]*)\s+and\s+(?:the\s+)?(?P<b>[A-Z][\w'’-]*)\s+"
    r"(?P<role>(?:[A-Z][\w'’-]*\s+)*[A-Za-z][\w'’-]*?(?:ies|s))"
    r"(?=\s+(?:on|in|for|regarding|concerning|to)\b|\s*[,;]|\s*$)")
# "between the two academies", "between the competent bodies": parties not named.
UNNAMED = re.compile(r"(?:the\s+)?(?:(?:two|both|three|respective|competent|relevant)\b"
                     r"|(?:sides|parties)\b)", re.IGNORECASE)
# "... for 2025-2027 and a number of others.": the end of a list, not of its last title.
OTHERS = re.compile(r",?\s+(?:(?:and|as\s+well\s+as)\s+(?:a\s+number\s+of\s+|several\s+|many\s+)?"
                    r"(?:others|other\s+documents|more)|etc)\W*$", re.IGNORECASE)
TRAILING = re.compile(r"(?:[\s;,.:]|\band\s*$)+$")
LEADING_AND = re.compile(r"(?:and|as\s+well\s+as)\s+", re.IGNORECASE)
ARTICLE = re.compile(r"(?:the|an?)\s+")
ABBREVIATION = re.compile(r"\s*\([A-Za-z]{2,8}\)")
OPEN_QUOTES, CLOSE_QUOTES = "“«„", "”»"
QUOTES = OPEN_QUOTES + CLOSE_QUOTES + '"'


def parse_signed_documents(text: str) -> pd.DataFrame:
    """One row per signed instrument listed in `text`, in listed order.

    Columns: title (the item without its marker and closing punctuation, white space
    collapsed), instrument (normalised kind, per data/codebooks/instruments.csv; empty for an
    item of a list that names none), party_a, party_b and party_c (as written, when the title
    names them with "between X and Y", "between X, Y and Z", or for a joint statement "of X
    and Y"; party_c holds a third party and any further ones, separated by "; "; else empty),
    subject ("on cooperation in the field of agriculture"; empty when none), and start, end
    (the span of the title in `text`). A text without such a list gives an empty frame with
    the same columns.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_signed_documents expects the text as str; "
                        f"found {type(text).__name__}")
    rows = []
    for item in _items(text):
        title = " ".join(text[item.start:item.end].split())
        parsed = parse_title(title)
        if item.instrument and not parsed["instrument"]:
            parsed["instrument"] = item.instrument     # "agreements on A, B and C": B and C
        rows.append({"title": title, **parsed, "start": item.start, "end": item.end})
    frame = pd.DataFrame(rows, columns=COLUMNS)    # parse_title's signed_for is not returned
    return frame.astype({"start": "int64", "end": "int64"})


def item_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the items of every list of signed documents in `text`, in order."""
    return [(item.start, item.end) for item in _items(text)]


# ---------------------------------------------------------------- finding the items


@dataclass
class _Line:
    start: int          # offset of the line
    end: int            # offset just past the line's last character (before "\n")
    body: int           # offset of the content after any list marker
    marked: bool

    def content(self, text: str) -> str:
        return text[self.body:self.end].strip()


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    instrument: str = ""     # the kind a run-in list gives a piece that names none


def _lines(text: str) -> list[_Line]:
    """The lines of `text`, each with its list marker. A row of a table flattened to text
    ("1.<tab>Agreement on ...<tab>The Agreement provides ...", or cells apart by three
    spaces or more) is its first cell after the serial number: the other cells (a
    description, the signatories) are not the title. A serial number alone on its line, as a
    table flattened one cell a line gives it, marks the next line."""
    out, pos, serial = [], 0, None
    for raw in text.split("\n"):
        end = pos + len(raw)
        marker = MARKER.match(text, pos, end)
        body = marker.end() if marker else pos
        cell = re.search(r"\S(?:\t+| {3,})\s*\S", text[body:end])
        stop = body + cell.start() + 1 if cell else end
        if marker and text[marker.end():stop].strip():
            out.append(_Line(pos, stop, marker.end(), True))
        elif serial is not None and raw.strip():
            indent = len(raw) - len(raw.lstrip())
            out[serial] = _Line(out[serial].start, out[serial].start, out[serial].start, False)
            out.append(_Line(out[serial].start, stop, pos + indent, True))
        else:
            out.append(_Line(pos, stop, pos, False))
        serial = len(out) - 1 if SERIAL_ALONE.fullmatch(raw) else (
            serial if serial is not None and not raw.strip() else None)
        pos = end + 1
    return out


def _opens_at(text: str, pos: int, end: int) -> re.Match | None:
    """The instrument starting at `pos`, perhaps after an opening quotation mark."""
    if pos < end and text[pos] in OPEN_QUOTES + '"':
        pos += 1
    return vocabulary().pattern.match(text, pos, end)


def _title_start(text: str, start: int, end: int) -> int:
    """Where an item's title begins: after a leading "and", a clause such as "The two sides
    signed", and an article before a capital or an instrument ("the Agreement", "an exchange of
    letters"); "The Agreement" at the start of an item keeps its capital."""
    lead = LEADING_AND.match(text, start, end)
    if lead:
        start = lead.end()
    clause = SIGNING_CLAUSE.match(text, start, end)
    if clause and not _names_signatories(text[start:clause.end()]):
        article = ARTICLE.match(text, clause.end(), end)
        if article and _opens_at(text, article.end(), end):
            return article.end()
    article = ARTICLE.match(text, start, end)
    if article and article.end() < end and (text[article.end()].isupper()
                                            or _opens_at(text, article.end(), end)):
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
    begin = _title_start(content, 0, len(content))
    match = vocabulary().pattern.search(content, begin, begin + MAX_INSTRUMENT_OFFSET + 40)
    if match is None or match.start() - begin > MAX_INSTRUMENT_OFFSET:
        return None
    if re.search(r"[.;:!?]", content[begin:match.start()]) \
            or HEAD_BEFORE.search(content, begin, match.start()):
        return None
    return match


def _titled(content: str) -> bool:
    """Whether the item opens with a capitalised instrument, as a title does, any words
    before it capitalised too ("Intergovernmental Agreement", not "the draft Agreement")."""
    match = starts_with_instrument(content)
    if not match or not match.group(0)[:1].isupper():
        return False
    before = content[_title_start(content, 0, len(content)):match.start()]
    return all(word[:1].isupper() or not word[:1].isalpha()
               for word in before.strip(QUOTES + " ").split())


def _is_lead_in(context: list[str], depth: int = 0) -> bool:
    """Whether the prose just before a list introduces it: a line with a lead-in word ending
    with ":" or short and unpunctuated (a heading), a short "These are:" after one, a sentence
    saying that documents were signed, or up to four short lines after one of these (a
    sub-heading "At the level of the Heads of State", a table's column headers "S.No.",
    "Name of MoU/Agreement", "Description")."""
    if not context:
        return False
    line = context[-1].strip()
    if LEAD_IN.search(line) and (line.endswith(":")
                                 or (len(line) <= 80 and not line.endswith((".", ";", ",")))):
        return True
    if _is_heading(line):
        return True
    if line.endswith(":") and len(line) <= 40 and any(LEAD_IN.search(c) for c in context[-3:-1]):
        return True
    if _announces(line):
        return True
    short = (line and len(line) <= 60 and not line.endswith((";", ","))
             and not FINITE_VERB.search(line) and (not line.endswith(".") or len(line) <= 8))
    return short and depth < 4 and _is_lead_in(context[:-1], depth + 1)


def _is_heading(line: str) -> bool:
    """A longer heading: "Documents signed during the state visit of the President of X to Y",
    "List of Outcomes during the visit of ...": unpunctuated, capitalised, without a finite
    verb, saying that documents were signed or naming them in its first words."""
    if len(line) > 150 or not line[:1].isupper() or line.endswith((".", ";", ",")) \
            or FINITE_VERB.search(line):
        return False
    return bool(SIGNED.search(line) and DOCUMENTS.search(line) or SUBHEADING.fullmatch(line))


def _announces(line: str) -> bool:
    """A line whose last sentence says documents were signed ("A number of documents were
    signed in the presence of the heads of state.")."""
    last = re.split(r"(?<=[.!?])\s+(?=[A-Z])", line.strip())[-1]
    return bool(last.endswith(".") and SIGNED.search(last) and DOCUMENTS.search(last))


WRAPPED_AFTER = re.compile(r"(?:\b(?:and|of|the|between|on|in|for|to|with|under)|[,“«(])\s*$",
                           re.IGNORECASE)


def _continues(text: str, run_marked: bool, previous: _Line, line: _Line,
               width: int | None) -> bool:
    """Whether `line` is the hard-wrapped rest of the item on `previous`: the item has not
    ended with ";" or ".", and the line follows a word that cannot end a title ("and", "of",
    "between" ...), or is indented or starts in lower case, or its first word would not have
    fitted on the previous line (when the text is hard-wrapped at `width`)."""
    if line.marked:
        return False
    before = text[previous.start:previous.end].rstrip()
    if before.endswith((";", ".")):
        return False
    content = line.content(text)
    opens = starts_with_instrument(content)
    if opens and not run_marked and re.search(r",(?:\s+and)?$", before):
        return False                    # items of an unmarked list ending with "," or ", and"
    if WRAPPED_AFTER.search(before):
        return True
    if opens and (LEADING_AND.match(content) or not run_marked):
        return False                    # "and Memorandum ...": the next item
    if text[line.start:line.end][:1] in " \t" or content[:1].islower():
        return True
    return width is not None and len(before) + 1 + len(content.split()[0]) > width


def _wrap_width(lines: list[_Line]) -> int | None:
    """The column a text is hard-wrapped at, if it is: its longest line is at most
    MAX_WRAP_WIDTH long and at least three lines come within 15 characters of it."""
    lengths = [ln.end - ln.start for ln in lines]
    width = max(lengths, default=0)
    if not width or width > MAX_WRAP_WIDTH:
        return None
    return width if sum(1 for n in lengths if n >= width - 15) >= 3 else None


def _items(text: str) -> list[_Item]:
    """The items of every list in `text`, in order."""
    lines = _lines(text)
    width = _wrap_width(lines)
    found: list[_Item] = []
    run: list[list[_Line]] = []       # items of the current run; an item may span lines
    run_marked = lead_in = not_signed_here = False
    context: list[str] = []           # prose lines read so far (the lead-in is the last)
    paragraph: list[int] = []         # span of the prose paragraph being read
    blank_since_item = True

    def flush_paragraph():
        if paragraph:
            found.extend(inline_items(text, paragraph[0], paragraph[1]))
            paragraph.clear()

    numbered = 0                      # the number of the last item of an accepted list

    def close_run():
        nonlocal numbered
        titled = sum(1 for item in run if item[0].marked and _titled(item[0].content(text)))
        if run and (lead_in or titled >= 2) and not not_signed_here:
            items = [_Item(*_item_span(text, item)) for item in run]
            if len(items) > 1 and all(DATED.search(text, i.start, i.end) for i in items):
                items = []            # "– Treaty on Friendship of 1993;": a legal framework
            if not any(parse_title(" ".join(text[i.start:i.end].split()))["instrument"]
                       for i in items):
                items = []            # "the following agreements were reached: - to increase"
            if any(_signed_sentence(item[0].content(text)) for item in run):
                # a list of outcomes in sentences ("X and Y signed the Memorandum on ..."):
                # an item naming no instrument is another outcome, not a document
                items = [i for i in items
                         if parse_title(" ".join(text[i.start:i.end].split()))["instrument"]]
            found.extend(items)
            numbered = _number(text, run[-1][0])
        else:
            numbered = 0
        run.clear()

    for line in lines:
        content = line.content(text)
        if not content:
            blank_since_item = True
            flush_paragraph()
            continue
        if run and ANNOTATION.match(content):
            blank_since_item = True   # "Signed by: ...": a note on the item, not its title
            continue
        if run and not blank_since_item and _continues(text, run_marked, run[-1][-1], line,
                                                       width):
            run[-1].append(line)      # a hard-wrapped item continues on this line
            continue
        opens = starts_with_instrument(content) or _signed_sentence(content)
        sentence = FINITE_VERB.search(content)
        if sentence and opens and line.marked and _signed_passive(content, sentence.start()):
            sentence = None           # "The Agreement on ... was signed by the Ministers;"
        sentence = sentence or _is_subheading(content)
        last = text[run[-1][-1].start:run[-1][-1].end].rstrip() if run else ""
        if line.marked and not sentence and (opens or (run and run_marked)
                                             or (not run and _is_lead_in(context))):
            flush_paragraph()
            if run and not run_marked:
                close_run()
            if not run:
                # a list whose items are separated by notes goes on numbering: "2." after "1."
                lead_in = _is_lead_in(context) or (
                    bool(numbered) and numbered < _number(text, line) <= numbered + 3)
                not_signed_here = _not_signed_here(context)
                run_marked = True
            run.append([line])
        elif not line.marked and not sentence and (
                (opens and run and not run_marked)
                or (opens and not run and _unmarked_lead_in(context, content))
                or (not opens and run and not run_marked and last.endswith((";", ","))
                    and content.endswith((";", ",", ".")))):
            flush_paragraph()
            if not run:
                lead_in, run_marked = True, False
                not_signed_here = _not_signed_here(context)
            run.append([line])
        else:
            if run:
                close_run()
                context.append("")    # the lines before this list lead in no later one
            context.append(content)
            if paragraph:
                paragraph[1] = line.end
            else:
                paragraph.extend([line.start, line.end])
            continue
        blank_since_item = False
    if run:
        close_run()
    flush_paragraph()
    return found


SUBHEADING = re.compile(r"(?:[\w'’-]+\s+){0,3}(?:documents|agreements|instruments|deliverables"
                        r"|outcomes)\b(?:\s+[^.;,]*)?", re.IGNORECASE)


def _is_subheading(content: str) -> bool:
    """A heading over a group of items ("Intergovernmental documents:", "I. Political
    documents", "Commercial agreements"): short, without closing punctuation, ending with ":"
    or naming documents in the plural in its first words, with no title after them, or only
    kinds of documents ("Agreements/MoUs")."""
    line = content.strip()
    if len(line) > 80 or line.endswith((";", ",", ".")):
        return False
    if line.endswith(":"):
        return True
    kinds = [vocabulary().kind(m.group(0)) for m in vocabulary().pattern.finditer(line)]
    if kinds and re.fullmatch(r"(?:[\s/,&]|\band\b)*", vocabulary().pattern.sub("", line)):
        return any(plural for _, plural in kinds)       # "Agreements/MoUs"
    match = starts_with_instrument(line)
    if match:
        return vocabulary().kind(match.group(0))[1] and not line[match.end():].strip()
    return bool(SUBHEADING.fullmatch(line))


# A lead-in to documents not signed here and now: planned ("the programme of the visit
# provides for the signing of the following documents:", "to be signed") or already in force
# ("the legal framework comprises more than 50 documents, including:").
NOT_SIGNED_HERE = re.compile(
    rf"\b(?:(?:to|will|would|shall|may|might|could|should|can)\s+(?:also\s+)?(?:be\s+)?"
    rf"(?:{SIGN_VERB}|sign)|provides?\s+for|envisages?|planned|plans?\s+to|scheduled|expected"
    r"|intended|comprises?|consists?\s+of|in\s+force|legal\s+(?:framework|basis|base)"
    r"|treaty\s+(?:framework|basis|base)|ratif\w+)\b", re.IGNORECASE)
# A title ending with the year of an earlier document: "Treaty on Friendship of 1993".
DATED = re.compile(r"\bof\s+(?:\d{1,2}\s+[A-Z][a-z]+\s+)?(?:19|20)\d\d\W*$")


def _not_signed_here(context: list[str]) -> bool:
    """Whether the line before a list, or the one before a short heading, introduces
    documents planned or already in force rather than signed."""
    lines = [line for line in context[-2:] if line]
    if len(lines) == 2 and len(lines[-1]) > 60:
        lines = lines[-1:]
    return any(NOT_SIGNED_HERE.search(line) for line in lines)


def _signed_passive(content: str, verb: int) -> bool:
    """Whether the first finite verb of an item, at `verb`, says its title "was signed"."""
    passive = PASSIVE.match(content, verb)
    return bool(passive) and not _quote_mask(content)[verb]


def _signed_sentence(content: str) -> bool:
    """Whether an item is a sentence saying who signed which instrument: "The Ministry of X
    and the Ministry of Y signed the Memorandum on ...", "The two sides signed the ..."."""
    clause = SIGNERS.match(content) or SIGNING_CLAUSE.match(content)
    if not clause:
        return False
    article = ARTICLE.match(content, clause.end())
    return bool(_opens_at(content, article.end() if article else clause.end(), len(content)))


def _number(text: str, line: _Line) -> int:
    """The number of a numbered item ("2." or "2)"), else 0."""
    match = re.match(r"[ \t]*\(?(\d{1,3})[.)]", text[line.start:line.body])
    return int(match.group(1)) if match else 0


def _unmarked_lead_in(context: list[str], content: str) -> bool:
    """Unmarked items need a lead-in; after a sentence that only says documents were signed,
    the first must also open with a capitalised instrument."""
    if not context:
        return False
    line = context[-1].strip()
    if _announces(line) and not line.endswith(":"):
        return _titled(content)
    return _is_lead_in(context)


# A full stop after a word (not an initial or an abbreviation such as "Co." or "No.") and
# before a capital: a sentence after the title ("... in healthcare. The memorandum provides ...").
SENTENCE_AFTER_TITLE = re.compile(r"(?<=[a-z\d)]{2}[a-z\d)])\.\s+(?=[A-Z])")


def _item_span(text: str, item: list[_Line]) -> tuple[int, int]:
    start, end = item[0].body, item[-1].end
    segment = text[start:end]
    start += len(segment) - len(segment.lstrip())
    mask = _quote_mask(text[start:end])
    after = next((m for m in SENTENCE_AFTER_TITLE.finditer(text, start, end)
                  if not mask[m.start() - start]), None)
    if after:
        end = after.start()
    return _trim(text, start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The title within [start, end): without a leading "and", clause or article, and without
    a trailing note on its signatories ("– signed by the Ministers"), closing punctuation or a
    trailing "and"."""
    start = _title_start(text, start, end)
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


# ---------------------------------------------------------------- lists run into a sentence

# What introduces the pieces after a verb of signing: "..., among them", "including", ...
INTRO = re.compile(r",?\s*(?:among\s+them|among\s+which|including|which\s+include"
                   r"|such\s+as|namely)\s+", re.IGNORECASE)
SEPARATOR = re.compile(r"\s*;\s*(?:and\s+)?|\s*,\s*(?:and\s+|as\s+well\s+as\s+)?"
                       r"|\s+(?:and|as\s+well\s+as)\s+", re.IGNORECASE)
# Where a sentence's list ends before its full stop: "... birds after the presidents held talks".
CLAUSE_AFTER = re.compile(r",?\s+(?:after|before|during|when|while|following"
                          r"|in\s+the\s+presence\s+of|at\s+the\s+(?:end|close)\s+of)\b"
                          r"|,\s+(?:the\s+[\w-]+|he|she|they|it)\s+(?:[\w-]+\s+)?(?:said|told"
                          r"|noted|stressed|added|reported|announced)\b",
                          re.IGNORECASE)
# "agreements on A and on B were signed": the pieces come before the verb.
PASSIVE = re.compile(rf"\b(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:also\s+)?"
                     rf"(?:{SIGN_VERB})\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"«/(]|\s*$)")


def inline_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the items of lists run into the sentences of text[start:end]."""
    return [(item.start, item.end) for item in inline_items(text, start, end)]


def inline_items(text: str, start: int, end: int) -> list[_Item]:
    """Items of lists run into the sentences of a prose paragraph text[start:end]:

    - after a lead-in and a colon: "The parties signed: the Agreement on trade; the Memorandum
      on tourism; and the Programme for 2024-2026." (items separated by ";" outside quotation
      marks, or else by "," and "and" before an instrument);
    - after a verb of signing and "among them", "including", "such as" ...: "signed ten
      documents, among them an agreement on X, a memorandum on Y and a programme of Z";
    - right after a verb of signing, two or more: "signed an agreement on X and a memorandum on
      Y"; "signed agreements on A, B, and C";
    - before "were signed", two or more: "agreements on A and on B were signed".

    A list ends with its sentence. Words inside quotation marks (a speaker's) are not read.
    """
    mask = _quote_mask(text[start:end])
    found: list[list[_Item]] = []
    bounds = []
    sentence_start = start
    for stop in [m.end() for m in SENTENCE_END.finditer(text, start, end)
                 if not mask[m.start() - start]] + [end]:
        if stop > sentence_start:
            bounds.append((sentence_start, stop))
            found.append(_sentence_items(text, sentence_start, stop,
                                         mask[sentence_start - start:stop - start]))
        sentence_start = stop
    if any(len(items) > 1 for items in found):
        # beside a run-in list, a sentence saying one document was signed gives it too: "the two
        # heads of state signed a joint statement on ... They also witnessed the signing of
        # ..., including an agreement on A, a memorandum on B and a plan for C."
        found = [items or _one_signed(text, left, right, mask[left - start:right - start])
                 for items, (left, right) in zip(found, bounds, strict=True)]
    return [item for items in found for item in items]


def _one_signed(text: str, start: int, end: int, mask: list[bool]) -> list[_Item]:
    """The one document a sentence says was signed: "X signed a joint statement on ...",
    unless the sentence dates it to earlier times or the signing is yet to come."""
    sentence = text[start:end]
    if EARLIER.search(sentence):
        return []
    for verb in SIGNED.finditer(sentence):
        if mask[verb.start()] or NOT_YET.search(sentence[:verb.start()]):
            continue
        after = re.match(r"\s+", sentence[verb.end():])
        pos = verb.end() + (after.end() if after else 0)
        items = _run_in(text, start + pos, end, mask[pos:], minimum=1)
        if len(items) == 1:
            return items
    return []


def _sentence_items(text: str, start: int, end: int, mask: list[bool]) -> list[_Item]:
    sentence = text[start:end]
    colons = [i for i, ch in enumerate(sentence)
              if ch == ":" and not mask[i] and sentence[i + 1:i + 2].isspace()]
    # the first colon with a lead-in word since the one before it ("BAKU, 2 May (AZERTAC): The
    # sides signed: ...")
    colon = next((c for b, c in zip([0, *colons], colons, strict=False)
                  if LEAD_IN.search(sentence[b:c])), -1)
    if colon >= 0 and sentence[colon + 1:].strip():
        if any(ch == ";" and not mask[i] for i, ch in enumerate(sentence) if i > colon):
            return _semicolon_items(text, start + colon + 1, end, mask[colon + 1:])
        return _run_in(text, start + colon + 1, end, mask[colon + 1:], minimum=1)
    for verb in SIGNED.finditer(sentence):
        if mask[verb.start()] or NOT_YET.search(sentence[:verb.start()]):
            continue
        intro = INTRO.match(sentence, _skip_words(sentence, verb.end()))
        if intro:
            items = _run_in(text, start + intro.end(), end, mask[intro.end():], minimum=1)
        else:
            after = re.match(r"\s+(?:the\s+following\s+)?", sentence[verb.end():])
            pos = verb.end() + (after.end() if after else 0)
            items = _run_in(text, start + pos, end, mask[pos:], minimum=2)
        if items:
            return items
    passive = next((m for m in PASSIVE.finditer(sentence) if not mask[m.start()]), None)
    if passive:
        for begin in [0] + [m.end() for m in re.finditer(r",\s*", sentence[:passive.start()])
                            if not mask[m.start()]]:
            if _run_in_opens(text, start + begin, start + passive.start()):
                items = _run_in(text, start + begin, start + passive.start(),
                                mask[begin:passive.start()], minimum=2)
                if items:
                    return items
                break
    return _quoted_title(text, start, end, mask)


# A sentence about documents signed before: "In 2019 the sides signed ...".
EARLIER = re.compile(r"\b(?:(?:19|20)\d\d|ago|earlier|previously|formerly|last\s+year)\b",
                     re.IGNORECASE)


def _quoted_title(text: str, start: int, end: int, mask: list[bool]) -> list[_Item]:
    """One document whose title a sentence quotes right after a verb of signing or right
    before "was signed": "The Presidents signed the “Declaration on ...”", "The “Agreement
    between ... on ...” was signed by ...". The title must open with a capitalised
    instrument, and the sentence must not date the signing to earlier times."""
    sentence = text[start:end]
    if EARLIER.search("".join(ch if not inside else " " for ch, inside in zip(sentence, mask,
                                                                               strict=False))):
        return []
    openings = []
    for verb in SIGNED.finditer(sentence):
        if not mask[verb.start()] and not NOT_YET.search(sentence[:verb.start()]):
            after = re.match(r"\s+(?:the\s+)?(?=[“«„\"])", sentence[verb.end():])
            if after:
                openings.append(verb.end() + after.end())
    for passive in PASSIVE.finditer(sentence):
        before = re.search(r"(?:^|\s)(?:[Tt]he\s+)?(?P<quote>[“«„\"])[^“”«»„\"]+[”»\"]\s*$",
                           sentence[:passive.start()])
        if before and not mask[passive.start()]:
            openings.append(before.start("quote"))
    for i in openings:
        close = next((k for k in range(i + 1, len(sentence)) if not mask[k]), None)
        if close is None or sentence[close] not in CLOSE_QUOTES + '"':
            continue
        inner = sentence[i + 1:close]
        match = vocabulary().pattern.match(inner)
        if match and inner[:1].isupper():
            return [_Item(start + i, start + close + 1)]
    return []


def _skip_words(sentence: str, pos: int) -> int:
    """Past the object of the verb up to an intro: "signed ten documents, among them" ->
    the comma. At most six words, none a full stop."""
    match = re.match(r"(?:\s+[\w'’-]+){0,6}?(?=,?\s*(?:among|including|which\s+include|such"
                     r"\s+as|namely)\b)", sentence[pos:])
    return pos + match.end() if match else pos


def _semicolon_items(text: str, start: int, end: int, mask: list[bool]) -> list[_Item]:
    bounds = [start] + [start + i + 1 for i, ch in enumerate(text[start:end])
                        if ch == ";" and not mask[i]] + [end + 1]
    items = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        part = text[left:right - 1]
        if not starts_with_instrument(part.strip()) or FINITE_VERB.search(part):
            break
        items.append(_Item(*_trim(text, left + len(part) - len(part.lstrip()), right - 1)))
    return items


def _run_in(text: str, start: int, end: int, mask: list[bool], minimum: int) -> list[_Item]:
    """The pieces of a list run into a sentence from `start`: each opens with its instrument
    after at most an article and a word or two, and pieces are separated by ",", ";", "and" or
    "as well as". When the first names a plural instrument ("agreements on A, B and C",
    "agreements on A and on B") and no other piece names one, the pieces are the comma-separated
    parts, or those after "and" and the first piece's preposition, each of that kind."""
    first = _run_in_opens(text, start, end)
    if first is None:
        return []
    clause = CLAUSE_AFTER.search(text, start, end)
    if clause:
        end = clause.start()
    stop = SENTENCE_END.search(text, start, end)
    end = stop.start() if stop and not mask[stop.start() - start] else end
    separators = [m for m in SEPARATOR.finditer(text, start, end) if not mask[m.start() - start]]
    cuts = [m for m in separators if _run_in_opens(text, m.end(), end)]
    kind, plural = vocabulary().kind(first.group(0))
    inherited = ""
    if not cuts and plural:
        commas = [m for m in separators if "," in m.group(0)]
        ands = [m for m in separators if "and" in m.group(0).lower()]
        preposition = re.match(r"\s+(on|in|for|of|concerning|regarding)\s", text[first.end():end])
        if commas:
            cuts = commas + [m for m in ands if m.start() > commas[-1].start()][:1]
        elif preposition:             # "agreements on A and on B"
            cuts = [m for m in ands if re.match(preposition.group(1) + r"\s", text[m.end():end])]
        inherited = kind
    items, left = [], start
    for cut in [*cuts, None]:
        right = cut.start() if cut else end
        piece_start, piece_end = _trim(text, left, right)
        if piece_end > piece_start:
            items.append(_Item(piece_start, piece_end, inherited if items else ""))
        if cut:
            left = cut.end()
    if any(FINITE_VERB.search(text[i.start:i.end]) or _kinds_only(text, i) for i in items):
        return []
    return items if len(items) >= minimum else []


def _kinds_only(text: str, item: _Item) -> bool:
    """Whether a piece names only a kind of document in the plural, perhaps with its value
    ("signed agreements and memoranda of understanding worth $2.5 billion"): not a title."""
    match = _run_in_opens(text, item.start, item.end)
    return bool(match and vocabulary().kind(match.group(0))[1]
                and re.fullmatch(r"\s*(?:(?:worth|valued|totall?ing|amounting)\b.*)?",
                                 text[match.end():item.end], re.DOTALL))


def _run_in_opens(text: str, pos: int, end: int) -> re.Match | None:
    """The instrument a piece of a run-in list opens with, if any."""
    begin = _title_start(text, pos, end)
    match = vocabulary().pattern.search(text, begin, min(end, begin + MAX_RUN_IN_OFFSET + 40))
    if match is None or match.start() - pos > MAX_RUN_IN_OFFSET:
        return None
    if not re.fullmatch(r"[\w\s'’“«\"-]*", text[pos:match.start()]) \
            or HEAD_BEFORE.search(text, begin, match.start()):
        return None
    return match


# ---------------------------------------------------------------- counts without a list

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


# ---------------------------------------------------------------- reading one title


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


def _quote_mask(text: str) -> list[bool]:
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


def _outside(pattern: re.Pattern, text: str, mask: list[bool], start: int = 0):
    for match in pattern.finditer(text, start):
        if not mask[match.start()]:
            return match
    return None


def _ends_with_state(text: str) -> bool:
    """Whether `text` ends with a state's name: one of the countries codebook, or a name of
    the form "the Slovak Republic", "the Republic of Austria"."""
    stripped = text.rstrip(" ,”\"»")
    return codebooks.ends_with_country(stripped) or bool(STATE_NAME_END.search(stripped))


def _split_point(tail: str) -> re.Match | None:
    """The " and " that separates the last party from the others: after a state's name if
    any, else before "the", else before a country's name ("... Ministry of Mining and Heavy
    Industry and Japan's Ministry of ..."), else the first; all before where a subject
    begins."""
    mask = _quote_mask(tail)
    candidates = [m for m in re.finditer(r",?\s+and\s+", tail) if not mask[m.start()]]
    if not candidates:
        return None
    for m in candidates:
        if _ends_with_state(tail[:m.start()]):
            return m
    for m in candidates:
        if re.match(r"the\s+[A-Z]", tail[m.end():]):
            return m
    subject = _outside(SUBJECT_START, tail, mask)
    limit = subject.start() if subject else len(tail)
    candidates = [m for m in candidates if m.start() < limit]
    return next((m for m in candidates if _starts_with_country(tail[m.end():])),
                candidates[0] if candidates else None)


def _starts_with_country(text: str) -> bool:
    return any(entry.pattern.match(text) for entry in codebooks.countries())


def _split_list(head: str) -> list[str]:
    """The parties before the last one: "X, Y" is two when X ends with a state's name or Y
    begins with "the" and a capital ("the Ministry of Ecology, Geology and ..." is one)."""
    mask = _quote_mask(head)
    parts, left = [], 0
    for m in re.finditer(r"\s*,\s+", head):
        if mask[m.start()]:
            continue
        if _ends_with_state(head[left:m.start()]) or re.match(r"the\s+[A-Z]", head[m.end():]):
            parts.append(head[left:m.start()])
            left = m.end()
    parts.append(head[left:])
    return [p.strip(" ,") for p in parts]


def _subject_cut(remainder: str, boundary: re.Pattern) -> int | None:
    """Where the subject begins in what follows the split: the first `boundary` outside
    quotation marks, or, earlier, a preposition right after a state's or a quoted name."""
    mask = _quote_mask(remainder)
    cut = _outside(boundary, remainder, mask)
    best = cut.start() if cut else None
    if boundary is SUBJECT_START:
        for m in AFTER_A_NAME.finditer(remainder):
            if best is not None and m.start() >= best:
                break
            before = remainder[:m.start()].rstrip()
            if not mask[m.start()] and (_ends_with_state(before) or COMPANY_END.search(before)
                                        or before.endswith(tuple(CLOSE_QUOTES + '")'))):
                best = m.start()
                break
    return best


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
        split = _split_point(signers.group("who"))
        if split and not parsed["party_a"]:
            parties = [*_split_list(signers.group("who")[:split.start()]),
                       signers.group("who")[split.end():].strip(" ,")]
            parties[0] = re.sub(r"^The\s", "the ", parties[0])    # a sentence's first word
            parsed.update(party_a=parties[0], party_b=parties[1],
                          party_c="; ".join(parties[2:]))
        return parsed
    rest = title[offset:]
    if title[:1] in OPEN_QUOTES + '"' and rest.endswith(tuple(CLOSE_QUOTES + '"')) \
            and title[offset - 1:offset] not in CLOSE_QUOTES + '"':
        rest = rest[:-1]                   # the whole title in quotation marks
    result = {"instrument": instrument, "party_a": "", "party_b": "", "party_c": "",
              "subject": rest.strip(" ,"), "signed_for": ""}
    mask = _quote_mask(rest)
    between = _outside(BETWEEN, rest, mask)
    if between:
        before, tail = rest[:between.start()].strip(" ,"), rest[between.end():]
    elif instrument.startswith("joint") and OF_OR_BY.match(rest):
        before, tail = "", rest[OF_OR_BY.match(rest).end():]
    else:
        return result
    if UNNAMED.match(tail):
        return result
    collective = COLLECTIVE.match(tail)
    role = ""
    if collective:
        role, tail = collective.group("role"), tail[collective.end():]
    else:
        pair = ADJECTIVE_PAIR.match(tail)
        if pair:
            after = tail[pair.end():].strip(" ,")
            return {**result, "party_a": pair.group("a"), "party_b": pair.group("b"),
                    "subject": " ".join(p for p in (before, after) if p),
                    "signed_for": pair.group("role")}
    split = _split_point(tail)
    if split is None:
        return result
    head, remainder = tail[:split.start()], tail[split.end():]
    # A subject before "between" usually runs on after the parties ("Memorandum on cooperation
    # between X and Y in the social sphere"), so a later " on " belongs to party_b's name
    # ("the State Committee on Television"); but when that subject names another instrument
    # ("Protocol on amendments to the Agreement between X and Y on ..."), the parties are that
    # instrument's and its own subject follows them.
    nested = before and vocabulary().pattern.search(before)
    boundary = SUBJECT_CONTINUES if before and not nested else SUBJECT_START
    cut = _subject_cut(remainder, boundary)
    party_b, after = (remainder[:cut], remainder[cut:]) if cut is not None else (remainder, "")
    parties = [*_split_list(head), party_b.strip(" ,")]
    subject = " ".join(p for p in (before, after.strip(" ,")) if p)
    return {"instrument": instrument, "party_a": parties[0], "party_b": parties[1],
            "party_c": "; ".join(parties[2:]), "subject": subject, "signed_for": role}


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
