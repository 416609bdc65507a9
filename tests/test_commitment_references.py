"""The commitment keys codebook and the follow-up reference tables load against their
declarations, and their cells mean what the declarations say."""

import pytest

from analysis.io import codebooks, paths

SOURCE = paths.ROOT / "data" / "sources" / "nca-2021-10-26-tokayev-state-visit.txt"
LABEL_LIMIT = 22  # a figure lane's label at column width


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
