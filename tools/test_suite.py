"""Run the test suite with the PDF edition built beside it, not before it.

The PDF edition (LaTeX: one core for most of 20 s) is built by `make` in the background while
pytest runs; the tests that need it (the book's HTML, which links the PDF only when it exists,
and the tests that read the PDF) wait for it: `_build/.pdf-building` names the build's process
while it runs (tests/conftest.py, `wait_for_pdf_edition`). Where TeX is not installed, no PDF is
built and those tests say so. The exit status is pytest's, or 1 when the PDF edition failed.

Usage: python tools/test_suite.py --pdf TARGET [PYTEST ARGUMENTS ...]
       (TARGET: the Makefile's PDF edition, which `make TARGET` builds)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = ROOT / "_build" / ".pdf-building"  # tests/conftest.py waits while it names a build


def start_pdf(target: str) -> tuple[subprocess.Popen, threading.Thread]:
    """`make` the PDF edition in the background; the marker goes when the build has ended."""
    MARKER.parent.mkdir(parents=True, exist_ok=True)
    build = subprocess.Popen(["make", "--no-print-directory", target], cwd=ROOT)
    tmp = MARKER.with_name(MARKER.name + ".tmp")
    tmp.write_text(f"{build.pid}\n", encoding="utf-8")
    tmp.replace(MARKER)

    def reap() -> None:
        build.wait()
        MARKER.unlink(missing_ok=True)

    waiter = threading.Thread(target=reap, daemon=True)
    waiter.start()
    return build, waiter


def main(argv: list[str]) -> int:
    if argv[:1] != ["--pdf"] or len(argv) < 2:
        print("error: expected --pdf TARGET first (the Makefile's PDF edition); found "
              f"{argv[:2]}", file=sys.stderr)
        return 2
    target, argv = argv[1], argv[2:]
    MARKER.unlink(missing_ok=True)  # one a killed run left
    build = None
    if shutil.which("latexmk"):
        print("==> building the PDF edition in the background while the tests run; the tests "
              "that need it wait for it", flush=True)
        build, waiter = start_pdf(target)
    else:
        print("==> no TeX: the PDF edition is not built, and the book tested does not link it",
              flush=True)
    try:
        tests = subprocess.run([sys.executable, "-m", "pytest", *argv], cwd=ROOT).returncode
    finally:
        if build is not None:
            waiter.join()
    if build is not None and build.returncode != 0:
        print(f"error: the PDF edition failed (`make pdf` says why); the tests exited with "
              f"{tests}", file=sys.stderr)
        return 1
    return tests


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main(sys.argv[1:]))
