"""Themes: a visible codebook, and every assignment names the words that triggered it."""

import re

import pytest

from analysis.io import codebooks as codebook
from analysis.pipeline import load
from analysis.text import themes
from conftest import ROOT

CODEBOOK = ROOT / "data" / "codebooks" / "themes.csv"


@pytest.fixture(scope="module")
def book():
    return themes.from_codebook(codebook.load_file(CODEBOOK))


def test_term_syntax_is_literal_with_star_endings():
    pattern = codebook.compile_terms(["export*", "state border", "border"])
    text = "Exports rose; the State  border held; a borderline case; import."
    assert [m.group() for m in pattern.finditer(text)] == ["Exports", "State  border"]


def test_star_does_not_reach_into_other_words():
    # "import*" would have matched "importance": the codebook lists the forms instead
    pattern = codebook.compile_terms(["import", "imports"])
    assert pattern.findall("the importance of imports") == ["imports"]


def test_coder_on_a_small_text(book):
    text = "Trade in wheat and flour grew. The railway to the Caspian port of Aktau."
    found = [(m.theme, text[m.start:m.end], m.term) for m in themes.code(text, book)]
    assert found == [("trade", "Trade", "trade"), ("agriculture", "wheat", "wheat"),
                     ("agriculture", "flour", "flour"), ("transport", "railway", "railway*"),
                     ("caspian", "Caspian", "Caspian")]


def test_coder_refuses_non_text(book):
    with pytest.raises(TypeError):
        themes.code(None, book)


def test_every_theme_assignment_names_its_triggering_words(book):
    terms = {t.theme: t for t in book}
    assigned = load.table("paragraph_themes")
    assert len(assigned) == 143
    for row in assigned.itertuples(index=False):
        words = row.matched_words.split("; ")
        assert words and all(words)
        for word in words:
            assert re.fullmatch(terms[row.theme].pattern, word), (row.theme, word)
        assert row.quote.lower() == words[0]


def test_every_match_is_a_codebook_term():
    matches = load.table("theme_matches")
    assert len(matches) == 346
    for row in matches.itertuples(index=False):
        assert re.fullmatch(codebook.term_regex(row.term), row.quote, re.IGNORECASE)
        assert row.matched == row.quote.lower()


def test_the_two_parts_stress_different_things():
    by_part = load.table("themes_by_part").set_index(["part", "theme"])
    coded = by_part["paragraphs_coded"]
    assert by_part.loc[("presidency_account", "border"), "paragraphs"] == 57
    assert by_part.loc[("joint_statement", "border"), "paragraphs"] == 45
    assert coded[("presidency_account", "transport")] == 10
    assert coded[("joint_statement", "transport")] == 5
    assert coded[("presidency_account", "multilateral")] == 2
    assert coded[("joint_statement", "multilateral")] == 14
    assert coded[("presidency_account", "security")] == 3
    assert coded[("joint_statement", "security")] == 13


def test_theme_by_section_sums_to_theme_by_part():
    sections = load.table("themes_by_section")
    parts_ = load.table("themes_by_part")
    summed = sections.groupby(["part", "theme"])["paragraphs_coded"].sum()
    for row in parts_.itertuples(index=False):
        assert summed[(row.part, row.theme)] == row.paragraphs_coded


def test_codebook_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "themes.csv"
    bad.write_text("theme,label,description,patterns\nx,X,An x,\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"themes.csv, line 2, column 'patterns'"):
        themes.from_codebook(codebook.load_file(bad))
