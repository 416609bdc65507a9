"""The report's own record in CITATION.cff (title, authors, version, year, licences, canonical
address), read here, in io, so that derive can stamp the data package with the version without
importing the publish stage; analysis.publish.citation renders citations from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import InputError
from analysis.io import inputs, paths

CITATION_FILE = "CITATION.cff"


@dataclass(frozen=True)
class Book:
    """What a citation of the report needs, read from CITATION.cff."""

    title: str
    authors: tuple[str, ...]
    version: str
    year: int
    licenses: tuple[str, ...]
    url: str | None = None
    institution: str | None = None

    @property
    def author_text(self) -> str:
        return "; ".join(self.authors)

    @property
    def key(self) -> str:
        return f"kztmreport{self.year}"

    @property
    def publisher(self) -> str:
        """Who issues the report (the BibTeX institution): CFF's preferred-citation institution,
        else the authors."""
        return self.institution or self.author_text

    @property
    def address_is_placeholder(self) -> bool:
        """True while the canonical address is under a domain reserved for documentation
        (RFC 2606: example.org, .example, ...), i.e. the book is not yet published there."""
        return is_placeholder(self.url)

    def page_url(self, page: str, anchor: str = "") -> str | None:
        """The canonical address of a page of the book (e.g. book/trade), with an anchor."""
        if not self.url:
            return None
        return self.url.rstrip("/") + f"/{page}.html" + (f"#{anchor}" if anchor else "")


RESERVED_DOMAINS = re.compile(r"(^|\.)(example\.(com|net|org)|[^.]+\.(example|invalid|test))$")


def is_placeholder(url: str | None) -> bool:
    from urllib.parse import urlsplit

    return bool(url) and bool(RESERVED_DOMAINS.search(urlsplit(url).hostname or ""))


def _author_name(entry: dict) -> str:
    if entry.get("name"):
        return str(entry["name"])
    return " ".join(str(entry[k]) for k in ("given-names", "family-names") if entry.get(k))


def read_book(root: Path = paths.ROOT) -> Book:
    """The report's citation metadata from CITATION.cff (validated in tests/test_citation.py)."""
    import yaml

    inputs.check(CITATION_FILE)
    path = Path(root) / CITATION_FILE
    if not path.is_file():
        raise InputError(path, "file", "the report's citation metadata", "no such file")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for field in ("title", "authors", "version", "date-released"):
        if not data.get(field):
            raise InputError(path, f"key {field!r}", "a value (citations need it)",
                             "nothing" if field not in data else repr(data[field]))
    licenses = data.get("license") or []
    preferred = data.get("preferred-citation") or {}
    institution = (preferred.get("institution") or {}).get("name")
    return Book(
        title=str(data["title"]),
        authors=tuple(_author_name(a) for a in data["authors"]),
        version=str(data["version"]),
        year=int(str(data["date-released"])[:4]),
        licenses=tuple([licenses] if isinstance(licenses, str) else licenses),
        url=data.get("url"),
        institution=institution,
    )
