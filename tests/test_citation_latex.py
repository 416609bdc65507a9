"""The book's BibTeX compiles without a warning in a real paper, as a researcher would use it.

A small paper cites the report, two figures and one table with the entries the book gives, and
is compiled with pdflatex under plain, plainnat and apalike (BibTeX) and biblatex (biber). Any
warning of BibTeX, biber or LaTeX fails the test; so does a version missing from a printed entry
or two entries sharing a label (2026a, 2026b, ...). TeX comes from Debian's packages, installed
by `make tex` (root only, as the browser); where it is not installed the test is skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.publish import citation
from conftest import ROOT

TOOLS = ("pdflatex", "bibtex", "biber")
missing = [t for t in TOOLS if shutil.which(t) is None]
pytestmark = pytest.mark.skipif(
    bool(missing), reason=f"{', '.join(missing)} not installed (make tex installs Debian's TeX "
                          "packages as root; elsewhere this test cannot run)")

BIBTEX_STYLES = {
    "plain": "",
    "plainnat": "\\usepackage[authoryear]{natbib}\n",
    "apalike": "\\usepackage{apalike}\n",
}
STYLES = (*BIBTEX_STYLES, "biblatex")
# BibTeX: "Warning--..." and "(There were 2 warnings)"; biber: "WARN - ..."/"ERROR - ...";
# LaTeX: "LaTeX Warning:", "Package natbib Warning:", "! ..." errors, undefined citations.
# (An overfull line is typesetting, not a warning: it depends on the paper's column.)
WARNINGS = {
    "paper.blg": re.compile(r"^Warning--|^\(There (was|were) \d+ (warning|error)|"
                            r"^ERROR|\b(WARN|ERROR) - "),
    "paper.log": re.compile(r"Warning|^! |undefined"),
}
DOCUMENT = """\\documentclass{article}
\\usepackage[T1]{fontenc}
\\usepackage{url}
%(packages)s\\begin{document}
The report \\cite{%(book)s} draws the path of the border (\\cite{%(fig1)s}) and the claims of
trade (\\cite{%(fig2)s}); the documents signed are one table (\\cite{%(table)s}).
%(bibliography)s
\\end{document}
"""


def cited_entries() -> dict[str, str]:
    """The book, its first two figures and the table of signed documents, as the book gives them."""
    book = citation.read_book()
    figures = list(citation.read_figures().values())[:2]
    package = json.loads((ROOT / "data/derived/datapackage.json").read_text(encoding="utf-8"))
    table = next(t for t in citation.read_tables(package) if t.name == "signed_documents")
    return {"book": citation.book_bibtex(book),
            "fig1": citation.figure_bibtex(figures[0], book),
            "fig2": citation.figure_bibtex(figures[1], book),
            "table": citation.table_bibtex(table, book)}


def _key(entry: str) -> str:
    return re.match(r"@\w+\{([^,]+),", entry).group(1)


def _run(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout[-3000:]}"


def compile_paper(style: str, entries: dict[str, str], folder: Path) -> dict[str, str]:
    """Compile the paper in `folder`; return the texts of its logs and of its bibliography."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text("\n\n".join(entries.values()) + "\n", encoding="ascii")
    keys = {name: _key(entry) for name, entry in entries.items()}
    if style == "biblatex":
        packages = ("\\usepackage[backend=biber,style=authoryear]{biblatex}\n"
                    "\\addbibresource{refs.bib}\n")
        bibliography = "\\printbibliography"
        bib_tool = ["biber", "paper"]
    else:
        packages = BIBTEX_STYLES[style]
        bibliography = f"\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}"
        bib_tool = ["bibtex", "paper"]
    (folder / "paper.tex").write_text(DOCUMENT % {"packages": packages,
                                                  "bibliography": bibliography, **keys},
                                      encoding="ascii")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex"]
    _run(latex, folder)
    _run(bib_tool, folder)
    _run(latex, folder)
    _run(latex, folder)
    return {name: (folder / name).read_text(encoding="utf-8", errors="replace")
            for name in ("paper.log", "paper.blg", "paper.bbl")}


def warnings_of(logs: dict[str, str]) -> list[str]:
    return [f"{name}: {line}" for name, pattern in WARNINGS.items()
            for line in logs[name].splitlines()
            if pattern.search(line) and not line.startswith("Package: infwarerr")]


@pytest.fixture(scope="module")
def entries() -> dict[str, str]:
    return cited_entries()


@pytest.mark.parametrize("style", STYLES)
def test_a_paper_citing_the_book_compiles_without_a_warning(style, entries, tmp_path):
    logs = compile_paper(style, entries, tmp_path / style)
    assert warnings_of(logs) == []
    bbl = logs["paper.bbl"]
    version = citation.read_book().version
    # every entry printed, each with the version
    if style == "biblatex":
        blocks = re.split(r"\\entry\{", bbl)[1:]
        assert "\\field{extradate}" not in bbl, "two entries share an author-year label"
    else:
        blocks = re.split(r"\\bibitem", bbl)[1:]
        labels = [re.match(r"\[(.*?)\]\{", b, flags=re.S) for b in blocks]
        labels = [" ".join(m.group(1).split()) for m in labels if m]
        assert len(set(labels)) == len(labels)
        assert not any(re.search(r"\d{4}[a-z]\b", label) for label in labels), labels
    assert len(blocks) == len(entries)
    title = citation.read_book().title
    assert title in " ".join(re.sub(r"[{}]", "", bbl).split()), "the title lost its capitals"
    for block in blocks:
        assert version in block, f"the version is not printed in {block[:200]!r}"


def test_the_check_finds_a_warning(tmp_path):
    """An entry missing a required field (a report without its institution) is caught."""
    entries = cited_entries()
    entries["book"] = re.sub(r"\n\s*institution\s*=.*", "", entries["book"])
    found = warnings_of(compile_paper("plain", entries, tmp_path / "plain"))
    assert any("empty institution" in line for line in found), found


def test_bibtex_text_is_ascii_and_latex_safe():
    assert citation._bibtex_escape("Kazakhstan–Turkmenistan, 50% & “more” ü") == (
        "Kazakhstan--Turkmenistan, 50\\% \\& ``more'' {\\\"u}")
    with pytest.raises(ValueError, match="U\\+041A"):
        citation._bibtex_escape("Казахстан")
    for entry in cited_entries().values():
        entry.encode("ascii")
