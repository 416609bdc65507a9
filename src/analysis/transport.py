"""Transport and transit links stated in running text, found by pattern, never listed by hand.

Rules (each a regular expression below, each tested on texts written for the tests):
- a route string: three or more stops joined by dashes ("Uzen (Kazakhstan) – Gyzylgaya –
  Bereket – Etrek (Turkmenistan) – Gorgan (Iran)") in a sentence that names a mode
  (railway, highway, road, route); each pair of neighbours is a segment, in route order;
- a corridor named by its countries ("the Kazakhstan–Turkmenistan–Iran railway");
- ports listed together ("the Caspian ports of Aktau, Kuryk and Turkmenbashi"): one link per
  pair of ports in different countries;
- a bridge across a named water body, and a highway towards a border or a place;
- a trade zone on the border of two named regions;
- a border crossing (cable, road, rail) on the border of two named countries.
Mode comes from data/codebooks/link_modes.csv and status (operating, agreed, proposed) from
data/codebooks/link_status.csv: the first keyword of the file found in the link's sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import codebook, paths, segment
from .evidence import EVIDENCE_COLUMNS, Evidence
from .locate import sentence_ids
from .places import COUNTRIES, Gazetteer, country_code
from .reference_tables import load as load_reference
from .schema import Column, Table

_NAME = r"[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*)*"
_STOP = r"(?:(?:The|A|An)\s+)?(?P<name>" + _NAME + r")(?:\s*\((?P<note>[^()]+)\))?"
_SEP = r"(?:\s*[–—]\s*|\s+-\s+)"
STOP = re.compile(_STOP)
ROUTE = re.compile(_NAME + r"(?:\s*\([^()]+\))?(?:" + _SEP + _NAME + r"(?:\s*\([^()]+\))?){2,}")
ROUTE_MODE_WORDS = re.compile(r"\b(railway|railroad|rail|highway|road|route|corridor)\b",
                              re.IGNORECASE)
CORRIDOR = re.compile(r"(?P<names>[A-Z]\w+(?:\s*[–—-]\s*[A-Z]\w+)+)\s+"
                      r"(?P<mode>railway|railroad|highway|road|pipeline|corridor)\b")
PORT_LIST = re.compile(r"\bports?\s+of\s+(?P<list>" + _NAME + r"(?:,\s*" + _NAME
                       + r")*(?:,?\s+and\s+" + _NAME + r"))")
BRIDGE = re.compile(r"\bbridge\s+(?:across|over)\s+(?:the\s+)?(?P<place>" + _NAME + r")")
HIGHWAY = re.compile(r"\bhighway\s+(?:towards?|to)\s+(?:the\s+)?(?P<to>border\s+with\s+"
                     r"(?:the\s+)?" + _NAME + r"|" + _NAME + r")")
TRADE_ZONE = re.compile(r"(?P<what>(?:special\s+)?(?:border\s+)?(?:trade|economic|free)\s+"
                        r"zone)[^.;]*?\s+on\s+the\s+border\s+(?:of|between)\s+(?:the\s+)?"
                        r"(?P<a>[^.;]+?)\s+and\s+(?:the\s+)?(?P<b>[^.;,]+?)(?=[.;,]|$)")
CROSSING = re.compile(r"(?P<what>\b(?:cable|road|rail|railway|pipeline)\s+(?:border\s+)?"
                      r"crossing)")
BORDER_OF = re.compile(r"\bon\s+the\s+(?P<a>[A-Z][^/.;]*?)\s*/\s*(?P<b>[A-Z][^/.;]*?)"
                       r"\s+border\b")


@dataclass(frozen=True)
class Stop:
    start: int
    end: int
    name: str
    country_as_written: str


@dataclass(frozen=True)
class Link:
    """One link of the network as the text states it."""

    start: int
    end: int
    kind: str  # rail_segment, corridor, port_link, bridge, highway, trade_zone, border_crossing
    from_name: str
    to_name: str
    initiative: str  # the phrase that names the whole project the link belongs to
    route_order: int | None = None
    via: tuple[str, ...] = field(default=())


def load_keywords(name: str, root: Path = paths.ROOT) -> list[tuple[str, str]]:
    """(keyword, value) pairs from data/codebooks/<name>.csv, in the file's order."""
    path = Path(root) / "data" / "codebooks" / f"{name}.csv"
    value = {"link_modes": "mode", "link_status": "status"}[name]
    rows = codebook.read(path, ("keyword", value), optional=("why",))
    return [(r["keyword"], r[value]) for r in rows]


def first_keyword(sentence: str, keywords: list[tuple[str, str]]) -> tuple[str, str]:
    """(value, keyword) of the first codebook keyword found in the sentence, or ("", "")."""
    lowered = sentence.lower()
    for keyword, value in keywords:
        if re.search(r"\b" + re.escape(keyword.lower()) + r"\b", lowered):
            return value, keyword
    return "", ""


def parse_route(text: str, start: int = 0, end: int | None = None) -> list[list[Stop]]:
    """Route strings in text[start:end], each as its stops in order."""
    routes = []
    for m in ROUTE.finditer(text, start, len(text) if end is None else end):
        stops = [Stop(s.start("name"), s.end("note") + 1 if s.group("note") else s.end("name"),
                      s.group("name"), s.group("note") or "")
                 for s in STOP.finditer(text, m.start(), m.end())]
        if len(stops) >= 3 and not all(s.name in COUNTRIES for s in stops):
            routes.append(stops)
    return routes


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for block in segment.blocks(text):
        spans.extend(segment.sentences(text, block.start, block.end))
    return spans


