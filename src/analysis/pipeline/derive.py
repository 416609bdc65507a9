"""Derive every registered table, check it, and write data/derived/ in one atomic step."""

from __future__ import annotations

from pathlib import Path

from analysis.errors import AnalysisError
from analysis.io import paths
from analysis.io.atomic import write_all_atomic
from analysis.pipeline.context import Context
from analysis.pipeline.registry import TABLES, build_order
from analysis.schema.csv_format import to_csv_text
from analysis.schema.datapackage import descriptor, to_json_text
from analysis.schema.evidence import has_evidence, verify


def render(root: Path = paths.ROOT, tables=TABLES) -> dict[str, str]:
    """Every output file's text, keyed by its name under data/derived/, built in memory."""
    order = build_order(tables)
    ctx = Context(root)
    texts = {}
    for table in order:
        frame = ctx.build(table)
        if has_evidence(frame):
            verify(frame, ctx.texts, f"table {table.name!r}")
        texts[table.path_name] = to_csv_text(frame, table)
    csv_by_table = {t.name: texts[t.path_name] for t in tables}
    texts["datapackage.json"] = to_json_text(descriptor(list(tables), csv_by_table, ctx.sources))
    return texts


def derive(root: Path = paths.ROOT, tables=TABLES) -> list[Path]:
    """Write all tables; nothing is written unless every table built and verified."""
    out_dir = Path(root) / "data" / "derived"
    files = {out_dir / name: text.encode("utf-8") for name, text in render(root, tables).items()}
    write_all_atomic(files)
    return sorted(files)


class DriftError(AnalysisError):
    """The committed tables differ from a fresh derivation."""


def check(root: Path = paths.ROOT, tables=TABLES) -> None:
    """Raise naming the first table and row where committed outputs differ from a fresh run."""
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
            raise DriftError(f"{path}, line {line}: differs from a fresh derivation; "
                             f"expected {expected[:120]!r}, found {found[:120]!r}")
