"""Find the sentence or paragraph a character offset falls in, so every row can link to its
passage."""

from __future__ import annotations

import pandas as pd


def sentence_ids(sentences: pd.DataFrame, source_id: str, positions: list[int]) -> list[str]:
    """The sentence_id containing each offset (or the one before it, for offsets in a gap)."""
    rows = sentences[sentences["source_id"] == source_id].sort_values("start")
    starts = rows["start"].astype(int).tolist()
    ids = rows["sentence_id"].tolist()
    out = []
    for pos in positions:
        index = max((i for i, s in enumerate(starts) if s <= pos), default=0)
        out.append(ids[index] if ids else "")
    return out


def paragraphs_by_source(paragraphs: pd.DataFrame) -> dict[str, list[dict]]:
    """Each source's paragraphs (rows with start and end), read once for many look-ups."""
    by_source: dict[str, list[dict]] = {}
    for row in paragraphs.to_dict("records"):
        by_source.setdefault(row["source_id"], []).append(row)
    return by_source


def paragraph_at(by_source: dict[str, list[dict]], source_id: str, start: int) -> dict:
    """The one paragraph of `source_id` holding offset `start` (paragraphs do not overlap): the
    one rule by which a row's offset names its passage, in derived tables and in chapters."""
    rows = [r for r in by_source.get(source_id, []) if r["start"] <= start < r["end"]]
    if len(rows) != 1:
        raise ValueError(f"{source_id}: offset {start} lies in {len(rows)} paragraphs")
    return rows[0]
