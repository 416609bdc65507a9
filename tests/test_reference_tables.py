import pandas as pd
import pytest

from analysis.io.reference import REFERENCE_TABLES, load


@pytest.mark.parametrize("table", REFERENCE_TABLES, ids=lambda t: t.name)
def test_every_reference_table_was_read_on_the_recorded_day(table):
    assert set(load(table.name)["accessed"]) == {"2026-11-29"}


def test_trade_turnover_values_and_gaps():
    tt = load("trade_turnover")
    by_label = dict(zip(tt["period_label"], tt["value_usd"], strict=True))
    assert by_label["2011"] == 183e6 and by_label["2023"] == 563e6
    assert by_label["2021 Jan-Sep"] == 143e6 and pd.isna(by_label["2021 Jan-Aug"])
    row = tt[tt["period_label"] == "2021 Jan-Aug"].iloc[0]
    assert (row["change_pct"], row["change_qualifier"]) == (30, "more than")
    assert tt[tt["period_label"] == "2024"].iloc[0]["confidence"] == "low"
    years = set(tt[tt["full_year"]]["period_label"])
    assert years == {"2011", "2012", "2021", "2023", "2024"}  # gaps stay gaps


def test_conflicting_border_lengths_kept():
    bl = load("border_lengths")
    land = bl[bl["measure"] == "land_border_length"]
    assert sorted(land["value"]) == [413, 437, 458, 458.263]
    assert bl[bl["measure"] == "border_signs"]["value"].tolist() == [330]


def test_border_milestones_dates():
    bm = load("border_milestones")
    assert bm["date"].tolist()[:3] == ["1993-05-19", "1999-04-09", "2001-07-05"]
    assert bm[bm["date"] == "2022-04"].iloc[0]["precision"] == "month"
    assert bm[bm["address_kind"] == "primary"]["date"].tolist() == ["2021-10-25"]


def test_railway_figures_conflicts_side_by_side():
    rf = load("railway_figures")
    lengths = rf[rf["measure"] == "length"]
    totals = sorted(lengths[lengths["section"] == "total"]["value"])
    assert totals == [925, 928, 934.5]
    assert sorted(lengths[lengths["section"] == "Iran"]["value"]) == [70, 82, 85, 88]
    volumes = rf[rf["measure"] == "volume"]
    assert volumes[["value", "period", "change_pct"]].values.tolist() == [
        [1.3, "2023", 20.0], [1.5, "2025 Jan-Oct", 14.0]]
    rm = load("railway_milestones")
    assert rm["date"].tolist() == ["2007-10-16", "2009-09-30", "2013-05-11", "2013-05-27",
                                   "2014-12-03"]


def test_places_coordinates_only_where_cited():
    places = load("places").set_index("place_id")
    for uncited in ("gyzylgaya", "bolashak", "serhetyaka"):
        assert pd.isna(places.at[uncited, "lat"]) and pd.isna(places.at[uncited, "lon"])
    assert (places.at["aktau", "lat"], places.at["aktau", "lon"]) == (43.65, 51.15)
    assert "Uzen" in places.at["zhanaozen", "aliases"]
    assert "Kara-Bogaz-Gol" in places.at["garabogazkol", "aliases"]
    assert "Gorgen" in places.at["gorgan", "aliases"]
    assert "Türkmenbaşy" in places.at["turkmenbashi", "aliases"]
    assert set(places["country"]) == {"KAZ", "TKM", "IRN"}


def test_diplomatic_relations_conflict_kept():
    oe = load("other_events")
    dr = oe[oe["kind"] == "diplomatic_relations"]
    assert dr["date"].tolist() == ["1992-08-27", "1992-10-05", "1992-10"]


def test_unknown_reference_table():
    with pytest.raises(KeyError, match="unknown reference table"):
        load("nope")
