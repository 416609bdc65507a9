"""One declaration per table: columns with type and meaning, from which the CSV writer, the
datapackage.json, the data page and the schema checks are all generated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis.errors import SchemaError
from analysis.schema.calendar import is_calendar_date

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
    values: tuple[str, ...] = ()  # the vocabulary a string must come from, where stated
    minimum: float | None = None  # a number's least allowed value
    above: float | None = None  # a number must be greater than this
    maximum: float | None = None  # a number's greatest allowed value
    label: str = ""

    @property
    def heading(self) -> str:
        return self.label or self.name.replace("_", " ")

    def __post_init__(self):
        if self.type not in PANDAS_DTYPES:
            raise ValueError(f"column {self.name!r}: unknown type {self.type!r}")

    def expected(self) -> str:
        """What a value must be, in words, for error messages."""
        if self.values:
            return f"one of {', '.join(self.values)}"
        bounds = [f"greater than {self.above:g}" if self.above is not None else "",
                  f"at least {self.minimum:g}" if self.minimum is not None else "",
                  f"at most {self.maximum:g}" if self.maximum is not None else ""]
        return " and ".join(["a finite number", *filter(None, bounds)])


@dataclass(frozen=True)
class Table:
    """A derived table: its name, what one row is, its columns and the function that builds it."""

    name: str
    description: str
    columns: tuple[Column, ...]
    build: Callable | None = None
    primary_key: tuple[str, ...] = ()
    # What `build` reads, each passed to it as the keyword argument `parameter(name)`: "texts"
    # (the verified source texts), "reference:<name>" (a checked reference table),
    # "codebook:<name>" (a checked codebook's rows, analysis.io.codebooks.Loaded) or the name of
    # another derived table.
    inputs: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def path_name(self) -> str:
        return f"{self.name}.csv"


def parameter(input_name: str) -> str:
    """The builder's parameter for a declared input: "codebook:themes" -> codebook_themes."""
    return input_name.replace(":", "_")


def conform(frame: pd.DataFrame, table: Table, where: str, unit: str = "row") -> pd.DataFrame:
    """Check a frame against its declaration and return it with declared column order and dtypes.

    `where` names the file or builder in the error, so a person knows where to look; `unit` is
    "line" for a file read from disk (rows counted as a spreadsheet counts them, header = 1).
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
            raise SchemaError(where, f"{unit} {bad[0]}, column {col.name!r}",
                              TYPE_WORDS[col.type], repr(bad[1])) from exc
        if col.required:
            nulls = out.index[out[col.name].isna()].tolist()
            if nulls:
                raise SchemaError(where, f"{unit} {_row_label(out, nulls[0])}, column "
                                  f"{col.name!r}", "a value (required)", "an empty cell")
        bad = _out_of_range(out[col.name], col)
        if bad is not None:
            raise SchemaError(where, f"{unit} {_row_label(out, bad)}, column {col.name!r}",
                              col.expected(), repr(_plain(out.at[bad, col.name])))
    if table.primary_key:
        dup = out.duplicated(list(table.primary_key), keep="first")
        if dup.any():
            i = out.index[dup][0]
            key = {k: out.at[i, k] for k in table.primary_key}
            raise SchemaError(where, f"{unit} {_row_label(out, i)}",
                              f"a unique primary key {list(table.primary_key)}",
                              f"a duplicate {key}")
    return out.reset_index(drop=True)


TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a finite number",
    "boolean": "true or false",
    "date": "a calendar date YYYY, YYYY-MM or YYYY-MM-DD",
}
NUMBER_TEXT = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def _plain(value):
    return value.item() if hasattr(value, "item") else value


def _out_of_range(series: pd.Series, col: Column):
    """The index of the first value outside the column's vocabulary or range, or None."""
    present = series.dropna()
    if col.values:
        bad = present[~present.isin(col.values)]
    elif col.type in ("integer", "number"):
        numbers = present.astype("float64")
        ok = numbers.abs() != float("inf")
        if col.minimum is not None:
            ok &= numbers >= col.minimum
        if col.above is not None:
            ok &= numbers > col.above
        if col.maximum is not None:
            ok &= numbers <= col.maximum
        bad = present[~ok]
    else:
        return None
    return bad.index[0] if len(bad) else None


def _row_label(frame: pd.DataFrame, index) -> int:
    """Rows are reported as they number in a CSV file: header is line 1."""
    return int(frame.index.get_loc(index)) + 2


def _cast(series: pd.Series, kind: str) -> pd.Series:
    if kind in ("integer", "number") and not pd.api.types.is_numeric_dtype(series):
        text = series.dropna().astype(str).str.strip()
        if not text.str.fullmatch(NUMBER_TEXT).all():
            raise ValueError("not a number written in digits")
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
        ok = text.isna() | text.map(lambda v: pd.isna(v) or is_calendar_date(v))
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
