"""Segmentation: headings found by rule, offsets that round-trip, on this text and others."""

from analysis.text import segment

EXPECTED_HEADINGS = [
    "Narrow format",
    "Expanded talks",
    "Documents signed",
    "Press conference",
    "President of Kazakhstan awarded “Bitaraplyk” Order",
    "Joint statement of the Presidents of Turkmenistan and Kazakhstan Gurbanguly Berdimuhamedov "
    "and Kassym-Zhomart Tokayev",
    "Other events",
]


def test_primary_source_sections_are_its_own_headings(primary_text):
    found = segment.sections(primary_text)
    assert [s.title for s in found] == [None, *EXPECTED_HEADINGS]
    assert [s.section_id for s in found] == [f"s{i:02d}" for i in range(8)]


def test_signature_and_place_date_lines_are_not_headings(primary_text):
    kinds = {b.text: b.kind for b in segment.classify(segment.blocks(primary_text))}
    assert kinds["President of Turkmenistan Gurbanguly Berdimuhamedov"] == "line"
    assert kinds["Ashgabat, October 25, 2021"] == "line"
    assert sum(k == "list_item" for k in kinds.values()) == 20


def test_block_offsets_round_trip(primary_text):
    for block in segment.blocks(primary_text):
        assert primary_text[block.start:block.end] == block.text
        assert block.text == block.text.strip()


def test_sentences_round_trip_and_cover_paragraph(primary_text):
    for block in segment.blocks(primary_text):
        spans = segment.sentences(primary_text, block.start, block.end)
        assert spans[0][0] == block.start and spans[-1][1] == block.end
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert primary_text[end:start].strip() == ""


OTHER_TEXT = """Talks in Tashkent

The presidents met on 3 March 2023. They discussed water. Mr. Smith attended as an observer.

Signed documents

1. Agreement on water use;
2. Protocol on trade.

Tashkent, 3 March 2023
"""


def test_other_text_of_the_genre():
    found = segment.sections(OTHER_TEXT)
    assert [s.title for s in found] == ["Talks in Tashkent", "Signed documents"]
    kinds = [b.kind for b in found[1].paragraphs]
    assert kinds == ["list_item", "line"]
    prose = found[0].paragraphs[0]
    spans = segment.sentences(OTHER_TEXT, prose.start, prose.end)
    assert [OTHER_TEXT[a:b] for a, b in spans] == [
        "The presidents met on 3 March 2023.",
        "They discussed water.",
        "Mr. Smith attended as an observer.",
    ]


def test_text_without_headings_is_one_opening_section():
    found = segment.sections("One paragraph.\n\nAnother paragraph.")
    assert len(found) == 1 and found[0].title is None and len(found[0].paragraphs) == 2


def test_word_count_keeps_hyphenated_names_whole():
    assert segment.word_count("Kassym-Jomart Tokayev met Turkmenistan’s president") == 5
