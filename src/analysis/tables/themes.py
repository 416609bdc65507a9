"""The tables built from `analysis.text.themes`: declarations and builders."""

from __future__ import annotations

import pandas as pd

from analysis.schema.evidence import EVIDENCE_COLUMNS, Evidence
from analysis.schema.table import Column, Table
from analysis.text.themes import CODED_KINDS, code, from_codebook


def _coded_paragraphs(paragraph_parts: pd.DataFrame) -> pd.DataFrame:
    return paragraph_parts[paragraph_parts["kind"].isin(CODED_KINDS)]


def build_theme_matches(paragraph_parts, texts, codebook_themes) -> pd.DataFrame:
    themes = from_codebook(codebook_themes)
    rows = []
    for para in _coded_paragraphs(paragraph_parts).itertuples(index=False):
        text = texts[para.source_id].text
        for m in code(text, themes, int(para.start), int(para.end)):
            rows.append({"paragraph_id": para.paragraph_id, "section_id": para.section_id,
                         "part": para.part, "theme": m.theme, "term": m.term,
                         "matched": text[m.start:m.end].lower(),
                         **Evidence.span(para.source_id, text, m.start, m.end).as_row()})
    frame = pd.DataFrame(rows, columns=THEME_MATCHES.column_names)
    return frame.sort_values(["source_id", "start", "theme"], kind="stable")


def build_paragraph_themes(theme_matches, texts) -> pd.DataFrame:
    matches = theme_matches
    rows = []
    for (source_id, paragraph_id, theme), group in matches.groupby(
            ["source_id", "paragraph_id", "theme"], sort=True):
        first = group.sort_values("start").iloc[0]
        words = list(dict.fromkeys(group.sort_values("start")["matched"]))
        text = texts[source_id].text
        rows.append({"paragraph_id": paragraph_id, "section_id": first["section_id"],
                     "part": first["part"], "theme": theme, "matches": len(group),
                     "matched_words": "; ".join(words),
                     **Evidence.span(source_id, text, int(first["start"]),
                                     int(first["end"])).as_row()})
    return pd.DataFrame(rows, columns=PARAGRAPH_THEMES.column_names)


def _by(key: str, paragraphs, paragraph_parts, paragraph_themes, codebook_themes) -> pd.DataFrame:
    themes = from_codebook(codebook_themes)
    words = paragraphs[["source_id", "paragraph_id", "words"]]
    coded = _coded_paragraphs(paragraph_parts).merge(words, on=["source_id", "paragraph_id"],
                                                     how="left", validate="one_to_one")
    assigned = paragraph_themes
    totals = coded.groupby(key).agg(paragraphs=("paragraph_id", "size"),
                                    words=("words", "sum"))
    keys = list(dict.fromkeys(coded[key]))  # reading order
    by_group = dict(tuple(assigned.groupby([key, "theme"], sort=False)))
    no_hits = assigned.iloc[0:0]
    part_of = coded.drop_duplicates("section_id").set_index("section_id")["part"].to_dict()
    rows = []
    for group in keys:
        for theme in themes:
            hits = by_group.get((group, theme.theme), no_hits)
            n_par, words = int(totals.at[group, "paragraphs"]), int(totals.at[group, "words"])
            matches = int(hits["matches"].sum())
            row = {key: group, "theme": theme.theme, "label": theme.label,
                   "paragraphs_coded": len(hits), "paragraphs": n_par,
                   "share_of_paragraphs": round(len(hits) / n_par, 4), "matches": matches,
                   "words": words, "matches_per_1000_words": round(1000 * matches / words, 2)}
            if key == "section_id":
                row["part"] = part_of[group]
            rows.append(row)
    return pd.DataFrame(rows)


def build_themes_by_part(paragraphs, paragraph_parts, paragraph_themes,
                         codebook_themes) -> pd.DataFrame:
    return _by("part", paragraphs, paragraph_parts, paragraph_themes,
               codebook_themes)[THEMES_BY_PART.column_names]


def build_themes_by_section(paragraphs, paragraph_parts, paragraph_themes,
                            codebook_themes) -> pd.DataFrame:
    return _by("section_id", paragraphs, paragraph_parts, paragraph_themes,
               codebook_themes)[THEMES_BY_SECTION.column_names]


