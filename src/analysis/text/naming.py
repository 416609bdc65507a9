"""The order in which a text names the two countries: a sign of which side drafted a passage.

Diplomatic drafting puts one's own country first: a Kazakh text says "Kazakh-Turkmen" and
"Kazakhstan and Turkmenistan", a Turkmen text "Turkmen-Kazakh" and "Turkmenistan and the
Republic of Kazakhstan". Three forms are counted, each a pair of the two countries in one
phrase:

- ``adjective``: "Kazakh-Turkmen" or "Turkmen-Kazakh" (hyphen or dash);
- ``names``: the two names joined by "and", a dash or a slash ("Kazakhstan and Turkmenistan",
  "Turkmenistan/Republic of Kazakhstan", "Kazakhstan–Turkmenistan–Iran");
- ``institutions``: two bodies named in parallel, "the Government of the Republic of
  Kazakhstan and the Government of Turkmenistan" (capitalised words ending in "of" between
  "and" and the second name).

A country named alone is not counted, nor the plural "the two countries".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KZ_NAME = r"(?:Republic\s+of\s+)?Kazakhstan"
TM_NAME = r"Turkmenistan"
SECOND = r"(?:the\s+)?"
DASH = r"\s*[-–—/]\s*"
INSTITUTION = (r"\s+and\s+(?:the\s+)?(?:“?[A-Z][\w’'-]*”?\s+(?:(?:and|of|for|on|under|the)\s+)*)+?"
               r"of\s+")
PAIR = re.compile(
    rf"(?P<adjective>(?<![\w-])(?P<a1>Kazakh|Turkmen){DASH}(?P<a2>Kazakh|Turkmen)(?![\w]))"
    rf"|(?P<names>(?<![\w-])(?P<n1>{KZ_NAME}|{TM_NAME})(?:{DASH}|\s+and\s+)"
    rf"{SECOND}(?P<n2>{KZ_NAME}|{TM_NAME})(?![\w]))"
    rf"|(?P<institutions>(?<![\w-])(?P<i1>{KZ_NAME}|{TM_NAME}){INSTITUTION}"
    rf"{SECOND}(?P<i2>{KZ_NAME}|{TM_NAME})(?![\w]))"
)
ORDERS = ("kazakhstan_first", "turkmenistan_first")


@dataclass(frozen=True)
class Pair:
    start: int
    end: int
    form: str
    order: str


def _country(name: str) -> str:
    return "kazakhstan" if "Kazakh" in name else "turkmenistan"


def find(text: str) -> list[Pair]:
    """Every phrase naming both countries, with its form and which country comes first."""
    if not isinstance(text, str):
        raise TypeError(f"find() needs the text as str, not {type(text).__name__}")
    out = []
    for m in PAIR.finditer(text):
        form = next(f for f in ("adjective", "names", "institutions") if m.group(f))
        first, second = (m.group(f"{form[0]}1"), m.group(f"{form[0]}2"))
        if _country(first) == _country(second):
            continue
        out.append(Pair(m.start(), m.end(), form, f"{_country(first)}_first"))
    return out
