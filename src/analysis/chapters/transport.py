"""The transport chapter's arithmetic: reported railway lengths by section, capacity against
volumes carried, and the map's points and lines (only places with a cited coordinate)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.chapters.rows import UNSOURCED_MARK as UNSOURCED_MARK  # re-exported
from analysis.chapters.rows import mark
from analysis.pipeline import load
from analysis.schema.row_ids import SOURCE_ROWS

SECTIONS = ("total", "Kazakhstan", "Turkmenistan", "Iran")
SOURCED_KINDS = ("page", "primary")
PLANNED = "before the opening"
BOUNDS = ("up to", "almost")
CONFLICT_MARK = " [conflicting]"  # one word: a wrapped label keeps it whole
CALENDAR_YEAR = r"\d{4}"


def _sourced(rows: pd.DataFrame) -> pd.Series:
    return rows["address_kind"].isin(SOURCED_KINDS)


def lengths(figures: pd.DataFrame) -> pd.DataFrame:
    """Reported lengths, one row a source, sections in a fixed order."""
    rows = figures[figures["measure"] == "length"].copy()
    rows["sourced"] = _sourced(rows)
    rows["bound"] = rows["qualifier"].isin(BOUNDS)  # "up to", "almost": a bound, not a value
    rows["planned"] = rows["period"].fillna("") == PLANNED  # written before the line opened
    rows["section"] = pd.Categorical(rows["section"], SECTIONS, ordered=True)
    return rows.sort_values(["section", "value"], kind="stable").reset_index(drop=True)


def spread(figures: pd.DataFrame) -> pd.DataFrame:
    """For each section: lowest and highest length reported of the line as opened, and the
    number of those reports. Rows written before the opening (a planned length) and rows that
    name no page are left out: neither is a report of the line's length."""
    rows = lengths(figures)
    rows = rows[rows["sourced"] & ~rows["planned"]]
    out = rows.groupby("section", observed=True)["value"].agg(["min", "max", "count"])
    out["spread_km"] = out["max"] - out["min"]
    return out.reset_index()


def utilisation(figures: pd.DataFrame) -> pd.DataFrame:
    """Each reported volume as a share of the lowest and highest reported design capacity,
    with the ids of the rows each share rests on (`fact_id` the volume's, `lowest_ids` and
    `highest_ids` the capacities'). Capacities whose row names no page are left out (named in
    `left_out_ids`): an unsourced figure is never the base of a share."""
    every = figures[figures["measure"] == "capacity"]
    caps = every[_sourced(every)]
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
    vols["left_out_ids"] = ", ".join(every.loc[~_sourced(every), "fact_id"])
    return vols[["fact_id", "period", "value", "change_pct", "lowest_capacity",
                 "highest_capacity", "share_of_lowest_capacity_pct",
                 "share_of_highest_capacity_pct", "reported_by", "lowest_ids", "highest_ids",
                 "left_out_ids", "sourced"]].reset_index(drop=True)


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


def capacity_and_volumes(figures: pd.DataFrame, in_conflict=()) -> pd.DataFrame:
    """Capacities (low-high; high = low for a single figure) then the volumes of calendar
    years, with a label each. A volume for part of a year is left out (`part_years` lists it):
    beside a year's capacity it would read as a year. A volume's label names its year and what
    the page says it covers (its scope); a row without a page, or never re-read, is marked in
    its label, and so is a row in `in_conflict` (rows of a conflicting check)."""
    rows = figures[figures["measure"].isin(["capacity", "volume"])].copy()
    year = rows["period"].fillna("").str.fullmatch(CALENDAR_YEAR)
    rows = rows[(rows["measure"] == "capacity") | year]
    rows["low"] = rows["value"].astype(float)
    rows["high"] = rows["value_high"].fillna(rows["value"]).astype(float)
    rows["sourced"] = _sourced(rows)
    rows["in_conflict"] = rows["fact_id"].isin(set(in_conflict))
    period = rows["period"].fillna("").str.replace("_", "-")
    verb = rows["measure"].map({"capacity": "capacity", "volume": "reported"})
    scope = rows["scope"].fillna("").map(lambda s: f": {s}" if s else "")
    marks = [mark(k, c) for k, c in zip(rows["address_kind"], rows["page_check"], strict=True)]
    rows["label"] = ((verb + " " + period).str.strip() + scope + " (" + rows["reported_by"]
                     + ")" + pd.Series(marks, index=rows.index)
                     + rows["in_conflict"].map({True: CONFLICT_MARK, False: ""}))
    rows["measure"] = pd.Categorical(rows["measure"], ["capacity", "volume"], ordered=True)
    return rows.sort_values("measure", kind="stable")[
        ["fact_id", "measure", "low", "high", "period", "label", "sourced",
         "in_conflict"]].reset_index(drop=True)


