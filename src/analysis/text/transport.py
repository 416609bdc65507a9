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
Mode comes from data/codebooks/link_modes.csv and status (operating, agreed, intended,
proposed) from data/codebooks/link_status.csv: the first keyword of the file found in the
link's sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.io import codebooks as codebook
from analysis.text import segment
from analysis.text.places import Gazetteer, country_code

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


def keyword_pairs(book: codebook.Loaded, value: str) -> list[tuple[str, str]]:
    """(keyword, value) pairs from a keyword codebook (link_modes.csv, link_status.csv) as io
    read it, in the file's order."""
    return [(r["keyword"], r[value]) for r in book]


def first_keyword(sentence: str, keywords: list[tuple[str, str]]) -> tuple[str, str]:
    """(value, keyword) of the first codebook keyword found in the sentence, or ("", "")."""
    return codebook.first_keyword(sentence, keywords)


def parse_route(text: str, start: int = 0, end: int | None = None, *,
                countries: tuple[codebook.Entry, ...]) -> list[list[Stop]]:
    """Route strings in text[start:end], each as its stops in order (a string of country names
    only, as `countries` (codebooks.countries) gives them, is a corridor, not a route)."""
    routes = []
    for m in ROUTE.finditer(text, start, len(text) if end is None else end):
        stops = [Stop(s.start("name"), s.end("note") + 1 if s.group("note") else s.end("name"),
                      s.group("name"), s.group("note") or "")
                 for s in STOP.finditer(text, m.start(), m.end())]
        if len(stops) >= 3 and not all(country_code(s.name, countries) for s in stops):
            routes.append(stops)
    return routes


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for block in segment.blocks(text):
        spans.extend(segment.sentences(text, block.start, block.end))
    return spans


def parse_links(text: str, gazetteer: Gazetteer | None = None, *,
                countries: tuple[codebook.Entry, ...]) -> list[Link]:
    """Every transport or border link stated in `text`, in reading order; `countries`
    (codebooks.countries) tells a corridor of countries from a route of places."""
    if not isinstance(text, str):
        raise TypeError(f"parse_links expects str, got {type(text).__name__}")
    gazetteer = gazetteer or Gazetteer({})
    links: list[Link] = []
    for s_start, s_end in _sentence_spans(text):
        sentence = text[s_start:s_end]
        if ROUTE_MODE_WORDS.search(sentence):
            for stops in parse_route(text, s_start, s_end, countries=countries):
                label = text[stops[0].start:stops[-1].end]
                for order, (a, b) in enumerate(zip(stops, stops[1:], strict=False), start=1):
                    links.append(Link(a.start, b.end, "segment", a.name, b.name, label, order))
        for m in CORRIDOR.finditer(text, s_start, s_end):
            names = re.split(r"\s*[–—-]\s*", m.group("names"))
            if all(country_code(n, countries) for n in names):
                links.append(Link(m.start(), m.end(), "corridor", names[0], names[-1],
                                  m.group(0), via=tuple(names[1:-1])))
        for m in PORT_LIST.finditer(text, s_start, s_end):
            ports = gazetteer.find(m.group("list"))
            names = [p.text for p in ports] or re.split(r",\s*|,?\s+and\s+", m.group("list"))
            country = {p.text: gazetteer.country_of(p.text) for p in ports}
            for i, a in enumerate(names):
                for b in names[i + 1:]:
                    if country and country.get(a) == country.get(b):
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
