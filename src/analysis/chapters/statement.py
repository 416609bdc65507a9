"""What the two parts of the source say on a topic, sentence by sentence, beyond theme counts:
the sentences in which a theme's words (or some of them) occur, each with its id and text."""

from __future__ import annotations

import pandas as pd


def passages(matches: pd.DataFrame, sentences: pd.DataFrame, theme: str,
             terms: str | None = None) -> pd.DataFrame:
    """Sentences holding a match of `theme` (table theme_matches), optionally only matches whose
    word fits the regex `terms`; one row a sentence, in text order, with the part, the words
    matched and the sentence's text (its evidence: `start`, `end`, `quote`)."""
    hit = matches[matches["theme"] == theme]
    if terms:
        hit = hit[hit["matched"].str.fullmatch(terms, case=False)]
    rows = []
    for s in sentences.itertuples(index=False):
        inside = hit[(hit["source_id"] == s.source_id) & (hit["start"] >= s.start)
                     & (hit["end"] <= s.end)]
        if len(inside):
            rows.append({"sentence_id": s.sentence_id, "part": inside["part"].iloc[0],
                         "words": "; ".join(dict.fromkeys(inside["matched"].str.lower())),
                         "start": s.start, "end": s.end, "quote": s.quote})
    return pd.DataFrame(rows, columns=["sentence_id", "part", "words", "start", "end", "quote"])


def ids_in(found: pd.DataFrame, part: str) -> str:
    """The sentence ids of one part, or "none"."""
    ids = found.loc[found["part"] == part, "sentence_id"].tolist()
    return ", ".join(ids) if ids else "none"
