"""Lists run into the sentences of a prose paragraph: after a lead-in and a colon, after a
verb of signing, before "were signed", and one document a sentence says was signed.
"""

from __future__ import annotations

import re

from analysis.text.documents.titles import (
    HEAD_BEFORE,
    Item,
    starts_with_instrument,
    title_start,
    trim,
)
from analysis.text.documents.vocabulary import vocabulary
from analysis.text.documents.words import (
    CLOSE_QUOTES,
    DATELINE,
    EARLIER,
    FINITE_VERB,
    LEAD_IN,
    NOT_YET,
    PASSIVE,
    SENTENCE_END,
    SIGNED,
    SIGNED_EARLIER,
    quote_mask,
)

# In a sentence, a piece of a run-in list starts with its instrument after at most a few words
# ("a memorandum", "an intergovernmental agreement").
MAX_RUN_IN_OFFSET = 25


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


def inline_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the items of lists run into the sentences of text[start:end]."""
    return [(item.start, item.end) for item in inline_items(text, start, end)]


def inline_items(text: str, start: int, end: int, beside: bool = False) -> list[Item]:
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
    Beside a run-in list, or when `beside` (see prose_items), a sentence saying one document
    was signed gives it too.
    """
    return _paragraph_items(text, start, end, beside)[0]


def prose_items(text: str, paragraphs: list[tuple[int, int]]) -> list[Item]:
    """Items of the lists run into prose paragraphs read one after another, in order. An
    enumeration may be spread over several paragraphs, a sentence each, with the verb in a
    different place in each ("The Heads of State put their signatures under the A and the B."
    / "The C has also been signed." / "In addition, the D was adopted."): next to a paragraph
    listing two or more documents in a sentence, a paragraph whose sentence says one document
    was signed gives it too, and so on from one paragraph to the next while each gives one."""
    results = [_paragraph_items(text, start, end) for start, end in paragraphs]
    found = [items for items, _ in results]
    active = [several for _, several in results]
    changed = True
    while changed:
        changed = False
        for i, (start, end) in enumerate(paragraphs):
            if active[i] or not any(active[k] for k in (i - 1, i + 1) if 0 <= k < len(active)):
                continue
            items = _paragraph_items(text, start, end, beside=True)[0]
            if items:
                found[i], active[i], changed = items, True, True
    return [item for items in found for item in items]


def _paragraph_items(text: str, start: int, end: int,
                     beside: bool = False) -> tuple[list[Item], bool]:
    """The items of a paragraph (see inline_items), and whether a sentence lists several."""
    mask = quote_mask(text[start:end])
    found: list[list[Item]] = []
    bounds = []
    sentence_start = start
    for stop in [m.end() for m in SENTENCE_END.finditer(text, start, end)
                 if not mask[m.start() - start]] + [end]:
        if stop > sentence_start:
            bounds.append((sentence_start, stop))
            items = _sentence_items(text, sentence_start, stop,
                                    mask[sentence_start - start:stop - start])
            found.append([] if _signed_earlier(text, sentence_start, stop, items) else items)
        sentence_start = stop
    several = any(len(items) > 1 for items in found)
    if several or beside:
        # beside a run-in list, a sentence saying one document was signed gives it too: "the two
        # heads of state signed a joint statement on ... They also witnessed the signing of
        # ..., including an agreement on A, a memorandum on B and a plan for C."
        found = [items or _one_signed(text, left, right, mask[left - start:right - start])
                 for items, (left, right) in zip(found, bounds, strict=True)]
    return [item for items in found for item in items], several


def _signed_earlier(text: str, start: int, end: int, items: list[Item]) -> bool:
    """Whether a sentence, outside its titles, dates its signing to earlier times ("In 1997, the
    Presidents signed the Treaty on ... and the Agreement on ...")."""
    sentence = list(text[start:end])
    for item in items:
        sentence[item.start - start:item.end - start] = " " * (item.end - item.start)
    return bool(SIGNED_EARLIER.search("".join(sentence)))


def _one_signed(text: str, start: int, end: int, mask: list[bool]) -> list[Item]:
    """The one document a sentence says was signed: "X signed a joint statement on ...", "In
    addition, the Roadmap on ... was signed by ...", unless the sentence dates it to earlier
    times (a year outside its title and the dateline) or the signing is yet to come."""
    items = _one_named(text, start, end, mask)
    if not items:
        return []
    sentence = list(text[start:end])
    sentence[items[0].start - start:items[0].end - start] = " " * (items[0].end - items[0].start)
    dateline = DATELINE.match(text, start, end)
    return [] if EARLIER.search("".join(sentence), dateline.end() - start if dateline else 0) \
        else items


