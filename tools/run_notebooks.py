"""Execute the book's notebooks in place, deterministically, and only those whose inputs changed.

The HTML build only renders what is stored (execute_notebooks: off) and nbval compares
against it, so the stored notebook is the single executed result. Volatile metadata (timings,
kernel start times) is not recorded; a failed execution leaves the stored notebook as it was.

What a notebook's result depends on is recorded in book/_execution.json (committed), keyed by
content hashes only, never by file times, so a fresh clone agrees with the machine that ran it:

- code: its code cells (markdown cells are prose: editing them re-executes nothing);
- outputs: the outputs stored by the last execution (cleared or hand-edited outputs re-execute)
  and the files it wrote (figure exports, say), which must still hold what it wrote;
- reads: every project file the kernel opened while running (data/, CITATION.cff, ...),
  recorded at execution time by an audit hook (tools/record_reads.py), with its SHA-256. For
  data/derived/datapackage.json, which every table read consults, only the entries of the
  tables actually read count, so changing one table re-executes exactly the notebooks that
  read it;
- modules: the analysis modules its code imports, followed through their imports (a static
  scan), except through analysis.pipeline.registry when the notebook does not import it
  itself: table builders reach a notebook only through the tables it reads, which are keyed by
  their bytes;
- environment: the dependency pins (pyproject.toml, constraints.txt) and this key's format.

A notebook is executed when any of these differs, and only then. Stale notebooks run in
parallel, one kernel each (--jobs, default: the number of CPUs).

Usage: python tools/run_notebooks.py [--force] [--dry-run] [--jobs N] [NOTEBOOK ...]
       (default: every book/*.ipynb)
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
STAMP = "book/_execution.json"
TIMEOUT_SECONDS = 300
# Bump when what the key means changes: every notebook then re-executes once.
KEY_FORMAT = 2
DATAPACKAGE = "data/derived/datapackage.json"
PACKAGE = "analysis"
NOT_FOLLOWED = {"analysis.pipeline.registry"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes from run to run without changing the result."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": "python3"}
    lang = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {"name": lang.get("name", "python")}
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            # numbered as "Restart and Run All" numbers them, whatever order a reader ran them in
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count
    return nb


# ---------------------------------------------------------------------------- the key's parts

def code_digest(nb: nbformat.NotebookNode) -> str:
    """The code cells' sources (and tags, which can change what runs), in order."""
    cells = [[c.source, sorted(c.metadata.get("tags", []))] for c in nb.cells
             if c.cell_type == "code"]
    return sha256(canonical(cells))


def outputs_digest(nb: nbformat.NotebookNode) -> str:
    cells = [[c.get("execution_count"), c.get("outputs", [])] for c in nb.cells
             if c.cell_type == "code"]
    return sha256(canonical(cells))


def environment_digest(root: Path) -> str:
    pins = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    deps = sorted(pins.get("project", {}).get("dependencies", []))
    constraints = root / "constraints.txt"
    locked = sorted(line.strip() for line in constraints.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.lstrip().startswith("#")) \
        if constraints.is_file() else []
    return sha256(canonical([KEY_FORMAT, deps, locked]))


