"""Derive every registered table, check it, and replace data/derived/ in one step.

Order of work: the catalogue and every source (fixity), every reference table and codebook
(checked by meaning against its declaration), then the tables in the order their declared
inputs give, each checked against its declaration and its evidence. Only when all of that
passed are the files written, into a staging folder that is swapped for data/derived/ in one
rename: a failure or a kill at any moment leaves the old set or the new one.
"""

from __future__ import annotations

from pathlib import Path

from analysis.errors import AnalysisError
from analysis.io import book_record, codebooks, paths, reference, text_hygiene
from analysis.io.atomic import replace_directory
from analysis.pipeline import modules
from analysis.pipeline.context import Context
from analysis.pipeline.registry import TABLES, build_order
from analysis.pipeline.verify import KEPT, check_derived
from analysis.schema.csv_format import to_csv_text
from analysis.schema.datapackage import descriptor, to_json_text
from analysis.schema.evidence import has_evidence, verify


def check_inputs(ctx: Context) -> list[tuple]:
    """Check every reference table and codebook against its declaration (each read once, by
    the context that hands them to the builders); each reference table as it is published
    beside the tables: (declaration, path under data/derived/, input path, bytes as read, after
    the text-hygiene rule's normalisations)."""
    for book in codebooks.CODEBOOKS:
        ctx.value(f"codebook:{book.name}")
    published = []
    for table in reference.REFERENCE_TABLES:
        ctx.value(f"reference:{table.name}")
        path = ctx.root / "data" / "reference" / table.path_name
        published.append((table, f"{reference.PUBLISHED_DIR}/{table.path_name}",
                          f"data/reference/{table.path_name}",
                          text_hygiene.normalised_bytes(path)))
    return published


PINS = ("pyproject.toml", "constraints.txt")  # the packages derive runs on


def recorded_inputs(root: Path = paths.ROOT) -> list[dict]:
    """The catalogue, the codebooks, the analysis modules derive runs and the dependency pins,
    as derive read them (path and SHA-256 of the text after the text-hygiene rule's
    normalisations), so that `analysis verify` can tell, by content, that data/derived/ is
    older than its inputs or than the code that derives it (a fresh clone then derives only
    when it must)."""
    root = Path(root)
    files = [root / "data" / "sources" / "catalogue.csv", root / "CITATION.cff",
             *(codebooks.path_of(b.name, root) for b in codebooks.CODEBOOKS),
             *(root / rel for rel in modules.closure(root, {modules.DERIVE})),
             *(root / pins for pins in PINS if (root / pins).is_file())]
    return [{"path": f.relative_to(root).as_posix(),
             "hash": text_hygiene.content_hash(f)} for f in files]


def render(root: Path = paths.ROOT, tables=TABLES) -> dict[str, str]:
    """Every output file's text, keyed by its name under data/derived/, built in memory."""
    order = build_order(tables)
    ctx = Context(root)
    inputs = check_inputs(ctx)
    texts = {}
    for table in order:
        frame = ctx.build(table)
        if has_evidence(frame):
            verify(frame, ctx.texts, f"table {table.name!r}")
        texts[table.path_name] = to_csv_text(frame, table)
    csv_by_table = {t.name: texts[t.path_name] for t in tables}
    texts.update({name: data.decode("utf-8") for _, name, _, data in inputs})
    book = book_record.read_book(root)  # the version and address of the report, from CITATION.cff
    texts["datapackage.json"] = to_json_text(
        descriptor(list(tables), csv_by_table, ctx.sources, inputs, recorded_inputs(root),
                   book.version, book.url))
    return texts


def derive(root: Path = paths.ROOT, tables=TABLES) -> list[Path]:
    """Write all tables; nothing changes unless every table built and verified."""
    files = {name: text.encode("utf-8") for name, text in render(root, tables).items()}
    return write(root, files)


def write(root: Path, files: dict[str, bytes]) -> list[Path]:
    """Make data/derived/ hold exactly `files` (and the folders it keeps) in one step: a kill
    at any moment leaves the old set or the new one (analysis.io.atomic)."""
    out_dir = Path(root) / "data" / "derived"
    replace_directory(out_dir, files, keep=KEPT, check=check_derived)
    return sorted(out_dir / name for name in files)


class DriftError(AnalysisError):
    """The committed tables differ from a fresh derivation."""


def first_difference(expected: str, found: str) -> int:
    """The index of the first character where two texts differ."""
    return next((i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b),
                min(len(expected), len(found)))


def _excerpt(text: str, at: int, width: int = 60) -> str:
    start = max(0, at - 20)
    return ("…" if start else "") + text[start:start + width] + (
        "…" if start + width < len(text) else "")


def check(root: Path = paths.ROOT, tables=TABLES) -> None:
    """Raise naming the first file, line and column where committed outputs differ from a
    fresh run."""
    out_dir = Path(root) / "data" / "derived"
    for name, fresh in render(root, tables).items():
        path = out_dir / name
        if not path.is_file():
            raise DriftError(f"{path}: missing; a fresh derivation writes it (run make derive)")
        committed = path.read_text(encoding="utf-8")
        if committed != fresh:
            old, new = committed.splitlines(), fresh.splitlines()
            line = next((i for i, (a, b) in enumerate(zip(old, new, strict=False), 1) if a != b),
                        min(len(old), len(new)) + 1)
            found = old[line - 1] if line <= len(old) else "<end of file>"
            expected = new[line - 1] if line <= len(new) else "<end of file>"
            at = first_difference(expected, found)
            raise DriftError(f"{path}, line {line}, character {at + 1}: differs from a fresh "
                             f"derivation; expected {_excerpt(expected, at)!r}, "
                             f"found {_excerpt(found, at)!r}")
