"""What notebooks use to read derived tables: typed by their declaration, checked by hash.

Notebooks never parse text; they read data/derived/ through this module only.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.io import codebooks, inputs, paths, reference
from analysis.pipeline.registry import TABLES
from analysis.pipeline.verify import read_package
from analysis.schema.row_ids import ALL_ROWS, KEY_JOIN
from analysis.schema.table import PANDAS_DTYPES, conform

_BY_NAME = {t.name: t for t in TABLES}


def declaration(name: str):
    if name not in _BY_NAME:
        raise InputError(paths.DERIVED / f"{name}.csv", "table name",
                         f"one of {sorted(_BY_NAME)}", repr(name))
    return _BY_NAME[name]


def table(name: str, root: Path = paths.ROOT) -> pd.DataFrame:
    """A derived table as declared, refusing a CSV that differs from datapackage.json's hash."""
    inputs.check(name)
    decl = declaration(name)
    derived = Path(root) / "data" / "derived"
    path = derived / decl.path_name
    if not path.is_file():
        raise InputError(path, "file", f"derived table {name!r}", "no such file (run make derive)")
    data = path.read_bytes()
    package = read_package(derived)
    recorded = next((r.get("hash") for r in package["resources"] if r["name"] == name), None)
    actual = "sha256:" + hashlib.sha256(data).hexdigest()
    if str(recorded).lower() != actual:
        raise InputError(path, "file hash", f"{recorded} as datapackage.json records", actual)
    dtypes = {c.name: PANDAS_DTYPES[c.type] if c.type in ("string", "date") else "string"
              for c in decl.columns}
    frame = pd.read_csv(io.BytesIO(data), dtype=dtypes, keep_default_na=False,
                        na_values=[""], encoding="utf-8")
    return conform(frame, decl, str(path))


def key_of(table: str) -> tuple[str, ...]:
    """The columns that name one row of a derived table, a reference table or a codebook:
    its declared primary key (a codebook's declared key)."""
    books = {c.name: c for c in codebooks.CODEBOOKS}
    if table in reference.names():
        key = reference.declaration(table).primary_key
    elif table in books and table not in _BY_NAME:
        key = books[table].key
    else:
        key = declaration(table).primary_key
    if not key:
        raise ValueError(f"table {table}: expected a declared key to name its rows; found none")
    return tuple(key)


def row_ids(table: str, rows) -> list[str]:
    """Each row's id as a figure's data names it: `table:key`, the key being the values of
    the table's declared primary key joined by "/" (`trade_turnover:tt05`,
    `signed_documents:<source_id>/3`, codebook `sea_routes:aktau/turkmenbashi/1`), so a reader
    can find the row in the published CSV. `rows`: a frame, or a codebook's rows (dicts)."""
    columns = list(key_of(table))
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    if frame.empty:
        return []
    keys = frame[columns].astype("string")
    return [row_id(table, *values) for values in keys.itertuples(index=False)]


def row_id(table: str, *key: str) -> str:
    """One row's id from its key values, in the order the table declares its key."""
    declared = key_of(table)
    if len(key) != len(declared):
        raise ValueError(f"table {table}: expected {len(declared)} key value(s) "
                         f"{list(declared)}; found {list(key)}")
    return f"{table}:" + KEY_JOIN.join(str(k) for k in key)


def all_rows(table: str) -> str:
    """The id that stands for every row of a table (what a count of zero rests on)."""
    key_of(table)
    return f"{table}:{ALL_ROWS}"


def joined(ids) -> str:
    """Several row ids as one `source_rows` cell: each once, in the order given."""
    return "; ".join(dict.fromkeys(ids))
