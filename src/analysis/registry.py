"""Every derived table, in build order. Add a table here and it is written, described in
datapackage.json, checked against its schema and verified for evidence."""

from .structure import PARAGRAPHS, SECTIONS, SENTENCES, SOURCES

TABLES = (
    SOURCES,
    SECTIONS,
    PARAGRAPHS,
    SENTENCES,
)
