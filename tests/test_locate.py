"""Offsets to passages (analysis.tables.locate), on invented paragraphs."""

import pandas as pd
import pytest

from analysis.tables.locate import paragraph_at, paragraphs_by_source

PARAGRAPHS = pd.DataFrame({"source_id": ["a", "a", "b"], "paragraph_id": ["p001", "p002", "p001"],
                           "start": [0, 10, 0], "end": [8, 20, 30]})


def test_an_offset_lies_in_the_paragraph_of_its_own_source():
    by_source = paragraphs_by_source(PARAGRAPHS)
    assert paragraph_at(by_source, "a", 0)["paragraph_id"] == "p001"
    assert paragraph_at(by_source, "a", 19)["paragraph_id"] == "p002"
    assert paragraph_at(by_source, "b", 12)["end"] == 30


@pytest.mark.parametrize("source_id, offset, count", [("a", 8, 0), ("a", 20, 0), ("c", 1, 0)])
def test_an_offset_outside_every_paragraph_is_refused(source_id, offset, count):
    with pytest.raises(ValueError, match=f"{source_id}: offset {offset} lies in {count} "):
        paragraph_at(paragraphs_by_source(PARAGRAPHS), source_id, offset)


def test_overlapping_paragraphs_are_refused():
    both = pd.concat([PARAGRAPHS, PARAGRAPHS.iloc[[0]]])
    with pytest.raises(ValueError, match="a: offset 3 lies in 2 paragraphs"):
        paragraph_at(paragraphs_by_source(both), "a", 3)
