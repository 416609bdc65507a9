"""What a table builder may read: exactly its declared inputs, resolved here and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.io import codebooks, paths, reference, sources
from analysis.schema.table import Table, conform, parameter


class Context:
    """Verified sources, checked reference tables and codebooks (each read once, handed to
    builders as data), and tables built so far."""

    def __init__(self, root: Path = paths.ROOT):
        self.root = Path(root)
        self.catalogue = self.root / "data" / "sources" / "catalogue.csv"
        self.sources = sources.load_all(self.catalogue)
        self._built: dict[str, pd.DataFrame] = {}
        self._reference: dict[str, pd.DataFrame] = {}
        self._codebooks: dict[str, codebooks.Loaded] = {}

    @property
    def texts(self) -> dict[str, str]:
        return {sid: s.text for sid, s in self.sources.items()}

    def value(self, name: str):
        """The value of one declared input (registry.build_order has checked the name)."""
        if name == "texts":
            return dict(self.sources)
        kind, _, rest = name.partition(":")
        if kind == "reference":
            if rest not in self._reference:
                self._reference[rest] = reference.load(rest, self.root)
            return self._reference[rest].copy()
        if kind == "codebook":
            if rest not in self._codebooks:
                self._codebooks[rest] = codebooks.load(rest, self.root)
            return self._codebooks[rest]
        return self._built[name].copy()

    def build(self, table: Table) -> pd.DataFrame:
        """Build one table from its declared inputs and check it against its declaration."""
        kwargs = {parameter(n): self.value(n) for n in table.inputs}
        frame = conform(table.build(**kwargs), table, f"builder of table {table.name!r}")
        self._built[table.name] = frame
        return frame.copy()
