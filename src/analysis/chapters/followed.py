"""The "What followed" chapter's arithmetic: the counts it states and the markers of its lanes.

Reads the derived `commitments` and `follow_through` tables and the reference follow-ups;
draws nothing. Every count is over the rows the tracking rule tracks, unless it says otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.chapters.border import as_timestamp
from analysis.io import codebooks, paths
from analysis.pipeline import load
from analysis.schema.row_ids import SOURCE_ROWS
from analysis.tables.follow_through import counted

# A marker's shape by what its row counts as: told apart by shape and fill, not by colour.
SHAPES = {"delivered": ("o", True), "in progress": ("^", True), "restated": ("s", False),
          "abandoned": ("X", True), "context": ("d", False)}
# What a lane with no marker of its own says, by its verdict.
LANE_NOTES = {"no later report found": "searched: no later report found",
              "not searched": "not searched: no key names it"}
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec")


def short_date(iso: str) -> str:
    """A marker's date: "Oct 2024" (day or month precision) or "2023" (year precision)."""
    return iso if len(iso) == 4 else f"{SHORT_MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"


def lane_label(row: pd.Series) -> str:
    """A lane's name: the key's short label, else the clause id and its deliverable's words."""
    if pd.notna(row["short_label"]):
        return row["short_label"]
    words = row["deliverable_words"] if pd.notna(row["deliverable_words"]) else "commitment"
    return f"{row['commitment_id']}: {words} (no key)"


def lane_note(row: pd.Series) -> str | None:
    """What a lane says in words where it has no report: searched and nothing found, or not
    searched; None for a lane with a verdict drawn from its reports."""
    return LANE_NOTES.get(row["verdict"])


def markers(follow_through: pd.DataFrame, followups: pd.DataFrame,
            root: Path = paths.ROOT) -> pd.DataFrame:
    """One marker per lane, kind and month: the follow-up rows of each tracked commitment,
    those reporting the same kind in the same month drawn as one marker naming them all."""
    kinds = codebooks.followup_kinds(codebooks.load("followup_kinds", root))
    tracked = follow_through[follow_through["tracked"]]
    rows = []
    for lane, c in enumerate(tracked.itertuples(index=False)):
        mine = followups[followups["commitment_key"] == c.commitment_key]
        for r in mine.itertuples(index=False):
            deliverable = c.deliverable if pd.notna(c.deliverable) else None
            rows.append({"lane": lane, "commitment_id": c.commitment_id, "kind": r.kind,
                         "counts_as": counted(r.kind, deliverable, kinds),
                         "month": r.event_date[:7], "event_date": r.event_date,
                         "followup_id": r.followup_id})
    frame = pd.DataFrame(rows, columns=["lane", "commitment_id", "kind", "counts_as", "month",
                                        "event_date", "followup_id"])
    grouped = frame.groupby(["lane", "kind", "month"], sort=False).agg(
        commitment_id=("commitment_id", "first"), counts_as=("counts_as", "first"),
        event_date=("event_date", "min"), followup_ids=("followup_id", "; ".join),
        rows=("followup_id", "size")).reset_index()
    grouped["when"] = grouped["event_date"].map(as_timestamp)
    grouped["label"] = [f"{k} {short_date(m if len(d) > 4 else d)}"
                        for k, m, d in zip(grouped["kind"], grouped["month"],
                                           grouped["event_date"], strict=True)]
    return grouped.sort_values(["lane", "when", "kind"], kind="stable").reset_index(drop=True)


