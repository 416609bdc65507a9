"""How to cite the report, its figures and its tables, generated from one place each.

The book's own metadata (title, authors, version, year, licences, canonical address) is read
from CITATION.cff at the repository root; a figure's metadata (name, chapter, title, source
line, alt text) from data/codebooks/figures.csv; a table's from data/derived/datapackage.json.
The "How to cite" page, the Data page and every figure's "cite this figure" block are rendered
from these, so a citation is never typed by hand on a page.

The BibTeX entries compile without a warning under plain, plainnat, apalike and biblatex/biber
(tests/test_citation_latex.py compiles a paper citing them): the book is a @techreport (its
required institution given), a figure or a table a @misc; the version is in a field every style
prints (the report's number, a figure's howpublished), text is LaTeX-safe ASCII, and titles are
braced so that no style lowercases them. A figure or table entry has no author but a `key` (and
biblatex's `label`): its stable name, so author-year styles label it "fig-trade-turnover (2026)"
rather than a run of "contributors (2026a, 2026b, ...)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import InputError
from analysis.io import inputs, paths, text_hygiene
from analysis.io.book_record import (  # noqa: F401 (the book's record, read by io)
    CITATION_FILE,
    Book,
    is_placeholder,
    read_book,
)

FIGURES_CATALOGUE = Path("data") / "codebooks" / "figures.csv"
FIGURE_FIELDS = {
    "name": "Stable label of the figure (fig-...): its glue key, its :name: and its file stem.",
    "chapter": "The page the figure appears on, as in _toc.yml (book/<name>, no suffix).",
    "title": "Short title used in the citation.",
    "source": "Where the data drawn come from: the figure caption's source line.",
    "alt": "Alternative text: what the figure shows, for a reader who cannot see it (the "
           "book sets it on the figure's image; tools/sphinx/accessible_book.py).",
}
FIGURE_NAME = re.compile(r"fig-[a-z0-9]+(?:-[a-z0-9]+)*")
EXPORT_FORMATS = ("png", "svg", "pdf")
FIGURES_DIR = Path("data") / "derived" / "figures"


@dataclass(frozen=True)
class Figure:
    """One row of data/codebooks/figures.csv."""

    name: str
    chapter: str
    title: str
    source: str
    alt: str

    @property
    def key(self) -> str:
        return "kztmreport-" + self.name

    def export_path(self, fmt: str, width: str = "full") -> Path:
        """Path of an export relative to the project root: data/derived/figures/<name>.png at
        full width, <name>-column.png at column width (analysis.publish.figures.WIDTHS)."""
        suffix = "" if width == "full" else f"-{width}"
        return FIGURES_DIR / f"{self.name}{suffix}.{fmt}"

    @property
    def data_path(self) -> Path:
        """The figure's data, relative to the root: data/derived/figures/<name>.csv, the values
        drawn with the rows they come from (analysis.publish.figures.figure_data)."""
        return FIGURES_DIR / f"{self.name}.csv"


def read_figures(root: Path = paths.ROOT) -> dict[str, Figure]:
    """Every declared figure by name; a malformed row is an error naming its line."""
    inputs.check("codebook:figures")
    path = Path(root) / FIGURES_CATALOGUE
    if not path.is_file():
        raise InputError(path, "file", "the figure catalogue", "no such file")
    header, records = text_hygiene.csv_rows(path, text_hygiene.table_text(path))
    if header != list(FIGURE_FIELDS):
        raise InputError(path, "line 1 (header)", f"columns {list(FIGURE_FIELDS)}",
                         f"columns {header}")
    text_hygiene.check_cells(path, header, records, one_line=("name", "chapter"))
    figures: dict[str, Figure] = {}
    for line, cells in records:
        row = dict(zip(header, cells, strict=True))
        for field in FIGURE_FIELDS:
            if not (row.get(field) or "").strip():
                raise InputError(path, f"line {line}, column {field!r}", "a value",
                                 "an empty cell")
        if not FIGURE_NAME.fullmatch(row["name"]):
            raise InputError(path, f"line {line}, column 'name'",
                             "a label like fig-trade-turnover (lower case, digits, hyphens)",
                             repr(row["name"]))
        if row["name"] in figures:
            raise InputError(path, f"line {line}, column 'name'", "a name used once",
                             f"{row['name']!r} again")
        figures[row["name"]] = Figure(**{f: row[f].strip() for f in FIGURE_FIELDS})
    return figures


def figure(name: str, root: Path = paths.ROOT) -> Figure:
    figures = read_figures(root)
    if name not in figures:
        raise InputError(Path(root) / FIGURES_CATALOGUE, "column 'name'",
                         f"a row declaring figure {name!r} (name, chapter, title, source, alt)",
                         f"only {sorted(figures)}")
    return figures[name]


LATEX_TEXT = {"\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'",
              "\u201c": "``", "\u201d": "''", "\u00a0": "~", "\u00d7": "{\\texttimes}",
              "\u2026": "{\\ldots}"}
LATEX_ACCENTS = {"\u0308": '"', "\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0303": "~",
                 "\u0327": "c", "\u030c": "v", "\u0306": "u", "\u0304": "="}


def _bibtex_escape(text: str) -> str:
    """Text safe in a .bib field under BibTeX (which reads bytes) and biber alike: LaTeX's
    special characters escaped, typographic punctuation as LaTeX ligatures, accented letters as
    LaTeX accents in braces; any other non-ASCII character is an error, not a silent loss."""
    import unicodedata

    text = re.sub(r"([&%$#_])", r"\\\1", text)
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
        elif ch in LATEX_TEXT:
            out.append(LATEX_TEXT[ch])
        else:
            base, *marks = unicodedata.normalize("NFD", ch)
            if len(marks) == 1 and marks[0] in LATEX_ACCENTS and ord(base) < 128:
                accent = LATEX_ACCENTS[marks[0]]
                sep = " " if accent.isalpha() else ""
                out.append(f"{{\\{accent}{sep}{base}}}")
            else:
                raise ValueError(f"no LaTeX form for {ch!r} (U+{ord(ch):04X}) in {text!r}")
    return "".join(out)


def _bibtex(entry_type: str, key: str, fields: dict[str, str]) -> str:
    width = max(len(k) for k in fields)
    body = ",\n".join(f"  {k.ljust(width)} = {{{v}}}" for k, v in fields.items())
    return f"@{entry_type}{{{key},\n{body}\n}}"


def _braced(text: str) -> str:
    """A title in an extra pair of braces: styles that lowercase titles leave it as written."""
    return "{" + _bibtex_escape(text) + "}"


def book_bibtex(book: Book) -> str:
    fields = {
        "author": _braced(book.author_text),
        "title": _braced(book.title),
        "institution": _braced(book.publisher),
        "type": "Report, version",
        "number": _bibtex_escape(book.version),
        "year": str(book.year),
    }
    if book.url:
        fields["url"] = book.url
    return _bibtex("techreport", book.key, fields)


def book_plain(book: Book) -> str:
    text = f"{book.author_text} ({book.year}). {book.title}. Report, version {book.version}."
    return text + (f" {book.url}" if book.url else "")


def _part_bibtex(key: str, label: str, title: str, part: str, book: Book, note: str,
                 url: str | None) -> str:
    """A figure or table of the book: @misc labelled by its stable name (see the module doc)."""
    fields = {
        "key": label,
        "label": label,
        "title": _braced(title),
        "howpublished": _bibtex_escape(f"{part} in: {book.author_text}, ") + "\\emph{"
                        + _bibtex_escape(book.title) + "}"
                        + _bibtex_escape(f", report, version {book.version}"),
        "year": str(book.year),
        "note": _bibtex_escape(note),
    }
    if url:
        fields["url"] = url
    return _bibtex("misc", key, fields)


def figure_bibtex(fig: Figure, book: Book) -> str:
    return _part_bibtex(fig.key, fig.name, fig.title, f"Figure {fig.name}", book,
                        f"Source: {fig.source}", book.page_url(fig.chapter, fig.name))


def figure_plain(fig: Figure, book: Book) -> str:
    text = (f"{book.author_text} ({book.year}). “{fig.title}”, figure {fig.name}. In: "
            f"{book.title}, report, version {book.version}. Source: {fig.source}.")
    url = book.page_url(fig.chapter, fig.name)
    return text + (f" {url}" if url else "")


@dataclass(frozen=True)
class DataTable:
    """One resource of data/derived/datapackage.json, as a citation needs it."""

    name: str
    path: str
    description: str
    sha256: str

    @property
    def label(self) -> str:
        """The table's label and anchor on the Data page: Sphinx writes ids with hyphens, so the
        label is written that way too and a link to it is the label itself."""
        return "data-table-" + self.name.replace("_", "-")

    @property
    def key(self) -> str:
        return "kztmreport-" + self.label

    @property
    def title(self) -> str:
        """`name: first sentence of the description` (the Data page's heading and text)."""
        first = re.split(r"(?<=[a-z0-9)])\.\s", self.description, maxsplit=1)[0].rstrip(".")
        return f"Table {self.name}: {first}"


def read_tables(package: dict) -> list[DataTable]:
    """Every table of a data package descriptor, in its order."""
    return [DataTable(r["name"], r["path"], r["description"],
                      r["hash"].removeprefix("sha256:")) for r in package["resources"]]


def table_bibtex(table: DataTable, book: Book) -> str:
    # The hash may break every 8 digits: 64 digits in one piece overflow a journal's column.
    digits = "\\allowbreak{}".join(table.sha256[i:i + 8] for i in range(0, 64, 8))
    entry = _part_bibtex(table.key, table.label, table.title,
                         f"Data table {table.name} ({table.path})", book,
                         "SHA-256 @HASH@", book.page_url("book/data", table.label))
    return entry.replace("@HASH@", digits)


def table_plain(table: DataTable, book: Book) -> str:
    text = (f"{book.author_text} ({book.year}). “{table.title}”, data table {table.name} "
            f"({table.path}). In: {book.title}, report, version {book.version}. "
            f"SHA-256 {table.sha256}.")
    url = book.page_url("book/data", table.label)
    return text + (f" {url}" if url else "")


def figure_data_link(fig: Figure) -> str:
    """A MyST link to the figure's data file, for its cite block and its caption."""
    return f"{{download}}`data for this figure (CSV) </{fig.data_path.as_posix()}>`"


def figure_cite_markdown(fig: Figure, book: Book, with_data: bool = False) -> str:
    """The MyST block placed under a figure with ```{glue:md} <name>-cite``` and
    `:format: myst`: when the figure publishes its data, a link to it in sight; then, folded,
    plain text, BibTeX and download links to the three exports."""
    def links(width: str) -> str:
        return " · ".join(
            f"{{download}}`{label} </{fig.export_path(fmt, width).as_posix()}>`"
            for fmt, label in zip(EXPORT_FORMATS, ("PNG, 300 dpi", "SVG", "PDF"), strict=True)
        )
    data = (f"The {figure_data_link(fig)}: the values drawn, the rows they come from and "
            "the page of each outside fact.\n\n" if with_data else "")
    return (
        data  # in sight under the caption, not folded into the citation
        + ":::{admonition} Cite this figure\n"
        ":class: dropdown\n\n"
        f"{figure_plain(fig, book)}\n\n"
        f"```bibtex\n{figure_bibtex(fig, book)}\n```\n\n"
        f"Download, full width (7 in): {links('full')}\n\n"
        f"Download, column width (3.5 in): {links('column')}\n"
        ":::\n"
    )
