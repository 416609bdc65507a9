"""Lists of signed documents, as official communiqués print them, parsed into one row each.

The genre, in the shapes its communiqués take:

- a lead-in ("the following documents were signed:", "The parties signed:", a heading such as
  "Documents signed", a sentence saying that documents were signed, or a short "These are:" /
  "Among them:" after one), then items, one a line or a paragraph, each starting with a list
  marker (dash, bullet, hyphen with or without a space, "1.", "1)", "(a)", "(iv)") or, after a
  lead-in, with the instrument itself. Items end with ";", ",", "." or nothing, may be
  separated by blank lines or by notes ("Signed by: ..."; a numbered list goes on numbering
  after a note), may be hard-wrapped over several lines, and the last may open with "and".
  Within a list, an item may name no instrument ("A document on youth exchanges between the
  competent bodies;"); in a list of paragraphs each opening with an article, one naming only
  "a document" ("A tourism cooperation document ...") is an item wherever it stands.
- an item names its instrument ("Memorandum of Understanding", "MoU", a “Roadmap” in
  quotation marks, or, in a list of deliverables, after "The two sides signed the"), often its
  parties ("between X and Y", "between X, Y and Z", "between the Governments of X and Y",
  "between the X and Y Foreign Ministries", "between the Ministries of Energy of X and Y") and
  its subject ("on cooperation in the field of agriculture"); "between the agriculture
  ministries" names no party.
- a list run into a sentence: "the following documents were signed: the Agreement on A; the
  Memorandum on B"; "the parties signed: an Agreement on A, a Protocol on B and ..."; "signed
  ten documents, among them an agreement on A, a memorandum on B and a programme of C";
  "signed agreements on A, B, and C" (the plural instrument is each piece's); "agreements on
  A and on B were signed".

- sub-headings over groups of items ("Intergovernmental documents:", "I. Political documents",
  "Agreements/MoUs") and a table's column headers ("S.No.", "Name of MoU/Agreement") between
  the lead-in and the items; rows of a table flattened to text (cells apart by tabs or three
  spaces, or one cell a line) give their first cell after the serial number.
- items that are sentences: "X and Y signed the Memorandum on ..." (X and Y are the parties;
  a numbered list of outcomes may mix in others, which give no row), "The Agreement on ... was
  signed by ...", a title followed by a sentence about it; titles in capitals.
- one document whose title a sentence quotes ("The “Agreement on ...” was signed"), or one a
  sentence says was signed beside a run-in list, in its paragraph or in the paragraphs next
  to it: an enumeration spread over sentences ("the Heads of State put their signatures under
  the A and the B." / "The C has also been signed." / "In addition, the D was adopted.").

A marked list needs no lead-in when at least two of its items start with a capitalised
instrument, as titles do. A list after a lead-in to documents planned ("provides for the
signing of"), in force ("the legal framework comprises"), in draft, or to agreements
reached (understandings, not documents), a list whose every item is dated to an earlier year,
a run-in list whose sentence dates the signing to earlier times ("In 1997, ..."), and a list
none of whose items names an instrument give no row; nor does a relative clause ("..., which
was signed by the ministers, allows ..."), which describes a document. A
sentence that only counts documents ("14 documents were signed") lists nothing and gives no
row (`stated_counts` reports such numbers), and nor do the words of a speaker in quotation
marks.

The kinds of instrument and the words that name them are data/codebooks/instruments.csv.
Nothing here knows a country, an outlet or a particular list: the tests try the rules on a
labelled corpus of lists written for them (tests/corpus/signed_documents/), which
tools/score_documents.py scores shape by shape.

The package, by concern: `lists` finds the lists (lines, markers, lead-ins, runs of items),
`prose` the lists run into sentences, `titles` reads one item (where its title begins and
ends, its instrument), `parties` its parties and subject, `vocabulary` holds the instrument
codebook as patterns, `words` the words and marks all of them share, `counts` the numbers of
documents stated, `elsewhere` the same document named again in a text.
"""

from __future__ import annotations

import pandas as pd

from analysis.text.documents.counts import stated_counts
from analysis.text.documents.elsewhere import content_words, other_naming
from analysis.text.documents.lists import list_items
from analysis.text.documents.prose import inline_spans
from analysis.text.documents.titles import instrument_of, parse_title, starts_with_instrument
from analysis.text.documents.vocabulary import Vocabulary, compile_vocabulary, using, vocabulary

__all__ = [
    "COLUMNS",
    "Vocabulary",
    "compile_vocabulary",
    "content_words",
    "inline_spans",
    "instrument_of",
    "item_spans",
    "other_naming",
    "parse_signed_documents",
    "parse_title",
    "starts_with_instrument",
    "stated_counts",
    "using",
    "vocabulary",
]

COLUMNS = ["title", "instrument", "party_a", "party_b", "party_c", "subject", "start", "end"]


def parse_signed_documents(text: str) -> pd.DataFrame:
    """One row per signed instrument listed in `text`, in listed order.

    Columns: title (the item without its marker and closing punctuation, white space
    collapsed), instrument (normalised kind, per data/codebooks/instruments.csv; empty for an
    item of a list that names none), party_a, party_b and party_c (as written, when the title
    names them with "between X and Y", "between X, Y and Z", or for a joint statement "of X
    and Y"; party_c holds a third party and any further ones, separated by "; "; else empty),
    subject ("on cooperation in the field of agriculture"; empty when none), and start, end
    (the span of the title in `text`). A text without such a list gives an empty frame with
    the same columns.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_signed_documents expects the text as str; "
                        f"found {type(text).__name__}")
    rows = []
    for item in list_items(text):
        title = " ".join(text[item.start:item.end].split())
        parsed = parse_title(title)
        if item.instrument and not parsed["instrument"]:
            parsed["instrument"] = item.instrument     # "agreements on A, B and C": B and C
        rows.append({"title": title, **parsed, "start": item.start, "end": item.end})
    frame = pd.DataFrame(rows, columns=COLUMNS)    # parse_title's signed_for is not returned
    return frame.astype({"start": "int64", "end": "int64"})


def item_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the items of every list of signed documents in `text`, in order."""
    return [(item.start, item.end) for item in list_items(text)]
