"""The parties and subject of a title, read from what follows its instrument: "between X and
Y", "between X, Y and Z", "between the Governments of X and Y", "between the X and Y
Foreign Ministries", "of X and Y" for a joint statement; where the parties end and the
subject begins.

A plural body shared by the names after it or before it is elliptical, one body for each
name: "the Governments of X and Y" are the Government of X and the Government of Y, "the
Kazakh and Russian Governments" the Kazakh Government and the Russian Government, each party
written out in full with the shared "the" ("the Government of X", as in "between the
Government of X and the Government of Y"). Cities, regions and the like are named by their
own names ("the cities of Pokhara and Kazan" are Pokhara and Kazan), and so are states
whose officials sign for them ("the Presidents of X and Y": X and Y).
"""

from __future__ import annotations

import re

from analysis.io import codebooks
from analysis.text.documents.vocabulary import vocabulary
from analysis.text.documents.words import CLOSE_QUOTES, outside, quote_mask

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
# "between the Governments of X and Y", "between the Ministries of Agriculture and Water
# Resources of X and Y": one body of the collective for each of X and Y.
COLLECTIVE = re.compile(
    r"(?P<role>(?:the\s+)?(?:Presidents|Heads\s+of\s+State|Heads\s+of\s+Government|"
    r"Prime\s+Ministers|Governments|Foreign\s+Ministers|Ministers\s+of\s+Foreign\s+Affairs|"
    r"(?:[A-Z][\w-]*\s+)?Ministries(?:\s+of(?:\s+(?:and\s+)?[A-Z][\w-]*)+)?"
    r"|[Cc]ities|[Mm]unicipalities|[Rr]egions|"
    r"[Pp]rovinces)"
    r")\s+of\s+",
)
# ... and, after "the", any other bodies in the plural: "the Chambers of Commerce and Industry
# of X and Y", "the Academies of Sciences of X and Y" (not "the United States of America").
BODIES = re.compile(
    r"(?P<role>the\s+(?:[A-Z][\w-]*\s+)?(?!States\b)[A-Z][\w-]*(?:ies|s)"
    r"(?:\s+of(?:\s+(?:and\s+)?[A-Z][\w-]*)+)?)\s+of\s+")
# "between the Uzbek and Turkish Foreign Ministries on ...", "between the Kyrgyz and Tajik
# energy ministries", "... Chambers of Commerce and Industry": two or more names sharing one
# noun, after the article that makes them elliptical (not "Kazakhstan and Russian Railways").
ADJECTIVE_PAIR = re.compile(
    r"(?P<the>the\s+)(?P<a>[A-Z][\w'’-]*(?:\s*,\s*(?:the\s+)?[A-Z][\w'’-]*)*)"
    r",?\s+and\s+(?:the\s+)?(?P<b>[A-Z][\w'’-]*)\s+"
    r"(?P<role>(?:[A-Z][\w'’-]*\s+)*(?:(?!(?:on|in|for|of|to|with|regarding|concerning|the"
    r"|and)\b)[a-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*?(?:ies|s)"
    r"(?:\s+of(?:\s+(?:and\s+)?[A-Z][\w'’-]*)+)?)"
    r"(?=\s+(?:on|in|for|regarding|concerning|to)\b|\s*[,;]|\s*$)")
# Collectives whose names are the parties, not elliptical bodies: places named by their own
# names ("the cities of Pokhara and Kazan"), and officials signing for their states ("the
# Presidents of X and Y": the parties are X and Y, as a joint declaration's are).
BY_OWN_NAME = re.compile(
    r"(?:the\s+)?(?:cities|municipalities|regions|provinces|Presidents"
    r"|Heads\s+of\s+(?:State|Government)|(?:[\w-]+\s+)?Ministers(?:\s+of\s.*)?)$",
    re.IGNORECASE)
# The plural word of a shared noun: the last before its "of" ("Chambers of Commerce").
PLURAL_WORD = re.compile(r"[\w'’-]+(?=\s+of\s|$)")
# "between the two academies", "between the competent bodies": parties not named.
UNNAMED = re.compile(r"(?:the\s+)?(?:(?:two|both|three|respective|competent|relevant)\b"
                     r"|(?:sides|parties)\b)", re.IGNORECASE)
# "between the agriculture ministries", "between the chambers of commerce and industry of the
# two countries": bodies named by common nouns alone, no name with them, up to where a subject
# begins; the parties are not named either.
COMMON_NOUNS = re.compile(r"the\s+[a-z][^A-Z“«„\"]*")


def _singular_word(word: str) -> str:
    """ "Ministries" -> "Ministry", "Chambers" -> "Chamber", "Heads" -> "Head"."""
    if word.lower().endswith("ies"):
        return word[:-3] + ("Y" if word[-3:].isupper() else "y")
    if re.search(r"(?:ch|sh|ss|x)es$", word, re.IGNORECASE):
        return word[:-2]
    return word[:-1] if re.search(r"[^sS][sS]$", word) else word