def part_years(figures: pd.DataFrame) -> pd.DataFrame:
    """Volumes reported for part of a year: shown in words, never on a per-year axis."""
    vols = figures[(figures["measure"] == "volume")
                   & ~figures["period"].fillna("").str.fullmatch(CALENDAR_YEAR)]
    return vols.reset_index(drop=True)


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
                     "skipped": "; ".join(between), "from_stop_order": a.stop_order,
                     "to_stop_order": b.stop_order, "from_place_id": a.place_id,
                     "to_place_id": b.place_id})
    return pd.DataFrame(rows, columns=["from_name", "to_name", "from_lon", "from_lat",
                                       "to_lon", "to_lat", "skipped", "from_stop_order",
                                       "to_stop_order", "from_place_id", "to_place_id"])


def said_lengths(figures: pd.DataFrame, section: str) -> str:
    """Every reported length of one section as a reader's list with its rows, qualifiers and
    marks ("rf09: almost 700 km; rf12: up to 470 km, before the opening; rf11: 470 km [no
    page]"): every value side by side, none chosen."""
    rows = lengths(figures)
    rows = rows[rows["section"] == section]
    items = []
    for _, r in rows.iterrows():
        word = "" if r["qualifier"] == "exact" else f"{r['qualifier']} "
        when = f", {PLANNED}" if r["planned"] else ""
        items.append(f"{r['fact_id']}: {word}{r['value']:g} km{when}"
                     f"{mark(r['address_kind'], r['page_check'])}")
    return "; ".join(items) or "none"


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


def page_of(rows: pd.DataFrame) -> pd.Series:
    """The page each reference row's fact comes from: its `address` when the row names a page;
    empty for a row of the primary source (the source is cited as a whole) or one that names
    no page."""
    return rows["address"].where(rows["address_kind"] == "page", "").fillna("")


MAP_DATA_COLUMNS = ["element", "name", "kind", "point", "lon", "lat", "address", SOURCE_ROWS]


