"""A claims ledger: each checkable claim of the primary source beside what reference pages say.

The claims codebook (data/codebooks/claims.csv) names, for each claim, a regex that finds it in
the source (its evidence), the value it states where it states one, and a reference fact (a
row of a table under data/reference/, by ``fact_id``) with the field to compare. One ledger row
is one comparison: one claim against one fact; a claim with no fact is "not checked". The
verdict follows from the codebook's rule, never from judgement at build time, and says what
was compared:

- ``equal``: an independent report's number equals the stated one within TOLERANCE (a
  "more than x" report: x is not above the stated number): ``consistent``, else ``conflicting``;
- ``same_date``: an independent report's date equals the stated date: ``consistent`` or
  ``conflicting``;
- ``in_year``: an independent report's date falls in the stated year (the tolerance is the
  calendar year): ``consistent`` or ``conflicting``;
- ``repeats``: the page reports the same event and repeats the claim; it is no corroboration:
  ``repeated`` when its value agrees, ``conflicting`` when it does not;
- ``before_source`` / ``after_source``: only the order of dates is checked (the reference
  event is dated before, or after, the event the source reports): ``not contradicted``, or
  ``conflicting`` when the order is wrong;
- ``prior_agreement``: the reference reports an earlier agreement of the same thing, so what
  the source presents as a proposal is ``not new`` (``conflicting`` if it is not earlier);
- ``other_period``: the reference gives the same measure for another period than the claim's
  (January-September against January-August): both are shown, neither confirms nor contradicts
  the other: ``other period``;
- ``prior_plan``: the reference reports the same thing planned, or under way, before the
  event: the proposal is ``not new`` either (``conflicting`` if the report is not earlier);
- ``none``: no reference fact: ``not checked``.

A reference row without a page (``address_kind`` other than page or primary) gives
``not checked`` whatever its value: an unsourced fact corroborates nothing. The reference
fact's address and access date are carried beside the source span, so both evidences are in
the row.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.errors import InputError
from analysis.io.sources import PRIMARY_SOURCE_ID
from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table

RULES = ("equal", "same_date", "in_year", "repeats", "before_source", "after_source",
         "prior_agreement", "prior_plan", "other_period", "none")
# What each rule of an earlier report says was done before the source's event.
PRIOR_WORDS = {"prior_agreement": "agreed", "prior_plan": "planned or under way"}
VERDICTS = ("consistent", "repeated", "not contradicted", "not new", "other period",
            "conflicting", "not checked")
TOLERANCE = 0.005
SOURCED_KINDS = ("page", "primary")


def is_sourced(address_kind) -> bool:
    """Whether a reference row names the page that states it (or is the primary source)."""
    return address_kind in SOURCED_KINDS


def verdict(rule: str, stated: str, found: str, event_date: str,
            qualifier: str = "") -> tuple[str, str]:
    """(verdict, what was compared, in words) for one claim against one reference value.

    `qualifier` is the reference value's own ("more than" makes it a lower bound)."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; known: {RULES}")
    if rule == "none":
        return "not checked", "no reference fact"
    if found in (None, ""):
        raise ValueError(f"rule {rule!r} needs a reference value")
    if rule in ("equal", "repeats") and stated not in (None, ""):
        a, b = float(stated), float(found)
        if qualifier == "more than":
            ok = b <= a
            told = f"stated {stated} vs reference more than {found} (a lower bound)"
        else:
            ok = abs(a - b) <= TOLERANCE * abs(b)
            told = (f"stated {stated} vs reference {found}, tolerance ±{100 * TOLERANCE:g}% "
                    f"of the reference: {'equal' if ok else 'different'}")
        if rule == "repeats":
            return ("repeated" if ok else "conflicting"), (
                f"a report of the same event repeating the claim; {told}")
        return ("consistent" if ok else "conflicting"), told
    if rule == "repeats":
        return "repeated", f"a report of the same event ({found}) repeating the claim"
    if rule == "other_period":
        return "other period", (f"stated {stated} vs reference {found} for another period: "
                                "shown side by side, neither confirmed nor contradicted")
    if rule == "equal":
        raise ValueError("rule 'equal' needs a stated value")
    if rule == "same_date":
        ok = stated == found
        return ("consistent" if ok else "conflicting"), (
            f"stated date {stated} vs reference date {found}: {'same' if ok else 'different'}")
    if rule == "in_year":
        ok = found[:4] == stated[:4]
        return ("consistent" if ok else "conflicting"), (
            f"reference date {found} {'is' if ok else 'is not'} in the stated year "
            f"{stated[:4]} (tolerance: the calendar year)")
    # ISO dates of any precision compare as text on their common prefix
    common = min(len(found), len(event_date))
    ref, event = found[:common], event_date[:common]
    if rule in PRIOR_WORDS:
        ok = ref < event
        return ("not new" if ok else "conflicting"), (
            f"the same thing was reported {PRIOR_WORDS[rule]} on {found}, "
            f"{'before' if ok else 'not before'} {event_date}")
    if rule == "before_source":
        ok = ref < event
        told = f"order of dates only: reference {found} {'before' if ok else 'not before'}"
    else:
        ok = ref > event
        told = f"order of dates only: reference {found} {'after' if ok else 'not after'}"
    return ("not contradicted" if ok else "conflicting"), f"{told} {event_date}"