def singular(role: str) -> str:
    """The shared noun `role` for one of its names: "the Ministries of Energy" -> "the
    Ministry of Energy", "Foreign Ministries" -> "Foreign Ministry"."""
    word = PLURAL_WORD.search(role)
    return role[:word.start()] + _singular_word(word.group()) + role[word.end():]


def _distributed(role: str, names: list[str]) -> list[str]:
    """One party for each name of a collective ("the Governments of" X and Y), unless its
    members are named by their own names (BY_OWN_NAME)."""
    if BY_OWN_NAME.match(role):
        return names
    body = singular(role)
    return [f"{body} of {name}" for name in names]


def _ends_with_state(text: str) -> bool:
    """Whether `text` ends with a state's name: one of the countries codebook, or a name of
    the form "the Slovak Republic", "the Republic of Austria"."""
    stripped = text.rstrip(" ,”\"»")
    return (codebooks.ends_with_country(stripped, vocabulary().countries)
            or bool(STATE_NAME_END.search(stripped)))


def split_point(tail: str) -> re.Match | None:
    """The " and " that separates the last party from the others: after a state's name if
    any, else before "the", else before a country's name ("... Ministry of Mining and Heavy
    Industry and Japan's Ministry of ..."), else the first; all before where a subject
    begins."""
    mask = quote_mask(tail)
    candidates = [m for m in re.finditer(r",?\s+and\s+", tail) if not mask[m.start()]]
    if not candidates:
        return None
    for m in candidates:
        if _ends_with_state(tail[:m.start()]):
            return m
    for m in candidates:
        if re.match(r"the\s+[A-Z]", tail[m.end():]):
            return m
    subject = outside(SUBJECT_START, tail, mask)
    limit = subject.start() if subject else len(tail)
    candidates = [m for m in candidates if m.start() < limit]
    return next((m for m in candidates if _starts_with_country(tail[m.end():])),
                candidates[0] if candidates else None)


def _starts_with_country(text: str) -> bool:
    return any(entry.pattern.match(text) for entry in vocabulary().countries)


def split_list(head: str) -> list[str]:
    """The parties before the last one: "X, Y" is two when X ends with a state's name or Y
    begins with "the" and a capital ("the Ministry of Ecology, Geology and ..." is one)."""
    mask = quote_mask(head)
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
    mask = quote_mask(remainder)
    cut = outside(boundary, remainder, mask)
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


def _common_nouns_only(tail: str) -> bool:
    """Whether the parties after "between" are named by common nouns alone (COMMON_NOUNS)."""
    subject = outside(SUBJECT_START, tail, quote_mask(tail))
    parties = tail[:subject.start()] if subject else tail
    return bool(COMMON_NOUNS.fullmatch(parties.rstrip(" ,;.")))


def parties_and_subject(instrument: str, rest: str) -> dict:
    """Parties, subject and the collective signed for (see parse_title) from `rest`, the
    title after its instrument."""
    result = {"instrument": instrument, "party_a": "", "party_b": "", "party_c": "",
              "subject": rest.strip(" ,"), "signed_for": ""}
    mask = quote_mask(rest)
    between = outside(BETWEEN, rest, mask)
    if between:
        before, tail = rest[:between.start()].strip(" ,"), rest[between.end():]
    elif instrument.startswith("joint") and OF_OR_BY.match(rest):
        before, tail = "", rest[OF_OR_BY.match(rest).end():]
    else:
        return result
    if UNNAMED.match(tail) or _common_nouns_only(tail):
        return result
    collective = COLLECTIVE.match(tail) or BODIES.match(tail)
    role = ""
    if collective:
        role, tail = collective.group("role"), tail[collective.end():]
        if UNNAMED.match(tail):        # "between the Energy Ministries of the two countries"
            return result
    else:
        pair = ADJECTIVE_PAIR.match(tail)
        if pair:
            # "the Kazakh and Russian Governments": the Kazakh Government, the Russian ...
            names = [*re.split(r"\s*,\s*(?:the\s+)?", pair.group("a")), pair.group("b")]
            after = tail[pair.end():].strip(" ,")
            body = singular(pair.group("role"))
            parties = [f"{pair.group('the')}{name} {body}" for name in names]
            return {**result, "party_a": parties[0], "party_b": parties[1],
                    "party_c": "; ".join(parties[2:]),
                    "subject": " ".join(p for p in (before, after) if p),
                    "signed_for": pair.group("role")}
    split = split_point(tail)
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
    parties = [*split_list(head), party_b.strip(" ,")]
    if role:
        parties = _distributed(role, parties)
    subject = " ".join(p for p in (before, after.strip(" ,")) if p)
    return {"instrument": instrument, "party_a": parties[0], "party_b": parties[1],
            "party_c": "; ".join(parties[2:]), "subject": subject, "signed_for": role}
