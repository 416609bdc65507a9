import pytest

from analysis.io import codebooks
from analysis.pipeline import load
from analysis.text.places import Gazetteer, country_code

GAZ = Gazetteer({"Garabogaz": "garabogaz", "Garabogaz Bay": "garabogazkol",
                 "Garabogazköl": "garabogazkol", "Uzen": "zhanaozen", "Zhanaozen": "zhanaozen",
                 "Türkmenbaşy": "turkmenbashi"},
                {"garabogaz": "TKM", "garabogazkol": "TKM", "zhanaozen": "KAZ"})


def test_longest_name_wins_and_whole_words_only():
    text = "A bridge across Garabogaz Bay near Garabogaz; Uzenbay is not Uzen; Türkmenbaşy."
    assert [(m.text, m.place_id) for m in GAZ.find(text)] == [
        ("Garabogaz Bay", "garabogazkol"), ("Garabogaz", "garabogaz"), ("Uzen", "zhanaozen"),
        ("Türkmenbaşy", "turkmenbashi")]


def test_lookup_and_country():
    assert GAZ.lookup("uzen") == "zhanaozen"
    assert GAZ.country_of("Garabogaz Bay") == "TKM"
    assert GAZ.lookup("Nowhere") is None
    countries = codebooks.countries(codebooks.load("countries"))
    assert country_code("the Republic of Kazakhstan", countries) == "KAZ"
    assert country_code("Narnia", countries) is None


def test_empty_gazetteer_and_type_error():
    assert Gazetteer({}).find("Aktau") == []
    with pytest.raises(TypeError, match="expects str"):
        GAZ.find(None)


def test_place_mentions_table():
    pm = load.table("place_mentions")
    assert pm["place_id"].tolist() == [
        "ashgabat", "avaza", "mangystau", "balkan", "aktau", "kuryk", "turkmenbashi",
        "garabogazkol", "zhanaozen", "gyzylgaya", "bereket", "etrek", "gorgan", "almaty",
        "almaty", "ashgabat"]
    uzen = pm[pm["place_id"] == "zhanaozen"].iloc[0]
    assert (uzen["quote"], bool(uzen["matched_alias"])) == ("Uzen", True)
    bay = pm[pm["place_id"] == "garabogazkol"].iloc[0]
    assert bay["quote"] == "Garabogaz Bay"
    assert not pm[pm["place_id"] == "gyzylgaya"]["has_coordinate"].any()
