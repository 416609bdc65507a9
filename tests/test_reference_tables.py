import shutil

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.io import paths
from analysis.io.reference import REFERENCE_TABLES, load

READ_DAY, LIST_DAY = "2026-11-30", "2026-11-29"
# the follow-ups of the commitments were looked up later than the other tables' facts
READ_DAYS = {"commitment_followups": "2026-12-07"}
PAGE_FACT_TABLES = [t for t in REFERENCE_TABLES if "address_kind" in t.column_names]


@pytest.mark.parametrize("table", PAGE_FACT_TABLES, ids=lambda t: t.name)
def test_accessed_says_when_a_page_was_read_and_unsourced_rows_say_so(table):
    frame = load(table.name)
    pages = frame[frame["address_kind"] == "page"]
    primary = frame[frame["address_kind"] == "primary"]
    assert (primary["page_check"] == "read").all() and (primary["accessed"] == LIST_DAY).all()
    # accessed says when the page was read: today where it was, the fact list's day where not
    read_day = READ_DAYS.get(table.name, READ_DAY)
    assert (pages[pages["page_check"] == "read"]["accessed"] == read_day).all()
    assert (frame[frame["page_check"] == "not_reread"]["accessed"] == LIST_DAY).all()
    # a row without a page says so: kind none, no address, a note naming the search
    unsourced = frame[frame["address_kind"] == "none"]
    assert (unsourced["page_check"] == "none_found").all()
    assert unsourced["address"].isna().all()
    assert unsourced["note"].str.startswith("No page found that states this; searched").all()


def test_trade_turnover_values_and_gaps():
    tt = load("trade_turnover").set_index("fact_id")
    assert tt.at["tt01", "value_usd"] == 183e6 and tt.at["tt08", "value_usd"] == 563e6
    assert tt.at["tt05", "value_usd"] == 143e6 and pd.isna(tt.at["tt04", "value_usd"])
    assert (tt.at["tt04", "change_pct"], tt.at["tt04", "change_qualifier"]) == (30, "more than")
    assert tt.at["tt11", "confidence"] == "low"
    years = set(tt[tt["full_year"]]["period_label"])
    assert years == {"2011", "2012", "2021", "2023", "2024"}  # gaps stay gaps: no 2022
    # later reports of 2021 keep their own values, never reconciled
    y2021 = tt[tt["period_label"] == "2021"]
    assert sorted(zip(y2021["value_usd"], y2021["value_qualifier"], strict=True)) == [
        (250e6, "more than"), (254.3e6, "exact")]
    assert set(tt["reporter"]) == {"not stated"}
    assert set(tt["speaker_country"].dropna()) <= {"KAZ", "TKM"}


def test_targets_gas_and_visits_have_their_pages():
    oe = load("other_events").set_index("fact_id")
    targets = oe[oe["kind"] == "target"]
    assert set(targets["value"]) == {1e9} and len(targets) >= 4
    assert oe.at["oe18", "date"] == "2022-10-15"
    gas = oe[oe["event"].str.contains("gas", case=False)]
    assert set(gas.index) == {"oe19", "oe20", "oe21"}
    assert (oe.at["oe20", "value"], oe.at["oe20", "unit"]) == (1.5, "billion_m3_per_year")
    documents = oe[oe["unit"] == "documents"]["value"].to_dict()
    assert documents == {"oe10": 20, "oe11": 15}
    assert (oe["page_check"] == "read").all()


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
    assert totals == [677, 925, 928, 934.5]
    assert sorted(lengths[lengths["section"] == "Iran"]["value"]) == [70, 82, 85, 88]
    volumes = rf[rf["measure"] == "volume"]
    assert volumes[["value", "period"]].values.tolist() == [
        [1.3, "2023"], [1.5, "2025 Jan-Oct"], [0.13, "2022"], [1.6, "2024"]]
    assert volumes["change_pct"].tolist()[:2] == [20.0, 14.0]
    assert volumes["change_pct"].isna().tolist()[2:] == [True, True]
    capacities = rf[rf["measure"] == "capacity"].set_index("fact_id")
    assert capacities.loc["rf18", ["value", "period"]].tolist() == [5, "initial"]
    assert capacities.loc["rf20", ["value", "period"]].tolist() == [12, "by 2012"]
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


def test_missing_address_is_an_error_naming_file_and_line(tmp_path):
    (tmp_path / "data" / "reference").mkdir(parents=True)
    src = paths.ROOT / "data" / "reference" / "border_lengths.csv"
    dst = tmp_path / "data" / "reference" / "border_lengths.csv"
    shutil.copy(src, dst)
    lines = dst.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("https://sovereignlimits.com/boundaries/kazakhstan-turkmenistan-land",
                                "")
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"border_lengths.csv, line 3, column 'address'"):
        load("border_lengths", tmp_path)


def test_unknown_reference_table():
    with pytest.raises(KeyError, match="unknown reference table"):
        load("nope")


def test_a_row_marked_none_may_lack_an_address_but_no_other(tmp_path):
    (tmp_path / "data" / "reference").mkdir(parents=True)
    src = paths.ROOT / "data" / "reference" / "railway_figures.csv"
    dst = tmp_path / "data" / "reference" / "railway_figures.csv"
    shutil.copy(src, dst)
    assert load("railway_figures", tmp_path)["address"].isna().sum() == 4
    text = dst.read_text(encoding="utf-8").replace(",none,none_found,", ",page,none_found,", 1)
    dst.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"railway_figures.csv, line 9, column 'address'"):
        load("railway_figures", tmp_path)