def build_claims(paragraph_parts, texts, codebook_claims, reference_trade_turnover,
                 reference_border_milestones, reference_other_events,
                 reference_railway_milestones) -> pd.DataFrame:
    source = texts[PRIMARY_SOURCE_ID]
    text = source.text
    event_date = source.record.get("event_date") or source.date_published
    paragraphs = paragraph_parts[paragraph_parts["source_id"] == source.source_id]
    path = codebook_claims.file
    tables = {"trade_turnover": reference_trade_turnover,
              "border_milestones": reference_border_milestones,
              "other_events": reference_other_events,
              "railway_milestones": reference_railway_milestones}
    rows = []
    for entry in codebook_claims:
        where = f"line {entry['_line']}"
        found = list(re.finditer(entry["source_pattern"], text))
        if len(found) != 1:
            raise InputError(path, f"{where}, column 'source_pattern'",
                             "a pattern found exactly once in the primary source",
                             f"{len(found)} matches")
        m = found[0]
        para = paragraphs[(paragraphs["start"] <= m.start()) & (paragraphs["end"] > m.start())]
        fact, ref_value, says, qualifier = None, None, None, ""
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
            qualifier = entry.get("qualifier_field") and fact.get(entry["qualifier_field"])
        try:
            result, reason = verdict(entry["rule"], entry.get("source_value", ""),
                                     ref_value, event_date,
                                     "" if pd.isna(qualifier) else qualifier)
        except ValueError as exc:
            raise InputError(path, where, "a rule its values allow", str(exc)) from exc
        if entry["rule"] == "other_period":
            reason += f" (the reference's period: {says})"
        if fact is not None and not is_sourced(fact.get("address_kind")):
            result = "not checked"
            reason = (f"the reference row {entry['fact_id']} names no page (address_kind "
                      f"{fact.get('address_kind')}, address {fact['address']!r}); compared "
                      f"it would be: {reason}")
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
                "(data/codebooks/claims.csv; rules in analysis.tables.claims). One row is "
                "one comparison; a claim may have several. Evidence is the claim's span in "
                "the source; the reference's is its fact_id and address.",
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
        Column("reference_address_kind", "string", "page (the address is the page's), none "
               "(no page found) or primary.", required=False),
        Column("rule", "string", "Verdict rule: " + ", ".join(RULES) + " (analysis.tables."
                                 "claims)."),
        Column("verdict", "string", ", ".join(VERDICTS) + ": consistent only when an "
               "independent report's value or date matches within the stated tolerance."),
        Column("reason", "string", "What was compared, with the tolerance, in words."),
        Column("note", "string", "What the reference adds.", required=False),
        *EVIDENCE_COLUMNS,
    ),
    build=build_claims,
    inputs=("paragraph_parts", "texts", "codebook:claims", "reference:trade_turnover",
            "reference:border_milestones", "reference:other_events",
            "reference:railway_milestones"),
    primary_key=("claim_id", "fact_id"),
)


def counts(ledger: pd.DataFrame) -> dict[str, int]:
    """Claims and comparisons counted apart: `claims` (distinct claims), `comparisons` (rows
    with a reference fact), `claims_compared` (claims with at least one), and the comparisons
    per verdict under the verdict's name."""
    compared = ledger[ledger["fact_id"].notna()]
    out = {"claims": int(ledger["claim_id"].nunique()), "comparisons": len(compared),
           "claims_compared": int(compared["claim_id"].nunique()),
           "claims_without_reference": int(ledger.loc[ledger["fact_id"].isna(),
                                                      "claim_id"].nunique())}
    for name in VERDICTS:
        out[name] = int((ledger["verdict"] == name).sum())
    return out
