"""The source catalogue and fixity: a source is only ever read through its recorded hash."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import FixityError, InputError
from analysis.io import paths

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


@dataclass(frozen=True)
class Source:
    """A verified source text with its catalogue record."""

    source_id: str
    path: Path
    record: dict
    text: str

    @property
    def date_published(self) -> str:
        return self.record["date_published"]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_catalogue(catalogue: Path = paths.CATALOGUE) -> list[dict]:
    """Read and validate the catalogue; every required field must be filled."""
    if not catalogue.is_file():
        raise InputError(catalogue, "file", "the source catalogue", "no such file")
    with catalogue.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [f for f in CATALOGUE_FIELDS if f not in header]
        unknown = [f for f in header if f not in CATALOGUE_FIELDS]
        if missing or unknown:
            raise InputError(
                catalogue, "line 1 (header)", f"columns {list(CATALOGUE_FIELDS)}",
                f"missing {missing}, unknown {unknown}",
            )
        records = []
        for line, row in enumerate(reader, start=2):
            for name in CATALOGUE_FIELDS:
                if name not in OPTIONAL_FIELDS and not (row.get(name) or "").strip():
                    raise InputError(
                        catalogue, f"line {line}, column {name!r}",
                        "a value (every source needs it)", "an empty cell",
                    )
            records.append(row)
    if not records:
        raise InputError(catalogue, "body", "at least one source", "no rows")
    return records


def load_source(source_id: str, catalogue: Path = paths.CATALOGUE) -> Source:
    """Load one source by id, refusing it when its bytes differ from the recorded hash."""
    records = {r["source_id"]: r for r in read_catalogue(catalogue)}
    if source_id not in records:
        raise InputError(catalogue, "column 'source_id'", repr(source_id), sorted(records))
    record = records[source_id]
    path = catalogue.parent / record["file"]
    if not path.is_file():
        raise InputError(path, "file", f"the text of source {source_id!r}", "no such file")
    actual = sha256_of(path)
    if actual != record["sha256"]:
        raise FixityError(path, record["sha256"], actual)
    return Source(source_id, path, record, path.read_bytes().decode("utf-8"))


def load_all(catalogue: Path = paths.CATALOGUE) -> dict[str, Source]:
    records = read_catalogue(catalogue)
    return {r["source_id"]: load_source(r["source_id"], catalogue) for r in records}


PRIMARY_SOURCE_ID = "nca-2021-10-26-tokayev-state-visit"


def primary(catalogue: Path = paths.CATALOGUE) -> Source:
    """The nCa article of 26 October 2021, the report's one primary source."""
    return load_source(PRIMARY_SOURCE_ID, catalogue)
