"""Finding the lists: lines and their markers, lead-ins, hard-wrapped items, runs of items
and the checks that accept or refuse a run; prose paragraphs between them go to
analysis.text.documents.prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text.documents.prose import prose_items
from analysis.text.documents.titles import (
    SIGNERS,
    SIGNING_CLAUSE,
    Item,
    is_titled,
    opens_at,
    parse_title,
    starts_with_instrument,
    trim,
)
from analysis.text.documents.vocabulary import vocabulary
from analysis.text.documents.words import (
    ARTICLE,
    DOCUMENTS,
    FINITE_VERB,
    LEAD_IN,
    LEADING_AND,
    PASSIVE,
    SIGN_VERB,
    SIGNED,
    quote_mask,
)

# Hard-wrapped texts are wrapped at no more than this many columns.
MAX_WRAP_WIDTH = 120


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


# A note under an item: "Signed by: ...", "Exchanged by: ...".
ANNOTATION = re.compile(r"(?:signed|exchanged|initialled|initialed)\s+(?:by|from)\b"
                        r"|signatories\b", re.IGNORECASE)


@dataclass
class _Line:
    start: int          # offset of the line
    end: int            # offset just past the line's last character (before "\n")
    body: int           # offset of the content after any list marker
    marked: bool

    def content(self, text: str) -> str:
        return text[self.body:self.end].strip()


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


# An item naming no instrument, only "a document", in a list whose paragraphs each open with
# an article: "A document on scientific and technical cooperation ...", "A tourism
# cooperation document ...".
GENERIC = re.compile(r"An?\s+(?:[\w-]+\s+){0,4}?document\b(?!s)")
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
    opens = starts_with_instrument(content) or (not run_marked and GENERIC.match(content))
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


def list_items(text: str) -> list[Item]:
    """The items of every list in `text`, in order."""
    lines = _lines(text)
    width = _wrap_width(lines)
    found: list[Item] = []
    run: list[list[_Line]] = []       # items of the current run; an item may span lines
    run_marked = lead_in = not_signed_here = False
    context: list[str] = []           # prose lines read so far (the lead-in is the last)
    paragraph: list[int] = []         # span of the prose paragraph being read
    blank_since_item = True

    chain: list[tuple[int, int]] = []   # prose paragraphs read one after another

    def flush_paragraph():
        if paragraph:
            chain.append((paragraph[0], paragraph[1]))
            paragraph.clear()

    def flush_prose():
        flush_paragraph()
        found.extend(prose_items(text, chain))
        chain.clear()

    numbered = 0                      # the number of the last item of an accepted list

    def close_run():
        nonlocal numbered
        titled = sum(1 for item in run if item[0].marked and is_titled(item[0].content(text)))
        if run and (lead_in or titled >= 2) and not not_signed_here:
            items = [Item(*_item_span(text, item)) for item in run]
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
            flush_prose()
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
                ((opens or GENERIC.match(content)) and run and not run_marked)
                or ((opens or GENERIC.match(content)) and not run
                    and _unmarked_lead_in(context, content))
                or (not opens and run and not run_marked and last.endswith((";", ","))
                    and content.endswith((";", ",", ".")))):
            flush_prose()
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
    flush_prose()
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
# provides for the signing of the following documents:", "to be signed"), already in force
# ("the legal framework comprises more than 50 documents, including:") or still drafts ("the
# experts discussed the draft documents:", "the working group will prepare the following
# documents:").
NOT_SIGNED_HERE = re.compile(
    rf"\b(?:(?:to|will|would|shall|may|might|could|should|can)\s+(?:also\s+)?(?:be\s+)?"
    rf"(?:{SIGN_VERB}|sign)|provides?\s+for|envisages?|planned|plans?\s+to|scheduled|expected"
    r"|intended|comprises?|consists?\s+of|in\s+force|legal\s+(?:framework|basis|base)"
    r"|treaty\s+(?:framework|basis|base)|ratif\w+|drafts?"
    r"|(?:to|will|would|shall)\s+(?:also\s+)?(?:be\s+)?(?:prepar\w*|draft\w*|develop\w*"
    r"|elaborat\w*|finali[sz]\w*|draw\s+up|drawn\s+up|consider\w*|discuss\w*))\b",
    re.IGNORECASE)
# A lead-in to understandings reached, not documents: "the following agreements were reached:".
UNDERSTANDINGS = re.compile(r"\breached\s*:|\breached\s+(?:the\s+following\s+)?"
                            r"(?:agreements?|understandings?)(?:\s+on\s+the\s+following)?\s*:",
                            re.IGNORECASE)
# A title ending with the year of an earlier document: "Treaty on Friendship of 1993".
DATED = re.compile(r"\bof\s+(?:\d{1,2}\s+[A-Z][a-z]+\s+)?(?:19|20)\d\d\W*$")


def _not_signed_here(context: list[str]) -> bool:
    """Whether the line before a list, or the one before a short heading, introduces
    documents planned or already in force rather than signed."""
    lines = [line for line in context[-2:] if line]
    if len(lines) == 2 and len(lines[-1]) > 60:
        lines = lines[-1:]
    return any(NOT_SIGNED_HERE.search(line) or UNDERSTANDINGS.search(line) for line in lines)


def _signed_passive(content: str, verb: int) -> bool:
    """Whether the first finite verb of an item, at `verb`, says its title "was signed"."""
    passive = PASSIVE.match(content, verb)
    return bool(passive) and not quote_mask(content)[verb]


def _signed_sentence(content: str) -> bool:
    """Whether an item is a sentence saying who signed which instrument: "The Ministry of X
    and the Ministry of Y signed the Memorandum on ...", "The two sides signed the ..."."""
    clause = SIGNERS.match(content) or SIGNING_CLAUSE.match(content)
    if not clause:
        return False
    article = ARTICLE.match(content, clause.end())
    return bool(opens_at(content, article.end() if article else clause.end(), len(content)))


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
        return is_titled(content)
    return _is_lead_in(context)


# A full stop after a word (not an initial or an abbreviation such as "Co." or "No.") and
# before a capital: a sentence after the title ("... in healthcare. The memorandum provides ...").
SENTENCE_AFTER_TITLE = re.compile(r"(?<=[a-z\d)]{2}[a-z\d)])\.\s+(?=[A-Z])")


def _item_span(text: str, item: list[_Line]) -> tuple[int, int]:
    start, end = item[0].body, item[-1].end
    segment = text[start:end]
    start += len(segment) - len(segment.lstrip())
    mask = quote_mask(text[start:end])
    after = next((m for m in SENTENCE_AFTER_TITLE.finditer(text, start, end)
                  if not mask[m.start() - start]), None)
    if after:
        end = after.start()
    return trim(text, start, end)
