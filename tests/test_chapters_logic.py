"""The chapters' arithmetic (border, trade, railway), on the committed tables: exact values."""

import pandas as pd

from analysis.chapters import border, trade
from analysis.chapters import transport as railway
from analysis.io.reference import load as ref
from analysis.pipeline import load


def test_border_timeline_marks_primary_and_reference():
    tl = border.timeline(ref("border_milestones"), load.table("events"))
    assert tl["date"].tolist()[0] == "1993-05-19"
    primary = tl[tl["origin"] == "primary"]
    assert sorted(primary["date"]) == ["2021-10-25"]   # the 2017 partnership treaty is not a
    assert (tl["origin"] == "reference").sum() == 21   # border instrument: chronology only
    assert tl["x"].is_monotonic_increasing
    assert border.as_timestamp("2022-04") == pd.Timestamp("2022-04-15")
    assert border.as_timestamp("2022") == pd.Timestamp("2022-07-01")


def test_border_land_lengths_side_by_side():
    land = border.land_lengths(ref("border_lengths"))
    assert land["value"].tolist() == [413, 437, 458, 458.263]


def test_trade_periods_and_gaps():
    tt = ref("trade_turnover")
    p = trade.periods(tt)
    assert len(p) == 14  # the two Jan-Aug 2021 reports have a growth rate and no value
    row = p[p["period_label"] == "2021 Jan-Sep"].iloc[0]
    assert (row["months"], row["value_musd"]) == (9, 143.0)
    assert trade.missing_years(tt) == [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2022]


def test_trade_claims_and_cross_check():
    c = trade.claims(load.table("quantities"))
    assert c[["value", "unit"]].values.tolist() == [[30.0, "percent"], [60.0, "items"],
                                                   [130e6, "USD"]]
    check = trade.cross_check(load.table("claims"), ref("trade_turnover"))
    assert check[["period_label", "verdict"]].values.tolist() == [
        ["2021 Jan-Aug", "repeated"], ["2021 Jan-Aug", "repeated"],
        ["2021 Jan-Sep", "other period"]]
    assert round(check.loc[2, "difference_pct_points"], 1) == -18.3


def test_railway_spread_utilisation_and_route():
    rf = ref("railway_figures")
    s = railway.spread(rf).set_index("section")
    # the line as opened, from rows with a page: a planned length (rf28) is not a total of it
    assert (s.loc["total", "min"], s.loc["total", "max"]) == (925, 934.5)
    assert s.loc["Turkmenistan", "spread_km"] == 0
    u = railway.utilisation(rf)
    assert u["period"].tolist() == ["2023", "2025 Jan-Oct", "2022", "2024"]
    assert (u.loc[0, "lowest_capacity"], u.loc[0, "highest_capacity"]) == (3.0, 12.0)
    assert u.loc[0, "left_out_ids"] == "rf22"  # 14 Mt a year, from a row with no page
    assert round(u.loc[0, "share_of_lowest_capacity_pct"], 2) == 43.33
    labels = railway.capacity_and_volumes(rf)["label"].tolist()
    assert "capacity (trend.az) [no page]" in labels  # a fact without a page is marked
    assert sum("[no page]" in label for label in labels) == 1
    line, left_out = railway.route_line(load.table("route_stops"), ref("places"))
    assert line["name"].tolist() == ["Uzen", "Bereket", "Etrek", "Gorgan"]
    assert left_out == ["Gyzylgaya"]
    assert "gyzylgaya" not in set(railway.mapped_places(ref("places"))["place_id"])


def test_route_legs_join_located_stops_and_name_the_stops_they_skip():
    import pandas as pd

    from analysis.chapters import transport

    stops = pd.DataFrame({"stop_order": [1, 2, 3, 4], "name": ["A", "B", "C", "D"],
                          "place_id": ["a", "b", "c", "d"]})
    places = pd.DataFrame({"place_id": ["a", "b", "c", "d"], "lat": [1.0, None, 3.0, 4.0],
                           "lon": [1.0, None, 3.0, 4.0]})
    legs = transport.route_legs(stops, places)
    assert legs[["from_name", "to_name", "skipped"]].values.tolist() == [
        ["A", "C", "B"], ["C", "D", ""]]