def build_theme_codebook(codebook_themes) -> pd.DataFrame:
    themes = from_codebook(codebook_themes)
    return pd.DataFrame([{"theme": t.theme, "label": t.label, "description": t.description,
                          "terms": "; ".join(t.terms)} for t in themes])


_WHERE = (
    Column("paragraph_id", "string", "Paragraph id (the paragraphs table)."),
    Column("section_id", "string", "Section id (the sections table)."),
    Column("part", "string", "Part of the composite source (the paragraph_parts table)."),
)
_COUNTS = (
    Column("theme", "string", "Theme id (data/codebooks/themes.csv)."),
    Column("label", "string", "Theme label for display."),
    Column("paragraphs_coded", "integer", "Paragraphs of running text given the theme."),
    Column("paragraphs", "integer", "Paragraphs of running text (prose and list items)."),
    Column("share_of_paragraphs", "number", "paragraphs_coded / paragraphs, 4 decimals."),
    Column("matches", "integer", "Theme words matched."),
    Column("words", "integer", "Words of running text."),
    Column("matches_per_1000_words", "number", "matches per 1,000 words, 2 decimals."),
)

_BY_INPUTS = ("paragraphs", "paragraph_parts", "paragraph_themes", "codebook:themes")

THEME_CODEBOOK = Table(
    name="theme_codebook",
    description="The themes codebook as the coder read it (data/codebooks/themes.csv): "
                "theme, label, description and the terms that signal it.",
    columns=(
        Column("theme", "string", "Theme id."),
        Column("label", "string", "Theme label for display."),
        Column("description", "string", "What the theme covers."),
        Column("terms", "string", "Terms separated by '; ' ('*' = any word ending)."),
    ),
    build=build_theme_codebook,
    inputs=("codebook:themes",),
    primary_key=("theme",),
)
THEME_MATCHES = Table(
    name="theme_matches",
    description="Every theme word found in running text: one row per paragraph, theme and "
                "match; the evidence is the matched word itself.",
    columns=(*_WHERE,
             Column("theme", "string", "Theme id (data/codebooks/themes.csv)."),
             Column("term", "string", "The codebook term that matched."),
             Column("matched", "string", "The matched text, lower-cased."),
             *EVIDENCE_COLUMNS),
    build=build_theme_matches,
    inputs=("paragraph_parts", "texts", "codebook:themes"),
    primary_key=("source_id", "start", "theme"),
)
PARAGRAPH_THEMES = Table(
    name="paragraph_themes",
    description="Themes of each paragraph: one row per paragraph and theme, with the number of "
                "matches and every matched word; evidence is the first match.",
    columns=(*_WHERE,
             Column("theme", "string", "Theme id (data/codebooks/themes.csv)."),
             Column("matches", "integer", "Theme words matched in the paragraph."),
             Column("matched_words", "string", "Distinct matched words, in reading order, "
                                               "separated by '; '."),
             *EVIDENCE_COLUMNS),
    build=build_paragraph_themes,
    inputs=("theme_matches", "texts"),
    primary_key=("source_id", "paragraph_id", "theme"),
)
THEMES_BY_PART = Table(
    name="themes_by_part",
    description="Theme × part of the source: how many paragraphs of running text in each part "
                "carry each theme, and theme words per 1,000 words. Parts in reading order.",
    columns=(Column("part", "string", "Part of the composite source."), *_COUNTS),
    build=build_themes_by_part,
    inputs=_BY_INPUTS,
    primary_key=("part", "theme"),
)
THEMES_BY_SECTION = Table(
    name="themes_by_section",
    description="Theme × section: how many paragraphs of running text in each section carry "
                "each theme, and theme words per 1,000 words. Sections in reading order.",
    columns=(Column("section_id", "string", "Section id (the sections table)."),
             Column("part", "string", "Part of the section's first paragraph of running text."),
             *_COUNTS),
    build=build_themes_by_section,
    inputs=_BY_INPUTS,
    primary_key=("section_id", "theme"),
)
