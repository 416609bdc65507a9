"""The chapters' arithmetic (border, trade, railway): exact values on the committed tables, and
the figures' data on invented rows."""

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


def test_trade_figure_rows_name_what_is_drawn_and_its_rows():
    tt = pd.DataFrame({
        "fact_id": ["t1", "t2", "t3"], "period_label": ["2019", "2020", "2021 Jan-Jun"],
        "period_start": ["2019-01", "2020-01", "2021-01"],
        "period_end": ["2019-12", "2020-12", "2021-06"], "full_year": [True, True, False],
        "value_usd": [100e6, 150e6, 80e6], "value_qualifier": ["exact", "more than", "about"],
        "confidence": ["normal", "low", "normal"], "address_kind": ["page", "page", "none"],
        "page_check": ["read", "not_reread", None], "statistics_source": ["mirror data"] * 3,
        "address": ["https://a.example/1", "https://a.example/2", None]})
    implied = pd.DataFrame({"check_id": ["change_rate-turnover-2018-t1", "change_rate-x-t2"],
                            "rows": ["t1", "t2, t1"], "period": ["2018", "2018"],
                            "derived_from": ["t1", "t2"], "derived_low": [90e6, 95e6],
                            "derived_high": [95e6, None], "year": [2018, 2018]})
    out = trade.figure_rows(trade.periods(tt), implied, [2018], {"t1"})
    assert out["element"].tolist() == ["reported figure"] * 3 + [
        "implied by a growth rate, derived", "no full-year figure found"]
    assert out["source_rows"].tolist() == [
        "trade_turnover:t1", "trade_turnover:t2", "trade_turnover:t3",
        "reference_checks:change_rate-turnover-2018-t1; trade_turnover:t1", "trade_turnover:*"]
    lower = out.iloc[1]  # a lower bound is not a value
    assert pd.isna(lower["value_musd"]) and lower["low_musd"] == 150
    assert lower["reads_as"] == "lower bound" and lower["page_mark"] == "not re-read"
    assert out["in_conflict"].tolist()[:3] == [True, False, False]
    assert out.loc[2, ["start", "end", "value_musd", "page_mark"]].tolist() == [
        "2021-01-01", "2021-06-30", 80, "no page"]
    assert out.loc[3, ["low_musd", "high_musd", "year"]].tolist() == [90, 95, 2018]
    assert out.loc[4, ["start", "end"]].tolist() == ["2018-01-01", "2018-12-31"]
