"""Tables of the source's structure: sections, paragraphs and sentences, each with evidence."""

from __future__ import annotations

import pandas as pd

from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.text import segment


def build_sources(texts) -> pd.DataFrame:
    rows = []
    for _, source in sorted(texts.items()):
        sections = segment.sections(source.text)
        record = {k: (v or None) for k, v in source.record.items()}
        rows.append({
            **{c.name: record.get(c.name) for c in SOURCES.columns if c.name in record},
            "characters": len(source.text),
            "bytes": len(source.text.encode("utf-8")),
            "words": segment.word_count(source.text),
            "sections": len(sections),
            "paragraphs": sum(len(s.paragraphs) + bool(s.heading) for s in sections),
        })
    return pd.DataFrame(rows, columns=SOURCES.column_names)


def _section_rows(texts) -> list[dict]:
    rows = []
    for source_id, source in sorted(texts.items()):
        text = source.text
        for sec in segment.sections(text):
            anchor = sec.heading or sec.paragraphs[0]
            body = text[sec.start:sec.end]
            rows.append({
                "section_id": sec.section_id,
                "position": int(sec.section_id[1:]),
                "title": sec.title,
                "has_heading": sec.heading is not None,
                "paragraphs": len(sec.paragraphs),
                "words": sum(segment.word_count(p.text) for p in sec.paragraphs),
                "characters": len(body),
                "section_start": sec.start,
                "section_end": sec.end,
                **Evidence.span(source_id, text, anchor.start, anchor.end).as_row(),
            })
    return rows


def build_sections(texts) -> pd.DataFrame:
    return pd.DataFrame(_section_rows(texts), columns=SECTIONS.column_names)


def build_paragraphs(texts) -> pd.DataFrame:
    rows = []
    for source_id, source in sorted(texts.items()):
        text = source.text
        number = 0
        for sec in segment.sections(text):
            blocks = ([sec.heading] if sec.heading else []) + sec.paragraphs
            for pos, block in enumerate(blocks, start=1):
                number += 1
                rows.append({
                    "paragraph_id": f"p{number:03d}",
                    "section_id": sec.section_id,
                    "position_in_section": pos,
                    "kind": block.kind,
                    "words": segment.word_count(block.text),
                    "characters": block.end - block.start,
                    **Evidence.span(source_id, text, block.start, block.end).as_row(),
                })
    return pd.DataFrame(rows, columns=PARAGRAPHS.column_names)


def build_sentences(paragraphs, texts) -> pd.DataFrame:
    rows = []
    for para in paragraphs.itertuples(index=False):
        text = texts[para.source_id].text
        spans = segment.sentences(text, int(para.start), int(para.end))
        for n, (start, end) in enumerate(spans, start=1):
            rows.append({
                "sentence_id": f"{para.paragraph_id}.s{n:02d}",
                "paragraph_id": para.paragraph_id,
                "section_id": para.section_id,
                "words": segment.word_count(text[start:end]),
                **Evidence.span(para.source_id, text, start, end).as_row(),
            })
    return pd.DataFrame(rows, columns=SENTENCES.column_names)


SOURCES = Table(
    name="sources",
    description="One row per source text: its catalogue record (data/sources/catalogue.csv, "
                "hash verified on load) and its size.",
    columns=(
        Column("source_id", "string", "Stable identifier; also the file's stem."),
        Column("title", "string", "Title of the text."),
        Column("title_origin", "string", "Where the title was taken from."),
        Column("publisher", "string", "Who published the text."),
        Column("date_published", "date", "Date of publication."),
        Column("event_date", "date", "Date of the event the text reports.", required=False),
        Column("language", "string", "Language of the text (BCP 47)."),
        Column("address", "string", "Address where the text was published.", required=False),
        Column("sha256", "string", "SHA-256 of the file, checked on every load."),
        Column("characters", "integer", "Characters in the text."),
        Column("bytes", "integer", "Bytes of the UTF-8 file."),
        Column("words", "integer", "Words in the text."),
        Column("sections", "integer", "Sections found (see table sections)."),
        Column("paragraphs", "integer", "Paragraphs found, headings included."),
    ),
    build=build_sources,
    inputs=("texts",),
    primary_key=("source_id",),
)

SECTIONS = Table(
    name="sections",
    description="Sections of each source in reading order, delimited by the text's own "
                "headings; text before the first heading is an opening section (s00) without "
                "a title. Evidence is the heading (or, for s00, its first paragraph).",
    columns=(
        Column("section_id", "string", "Stable id: s00, s01, ... in reading order."),
        Column("position", "integer", "Order of the section in the source, from 0."),
        Column("title", "string", "The heading as written; empty for the opening section.",
               required=False),
        Column("has_heading", "boolean", "Whether the section starts with a heading."),
        Column("paragraphs", "integer", "Paragraphs in the section, the heading not counted."),
        Column("words", "integer", "Words in the section's paragraphs, the heading not counted."),
        Column("characters", "integer", "Characters from the section's first to last character."),
        Column("section_start", "integer", "Offset of the section's first character."),
        Column("section_end", "integer", "Offset just past the section's last character."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_sections,
    inputs=("texts",),
    primary_key=("source_id", "section_id"),
)

PARAGRAPHS = Table(
    name="paragraphs",
    description="Paragraphs (runs of text between blank lines) in reading order, with stable "
                "ids p001, p002, ... and their kind. Evidence is the whole paragraph.",
    columns=(
        Column("paragraph_id", "string", "Stable id: p001, p002, ... in reading order."),
        Column("section_id", "string", "The section the paragraph belongs to."),
        Column("position_in_section", "integer", "Order within the section, from 1 (a heading "
                                                 "is its section's first paragraph)."),
        Column("kind", "string", "heading, prose, list_item, or line (a short unpunctuated "
                                 "line that is not a heading: a signature, a place and date)."),
        Column("words", "integer", "Words in the paragraph."),
        Column("characters", "integer", "Characters in the paragraph."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_paragraphs,
    inputs=("texts",),
    primary_key=("source_id", "paragraph_id"),
)

SENTENCES = Table(
    name="sentences",
    description="Sentences of every paragraph, split at closing punctuation followed by a "
                "capital, a digit or an opening quote; known abbreviations do not end one.",
    columns=(
        Column("sentence_id", "string", "Stable id: paragraph id and sentence number, p012.s02."),
        Column("paragraph_id", "string", "The paragraph the sentence belongs to."),
        Column("section_id", "string", "The section the sentence belongs to."),
        Column("words", "integer", "Words in the sentence."),
        *EVIDENCE_COLUMNS,
    ),
    build=build_sentences,
    inputs=("paragraphs", "texts"),
    primary_key=("source_id", "sentence_id"),
)
