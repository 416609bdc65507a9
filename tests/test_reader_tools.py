"""A reader re-runs a chapter with the usual tools: JupyterLab (make lab), `jupyter execute`,
`jupyter nbconvert --execute`, nbval from any folder; a downloaded notebook says what it needs.

The nbconvert comparison executes every chapter twice in fresh kernels (from the repository
root and from book/, in a fresh clone), so it runs with `make determinism`, not `make test`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, copy_data

spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "tools" / "run_notebooks.py")
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)

BIN = Path(sys.executable).parent
CHAPTERS = runner.notebooks_in(ROOT)
PLAIN_ENV = {k: v for k, v in os.environ.items()
             if not k.startswith(("MAKE", "MFLAGS", "ANALYSIS_"))}


def comparable(nb) -> list:
    """Each code cell's outputs without images (they may differ by fonts) or volatile fields."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            out = json.loads(json.dumps(out))
            out.pop("execution_count", None)
            for key in list(out.get("data", {})):
                if key.startswith("image/"):
                    del out["data"][key]
            outputs.append(out)
        cells.append(outputs)
    return cells


def test_the_committed_notebooks_hold_nothing_a_run_adds():
    untidy = runner.tidy(ROOT, CHAPTERS, check=True)
    if untidy:
        pytest.fail(f"{', '.join(untidy)}: holds what a run adds and the project does not keep "
                    f"(timings, kernel details, out-of-order counts) or an old head cell; run "
                    f"`make notebooks` to clean it", pytrace=False)


def test_a_jupyter_execute_inplace_run_in_book_is_refused_then_cleaned(tmp_path):
    root = tmp_path / "project"
    copy_data(ROOT, root)
    for folder in ("book", "tools"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    committed = (root / "book" / "trade.ipynb").read_bytes()
    done = subprocess.run([str(BIN / "jupyter"), "execute", "--inplace", "trade.ipynb"],
                          cwd=root / "book", capture_output=True, text=True,
                          env={**PLAIN_ENV, "PYTHONPATH": str(root / "src")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert (root / "book" / "trade.ipynb").read_bytes() != committed  # timings were added
    assert runner.tidy(root, ["book/trade.ipynb"], check=True) == ["book/trade.ipynb"]
    runner.tidy(root, ["book/trade.ipynb"])
    assert (root / "book" / "trade.ipynb").read_bytes() == committed
    assert runner.plan(root, ["book/trade.ipynb"]) == {"book/trade.ipynb": None}


def test_nbval_runs_from_the_book_folder():
    done = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "source.ipynb", "-q",
                           "-p", "no:cacheprovider", "-p", "no:xdist"], cwd=ROOT / "book",
                          capture_output=True, text=True, env=PLAIN_ENV)
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_first_cell_says_what_the_notebook_needs(tmp_path):
    from analysis.publish import notebook_head

    for rel in CHAPTERS:
        nb = nbformat.read(ROOT / rel, as_version=4)
        assert nb.cells[0].id == notebook_head.NOTE_ID
        assert nb.cells[0].source == notebook_head.note_source(ROOT)
        assert "remove-cell" in nb.cells[0].metadata["tags"]
        first_code = next(c for c in nb.cells if c.cell_type == "code")
        assert first_code.id == notebook_head.INPUTS_ID
    note = nbformat.read(ROOT / CHAPTERS[0], as_version=4).cells[0].source
    book = notebook_head.citation.read_book(ROOT)
    assert book.title in note and f"version {book.version}" in note and "`make lab`" in note
    shutil.copy2(ROOT / "CITATION.cff", tmp_path / "CITATION.cff")
    with (tmp_path / "CITATION.cff").open("a", encoding="utf-8") as fh:
        fh.write('repository-code: "https://example.org/kz-tm-report"\n')
    assert "<https://example.org/kz-tm-report>" in notebook_head.note_source(tmp_path)


def test_outside_the_repository_the_notebook_says_so_in_one_line(tmp_path):
    """A kernel where the analysis package cannot be imported, as on a reader's own machine."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(ROOT / "book" / "trade.ipynb", as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell("import sys\nsys.modules['analysis'] = None"))
    shutil.copy2(ROOT / "book" / "trade.ipynb", tmp_path / "trade.ipynb")
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    with pytest.raises(CellExecutionError):
        client.execute(env=PLAIN_ENV)
    error = next(o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error")
    assert error.traceback == ["This notebook runs only inside the report's repository, with its "
                               "environment (`make lab`): see its first cell."]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_the_chapters(tmp_path):
    port, token = free_port(), "test-token"
    env_kernels = Path(sys.prefix) / "share" / "jupyter" / "kernels"
    before = {p: p.read_bytes() for p in env_kernels.rglob("*") if p.is_file()}
    log = (tmp_path / "lab.log").open("w")
    lab = subprocess.Popen(["make", "lab", f"LAB_PORT={port}", "NO_BROWSER=1",
                            f"LAB_ARGS=--IdentityProvider.token={token}"],
                           cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=PLAIN_ENV,
                           start_new_session=True)
    try:
        listing, deadline = None, time.monotonic() + 90
        while listing is None and time.monotonic() < deadline and lab.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token={token}",
                                            timeout=5) as reply:
                    listing = json.loads(reply.read())
            except OSError:
                time.sleep(0.5)
        assert listing is not None, (tmp_path / "lab.log").read_text()[-2000:]
        names = {item["name"] for item in listing["content"]}
        assert {Path(rel).name for rel in CHAPTERS} <= names
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/tree/trade.ipynb?token={token}",
                                    timeout=10) as reply:
            assert reply.status == 200 and b"JupyterLab" in reply.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token={token}",
                                    timeout=10) as reply:
            kernel = json.loads(reply.read())["kernelspecs"]["python3"]["spec"]
        assert Path(kernel["argv"][0]).resolve() == Path(sys.executable).resolve()
        # the spec is this checkout's, not written into the environment a clone may share
        assert {p: p.read_bytes() for p in env_kernels.rglob("*") if p.is_file()} == before
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait()
        log.close()


@pytest.mark.clean_checkout
def test_nbconvert_from_the_root_and_from_book_gives_the_committed_outputs(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {**PLAIN_ENV, "PYTHONPATH": str(clone / "src")}
    runs = {
        "root": subprocess.Popen(
            [str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
             "--output-dir", str(tmp_path / "root"), *CHAPTERS], cwd=clone, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
        "book": subprocess.Popen(
            [str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
             "--output-dir", str(tmp_path / "book"), *(Path(c).name for c in CHAPTERS)],
            cwd=clone / "book", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True),
    }
    for where, run in runs.items():
        out, _ = run.communicate(timeout=900)
        assert run.returncode == 0, f"from {where}: {out[-3000:]}"
    for rel in CHAPTERS:
        committed = comparable(nbformat.read(ROOT / rel, as_version=4))
        for where in runs:
            executed = nbformat.read(tmp_path / where / Path(rel).name, as_version=4)
            assert comparable(executed) == committed, f"{rel}, run from {where}"
