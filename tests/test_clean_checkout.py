"""Determinism end to end: `make book`'s steps on a fresh clone leave `git status` clean.

The clone is of the committed HEAD (uncommitted edits are not in it). In it, the tables are
derived, the generated pages written and every notebook executed and every figure drawn, with
the commands `make book` runs; every committed byte must come out the same. The HTML build, the
last step of `make book`, writes only the ignored _build/ and is tested by tests/test_book.py.
About a minute (mostly notebook execution), so `make test` leaves it out; `make
determinism` runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.clean_checkout


def git(*args, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def test_make_book_steps_on_a_fresh_clone_leave_git_status_clean(tmp_path):
    head = git("rev-parse", "HEAD", cwd=ROOT).strip()
    clone = tmp_path / "clone"
    git("clone", "--quiet", "--no-checkout", str(ROOT), str(clone), cwd=tmp_path)
    git("checkout", "--quiet", "--detach", head, cwd=clone)
    env = {**os.environ, "PYTHONPATH": str(clone / "src")}
    # Every figure drawn again, not only executed: without the inputs its record was made
    # under (analysis.publish.figures, `drawn_from`), the drawing's key decides, as on a first run.
    for record in (clone / "data" / "derived" / "figures").glob("*.exports.json"):
        fields = json.loads(record.read_text(encoding="utf-8"))
        fields.pop("inputs", None)
        record.write_text(json.dumps(fields, indent=1) + "\n", encoding="utf-8")
    steps = [
        [sys.executable, "-m", "analysis", "derive"],
        [sys.executable, "tools/write_pages.py"],
        [sys.executable, "tools/run_notebooks.py", "--force"],  # execute: keys not trusted
    ]
    for step in steps:
        done = subprocess.run(step, cwd=clone, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(step[1:])}:\n{done.stderr[-3000:]}"
    assert git("status", "--porcelain", "--untracked-files=all", cwd=clone) == ""
