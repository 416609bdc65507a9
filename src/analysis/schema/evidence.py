"""Evidence: the span of source text a derived row rests on. Every derived table carries it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.errors import EvidenceError
from analysis.schema.table import Column

EVIDENCE_COLUMNS = (
    Column("source_id", "string", "Identifier of the source text (data/sources/catalogue.csv)."),
    Column("start", "integer", "Offset of the first character of the quote in the source text."),
    Column("end", "integer", "Offset just past the last character of the quote."),
    Column("quote", "string", "The exact text at [start, end): the row's evidence."),
)
EVIDENCE_NAMES = tuple(c.name for c in EVIDENCE_COLUMNS)


@dataclass(frozen=True)
class Evidence:
    source_id: str
    start: int
    end: int
    quote: str

    @classmethod
    def span(cls, source_id: str, text: str, start: int, end: int) -> Evidence:
        """Evidence for text[start:end], trimmed of surrounding white space."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(source_id, start, end, text[start:end])

    def as_row(self) -> dict:
        return {"source_id": self.source_id, "start": self.start, "end": self.end,
                "quote": self.quote}


def has_evidence(frame: pd.DataFrame) -> bool:
    return set(EVIDENCE_NAMES) <= set(frame.columns)


def mismatches(frame: pd.DataFrame, texts: dict[str, str]) -> list[tuple[int, str]]:
    """Rows whose quote is not text[start:end] of their source, as (CSV line, reason)."""
    problems = []
    for pos, row in enumerate(frame[list(EVIDENCE_NAMES)].itertuples(index=False), start=2):
        source_id, start, end, quote = row
        if pd.isna(start) and pd.isna(quote):
            continue
        if source_id not in texts:
            problems.append((pos, f"unknown source_id {source_id!r}"))
        elif texts[source_id][int(start):int(end)] != quote:
            found = texts[source_id][int(start):int(end)]
            problems.append((pos, f"quote {quote[:50]!r} but the text at [{start}:{end}] "
                                  f"is {found[:50]!r}"))
    return problems


def verify(frame: pd.DataFrame, texts: dict[str, str], where: str) -> None:
    """Raise when any row's quote does not match its source span."""
    problems = mismatches(frame, texts)
    if problems:
        line, reason = problems[0]
        raise EvidenceError(f"{where}, row {line}: {reason} "
                            f"({len(problems)} row(s) fail in all)")
