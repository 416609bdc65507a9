"""Commitment clauses: who undertakes, supports or states what, how firmly, by when.

A *clause* is a sentence of running text (prose or a list item) whose first verb pattern of
data/codebooks/commitment_strength.csv gives it a strength, from `done` (signed at the event)
through `agreed`, `instructed`, `will`, `proposed`, `supported` to `position` (a statement of
view). Only finite forms are listed, so a participle ("Noting ...", "stressing that ...") opens
no clause, and a pattern met later inside the clause ("noted that the agreement will serve")
is reported content, not a clause of its own. A sentence holds a second clause where a second
pattern follows a coordination: "X noted A, confirmed B" or "X noted A and Y will B" (at most
`MAX_SUBJECT_WORDS` words between the "and" or comma and the verb, none of them a relative
pronoun).

The *actor* is the clause's subject as written, after any leading phrase closed by a comma
("In this regard, the governments were asked to"). Where the subject is a third-person
pronoun ("He", "They"), or the clause is passive and nobody is charged by it ("the need was
noted", "support was expressed for", "the proposal has been placed"), the clause keeps the
actor it refers to: the actor of the last earlier clause, or the plain subject of a sentence
in between ("The parties considered ..."). A passive that charges a body ("the governments
were asked to") keeps that body: it is the one instructed. "We" in quoted speech is kept as
written: the speaker's side, which the attribution names. The actor's own offsets are kept
with the clause, so a reader sees where a referred actor was written.

The *deadline* is a time phrase within the clause introduced by in, by, before, until, from,
during, within or "no later than", or "next year"; the *target* is the first amount, share
or measure in the clause (analysis.text.quantities), as written.
"""

from __future__ import annotations

import re
from functools import cache

from analysis.io import codebooks
from analysis.io.codebooks import VerbPattern
from analysis.text import dates, quantities, segment

MAX_SUBJECT_WORDS = 6
RUNNING_TEXT = ("prose", "list_item")
PRONOUNS = {"he", "she", "they", "it"}
MODALS = {"will", "shall"}
SUBJECT_OPENERS = {"the", "a", "an", "they", "he", "she", "we", "it", "both", "each", "all"}
# A one-word pattern after these words is a noun ("with the support of"), not a verb.
NOUN_BEFORE = {"the", "a", "an", "of", "with", "for", "mutual", "full", "strong", "their", "his",
               "her", "its", "our", "in", "political", "good"}
RELATIVE = re.compile(r"\b(?:which|that|who|whom|whose|where|when)\b", re.IGNORECASE)
COORDINATION = re.compile(r"(?:,?\s+(?:and|but|while)\s+|;\s+|,\s+)")
PASSIVE = re.compile(r"\b(?:is|are|was|were|been|be)\s+\w+(?:ed|en)\b", re.IGNORECASE)
PASSIVE_AFTER = re.compile(r"\s+(?:be|been)\s+\w+(?:ed|en)\b", re.IGNORECASE)
# Words trimmed from either end of a subject: adverbs and connectives, not part of who acts.
LEADING = re.compile(r"^(?:(?:and|then|thus|so|also|today|in turn|moreover|further|furthermore)"
                     r"\b[\s,]*)+",
                     re.IGNORECASE)
TRAILING = re.compile(r"(?:\s+(?:[a-z]+ly|also|further|then|once again|again|too))+$")
# The end of an actor named after its pattern ("the initiative of X on ..., to ...").
AFTER_END = re.compile(r"\s+(?:on|to|for|in|aimed|regarding|concerning)\b|[,;.(]")
# Plain subjects of sentences without a clause: words up to an active past-tense verb.
PAST_VERB = re.compile(r"\b(?:[a-z]+ed|held|made|paid|took|gave|set|spoke|met|sent|told|said|"
                       r"laid|led|began|saw|won|put)\b")
