"""The source catalogue and fixity: the stored text is the published text, byte for byte."""

import csv

import pytest

from analysis.errors import FixityError, InputError
from analysis.io import sources
from conftest import ROOT

PUBLISHED_SHA256 = "31a08cd697ea456019abaf4c1e8eb8b000d9e24db546d2ed7a754f2d427b9daa"


def test_catalogue_records_the_primary_source():
    (record,) = sources.read_catalogue()
    assert record["source_id"] == sources.PRIMARY_SOURCE_ID
    assert record["publisher"].startswith("nCa")
    assert record["date_published"] == "2021-10-26"
    assert record["event_date"] == "2021-10-25"
    assert record["language"] == "en"
    assert record["address"].startswith("http://www.newscentralasia.net/2021/10/26/")
    assert record["sha256"] == PUBLISHED_SHA256


def test_primary_source_loads_verified(primary):
    assert sources.sha256_of(primary.path) == PUBLISHED_SHA256
    assert primary.path.stat().st_size == 29936
    assert primary.text.startswith("Today, on 25 October 2021")
    assert primary.text.rstrip().endswith("official website of the President of Kazakhstan)")


def test_shared_copy_is_identical_when_present():
    shared = ROOT.parent / "shared" / "sources" / "000_bb1a33c2bc12b1c8.txt"
    if not shared.is_file():
        pytest.skip(f"{shared} is not beside this checkout")
    assert shared.read_bytes() == (ROOT / "data/sources/nca-2021-10-26-tokayev-state-visit.txt"
                                   ).read_bytes()


def test_one_changed_byte_is_refused_naming_file_and_both_hashes(project_copy):
    path = project_copy / "data/sources/nca-2021-10-26-tokayev-state-visit.txt"
    data = bytearray(path.read_bytes())
    data[100] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(FixityError) as err:
        sources.primary(project_copy / "data/sources/catalogue.csv")
    message = str(err.value)
    assert str(path) in message
    assert PUBLISHED_SHA256 in message
    assert sources.sha256_of(path) in message


def test_missing_source_file_is_named(project_copy):
    path = project_copy / "data/sources/nca-2021-10-26-tokayev-state-visit.txt"
    path.unlink()
    with pytest.raises(InputError, match="no such file") as err:
        sources.primary(project_copy / "data/sources/catalogue.csv")
    assert str(path) in str(err.value)


def test_catalogue_entry_missing_a_field_is_named(project_copy):
    catalogue = project_copy / "data/sources/catalogue.csv"
    rows = list(csv.DictReader(catalogue.open(encoding="utf-8")))
    rows[0]["publisher"] = ""
    with catalogue.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(InputError) as err:
        sources.read_catalogue(catalogue)
    assert "line 2, column 'publisher'" in str(err.value)
    assert "empty cell" in str(err.value)


def test_catalogue_with_unknown_column_is_named(project_copy):
    catalogue = project_copy / "data/sources/catalogue.csv"
    text = catalogue.read_text(encoding="utf-8").replace("sha256,", "sha_256,", 1)
    catalogue.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"missing \['sha256'\], unknown \['sha_256'\]"):
        sources.read_catalogue(catalogue)
