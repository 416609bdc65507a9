"""Themes: which paragraphs speak of what, by a codebook of visible words.

The codebook (data/codebooks/themes.csv) gives each theme the words that signal it. The coder
gives a paragraph every theme one of whose words it contains, and keeps each matched word as
evidence, so every theme assignment names the words that triggered it. Only running text is
coded (prose and list items); headings, signatures and place-and-date lines are structure.
Within a theme, matches never overlap: at each position the longest term wins ("state border"
before "border").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.errors import InputError
from analysis.io import codebooks as codebook

CODED_KINDS = ("prose", "list_item")


@dataclass(frozen=True)
class Theme:
    theme: str
    label: str
    description: str
    terms: tuple[str, ...]
    pattern: re.Pattern


@dataclass(frozen=True)
class Match:
    theme: str
    start: int
    end: int
    term: str


def from_codebook(book: codebook.Loaded) -> list[Theme]:
    """The themes of the themes codebook, as io read it, each with its compiled terms."""
    seen, out = set(), []
    for row in book:
        if row["theme"] in seen:
            raise InputError(book.file, f"line {row['_line']}, column 'theme'", "a unique theme",
                             f"{row['theme']!r} a second time")
        seen.add(row["theme"])
        items = tuple(codebook.terms(row["patterns"]))
        out.append(Theme(row["theme"], row["label"], row["description"], items,
                         codebook.compile_terms(list(items))))
    return out


def _term_of(found: str, theme: Theme) -> str:
    """The codebook term that produced the matched text (longest term first, as matched)."""
    for term in sorted(theme.terms, key=lambda t: (-len(t), t)):
        if re.fullmatch(codebook.term_regex(term), found, re.IGNORECASE):
            return term
    raise AssertionError(f"no term of {theme.theme!r} matches {found!r}")


def code(text: str, themes: list[Theme], start: int = 0, end: int | None = None) -> list[Match]:
    """Every theme word in text[start:end], in reading order, theme by theme."""
    if not isinstance(text, str):
        raise TypeError(f"code() needs the text as str, not {type(text).__name__}")
    end = len(text) if end is None else end
    out = []
    for theme in themes:
        for m in theme.pattern.finditer(text, start, end):
            out.append(Match(theme.theme, m.start(), m.end(), _term_of(m.group(), theme)))
    return sorted(out, key=lambda m: (m.start, m.theme))
