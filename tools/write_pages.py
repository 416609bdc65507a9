"""Write the book's generated pages (book/data.md, book/cite.md) from their one source each.

The text comes from analysis.publish.pages (data/derived/datapackage.json,
data/codebooks/figures.csv, CITATION.cff); tests/test_pages.py fails when a committed page
differs from what this writes.

Usage: python tools/write_pages.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis.errors import AnalysisError  # noqa: E402
from analysis.io.atomic import write_text_atomic  # noqa: E402
from analysis.publish import pages  # noqa: E402


def main(argv: list[str]) -> int:
    try:
        rendered = pages.render_all(ROOT)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    stale = []
    for name, text in rendered.items():
        path = ROOT / "book" / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if "--check" not in argv:
            write_text_atomic(path, text)
    if not stale:
        print("book/: every generated page is up to date")
    else:
        verb = "differ from their sources" if "--check" in argv else "written"
        print(f"book/: {', '.join(stale)} {verb}")
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