def _module_file(root: Path, name: str) -> Path | None:
    base = root / "src" / Path(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(tree: ast.AST, current: str, is_package: bool) -> set[str]:
    """Names of analysis modules imported anywhere in `tree` (lazy imports included)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = current.split(".")
                parts = parts if is_package else parts[:-1]
                parts = parts[:len(parts) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {n for n in found if n == PACKAGE or n.startswith(PACKAGE + ".")}


def _code_tree(source: str) -> ast.AST:
    """A code cell as Python, IPython magics and shell escapes left out."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return ast.parse("")


def module_files(root: Path, nb: nbformat.NotebookNode) -> list[str]:
    """Source files of the analysis modules a notebook runs, relative to root, sorted."""
    todo = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            todo |= _imports(_code_tree(cell.source), "__notebook__", False)
    direct = set(todo)  # what the notebook imports itself is always followed
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in seen or (name in NOT_FOLLOWED and name not in direct):
            continue
        path = _module_file(root, name)
        if path is None:  # a name defined in a package, not a module
            continue
        seen[name] = path
        parent = name.rpartition(".")[0]
        if parent:
            todo.add(parent)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        todo |= _imports(tree, name, path.name == "__init__.py")
    return sorted(str(p.relative_to(root)) for p in seen.values())


def read_digest(root: Path, rel: str, reads: list[str]) -> str | None:
    """The content hash of one file a notebook read (None: the file is gone)."""
    path = root / rel
    if not path.is_file():
        return None
    if rel == DATAPACKAGE:
        package = json.loads(path.read_text(encoding="utf-8"))
        derived = Path(DATAPACKAGE).parent
        used = [r for r in package.get("resources", [])
                if str(derived / r.get("path", "")) in reads]
        return sha256(canonical(sorted(used, key=lambda r: r.get("name", ""))))
    return sha256(path.read_bytes())


def digests(root: Path, files: list[str]) -> dict[str, str | None]:
    return {rel: (sha256((root / rel).read_bytes()) if (root / rel).is_file() else None)
            for rel in files}


# ---------------------------------------------------------------------------- the plan

def load_stamp(root: Path) -> dict:
    path = root / STAMP
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("notebooks", {})


def why_stale(root: Path, rel: str, entry: dict | None) -> str | None:
    """Why the stored notebook `rel` must be executed again, or None if it is up to date."""
    if not entry:
        return "never executed here (no entry in " + STAMP + ")"
    nb = nbformat.read(root / rel, as_version=4)
    if entry.get("environment") != environment_digest(root):
        return "the dependency pins or the key format changed"
    if entry.get("code") != code_digest(nb):
        return "its code cells changed"
    if entry.get("outputs") != outputs_digest(nb):
        return "its stored outputs are not those of its last execution"
    for name, digest in digests(root, sorted(entry.get("writes", {}))).items():
        if entry["writes"][name] != digest:
            return f"{name}, which it writes, is not what its last execution wrote"
    modules = module_files(root, nb)
    if sorted(entry.get("modules", {})) != modules:
        return "it imports a different set of analysis modules"
    for name, digest in digests(root, modules).items():
        if entry["modules"][name] != digest:
            return f"{name} changed"
    reads = sorted(entry.get("reads", {}))
    for name in reads:
        if entry["reads"][name] != read_digest(root, name, reads):
            return f"{name} changed" if name != DATAPACKAGE else \
                f"the description of a table it reads changed in {name}"
    return None


def notebooks_in(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "book").glob("*.ipynb"))


def plan(root: Path, notebooks: list[str] | None = None, force: bool = False) -> dict:
    """{notebook: reason to execute it, or None} for the given notebooks (default: all)."""
    stamp = load_stamp(root)
    chosen = notebooks if notebooks is not None else notebooks_in(root)
    return {rel: ("forced" if force else why_stale(root, rel, stamp.get(rel))) for rel in chosen}


# ---------------------------------------------------------------------------- execution

class ExecutionFailed(Exception):
    pass


