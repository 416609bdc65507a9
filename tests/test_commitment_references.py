"""The commitment keys codebook and the follow-up reference tables load against their
declarations, and their cells mean what the declarations say."""

import pytest

from analysis.errors import InputError
from analysis.io import codebooks, paths, reference

SOURCE = paths.ROOT / "data" / "sources" / "nca-2021-10-26-tokayev-state-visit.txt"
LABEL_LIMIT = 22  # a figure lane's label at column width
VISIT_DAY = "2021-10-25"


@pytest.fixture(scope="module")
def keys():
    book = next(b for b in codebooks.CODEBOOKS if b.name == "commitment_keys")
    return codebooks.check(book)


def test_every_anchor_is_an_exact_phrase_found_once_in_the_source(keys):
    text = SOURCE.read_text(encoding="utf-8")
    counts = {row["key"]: text.count(row["anchor"]) for row in keys}
    assert counts == dict.fromkeys(counts, 1)


def test_keys_are_slugs_and_labels_fit_a_lane(keys):
    for row in keys:
        assert row["key"] == row["key"].lower().strip() and " " not in row["key"]
        assert 0 < len(row["short_label"]) <= LABEL_LIMIT, row["key"]


def test_deadlines_are_copied_from_the_anchors_sentence(keys):
    text = SOURCE.read_text(encoding="utf-8")
    for row in keys:
        if row["deadline_as_written"]:
            at = text.index(row["anchor"])
            start = text.rfind(". ", 0, at) + 2
            end = text.find(". ", at)
            assert row["deadline_as_written"] in text[start:end], row["key"]


# --- the follow-ups and the searches ---------------------------------------------------

@pytest.fixture(scope="module")
def followups():
    return reference.load("commitment_followups")


@pytest.fixture(scope="module")
def searches():
    return reference.load("commitment_searches")


def test_every_followup_and_search_names_a_key_of_the_codebook(keys, followups, searches):
    known = {row["key"] for row in keys}
    assert set(followups["commitment_key"]) <= known
    assert set(searches["commitment_key"]) <= known


def test_followups_are_later_than_the_visit_and_read_from_pages(followups):
    # a date at month or year precision is compared with the visit's day cut to its length
    for date in followups["event_date"]:
        assert date > VISIT_DAY if len(date) == len(VISIT_DAY) else date >= VISIT_DAY[:len(date)]
    assert set(followups["address_kind"]) == {"page"} and set(followups["page_check"]) == {"read"}
    dated = followups["page_date"].dropna()
    assert (dated >= VISIT_DAY).all()


def test_a_key_with_followups_was_searched_and_found(followups, searches):
    found = set(searches[searches["result"] == "found"]["commitment_key"])
    assert set(followups["commitment_key"]) <= found


def test_every_key_was_searched(keys, searches):
    assert {row["key"] for row in keys} <= set(searches["commitment_key"])


def test_a_followup_date_at_the_wrong_precision_is_refused(tmp_path):
    folder = tmp_path / "data" / "reference"
    folder.mkdir(parents=True)
    src = paths.ROOT / "data" / "reference" / "commitment_followups.csv"
    lines = src.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2024-10-10,day", "2024-10,day", 1)
    (folder / "commitment_followups.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2, column 'event_date'.*day precision"):
        reference.read_checked(reference.COMMITMENT_FOLLOWUPS, tmp_path)


def test_an_unknown_kind_is_refused(tmp_path):
    folder = tmp_path / "data" / "reference"
    folder.mkdir(parents=True)
    src = paths.ROOT / "data" / "reference" / "commitment_followups.csv"
    lines = src.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",signed,", ",broken,", 1)
    (folder / "commitment_followups.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"commitment_followups.csv"):
        reference.read_checked(reference.COMMITMENT_FOLLOWUPS, tmp_path)


UNDATED_WORDS = ("no publication date", "undated", "no date", "without a year", "no year",
                 "date of its own")


def test_an_undated_page_says_so_and_a_search_says_what_it_gave(followups, searches):
    undated = followups[followups["page_date"].isna()]
    for fid, note in zip(undated["followup_id"], undated["note"].fillna(""), strict=True):
        assert any(w in note.lower() for w in UNDATED_WORDS), fid
    assert searches["note"].notna().all()
