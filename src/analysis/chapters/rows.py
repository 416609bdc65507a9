"""Rows as a reader sees them in prose: each with its id, so a sentence names what it rests on."""

from __future__ import annotations

import pandas as pd


def row_list(rows: pd.DataFrame, id_column: str = "fact_id", date_column: str = "date",
             text_column: str = "event", empty: str = "none") -> str:
    """Rows as a reader's list, "oe18 (2022-10-15): The presidents agree ...; ...", each with
    its id, and "[no page]" after a row that names no page; `empty` when there are none."""
    if rows.empty:
        return empty
    sourced = rows["address_kind"].isin(("page", "primary")) if "address_kind" in rows else None
    items = []
    for i, (_, row) in enumerate(rows.iterrows()):
        mark = "" if sourced is None or sourced.iloc[i] else " [no page]"
        items.append(f"{row[id_column]} ({row[date_column]}): {row[text_column]}{mark}")
    return "; ".join(items)


def about(frame: pd.DataFrame, pattern: str, column: str = "event") -> pd.DataFrame:
    """Rows whose `column` matches the regex `pattern` (case-insensitive), in date order."""
    hit = frame[frame[column].fillna("").str.contains(pattern, case=False, regex=True)]
    return hit.sort_values(hit.columns[0] if "date" not in hit else "date", kind="stable")

