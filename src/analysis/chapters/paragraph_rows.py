"""For each paragraph of the source, the rows that rest on it: a reader of the source chapter
can go from a passage to what the book derives from it, as every table goes from a row to its
passage. A row rests on the paragraph that holds the first character of its evidence (`start`).

Rows with a short id of their own are named by it (a claim also by the reference rows it is
compared with); rows without one are counted. Pure: tables in, one line per paragraph out.
"""

from __future__ import annotations

import bisect

import pandas as pd

# The id a reader cites a row of these tables by; a claim is also named by its reference rows.
ID_COLUMNS = {"claims": "claim_id", "transport_links": "link_id",
              "discrepancies": "discrepancy_id"}


def paragraph_index(paragraphs: pd.DataFrame):
    """A function from a character offset to the id of the paragraph holding it (or None)."""
    spans = paragraphs.sort_values("start")
    starts, ends = spans["start"].tolist(), spans["end"].tolist()
    ids = spans["paragraph_id"].tolist()

    def find(offset) -> str | None:
        i = bisect.bisect_right(starts, int(offset)) - 1
        return ids[i] if i >= 0 and int(offset) < ends[i] else None

    return find


def rows_on(paragraphs: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per paragraph and table with rows resting on it: `paragraph_id`, `table`,
    `rows` (how many) and `ids` (their ids, "; "-separated, where the table has them)."""
    find = paragraph_index(paragraphs)
    out = []
    for name, frame in tables.items():
        located = frame[frame["start"].notna()]
        where = located["start"].map(find)
        for paragraph_id, rows in located.groupby(where, sort=False):
            ids = ""
            if name in ID_COLUMNS:
                named = []
                for key, group in rows.groupby(ID_COLUMNS[name], sort=False):
                    facts = group["fact_id"].dropna().tolist() if "fact_id" in group else []
                    named.append(f"{key} ({', '.join(facts)})" if facts else str(key))
                ids = "; ".join(named)
            out.append({"paragraph_id": paragraph_id, "table": name, "rows": len(rows),
                        "ids": ids})
    frame = pd.DataFrame(out, columns=["paragraph_id", "table", "rows", "ids"])
    order = {name: i for i, name in enumerate(tables)}
    return (frame.assign(_o=frame["table"].map(order))
            .sort_values(["paragraph_id", "_o"], kind="stable").drop(columns="_o")
            .reset_index(drop=True))


def summary(rows: pd.DataFrame, label_of=lambda table: table) -> pd.Series:
    """Per paragraph, one line: each table (as `label_of` renders its name) with the ids of its
    rows, or their count where the table has no ids: "claims: trade_growth_30 (tt04, tt05) ·
    quantities: 2"."""
    def line(group: pd.DataFrame) -> str:
        return " · ".join(f"{label_of(t)}: {ids or n}" for t, n, ids in
                          zip(group["table"], group["rows"], group["ids"], strict=True))
    return rows.groupby("paragraph_id", sort=False)[["table", "rows", "ids"]].apply(line)
