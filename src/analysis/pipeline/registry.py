"""Every derived table, in build order. Add a table here and it is written, described in
datapackage.json, checked against its schema and verified for evidence."""

from analysis.tables.actors import ACTOR_MENTIONS, ACTOR_SECTIONS, ACTORS
from analysis.tables.chronology import CHRONOLOGY
from analysis.tables.claims import CLAIMS
from analysis.tables.discrepancies import DISCREPANCIES
from analysis.tables.events import EVENTS
from analysis.tables.naming import NAMING_BY_PART, NAMING_BY_SECTION, NAMING_ORDER
from analysis.tables.parts import PARAGRAPH_PARTS
from analysis.tables.places import PLACE_MENTIONS
from analysis.tables.quantities import QUANTITIES
from analysis.tables.signed_documents import SIGNED_DOCUMENTS
from analysis.tables.structure import PARAGRAPHS, SECTIONS, SENTENCES, SOURCES
from analysis.tables.themes import (
    PARAGRAPH_THEMES,
    THEME_CODEBOOK,
    THEME_MATCHES,
    THEMES_BY_PART,
    THEMES_BY_SECTION,
)
from analysis.tables.transport import ROUTE_STOPS, TRANSPORT_LINKS

TABLES = (
    SOURCES,
    SECTIONS,
    PARAGRAPHS,
    SENTENCES,
    SIGNED_DOCUMENTS,
    PARAGRAPH_PARTS,
    THEME_CODEBOOK,
    THEME_MATCHES,
    PARAGRAPH_THEMES,
    THEMES_BY_PART,
    THEMES_BY_SECTION,
    ACTOR_MENTIONS,
    ACTORS,
    ACTOR_SECTIONS,
    NAMING_ORDER,
    NAMING_BY_SECTION,
    NAMING_BY_PART,
    DISCREPANCIES,
    CLAIMS,
    QUANTITIES,
    EVENTS,
    CHRONOLOGY,
    PLACE_MENTIONS,
    ROUTE_STOPS,
    TRANSPORT_LINKS,
)
