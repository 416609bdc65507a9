"""The book builds with warnings as errors, and its pages hold what the chapters promise."""

import re

from conftest import page_text


def test_landing_page_and_chapter_are_built(built_html):
    assert (built_html / "index.html").is_file()
    assert "The source" in page_text(built_html / "book" / "source.html")


def test_chapter_figure_is_numbered_and_named(built_html):
    html = (built_html / "book" / "source.html").read_text(encoding="utf-8")
    assert 'id="fig-source-sections"' in html
    assert re.search(r"Fig\. 1\s*</span>", html)
    assert "<img" in html and "_images/" in html


def test_glued_numbers_are_in_the_prose(built_html):
    from analysis.pipeline import load

    sections = load.table("sections")
    text = page_text(built_html / "book" / "source.html")
    assert f"divide the text into {len(sections)} sections" in text
    words = int(load.table("sources").loc[0, "words"])
    assert f"The file holds {words:,} words" in text


def test_citation_resolves_to_the_bibliography(built_html):
    text = page_text(built_html / "book" / "intro.html")
    assert "nCa (News Central Asia)" in text


def test_no_page_carries_the_build_date(built_html):
    """A page rebuilt from the same sources reads the same: no 'Last updated on <today>'."""
    dated = [p.name for p in built_html.rglob("*.html")
             if "Last updated" in p.read_text(encoding="utf-8")]
    assert dated == []