def map_data(points: pd.DataFrame, labels: Iterable[str], legs: pd.DataFrame,
             stops: pd.DataFrame, sea: list[dict],
             waypoints: Iterable[Mapping[str, str]]) -> pd.DataFrame:
    """The map's data, one row per position drawn: each place of `points` (its marker and
    `labels`' text, or the label alone for a water body), each end of a railway leg drawn
    (`legs` that skip no stop; `point` 1 or 2), each vertex of a sea route of `sea` (`point`
    in order along the line: port, waypoints, port). `source_rows` names the rows each rests
    on; `address` the page its coordinate comes from (empty for the primary source, and for a
    waypoint: a cartographic choice, declared in codebook sea_routes).
    `waypoints` are the rows of codebook sea_routes, named by its declared key."""
    place_id = dict(zip(points["place_id"], load.row_ids("places", points), strict=True))
    page = dict(zip(points["place_id"], page_of(points), strict=True))
    name = dict(zip(points["place_id"], points["name"], strict=True))
    stop_ids = load.row_ids("route_stops", stops)
    stop_id = dict(zip(stops["stop_order"], stop_ids, strict=True))
    stops_at: dict[str, list[str]] = {}
    for place, row_id in zip(stops["place_id"], stop_ids, strict=True):
        stops_at.setdefault(place, []).append(row_id)
    out = []

    def add(element, label, kind, point, lon, lat, address, ids):
        out.append({"element": element, "name": label, "kind": kind, "point": point,
                    "lon": float(lon), "lat": float(lat), "address": address,
                    SOURCE_ROWS: load.joined(ids)})

    for p, label in zip(points.itertuples(), labels, strict=True):
        add("place", label, p.kind, None, p.lon, p.lat, page[p.place_id],
            [place_id[p.place_id], *stops_at.get(p.place_id, [])])
    for leg in legs[legs["skipped"] == ""].itertuples():
        for point, end in enumerate(("from", "to"), 1):
            place = getattr(leg, f"{end}_place_id")
            add("railway leg", f"{leg.from_name}–{leg.to_name}", "stop", point,
                getattr(leg, f"{end}_lon"), getattr(leg, f"{end}_lat"), page[place],
                [stop_id[getattr(leg, f"{end}_stop_order")], place_id[place]])
    declared: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for w in waypoints:
        key = (w["from_place_id"], w["to_place_id"])
        declared.setdefault(key, []).append((int(w["order"]), load.row_ids("sea_routes", [w])[0]))
    for route in sea:
        a, b = route["from_place_id"], route["to_place_id"]
        ways = [row_id for _, row_id in sorted(declared.get((a, b), []))]
        if len(route["line"]) != len(ways) + 2:
            raise ValueError(f"sea link {route['link_id']} ({a} to {b}): expected its line to "
                             f"run port, {len(ways)} declared waypoints, port; found "
                             f"{len(route['line'])} points")
        link = load.row_ids("transport_links", pd.DataFrame({"link_id": [route["link_id"]]}))
        ends = [(place_id[a], "port", page[a]),
                *((w, "waypoint", "") for w in ways), (place_id[b], "port", page[b])]
        for point, ((lon, lat), (vertex, kind, address)) in enumerate(
                zip(route["line"], ends, strict=True), 1):
            add("sea route", f"{name[a]}–{name[b]}", kind, point, lon, lat, address,
                [*link, vertex])
    frame = pd.DataFrame(out, columns=MAP_DATA_COLUMNS)
    frame["point"] = frame["point"].astype("Int64")
    return frame


RAILWAY_DATA_COLUMNS = ["panel", "label", "low", "high", "unit", "qualifier", "period",
                        "sourced", "in_conflict", "address", SOURCE_ROWS]


def railway_figure_data(lengths: pd.DataFrame, capacity: pd.DataFrame,
                        figures: pd.DataFrame, conflicting: pd.DataFrame) -> pd.DataFrame:
    """The railway figure's data, one row per marker or bar in drawing order: the left panel's
    lengths (`lengths`, from `lengths()`; low = high = the length drawn, labelled by section),
    then the right panel's capacities and volumes (`capacity`, from `capacity_and_volumes()`,
    with its labels, unwrapped). `source_rows` names the row of `figures` and, for a row in
    conflict, the checks of `conflicting` (conflicting or strained rows of reference_checks)
    it takes part in; `address` its page. The left panel draws no conflict mark; its
    `in_conflict` says whether the row is in such a check all the same."""
    checks_of: dict[str, list[str]] = {}
    for check, rows in zip(load.row_ids("reference_checks", conflicting), conflicting["rows"],
                           strict=True):
        for fact in rows.split(", "):
            checks_of.setdefault(fact, []).append(check)
    left = pd.DataFrame({"panel": "lengths", "fact_id": lengths["fact_id"],
                         "label": lengths["section"].astype("string"),
                         "low": lengths["value"].astype(float),
                         "high": lengths["value"].astype(float),
                         "sourced": lengths["sourced"],
                         "in_conflict": lengths["fact_id"].isin(checks_of)})
    right = capacity[["fact_id", "label", "low", "high", "sourced", "in_conflict"]].assign(
        panel="capacity and volumes")
    out = pd.concat([left, right], ignore_index=True)
    facts = figures.set_index("fact_id")
    for column in ("unit", "qualifier", "period"):
        out[column] = facts[column].reindex(out["fact_id"]).fillna("").to_numpy()
    out["address"] = page_of(facts).reindex(out["fact_id"]).to_numpy()
    out[SOURCE_ROWS] = [load.joined([row_id, *checks_of.get(fact, [])]) for row_id, fact
                          in zip(load.row_ids("railway_figures", out), out["fact_id"],
                                 strict=True)]
    return out[RAILWAY_DATA_COLUMNS]
