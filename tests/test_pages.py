"""The generated pages (data, how to cite) match what their sources generate, and say it all."""

import json

from analysis.io import reference
from analysis.pipeline import load, registry
from analysis.publish import citation, pages
from conftest import ROOT


def test_committed_pages_match_their_sources():
    for name, text in pages.render_all(ROOT).items():
        committed = (ROOT / "book" / name).read_text(encoding="utf-8")
        assert committed == text, f"book/{name} is stale: run make pages"


def test_generated_pages_are_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for name in (*pages.GENERATED, "methods.md"):
        assert f"file: book/{name.removesuffix('.md')}\n" in toc


def test_data_page_lists_every_table_with_rows_columns_and_download():
    text = pages.data_page(ROOT)
    package = json.loads((ROOT / "data/derived/datapackage.json").read_text(encoding="utf-8"))
    tables = [r["name"] for r in package["resources"] if r.get("role") != "input"]
    assert tables == [t.name for t in registry.TABLES]
    for table in registry.TABLES:
        rows = len(load.table(table.name))
        label = "data-table-" + table.name.replace("_", "-")
        assert f"({label})=\n### `{table.name}`\n" in text
        assert f"{rows} row{'s' * (rows != 1)}, {len(table.columns)} columns" in text
        assert f"{{download}}`{table.path_name} </data/derived/{table.path_name}>`" in text
        for col in table.columns:
            kind = "date (YYYY, YYYY-MM or YYYY-MM-DD)" if col.type == "date" else col.type
            assert f"| `{col.name}` | {kind} | {'yes' if col.required else 'no'} |" in text


def test_data_page_lists_the_reference_tables_as_inputs():
    from analysis.io.reference import REFERENCE_TABLES

    text = pages.data_page(ROOT)
    inputs = text.split("## Reference tables (inputs)", 1)[1].split("## Figures", 1)[0]
    for table in REFERENCE_TABLES:
        name = f"reference-{table.name}".replace("_", "-")
        rows = len(reference.load(table.name))
        assert f"### `{name}`\n" in inputs
        assert f"{rows} row{'s' * (rows != 1)}, {len(table.columns)} columns" in inputs
        assert (f"{{download}}`reference/{table.path_name} "
                f"</data/derived/reference/{table.path_name}>`") in inputs


def test_data_page_escapes_pipes_in_descriptions():
    assert pages._cell("a | b\n c") == "a \\| b c"


def test_cite_page_carries_the_book_and_every_figure():
    text = pages.cite_page(ROOT)
    book = citation.read_book(ROOT)
    assert citation.book_bibtex(book) in text
    for fig in citation.read_figures(ROOT).values():
        assert f"| `{fig.name}` | {{doc}}`/{fig.chapter}` |" in text


def test_table_anchors_on_the_data_page_are_their_labels(built_html):
    """A table's citation links to the Data page at its label: the page's anchor is the label."""
    html = (built_html / "book" / "data.html").read_text(encoding="utf-8")
    package = json.loads((ROOT / "data/derived/datapackage.json").read_text(encoding="utf-8"))
    for table in citation.read_tables(package):
        assert f'id="{table.label}"' in html, table.label
        assert citation.table_bibtex(table, citation.read_book(ROOT)).count(
            f"book/data.html#{table.label}}}") == 1


def test_data_page_cites_each_table_with_version_and_hash():
    text = pages.data_page(ROOT)
    book = citation.read_book(ROOT)
    package = json.loads((ROOT / "data/derived/datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == book.version
    for table in citation.read_tables(package):
        plain = citation.table_plain(table, book)
        assert f"version {book.version}" in plain and table.sha256 in plain
        assert plain in text and citation.table_bibtex(table, book) in text
