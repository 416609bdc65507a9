"""The Frictionless Data Package descriptor, generated from the table declarations."""

from __future__ import annotations

import hashlib
import json

from .schema import Table

PACKAGE_NAME = "kazakhstan-turkmenistan-2021-state-visit"


def descriptor(tables: list[Table], csv_texts: dict[str, str], sources: dict) -> dict:
    resources = []
    for table in tables:
        data = csv_texts[table.name].encode("utf-8")
        resources.append({
            "name": table.name,
            "path": table.path_name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": table.description,
            "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "schema": {
                "fields": [
                    {"name": c.name, "type": c.type, "description": c.description,
                     **({"constraints": {"required": True}} if c.required else {})}
                    for c in table.columns
                ],
                **({"primaryKey": list(table.primary_key)} if table.primary_key else {}),
            },
        })
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Kazakhstan-Turkmenistan relations after the state visit of 25 October 2021: "
                 "tables derived from the sources",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "sources": [
            {"title": s.record["title"], "path": s.record["address"] or s.record["file"]}
            for _, s in sorted(sources.items())
        ],
        "resources": resources,
    }


def to_json_text(desc: dict) -> str:
    return json.dumps(desc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
