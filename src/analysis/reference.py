"""Reference facts from pages outside the primary source: read, checked, never derived.

Every reference table carries `address` (the page) and `accessed` (the date it was read);
a row without its address is an error, because a fact without its page cannot be checked,
unless the row says so itself: `address_kind` "none" (no page was found; its note says where
one was looked for).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .errors import InputError, SchemaError
from .schema import Column, Table, conform

PROVENANCE_COLUMNS = (
    Column("address", "string", "Address of the page the fact was taken from; empty only "
                                "where `address_kind` is none.", required=False),
    Column("accessed", "date", "Date the page (a stored copy of it) was read; where no page "
                               "was found, the date it was looked for."),
)


def load(declared: Table, root: Path = paths.ROOT) -> pd.DataFrame:
    """Read data/reference/<name>.csv and check it against its declaration."""
    path = Path(root) / "data" / "reference" / declared.path_name
    if not path.is_file():
        raise InputError(path, "file", f"reference table {declared.name!r}", "no such file")
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""],
                        encoding="utf-8")
    if frame.empty:
        raise InputError(path, "body", "at least one fact", "a header and no rows")
    for col in PROVENANCE_COLUMNS:
        if col.name not in frame.columns:
            raise InputError(path, "line 1 (header)", f"a column {col.name!r}",
                             f"columns {list(frame.columns)}")
    unsourced = (frame["address_kind"] == "none" if "address_kind" in frame.columns
                 else pd.Series(False, index=frame.index))
    empty = frame.index[frame["address"].isna() & ~unsourced.fillna(False)].tolist()
    if empty:
        raise InputError(path, f"line {empty[0] + 2}, column 'address'",
                         "the address of the page the fact came from", "an empty cell")
    try:
        return conform(frame, declared, str(path))
    except SchemaError as exc:
        # keep the row and column the schema check names; drop only the repeated file name
        detail = str(exc).removeprefix(f"{path}, ").removeprefix(f"{path}: ")
        raise InputError(path, "schema", f"the columns of table {declared.name!r}",
                         detail) from exc
