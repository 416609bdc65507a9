"""Every derived table, with the inputs each builder reads. Add a table here and it is built,
written, described in datapackage.json, checked against its schema and verified for evidence.

The build order is not written anywhere: `build_order` derives it from the declared inputs and
refuses an input that names nothing known, a builder whose parameters differ from its declared
inputs, and a cycle.
"""

from __future__ import annotations

import graphlib
import inspect

from analysis.errors import AnalysisError
from analysis.schema.table import Table, parameter
from analysis.tables.actors import ACTOR_MENTIONS, ACTOR_SECTIONS, ACTORS
from analysis.tables.chronology import CHRONOLOGY
from analysis.tables.claims import CLAIMS
from analysis.tables.commitments import COMMITMENTS
from analysis.tables.discrepancies import DISCREPANCIES
from analysis.tables.events import EVENTS
from analysis.tables.follow_through import FOLLOW_THROUGH
from analysis.tables.naming import NAMING_BY_PART, NAMING_BY_SECTION, NAMING_ORDER
from analysis.tables.parts import PARAGRAPH_PARTS
from analysis.tables.places import PLACE_MENTIONS
from analysis.tables.quantities import QUANTITIES
from analysis.tables.reference_checks import REFERENCE_CHECKS
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

# The order of datapackage.json and of the Data page; the build order is derived.
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
    REFERENCE_CHECKS,
    COMMITMENTS,
    FOLLOW_THROUGH,
    QUANTITIES,
    EVENTS,
    CHRONOLOGY,
    PLACE_MENTIONS,
    ROUTE_STOPS,
    TRANSPORT_LINKS,
)


class RegistryError(AnalysisError):
    """The table declarations contradict themselves: an unknown input, a cycle, a mismatch."""


def _known_inputs() -> set[str]:
    from analysis.io.codebooks import CODEBOOKS
    from analysis.io.reference import REFERENCE_TABLES

    return ({"texts"} | {f"reference:{t.name}" for t in REFERENCE_TABLES}
            | {f"codebook:{c.name}" for c in CODEBOOKS})


def build_order(tables=TABLES) -> list[Table]:
    """The tables in an order where each comes after every table it reads (graphlib's
    topological order, tables ready together kept in the registry's order), after checking
    each declaration."""
    by_name = {t.name: t for t in tables}
    if len(by_name) != len(tables):
        dup = next(t.name for t in tables if sum(u.name == t.name for u in tables) > 1)
        raise RegistryError(f"table {dup!r} is declared twice in the registry")
    files = _known_inputs()
    for table in tables:
        for name in table.inputs:
            if name not in by_name and name not in files:
                raise RegistryError(
                    f"table {table.name!r}: input {name!r} is not declared; expected a table of "
                    f"the registry, 'texts', 'reference:<name>' or 'codebook:<name>'")
        if table.build is not None:
            params = list(inspect.signature(table.build).parameters)
            wanted = [parameter(n) for n in table.inputs]
            if sorted(params) != sorted(wanted):
                raise RegistryError(
                    f"table {table.name!r}: builder {table.build.__name__} takes {params}; "
                    f"its declared inputs give {wanted}")
    sorter = graphlib.TopologicalSorter(
        {t.name: [n for n in t.inputs if n in by_name] for t in tables})
    try:
        sorter.prepare()
    except graphlib.CycleError as exc:
        cycle = list(reversed(exc.args[1]))
        raise RegistryError(f"tables read each other in a cycle: {' -> '.join(cycle)}") from None
    position = {t.name: i for i, t in enumerate(tables)}
    order = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.__getitem__)
        order += [by_name[name] for name in ready]
        sorter.done(*ready)
    return order
