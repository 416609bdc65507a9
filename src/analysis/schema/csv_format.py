"""Deterministic CSV text for a conformed table: fixed number format, LF, UTF-8, no index."""

from __future__ import annotations

import csv
import io

import pandas as pd

from analysis.schema.table import Table


def _cell(value, kind: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if kind == "integer":
        return str(int(value))
    if kind == "number":
        text = f"{float(value):.10g}"
        return "0" if text == "-0" else text
    if kind == "boolean":
        return "true" if bool(value) else "false"
    return str(value)


def to_csv_text(frame: pd.DataFrame, table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.column_names)
    kinds = [c.type for c in table.columns]
    for row in frame[table.column_names].itertuples(index=False):
        writer.writerow([_cell(v, k) for v, k in zip(row, kinds, strict=True)])
    return buffer.getvalue()