_MONTHS = "|".join(sorted((m for m in dates.MONTHS if len(m) > 3), key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
DEADLINE = re.compile(
    r"\b(?:(?:no|not)\s+later\s+than|by|before|until|till|in|during|from)\s+"
    r"(?:the\s+(?:end|beginning|first\s+half|second\s+half|course)\s+of\s+)?"
    r"(?:(?:[0-3]?\d\s+)?(?:" + _MONTHS + r")\s+)?" + _YEAR + r"\b"
    r"|\b(?:by|before)\s+the\s+end\s+of\s+(?:the|this|next)\s+year\b"
    r"|\bwithin\s+(?:a|one|two|three|four|five|six|\d+)\s+(?:months?|years?)\b"
    r"|\b(?:next|coming)\s+year\b",
    re.IGNORECASE)
TARGET_UNITS = set(quantities.CURRENCIES.values()) | {"percent", "tonnes", "km", "bcm",
                                                      "cubic_metres"}


@cache
def default_patterns() -> tuple[VerbPattern, ...]:
    """The verb patterns of the project's codebook, read once."""
    return codebooks.commitment_strength()


def _verb_matches(text: str, start: int, end: int, patterns) -> list[tuple[int, int, VerbPattern]]:
    """Pattern matches in text[start:end], leftmost first, the longest at a position, none
    overlapping, a one-word pattern after an article or preposition left out (a noun)."""
    found = []
    for pattern in patterns:
        for m in pattern.regex.finditer(text, start, end):
            found.append((m.start(), m.end(), pattern))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out, taken_to = [], start
    for begin, stop, pattern in found:
        if begin < taken_to:
            continue
        before = text[start:begin].split()
        if " " not in pattern.pattern and before and _noun_or_adjective(before):
            continue
        out.append((begin, stop, pattern))
        taken_to = stop
    return out


def _noun_or_adjective(before: list[str]) -> bool:
    """Whether the words before a one-word pattern make it a noun or an adjective: "with the
    support of", "the universally recognized norms"."""
    last = before[-1].lower()
    if last in NOUN_BEFORE:
        return True
    return last.endswith("ly") and len(before) > 1 and before[-2].lower() in NOUN_BEFORE


def _clause_starts(text: str, sent_start: int, matches) -> list[tuple[int, int]]:
    """(clause start, index of its verb match): the first match opens a clause at the sentence
    start; a later one opens a clause after the last coordination before it that is followed
    by nothing but a short subject (or, after a bare comma, by nothing at all)."""
    starts = [(sent_start, 0)]
    for i in range(1, len(matches)):
        previous_end, begin = matches[i - 1][1], matches[i][0]
        gap = text[previous_end:begin]
        cut = None
        for m in COORDINATION.finditer(gap):
            if _opens_clause(m.group(0), gap[m.end():], matches[i][2]):
                cut = m
        if cut is not None:
            starts.append((previous_end + cut.end(), i))
    return starts


def _opens_clause(joint: str, subject: str, pattern: VerbPattern) -> bool:
    """Whether a coordination followed by `subject` and a verb pattern opens a new clause."""
    words = subject.split()
    if joint.strip() == ",":  # "X noted A, confirmed B": a shared subject, never a modal
        return not words and pattern.pattern not in MODALS
    if not words:
        return True
    return (len(words) <= MAX_SUBJECT_WORDS and "," not in subject
            and not RELATIVE.search(subject)
            and (words[0][0].isupper() or words[0].lower() in SUBJECT_OPENERS))


def _subject(text: str, start: int, end: int) -> tuple[int, int]:
    """The subject within text[start:end]: after the last comma ("In this regard, the
    governments"), or, where nothing follows that comma, before the first ("The heads of
    state, noting ..., expressed"); trimmed of connectives and adverbs; (end, end) when none
    is left."""
    head = text[start:end]
    cut = head.rfind(",")
    begin, stop = (start + cut + 1 if cut >= 0 else start), end
    if cut >= 0 and not text[begin:end].strip():
        first = head.find(",")
        lead = head[:first].split()
        if lead and len(lead) <= 8 and not lead[0].lower().endswith("ing"):
            begin, stop = start, start + first
    phrase = text[begin:stop]
    begin += len(phrase) - len(phrase.lstrip())
    phrase = phrase.strip()
    trimmed = LEADING.sub("", phrase)
    begin += len(phrase) - len(trimmed)
    trimmed = TRAILING.sub("", trimmed).strip(" “”\"")
    if not trimmed:
        return end, end
    begin = text.index(trimmed, begin)
    return begin, begin + len(trimmed)


def _actor_after(text: str, start: int, end: int) -> tuple[int, int]:
    """The actor named right after a pattern ("initiative of the President of X on ...")."""
    m = AFTER_END.search(text, start, end)
    stop = m.start() if m else end
    while start < stop and text[start].isspace():
        start += 1
    return start, stop


def _plain_subject(text: str, start: int, end: int,
                   persons: bool = False) -> tuple[int, int] | None:
    """The subject of a sentence without a clause, where it is a short phrase followed by an
    active past-tense verb ("The parties considered ..."); None otherwise. `persons` admits
    a pronoun ("We discussed ... and noted")."""
    verb = PAST_VERB.search(text, start, end)
    if verb is None:
        return None
    begin, stop = _subject(text, start, verb.start())
    words = text[begin:stop].split()
    if not words or len(words) > 8:
        return None
    if not persons and words[0].lower() in PRONOUNS | {"we", "i"}:
        return None
    if not (words[0][0].isupper() or words[0].lower() == "the"):
        return None
    return begin, stop


def deadline_of(text: str, start: int, end: int) -> str | None:
    """The first time phrase in text[start:end] that says by when, as written."""
    m = DEADLINE.search(text, start, end)
    return m.group(0) if m else None


def target_of(text: str, start: int, end: int) -> str | None:
    """The first amount, share or measure in text[start:end], as written."""
    for q in quantities.parse_quantities(text[start:end]):
        if q.unit in TARGET_UNITS:
            return q.text
    return None


def deliverable_of(text: str, start: int, end: int, deliverables,
                   skip: tuple[int, int] = (0, 0)) -> tuple[str, str] | None:
    """(kind, noun as written) of the first noun in text[start:end] that makes a commitment
    concrete (data/codebooks/commitment_deliverables.csv), outside the span `skip` (the verb:
    "an agreement was reached" names no agreement); None if there is none."""
    best = None
    for entry in deliverables:
        for m in entry.pattern.finditer(text, start, end):
            if m.end() <= skip[0] or m.start() >= skip[1]:
                if best is None or m.start() < best[0]:
                    best = (m.start(), entry.label, m.group(0))
                break
    return (best[1], best[2]) if best else None


def parse_commitments(text: str, patterns=None) -> list[dict]:
    """Every clause of `text` that a verb pattern opens, in reading order.

    Each dict: start, end (the clause), actor, actor_start, actor_end (where the actor is
    written, perhaps in an earlier sentence), actor_referred (True where the actor is not the
    clause's own subject), verb, verb_start, verb_end, strength, pattern, deadline, target.
    `patterns` defaults to data/codebooks/commitment_strength.csv.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_commitments expects str, got {type(text).__name__}")
    patterns = default_patterns() if patterns is None else patterns
    out: list[dict] = []
    last_actor: tuple[int, int] | None = None
    for block in segment.classify(segment.blocks(text)):
        if block.kind not in RUNNING_TEXT:
            last_actor = None  # a referent does not cross a heading
            continue
        for s_start, s_end in segment.sentences(text, block.start, block.end):
            matches = _verb_matches(text, s_start, s_end, patterns)
            if not matches:
                plain = _plain_subject(text, s_start, s_end)
                last_actor = plain or last_actor
                continue
            starts = _clause_starts(text, s_start, matches)
            for n, (c_start, i) in enumerate(starts):
                c_end = starts[n + 1][0] if n + 1 < len(starts) else s_end
                v_start, v_end, pattern = matches[i]
                clause = _clause(text, c_start, c_end, v_start, v_end, pattern, last_actor)
                out.append(clause)
                if clause["actor"].lower() != "we" and clause["actor"]:
                    last_actor = (clause["actor_start"], clause["actor_end"])
    return out


def _clause(text, c_start, c_end, v_start, v_end, pattern: VerbPattern, last_actor) -> dict:
    c_end = _trim_end(text, c_start, c_end)
    verb = text[v_start:v_end]
    passive = bool(PASSIVE.search(verb) or PASSIVE_AFTER.match(text, v_end))
    if pattern.actor == "after":
        a_start, a_end = _actor_after(text, v_end, c_end)
    else:
        a_start, a_end = _subject(text, c_start, v_start)
        if a_start == a_end or re.search(r"\band$", text[a_start:a_end]):
            # "X expressed gratitude ..., and invited", "We discussed ... and noted": the
            # subject of the first verb, outside the codebook
            a_start, a_end = (_plain_subject(text, c_start, v_start, persons=True)
                              or (a_start, a_end))
    written = text[a_start:a_end]
    refer = (not written or written.lower() in PRONOUNS
             or (passive and pattern.strength != "instructed")
             or (pattern.actor == "before" and written == verb))
    if refer and last_actor is not None:
        a_start, a_end = last_actor
    elif refer:
        a_start = a_end = v_start
    return {"start": c_start, "end": c_end, "actor": text[a_start:a_end],
            "actor_start": a_start, "actor_end": a_end, "actor_referred": refer,
            "verb": verb, "verb_start": v_start, "verb_end": v_end,
            "strength": pattern.strength, "pattern": pattern.pattern,
            "deadline": deadline_of(text, c_start, c_end),
            "target": target_of(text, c_start, c_end)}


def _trim_end(text: str, start: int, end: int) -> int:
    """A clause ends before the white space, comma or conjunction that opens the next one."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    tail = re.search(r"(?:,?\s+(?:and|but|while))$", text[start:end])
    return start + tail.start() if tail else end
