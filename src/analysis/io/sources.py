"""The source catalogue and fixity: a source is only ever read through its recorded hash."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import FixityError, InputError
from analysis.io import paths, text_hygiene

CATALOGUE_FIELDS = {
    "source_id": "Stable identifier; also the file's stem, so a quote can be traced by name.",
    "file": "File name under data/sources/.",
    "title": "Title of the text.",
    "title_origin": "Where the title was taken from (the text itself, or its address).",
    "publisher": "Who published the text.",
    "date_published": "Date of publication, ISO 8601.",
    "event_date": "Date of the event the text reports, ISO 8601.",
    "language": "Language of the text, BCP 47.",
    "address": "Address where the text was published, where known.",
    "sha256": "SHA-256 of the file's bytes, checked on every load.",
    "obtained_from": "How the file reached this project.",
}
OPTIONAL_FIELDS = {"address", "event_date"}
ONE_LINE_FIELDS = ("source_id", "file", "date_published", "event_date", "language", "sha256")


@dataclass(frozen=True)
class Source:
    """A verified source text with its catalogue record."""

    source_id: str
    path: Path
    record: dict
    text: str
    report: tuple[str, ...] = ()  # characters the text-hygiene rule reports, kept as stored

    @property
    def date_published(self) -> str:
        return self.record["date_published"]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SHA256 = re.compile(r"[0-9a-fA-F]{64}")


def read_catalogue(catalogue: Path = paths.CATALOGUE) -> list[dict]:
    """Read and validate the catalogue: every required field filled, ids unique slugs, each
    `file` a file directly inside the catalogue's folder, each hash 64 hex digits, dates real
    calendar dates. A bad row is refused naming its line (header = line 1)."""
    from analysis.schema.calendar import is_calendar_date

    catalogue = Path(catalogue)
    if not catalogue.is_file():
        raise InputError(catalogue, "file", "the source catalogue", "no such file")
    header, cells_by_line = text_hygiene.csv_rows(catalogue, text_hygiene.table_text(catalogue))
    text_hygiene.check_cells(catalogue, header, cells_by_line, one_line=ONE_LINE_FIELDS)
    missing = [f for f in CATALOGUE_FIELDS if f not in header]
    unknown = [f for f in header if f not in CATALOGUE_FIELDS]
    if missing or unknown:
        raise InputError(
            catalogue, "line 1 (header)", f"columns {list(CATALOGUE_FIELDS)}",
            f"missing {missing}, unknown {unknown}",
        )
    records, ids, files = [], {}, {}
    folder = catalogue.parent.resolve()
    for line, cells in cells_by_line:
        row = dict(zip(header, cells, strict=True))

        def refuse(column: str, expected: str, found: str, line=line):
            raise InputError(catalogue, f"line {line}, column {column!r}", expected, found)

        for name in CATALOGUE_FIELDS:
            if name not in OPTIONAL_FIELDS and not row[name].strip():
                refuse(name, "a value (every source needs it)", "an empty cell")
        if not SLUG.fullmatch(row["source_id"]):
            refuse("source_id", "a slug (lower-case letters, digits, single hyphens)",
                   repr(row["source_id"]))
        if row["source_id"] in ids:
            refuse("source_id", "an id no other row has",
                   f"{row['source_id']!r}, as on line {ids[row['source_id']]}")
        target = (catalogue.parent / row["file"]).resolve()
        if target.parent != folder or Path(row["file"]).name != row["file"]:
            refuse("file", f"a file name inside {catalogue.parent}", repr(row["file"]))
        if row["file"] in files:
            refuse("file", "a file no other row names", f"{row['file']!r}, as on line "
                                                         f"{files[row['file']]}")
        if not SHA256.fullmatch(row["sha256"].strip()):
            refuse("sha256", "64 hexadecimal digits", repr(row["sha256"]))
        for name in ("date_published", "event_date"):
            if row[name].strip() and not is_calendar_date(row[name].strip()):
                refuse(name, "a calendar date YYYY, YYYY-MM or YYYY-MM-DD", repr(row[name]))
        ids[row["source_id"]], files[row["file"]] = line, line
        records.append(row)
    if not records:
        raise InputError(catalogue, "body", "at least one source", "no rows")
    return records


def load_source(source_id: str, catalogue: Path = paths.CATALOGUE) -> Source:
    """Load one source by id, refusing it when its bytes differ from the recorded hash."""
    records = {r["source_id"]: r for r in read_catalogue(catalogue)}
    if source_id not in records:
        raise InputError(catalogue, "column 'source_id'", repr(source_id), sorted(records))
    return _loaded(records[source_id], catalogue)


def _loaded(record: dict, catalogue: Path) -> Source:
    path = _fixed(record, catalogue)
    text, report = text_hygiene.source_text(path)
    return Source(record["source_id"], path, record, text, report)


def _fixed(record: dict, catalogue: Path) -> Path:
    """The file of a catalogue row, refused when missing or when its bytes differ from the
    recorded hash."""
    path = Path(catalogue).parent / record["file"]
    if not path.is_file():
        raise InputError(path, "file", f"the text of source {record['source_id']!r}",
                         "no such file")
    actual = sha256_of(path)
    if actual != record["sha256"].strip().lower():
        raise FixityError(path, record["sha256"], actual)
    return path


def load_all(catalogue: Path = paths.CATALOGUE) -> dict[str, Source]:
    return {r["source_id"]: _loaded(r, catalogue) for r in read_catalogue(catalogue)}


def check_all(catalogue: Path = paths.CATALOGUE) -> int:
    """Every catalogued source is there, UTF-8, with the bytes its hash records; the number of
    sources. What `analysis verify` asks of them on every build: the characters of each are
    reported by derive, which reads the texts."""
    records = read_catalogue(catalogue)
    for record in records:
        text_hygiene.decoded_source(_fixed(record, catalogue))
    return len(records)


PRIMARY_SOURCE_ID = "nca-2021-10-26-tokayev-state-visit"


def primary(catalogue: Path = paths.CATALOGUE) -> Source:
    """The nCa article of 26 October 2021, the report's one primary source."""
    return load_source(PRIMARY_SOURCE_ID, catalogue)
