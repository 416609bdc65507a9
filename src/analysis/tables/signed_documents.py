"""The table of documents signed during the visit: parsed items, classified by level, sector
and the parties' countries with the codebooks in data/codebooks/, each row with its evidence."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.io import codebooks
from analysis.io.sources import PRIMARY_SOURCE_ID
from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.tables.locate import paragraph_at, paragraphs_by_source
from analysis.text.documents import (
    compile_vocabulary,
    other_naming,
    parse_signed_documents,
    parse_title,
    using,
)

STATE_LEVEL = "intergovernmental"
INTERSTATE = "interstate"
ENTERPRISE = "enterprise"
UNCLASSIFIED = "unclassified"


@dataclass(frozen=True)
class Classifiers:
    """The codebooks that classify a document, as io read them, compiled once."""

    levels: tuple[codebooks.Entry, ...]
    sectors: tuple[codebooks.Entry, ...]
    countries: tuple[codebooks.Entry, ...]

    @classmethod
    def of(cls, levels: codebooks.Loaded, sectors: codebooks.Loaded,
           countries: codebooks.Loaded) -> Classifiers:
        return cls(codebooks.levels(levels), codebooks.sectors(sectors),
                   codebooks.countries(countries))


def party_level(party: str, books: Classifiers) -> str | None:
    """The first level in data/codebooks/levels.csv whose keyword the party contains; a party
    that is a state by name ("the Republic of Kazakhstan") is interstate."""
    if not party:
        return None
    for entry in books.levels:
        if entry.search(party):
            return entry.label
    bare = party.removeprefix("the ").strip()
    for entry in books.countries:
        match = entry.pattern.fullmatch(bare)
        if match:
            return INTERSTATE
    return UNCLASSIFIED


def document_level(instrument: str, title: str, party_a: str, party_b: str,
                   signed_for: str = "", also_named: dict | None = None, *,
                   books: Classifiers) -> tuple[str, str]:
    """The document's level and the rule that gave it.

    With parties, the level of the lower-ranked party (a ministry and a company sign at
    enterprise level), ignoring a party no keyword classifies. Without, in this order: a
    company named by legal form makes it enterprise; a kind that is one of a level's
    instruments (a treaty: interstate; a joint statement: heads of state) gives that level;
    the same document named elsewhere in the source (`also_named`, from
    analysis.text.documents.other_naming) is classified by that naming; anything else is
    intergovernmental by default.
    """
    levels = books.levels
    ranks = {e.label: e.rank for e in levels}
    ranks.setdefault(STATE_LEVEL, 2)
    ranks.setdefault(INTERSTATE, 1)
    ranks[UNCLASSIFIED] = max(ranks.values()) + 1
    if signed_for:
        level = party_level(signed_for, books) or UNCLASSIFIED
        return level, f"signed for the parties by {signed_for}"
    if party_a or party_b:
        found = [party_level(p, books) for p in (party_a, party_b) if p]
        known = [lv for lv in found if lv != UNCLASSIFIED] or found
        level = max(known, key=lambda lv: ranks[lv])
        return level, "parties: " + " and ".join(found)
    enterprise = next(e for e in levels if e.label == ENTERPRISE)
    word = enterprise.search(title)
    if word:
        return ENTERPRISE, f"no parties named; the title names a company ({word})"
    for entry in levels:
        if entry.names_instrument(instrument):
            return entry.label, f"no parties named; a {instrument} is {entry.label}"
    if also_named:
        where = f"[{also_named['start']}:{also_named['end']}]"
        kind = also_named["instrument"]
        for entry in levels:
            if entry.names_instrument(kind):
                return entry.label, (f"no parties named in the list; the source names it a "
                                     f"{kind} between {also_named['party_a']} and "
                                     f"{also_named['party_b']} {where}: {entry.label}")
        level, basis = document_level(kind, "", also_named["party_a"], also_named["party_b"],
                                      books=books)
        return level, f"no parties named in the list; the source names them {where}: {basis}"
    return STATE_LEVEL, "no parties named; intergovernmental by default"


def sector_of(subject: str, parties: str, title: str, *,
              books: Classifiers) -> tuple[str, str, str]:
    """(sector, keyword as written, where it was found): the first sector in
    data/codebooks/sectors.csv with a keyword in the subject, else in the parties, else in the
    title."""
    for where, text in (("subject", subject), ("parties", parties), ("title", title)):
        for entry in books.sectors:
            word = entry.search(text)
            if word:
                return entry.label, word, where
    return UNCLASSIFIED, "", ""


def classify(frame: pd.DataFrame, books: Classifiers, text: str = "") -> pd.DataFrame:
    """Add level, sector and the parties' countries to a frame from parse_signed_documents;
    with the source `text`, a document whose title names no parties is also looked up where
    the text names it again (analysis.text.documents.other_naming)."""
    rows = []
    for item in frame.itertuples(index=False):
        signed_for = parse_title(item.title)["signed_for"]
        also = None
        if text and not (item.party_a or item.party_b):
            also = other_naming(text, item.subject, (item.start, item.end))
        level, basis = document_level(item.instrument, item.title, item.party_a, item.party_b,
                                      signed_for, also, books=books)
        sector, keyword, where = sector_of(item.subject, f"{item.party_a} {item.party_b}",
                                           item.title, books=books)
        rows.append({
            "level": level, "level_basis": basis,
            "sector": sector, "sector_keyword": keyword, "sector_found_in": where,
            "party_a_country": (codebooks.country_of(item.party_a, books.countries)
                                if item.party_a else None),
            "party_b_country": (codebooks.country_of(item.party_b, books.countries)
                                if item.party_b else None),
        })
    return pd.concat([frame.reset_index(drop=True), pd.DataFrame(rows, index=frame.index)],
                     axis=1)


def build(paragraphs, texts, codebook_levels, codebook_sectors, codebook_countries,
          codebook_instruments) -> pd.DataFrame:
    source = texts[PRIMARY_SOURCE_ID]
    books = Classifiers.of(codebook_levels, codebook_sectors, codebook_countries)
    with using(compile_vocabulary(codebook_instruments, codebook_countries)):
        parsed = classify(parse_signed_documents(source.text), books, source.text)
    by_source = paragraphs_by_source(paragraphs)
    rows = []
    for position, item in enumerate(parsed.to_dict("records"), start=1):
        evidence = Evidence.span(source.source_id, source.text, item["start"], item["end"])
        rows.append({
            **{k: (v if v != "" else None) for k, v in item.items()
               if k not in ("start", "end")},
            "position": position,
            "paragraph_id": paragraph_at(by_source, source.source_id,
                                         evidence.start)["paragraph_id"],
            **evidence.as_row(),
        })
    return pd.DataFrame(rows, columns=SIGNED_DOCUMENTS.column_names)


SIGNED_DOCUMENTS = Table(
    name="signed_documents",
    description="Documents signed on 25 October 2021 during the state visit, one row each in "
                "the order the primary source lists them, parsed by analysis.text.documents and "
                "classified with the codebooks in data/codebooks/ (levels.csv, sectors.csv, "
                "countries.csv). Evidence is the item's title as printed.",
    columns=(
        Column("position", "integer", "Order of the item in the source's list, from 1."),
        Column("paragraph_id", "string", "The paragraph of the source holding the item "
                                         "(table paragraphs)."),
        Column("title", "string", "The item without its list marker and closing punctuation."),
        Column("instrument", "string", "Normalised kind: joint statement, agreement, agreement "
                                       "of intent, memorandum, memorandum of understanding, "
                                       "memorandum of intent, ... ('memorandum of cooperation' "
                                       "counts as memorandum)."),
        Column("level", "string",
               "The level of the parties named in the title (data/codebooks/levels.csv, in rank "
               "order): interstate, heads of state, intergovernmental, interagency, enterprise "
               "or academic. Each party gets the first level whose keyword it contains (a state "
               "named alone is interstate); the document takes its lower-ranked classified "
               "party's level. A title naming no parties is enterprise when it names a company "
               "by legal form (JSC, CE ...), takes the level whose instrument it is (treaty: "
               "interstate; joint statement: heads of state), else the level of the source's "
               "other naming of the same document, else intergovernmental by default."),
        Column("level_basis", "string", "The rule and party levels that gave `level`."),
        Column("party_a", "string", "First party named in the title, as written ('between X "
                                    "and Y', or 'of X and Y' for a joint statement); empty "
                                    "when not named.",
               required=False),
        Column("party_b", "string", "Second party named in the title, as written; empty when "
                                    "not named.",
               required=False),
        Column("party_a_country", "string", "ISO 3166-1 alpha-3 code of the country party_a "
                                            "names (by name or adjective, per "
                                            "data/codebooks/countries.csv); empty if none.",
               required=False),
        Column("party_b_country", "string", "ISO 3166-1 alpha-3 code of the country party_b "
                                            "names; empty if none.", required=False),
        Column("subject", "string", "What the instrument is about, as written ('on cooperation "
                                    "in the field of agriculture'); empty when the title says "
                                    "nothing beyond the parties.", required=False),
        Column("sector", "string", "The first sector of data/codebooks/sectors.csv (in file "
                                   "order) with a keyword in the subject, else in the parties, "
                                   "else in the title."),
        Column("sector_keyword", "string", "The keyword, as written, that gave the sector."),
        Column("sector_found_in", "string", "Where the keyword was found: subject, parties or "
                                            "title."),
        *EVIDENCE_COLUMNS,
    ),
    build=build,
    inputs=("paragraphs", "texts", "codebook:levels", "codebook:sectors",
            "codebook:countries", "codebook:instruments"),
    primary_key=("source_id", "position"),
)
