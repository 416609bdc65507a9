"""How to cite the report and its figures, generated from one place each.

The book's own metadata (title, authors, version, year, licences) is read from CITATION.cff at
the repository root; a figure's metadata (name, chapter, title, source line) from
data/codebooks/figures.csv. The "How to cite" page and every figure's "cite this figure" block
are rendered from these two files, so a citation is never typed by hand on a page.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import InputError
from analysis.io import paths

CITATION_FILE = "CITATION.cff"
FIGURES_CATALOGUE = Path("data") / "codebooks" / "figures.csv"
FIGURE_FIELDS = {
    "name": "Stable label of the figure (fig-...): its glue key, its :name: and its file stem.",
    "chapter": "The page the figure appears on, as in _toc.yml (book/<name>, no suffix).",
    "title": "Short title used in the citation.",
    "source": "Where the data drawn come from: the figure caption's source line.",
}
FIGURE_NAME = re.compile(r"fig-[a-z0-9]+(?:-[a-z0-9]+)*")
EXPORT_FORMATS = ("png", "svg", "pdf")
FIGURES_DIR = Path("data") / "derived" / "figures"


@dataclass(frozen=True)
class Book:
    """What a citation of the report needs, read from CITATION.cff."""

    title: str
    authors: tuple[str, ...]
    version: str
    year: int
    licenses: tuple[str, ...]
    url: str | None = None

    @property
    def author_text(self) -> str:
        return "; ".join(self.authors)

    @property
    def key(self) -> str:
        return f"kztmreport{self.year}"


@dataclass(frozen=True)
class Figure:
    """One row of data/codebooks/figures.csv."""

    name: str
    chapter: str
    title: str
    source: str

    @property
    def key(self) -> str:
        return "kztmreport-" + self.name

    def export_path(self, fmt: str, width: str = "full") -> Path:
        """Path of an export relative to the project root: data/derived/figures/<name>.png at
        full width, <name>-column.png at column width (analysis.publish.figures.WIDTHS)."""
        suffix = "" if width == "full" else f"-{width}"
        return FIGURES_DIR / f"{self.name}{suffix}.{fmt}"


def _author_name(entry: dict) -> str:
    if entry.get("name"):
        return str(entry["name"])
    return " ".join(str(entry[k]) for k in ("given-names", "family-names") if entry.get(k))


def read_book(root: Path = paths.ROOT) -> Book:
    """The report's citation metadata from CITATION.cff (validated in tests/test_citation.py)."""
    import yaml

    path = Path(root) / CITATION_FILE
    if not path.is_file():
        raise InputError(path, "file", "the report's citation metadata", "no such file")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for field in ("title", "authors", "version", "date-released"):
        if not data.get(field):
            raise InputError(path, f"key {field!r}", "a value (citations need it)",
                             "nothing" if field not in data else repr(data[field]))
    licenses = data.get("license") or []
    return Book(
        title=str(data["title"]),
        authors=tuple(_author_name(a) for a in data["authors"]),
        version=str(data["version"]),
        year=int(str(data["date-released"])[:4]),
        licenses=tuple([licenses] if isinstance(licenses, str) else licenses),
        url=data.get("url"),
    )


def read_figures(root: Path = paths.ROOT) -> dict[str, Figure]:
    """Every declared figure by name; a malformed row is an error naming its line."""
    path = Path(root) / FIGURES_CATALOGUE
    if not path.is_file():
        raise InputError(path, "file", "the figure catalogue", "no such file")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        if header != list(FIGURE_FIELDS):
            raise InputError(path, "line 1 (header)", f"columns {list(FIGURE_FIELDS)}",
                             f"columns {header}")
        figures: dict[str, Figure] = {}
        for line, row in enumerate(reader, start=2):
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
                         f"a row declaring figure {name!r} (name, chapter, title, source)",
                         f"only {sorted(figures)}")
    return figures[name]


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def _bibtex(entry_type: str, key: str, fields: dict[str, str]) -> str:
    width = max(len(k) for k in fields)
    body = ",\n".join(f"  {k.ljust(width)} = {{{v}}}" for k, v in fields.items())
    return f"@{entry_type}{{{key},\n{body}\n}}"


def book_bibtex(book: Book) -> str:
    fields = {
        "author": "{" + _bibtex_escape(book.author_text) + "}",
        "title": "{" + _bibtex_escape(book.title) + "}",
        "year": str(book.year),
        "version": book.version,
        "note": "Licences: " + ", ".join(book.licenses),
    }
    if book.url:
        fields["url"] = book.url
    return _bibtex("misc", book.key, fields)


def book_plain(book: Book) -> str:
    text = f"{book.author_text} ({book.year}). {book.title}. Version {book.version}."
    return text + (f" {book.url}" if book.url else "")


def figure_bibtex(fig: Figure, book: Book) -> str:
    fields = {
        "author": "{" + _bibtex_escape(book.author_text) + "}",
        "title": "{" + _bibtex_escape(fig.title) + "}",
        "booktitle": "{" + _bibtex_escape(book.title) + "}",
        "year": str(book.year),
        "version": book.version,
        "note": _bibtex_escape(f"Figure {fig.name}. Source: {fig.source}"),
    }
    if book.url:
        fields["url"] = book.url
    return _bibtex("incollection", fig.key, fields)


def figure_plain(fig: Figure, book: Book) -> str:
    text = (f"{book.author_text} ({book.year}). “{fig.title}”, figure {fig.name}. In: "
            f"{book.title}, version {book.version}. Source: {fig.source}.")
    return text + (f" {book.url}" if book.url else "")


def figure_cite_markdown(fig: Figure, book: Book) -> str:
    """The MyST block placed under a figure with ```{glue:md} <name>-cite``` and
    `:format: myst`: plain text, BibTeX, and download links to the three exports."""
    def links(width: str) -> str:
        return " · ".join(
            f"{{download}}`{label} </{fig.export_path(fmt, width).as_posix()}>`"
            for fmt, label in zip(EXPORT_FORMATS, ("PNG, 300 dpi", "SVG", "PDF"), strict=True)
        )
    return (
        ":::{admonition} Cite this figure\n"
        ":class: dropdown\n\n"
        f"{figure_plain(fig, book)}\n\n"
        f"```bibtex\n{figure_bibtex(fig, book)}\n```\n\n"
        f"Download, full width (7 in): {links('full')}\n\n"
        f"Download, column width (3.5 in): {links('column')}\n"
        ":::\n"
    )
