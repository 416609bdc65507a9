"""Rows as a reader sees them in prose: each with its id, so a sentence names what it rests on."""

from __future__ import annotations

import pandas as pd

from analysis.pipeline import load
from analysis.schema.row_ids import SOURCE_ROWS

UNSOURCED_MARK = " [no page]"
UNREAD_MARK = " [not re-read]"


def mark(address_kind, page_check=None) -> str:
    """What a reader sees after a row's id: "[no page]" for a row that names no page, "[not
    re-read]" for one whose page was never read again, nothing for a row read on its page."""
    if address_kind not in ("page", "primary"):
        return UNSOURCED_MARK
    return UNREAD_MARK if page_check == "not_reread" else ""


def marked_ids(rows: pd.DataFrame, id_column: str = "fact_id") -> pd.Series:
    """Each row's id with its mark (see `mark`): unsourced and unread rows look different."""
    checks = rows["page_check"] if "page_check" in rows else pd.Series(None, index=rows.index)
    return pd.Series([f"{i}{mark(k, c)}" for i, k, c in zip(
        rows[id_column], rows["address_kind"], checks, strict=True)], index=rows.index)


def row_list(rows: pd.DataFrame, id_column: str = "fact_id", date_column: str = "date",
             text_column: str = "event", empty: str = "none") -> str:
    """Rows as a reader's list, "oe18 (2022-10-15): The presidents agree ...; ...", each with
    its id, and "[no page]" after a row that names no page ("[not re-read]" after one whose
    page was never read again); `empty` when there are none."""
    if rows.empty:
        return empty
    items = []
    for _, row in rows.iterrows():
        after = mark(row["address_kind"], row.get("page_check")) if "address_kind" in rows \
            else ""
        items.append(f"{row[id_column]} ({row[date_column]}): {row[text_column]}{after}")
    return "; ".join(items)


def about(frame: pd.DataFrame, pattern: str, column: str = "event") -> pd.DataFrame:
    """Rows whose `column` matches the regex `pattern` (case-insensitive), in date order."""
    hit = frame[frame[column].fillna("").str.contains(pattern, case=False, regex=True)]
    return hit.sort_values(hit.columns[0] if "date" not in hit else "date", kind="stable")



WHOSE = {"statistics office": "a {side}statistics office's", "ministry": "a {side}ministry's",
         "one side's official": "a {side}official's", "mirror data": "a third party's mirror data",
         "not stated": "attributed to no one"}
SIDES = {"KAZ": "Kazakh ", "TKM": "Turkmen "}


def whose(statistics_source, speaker_country) -> str:
    """Whose figure a row gives, in words ("a Kazakh official's", "attributed to no one"),
    from columns statistics_source and speaker_country of a reference table."""
    if not isinstance(statistics_source, str):
        return "not recorded"
    side = SIDES.get(speaker_country, "") if isinstance(speaker_country, str) else ""
    return WHOSE[statistics_source].format(side=side)


def counted(rows: pd.DataFrame, table: str, by: str | list[str], order=None,
            count: str = "rows") -> pd.DataFrame:
    """A chart of counts as its data: one row per group of `by` (in `order` when given, else
    as first met), how many rows of `table` it holds, and their ids. A group drawn with no
    row rests on every row of the table, none of which is in it: `table:*`."""
    by = [by] if isinstance(by, str) else list(by)
    ids = pd.Series(load.row_ids(table, rows), index=rows.index)
    members = {key if isinstance(key, tuple) else (key,): part.index
               for key, part in rows.groupby(by, sort=False, dropna=False)}
    keys = list(members) if order is None else [k if isinstance(k, tuple) else (k,)
                                                for k in order]
    out = []
    for key in keys:
        index = members.get(key, [])
        out.append({**dict(zip(by, key, strict=True)), count: len(index),
                    SOURCE_ROWS: load.joined(ids[index]) if len(index) else load.all_rows(table)})
    return pd.DataFrame(out)
