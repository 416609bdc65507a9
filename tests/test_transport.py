import pytest

from analysis.io import codebooks
from analysis.pipeline import load
from analysis.text.places import Gazetteer
from analysis.text.transport import first_keyword, parse_links, parse_route

GAZ = Gazetteer({"Aktau": "aktau", "Kuryk": "kuryk", "Turkmenbashi": "turkmenbashi",
                 "Baku": "baku", "Garabogaz Bay": "garabogazkol"},
                {"aktau": "KAZ", "kuryk": "KAZ", "turkmenbashi": "TKM", "baku": "AZE",
                 "garabogazkol": "TKM"})
COUNTRIES = codebooks.countries(codebooks.load("countries"))


def _links(text):
    return [(link.kind, link.from_name, link.to_name, link.route_order)
            for link in parse_links(text, GAZ, countries=COUNTRIES)]


def test_route_string_gives_segments_in_order():
    text = ("Trains run along the railway "
            "“Aralsk (Kazakhstan) – Beyneu – Karakalpakstan (Uzbekistan)”.")
    assert _links(text) == [("segment", "Aralsk", "Beyneu", 1),
                            ("segment", "Beyneu", "Karakalpakstan", 2)]
    stops = parse_route(text, countries=COUNTRIES)[0]
    assert [(s.name, s.country_as_written) for s in stops] == [
        ("Aralsk", "Kazakhstan"), ("Beyneu", ""), ("Karakalpakstan", "Uzbekistan")]


def test_two_stops_or_no_mode_word_is_no_route():
    assert _links("The zone “Central Asia – Caspian region” was proposed.") == []
    assert _links("Friends: Anna – Boris – Clara.") == []


def test_countries_corridor_and_ports():
    text = ("The Kazakhstan–Turkmenistan–Iran railway works. "
            "The ports of Aktau, Kuryk and Baku will cooperate.")
    assert _links(text) == [("corridor", "Kazakhstan", "Iran", None),
                            ("port_link", "Aktau", "Baku", None),
                            ("port_link", "Kuryk", "Baku", None)]


def test_bridge_highway_zone_and_crossing():
    text = ("They proposed a bridge over Garabogaz Bay and a highway to the border with Iran. "
            "A free trade zone on the border of the Atyrau region and the Mangistau region. "
            "An agreement on a road border crossing on the Kazakhstan/Uzbekistan border.")
    assert _links(text) == [
        ("bridge", "Garabogaz Bay", "", None),
        ("highway", "Garabogaz Bay", "border with Iran", None),
        ("trade_zone", "Atyrau region", "Mangistau region", None),
        ("border_crossing", "Kazakhstan", "Uzbekistan", None)]


def test_no_links_and_type_error():
    assert parse_links("Nothing about transport here.", countries=COUNTRIES) == []
    with pytest.raises(TypeError, match="expects str"):
        parse_links(42, countries=COUNTRIES)


def test_first_keyword_in_codebook_order():
    keywords = [("agreement of intent", "agreed"), ("initiative", "proposed")]
    assert first_keyword("An initiative and an Agreement of intent", keywords) == (
        "agreed", "agreement of intent")
    assert first_keyword("nothing", keywords) == ("", "")


def test_transport_links_table_rail_route_in_order():
    links = load.table("transport_links")
    segments = links[links["kind"] == "segment"].sort_values("route_order")
    stops = [*segments["from_name"], segments["to_name"].iloc[-1]]
    assert stops == ["Uzen", "Gyzylgaya", "Bereket", "Etrek", "Gorgan"]
    assert segments["route_order"].tolist() == [1, 2, 3, 4]
    assert set(segments["mode"]) == {"rail"} and set(segments["status"]) == {"operating"}
    route = load.table("route_stops")
    assert route["place_id"].tolist() == ["zhanaozen", "gyzylgaya", "bereket", "etrek",
                                          "gorgan"]
    assert route["country"].tolist() == ["KAZ", "TKM", "TKM", "TKM", "IRN"]


def test_transport_links_table_every_initiative():
    links = load.table("transport_links").set_index("link_id")
    kinds = links.groupby("kind")["status"].agg(lambda s: sorted(set(s))).to_dict()
    assert kinds == {"border_crossing": ["intended"], "bridge": ["proposed"],
                     "corridor": ["operating"], "highway": ["proposed"],
                     "port_link": ["proposed"], "segment": ["operating"],
                     "trade_zone": ["proposed"]}
    ports = links[links["kind"] == "port_link"]
    assert sorted(zip(ports["from_name"], ports["to_name"], strict=True)) == [
        ("Aktau", "Turkmenbashi"), ("Kuryk", "Turkmenbashi")]
    zone = links[links["kind"] == "trade_zone"].iloc[0]
    assert (zone["from_place_id"], zone["to_place_id"]) == ("mangystau", "balkan")
    bridge = links[links["kind"] == "bridge"].iloc[0]
    assert (bridge["from_place_id"], bridge["quote"]) == ("garabogazkol",
                                                          "bridge across Garabogaz Bay")
    cable = links[links["kind"] == "border_crossing"].iloc[0]
    assert (cable["mode"], cable["from_country"], cable["to_country"]) == ("telecom", "TKM",
                                                                           "KAZ")
