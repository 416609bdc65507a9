"""Shared fixtures: the project's root, the primary source, and throw-away project copies."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.io import paths, sources

ROOT = paths.ROOT


@pytest.fixture(scope="session")
def primary():
    return sources.primary()


@pytest.fixture(scope="session")
def primary_text(primary) -> str:
    return primary.text


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project's data/ (and CITATION.cff, which gives the data package its
    version) in a temporary root, to break without harm."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy2(ROOT / "CITATION.cff", tmp_path / "CITATION.cff")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under a folder, to prove nothing was overwritten."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="session")
def built_html(tmp_path_factory) -> Path:
    """The book built once per test session, the way `make html` builds it
    (tools/build_book.py: -W -n --keep-going, into a temporary folder swapped in on success)."""
    out = tmp_path_factory.mktemp("book") / "html"
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_book.py"),
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    yield out
    shutil.rmtree(out, ignore_errors=True)


def page_text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
