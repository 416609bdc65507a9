"""Derive is all-or-nothing: killed at any moment, or stopped by a target it cannot write,
data/derived/ holds the whole old set or the whole new one, every file matching
datapackage.json, and the next run cleans up and succeeds."""

from __future__ import annotations

import os
import pickle
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.pipeline.verify import check_derived
from conftest import ROOT, snapshot

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
# Kills of a whole derivation (mostly while its tables are built, when nothing may change), and
# kills of its write step alone (where the files are written and swapped), which is cheap to
# repeat. Both are forked from a process that has already imported derive (the interpreter's
# start and the imports, a quarter of a derivation here, hold nothing to kill); the write step's
# fork also holds the new set. The command line's own derive runs after the kills.
TRIES, WRITE_TRIES, BUDGET_SECONDS = 8, 40, 240
FORKER = r"""
import os, pickle, signal, sys, time
from pathlib import Path
from analysis.pipeline import derive
root = Path(sys.argv[1])
files = pickle.loads(Path(sys.argv[2]).read_bytes()) if len(sys.argv) > 2 else None
print("ready", flush=True)
for line in sys.stdin:
    step, delay = line.split()  # "derive" or "write"; seconds before the kill, negative: none
    delay = float(delay)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            derive.derive(root) if step == "derive" else derive.write(root, files)
        finally:
            os._exit(0)
    if delay >= 0:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    print("killed" if os.WIFSIGNALED(status) else "finished", time.monotonic() - started,
          flush=True)
"""


class Forker:
    """The FORKER process: `run(step, delay)` forks derive's step and kills it after `delay`
    seconds (none when negative); it returns ("killed" or "finished", seconds taken)."""

    def __init__(self, root: Path, files_pickle: Path | None = None):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", FORKER, str(root), *([str(files_pickle)] if files_pickle
                                                          else [])],
            env=ENV, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.proc.stdout.readline().strip() == "ready"

    def run(self, step: str, delay: float) -> tuple[str, float]:
        self.proc.stdin.write(f"{step} {delay}\n")
        self.proc.stdin.flush()
        outcome, seconds = self.proc.stdout.readline().split()
        return outcome, float(seconds)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def derive_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "analysis", "derive", "--root", str(root)]


def change_an_input(root: Path) -> None:
    """A codebook change that changes several tables, so a mix of old and new would show."""
    path = root / "data/codebooks/themes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Border,", "Borders,", 1), encoding="utf-8")


def test_killed_derive_leaves_the_old_set_or_the_new_one(project_copy):
    derived = project_copy / "data/derived"
    old = snapshot(derived)
    change_an_input(project_copy)
    rng = random.Random(20211025)
    outcomes, deadline = {"old": 0, "new": 0}, time.monotonic() + BUDGET_SECONDS
    forker = Forker(project_copy)
    try:
        # the new set, and how long a forked derivation takes here (the command line's derive
        # after the kills must write the same set)
        outcome, duration = forker.run("derive", -1)
        new = snapshot(derived)
        assert outcome == "finished" and new != old
        for _ in range(TRIES):
            if time.monotonic() > deadline:
                break
            # restore the old set, then kill a derivation after a random delay
            restore_old_set(project_copy)
            forker.run("derive", duration * rng.random() * 1.1)
            check_derived(derived)  # every file matches datapackage.json's hashes
            now = snapshot(derived)
            assert now in (old, new), "a mix of the old and the new set"
            outcomes["old" if now == old else "new"] += 1
    finally:
        forker.close()
    print(f"killed derive {sum(outcomes.values())} times: {outcomes}")
    assert sum(outcomes.values()) >= TRIES or time.monotonic() > deadline
    # the next run removes what a killed run left and writes the new set
    subprocess.run(derive_command(project_copy), env=ENV, check=True, capture_output=True)
    assert snapshot(derived) == new
    assert not list((project_copy / "data").glob(".derived-staging-*"))


def restore_old_set(root: Path) -> None:
    shutil.rmtree(root / "data/derived")
    shutil.copytree(ROOT / "data/derived", root / "data/derived")


def test_a_write_killed_at_any_moment_leaves_the_old_set_or_the_new_one(project_copy, tmp_path):
    from analysis.pipeline import derive

    derived = project_copy / "data/derived"
    old = snapshot(derived)
    change_an_input(project_copy)
    files = {name: text.encode("utf-8") for name, text in derive.render(project_copy).items()}
    (tmp_path / "files.pickle").write_bytes(pickle.dumps(files))
    writer = Forker(project_copy, tmp_path / "files.pickle")

    def write(delay: float) -> tuple[str, float]:
        return writer.run("write", delay)

    def kill_once(delay: float) -> str:
        """Restore the old set, write the new one killed after `delay` s; which set is left."""
        restore_old_set(project_copy)
        write(delay)
        check_derived(derived)  # every file matches datapackage.json's hashes
        now = snapshot(derived)
        assert now in (old, new), "a mix of the old and the new set"
        return "old" if now == old else "new"

    def write_time() -> float:
        """How long an unkilled write takes right after a restore, as the killed ones do (the
        fsyncs then also flush the restored copy, so a write on a slow disk takes longer)."""
        restore_old_set(project_copy)
        outcome, seconds = write(-1)
        assert outcome == "finished" and snapshot(derived) == new
        return seconds

    try:
        write(-1)  # unkilled: the new set
        new = snapshot(derived)
        assert new != old
        span = max(write_time() for _ in range(3))
        rng, outcomes = random.Random(20211025), {"old": 0, "new": 0}
        for attempt in range(WRITE_TRIES):
            if attempt and attempt % 10 == 0:  # the machine's load changes while the test runs
                span = max(span, write_time())
            outcomes[kill_once(span * rng.random() * 1.2)] += 1
        # should every kill have landed on one side of the swap, aim at the other side too
        for step in range(12):
            if outcomes["new"] and outcomes["old"]:
                break
            outcomes[kill_once(0.0 if outcomes["new"] else span * 1.5 ** step)] += 1
    finally:
        writer.close()
    print(f"killed derive's write {sum(outcomes.values())} times: {outcomes}")
    assert outcomes["old"] and outcomes["new"]  # kills landed before and after the swap
    derive.write(project_copy, files)  # the next write removes what the killed ones left
    assert snapshot(derived) == new
    assert not list((project_copy / "data").glob(".derived-staging-*"))


def _immutable(path: Path, on: bool) -> bool:
    """chattr +i/-i: refuses writes even to root; False where the file system cannot."""
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True)
    return done.returncode == 0


@pytest.mark.parametrize("locked", ["data", "data/derived"])
def test_an_unwritable_target_stops_derive_and_keeps_the_old_set(project_copy, locked):
    old = snapshot(project_copy / "data/derived")
    change_an_input(project_copy)
    target = project_copy / locked
    if not _immutable(target, True):
        if os.geteuid() == 0:
            pytest.skip("root without chattr: no way to make a folder unwritable")
        target.chmod(0o555)
    try:
        done = subprocess.run(derive_command(project_copy), env=ENV, capture_output=True,
                              text=True)
    finally:
        _immutable(target, False)
        target.chmod(0o755)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in done.stderr
    assert str(project_copy / "data") in lines[0]
    assert snapshot(project_copy / "data/derived") == old
    check_derived(project_copy / "data/derived")
    assert not list((project_copy / "data").glob(".derived-staging-*"))
