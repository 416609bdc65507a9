"""Reference facts from pages outside the primary source: read, checked, never derived.

Every reference table carries `address` (the page) and `accessed` (the date it was read);
a row without its address is an error, because a fact without its page cannot be checked.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .errors import InputError, SchemaError
from .schema import Column, Table, conform

PROVENANCE_COLUMNS = (
    Column("address", "string", "Address of the page the fact was taken from."),
    Column("accessed", "date", "Date the page (a stored copy of it) was read."),
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
    empty = frame.index[frame["address"].isna()].tolist()
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
