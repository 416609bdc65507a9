"""A claims ledger: each checkable claim of the primary source beside what reference pages say.

The claims codebook (data/codebooks/claims.csv) names, for each claim, a regex that finds it in
the source (its evidence), the value it states where it states one, and a reference fact (a
row of a table under data/reference/, by ``fact_id``) with the field to compare. One ledger row
is one claim against one fact; a claim with no fact is "not checked". The verdict follows from
the codebook's rule, never from judgement at build time:

- ``equal``: the stated number equals the reference number (to within 0.5 per cent of it);
- ``same_date``: the stated ISO date equals the reference date;
- ``in_year``: the reference date falls in the stated year;
- ``before_source``: the reference event is dated before the event the source reports (its
  catalogue ``event_date``): what the claim presents as existing did exist;
- ``after_source``: the reference event is dated after it: what the claim announces followed;
- ``none``: no reference fact: "not checked".

A rule that holds gives "consistent", one that fails "conflicting". The reference fact's
address and access date are carried beside the source span, so both evidences are in the row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.io import codebooks as codebook
from analysis.io.sources import PRIMARY_SOURCE_ID
from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table

CODEBOOK = Path("data") / "codebooks" / "claims.csv"
CODEBOOK_COLUMNS = ("claim_id", "topic", "claim", "source_pattern", "rule")
OPTIONAL_COLUMNS = ("source_value", "reference_table", "fact_id", "reference_field", "note")
RULES = ("equal", "same_date", "in_year", "before_source", "after_source", "none")
VERDICTS = ("consistent", "conflicting", "not checked")
TOLERANCE = 0.005


def verdict(rule: str, stated: str, found: str, event_date: str) -> tuple[str, str]:
    """(verdict, reason in words) for one claim against one reference value."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; known: {RULES}")
    if rule == "none":
        return "not checked", "no reference fact"
    if found in (None, ""):
        raise ValueError(f"rule {rule!r} needs a reference value")
    if rule == "equal":
        a, b = float(stated), float(found)
        ok = abs(a - b) <= TOLERANCE * abs(b)
        return _say(ok, f"stated {stated} {'=' if ok else '≠'} reference {found}")
    if rule == "same_date":
        ok = stated == found
        return _say(ok, f"stated {stated} {'=' if ok else '≠'} reference {found}")
    if rule == "in_year":
        ok = found[:4] == stated[:4]
        return _say(ok, f"reference {found} {'is' if ok else 'is not'} in {stated[:4]}")
    # ISO dates of any precision compare as text on their common prefix
    common = min(len(found), len(event_date))
    ref, event = found[:common], event_date[:common]
    if rule == "before_source":
        ok = ref < event
        return _say(ok, f"reference {found} {'before' if ok else 'not before'} {event_date}")
    ok = ref > event
    return _say(ok, f"reference {found} {'after' if ok else 'not after'} {event_date}")


def _say(ok: bool, reason: str) -> tuple[str, str]:
    return ("consistent" if ok else "conflicting"), reason


