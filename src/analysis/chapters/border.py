"""The border chapter's arithmetic: the legal timeline and the disagreement on lengths.

Reads tables (reference milestones and the derived `events`) and the event labels codebook,
which marks the labels drawn on the border timeline; draws nothing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.io import codebooks, paths
from analysis.pipeline import load
from analysis.schema.row_ids import SOURCE_ROWS

# The kinds of address that name a page: any other row is unsourced and marked as such.
SOURCED_KINDS = ("page", "primary")


def timeline_labels(root: Path = paths.ROOT) -> tuple[str, ...]:
    """Labels of primary-source date mentions that belong on the border timeline: the rows of
    data/codebooks/event_labels.csv whose `timeline` is "border"."""
    rows = codebooks.read(codebooks.path_of("event_labels", root), ("keyword", "label"),
                          codebooks.EVENT_LABEL_OPTIONAL)
    return tuple(dict.fromkeys(r["label"] for r in rows if r["timeline"] == "border"))


def as_timestamp(iso: str) -> pd.Timestamp:
    """A point to draw an ISO date of any precision at: the middle of its month or year."""
    if len(iso) == 4:
        return pd.Timestamp(f"{iso}-07-01")
    if len(iso) == 7:
        return pd.Timestamp(f"{iso}-15")
    return pd.Timestamp(iso)


def timeline(milestones: pd.DataFrame, events: pd.DataFrame,
             labels: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Reference milestones and the primary source's own dated mentions, in date order.

    `origin` is "primary" for a row the primary source states (a reference row whose address
    is the primary source, or an `events` row) and "reference" otherwise; `start` is the
    offset of an `events` row's mention in the source (empty for a reference row). `role` is
    the milestone's (border, caspian or cited; a primary mention chosen by its label is a
    border step). A primary mention on the same day as a reference milestone is kept as its
    own row: the figure shows both. `source_rows` is the row's id (pipeline.load.row_ids).
    """
    ref = pd.DataFrame({
        "date": milestones["date"], "precision": milestones["precision"],
        "label": milestones["event"],
        "origin": milestones["address_kind"].map(lambda k: "primary" if k == "primary"
                                                 else "reference"),
        "where": milestones["address"],
        "row_id": milestones["fact_id"],
        "sourced": milestones["address_kind"].isin(SOURCED_KINDS),
        "role": milestones["role"],
        "start": pd.array([pd.NA] * len(milestones), dtype="Int64"),
        SOURCE_ROWS: load.row_ids("border_milestones", milestones),
    })
    labels = timeline_labels() if labels is None else labels
    chosen = events[events["label"].isin(labels)].drop_duplicates("label")
    prim = pd.DataFrame({
        "date": chosen["date"], "precision": chosen["precision"], "label": chosen["label"],
        "origin": "primary",
        "where": "primary source, characters " + chosen["start"].astype(str) + "-"
                 + chosen["end"].astype(str),
        "row_id": chosen["sentence_id"], "sourced": True, "role": "border",
        "start": chosen["start"].astype("Int64"),
        SOURCE_ROWS: load.row_ids("events", chosen),
    })
    out = pd.concat([ref, prim], ignore_index=True) if len(prim) else ref.copy()
    out["x"] = out["date"].map(as_timestamp)
    return out.sort_values(["x", "origin", "label"], kind="stable").reset_index(drop=True)


def border_steps(timeline: pd.DataFrame) -> pd.DataFrame:
    """The steps of the border itself (`role` border): not the Caspian instruments of other
    littoral states that frame it, nor a treaty a border instrument merely cites."""
    return timeline[timeline["role"] == "border"]


def span_years(timeline: pd.DataFrame) -> int:
    """Calendar years from the first border step to the last (1999 to 2022 is 23): the span
    counts border instruments and their ratifications only (`border_steps`)."""
    steps = border_steps(timeline)
    return int(steps["date"].iloc[-1][:4]) - int(steps["date"].iloc[0][:4])


def land_lengths(lengths: pd.DataFrame) -> pd.DataFrame:
    """The reported land border lengths, shortest first, with the reporter and whether the
    row names its page (`sourced`)."""
    land = lengths[lengths["measure"] == "land_border_length"]
    land = land.assign(sourced=land["address_kind"].isin(SOURCED_KINDS))
    land = land.assign(label=land["fact_id"] + " " + land["reported_by"]
                       + (~land["sourced"]).map({True: " [no page]", False: ""}))
    return land[["fact_id", "value", "qualifier", "reported_by", "address", "sourced", "label"]
                ].sort_values("value", kind="stable").reset_index(drop=True)
