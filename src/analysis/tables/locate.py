"""Find the sentence a character offset falls in, so every row can link to its passage."""

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
