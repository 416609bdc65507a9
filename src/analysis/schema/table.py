"""One declaration per table: columns with type and meaning, from which the CSV writer, the
datapackage.json, the data page and the schema checks are all generated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from analysis.errors import SchemaError

# Frictionless Table Schema types we use, and the pandas dtype each is read back as.
PANDAS_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "date": "string",  # ISO 8601 text; a date may have month or year precision
}


@dataclass(frozen=True)
class Column:
    """One column: its name, type and meaning; `label` is the short heading a reader sees
    where a chapter shows the column (analysis.publish.tables), by default the name with
    spaces for underscores."""

    name: str
    type: str
    description: str
    required: bool = True
    label: str = ""

    @property
    def heading(self) -> str:
        return self.label or self.name.replace("_", " ")

    def __post_init__(self):
        if self.type not in PANDAS_DTYPES:
            raise ValueError(f"column {self.name!r}: unknown type {self.type!r}")


@dataclass(frozen=True)
class Table:
    """A derived table: its name, what one row is, its columns and the function that builds it."""

    name: str
    description: str
    columns: tuple[Column, ...]
    build: Callable | None = None
    primary_key: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def path_name(self) -> str:
        return f"{self.name}.csv"


def conform(frame: pd.DataFrame, table: Table, where: str) -> pd.DataFrame:
    """Check a frame against its declaration and return it with declared column order and dtypes.

    `where` names the file or builder in the error, so a person knows where to look.
    """
    expected, found = table.column_names, list(frame.columns)
    missing = [c for c in expected if c not in found]
    unknown = [c for c in found if c not in expected]
    if missing or unknown:
        raise SchemaError(
            f"{where}: columns do not match the declaration of table {table.name!r}; "
            f"expected {expected}; missing {missing}, unknown {unknown}"
        )
    out = frame[expected].copy()
    for col in table.columns:
        series = out[col.name]
        try:
            out[col.name] = _cast(series, col.type)
        except (TypeError, ValueError) as exc:
            bad = _first_bad(series, col.type)
            raise SchemaError(
                f"{where}, row {bad[0]}, column {col.name!r}: expected {col.type}; "
                f"found {bad[1]!r}"
            ) from exc
        if col.required:
            nulls = out.index[out[col.name].isna()].tolist()
            if nulls:
                raise SchemaError(
                    f"{where}, row {_row_label(out, nulls[0])}, column {col.name!r}: "
                    f"a value is required; found an empty cell"
                )
    if table.primary_key:
        dup = out.duplicated(list(table.primary_key), keep="first")
        if dup.any():
            i = out.index[dup][0]
            key = {k: out.at[i, k] for k in table.primary_key}
            raise SchemaError(
                f"{where}, row {_row_label(out, i)}: primary key {list(table.primary_key)} "
                f"must be unique; found a duplicate {key}"
            )
    return out.reset_index(drop=True)


def _row_label(frame: pd.DataFrame, index) -> int:
    """Rows are reported as they number in a CSV file: header is line 1."""
    return int(frame.index.get_loc(index)) + 2


def _cast(series: pd.Series, kind: str) -> pd.Series:
    if kind == "integer":
        numbers = pd.to_numeric(series, errors="raise")
        if (numbers.dropna() % 1 != 0).any():
            raise ValueError("not whole numbers")
        return numbers.astype("Int64")
    if kind == "number":
        return pd.to_numeric(series, errors="raise").astype("Float64")
    if kind == "boolean":
        mapped = series.map(
            lambda v: v
            if isinstance(v, bool) or pd.isna(v)
            else {"true": True, "false": False}.get(str(v).lower(), "bad")
        )
        if (mapped == "bad").any():
            raise ValueError("not a boolean")
        return mapped.astype("boolean")
    if kind == "date":
        text = series.astype("string")
        ok = text.isna() | text.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?")
        if not ok.all():
            raise ValueError("not an ISO date")
        return text
    return series.astype("string")


def _first_bad(series: pd.Series, kind: str) -> tuple[int, object]:
    for pos, value in enumerate(series.tolist()):
        try:
            _cast(pd.Series([value]), kind)
        except (TypeError, ValueError):
            return pos + 2, value
    return 2, None
