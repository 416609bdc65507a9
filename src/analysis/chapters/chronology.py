"""The chronology figure's rows: each dated event in the lane of its kind, with the short
label declared for it (data/codebooks/chronology_labels.csv for reference rows, the `short`
column of data/codebooks/event_labels.csv for the primary source's events), and the rows
that give one event different dates merged into one range. Draws nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.chapters.border import as_timestamp
from analysis.io import codebooks, paths
from analysis.pipeline import load
from analysis.schema.row_ids import SOURCE_ROWS

# Lanes from top to bottom, each with the kinds of row it holds (table chronology, `kind`).
LANES = {
    "relations and visits": ("diplomatic_relations", "visit", "commission"),
    "treaties and agreements": ("treaty", "convention", "memorandum", "agreement"),
    "ratification and entry into force": ("ratification", "entry_into_force"),
    "railway": ("railway",),
    "targets, statements and reports": ("target", "statement", "report"),
    "dates in the primary source": ("date in the primary source",),
}
LANE_OF = {kind: lane for lane, kinds in LANES.items() for kind in kinds}
# Which labels each width draws (priorities of the codebooks): the column drops priority 2.
PRIORITIES = {"full": ("1", "2"), "column": ("1",)}


def short_labels(root: Path = paths.ROOT) -> tuple[dict, dict]:
    """({fact_id: (short, priority)}, {event label: (short, priority)}) from the codebooks."""
    codebooks_dir = codebooks.path_of("chronology_labels", root)
    by_fact = {r["fact_id"]: (r["short"], r["priority"])
               for r in codebooks.read(codebooks_dir, ("fact_id", "short", "priority"),
                                       ("note",))}
    by_label = {r["label"]: (r["short"], r["priority"])
                for r in codebooks.read(codebooks.path_of("event_labels", root),
                                        ("keyword", "label"), codebooks.EVENT_LABEL_OPTIONAL)
                if r["short"]}
    return by_fact, by_label


def figure_rows(chronology: pd.DataFrame, labels: tuple[dict, dict] | None = None
                ) -> pd.DataFrame:
    """One row a mark of the figure: `lane`, `start` and `end` (a range where rows give one
    event different dates, or an event lasts days), `short` and `priority` (empty where none
    is declared), `origin`, `sourced` (False if any row of it names no page), `rows` (the
    row ids it stands for), `conflict` (whether its rows disagree on the date), `dates` (as
    the rows give them), `source_rows` (their ids, pipeline.load.row_ids) and `address`
    (their pages).
    Raises KeyError for a kind no lane holds."""
    by_fact, by_label = short_labels() if labels is None else labels
    unknown = sorted(set(chronology["kind"]) - set(LANE_OF))
    if unknown:
        raise KeyError(f"chronology kinds {unknown} are in no lane of "
                       "analysis.chapters.chronology.LANES")
    group = chronology["conflict_group"].fillna(chronology["table"] + ":" + chronology["row_id"])
    out = []
    for _, rows in chronology.groupby(group, sort=False):
        starts = [as_timestamp(d) for d in rows["date"]]
        ends = [as_timestamp(e if isinstance(e, str) and e else d)
                for d, e in zip(rows["date"], rows["date_end"], strict=True)]
        found = [by_fact.get(r.row_id) if r.origin == "reference" else by_label.get(r.event)
                 for r in rows.itertuples()]
        short, priority = next((f for f in found if f), ("", ""))
        out.append({"lane": LANE_OF[rows["kind"].iloc[0]], "start": min(starts),
                    "end": max(ends), "short": short, "priority": priority,
                    "origin": rows["origin"].iloc[0],
                    "sourced": bool(rows["sourced"].astype(bool).all()),
                    "rows": ", ".join(rows["row_id"]), "conflict": rows["date"].nunique() > 1,
                    "dates": ", ".join(rows["date"]),
                    SOURCE_ROWS: load.joined(load.row_ids("chronology", rows)),
                    "address": "; ".join(dict.fromkeys(a for a in rows["address"]
                                                       if isinstance(a, str) and a))})
    frame = pd.DataFrame(out)
    return frame.sort_values(["start", "lane"], kind="stable").reset_index(drop=True)


def labelled(rows: pd.DataFrame, width_name: str) -> pd.DataFrame:
    """The rows whose label the figure at `width_name` tries to draw, in the order it tries
    them: priority 1 before 2, and within a priority the latest first (a label runs rightwards
    from its mark, so a later one never stands in the way of an earlier one's leader). With
    `analysis.publish.timeline.place`, which leaves out a label that finds no free place,
    this is the declared thinning rule."""
    chosen = rows[rows["short"].ne("") & rows["priority"].isin(PRIORITIES[width_name])]
    return chosen.sort_values(["priority", "start"], ascending=[True, False], kind="stable")
