"""Build speed of this book against the stock Jupyter Book template, on this machine, in one run.

Run it with the project's own tools: `make bench` (or `.venv/bin/python benchmarks/build_speed.py
[--runs N] [--test-runs N] [--table NAME] [--chapter book/x.ipynb]`). It times, interleaved
run by run so that a busy machine weighs on both alike:

- template: `jupyter-book create` (not timed), then its clean build and a no-change rebuild;
- this book, in a fresh clone of the last commit that reuses this virtual environment:
  - clean: `make book` after removing _build/ and the execution keys (book/_execution.json):
    derive, execute every notebook, build the HTML;
  - cold: as clean, and without the figures' export records (data/derived/figures/
    *.exports.json), so every figure is exported again: a fresh clone with no cache at all;
  - clone: `make book` after removing _build/ only, as on a fresh clone: the committed keys
    are trusted, so no notebook executes when the committed notebooks are current;
  - no change: `make book` again (make finds nothing to do);
  - no change, every step: `make book` without make's stamps (_build/.make/): derive runs, the
    runner checks every notebook's key and Jupyter Book its incremental build;
  - prose: `make book` after editing a markdown cell of one chapter;
  - table: `make book` after changing one derived table (its builder drops its last row, as a
    change in a codebook or a reference file would change that table only);
  - test: `make test`.

It prints medians and the ratios to the template, says which notebooks were executed in each
case and which were expected to be, and writes benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
STAMP = "book/_execution.json"
EXECUTED = re.compile(r"^==> executing (\S+\.ipynb)", re.MULTILINE)
TARGETS = {
    "clean make book / template clean build": 3.0,  # issue 10: full re-execution <= 3x
    "no-change make book / template no-change rebuild": 1.2,
}
TEST_LIMIT_SECONDS = 120


def sh(cmd: list[str], cwd: Path, env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    out = done.stdout + done.stderr
    if done.returncode != 0:
        raise SystemExit(f"`{' '.join(cmd)}` failed in {cwd}:\n{out[-4000:]}")
    return seconds, out


def bin_(name: str) -> str:
    return str(Path(sys.prefix) / "bin" / name)


# ---------------------------------------------------------------------------- the template

def template_run(work: Path, env: dict) -> dict[str, float]:
    book = work / "template"
    shutil.rmtree(book, ignore_errors=True)
    sh([bin_("jupyter-book"), "create", str(book)], work, env)
    clean, _ = sh([bin_("jupyter-book"), "build", str(book)], work, env)
    again, _ = sh([bin_("jupyter-book"), "build", str(book)], work, env)
    return {"template clean build": clean, "template no-change rebuild": again}


# ---------------------------------------------------------------------------- this book

def clone(work: Path) -> tuple[Path, str]:
    """A fresh clone of the last commit with a .venv that points into this environment."""
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    book = work / "book"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(book)], check=True)
    subprocess.run(["git", "checkout", "--quiet", "--detach", commit], cwd=book, check=True)
    venv = book / ".venv"
    venv.mkdir()
    for entry in Path(sys.prefix).iterdir():
        if not entry.name.startswith("."):
            (venv / entry.name).symlink_to(entry.resolve())
    (venv / ".installed").touch()  # installed: make must not reinstall into the shared venv
    return book, commit


def book_env(book: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(book / "src")  # the clone's package, not the editable install's
    env.pop("MAKEFLAGS", None)
    return env


def make_book(book: Path, env: dict) -> tuple[float, list[str], str]:
    seconds, out = sh(["make", "book"], book, env)
    if "pip install" in out or "creating the virtual environment" in out:
        raise SystemExit("make book tried to reinstall the environment; stopping")
    return seconds, sorted(EXECUTED.findall(out)), out


def readers(book: Path) -> dict[str, list[str]]:
    """{derived CSV: notebooks that declare they read it}, from the execution keys."""
    notebooks = json.loads((book / STAMP).read_text(encoding="utf-8"))["notebooks"]
    found: dict[str, list[str]] = {}
    for nb, entry in notebooks.items():
        for name in entry["reads"]:
            if not any(c in name for c in ":/."):  # a derived table, by its name
                found.setdefault(f"data/derived/{name}.csv", []).append(nb)
    return {k: sorted(v) for k, v in found.items()}


def tables(book: Path, env: dict) -> dict[str, dict]:
    code = ("import json; from analysis.pipeline.registry import TABLES; print(json.dumps("
            "{t.name: list(t.inputs) for t in TABLES}))")
    _, out = sh([str(book / ".venv" / "bin" / "python"), "-c", code], book, env)
    depends = json.loads(out.strip().splitlines()[-1])
    used = {d for deps in depends.values() for d in deps}
    return {name: {"leaf": name not in used} for name in depends}


def choose_table(book: Path, env: dict) -> str:
    """A leaf table read by the fewest notebooks (at least one) and holding several rows."""
    read_by = readers(book)
    candidates = []
    for name, info in tables(book, env).items():
        csv = f"data/derived/{name}.csv"
        rows = len((book / csv).read_text(encoding="utf-8").splitlines()) - 1
        if read_by.get(csv) and rows > 1:
            candidates.append((not info["leaf"], len(read_by[csv]), name))
    if not candidates:
        raise SystemExit("no derived table is read by a notebook")
    return min(candidates)[2]


def change_table(book: Path, name: str) -> None:
    registry = book / "src" / "analysis" / "pipeline" / "registry.py"
    registry.write_text(registry.read_text(encoding="utf-8") + f"""

