"""The border chapter's arithmetic: the legal timeline and the disagreement on lengths.

Reads tables only (reference milestones and the derived `events`); draws nothing.
"""

from __future__ import annotations

import pandas as pd

# Primary-source date mentions that belong on the border timeline, by their events label.
PRIMARY_LABELS = ("Treaty on Strategic Partnership",)


def as_timestamp(iso: str) -> pd.Timestamp:
    """A point to draw an ISO date of any precision at: the middle of its month or year."""
    if len(iso) == 4:
        return pd.Timestamp(f"{iso}-07-01")
    if len(iso) == 7:
        return pd.Timestamp(f"{iso}-15")
    return pd.Timestamp(iso)


def timeline(milestones: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Reference milestones and the primary source's own dated mentions, in date order.

    `origin` is "primary" for a row the primary source states (a reference row whose address
    is the primary source, or an `events` row) and "reference" otherwise; `start` is the
    offset of an `events` row's mention in the source (empty for a reference row). A primary
    mention on the same day as a reference milestone is kept as its own row: the figure shows
    both.
    """
    ref = pd.DataFrame({
        "date": milestones["date"], "precision": milestones["precision"],
        "label": milestones["event"],
        "origin": milestones["address_kind"].map(lambda k: "primary" if k == "primary"
                                                 else "reference"),
        "where": milestones["address"],
        "start": pd.array([pd.NA] * len(milestones), dtype="Int64"),
    })
    chosen = events[events["label"].isin(PRIMARY_LABELS)].drop_duplicates("label")
    prim = pd.DataFrame({
        "date": chosen["date"], "precision": chosen["precision"], "label": chosen["label"],
        "origin": "primary",
        "where": "primary source, characters " + chosen["start"].astype(str) + "-"
                 + chosen["end"].astype(str),
        "start": chosen["start"].astype("Int64"),
    })
    out = pd.concat([ref, prim], ignore_index=True)
    out["x"] = out["date"].map(as_timestamp)
    return out.sort_values(["x", "origin", "label"], kind="stable").reset_index(drop=True)


def land_lengths(lengths: pd.DataFrame) -> pd.DataFrame:
    """The reported land border lengths, shortest first, with the reporter."""
    land = lengths[lengths["measure"] == "land_border_length"]
    return land[["value", "qualifier", "reported_by", "address"]].sort_values(
        "value", kind="stable").reset_index(drop=True)
