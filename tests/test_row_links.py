"""tools/sphinx/row_links.py on a tiny Sphinx project: a table's "Row" column gives each
reference row an anchor at its home (the table whose caption names its reference table), and
every id elsewhere, in text or as inline code, links there; headings, unknown ids and the home
cell itself stay text. (On the real book, the build of tests/test_book.py uses it too.)"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT

INDEX = """Tiny
====

.. toctree::

   rows
   prose
"""
ROWS = """Rows
====

.. list-table:: Steps of the border (table ``border_milestones``)
   :header-rows: 1

   * - Row
     - Step
   * - bm02
     - a memorandum
   * - bm17 [Caspian]
     - a seabed agreement

.. list-table:: The same step in a table that does not name the reference table
   :header-rows: 1

   * - Row
     - Step
   * - bm02
     - a memorandum again
"""
PROSE = """Prose
=====

The first step is bm02, then bm17; zz01 and bm999x are no rows. As code: ``bm02``.

A heading bm02
--------------

Text.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("tiny-rows")
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'tools' / 'sphinx')!r})\n"
        "extensions = ['row_links']\n", encoding="utf-8")
    for name, text in (("index", INDEX), ("rows", ROWS), ("prose", PROSE)):
        (tmp_path / f"{name}.rst").write_text(text, encoding="utf-8")
    out = tmp_path / "_build"
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html",
                           str(tmp_path), str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="row-link reference internal" href="([^"]*)">(?:<code[^>]*>'
                      r'<span class="pre">)?([^<]*)', html)


def test_rows_get_anchors_at_their_home_and_the_home_cell_stays_text(built):
    html = (built / "rows.html").read_text(encoding="utf-8")
    assert html.count('id="row-bm02"') == 1 and 'id="row-bm17"' in html
    # the second table's bm02 links to the first, which names the reference table
    assert links(html) == [("#row-bm02", "bm02")]


def test_ids_in_text_and_code_link_to_their_rows(built):
    html = (built / "prose.html").read_text(encoding="utf-8")
    assert links(html) == [("rows.html#row-bm02", "bm02"), ("rows.html#row-bm17", "bm17"),
                           ("rows.html#row-bm02", "bm02")]
    assert "zz01" in html and "bm999x" in html
    assert re.search(r"<h2>A heading bm02", html)
