"""What notebooks use to read derived tables: typed by their declaration, checked by hash.

Notebooks never parse text; they read data/derived/ through this module only.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.io import inputs, paths, reference
from analysis.pipeline.registry import TABLES
from analysis.pipeline.verify import read_package
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


KEY_JOIN = "/"  # between the values of a composite primary key


def row_ids(table: str, rows: pd.DataFrame) -> list[str]:
    """Each row's id as a figure's data names it: `table:key`, the key being the values of
    the table's declared primary key joined by "/" (`trade_turnover:tt05`,
    `signed_documents:<source_id>/3`), so a reader can find the row in the published CSV."""
    declared = (reference.declaration(table) if table in reference.names()
                else declaration(table))
    if not declared.primary_key:
        raise ValueError(f"table {table}: expected a declared primary key to name its rows; "
                         "found none")
    keys = rows[list(declared.primary_key)].astype("string")
    return [f"{table}:" + KEY_JOIN.join(values) for values in keys.itertuples(index=False)]


def joined(ids) -> str:
    """Several row ids as one `source_rows` cell: each once, in the order given."""
    return "; ".join(dict.fromkeys(ids))
