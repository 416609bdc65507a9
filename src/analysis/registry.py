"""Every derived table, in build order. Add a table here and it is written, described in
datapackage.json, checked against its schema and verified for evidence."""

from .dates import EVENTS
from .quantities import QUANTITIES
from .structure import PARAGRAPHS, SECTIONS, SENTENCES

TABLES = (
    SECTIONS,
    PARAGRAPHS,
    SENTENCES,
    QUANTITIES,
    EVENTS,
)