def _one_named(text: str, start: int, end: int, mask: list[bool]) -> list[Item]:
    """The one document a sentence names as signed, after the verb or before a passive."""
    sentence = text[start:end]
    for verb in SIGNED.finditer(sentence):
        if mask[verb.start()] or NOT_YET.search(sentence[:verb.start()]):
            continue
        after = re.match(r"\s+", sentence[verb.end():])
        pos = verb.end() + (after.end() if after else 0)
        items = _run_in(text, start + pos, end, mask[pos:], minimum=1)
        if len(items) == 1:
            return items
    passive = _passive(sentence, mask)
    if passive is None or NOT_YET.search(sentence[:passive.start()]):
        return []
    for begin in [0] + [m.end() for m in re.finditer(r",\s*", sentence[:passive.start()])
                        if not mask[m.start()]]:
        if _run_in_opens(text, start + begin, start + passive.start()):
            items = _run_in(text, start + begin, start + passive.start(),
                            mask[begin:passive.start()], minimum=1)
            return items if len(items) == 1 else []
    return []


# "The Agreement on ..., which was signed by the ministers, allows ...": a relative clause
# describes a document; it does not report its signing.
RELATIVE = re.compile(r"\b(?:which|that|who)\s+$", re.IGNORECASE)


def _passive(sentence: str, mask: list[bool]) -> re.Match | None:
    """The first "were signed", "has also been signed" ... of a sentence outside quotation
    marks and outside a relative clause."""
    return next((m for m in PASSIVE.finditer(sentence)
                 if not mask[m.start()] and not RELATIVE.search(sentence[:m.start()])), None)


def _sentence_items(text: str, start: int, end: int, mask: list[bool]) -> list[Item]:
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
            # "Also signed were the A and the B": the verb before its subject
            after = re.match(r"\s+(?:(?:were|was)\s+(?:also\s+)?)?(?:the\s+following\s+)?",
                             sentence[verb.end():])
            pos = verb.end() + (after.end() if after else 0)
            items = _run_in(text, start + pos, end, mask[pos:], minimum=2)
        if items:
            return items
    passive = _passive(sentence, mask)
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


def _quoted_title(text: str, start: int, end: int, mask: list[bool]) -> list[Item]:
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
            return [Item(start + i, start + close + 1)]
    return []


def _skip_words(sentence: str, pos: int) -> int:
    """Past the object of the verb up to an intro: "signed ten documents, among them" ->
    the comma. At most six words, none a full stop."""
    match = re.match(r"(?:\s+[\w'’-]+){0,6}?(?=,?\s*(?:among|including|which\s+include|such"
                     r"\s+as|namely)\b)", sentence[pos:])
    return pos + match.end() if match else pos


def _semicolon_items(text: str, start: int, end: int, mask: list[bool]) -> list[Item]:
    bounds = [start] + [start + i + 1 for i, ch in enumerate(text[start:end])
                        if ch == ";" and not mask[i]] + [end + 1]
    items = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        part = text[left:right - 1]
        if not starts_with_instrument(part.strip()) or FINITE_VERB.search(part):
            break
        items.append(Item(*trim(text, left + len(part) - len(part.lstrip()), right - 1)))
    return items


def _run_in(text: str, start: int, end: int, mask: list[bool], minimum: int) -> list[Item]:
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
        piece_start, piece_end = trim(text, left, right)
        if piece_end > piece_start:
            items.append(Item(piece_start, piece_end, inherited if items else ""))
        if cut:
            left = cut.end()
    if any(FINITE_VERB.search(text[i.start:i.end]) or _kinds_only(text, i) for i in items):
        return []
    return items if len(items) >= minimum else []


def _kinds_only(text: str, item: Item) -> bool:
    """Whether a piece names only a kind of document in the plural, perhaps with its value
    ("signed agreements and memoranda of understanding worth $2.5 billion"): not a title."""
    match = _run_in_opens(text, item.start, item.end)
    return bool(match and vocabulary().kind(match.group(0))[1]
                and re.fullmatch(r"\s*(?:(?:worth|valued|totall?ing|amounting)\b.*)?",
                                 text[match.end():item.end], re.DOTALL))


def _run_in_opens(text: str, pos: int, end: int) -> re.Match | None:
    """The instrument a piece of a run-in list opens with, if any."""
    begin = title_start(text, pos, end)
    match = vocabulary().pattern.search(text, begin, min(end, begin + MAX_RUN_IN_OFFSET + 40))
    if match is None or match.start() - pos > MAX_RUN_IN_OFFSET:
        return None
    if not re.fullmatch(r"[\w\s'’“«\"-]*", text[pos:match.start()]) \
            or HEAD_BEFORE.search(text, begin, match.start()) \
            or re.search(r"\band\s+(?:the|an?)\s", text[begin:match.start()]):
        return None             # "... on consultations and visas and a programme of ...": the
    return match                # instrument opens the next piece, not this one
