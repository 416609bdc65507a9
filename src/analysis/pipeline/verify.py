"""What `make book` runs every time before it publishes: each source against the catalogue's
SHA-256, each file of data/derived/ against datapackage.json, and each input derive read against
the hash datapackage.json recorded for it. Fast (no table is parsed): hashes only.

A missing derived file, or an input that changed since the last derive, means "derive again";
a derived file whose bytes differ from its recorded hash means it was edited after derive, and
the book is not built from it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.errors import InputError
from analysis.io import paths, sources, text_hygiene


class NeedsDerive(InputError):
    """data/derived/ is missing a file, or an input changed since it was derived."""


def _hash(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def read_package(derived: Path) -> dict:
    path = Path(derived) / "datapackage.json"
    if not path.is_file():
        raise NeedsDerive(path, "file", "the data package derive writes", "no such file")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "UTF-8 text",
                         "bytes that are not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"line {exc.lineno}, column {exc.colno}", "valid JSON",
                         exc.msg) from None


# Folders inside data/derived/ that derive does not write but keeps: the notebooks' figures
# and the data of each (a figure's CSV is written with its exports, not by derive).
KEPT = ("figures",)


def check_derived(derived: Path) -> None:
    """Every file datapackage.json lists is there with its recorded hash, and every CSV under
    `derived`, outside the folders it keeps (KEPT), is listed."""
    derived = Path(derived)
    package = read_package(derived)
    listed = set()
    for res in package.get("resources", []):
        path = derived / res["path"]
        listed.add(path)
        if not path.is_file():
            raise NeedsDerive(path, "file", "a file datapackage.json lists", "no such file")
        actual = _hash(path)
        if actual.lower() != str(res.get("hash", "")).lower():
            raise InputError(path, "file hash",
                             f"{res.get('hash')} as datapackage.json records (a table edited "
                             f"by hand? `make derive` writes it again from the sources)", actual)
    for path in sorted(derived.rglob("*.csv")):
        if path not in listed and path.relative_to(derived).parts[0] not in KEPT:
            raise InputError(path, "file", "a table listed in datapackage.json",
                             "a file derive did not write")


def check_inputs_unchanged(root: Path, package: dict) -> None:
    """The inputs derive recorded (codebooks, catalogue, reference tables) still hash the same."""
    root = Path(root)
    recorded = list(package.get("inputs", []))
    for res in package.get("resources", []):
        if res.get("role") == "input":
            recorded.append({"path": res["input"], "hash": res["hash"]})
    for item in recorded:
        path = root / item["path"]
        if not path.is_file():
            raise InputError(path, "file", "an input the last derive read", "no such file")
        actual = text_hygiene.content_hash(path)
        if actual.lower() != item["hash"].lower():
            raise NeedsDerive(path, "file hash", f"{item['hash']} as the last derive read it",
                              f"{actual} (changed since)")


def verify(root: Path = paths.ROOT) -> int:
    """Raise on the first problem; return the number of files vouched for."""
    root = Path(root)
    count = sources.check_all(root / "data" / "sources" / "catalogue.csv")
    derived = root / "data" / "derived"
    check_derived(derived)
    package = read_package(derived)
    check_inputs_unchanged(root, package)
    return count + len(package.get("resources", [])) + 1
