"""Shared fixtures: the project's root, the primary source, throw-away project copies; and the
order the test files run in (longest first)."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.io import paths, sources

ROOT = paths.ROOT


# The files that take longest in `make test` (pytest --durations=0, two workers), longest first.
# With --dist loadfile --no-loadscope-reorder (the Makefile) a worker that finishes a file takes
# the next in this order, so no worker is left running a long file alone at the end; the browser
# check goes third, when the PDF edition it waits for is nearly built. The rest follow in the
# order collected. (Only the order changes: a file missing here still runs.)
LONGEST_FIRST = ("tests/test_execution_keys.py", "tests/test_atomic_derive.py",
                 "tests/test_browser.py", "tests/test_figure_legibility.py",
                 "tests/test_input_faults.py", "tests/test_figures.py",
                 "tests/test_text_hygiene.py", "tests/test_tables.py", "tests/test_bad_input.py",
                 "tests/test_reader_tools.py")


def pytest_collection_modifyitems(config, items):
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable


@pytest.fixture(scope="session")
def primary():
    return sources.primary()


@pytest.fixture(scope="session")
def primary_text(primary) -> str:
    return primary.text


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project's data/ in a temporary root, to break without harm."""
    return copy_data(ROOT, tmp_path)


def copy_data(root: Path, dest: Path) -> Path:
    """`root`'s data/ copied into `dest`, with what the data package records beside its
    inputs: CITATION.cff (its version), the analysis modules derive runs and the pins."""
    shutil.copytree(root / "data", dest / "data")
    shutil.copytree(root / "src", dest / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("CITATION.cff", "pyproject.toml", "constraints.txt"):
        shutil.copy2(root / name, dest / name)
    return dest


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under a folder, to prove nothing was overwritten."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


sys.path.insert(0, str(ROOT / "tools"))
from test_suite import MARKER as PDF_BUILDING  # noqa: E402  (names the PDF build's process)

PDF_WAIT_SECONDS = 900


def wait_for_pdf_edition() -> None:
    """Return once no PDF edition is being built (`make test` builds it beside the tests)."""
    deadline = time.monotonic() + PDF_WAIT_SECONDS
    while PDF_BUILDING.is_file() and time.monotonic() < deadline:
        try:
            os.kill(int(PDF_BUILDING.read_text(encoding="utf-8")), 0)
        except (OSError, ValueError):  # the build is gone (a killed run left the marker)
            return
        time.sleep(0.5)


@pytest.fixture(scope="session")
def built_html(tmp_path_factory, worker_id) -> Path:
    """The book built once per test run, the way `make html` builds it (tools/build_book.py:
    -W -n --keep-going, into a temporary folder swapped in on success). Under pytest-xdist the
    workers share one build: the first to need it builds it while holding a lock, the others
    wait for it and read the same folder (which pytest's temporary-folder cleanup removes)."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # gw0, gw1, ...: basetemp is per worker, its parent is the run's
        shared = shared.parent
    out, failed = shared / "book-html", shared / "book-html.failed"
    wait_for_pdf_edition()  # the landing page links the PDF edition only when it exists
    with open(shared / "book-html.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "index.html").is_file() and not failed.is_file():
            done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_book.py"),
                                   "--out", str(out)], capture_output=True, text=True)
            if done.returncode != 0:
                failed.write_text(done.stdout[-3000:] + done.stderr[-3000:], encoding="utf-8")
    assert not failed.is_file(), failed.read_text(encoding="utf-8")
    return out


def page_text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
