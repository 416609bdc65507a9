"""Execute the book's notebooks in place, deterministically, and only those whose inputs changed.

The HTML build only renders what is stored (execute_notebooks: off) and nbval compares against
it, so the stored notebook is the single executed result. Each notebook declares what it reads
in its first code cell, `reads(...)` (analysis.io.inputs; the cell is written by
tools/notebook_heads.py). Its execution key, in book/_execution.json (committed; content
hashes only, never file times, so a fresh clone agrees with the machine that ran it), is:

- code: its code cells and their tags (markdown cells are prose: editing them executes nothing);
- reads: the fingerprint of every declared name (a table: its entry in datapackage.json, so a
  table change executes exactly its readers; a file: its SHA-256). While a notebook runs here,
  the loaders refuse a read it did not declare, so the declaration cannot go stale;
- modules: the analysis modules its code imports, followed through their imports (a static
  scan), except through analysis.pipeline.registry unless the notebook imports it itself:
  builders reach a notebook only through the tables it reads;
- outputs: its stored outputs, and the figure files it exported, which must still hold what
  it wrote (a deleted or changed export executes its writer again);
- environment: the dependency pins (pyproject.toml, constraints.txt) and this key's format.

A run first rewrites every notebook without what a run adds and the project does not keep
(timings, kernel details, execution counts out of order) and with its current head cells.
Stale notebooks run concurrently (--jobs, default: the number of CPUs), the largest stored
notebook first, each in a kernel of its own, forked from a server that has already imported
what every kernel imports (tools/warm_kernels.py; --cold: start each kernel from scratch);
a notebook starts from a fresh kernel either way. As many kernels again start while
those run, and wait ready: a kernel's start is mostly waiting for its first reply.

Figure exports go to a staging folder, moved into data/derived/figures/ only when the whole
notebook ran; a notebook that raises leaves its stored notebook and the figures as they were,
and one line names it and its cell. A kernel does not export a figure that changed: it leaves
it pickled in the staging folder, and the runner exports those figures in worker processes, as
many at a time as --jobs, while other notebooks run (an unchanged figure is not exported at
all; see analysis.publish.figures).

Usage: python tools/run_notebooks.py [--force] [--dry-run] [--cold] [--jobs N] [NOTEBOOK ...]
       python tools/run_notebooks.py --tidy [NOTEBOOK ...]   (only rewrite them: heads, no timings)
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tools" / "sphinx"))
import warm_kernels  # noqa: E402
from notebooks_ready import ready_file  # noqa: E402  (the HTML build beside the runner)

from analysis.errors import AnalysisError  # noqa: E402
from analysis.io import inputs  # noqa: E402
from analysis.pipeline import modules  # noqa: E402
from analysis.publish import notebook_head  # noqa: E402

STAMP = "book/_execution.json"
TIMEOUT_SECONDS = 300
KEY_FORMAT = 3  # bump when what the key means changes: every notebook then executes once
NOT_FOLLOWED = frozenset({"analysis.pipeline.registry"})
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class RunnerError(Exception):
    """One line for the person running it: file, place, expected, found."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def read_notebook(root: Path, rel: str) -> nbformat.NotebookNode:
    try:
        text = (root / rel).read_text(encoding="utf-8")
        json.loads(text)
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
        return nb
    except json.JSONDecodeError as exc:
        found = f"invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
    except (ValueError, KeyError, TypeError, AttributeError, nbformat.ValidationError) as exc:
        found = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
    raise RunnerError(f"{rel}: expected a notebook (nbformat 4 JSON); found {found} (restore it "
                      f"with `git checkout -- {rel}`)")


