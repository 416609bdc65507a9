"""CITATION.cff is valid CFF 1.2.0, and every figure's citation is generated from one place."""

import hashlib
import json
import re

import nbformat
import pytest
import yaml
from jsonschema import Draft7Validator, FormatChecker

from analysis.errors import InputError
from analysis.publish import citation
from conftest import ROOT

SCHEMA = ROOT / "tests" / "data" / "cff-1.2.0.schema.json"
SCHEMA_SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"


def cff_errors(data: dict) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=FormatChecker())
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(data))


def test_vendored_schema_is_the_published_one():
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert json.loads(SCHEMA.read_text())["$id"] == (
        "https://citation-file-format.github.io/1.2.0/schema.json")


def test_citation_cff_validates_against_cff_1_2_0():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["cff-version"] == "1.2.0"
    assert cff_errors(data) == []


def test_schema_check_can_fail():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    del data["authors"]
    data["date-released"] = "29 November 2026"
    errors = cff_errors(data)
    assert any("'authors' is a required property" in e for e in errors)
    assert any(e.startswith("date-released:") for e in errors)


def test_book_metadata_comes_from_citation_cff():
    book = citation.read_book()
    assert book.title == "Kazakhstan and Turkmenistan after the state visit of 25 October 2021"
    assert book.authors == ("The kz-tm-report contributors",)
    assert (book.version, book.year, book.licenses) == ("0.1.0", 2026, ("MIT", "CC-BY-4.0"))
    assert book.url == "https://kz-tm-report.example.org/" and book.address_is_placeholder
    assert citation.book_plain(book) == (
        "The kz-tm-report contributors (2026). Kazakhstan and Turkmenistan after the state "
        "visit of 25 October 2021. Report, version 0.1.0. https://kz-tm-report.example.org/")


def test_preferred_citation_agrees_with_the_top_level():
    """CFF repeats the report's metadata in preferred-citation (the report is what to cite);
    the two copies must say the same."""
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    preferred = data["preferred-citation"]
    assert preferred["type"] == "report"
    for key in ("title", "authors", "version", "url"):
        assert preferred[key] == data[key], key
    assert preferred["year"] == int(str(data["date-released"])[:4])


def test_placeholder_address_is_recognised():
    assert citation.is_placeholder("https://kz-tm-report.example.org/")
    assert citation.is_placeholder("https://book.example/")
    assert not citation.is_placeholder("https://example-research.org/book/")
    assert not citation.is_placeholder(None)


def test_every_citation_title_is_the_start_of_its_caption():
    """A figure cited by title is the figure the reader sees: the caption opens with the
    declared title, ended by a stop, a comma, a semicolon, a colon or a parenthesis."""
    for fig in citation.read_figures().values():
        text = _notebook_markdown(fig.chapter)
        caption = re.search(r"```\{glue:figure\} " + re.escape(fig.name)
                            + r"\n:name: \S+\n(.*?)```", text, flags=re.S).group(1)
        caption = " ".join(caption.split())
        assert re.match(re.escape(fig.title) + r"(\.|,|;|:| \()", caption), (
            f"{fig.name}: title {fig.title!r}, caption {caption[:120]!r}")


def test_titles_and_labels_are_distinct():
    figures = list(citation.read_figures().values())
    assert len({f.title for f in figures}) == len(figures)
    package = json.loads((ROOT / "data/derived/datapackage.json").read_text(encoding="utf-8"))
    tables = citation.read_tables(package)
    keys = [citation.read_book().key] + [f.key for f in figures] + [t.key for t in tables]
    assert len(set(keys)) == len(keys)
    assert len({t.label for t in tables}) == len(tables)


def test_version_in_citation_matches_the_package():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert citation.read_book().version == project["version"]


