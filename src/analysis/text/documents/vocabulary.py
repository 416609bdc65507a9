"""The instrument vocabulary: the kinds of instrument and the words naming them, read from
data/codebooks/instruments.csv and compiled once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.io import codebooks, paths


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
