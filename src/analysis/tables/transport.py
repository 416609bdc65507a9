"""The tables built from `analysis.text.transport`: declarations and builders."""

from __future__ import annotations

import re

import pandas as pd

from analysis.io import codebooks
from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.tables.locate import sentence_ids
from analysis.text.places import Gazetteer, country_code
from analysis.text.transport import (
    ROUTE_MODE_WORDS,
    _sentence_spans,
    first_keyword,
    keyword_pairs,
    parse_links,
    parse_route,
)

# --- the tables ---------------------------------------------------------------------------

def _endpoint(name: str, gazetteer: Gazetteer, places: pd.DataFrame,
              countries: tuple[codebooks.Entry, ...]) -> tuple:
    """(place_id, country) of a link's end: a gazetteer place, a country, or a border."""
    if not name:
        return None, None
    place_id = gazetteer.lookup(name)
    if place_id is None:
        found = gazetteer.find(name)
        place_id = found[0].place_id if found else None
    if place_id is not None:
        return place_id, places.at[place_id, "country"]
    bare = re.sub(r"^border\s+with\s+(?:the\s+)?", "", name)
    return None, country_code(bare, countries)


def _gazetteer(reference_places: pd.DataFrame) -> tuple[Gazetteer, pd.DataFrame]:
    return Gazetteer.from_frame(reference_places), reference_places.set_index("place_id")


def build_transport_links(sentences, texts, reference_places, codebook_link_modes,
                          codebook_link_status, codebook_countries) -> pd.DataFrame:
    gazetteer, places = _gazetteer(reference_places)
    countries = codebooks.countries(codebook_countries)
    modes = keyword_pairs(codebook_link_modes, "mode")
    statuses = keyword_pairs(codebook_link_status, "status")
    rows = []
    for source_id, source in sorted(texts.items()):
        text = source.text
        links = parse_links(text, gazetteer, countries=countries)
        ids = sentence_ids(sentences, source_id, [link.start for link in links])
        spans = {r.sentence_id: (int(r.start), int(r.end))
                 for r in sentences[sentences["source_id"] == source_id].itertuples()}
        for link, sid in zip(links, ids, strict=True):
            sentence = text[slice(*spans[sid])]
            mode, _ = first_keyword(link.initiative + " " + text[link.start:link.end], modes)
            if not mode:
                mode, _ = first_keyword(sentence, modes)
            status, status_keyword = first_keyword(sentence, statuses)
            from_id, from_country = _endpoint(link.from_name, gazetteer, places, countries)
            to_id, to_country = _endpoint(link.to_name, gazetteer, places, countries)
            rows.append({
                "kind": link.kind, "mode": mode or None, "initiative": link.initiative,
                "route_order": link.route_order, "from_name": link.from_name or None,
                "from_place_id": from_id, "from_country": from_country,
                "to_name": link.to_name or None, "to_place_id": to_id, "to_country": to_country,
                "via": "; ".join(link.via) or None,
                "status": status or None, "status_keyword": status_keyword or None,
                "sentence_id": sid,
                **Evidence.span(source_id, text, link.start, link.end).as_row(),
            })
    frame = pd.DataFrame(rows, columns=[c for c in TRANSPORT_LINKS.column_names
                                        if c != "link_id"])
    frame.insert(0, "link_id", [f"L{i:02d}" for i in range(1, len(frame) + 1)])
    return frame


def build_route_stops(texts, reference_places, codebook_countries) -> pd.DataFrame:
    gazetteer, places = _gazetteer(reference_places)
    countries = codebooks.countries(codebook_countries)
    rows = []
    for source_id, source in sorted(texts.items()):
        text = source.text
        for s_start, s_end in _sentence_spans(text):
            if not ROUTE_MODE_WORDS.search(text[s_start:s_end]):
                continue
            for stops in parse_route(text, s_start, s_end, countries=countries):
                route = text[stops[0].start:stops[-1].end]
                for order, stop in enumerate(stops, start=1):
                    place_id, country = _endpoint(stop.name, gazetteer, places, countries)
                    rows.append({
                        "route": route, "stop_order": order, "name": stop.name,
                        "place_id": place_id, "country": country,
                        "country_as_written": stop.country_as_written or None,
                        **Evidence.span(source_id, text, stop.start, stop.end).as_row(),
                    })
    return pd.DataFrame(rows, columns=ROUTE_STOPS.column_names)


TRANSPORT_LINKS = Table(
    name="transport_links",
    description="Links of the transport, transit and border network the sources state: route "
                "segments in route order, named corridors, port links, bridges, highways, "
                "trade zones and border crossings, with mode and status. Evidence is the "
                "phrase that states the link.",
    columns=(
        Column("link_id", "string", "Stable id, L01, L02, ... in reading order."),
        Column("kind", "string", "segment, corridor, port_link, bridge, highway, trade_zone, "
                                 "border_crossing."),
        Column("mode", "string", "rail, road, sea, telecom, pipeline "
                                 "(data/codebooks/link_modes.csv).", required=False),
        Column("initiative", "string", "The phrase naming the project the link belongs to "
                                       "(the whole route for a segment)."),
        Column("route_order", "integer", "For segments, the order along the route from 1.",
               required=False),
        Column("from_name", "string", "Start of the link as written.", required=False),
        Column("from_place_id", "string", "Gazetteer place of the start.", required=False),
        Column("from_country", "string", "ISO alpha-3 of the start.", required=False),
        Column("to_name", "string", "End of the link as written.", required=False),
        Column("to_place_id", "string", "Gazetteer place of the end.", required=False),
        Column("to_country", "string", "ISO alpha-3 of the end.", required=False),
        Column("via", "string", "Countries a corridor passes, '; '-separated.", required=False),
        Column("status", "string", "operating, agreed, intended or proposed "
                                   "(data/codebooks/link_status.csv).", required=False),
        Column("status_keyword", "string", "The keyword of the sentence that set the status.",
               required=False),
        Column("sentence_id", "string", "The sentence that states the link."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_transport_links,
    inputs=("sentences", "texts", "reference:places", "codebook:link_modes",
            "codebook:link_status", "codebook:countries"),
    primary_key=("link_id",),
)

ROUTE_STOPS = Table(
    name="route_stops",
    description="Stops of every route string in the sources, in route order. Evidence is the "
                "stop as written, with its country note where the text gives one.",
    columns=(
        Column("route", "string", "The route string as written."),
        Column("stop_order", "integer", "Order along the route, from 1."),
        Column("name", "string", "The stop's name as written."),
        Column("place_id", "string", "Gazetteer place of the stop.", required=False),
        Column("country", "string", "ISO alpha-3 from the gazetteer.", required=False),
        Column("country_as_written", "string", "The country note in brackets, if any.",
               required=False),
        *EVIDENCE_COLUMNS,
    ),
    build=build_route_stops,
    inputs=("texts", "reference:places", "codebook:countries"),
    primary_key=("source_id", "start"),
)
