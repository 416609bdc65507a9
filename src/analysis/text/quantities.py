"""Numbers stated in running text, as typed values: value, unit, scale, qualifier.

"30% increase" is 30 percent; "US $ 130 million" is 130000000 USD; "60 commodity items" is
60 items (counting "commodity items"); "30th anniversary" is the ordinal 30; "Sixth Caspian
Summit" is the ordinal 6, written in words; "Resolution 70 / 57" is an identifier, not a
quantity, and has no value. Digits that belong to a date ("25 October 2021", "in 2022") are
left to `analysis.text.dates`. What a number measures is read from the sentence around it with the
keywords of data/codebooks/quantity_subjects.csv, which a reader can inspect and change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from analysis.io import codebooks as codebook
from analysis.text import dates, segment

CURRENCIES = {  # how a currency is written -> ISO 4217
    "us $": "USD", "us$": "USD", "usd": "USD", "$": "USD", "us dollars": "USD",
    "us dollar": "USD", "dollars": "USD", "dollar": "USD",
    "eur": "EUR", "€": "EUR", "euros": "EUR", "euro": "EUR",
    "gbp": "GBP", "£": "GBP", "rub": "RUB", "₽": "RUB", "roubles": "RUB", "rubles": "RUB",
    "kzt": "KZT", "₸": "KZT", "tenge": "KZT", "tmt": "TMT", "manat": "TMT",
    "cny": "CNY", "yuan": "CNY",
}
SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "mln": 10**6, "m": 10**6,
          "billion": 10**9, "bn": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12}
UNITS = {  # measurement units written after a number -> canonical unit
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "tonnes": "tonnes", "tons": "tonnes", "tonne": "tonnes", "ton": "tonnes", "t": "tonnes",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "years": "years", "year": "years", "months": "months", "month": "months",
    "days": "days", "day": "days", "nautical miles": "nautical_mile",
    "cubic metres": "cubic_metres", "cubic meters": "cubic_metres", "bcm": "bcm",
}
QUALIFIERS = ("more than", "less than", "at least", "up to", "approximately", "about",
              "around", "nearly", "almost", "over", "some", "roughly", "under")
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
                 "twelfth": 12, "twentieth": 20, "thirtieth": 30}
CARDINAL_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                  "fifteen": 15, "twenty": 20, "thirty": 30, "hundred": 100}
CHANGE_WORDS = re.compile(r"\b(increase|increased|growth|grew|rise|rose|decline|declined|"
                          r"decrease|decreased|drop|fell|up|down)\b", re.IGNORECASE)

_alt = lambda keys: "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))  # noqa: E731
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
NUMERAL = re.compile(
    r"(?:(?P<cur_before>" + _alt(CURRENCIES) + r")\s*)?"
    r"(?<![\w.,/])(?P<num>" + _NUMBER + r")(?![\w.]*\d)"
    r"(?P<ord>st|nd|rd|th)?"
    r"(?:\s*(?P<scale>" + _alt(SCALES) + r")\b)?"
    r"(?:\s*(?P<unit>%|" + _alt(k for k in UNITS if k != "%") + r")(?!\w))?"
    r"(?:\s*(?P<cur_after>" + _alt(k for k in CURRENCIES if k[0].isalpha()) + r")\b)?",
    re.IGNORECASE,
)
IDENTIFIER = re.compile(r"\b(?:Resolution|No\.|Law No\.|Decree)\s+(?P<id>\d+(?:\s*/\s*\d+)*"
                        r"(?:-[A-Z]+)?)", re.IGNORECASE)
WORD_NUMBER = re.compile(r"\b(?P<word>" + _alt([*ORDINAL_WORDS, *CARDINAL_WORDS]) + r")\b",
                         re.IGNORECASE)
NOUN_AFTER = re.compile(r"\s+(?P<noun>(?:[a-z][a-z\-]+\s+)?[a-z][a-z\-]+)")
NOT_COUNTED = {"of", "and", "or", "the", "a", "to", "in", "on", "for", "with", "by", "at",
               "from", "percent", "per", "is", "are", "was", "were", "will"}
RANGE_LOW = re.compile(r"(?<![\w.,/])(?P<low>" + _NUMBER + r")\s*(?:[–-]|to)\s*$")
QUALIFIER_BEFORE = re.compile(r"(?P<q>" + _alt(QUALIFIERS) + r")\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Subject:
    keyword: str
    subject: str


def subjects_from(book: codebook.Loaded) -> tuple[Subject, ...]:
    """Keywords that say what a number measures, from data/codebooks/quantity_subjects.csv as
    io read it."""
    return tuple(Subject(r["keyword"], r["subject"]) for r in book)


@dataclass(frozen=True)
class Quantity:
    """One number stated in a text, typed."""

    start: int
    end: int
    text: str
    value: float | None  # None for identifiers; the low end of a range
    value_high: float | None  # the high end of a range ("3-5 million t"), else None
    unit: str  # percent, USD, EUR, tonnes, km, items, ordinal, identifier, ...
    scale: str  # the scale word as written (million, bn), or ""
    written_as: str  # digits or words
    qualifier: str  # exact, about, more than, ...
    counted: str  # the noun a count counts ("commodity items"), or ""
    measure: str  # what it measures, e.g. "trade turnover: change"
    period: str  # ISO date of the period, from a date in the same sentence, or ""
    period_text: str  # that date mention as written
    period_relative: bool


def _value(number: str, multiplier: int = 1) -> float:
    return float(Decimal(number.replace(",", "")) * multiplier)


def _qualifier(text: str, start: int) -> str:
    m = QUALIFIER_BEFORE.search(text[max(0, start - 30):start])
    return m.group("q").lower() if m else "exact"


def _counted(text: str, end: int) -> tuple[str, str]:
    """The noun phrase a bare count counts: ("items", "commodity items"), or ("", "")."""
    m = NOUN_AFTER.match(text, end)
    if not m:
        return "", ""
    words = m.group("noun").split()
    while words and words[-1].lower() in NOT_COUNTED:
        words.pop()
    if not words or words[0].lower() in NOT_COUNTED:
        return "", ""
    if (len(words) == 2 and not words[1].endswith("s")) or words[0].endswith("s"):
        words = words[:1]  # "countries noted": the count's noun is the plural, not the verb
    return words[-1], " ".join(words)


def _sentence_of(text: str, pos: int) -> tuple[int, int]:
    for block in segment.blocks(text):
        if block.start <= pos < block.end:
            for start, end in segment.sentences(text, block.start, block.end):
                if start <= pos < end:
                    return start, end
            return block.start, block.end
    return 0, len(text)


def _subject(sentence: str, offset: int, subjects) -> str:
    """The codebook subject whose keyword stands nearest to the number in its sentence."""
    best, best_distance = "", None
    for s in subjects:
        # the keyword by the one keyword rule; the codebook writes "export+" for "export,
        # exports, exported", never a longer word that merely starts with it ("importance")
        for m in codebook.compile_terms([s.keyword]).finditer(sentence):
            distance = abs(m.start() - offset)
            if best_distance is None or distance < best_distance:
                best, best_distance = s.subject, distance
    return best


def _aspect(unit: str, counted: str, sentence: str) -> str:
    if unit == "percent":
        return "change" if CHANGE_WORDS.search(sentence) else "share"
    if unit in set(CURRENCIES.values()):
        return "value"
    if unit == "ordinal":
        return "ordinal"
    if unit == "identifier":
        return "identifier"
    if counted:
        return f"number of {counted}"
    return unit


def _raw(text: str) -> list[dict]:
    """Numbers before typing what they measure, with the date spans masked out."""
    taken = [(d.start, d.end) for d in dates.parse_dates(text)]
    found = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    for m in IDENTIFIER.finditer(text):
        a, b = m.span("id")
        if free(a, b):
            found.append(dict(start=a, end=b, value=None, value_high=None, unit="identifier",
                              scale="", written_as="digits", counted=""))
            taken.append((a, b))
    for m in NUMERAL.finditer(text):
        a, b = m.start(), m.end()
        while b > a and text[b - 1].isspace():
            b -= 1
        if not free(m.start("num"), m.end("num")):
            continue
        scale = (m.group("scale") or "")
        if scale.lower() in ("m", "k") and not (m.group("cur_before") or m.group("cur_after")):
            # "5 m" is five metres, not five million, unless money is being counted
            scale = ""
            b = m.end("num") + (len(m.group("ord") or ""))
        multiplier = SCALES.get(scale.lower(), 1)
        currency = m.group("cur_before") or m.group("cur_after")
        unit_word = m.group("unit")
        counted = ""
        if m.group("ord"):
            unit, multiplier, scale = "ordinal", 1, ""
            b = m.end("ord")
        elif currency:
            unit = CURRENCIES[re.sub(r"\s+", " ", currency.lower())]
        elif unit_word:
            unit = UNITS[unit_word.lower()]
        else:
            unit_noun, counted = _counted(text, b)
            unit = unit_noun.lower() if unit_noun else "number"
        value, value_high = _value(m.group("num"), multiplier), None
        low = RANGE_LOW.search(text, max(0, a - 40), a)
        previous = found[-1] if found else None
        if (low and previous and previous["start"] == low.start("low")
                and previous["unit"] == "number" and unit not in ("ordinal", "number")):
            # "3-5 million t": the bare first number is the low end of the same quantity
            found.pop()
            value, value_high = _value(low.group("low"), multiplier), value
            a = low.start("low")
        found.append(dict(start=a, end=b, value=value, value_high=value_high, unit=unit,
                          scale=scale.lower(), written_as="digits", counted=counted))
        taken.append((a, b))
    for m in WORD_NUMBER.finditer(text):
        a, b = m.span()
        if not free(a, b):
            continue
        word = m.group("word").lower()
        if word in ORDINAL_WORDS:
            found.append(dict(start=a, end=b, value=float(ORDINAL_WORDS[word]), value_high=None,
                              unit="ordinal", scale="", written_as="words", counted=""))
            continue
        unit_noun, counted = _counted(text, b)
        if not unit_noun:
            continue  # "the two of them": a pronoun-like use, not a count
        found.append(dict(start=a, end=b, value=float(CARDINAL_WORDS[word]), value_high=None,
                          unit=unit_noun.lower(), scale="", written_as="words", counted=counted))
    return sorted(found, key=lambda r: (r["start"], r["end"]))


def parse_quantities(text: str, reference: str | None = None,
                     subjects: tuple[Subject, ...] = ()) -> list[Quantity]:
    """Every number in `text`, typed; `reference` (ISO date) resolves "this year" periods.

    A number's period is the date mention nearest to it in its sentence, so that in "$1.5
    billion in 2023 ... 3 billion dollars by 2030" each figure gets its own year.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_quantities expects str, got {type(text).__name__}")
    mentions = dates.parse_dates(text, reference)
    out = []
    for raw in _raw(text):
        s_start, s_end = _sentence_of(text, raw["start"])
        sentence = text[s_start:s_end]
        in_sentence = [d for d in mentions if s_start <= d.start < s_end]
        period = min(in_sentence, default=None,
                     key=lambda d: max(d.start - raw["end"], raw["start"] - d.end))
        measure_subject = _subject(sentence, raw["start"] - s_start, subjects)
        aspect = _aspect(raw["unit"], raw["counted"], sentence)
        measure = f"{measure_subject}: {aspect}" if measure_subject else aspect
        out.append(Quantity(
            start=raw["start"], end=raw["end"], text=text[raw["start"]:raw["end"]],
            value=raw["value"], value_high=raw["value_high"], unit=raw["unit"],
            scale=raw["scale"],
            written_as=raw["written_as"], qualifier=_qualifier(text, raw["start"]),
            counted=raw["counted"], measure=measure,
            period=period.iso if period else "", period_text=period.text if period else "",
            period_relative=bool(period and period.relative)))
    return out
