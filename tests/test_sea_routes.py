"""The map's sea links run through water: each port link is drawn from port to port through
the waypoints declared in data/codebooks/sea_routes.csv, and no stretch of it crosses the
basemap's land beyond a small tolerance; the ports themselves (town coordinates, ashore) are
reached by a short hop."""

import pandas as pd
import pytest

from analysis.chapters import transport
from analysis.errors import InputError
from analysis.io import basemap, codebooks
from analysis.io.reference import load as reference
from analysis.pipeline import load
from conftest import ROOT

OFFSHORE_KM = 1.0  # land a sea route may touch between its first and last waypoint
ASHORE_KM = 6.0  # land between a port's town coordinate and the route's first waypoint


@pytest.fixture(scope="module")
def land():
    return basemap.Land(basemap.load(ROOT))


@pytest.fixture(scope="module")
def sea_lines():
    links = load.table("transport_links")
    places = transport.mapped_places(reference("places"))
    return transport.sea_lines(links[links["kind"] == "port_link"], places,
                               codebooks.sea_routes(ROOT))


def land_km(land, line):
    ends = basemap.length_on_land_km(land, line[:2]), basemap.length_on_land_km(land, line[-2:])
    return ends, basemap.length_on_land_km(land, line[1:-1])


def test_every_port_link_of_the_text_has_a_route(sea_lines):
    links = load.table("transport_links")
    assert sorted(r["link_id"] for r in sea_lines) == sorted(
        links.loc[links["kind"] == "port_link", "link_id"])


def test_sea_routes_do_not_cross_land(land, sea_lines):
    for route in sea_lines:
        (start, end), between = land_km(land, route["line"])
        where = f"{route['link_id']} {route['from_place_id']}-{route['to_place_id']}"
        assert between <= OFFSHORE_KM, f"{where}: {between:.1f} km over land between waypoints"
        assert start <= ASHORE_KM and end <= ASHORE_KM, f"{where}: ports {start:.1f}, {end:.1f}"


def test_a_straight_stroke_between_the_ports_would_fail(land, sea_lines):
    route = sea_lines[0]["line"]
    assert basemap.length_on_land_km(land, [route[0], route[-1]]) > 10 * OFFSHORE_KM


def test_land_is_measured_on_an_invented_island():
    island = {"type": "Feature", "properties": {"iso_a3": "XXX"},
              "geometry": {"type": "Polygon", "coordinates": [
                  [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
                  [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6], [0.4, 0.4]]]}}  # a lake
    across = basemap.length_on_land_km([island], [(-1, 0.5), (2, 0.5)])
    km_per_degree = basemap.KM_PER_DEGREE * 0.99996  # cos(0.5°)
    assert across == pytest.approx(0.8 * km_per_degree, rel=0.01)  # the lake is water
    assert basemap.length_on_land_km([island], [(-1, 1.5), (2, 1.5)]) == 0
    assert basemap.land_mask([island], [(0.5, 0.5), (0.2, 0.2), (3, 3)]).tolist() == [
        False, True, False]


def test_a_link_without_waypoints_is_refused():
    links = pd.DataFrame({"link_id": ["L99"], "from_place_id": ["a"], "to_place_id": ["b"]})
    places = pd.DataFrame({"place_id": ["a", "b"], "lon": [0.0, 1.0], "lat": [0.0, 1.0]})
    with pytest.raises(KeyError, match=r"sea_routes.csv: expected waypoints for the sea link "
                                       r"L99 \(a to b\); found none"):
        transport.sea_lines(links, places, {})


def test_a_waypoint_off_the_globe_is_one_clear_line(tmp_path):
    (tmp_path / "data" / "codebooks").mkdir(parents=True)
    (tmp_path / "data" / "codebooks" / "sea_routes.csv").write_text(
        "from_place_id,to_place_id,order,lon,lat,note\na,b,1,51.0,43.5,\na,b,2,52.0,95,\n",
        encoding="utf-8")
    with pytest.raises(InputError, match=r"sea_routes.csv, line 3, column 'lat': expected a lat "
                                         r"in degrees between -90 and 90; found '95'"):
        codebooks.sea_routes(tmp_path)
    (tmp_path / "data" / "codebooks" / "sea_routes.csv").write_text(
        "from_place_id,to_place_id,order,lon,lat,note\na,b,2,52.0,40,\na,b,1,51.0,43.5,\n",
        encoding="utf-8")
    assert codebooks.sea_routes(tmp_path) == {("a", "b"): [(51.0, 43.5), (52.0, 40.0)]}


def test_every_place_drawn_on_the_map_is_named():
    import matplotlib.pyplot as plt
    from figure_drawings import finished

    places = transport.mapped_places(reference("places"))
    figs = finished("fig-transport-map", only=("transport",))
    try:
        for width, fig in figs.items():
            shown = " ".join(t.get_text().replace("\n", " ") for t in fig.axes[0].texts)
            missing = [p for p in places["name"] if p not in shown]
            assert not missing, f"fig-transport-map at {width} width: {missing} not named"
    finally:
        for fig in figs.values():
            plt.close(fig)
