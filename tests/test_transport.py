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


def _map_inputs():
    import pandas as pd

    from analysis.chapters import transport

    places = pd.DataFrame({"place_id": ["pa", "pb", "pc", "sea"], "name": ["A", "B", "C", "S"],
                           "kind": ["port", "railway_station", "port", "bay"],
                           "lon": [1.0, 2.0, 3.0, 4.0], "lat": [10.0, 20.0, 30.0, 40.0],
                           "address_kind": ["page", "primary", "page", "none"],
                           "address": ["https://a.example/", "https://source.example/",
                                       "https://c.example/", pd.NA]})
    stops = pd.DataFrame({"source_id": ["src"] * 3, "start": [5, 9, 14],
                          "stop_order": [1, 2, 3], "name": ["A-stop", "Gap", "B"],
                          "place_id": ["pa", "gap", "pb"]})
    legs = transport.route_legs(stops, places)
    links = pd.DataFrame({"link_id": ["L9"], "from_place_id": ["pa"], "to_place_id": ["pc"]})
    ways = [{"from_place_id": "pa", "to_place_id": "pc", "order": "20", "lon": "2.5",
             "lat": "25"},
            {"from_place_id": "pa", "to_place_id": "pc", "order": "10", "lon": "1.5",
             "lat": "15"}]
    sea = transport.sea_lines(links, places, {("pa", "pc"): [(1.5, 15.0), (2.5, 25.0)]})
    return places, stops, legs, sea, ways


def test_map_data_names_every_position_drawn_with_its_rows_and_page():
    import pandas as pd

    from analysis.chapters import transport

    places, stops, legs, sea, ways = _map_inputs()
    labels = ["A", "3 B", "C", "S (bay)"]
    # the one leg skips the stop without a coordinate: not drawn, so no row
    assert legs["skipped"].tolist() == ["Gap"]
    data = transport.map_data(places, labels, legs, stops, sea, ways)
    assert list(data.columns) == transport.MAP_DATA_COLUMNS
    assert data["element"].tolist() == ["place"] * 4 + ["sea route"] * 4
    assert data.loc[1, "source_rows"] == "places:pb; route_stops:src/14"
    assert data.loc[1, "address"] == ""  # a coordinate from the primary source
    assert data.loc[3, "address"] == ""  # a row that names no page
    route = data[data["element"] == "sea route"]
    assert route["point"].tolist() == [1, 2, 3, 4]
    assert route["kind"].tolist() == ["port", "waypoint", "waypoint", "port"]
    assert route["lon"].tolist() == [1.0, 1.5, 2.5, 3.0]
    assert route["source_rows"].tolist() == [  # waypoints in declared order, not file order
        "transport_links:L9; places:pa", "transport_links:L9; sea_routes:pa/pc/10",
        "transport_links:L9; sea_routes:pa/pc/20", "transport_links:L9; places:pc"]
    assert route["address"].tolist() == ["https://a.example/", "", "", "https://c.example/"]
    assert route["name"].unique().tolist() == ["A–C"]

    drawn = pd.DataFrame([{**legs.iloc[0].to_dict(), "skipped": ""}])
    data = transport.map_data(places, labels, drawn, stops, [], ways)
    leg = data[data["element"] == "railway leg"]
    assert leg[["point", "lon", "lat"]].values.tolist() == [[1, 1.0, 10.0], [2, 2.0, 20.0]]
    assert leg["source_rows"].tolist() == ["route_stops:src/5; places:pa",
                                           "route_stops:src/14; places:pb"]
    assert leg["name"].unique().tolist() == ["A-stop–B"]


def test_map_data_refuses_a_sea_line_that_is_not_its_declared_waypoints():
    from analysis.chapters import transport

    places, stops, legs, sea, ways = _map_inputs()
    with pytest.raises(ValueError, match="sea link L9 .* 1 declared waypoints"):
        transport.map_data(places, ["A", "B", "C", "S"], legs, stops, sea, ways[:1])


def test_railway_figure_data_rows_in_drawing_order_with_checks_and_pages():
    import pandas as pd

    from analysis.chapters import transport

    figures = pd.DataFrame({
        "fact_id": ["f1", "f2", "f3", "f4", "f5"],
        "measure": ["length", "length", "capacity", "volume", "volume"],
        "section": ["Iran", "total", "total", "total", "total"],
        "value": [90.0, 900.0, 3.0, 1.2, 0.5], "value_high": [None, None, 5.0, None, None],
        "unit": ["km", "km", "million_t_per_year", "million_t", "million_t"],
        "qualifier": ["exact", "up to", "exact", "exact", "exact"],
        "period": [pd.NA, "before the opening", "initial", "2023", "2024 Jan-Mar"],
        "scope": [pd.NA, pd.NA, pd.NA, "traffic", "traffic"],
        "reported_by": ["x", "y", "z", "w", "v"],
        "address_kind": ["page", "none", "page", "page", "page"],
        "page_check": ["read", "none_found", "read", "read", "read"],
        "address": ["https://1.example/", pd.NA, "https://3.example/", "https://4.example/",
                    "https://5.example/"]})
    conflicting = pd.DataFrame({"check_id": ["c-f1-f4"], "rows": ["f1, f4"]})
    capacity = transport.capacity_and_volumes(figures, {"f1", "f4"})
    data = transport.railway_figure_data(transport.lengths(figures), capacity, figures,
                                         conflicting)
    assert list(data.columns) == transport.RAILWAY_DATA_COLUMNS
    assert data["panel"].tolist() == ["lengths"] * 2 + ["capacity and volumes"] * 2
    assert data["label"].tolist()[:2] == ["total", "Iran"]  # sections in the figure's order
    assert data[["low", "high"]].values.tolist() == [[900, 900], [90, 90], [3, 5], [1.2, 1.2]]
    assert data["source_rows"].tolist() == [
        "railway_figures:f2", "railway_figures:f1; reference_checks:c-f1-f4",
        "railway_figures:f3", "railway_figures:f4; reference_checks:c-f1-f4"]
    assert data["in_conflict"].tolist() == [False, True, False, True]
    assert data["sourced"].tolist() == [False, True, True, True]
    assert data["address"].tolist() == ["", "https://1.example/", "https://3.example/",
                                        "https://4.example/"]
    assert data[["unit", "qualifier", "period"]].values.tolist()[:2] == [
        ["km", "up to", "before the opening"], ["km", "exact", ""]]
