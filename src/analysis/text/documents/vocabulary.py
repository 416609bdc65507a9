"""The parser's vocabulary: the kinds of instrument and the words naming them
(data/codebooks/instruments.csv) compiled once, and the country names
(data/codebooks/countries.csv) that end or open a party's name.

The builder hands the codebooks io read (`using`, around a parse); a parse not handed any
(the parser's tests, the genre corpus, tools/score_documents.py) uses the project's committed
codebooks, read once through io.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

from analysis.io import codebooks


@dataclass(frozen=True)
class Vocabulary:
    """The instrument codebook as patterns: one for any term, and each term's kind; and the
    country names of the countries codebook."""

    pattern: re.Pattern
    kinds: tuple[tuple[re.Pattern, str, bool], ...]     # (term, kind, whether plural)
    countries: tuple[codebooks.Entry, ...] = ()

    def kind(self, words: str) -> tuple[str, bool]:
        """The kind of instrument `words` (a match of `pattern`) names, and whether plural."""
        for term, kind, plural in self.kinds:
            if term.fullmatch(words):
                return kind, plural
        return "", False


@cache
def compile_vocabulary(instruments: codebooks.Loaded, countries: codebooks.Loaded) -> Vocabulary:
    """The vocabulary of the instruments and countries codebooks as io read them; at one
    position the longest term wins, so "memorandum of understanding" is found before
    "memorandum"."""
    entries = codebooks.instruments(instruments)
    terms = [(t, e.label, t in e.plurals) for e in entries for t in e.terms + e.plurals]
    return Vocabulary(
        codebooks.compile_terms([t for t, _, _ in terms]),
        tuple((re.compile(codebooks.term_regex(t), re.IGNORECASE), kind, plural)
              for t, kind, plural in terms),
        codebooks.countries(countries))


_IN_USE: ContextVar[Vocabulary | None] = ContextVar("documents_vocabulary", default=None)


@contextmanager
def using(words: Vocabulary):
    """Parse with `words` (compile_vocabulary of the codebooks a builder was handed)."""
    token = _IN_USE.set(words)
    try:
        yield words
    finally:
        _IN_USE.reset(token)


def vocabulary() -> Vocabulary:
    """The vocabulary of the parse in progress: the one handed by `using`, else the project's
    committed codebooks."""
    return _IN_USE.get() or compile_vocabulary(codebooks.committed("instruments"),
                                               codebooks.committed("countries"))
