"""Every derived table, in build order. Add a table here and it is written, described in
datapackage.json, checked against its schema and verified for evidence."""

from .dates import EVENTS
from .places import PLACE_MENTIONS
from .quantities import QUANTITIES
from .signed_documents import SIGNED_DOCUMENTS
from .structure import PARAGRAPHS, SECTIONS, SENTENCES, SOURCES
from .transport import ROUTE_STOPS, TRANSPORT_LINKS

TABLES = (
    SOURCES,
    SECTIONS,
    PARAGRAPHS,
    SENTENCES,
    SIGNED_DOCUMENTS,
    QUANTITIES,
    EVENTS,
    PLACE_MENTIONS,
    ROUTE_STOPS,
    TRANSPORT_LINKS,
)
