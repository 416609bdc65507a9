"""tools/sphinx/accessible_book.py on a tiny Sphinx project: a declared figure gets its alt text,
an undeclared figure or a bare image fails a -W build naming it, and a pandas table's empty
index header becomes an ordinary cell. (On the real book, tests/test_browser.py runs axe-core.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PAGE = """Page
====

.. figure:: bars.png
   :name: fig-declared

   A declared figure.

.. figure:: bars.png
   :name: fig-undeclared

   A figure nobody declared.

.. image:: bars.png

.. raw:: html

   <table class="dataframe"><thead><tr><th></th><th>year</th></tr></thead>
   <tbody><tr><th>0</th><td>2021</td></tr></tbody></table>
"""
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000b49444154789c63f80f040009fb03fdfb5e6b2b0000000049454e44ae426082")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    tmp_path = tmp_path_factory.mktemp("tiny-book")
    (tmp_path / "data" / "codebooks").mkdir(parents=True)
    (tmp_path / "data" / "codebooks" / "figures.csv").write_text(
        "name,chapter,title,source,alt\n"
        "fig-declared,index,Bars,made up,Three bars rising from left to right\n",
        encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'tools' / 'sphinx')!r})\n"
        "extensions = ['accessible_book']\n", encoding="utf-8")
    (tmp_path / "index.rst").write_text(PAGE, encoding="utf-8")
    (tmp_path / "bars.png").write_bytes(PNG)
    out = tmp_path / "_build"
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b",
                           "html", str(tmp_path), str(out)], capture_output=True, text=True)
    return done, out / "index.html"


def test_alt_text_comes_from_the_declaration_and_a_missing_one_fails(built):
    done, page = built
    assert done.returncode != 0
    warnings = [line for line in done.stderr.splitlines() if "WARNING" in line]
    assert len(warnings) == 2, done.stderr
    assert "index.rst" in warnings[0] and "figure 'fig-undeclared' has no alternative text" in (
        warnings[0])
    assert "index.rst" in warnings[1] and "an image has no alternative text" in warnings[1]
    html = page.read_text(encoding="utf-8")
    assert '<img alt="Three bars rising from left to right" src="_images/bars.png" />' in html


def test_an_empty_table_header_becomes_an_ordinary_cell(built):
    _, page = built
    html = page.read_text(encoding="utf-8")
    assert "<thead><tr><td></td><th>year</th></tr></thead>" in html
    assert "<tr><th>0</th><td>2021</td></tr>" in html
