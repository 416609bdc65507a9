"""The PDF edition: its build fails on LaTeX errors and warnings, numbers figures as the HTML
does, and is linked from the landing page exactly when it is built.

The PDF itself is built by `make pdf` (and by `make test` beside the test suite, where TeX is
installed: these tests wait for it); the tests that read it are skipped, saying why, where it
was not built.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, page_text, wait_for_pdf_edition

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tools" / "sphinx"))

import build_pdf  # noqa: E402
import pdf_edition  # noqa: E402

PDF = ROOT / "_build" / "pdf" / "kz-tm-report.pdf"


def test_the_pdf_name_is_the_latex_target_of_the_config():
    assert build_pdf.target_name() == "kz-tm-report.tex"
    assert pdf_edition.pdf_name([("book/intro", "kz-tm-report.tex", "", "", "manual")]) == (
        PDF.name)


def test_the_log_check_finds_errors_and_warnings():
    log = ("This is pdfTeX\n"
           "! LaTeX Error: Unicode character ≠ (U+2260)\n"
           "               not set up for use with LaTeX.\n\n"
           "LaTeX Warning: Reference `book/trade:fig-x' on page 3 undefined on input line\n"
           "107.\n\n"
           "Overfull \\hbox (7.8pt too wide) in paragraph at lines 3460--3460\n"
           "Underfull \\hbox (badness 10000) in paragraph at lines 7349--7349\n"
           "Package: infwarerr 2019/12/03 v1.5 Providing info/warning/error messages (HO)\n")
    report = build_pdf.log_report(log)
    assert len(report["errors"]) == 1 and "U+2260" in report["errors"][0]
    assert report["warnings"] == [
        "LaTeX Warning: Reference `book/trade:fig-x' on page 3 undefined on input line 107."]
    assert (len(report["overfull"]), len(report["underfull"])) == (1, 1)
    assert build_pdf.log_report("This is pdfTeX\nOutput written on x.pdf\n") == {
        "errors": [], "warnings": [], "overfull": [], "underfull": []}


@pytest.fixture
def the_pdf() -> Path:
    """The PDF edition, once `make test` has built it beside the tests; skipped, saying why,
    where it is not built."""
    wait_for_pdf_edition()
    if not PDF.is_file() or shutil.which("pdftotext") is None:
        pytest.skip("the PDF edition is not built (make pdf, which needs TeX: make tex as root "
                    "on Debian) or pdftotext is missing")
    return PDF


built = pytest.mark.usefixtures("the_pdf")


@built
def test_figures_have_the_same_numbers_in_the_pdf_and_the_html(built_html):
    text = subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True,
                          text=True, check=True).stdout
    in_pdf = {int(n): " ".join(t.split())[:40]
              for n, t in re.findall(r"^\s*Fig\. (\d+): (.+)$", text, flags=re.M)}
    in_html = {}
    for page in sorted((built_html / "book").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        for number, caption in re.findall(
                r'<span class="caption-number">Fig\. (\d+) </span><span class="caption-text">'
                r"(.*?)</span>", html, flags=re.S):
            in_html[int(number)] = " ".join(re.sub(r"<[^>]+>", "", caption).split())[:40]
    assert in_html, "no numbered figure in the HTML"
    assert in_pdf == in_html


@built
def test_the_landing_page_links_the_pdf_it_ships(built_html):
    html = (built_html / "book" / "intro.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(\.\./_downloads/[0-9a-f]+/kz-tm-report\.pdf)"', html)
    assert len(links) == 1, "the landing page does not link the PDF edition"
    shipped = (built_html / "book" / links[0]).resolve()
    assert shipped.read_bytes() == PDF.read_bytes()
    assert "PDF edition" in page_text(built_html / "book" / "intro.html")


@built
def test_every_chapter_is_a_chapter_of_the_pdf_with_the_version_on_its_title_page():
    """Chapters are numbered chapters (not sections of a chapter "Chapters"), in the toc's order
    after the landing page's "Key findings" (chapter 1); the title page gives the version, not
    the day of the build."""
    import yaml

    text = subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True,
                          text=True, check=True).stdout
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    titles = []
    for entry in toc["chapters"]:
        path = ROOT / entry["file"]
        source = next(p for p in (path.with_suffix(".md"), path.with_suffix(".ipynb"))
                      if p.is_file())
        if source.suffix == ".md":
            titles.append(re.search(r"^# (.+)$", source.read_text(encoding="utf-8"),
                                    flags=re.M).group(1))
        else:
            import nbformat

            cells = nbformat.read(source, as_version=4).cells
            titles.append(next(re.search(r"^# (.+)$", c.source, flags=re.M).group(1)
                               for c in cells if c.cell_type == "markdown"
                               and re.search(r"^# ", c.source, flags=re.M)))
    numbers = [re.search(rf"^\s*(\d+)\s+{re.escape(t)}\s+\d+\s*$", text, flags=re.M)
               for t in titles]
    assert all(numbers), [t for t, n in zip(titles, numbers, strict=True) if not n]
    assert [int(n.group(1)) for n in numbers] == list(range(2, 2 + len(titles)))
    version = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"]
    assert f"Version {version}," in text.split("CONTENTS")[0]