def normalise(nb: nbformat.NotebookNode, root: Path) -> nbformat.NotebookNode:
    """The notebook as the project keeps it: current head cells, nothing a run adds."""
    nb = notebook_head.update(nb, root)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": "python3"}
    nb.metadata["language_info"] = {"name": nb.metadata.get("language_info", {}).get("name",
                                                                                      "python")}
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            # numbered as "Restart and Run All" numbers them, whatever order a reader ran them in
            count += 1
            cell.execution_count = count if cell.outputs or cell.execution_count else None
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = count
    return nb


def write_if_changed(path: Path, text: str) -> None:
    """Unchanged bytes keep their file time; changed ones are replaced in one step."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)


# ---------------------------------------------------------------------------- the key's parts

def code_digest(nb) -> str:
    return sha256(canonical([[c.source, sorted(c.metadata.get("tags", []))] for c in nb.cells
                             if c.cell_type == "code"]))


def outputs_digest(nb) -> str:
    return sha256(canonical([[c.get("execution_count"), c.get("outputs", [])] for c in nb.cells
                             if c.cell_type == "code"]))


def environment_digest(root: Path) -> str:
    pins = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    deps = sorted(pins.get("project", {}).get("dependencies", []))
    constraints = root / "constraints.txt"
    locked = sorted(line.strip() for line in constraints.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.lstrip().startswith("#")) \
        if constraints.is_file() else []
    return sha256(canonical([KEY_FORMAT, deps, locked]))


def module_files(root: Path, nb) -> list[str]:
    """Source files of the analysis modules a notebook runs, relative to root, sorted."""
    direct = set().union(*[modules.imported(modules.code_tree(c.source), "__notebook__", False)
                           for c in nb.cells if c.cell_type == "code"])
    return modules.closure(root, direct, NOT_FOLLOWED)


def declared(nb, rel: str) -> tuple[str, ...]:
    try:
        names = inputs.declared_in([c.source for c in nb.cells if c.cell_type == "code"])
    except ValueError as exc:
        raise RunnerError(f"{rel}, its inputs: expected {exc}") from None
    if names is None:
        raise RunnerError(f"{rel}, its first code cell: expected reads(...) naming what it reads; "
                          f"found none (`python tools/run_notebooks.py --tidy` adds it)")
    return names


def digests(root: Path, files) -> dict[str, str | None]:
    return {rel: sha256((root / rel).read_bytes()) if (root / rel).is_file() else None
            for rel in files}


def depends_on(root: Path, rel: str, nb) -> dict:
    """The parts of a notebook's execution key that its outputs depend on: code, pins,
    modules and reads."""
    return {"code": code_digest(nb), "environment": environment_digest(root),
            "modules": digests(root, module_files(root, nb)),
            "reads": {name: inputs.fingerprint(name, root) for name in declared(nb, rel)}}


def inputs_key(rel: str, parts: dict) -> str:
    """One digest of `depends_on`, given to the notebook's kernel (inputs.INPUTS_ENV): a
    figure drawn under the same digest draws the same (analysis.publish.figures)."""
    return sha256(canonical([rel, parts]))


def stored_inputs_key(root: Path, rel: str) -> str:
    """`inputs_key` of the notebook `rel` as it is stored (what nbval and the tests give)."""
    return inputs_key(rel, depends_on(root, rel, read_notebook(root, rel)))


# ---------------------------------------------------------------------------- the plan

def load_stamp(root: Path) -> dict:
    path = root / STAMP
    if not path.is_file():
        return {}
    try:
        notebooks = json.loads(path.read_text(encoding="utf-8"))["notebooks"]
        if not isinstance(notebooks, dict):
            raise TypeError("'notebooks' is not an object")
        return notebooks
    except (ValueError, KeyError, TypeError) as exc:
        raise RunnerError(f"{STAMP}: expected the execution keys (JSON with 'notebooks'); found "
                          f"{type(exc).__name__}: {exc} (delete it to execute every notebook "
                          f"again)") from None


def why_stale(root: Path, rel: str, entry: dict | None) -> str | None:
    """Why the stored notebook `rel` must be executed again, or None if it is up to date."""
    nb = read_notebook(root, rel)
    names = declared(nb, rel)
    if not isinstance(entry, dict) or not entry:
        return f"never executed here (no entry in {STAMP})"
    if entry.get("environment") != environment_digest(root):
        return "the dependency pins or the key format changed"
    if entry.get("code") != code_digest(nb):
        return "its code cells changed"
    if entry.get("outputs") != outputs_digest(nb):
        return "its stored outputs are not those of its last execution"
    writes = entry.get("writes", {})
    changed = [name for name, digest in digests(root, writes).items() if writes[name] != digest]
    if changed:
        return f"{changed[0]}, which it writes, is not what its last execution wrote"
    modules = module_files(root, nb)
    if entry.get("modules") != digests(root, modules):
        return "an analysis module it imports changed"
    for name in names:
        if entry.get("reads", {}).get(name) != inputs.fingerprint(name, root):
            return f"{name}, which it reads, changed"
    return None


def notebooks_in(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "book").glob("*.ipynb"))


def tidy(root: Path, notebooks: list[str], check: bool = False) -> list[str]:
    """Rewrite each notebook as the project keeps it (no re-execution); return those that were
    not (with check=True: only return them)."""
    untidy = []
    for rel in notebooks:
        try:
            text = nbformat.writes(normalise(read_notebook(root, rel), root)) + "\n"
        except ValueError as exc:
            raise RunnerError(f"{rel}, its inputs cell: expected {exc}") from None
        if (root / rel).read_text(encoding="utf-8") != text:
            untidy.append(rel)
            if not check:
                write_if_changed(root / rel, text)
    return untidy


def plan(root: Path, notebooks: list[str] | None = None, force: bool = False) -> dict:
    """{notebook: reason to execute it, or None} for the given notebooks (default: all)."""
    stamp = load_stamp(root)
    chosen = notebooks if notebooks is not None else notebooks_in(root)
    return {rel: ("forced" if force else why_stale(root, rel, stamp.get(rel))) for rel in chosen}


# ---------------------------------------------------------------------------- execution

class Exporter:
    """Export the figures the kernels left in their staging folders, as many at a time as
    `jobs`: each in a process forked from the warm-kernel server, which has imported
    matplotlib, or (cold) in worker processes started at the first such figure (a run where
    no figure changed starts none)."""

    def __init__(self, jobs: int, server=None, env: dict | None = None):
        self.jobs = max(1, jobs)
        self.pool = None
        self.server, self.env = server, env
        self.slots = asyncio.Semaphore(self.jobs)

    async def _forked(self, job: Path, root: Path, staging: Path) -> None:
        module = "analysis.publish.figures"
        async with self.slots:
            await warm_kernels.call(
                self.server, [(module, "export_worker", []),
                              (module, "export_job", [str(job), str(root), str(staging)])],
                job.with_suffix(".error"), self.env, root)

    async def export(self, root: Path, staging: Path) -> None:
        jobs = staging / ".figure-jobs"  # analysis.publish.figures.JOBS_DIR
        pending = sorted(jobs.glob("*.pickle"))
        if not pending:
            return
        if self.server is not None:
            await asyncio.gather(*(self._forked(job, root, staging) for job in pending))
        else:
            import multiprocessing

            from analysis.publish import figures as figure_exports  # matplotlib: when needed

            if self.pool is None:
                self.pool = concurrent.futures.ProcessPoolExecutor(
                    self.jobs, mp_context=multiprocessing.get_context("spawn"),
                    initializer=figure_exports.export_worker)
            loop = asyncio.get_running_loop()
            await asyncio.gather(*(loop.run_in_executor(self.pool, figure_exports.export_job,
                                                        job, root, staging) for job in pending))
        jobs.rmdir()
        for job in pending:
            print(f"    exported {job.stem}", flush=True)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


async def execute(root: Path, rel: str, env: dict, manager, timeout: int,
                  exporter: Exporter, gate: asyncio.Semaphore | None = None,
                  clock: dict | None = None) -> dict:
    """Execute one notebook in a fresh kernel; store it and its figures only if every cell ran.
    With `gate`, the kernel starts at once and its cells wait for a place in the gate: a
    kernel's start is mostly waiting for its replies, which then overlaps other notebooks."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = read_notebook(root, rel)
    parts = depends_on(root, rel, nb)  # before the run: a file changed meanwhile runs it again
    (root / "_build").mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root / "_build"))
    try:
        client = NotebookClient(
            nb, timeout=timeout, kernel_name="python3", record_timing=False,
            shutdown_kernel="immediate", resources={"metadata": {"path": str((root / rel).parent)}},
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            **({"kernel_manager_class": manager} if manager else {}),
            **(gated(gate, clock if clock is not None else {}) if gate else {}))
        kernel_env = {**env, inputs.NOTEBOOK_ENV: rel, inputs.STAGING_ENV: str(staging),
                      inputs.INPUTS_ENV: inputs_key(rel, parts)}
        try:
            await client.async_execute(env=kernel_env)
        except CellExecutionError as exc:
            cell = next((n for n, c in enumerate(nb.cells, 1) if any(
                o.get("output_type") == "error" for o in c.get("outputs", []))), "?")
            found = ANSI.sub("", f"{exc.ename}: {exc.evalue}").replace("\n", " ")
            raise RunnerError(f"{rel}, cell {cell}: expected every cell to run; found {found} "
                              f"(the stored notebook and figures are left as they were)") from None
        except (CellTimeoutError, DeadKernelError, RuntimeError) as exc:
            found = ANSI.sub("", str(exc)).strip().splitlines()[-1:] or [type(exc).__name__]
            raise RunnerError(f"{rel}: expected the notebook to run; found {found[0]} (the "
                              f"stored notebook and figures are left as they were)") from None
        try:
            await exporter.export(root, staging)
        except Exception as exc:  # noqa: BLE001 - one line, whatever the export raised
            found = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise RunnerError(f"{rel}: expected its figures to export; found {found} (the "
                              f"stored notebook and figures are left as they were)") from None
        written = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
        for name in written:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            if digests(root, [name])[name] != sha256((staging / name).read_bytes()):
                os.replace(staging / name, root / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    nb = normalise(nb, root)
    write_if_changed(root / rel, nbformat.writes(nb) + "\n")
    return {**parts, "outputs": outputs_digest(nb), "writes": digests(root, written)}


def gated(gate: asyncio.Semaphore, clock: dict) -> dict:
    """nbclient hooks that hold a place in `gate` from the kernel's first reply to its end
    (`clock["start"]`: when the place was given)."""
    held = []

    async def enter(**_):
        await gate.acquire()
        held.append(True)
        clock["start"] = time.perf_counter()

    async def leave(**_):
        if held:
            held.pop()
            gate.release()

    return {"on_notebook_start": enter, "on_notebook_complete": leave}


def write_stamp(root: Path, entries: dict) -> None:
    present = set(notebooks_in(root))
    body = {"about": "Execution keys of the stored notebooks (tools/run_notebooks.py): content "
                     "hashes of what each notebook's outputs depend on. Do not edit by hand.",
            "notebooks": {k: v for k, v in sorted(entries.items()) if k in present}}
    write_if_changed(root / STAMP, json.dumps(body, indent=1, sort_keys=True,
                                              ensure_ascii=False) + "\n")


def announce(ready: Path | None, rel: str) -> None:
    """Tell an HTML build beside the runner that `rel` is stored (tools/sphinx/notebooks_ready)."""
    if ready is not None:
        ready_file(ready, rel).touch()


async def execute_all(root: Path, stale: list[str], jobs: int, cold: bool, timeout: int,
                      ready: Path | None = None) -> list:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(root / "src")] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    try:
        server = None if cold else warm_kernels.shared_server()
    except ValueError as exc:
        raise RunnerError(str(exc).replace("start kernels cold", "use --cold")) from None
    # `jobs` notebooks run at a time; as many more kernels start meanwhile and wait, ready
    running = asyncio.Semaphore(max(1, jobs))
    started = asyncio.Semaphore(2 * max(1, jobs))
    exporter = Exporter(jobs, server, env)

    async def one(rel: str):
        async with started:
            clock = {"start": time.perf_counter()}
            try:
                result = await execute(root, rel, env, server and warm_kernels.manager(server),
                                       timeout, exporter, running, clock)
            except RunnerError as exc:
                result = str(exc)
            else:
                announce(ready, rel)
            return rel, result, time.perf_counter() - clock["start"]

    # the largest stored notebook first (its figures are most of a run), so that the last
    # to finish is a short one
    order = sorted(stale, key=lambda rel: -(root / rel).stat().st_size)
    try:
        return await asyncio.gather(*(one(rel) for rel in order))
    finally:
        exporter.close()


