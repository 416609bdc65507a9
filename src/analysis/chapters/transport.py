"""The transport chapter's arithmetic: reported railway lengths by section, capacity against
volumes carried, and the map's points and lines (only places with a cited coordinate)."""

from __future__ import annotations

import pandas as pd

SECTIONS = ("total", "Kazakhstan", "Turkmenistan", "Iran")
SOURCED_KINDS = ("page", "primary")
UNSOURCED_MARK = " [no page]"


def _sourced(rows: pd.DataFrame) -> pd.Series:
    return rows["address_kind"].isin(SOURCED_KINDS)


def lengths(figures: pd.DataFrame) -> pd.DataFrame:
    """Reported lengths, one row a source, sections in a fixed order."""
    rows = figures[figures["measure"] == "length"].copy()
    rows["sourced"] = _sourced(rows)
    rows["section"] = pd.Categorical(rows["section"], SECTIONS, ordered=True)
    return rows.sort_values(["section", "value"], kind="stable").reset_index(drop=True)


def spread(figures: pd.DataFrame) -> pd.DataFrame:
    """For each section: lowest and highest reported length and the number of reports."""
    rows = lengths(figures)
    out = rows.groupby("section", observed=True)["value"].agg(["min", "max", "count"])
    out["spread_km"] = out["max"] - out["min"]
    return out.reset_index()


def utilisation(figures: pd.DataFrame) -> pd.DataFrame:
    """Each reported volume as a share of the lowest and highest reported design capacity,
    with the ids of the rows each share rests on (`fact_id` the volume's, `lowest_ids` and
    `highest_ids` the capacities')."""
    caps = figures[figures["measure"] == "capacity"]
    low = float(caps["value"].min())
    high = float(caps[["value", "value_high"]].max(axis=None))
    top = caps[["value", "value_high"]].max(axis=1)
    vols = figures[figures["measure"] == "volume"].copy()
    vols["lowest_ids"] = ", ".join(caps.loc[caps["value"] == low, "fact_id"])
    vols["highest_ids"] = ", ".join(caps.loc[top == high, "fact_id"])
    vols["sourced"] = _sourced(vols)
    vols["share_of_lowest_capacity_pct"] = 100 * vols["value"] / low
    vols["share_of_highest_capacity_pct"] = 100 * vols["value"] / high
    vols["lowest_capacity"] = low
    vols["highest_capacity"] = high
    return vols[["fact_id", "period", "value", "change_pct", "lowest_capacity",
                 "highest_capacity", "share_of_lowest_capacity_pct",
                 "share_of_highest_capacity_pct", "reported_by", "lowest_ids", "highest_ids",
                 "sourced"]].reset_index(drop=True)


def mapped_places(places: pd.DataFrame) -> pd.DataFrame:
    """Places with a cited coordinate: the only ones drawn as points."""
    return places[places["lat"].notna() & places["lon"].notna()].reset_index(drop=True)


def route_line(stops: pd.DataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The route's stops with cited coordinates, in route order, and the names left out."""
    merged = stops.merge(places[["place_id", "lat", "lon"]], on="place_id", how="left")
    merged = merged.sort_values("stop_order", kind="stable")
    known = merged[merged["lat"].notna()].reset_index(drop=True)
    left_out = merged[merged["lat"].isna()]["name"].tolist()
    return known, left_out


def capacity_and_volumes(figures: pd.DataFrame) -> pd.DataFrame:
    """Capacities (low-high; high = low for a single figure) then volumes, with a label each;
    a volume's label names its period (a volume is for that period, a capacity is a year's),
    and a row without a page is marked in its label."""
    rows = figures[figures["measure"].isin(["capacity", "volume"])].copy()
    rows["low"] = rows["value"].astype(float)
    rows["high"] = rows["value_high"].fillna(rows["value"]).astype(float)
    period = rows["period"].fillna("").str.replace("_", "-")
    verb = rows["measure"].map({"capacity": "capacity", "volume": "reported"})
    rows["label"] = ((verb + " " + period).str.strip() + " (" + rows["reported_by"] + ")"
                     + (~_sourced(rows)).map({True: UNSOURCED_MARK, False: ""}))
    rows["measure"] = pd.Categorical(rows["measure"], ["capacity", "volume"], ordered=True)
    return rows.sort_values("measure", kind="stable")[
        ["fact_id", "measure", "low", "high", "period", "label"]].reset_index(drop=True)


def route_legs(stops: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The route between consecutive stops that have a cited coordinate, in route order.

    `skipped` names the stops without a coordinate between the two ends of a leg: a leg that
    skips a stop is not known to run straight, so the map does not draw it."""
    line, _ = route_line(stops, places)
    merged = stops.sort_values("stop_order", kind="stable")
    rows = []
    for a, b in zip(line.itertuples(), line.iloc[1:].itertuples(), strict=False):
        between = merged[(merged["stop_order"] > a.stop_order)
                         & (merged["stop_order"] < b.stop_order)]["name"].tolist()
        rows.append({"from_name": a.name, "to_name": b.name, "from_lon": a.lon,
                     "from_lat": a.lat, "to_lon": b.lon, "to_lat": b.lat,
                     "skipped": "; ".join(between)})
    return pd.DataFrame(rows, columns=["from_name", "to_name", "from_lon", "from_lat",
                                       "to_lon", "to_lat", "skipped"])


def sea_lines(port_links: pd.DataFrame, places: pd.DataFrame,
              waypoints: dict[tuple[str, str], list[tuple[float, float]]]) -> list[dict]:
    """Each port link as the line the map draws: from port, through its declared waypoints
    (data/codebooks/sea_routes.csv, on water), to port. A link without declared waypoints is
    refused: a straight stroke between two ports would cross land."""
    coords = places.set_index("place_id")[["lon", "lat"]]
    out = []
    for link in port_links.itertuples():
        key = (link.from_place_id, link.to_place_id)
        if key not in waypoints:
            raise KeyError(f"data/codebooks/sea_routes.csv: expected waypoints for the sea link "
                           f"{link.link_id} ({key[0]} to {key[1]}); found none")
        a, b = coords.loc[key[0]], coords.loc[key[1]]
        out.append({"link_id": link.link_id, "from_place_id": key[0], "to_place_id": key[1],
                    "line": [(float(a["lon"]), float(a["lat"])), *waypoints[key],
                             (float(b["lon"]), float(b["lat"]))]})
    return out
