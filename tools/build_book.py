"""Build the HTML book with warnings as errors, and replace _build/html only when it succeeds.

Jupyter Book writes into a fresh temporary folder beside _build/html (a full build every time,
so -W sees every page's warnings, not only those of pages that changed). Only when the build
passes is the new folder swapped in for _build/html; a failed build (a warning, a broken
cross-reference, a missing glue key) leaves the last good _build/html exactly as it was, and
the error lines, which name the file and line, are printed. A build that fails, is
interrupted or is terminated removes its temporary folder; one a killed build (SIGKILL) left
behind is removed by the next run.

With --with-runner, the notebook runner (tools/run_notebooks.py, given the arguments that
follow) runs beside the build, and Sphinx reads each notebook once the runner has stored it
(tools/sphinx/notebooks_ready.py): Sphinx's start and the pages that are not notebooks take no
time of their own. A runner that fails fails the build, and _build/html is left as it was.

Usage: python tools/build_book.py [--root DIR] [--out DIR] [--with-runner RUNNER-ARGS ...]
       (default out: ROOT/_build/html)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools" / "sphinx"))
from notebooks_ready import FINISHED, READY_ENV  # noqa: E402

JB_ARGS = ["-W", "-n", "--keep-going"]
TEMPORARY = (".build-*", ".html-old-*")


def remove_stale(parent: Path) -> list[Path]:
    """Temporary folders an earlier, killed build left in `parent`."""
    stale = [p for pattern in TEMPORARY for p in parent.glob(pattern) if p.is_dir()]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return stale


def _terminated(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through `finally`, which removes the work folder


def jupyter_book() -> str:
    beside = Path(sys.executable).with_name("jupyter-book")
    return str(beside) if beside.is_file() else "jupyter-book"


def problems(log: str) -> list[str]:
    """The warning and error lines of a Sphinx log (each names its file and line)."""
    return [line for line in log.splitlines()
            if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line)]


def swap_in(new: Path, out: Path) -> None:
    """Put `new` where `out` is in one rename (the two folders are exchanged, so `out` is at
    every moment the old tree or the new one); the old tree is removed last."""
    from analysis.io.atomic import exchange

    if out.exists():
        exchange(new, out)
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old tree
    else:
        os.replace(new, out)


def build(root: Path = ROOT, out: Path | None = None, runner: list[str] | None = None) -> int:
    """Build the book; with `runner` (its arguments), run the notebook runner beside it."""
    root = Path(root).resolve()
    out = Path(out).resolve() if out else root / "_build" / "html"
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out.parent)
    signal.signal(signal.SIGTERM, _terminated)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=out.parent))
    running = []
    try:
        env = dict(os.environ)
        if runner is not None:
            ready = work / ".ready"
            ready.mkdir()
            env[READY_ENV] = str(ready)
            running.append(subprocess.Popen(
                [sys.executable, str(root / "tools" / "run_notebooks.py"), "--root", str(root),
                 "--ready", str(ready), *runner]))
        with open(work / ".sphinx.log", "w+", encoding="utf-8") as sphinx_log:
            running.append(subprocess.Popen(
                [jupyter_book(), "build", str(root), "--path-output", str(work), *JB_ARGS],
                stdout=sphinx_log, stderr=subprocess.STDOUT, env=env))
            if runner is not None:
                ran = running[0].wait()
                (ready / FINISHED).touch()  # a notebook not stored by now never will be
            sphinx = running[-1].wait()
            sphinx_log.seek(0)
            log = re.sub(r"\x1b\[[0-9;]*m", "", sphinx_log.read())  # no colour codes
        kept = f"{out} is left as it was" if out.exists() else f"{out} was not created"
        if runner is not None and ran != 0:
            print(f"error: the notebook runner failed (above); {kept}.", file=sys.stderr)
            return 1
        built = work / "_build" / "html"
        if sphinx != 0 or not (built / "index.html").is_file():
            lines = problems(log) or log.strip().splitlines()[-20:]
            print("\n".join(lines), file=sys.stderr)
            print(f"error: the book build failed ({len(problems(log))} warning(s)/error(s) "
                  f"above); {kept}.", file=sys.stderr)
            return 1
        swap_in(built, out)
        print(f"built {out}")
        return 0
    finally:
        for process in running:  # interrupted or terminated: the children go too
            if process.poll() is None:
                process.terminate()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(ROOT), help="project root (with _config.yml)")
    parser.add_argument("--out", default=None, help="where the HTML goes")
    parser.add_argument("--with-runner", nargs=argparse.REMAINDER, default=None,
                        metavar="RUNNER-ARGS", help="run tools/run_notebooks.py beside the "
                        "build with these arguments")
    args = parser.parse_args(argv)
    return build(Path(args.root), Path(args.out) if args.out else None, args.with_runner)


if __name__ == "__main__":
    sys.exit(main())