def test_figure_bibtex_is_generated_exactly():
    fig = citation.Figure("fig-x-y", "book/x", "A title with 50% & more", "table x_y",
                          "A bar chart")
    book = citation.Book("The Book", ("A", "B"), "1.2.3", 2030, ("MIT",))
    assert citation.figure_bibtex(fig, book) == (
        "@misc{kztmreport-fig-x-y,\n"
        "  key          = {fig-x-y},\n"
        "  label        = {fig-x-y},\n"
        "  title        = {{A title with 50\\% \\& more}},\n"
        "  howpublished = {Figure fig-x-y in: A; B, \\emph{The Book}, report, version 1.2.3},\n"
        "  year         = {2030},\n"
        "  note         = {Source: table x\\_y}\n"
        "}")
    book = citation.Book("The Book", ("A",), "1.2.3", 2030, ("MIT",), "https://b.example/")
    assert citation.figure_bibtex(fig, book).endswith(
        "  url          = {https://b.example/book/x.html#fig-x-y}\n}")
    block = citation.figure_cite_markdown(fig, book)
    assert block.startswith(":::{admonition} Cite this figure\n")
    assert "{download}`PNG, 300 dpi </data/derived/figures/fig-x-y.png>`" in block
    assert "{download}`SVG </data/derived/figures/fig-x-y.svg>`" in block
    assert "{download}`PDF </data/derived/figures/fig-x-y.pdf>`" in block


def _notebook_markdown(chapter: str) -> str:
    nb = nbformat.read(ROOT / f"{chapter}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _published_names() -> dict[str, str]:
    names = {}
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                for name in re.findall(r"publish\(\s*\w+\s*,\s*[\"']([^\"']+)[\"']", cell.source):
                    names[name] = f"book/{path.stem}"
    return names


def test_every_published_figure_is_declared_in_its_chapter():
    declared = citation.read_figures()
    published = _published_names()
    assert published, "no notebook publishes a figure"
    for name, chapter in published.items():
        assert name in declared, f"{chapter} publishes {name!r}, not in figures.csv"
        assert declared[name].chapter == chapter, name


def test_every_figure_placed_in_the_book_is_declared():
    placed = {}
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        chapter = f"book/{path.stem}"
        for name in re.findall(r"```\{glue:figure\} (\S+)", _notebook_markdown(chapter)):
            placed[name] = chapter
    declared = citation.read_figures()
    assert {n: c for n, c in placed.items() if n not in declared} == {}
    assert set(declared) == set(placed)


@pytest.mark.parametrize("fig", citation.read_figures().values(), ids=lambda f: f.name)
def test_every_declared_figure_is_placed_captioned_cited_and_exported(fig):
    text = _notebook_markdown(fig.chapter)
    placed = re.search(r"```\{glue:figure\} " + re.escape(fig.name) + r"\n:name: "
                       + re.escape(fig.name) + r"\n(.*?)```\n", text, flags=re.S)
    assert placed, f"{fig.chapter}: no glue:figure {fig.name} with :name: {fig.name}"
    caption = placed.group(1)
    assert re.search(r"Sources?:", caption), f"{fig.chapter}: {fig.name}'s caption has no source"
    after = text[placed.end():].lstrip("\n")
    assert after.startswith(f"```{{glue:md}} {fig.name}-cite\n:format: myst\n```"), (
        f"{fig.chapter}: the cite block of {fig.name} is not right under the figure")
    for fmt in citation.EXPORT_FORMATS:
        assert (ROOT / fig.export_path(fmt)).stat().st_size > 1000, fmt


def test_figure_catalogue_errors_name_the_line(tmp_path):
    path = tmp_path / citation.FIGURES_CATALOGUE
    path.parent.mkdir(parents=True)
    path.write_text("name,chapter,title,source,alt\nfig-a,book/a,A,s,a\nFig B,book/b,B,s,b\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"figures.csv, line 3, column 'name': expected a label "
                                         r"like fig-trade-turnover .*; found 'Fig B'"):
        citation.read_figures(tmp_path)
    path.write_text("name,chapter,title,source,alt\nfig-a,book/a,A,s,a\nfig-a,book/b,B,s,b\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3, column 'name': expected a name used once; "
                                         r"found 'fig-a' again"):
        citation.read_figures(tmp_path)
    path.write_text("name,chapter,title,source,alt\nfig-a,book/a,A,s, \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2, column 'alt': expected a value; "
                                         r"found an empty cell"):
        citation.read_figures(tmp_path)