def counts(commitments: pd.DataFrame, follow_through: pd.DataFrame) -> dict[str, object]:
    """The numbers the chapter states, by name (glued as followed_<name>)."""
    tracked = follow_through[follow_through["tracked"]]
    verdicts = tracked["verdict"].value_counts()
    days = tracked["days_to_delivery"].dropna()
    late = tracked["deadline_met"] == "no"
    # past its deadline with no delivery report: only where a search was made, for an
    # unsearched commitment says nothing
    overdue = ((tracked["deadline_met"] == "no delivery report") & tracked["deadline_passed"]
               & (tracked["verdict"] != "not searched"))
    keyed = follow_through[~follow_through["tracked"]]
    out = {"commitments_n": len(commitments), "tracked_n": len(tracked),
           "untracked_n": int((~commitments["tracked"]).sum()),
           "keyed_n": int(commitments["commitment_key"].notna().sum()),
           "keyed_tracked_n": int(tracked["commitment_key"].notna().sum()),
           "keyed_untracked_n": len(keyed),
           "keyed_untracked_delivered_n": int((keyed["verdict"] == "delivered").sum()),
           "with_deadline_n": int(tracked["deadline"].notna().sum()),
           "late_n": int(late.sum()), "overdue_n": int(overdue.sum()),
           "past_deadline_n": int(late.sum() + overdue.sum()),
           "unsearched_deadline_n": int(((tracked["verdict"] == "not searched")
                                         & tracked["deadline"].notna()).sum()),
           "days_n": len(days),
           "median_days": int(days.median()) if len(days) else None}
    for word in ("delivered", "in progress", "restated", "abandoned", "no later report found",
                 "not searched"):
        out[word.replace(" ", "_") + "_n"] = int(verdicts.get(word, 0))
    for strength in codebooks.STRENGTHS:
        out[f"strength_{strength}_n"] = int((commitments["strength"] == strength).sum())
    for part, n in commitments["part"].value_counts().items():
        out[f"part_{part}_n"] = int(n)
    return out


def figure_rows(tracked: pd.DataFrame, kinds: pd.DataFrame, followups: pd.DataFrame,
                start: pd.Timestamp) -> pd.DataFrame:
    """The lanes figure's data, one row per thing drawn on a lane, lane by lane: the commitment
    at `start` (table commitments), each marker of `kinds` (`markers`: its follow-up rows and
    their pages), the deadline (the commitment's own words, at the end of the period they
    name) and the lane's note (`lane_note`, resting on the lane's searches where it names
    any). `tracked`: the tracked rows of follow_through, in lane order. Every row also names
    its lane's follow_through row."""
    pages = followups.set_index("followup_id")["address"]
    rows = []
    for lane, c in enumerate(tracked.itertuples(index=False)):
        base = {"lane": lane + 1, "commitment_id": c.commitment_id,
                "lane_label": lane_label(pd.Series(c._asdict())), "verdict": c.verdict}
        own = load.row_id("follow_through", c.commitment_id)
        made = load.row_id("commitments", c.commitment_id)
        items = [{"element": "commitment", "when": start,
                  SOURCE_ROWS: load.joined([own, made])}]
        for m in kinds[kinds["lane"] == lane].itertuples(index=False):
            ids = m.followup_ids.split("; ")
            items.append({"element": "follow-up", "when": m.when, "event_date": m.event_date,
                          "kind": m.kind, "counts_as": m.counts_as, "label": m.label,
                          SOURCE_ROWS: load.joined(
                              [own] + [load.row_id("commitment_followups", i) for i in ids]),
                          "address": "; ".join(dict.fromkeys(pages.loc[ids].dropna()))})
        if pd.notna(c.deadline_end):
            items.append({"element": "deadline", "when": pd.Timestamp(c.deadline_end),
                          "label": f"deadline {c.deadline}",
                          SOURCE_ROWS: load.joined([own, made])})
        note = lane_note(pd.Series(c._asdict()))
        if note:
            searched = ([load.row_id("commitment_searches", i)
                         for i in c.search_ids.split("; ")]
                        if isinstance(c.search_ids, str) and c.search_ids else [])
            items.append({"element": "note", "when": start, "label": note,
                          SOURCE_ROWS: load.joined([own] + searched)})
        rows += [base | item for item in items]
    out = pd.DataFrame(rows, columns=[
        "lane", "commitment_id", "lane_label", "verdict", "element", "when", "event_date",
        "kind", "counts_as", "label", "address", SOURCE_ROWS])
    out.insert(out.columns.get_loc("when"), "date", out.pop("when").dt.strftime("%Y-%m-%d"))
    return out