def execute(root: Path, rel: str, timeout: int = TIMEOUT_SECONDS) -> dict:
    """Execute one notebook in a fresh kernel, store it, and return its stamp entry."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    root = Path(root).resolve()
    path = root / rel
    nb = nbformat.read(path, as_version=4)
    tools = str(Path(__file__).resolve().parent)
    with tempfile.TemporaryDirectory(prefix="reads-") as tmp:
        log = Path(tmp) / "reads.txt"
        log.touch()
        recorder = (f"__import__('sys').path.insert(0, {tools!r}); "
                    f"__import__('record_reads').install({str(log)!r}, {str(root)!r}); "
                    f"__import__('sys').path.remove({tools!r})")
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}},
                                extra_arguments=[f"--IPKernelApp.exec_lines={recorder}"])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(root / "src")] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
        try:
            client.execute(env=env)
        except CellExecutionError as exc:
            first = str(exc).strip().splitlines()
            cell = next((n for n, c in enumerate(nb.cells, 1)
                         if any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                        "?")
            raise ExecutionFailed(f"{rel}, cell {cell}: expected every cell to run; found "
                                  f"{exc.ename}: {exc.evalue}. The stored notebook is left as "
                                  f"it was.\n" + "\n".join(first[-15:])) from None
        logged = [line.split(" ", 1) for line in log.read_text(encoding="utf-8").splitlines()
                  if " " in line]
    reads = sorted({name for kind, name in logged if kind == "r"})
    written = sorted({name for kind, name in logged if kind == "w"})
    text = nbformat.writes(normalise(nb)) + "\n"
    if path.read_text(encoding="utf-8") != text:  # unchanged bytes keep their file time
        tmp_path = path.with_suffix(".ipynb.tmp")
        tmp_path.write_text(text, encoding="utf-8")
        tmp_path.replace(path)
    modules = module_files(root, nb)
    return {
        "code": code_digest(nb),
        "environment": environment_digest(root),
        "modules": digests(root, modules),
        "outputs": outputs_digest(nb),
        "reads": {name: read_digest(root, name, reads) for name in reads},
        # what it wrote and is still there (temporary files of atomic writes are gone)
        "writes": {name: digest for name, digest in digests(root, written).items() if digest},
    }


def _execute_timed(root: Path, rel: str, timeout: int) -> tuple[str, dict | str, float]:
    start = time.perf_counter()
    try:
        result: dict | str = execute(root, rel, timeout)
    except ExecutionFailed as exc:
        result = str(exc)
    return rel, result, time.perf_counter() - start


def write_stamp(root: Path, entries: dict) -> None:
    present = set(notebooks_in(root))
    body = {"about": "Execution keys of the stored notebooks (tools/run_notebooks.py): content "
                     "hashes of what each notebook's outputs depend on. Do not edit by hand.",
            "notebooks": {k: v for k, v in sorted(entries.items()) if k in present}}
    text = json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path = root / STAMP
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        tmp_path = path.with_suffix(".json.tmp")
        tmp_path.write_text(text, encoding="utf-8")
        tmp_path.replace(path)


def run(root: Path, notebooks: list[str] | None = None, force: bool = False, jobs: int = 0,
        timeout: int = TIMEOUT_SECONDS, dry_run: bool = False) -> list[str]:
    """Execute the stale notebooks; return the ones executed. Raises SystemExit on failure."""
    root = Path(root).resolve()
    reasons = plan(root, notebooks, force)
    stale = [rel for rel, why in reasons.items() if why]
    for rel, why in reasons.items():
        if why:
            print(f"==> {'would execute' if dry_run else 'executing'} {rel} ({why})", flush=True)
    print(f"==> {len(reasons) - len(stale)} notebook(s) up to date, "
          f"{len(stale)} to execute", flush=True)
    if dry_run or not stale:
        return stale
    entries = load_stamp(root)
    failures = []
    workers = min(jobs or os.cpu_count() or 1, len(stale))
    if workers == 1:
        results = (_execute_timed(root, rel, timeout) for rel in stale)
        done = list(results)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_execute_timed, root, rel, timeout) for rel in stale]
            done = [f.result() for f in as_completed(futures)]
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
        raise SystemExit("\n\n".join(failures))
    return stale


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="default: every book/*.ipynb")
    parser.add_argument("--force", action="store_true", help="execute even if up to date")
    parser.add_argument("--dry-run", action="store_true", help="only say what would run")
    parser.add_argument("--jobs", "-j", type=int, default=0, help="parallel kernels")
    parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    chosen = [str(Path(a).resolve().relative_to(root)) for a in args.notebooks] or None
    run(root, chosen, force=args.force, jobs=args.jobs, dry_run=args.dry_run)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
