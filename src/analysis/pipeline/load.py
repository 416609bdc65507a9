"""What notebooks use to read derived tables: typed by their declaration, checked by hash.

Notebooks never parse text; they read data/derived/ through this module only.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.io import inputs, paths
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