# benchmarks/build_speed.py: change one table (its builder drops the last row)
import dataclasses as _dc  # noqa: E402
import functools as _ft  # noqa: E402


def _drop_last_row(build):
    def dropped(**inputs):
        return build(**inputs).iloc[:-1]

    dropped.__signature__ = __import__("inspect").signature(build)
    return dropped


TABLES = tuple(_dc.replace(t, build=_drop_last_row(t.build)) if t.name == {name!r} else t
               for t in TABLES)
""", encoding="utf-8")


def edit_prose(book: Path, chapter: str) -> None:
    import nbformat

    path = book / chapter
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source += "\n\nA sentence added by the build-speed benchmark."
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def csv_hashes(book: Path) -> dict[str, str]:
    import hashlib

    return {str(p.relative_to(book)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((book / "data" / "derived").glob("*.csv"))}


def restore(book: Path) -> None:
    subprocess.run(["git", "checkout", "--quiet", "--", "."], cwd=book, check=True)


def dirty(book: Path) -> list[str]:
    out = subprocess.run(["git", "status", "--porcelain"], cwd=book, capture_output=True,
                         text=True, check=True).stdout
    return [line[3:] for line in out.splitlines()]


def book_run(book: Path, env: dict, table: str, chapter: str, with_test: bool) -> dict:
    times, executed, checks = {}, {}, {}
    committed_stamp = (book / STAMP).read_text(encoding="utf-8")

    shutil.rmtree(book / "_build", ignore_errors=True)
    (book / STAMP).unlink()
    times["clean"], executed["clean"], _ = make_book(book, env)
    checks["clean build changed no committed file"] = dirty(book) == []
    checks["clean build wrote the committed execution keys"] = \
        (book / STAMP).read_text(encoding="utf-8") == committed_stamp

    shutil.rmtree(book / "_build", ignore_errors=True)
    (book / STAMP).unlink()
    for record in (book / "data" / "derived" / "figures").glob("*.exports.json"):
        record.unlink()
    times["cold"], executed["cold"], _ = make_book(book, env)
    checks["cold build changed no committed file"] = dirty(book) == []

    shutil.rmtree(book / "_build", ignore_errors=True)
    times["clone"], executed["clone"], _ = make_book(book, env)

    times["no change"], executed["no change"], out = make_book(book, env)
    # the hash check (analysis verify) runs on every make book, by design; no step may run
    checks["no-change rebuild ran nothing but the hash check"] = not any(
        line.startswith("==>") for line in out.splitlines())

    shutil.rmtree(book / "_build" / ".make")  # make's shortcut gone: every step asked
    times["no change, every step"], executed["no change, every step"], _ = make_book(book, env)

    edit_prose(book, chapter)
    times["prose"], executed["prose"], _ = make_book(book, env)
    restore(book)
    make_book(book, env)  # back to the committed state (re-renders the restored chapter)

    before = csv_hashes(book)
    change_table(book, table)
    expected_readers = readers(book)
    times["table"], executed["table"], _ = make_book(book, env)
    after = csv_hashes(book)
    changed = sorted(k for k in after if before.get(k) != after[k])
    expected = sorted({nb for csv in changed for nb in expected_readers.get(csv, [])})
    restore(book)
    make_book(book, env)  # back to the committed tables and notebooks

    if with_test:
        times["make test"], _ = sh(["make", "test"], book, env)
    return {"times": times, "executed": executed, "checks": checks,
            "table": {"name": table, "changed_files": changed, "expected": expected}}


# ---------------------------------------------------------------------------- report

def median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def machine() -> dict:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        model = next((line.split(":", 1)[1].strip() for line in
                      cpuinfo.read_text().splitlines() if line.startswith("model name")), "")
    from importlib.metadata import version

    return {"platform": platform.platform(), "cpus": os.cpu_count(), "cpu model": model,
            "python": platform.python_version(), "jupyter-book": version("jupyter-book"),
            "memory GiB": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
                                / 2**30, 1)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument("--test-runs", type=int, default=None,
                        help="runs of make test (default: --runs)")
    parser.add_argument("--table", help="derived table to change (default: chosen)")
    parser.add_argument("--chapter", help="notebook whose prose to edit (default: first)")
    parser.add_argument("--output", default=str(RESULTS))
    args = parser.parse_args(argv)
    test_runs = args.runs if args.test_runs is None else args.test_runs
    if dirty(ROOT):
        print("note: uncommitted changes are not benchmarked; the last commit is", flush=True)

    load = [round(x, 2) for x in os.getloadavg()]  # a machine shared with other work says so
    samples: dict[str, list[float]] = {}
    runs = []
    with tempfile.TemporaryDirectory(prefix="build-speed-") as tmp:
        work = Path(tmp)
        book, commit = clone(work)
        env = book_env(book)
        table = args.table or choose_table(book, env)
        chapters = sorted(json.loads((book / STAMP).read_text())["notebooks"])
        chapter = args.chapter or chapters[0]
        print(f"benchmarking commit {commit[:12]}: {len(chapters)} notebook(s); prose edit in "
              f"{chapter}; table changed: {table}", flush=True)
        for i in range(args.runs):
            for name, seconds in template_run(work, dict(os.environ)).items():
                samples.setdefault(name, []).append(seconds)
            run = book_run(book, env, table, chapter, with_test=i < test_runs)
            runs.append(run)
            for name, seconds in run["times"].items():
                samples.setdefault(name, []).append(seconds)
            print(f"run {i + 1}/{args.runs}: " + ", ".join(
                f"{k} {v:.1f} s" for k, v in {**{k: samples[k][-1] for k in samples
                                               if k.startswith("template")},
                                            **run["times"]}.items()), flush=True)

    med = {name: median(values) for name, values in samples.items()}
    ratios = {
        "clean make book / template clean build":
            round(med["clean"] / med["template clean build"], 3),
        "no-change make book / template no-change rebuild":
            round(med["no change"] / med["template no-change rebuild"], 3),
        "no-change make book, every step / template no-change rebuild":
            round(med["no change, every step"] / med["template no-change rebuild"], 3),
        "fresh-clone make book / template clean build":
            round(med["clone"] / med["template clean build"], 3),
        "cold make book (every figure exported) / template clean build":
            round(med["cold"] / med["template clean build"], 3),
    }
    last = runs[-1]
    consistent = all(r["executed"] == last["executed"] for r in runs)
    executed = last["executed"]
    targets = {
        "clean make book <= 3x template clean build":
            ratios["clean make book / template clean build"] <= 3.0,
        "no-change rebuild <= 1.2x template no-change rebuild":
            ratios["no-change make book / template no-change rebuild"] <= 1.2,
        "prose edit executes no notebook": all(r["executed"]["prose"] == [] for r in runs),
        "table change executes exactly its readers":
            all(r["executed"]["table"] == r["table"]["expected"] for r in runs),
        "make test < 2 minutes": (med["make test"] < TEST_LIMIT_SECONDS
                                  if "make test" in med else None),
    }
    checks = {name: all(r["checks"][name] for r in runs) for name in last["checks"]}
    record = {
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "command": " ".join([".venv/bin/python benchmarks/build_speed.py", *argv])
                   if argv else "make bench",
        "commit": commit,
        "machine": machine(),
        "load average at the start (1, 5, 15 min)": load,
        "runs": args.runs,
        "test runs": test_runs,
        "seconds": {name: {"median": med[name], "runs": [round(v, 2) for v in values]}
                    for name, values in samples.items()},
        "ratios": ratios,
        "notebooks": chapters,
        "executed": executed,
        "executed the same in every run": consistent,
        "prose edit in": chapter,
        "table change": last["table"],
        "targets met": targets,
        "checks": checks,
    }
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    width = max(len(k) for k in med)
    print("\nmedian seconds over", args.runs, "run(s):")
    for name, value in med.items():
        ran = executed.get(name)
        note = "" if ran is None else f"   executed: {', '.join(ran) or 'none'}"
        print(f"  {name:<{width}}  {value:7.2f}{note}")
    print("ratios:")
    for name, value in ratios.items():
        print(f"  {name}: {value}")
    print(f"table change ({last['table']['name']}): files changed "
          f"{', '.join(last['table']['changed_files'])}; expected readers "
          f"{', '.join(last['table']['expected']) or 'none'}")
    print("targets:")
    for name, ok in {**targets, **checks}.items():
        print(f"  [{'not measured' if ok is None else 'met' if ok else 'MISSED'}] {name}")
    print(f"written: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
