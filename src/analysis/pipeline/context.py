"""What a table builder may read: the verified sources, reference files and upstream tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.io import paths, sources


class Context:
    """Holds verified sources and builds upstream tables once, on first request."""

    def __init__(self, root: Path = paths.ROOT, registry=None):
        from analysis.pipeline.registry import TABLES

        self.root = Path(root)
        self.catalogue = self.root / "data" / "sources" / "catalogue.csv"
        self.reference_dir = self.root / "data" / "reference"
        self.sources = sources.load_all(self.catalogue)
        self._tables = {t.name: t for t in (registry or TABLES)}
        self._built: dict[str, pd.DataFrame] = {}

    @property
    def primary(self) -> sources.Source:
        return self.sources[sources.PRIMARY_SOURCE_ID]

    @property
    def texts(self) -> dict[str, str]:
        return {sid: s.text for sid, s in self.sources.items()}

    def table(self, name: str) -> pd.DataFrame:
        """A derived table, built (and checked against its declaration) on first use."""
        from analysis.schema.table import conform

        if name not in self._built:
            table = self._tables[name]
            self._built[name] = conform(table.build(self), table, f"builder of table {name!r}")
        return self._built[name].copy()
