"""The border chapter's arithmetic: the legal timeline and the disagreement on lengths.

Reads tables only (reference milestones and the derived `events`); draws nothing.
"""

from __future__ import annotations

import pandas as pd

# Primary-source date mentions that belong on the border timeline, by their events label:
# none at present. The Treaty on Strategic Partnership (2017) is dated in the source but is not
# a border instrument; it is on the chronology (table `chronology`), not on this timeline.
PRIMARY_LABELS: tuple[str, ...] = ()
SOURCED_KINDS = ("page", "primary")


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
    is the primary source, or an `events` row) and "reference" otherwise. A primary mention on
    the same day as a reference milestone is kept as its own row: the figure shows both.
    """
    ref = pd.DataFrame({
        "date": milestones["date"], "precision": milestones["precision"],
        "label": milestones["event"],
        "origin": milestones["address_kind"].map(lambda k: "primary" if k == "primary"
                                                 else "reference"),
        "where": milestones["address"],
        "row_id": milestones["fact_id"],
        "sourced": milestones["address_kind"].isin(SOURCED_KINDS),
    })
    chosen = events[events["label"].isin(PRIMARY_LABELS)].drop_duplicates("label")
    prim = pd.DataFrame({
        "date": chosen["date"], "precision": chosen["precision"], "label": chosen["label"],
        "origin": "primary",
        "where": "primary source, characters " + chosen["start"].astype(str) + "-"
                 + chosen["end"].astype(str),
        "row_id": chosen["sentence_id"], "sourced": True,
    })
    out = pd.concat([ref, prim], ignore_index=True) if len(prim) else ref.copy()
    out["x"] = out["date"].map(as_timestamp)
    return out.sort_values(["x", "origin", "label"], kind="stable").reset_index(drop=True)


def span_years(timeline: pd.DataFrame) -> int:
    """Years from the first dated step to the last (1993 to 2022 is 29)."""
    return int(timeline["date"].iloc[-1][:4]) - int(timeline["date"].iloc[0][:4])


def land_lengths(lengths: pd.DataFrame) -> pd.DataFrame:
    """The reported land border lengths, shortest first, with the reporter and whether the
    row names its page (`sourced`)."""
    land = lengths[lengths["measure"] == "land_border_length"]
    land = land.assign(sourced=land["address_kind"].isin(SOURCED_KINDS))
    land = land.assign(label=land["fact_id"] + " " + land["reported_by"]
                       + (~land["sourced"]).map({True: " [no page]", False: ""}))
    return land[["fact_id", "value", "qualifier", "reported_by", "address", "sourced", "label"]
                ].sort_values("value", kind="stable").reset_index(drop=True)
