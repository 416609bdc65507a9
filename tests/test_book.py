"""The book builds with warnings as errors, and its pages hold what the chapters promise."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="session")
def built_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("book")
    jb = Path(sys.executable).with_name("jupyter-book")
    done = subprocess.run(
        [str(jb), "build", str(ROOT), "--path-output", str(out), "-W", "-n", "--keep-going"],
        capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    yield out / "_build" / "html"
    shutil.rmtree(out, ignore_errors=True)


def page_text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_landing_page_and_chapter_are_built(built_html):
    assert (built_html / "index.html").is_file()
    assert "The source" in page_text(built_html / "book" / "source.html")


def test_chapter_figure_is_numbered_and_named(built_html):
    html = (built_html / "book" / "source.html").read_text(encoding="utf-8")
    assert 'id="fig-source-sections"' in html
    assert re.search(r"Fig\. 1\s*</span>", html)
    assert "<img" in html and "_images/" in html


def test_glued_numbers_are_in_the_prose(built_html):
    from analysis import load

    sections = load.table("sections")
    text = page_text(built_html / "book" / "source.html")
    assert f"divide the text into {len(sections)} sections" in text
    words = int(load.table("sources").loc[0, "words"])
    assert f"The file holds {words} words" in text


def test_citation_resolves_to_the_bibliography(built_html):
    text = page_text(built_html / "book" / "intro.html")
    assert "nCa (News Central Asia)" in text