def parse_links(text: str, gazetteer: Gazetteer | None = None) -> list[Link]:
    """Every transport or border link stated in `text`, in reading order."""
    if not isinstance(text, str):
        raise TypeError(f"parse_links expects str, got {type(text).__name__}")
    gazetteer = gazetteer or Gazetteer({})
    links: list[Link] = []
    for s_start, s_end in _sentence_spans(text):
        sentence = text[s_start:s_end]
        if ROUTE_MODE_WORDS.search(sentence):
            for stops in parse_route(text, s_start, s_end):
                label = text[stops[0].start:stops[-1].end]
                for order, (a, b) in enumerate(zip(stops, stops[1:], strict=False), start=1):
                    links.append(Link(a.start, b.end, "segment", a.name, b.name, label, order))
        for m in CORRIDOR.finditer(text, s_start, s_end):
            names = re.split(r"\s*[–—-]\s*", m.group("names"))
            if all(n in COUNTRIES for n in names):
                links.append(Link(m.start(), m.end(), "corridor", names[0], names[-1],
                                  m.group(0), via=tuple(names[1:-1])))
        for m in PORT_LIST.finditer(text, s_start, s_end):
            ports = gazetteer.find(m.group("list"))
            names = [p.text for p in ports] or re.split(r",\s*|,?\s+and\s+", m.group("list"))
            countries = {p.text: gazetteer.country_of(p.text) for p in ports}
            for i, a in enumerate(names):
                for b in names[i + 1:]:
                    if countries and countries.get(a) == countries.get(b):
                        continue  # two ports of one country: not a bilateral link
                    links.append(Link(m.start(), m.end(), "port_link", a, b, m.group(0)))
        bridge_place = ""
        for m in BRIDGE.finditer(text, s_start, s_end):
            bridge_place = m.group("place")
            links.append(Link(m.start(), m.end(), "bridge", bridge_place, "", m.group(0)))
        for m in HIGHWAY.finditer(text, s_start, s_end):
            before = [p.text for p in gazetteer.find(text[s_start:m.start()])]
            origin = bridge_place or (before[-1] if before else "")
            links.append(Link(m.start(), m.end(), "highway", origin, m.group("to"), m.group(0)))
        for m in TRADE_ZONE.finditer(text, s_start, s_end):
            links.append(Link(m.start(), m.end(), "trade_zone", m.group("a"), m.group("b"),
                              m.group("what")))
        for m in CROSSING.finditer(text, s_start, s_end):
            border = BORDER_OF.search(text, m.end(), s_end)
            a, b = (border.group("a"), border.group("b")) if border else ("", "")
            links.append(Link(m.start(), m.end(), "border_crossing", a, b, m.group("what")))
    return sorted(links, key=lambda link: (link.start, link.route_order or 0, link.end))


# --- the tables ---------------------------------------------------------------------------

def _endpoint(name: str, gazetteer: Gazetteer, places: pd.DataFrame) -> tuple:
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
    return None, country_code(bare)


def _gazetteer(ctx) -> tuple[Gazetteer, pd.DataFrame]:
    places = load_reference("places", ctx.root).set_index("place_id")
    return Gazetteer.from_frame(places.reset_index()), places


def build_transport_links(ctx) -> pd.DataFrame:
    gazetteer, places = _gazetteer(ctx)
    modes = load_keywords("link_modes", ctx.root)
    statuses = load_keywords("link_status", ctx.root)
    sentences = ctx.table("sentences")
    rows = []
    for source_id, source in sorted(ctx.sources.items()):
        text = source.text
        links = parse_links(text, gazetteer)
        ids = sentence_ids(sentences, source_id, [link.start for link in links])
        spans = {r.sentence_id: (int(r.start), int(r.end))
                 for r in sentences[sentences["source_id"] == source_id].itertuples()}
        for link, sid in zip(links, ids, strict=True):
            sentence = text[slice(*spans[sid])]
            mode, _ = first_keyword(link.initiative + " " + text[link.start:link.end], modes)
            if not mode:
                mode, _ = first_keyword(sentence, modes)
            status, status_keyword = first_keyword(sentence, statuses)
            from_id, from_country = _endpoint(link.from_name, gazetteer, places)
            to_id, to_country = _endpoint(link.to_name, gazetteer, places)
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


def build_route_stops(ctx) -> pd.DataFrame:
    gazetteer, places = _gazetteer(ctx)
    rows = []
    for source_id, source in sorted(ctx.sources.items()):
        text = source.text
        for s_start, s_end in _sentence_spans(text):
            if not ROUTE_MODE_WORDS.search(text[s_start:s_end]):
                continue
            for stops in parse_route(text, s_start, s_end):
                route = text[stops[0].start:stops[-1].end]
                for order, stop in enumerate(stops, start=1):
                    place_id, country = _endpoint(stop.name, gazetteer, places)
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
        Column("status", "string", "operating, agreed or proposed "
                                   "(data/codebooks/link_status.csv).", required=False),
        Column("status_keyword", "string", "The keyword of the sentence that set the status.",
               required=False),
        Column("sentence_id", "string", "The sentence that states the link."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_transport_links,
    primary_key=("link_id",),
    depends_on=("sentences",),
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
    primary_key=("source_id", "start"),
)
