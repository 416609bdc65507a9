"""The tables built from `analysis.text.places`: declarations and builders."""

from __future__ import annotations

import pandas as pd

from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.tables.locate import sentence_ids
from analysis.text.places import Gazetteer


def build_place_mentions(sentences, texts, reference_places) -> pd.DataFrame:
    places = reference_places.set_index("place_id")
    gazetteer = Gazetteer.from_frame(reference_places)
    rows = []
    for source_id, source in sorted(texts.items()):
        found = gazetteer.find(source.text)
        ids = sentence_ids(sentences, source_id, [m.start for m in found])
        for m, sid in zip(found, ids, strict=True):
            place = places.loc[m.place_id]
            rows.append({
                "place_id": m.place_id, "name": place["name"], "country": place["country"],
                "kind": place["kind"], "matched_alias": m.text != place["name"],
                "has_coordinate": bool(pd.notna(place["lat"]) and pd.notna(place["lon"])),
                "sentence_id": sid,
                **Evidence.span(source_id, source.text, m.start, m.end).as_row(),
            })
    return pd.DataFrame(rows, columns=PLACE_MENTIONS.column_names)


PLACE_MENTIONS = Table(
    name="place_mentions",
    description="Every mention of a gazetteer place (data/reference/places.csv) in the "
                "sources, matched by name or alias, longest first. Evidence is the name as "
                "written.",
    columns=(
        Column("place_id", "string", "The gazetteer place (places.csv, place_id)."),
        Column("name", "string", "The gazetteer name of the place."),
        Column("country", "string", "ISO 3166-1 alpha-3 of the place's country."),
        Column("kind", "string", "Kind of place, from the gazetteer."),
        Column("matched_alias", "boolean", "Whether the text uses an alias (Uzen for "
                                           "Zhanaozen) rather than the gazetteer name."),
        Column("has_coordinate", "boolean", "Whether a page gives the place's coordinates."),
        Column("sentence_id", "string", "The sentence the mention is in (sentences table)."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_place_mentions,
    inputs=("sentences", "texts", "reference:places"),
    primary_key=("source_id", "start"),
)