def build_claims(paragraph_parts, texts, codebook_claims, reference_trade_turnover,
                 reference_border_milestones, reference_other_events,
                 reference_railway_milestones) -> pd.DataFrame:
    source = texts[PRIMARY_SOURCE_ID]
    text = source.text
    event_date = source.record.get("event_date") or source.date_published
    paragraphs = paragraph_parts[paragraph_parts["source_id"] == source.source_id]
    path = codebook_claims
    tables = {"trade_turnover": reference_trade_turnover,
              "border_milestones": reference_border_milestones,
              "other_events": reference_other_events,
              "railway_milestones": reference_railway_milestones}
    rows = []
    for entry in codebook.read(path, CODEBOOK_COLUMNS, OPTIONAL_COLUMNS):
        where = f"line {entry['_line']}"
        found = list(re.finditer(entry["source_pattern"], text))
        if len(found) != 1:
            raise InputError(path, f"{where}, column 'source_pattern'",
                             "a pattern found exactly once in the primary source",
                             f"{len(found)} matches")
        m = found[0]
        para = paragraphs[(paragraphs["start"] <= m.start()) & (paragraphs["end"] > m.start())]
        fact, ref_value, says = None, None, None
        if entry["rule"] != "none":
            name = entry["reference_table"]
            if name not in tables:
                raise InputError(path, f"{where}, column 'reference_table'",
                                 f"a reference table the claims table declares as input, one "
                                 f"of {sorted(tables)}", repr(name))
            hit = tables[name][tables[name]["fact_id"] == entry["fact_id"]]
            if len(hit) != 1:
                raise InputError(path, f"{where}, column 'fact_id'",
                                 f"one row of data/reference/{name}.csv",
                                 f"{len(hit)} rows with fact_id {entry['fact_id']!r}")
            fact = hit.iloc[0]
            ref_value = fact[entry["reference_field"]]
            ref_value = None if pd.isna(ref_value) else _plain(ref_value)
            says = fact.get("event", fact.get("period_label"))
        try:
            result, reason = verdict(entry["rule"], entry.get("source_value", ""),
                                     ref_value, event_date)
        except ValueError as exc:
            raise InputError(path, where, "a rule its values allow", str(exc)) from exc
        rows.append({
            "claim_id": entry["claim_id"], "topic": entry["topic"], "claim": entry["claim"],
            "part": para.iloc[0]["part"], "paragraph_id": para.iloc[0]["paragraph_id"],
            "source_value": entry.get("source_value") or None,
            "reference_table": entry.get("reference_table") or None,
            "fact_id": entry.get("fact_id") or None,
            "reference_field": entry.get("reference_field") or None,
            "reference_value": ref_value, "reference_says": says,
            "reference_address": None if fact is None else fact["address"],
            "reference_accessed": None if fact is None else fact["accessed"],
            "reference_address_kind": None if fact is None else fact.get("address_kind"),
            "rule": entry["rule"], "verdict": result, "reason": reason,
            "note": entry.get("note") or None,
            **Evidence.span(source.source_id, text, m.start(), m.end()).as_row(),
        })
    return pd.DataFrame(rows, columns=CLAIMS.column_names)


def _plain(value) -> str:
    """A reference value as text: whole numbers without a trailing .0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


CLAIMS = Table(
    name="claims",
    description="Claims ledger: each checkable claim of the primary source against a "
                "reference fact (data/reference/), with the verdict by the codebook's rule "
                "(data/codebooks/claims.csv; rules in analysis.claims). Evidence is the "
                "claim's span in the source; the reference's is its address.",
    columns=(
        Column("claim_id", "string", "Claim id (a claim checked against two facts has two "
                                     "rows)."),
        Column("topic", "string", "trade, transport, border, diplomacy, ..."),
        Column("claim", "string", "The claim, in words."),
        Column("part", "string", "Part of the source the claim is in."),
        Column("paragraph_id", "string", "Paragraph of the claim."),
        Column("source_value", "string", "The value the claim states, if any.", required=False),
        Column("reference_table", "string", "Reference table (data/reference/).",
               required=False),
        Column("fact_id", "string", "Row of the reference table.", required=False),
        Column("reference_field", "string", "Column compared.", required=False),
        Column("reference_value", "string", "The reference value compared.", required=False),
        Column("reference_says", "string", "The reference fact, in words.", required=False),
        Column("reference_address", "string", "Address of the reference page.",
               required=False),
        Column("reference_accessed", "date", "When the reference page was read.",
               required=False),
        Column("reference_address_kind", "string", "page (the address is the page's), site "
               "(only the site is known) or primary.", required=False),
        Column("rule", "string", "Verdict rule: " + ", ".join(RULES) + "."),
        Column("verdict", "string", "consistent, conflicting or not checked."),
        Column("reason", "string", "The comparison that gave the verdict."),
        Column("note", "string", "What the reference adds.", required=False),
        *EVIDENCE_COLUMNS,
    ),
    build=build_claims,
    inputs=("paragraph_parts", "texts", "codebook:claims", "reference:trade_turnover",
            "reference:border_milestones", "reference:other_events",
            "reference:railway_milestones"),
    primary_key=("claim_id", "fact_id"),
)
