"""Place mentions: gazetteer names and aliases found in running text.

The gazetteer is data/reference/places.csv (names, aliases, country, coordinates where a page
gives them). Matching is by whole word, longest name first, so "Garabogaz Bay" is the bay
(alias of Garabogazköl) and not the town of Garabogaz, and a span is never matched twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.io import codebooks as codebook


def country_code(name: str, countries: tuple[codebook.Entry, ...]) -> str | None:
    """ISO alpha-3 of a country named by `name` as a whole ("the Republic of Kazakhstan" ->
    "KAZ"), by `countries` (codebooks.countries); None for anything else."""
    cleaned = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE)
    return codebook.country_named(cleaned, countries)


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place_id: str


class Gazetteer:
    """Names and aliases of places, matched whole-word and longest first."""

    def __init__(self, names: dict[str, str], countries: dict[str, str] | None = None):
        # names: every spelling -> place_id; countries: place_id -> ISO alpha-3
        self.names = dict(names)
        self.countries = dict(countries or {})
        self._pattern = (codebook.compile_terms(self.names, case="exact") if self.names
                         else None)
        self._spaced = {" ".join(k.split()): v for k, v in self.names.items()}
        self._lower = {k.lower(): v for k, v in self.names.items()}

    @classmethod
    def from_frame(cls, places: pd.DataFrame) -> Gazetteer:
        names = {}
        for row in places.itertuples(index=False):
            names[row.name] = row.place_id
            aliases = row.aliases if pd.notna(row.aliases) else ""
            for alias in aliases.split(";"):
                if alias.strip():
                    names[alias.strip()] = row.place_id
        return cls(names, dict(zip(places["place_id"], places["country"], strict=True)))

    def find(self, text: str) -> list[PlaceMention]:
        """Every gazetteer name in `text`, in reading order."""
        if not isinstance(text, str):
            raise TypeError(f"Gazetteer.find expects str, got {type(text).__name__}")
        if not self.names:
            return []
        return [PlaceMention(m.start(), m.end(), m.group(0),
                             self._spaced[" ".join(m.group(0).split())])
                for m in self._pattern.finditer(text)]

    def lookup(self, name: str) -> str | None:
        """The place_id of a name or alias written exactly (case aside), or None."""
        return self._lower.get(name.strip().lower())

    def country_of(self, name: str) -> str | None:
        """ISO alpha-3 of the place a name or alias refers to, or None."""
        return self.countries.get(self.lookup(name) or "")
