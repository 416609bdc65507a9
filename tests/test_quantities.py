import pytest

from analysis.pipeline import load
from analysis.text.quantities import Subject, parse_quantities

SUBJECTS = (Subject("trade turnover+", "trade turnover"), Subject("export+", "exports"))


def _rows(text, reference=None, subjects=()):
    return [(q.text, q.value, q.unit, q.scale, q.qualifier)
            for q in parse_quantities(text, reference, subjects)]


def test_primary_style_sentence():
    text = ("The trade turnover showed 30% increase in the first months of this year. "
            "Kazakhstan is ready to export 60 commodity items worth of US $ 130 million.")
    found = parse_quantities(text, "2021-10-26", SUBJECTS)
    by_text = {q.text: q for q in found}
    assert by_text["30%"].value == 30 and by_text["30%"].unit == "percent"
    assert by_text["30%"].measure == "trade turnover: change"
    assert (by_text["30%"].period, by_text["30%"].period_relative) == ("2021", True)
    assert (by_text["60"].value, by_text["60"].unit, by_text["60"].counted) == (
        60, "items", "commodity items")
    usd = by_text["US $ 130 million"]
    assert (usd.value, usd.unit, usd.scale, usd.measure) == (130_000_000, "USD", "million",
                                                             "exports: value")


def test_other_currencies_and_scales():
    assert _rows("Trade reached EUR 2.5 billion, exports $1.2bn and 40 mln tenge.") == [
        ("EUR 2.5 billion", 2_500_000_000, "EUR", "billion", "exact"),
        ("$1.2bn", 1_200_000_000, "USD", "bn", "exact"),
        ("40 mln tenge", 40_000_000, "KZT", "mln", "exact"),
    ]


def test_units_and_qualifiers():
    assert _rows("Some 15 thousand tonnes, more than 1,300 km and up to 12.5 per cent.") == [
        ("15 thousand tonnes", 15_000, "tonnes", "thousand", "some"),
        ("1,300 km", 1_300, "km", "", "more than"),
        ("12.5 per cent", 12.5, "percent", "", "up to"),
    ]


def test_ordinals_identifiers_and_word_numbers():
    text = "The 30th anniversary, the Sixth Summit, Resolution 70 / 57 and two countries."
    assert _rows(text) == [
        ("30th", 30, "ordinal", "", "exact"),
        ("Sixth", 6, "ordinal", "", "exact"),
        ("70 / 57", None, "identifier", "", "exact"),
        ("two", 2, "countries", "", "exact"),
    ]


def test_dates_are_not_quantities():
    assert _rows("On 25 October 2021 and in 2022 they met.") == []


def test_text_without_numbers_and_type_error():
    assert parse_quantities("No numbers at all here.") == []
    with pytest.raises(TypeError, match="expects str"):
        parse_quantities(30)


def test_quantities_table_holds_the_trade_claims():
    q = load.table("quantities")
    pct = q[(q["unit"] == "percent")]
    assert pct[["value", "quote", "measure", "period"]].values.tolist() == [
        [30.0, "30%", "trade turnover: change", "2021"]]
    items = q[q["unit"] == "items"].iloc[0]
    assert (items["value"], items["counted"], items["quote"]) == (60, "commodity items", "60")
    usd = q[q["unit"] == "USD"].iloc[0]
    assert (usd["value"], usd["scale"], usd["quote"]) == (130_000_000, "million",
                                                          "US $ 130 million")


def test_quantities_evidence_matches_source():
    from analysis.io.sources import primary

    text = primary().text
    q = load.table("quantities")
    for row in q.itertuples():
        assert text[row.start:row.end] == row.quote


def test_ranges_take_the_scale_and_unit_of_their_high_end():
    found = parse_quantities("Capacity of 3-5 million t a year; growth from 10 to 15 percent.")
    assert [(q.text, q.value, q.value_high, q.unit) for q in found] == [
        ("3-5 million t", 3_000_000, 5_000_000, "tonnes"),
        ("10 to 15 percent", 10, 15, "percent")]


def test_year_ranges_are_dates_not_quantities():
    assert parse_quantities("In 2019-2020 the line carried 12 wagons.")[0].text == "12"


def test_subject_keyword_matches_whole_inflected_words_only():
    subjects = (Subject("import+", "imports"),)
    assert parse_quantities("Of great importance to two countries.", None, subjects)[0].measure \
        == "number of countries"
    assert parse_quantities("Imported 5 tonnes.", None, subjects)[0].measure == "imports: tonnes"


def test_each_number_takes_the_date_nearest_to_it_in_its_sentence():
    text = ("Trade reached $1.5 billion in 2023, and the sides aim at 3 billion dollars by "
            "2030.")
    found = parse_quantities(text)
    assert [(q.value, q.unit, q.period) for q in found] == [
        (1.5e9, "USD", "2023"), (3e9, "USD", "2030")]
