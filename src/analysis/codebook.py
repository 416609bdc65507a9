"""Codebooks: CSV files of words a reader can see and disagree with, and how they become regexes.

A codebook cell holds one or more *terms* separated by ";". A term is literal text with two
conveniences, so that it stays readable: a trailing "*" on a word means "and any ending"
(``export*`` matches export, exports, exported), and any run of spaces matches any run of white
space. A term never matches inside a longer word.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .errors import InputError

TERM_SEPARATOR = ";"


def read(path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[dict]:
    """Rows of a codebook; the header must name `required` (and may name `optional`) columns,
    and every required cell must be filled."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "file", "a codebook", "no such file")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        unknown = [c for c in header if c not in required and c not in optional]
        if missing or unknown:
            raise InputError(path, "line 1 (header)", f"columns {list(required + optional)}",
                             f"missing {missing}, unknown {unknown}")
        rows = []
        for line, row in enumerate(reader, start=2):
            for name in required:
                if not (row.get(name) or "").strip():
                    raise InputError(path, f"line {line}, column {name!r}", "a value",
                                     "an empty cell")
            rows.append({k: (v or "").strip() for k, v in row.items()} | {"_line": line})
    if not rows:
        raise InputError(path, "body", "at least one row", "a header and no rows")
    return rows


def terms(cell: str) -> list[str]:
    """The terms of a codebook cell, in the order written, without empty ones."""
    if not isinstance(cell, str):
        raise TypeError(f"a codebook cell must be str, not {type(cell).__name__}")
    return [t.strip() for t in cell.split(TERM_SEPARATOR) if t.strip()]


def term_regex(term: str) -> str:
    """The regex for one term: literal words, "*" for any word ending, flexible white space."""
    if not isinstance(term, str):
        raise TypeError(f"a term must be str, not {type(term).__name__}")
    if not term.strip():
        raise ValueError("a term must not be empty")
    parts = []
    for word in term.split():
        if word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + r"[\w’'-]*")
        else:
            parts.append(re.escape(word))
    return r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w])"


def compile_terms(items: list[str], flags: int = re.IGNORECASE) -> re.Pattern:
    """One pattern for several terms; at any position the longest term is tried first."""
    if not items:
        raise ValueError("at least one term is needed")
    ordered = sorted(set(items), key=lambda t: (-len(t), t))
    return re.compile("|".join(f"(?:{term_regex(t)})" for t in ordered), flags)
