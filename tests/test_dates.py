import pandas as pd
import pytest

from analysis.pipeline import load
from analysis.tables.events import label_for
from analysis.text.dates import parse_dates


def _iso(text, reference=None):
    return [(d.text, d.iso, d.precision, d.relative) for d in parse_dates(text, reference)]


def test_day_month_year_forms():
    text = "Signed on 25 October 2021, on October 25, 2021 and on 5 Dec. 2015."
    assert _iso(text) == [
        ("25 October 2021", "2021-10-25", "day", False),
        ("October 25, 2021", "2021-10-25", "day", False),
        ("5 Dec. 2015", "2015-12-05", "day", False),
    ]


def test_numeric_forms_day_first():
    assert _iso("Dated 2015-12-05 and 05.12.2015.") == [
        ("2015-12-05", "2015-12-05", "day", False),
        ("05.12.2015", "2015-12-05", "day", False),
    ]


def test_month_and_year_precision():
    assert _iso("It opened in May 2013; ratified in 2022; since 1992.") == [
        ("May 2013", "2013-05", "month", False),
        ("2022", "2022", "year", False),
        ("1992", "1992", "year", False),
    ]


def test_relative_mentions_resolved_against_reference():
    text = "Trade grew this year; a visit next year; less last year; due next month."
    assert _iso(text, "2021-10-26") == [
        ("this year", "2021", "year", True),
        ("next year", "2022", "year", True),
        ("last year", "2020", "year", True),
        ("next month", "2021-11", "month", True),
    ]
    assert _iso(text) == []  # without a reference date, relative mentions are not guessed


def test_not_dates():
    text = "They may 2 go. 2000 tonnes were shipped; 30.02.2020 is no date; costs 2021 USD."
    assert _iso(text) == []


def test_text_without_dates_and_type_error():
    assert parse_dates("No dates here at all.", "2021-10-26") == []
    with pytest.raises(TypeError, match="expects str"):
        parse_dates(b"25 October 2021")


def test_label_for_uses_first_matching_keyword():
    labels = [("Treaty", "A treaty"), ("visit", "A visit")]
    assert label_for("The state visit and the Treaty", labels) == "A treaty"
    assert label_for("Nothing", labels) == ""


def test_events_table_holds_the_primary_dates_at_day_precision():
    events = load.table("events")
    day = events[events["precision"] == "day"]
    assert {"2021-10-25", "2017-04-18", "2015-12-05", "2020-12-07"} <= set(day["date"])
    row = events[events["date"] == "2017-04-18"].iloc[0]
    assert row["quote"] == "April 18, 2017"
    assert row["label"] == "Treaty on Strategic Partnership"


def test_events_table_relative_rows():
    events = load.table("events")
    relative = events[events["relative"].astype(bool)]
    assert sorted(zip(relative["quote"], relative["date"], strict=True)) == [
        ("next year", "2022"), ("this year", "2021"), ("this year", "2021")]
    assert set(relative["resolved_against"]) == {"2021-10-26"}
    assert pd.isna(events[~events["relative"].astype(bool)]["resolved_against"]).all()


def test_year_range_gives_two_mentions():
    assert _iso("Trade fell in 2019–2020.") == [("2019", "2019", "year", False),
                                                 ("2020", "2020", "year", False)]
