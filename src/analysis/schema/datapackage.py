"""The Frictionless Data Package descriptor, generated from the table declarations."""

from __future__ import annotations

import hashlib
import json

from analysis.schema.table import Column, Table

PACKAGE_NAME = "kazakhstan-turkmenistan-2021-state-visit"


# A date here carries its own precision (2021-10-25, 2022-04, 2022); Frictionless's "date" type
# accepts only full days, so dates are published as strings constrained to ISO 8601 forms.
ISO_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"


def _field(column: Column) -> dict:
    constraints = {"required": True} if column.required else {}
    field = {"name": column.name, "type": column.type, "description": column.description}
    if column.type == "date":
        field["type"], field["format"] = "string", "default"
        constraints["pattern"] = ISO_DATE_PATTERN
    if column.values:
        constraints["enum"] = list(column.values)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    return {**field, **({"constraints": constraints} if constraints else {})}


def _resource(table: Table, name: str, path: str, data: bytes, **extra) -> dict:
    """One CSV resource described from its table's declaration, with its size and hash."""
    return {
        "name": name,
        "path": path,
        **extra,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": {
            "fields": [_field(c) for c in table.columns],
            **({"primaryKey": list(table.primary_key)} if table.primary_key else {}),
        },
    }


def _input_resources(inputs: list[tuple[Table, str, str, bytes]]) -> list[dict]:
    """The reference tables derive read, published beside the tables (a copy under
    data/derived/reference/), marked as inputs with the file they copy: each (declaration,
    published path, input path, bytes)."""
    return [_resource(table, f"reference-{table.name}".replace("_", "-"), path, data,
                      role="input", input=source) for table, path, source, data in inputs]


def descriptor(tables: list[Table], csv_texts: dict[str, str], sources: dict,
               inputs: list[tuple[Table, str, str, bytes]] | None = None,
               recorded: list[dict] | None = None,
               version: str | None = None, homepage: str | None = None) -> dict:
    """The package's descriptor; `version` and `homepage` are the report's (CITATION.cff), so a
    table cited from the Data page names the version it belongs to."""
    resources = [_resource(table, table.name, table.path_name,
                           csv_texts[table.name].encode("utf-8")) for table in tables]
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Kazakhstan-Turkmenistan relations after the state visit of 25 October 2021: "
                 "tables derived from the sources",
        **({"version": version} if version else {}),
        **({"homepage": homepage} if homepage else {}),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "sources": [
            {"title": s.record["title"], "path": s.record["address"] or s.record["file"]}
            for _, s in sorted(sources.items())
        ],
        "resources": resources + _input_resources(inputs or []),
        **({"inputs": recorded} if recorded else {}),
    }


def to_json_text(desc: dict) -> str:
    return json.dumps(desc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