def run(root: Path, notebooks: list[str] | None = None, force: bool = False, jobs: int = 0,
        timeout: int = TIMEOUT_SECONDS, dry_run: bool = False, cold: bool = False,
        ready: Path | None = None) -> list[str]:
    """Execute the stale notebooks; return the ones executed. Raises RunnerError on failure.
    With `ready`, a file there says when each notebook is stored (or was up to date)."""
    root = Path(root).resolve()
    if not dry_run:
        tidy(root, notebooks if notebooks is not None else notebooks_in(root))
    reasons = plan(root, notebooks, force)
    stale = [rel for rel, why in reasons.items() if why]
    for rel in stale:
        print(f"==> {'would execute' if dry_run else 'executing'} {rel} ({reasons[rel]})",
              flush=True)
    print(f"==> {len(reasons) - len(stale)} notebook(s) up to date, {len(stale)} to execute",
          flush=True)
    if dry_run:
        return stale
    for rel, why in reasons.items():
        if not why:
            announce(ready, rel)
    if not stale:
        return stale
    entries = load_stamp(root)
    done = asyncio.run(execute_all(root, stale, jobs or os.cpu_count() or 1, cold, timeout,
                                   ready))
    failures = []
    for rel, result, seconds in sorted(done):
        if isinstance(result, str):
            failures.append(result)
            print(f"    failed   {rel} after {seconds:.1f} s", flush=True)
        else:
            entries[rel] = result
            print(f"    executed {rel} in {seconds:.1f} s", flush=True)
    if len(failures) < len(done):  # a run where every notebook failed records nothing
        write_stamp(root, entries)
    if failures:
        raise RunnerError("\n".join(failures))
    return stale


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="default: every book/*.ipynb")
    parser.add_argument("--force", action="store_true", help="execute even if up to date")
    parser.add_argument("--dry-run", action="store_true", help="only say what would run")
    parser.add_argument("--tidy", action="store_true", help="only rewrite the notebooks")
    parser.add_argument("--cold", action="store_true", help="start every kernel from scratch")
    parser.add_argument("--jobs", "-j", type=int, default=0, help="notebooks run at a time")
    parser.add_argument("--ready", default=None, help="a folder where a file says when each "
                        "notebook is stored (the HTML build beside the runner reads them)")
    parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    try:
        chosen = [str((Path(a).resolve() if Path(a).resolve().is_relative_to(root) else root / a)
                      .relative_to(root)) for a in args.notebooks] or None
        if args.tidy:
            tidy(root, chosen or notebooks_in(root))
            return 0
        run(root, chosen, force=args.force, jobs=args.jobs, dry_run=args.dry_run, cold=args.cold,
            ready=Path(args.ready) if args.ready else None)
    except (RunnerError, AnalysisError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValueError:
        print(f"error: expected notebooks under {root}; found {args.notebooks}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
