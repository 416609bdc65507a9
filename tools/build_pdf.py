"""Build the PDF edition: the whole book as one PDF through LaTeX, at _build/pdf/<name>.pdf.

Jupyter Book's LaTeX builder (Sphinx's, with -W -n --keep-going as for the HTML: a Sphinx warning
fails the build) writes the .tex into a temporary folder; latexmk then runs pdflatex until the
references settle. The build fails when the final LaTeX log holds an error (a line starting
"!"), a LaTeX or package warning (an undefined reference, a missing character, ...), and says
which; overfull and underfull boxes are counted, not failed. Only a build that passes replaces
the PDF, so a failed one leaves the last good PDF as it was. The figure and table numbers are
Sphinx's, as in the HTML (numfig_secnum_depth: 0 in _config.yml numbers them through the book).

TeX comes from Debian's packages (`make tex`, root only). Usage: python tools/build_pdf.py
[--out FILE]; prints the time taken and the counts of errors, warnings and boxes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from build_book import JB_ARGS, jupyter_book, problems  # noqa: E402

REQUIRED = ("latexmk", "pdflatex", "makeindex")


def target_name(root: Path = ROOT) -> str:
    """The LaTeX target name of _config.yml (latex.latex_documents.targetname), e.g. book.tex."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    name = ((config.get("latex") or {}).get("latex_documents") or {}).get("targetname")
    if not name:
        raise SystemExit(f"error: {root / '_config.yml'}: latex.latex_documents.targetname: "
                         "expected a file name like book.tex; found nothing")
    return name


def log_report(log: str) -> dict[str, list[str]]:
    """Errors, warnings and box messages of a final pdflatex log, each with its context."""
    lines = log.splitlines()
    errors = [" ".join(lines[i:i + 3]) for i, line in enumerate(lines) if line.startswith("!")]
    warnings = []
    for i, line in enumerate(lines):
        if re.search(r"\bWarning\b", line) or line.startswith("Missing character"):
            # a warning goes on until a blank line (LaTeX wraps it at 79 characters)
            end = next((j for j in range(i, min(i + 6, len(lines))) if not lines[j].strip()),
                       min(i + 3, len(lines)))
            warnings.append(" ".join(x.strip() for x in lines[i:end]))
    return {"errors": errors, "warnings": warnings,
            "overfull": [x for x in lines if x.startswith("Overfull")],
            "underfull": [x for x in lines if x.startswith("Underfull")]}


def build(root: Path = ROOT, out: Path | None = None) -> int:
    missing = [tool for tool in REQUIRED if shutil.which(tool) is None]
    if missing:
        print(f"error: {', '.join(missing)} not installed: run `make tex` (as root on Debian) "
              "to install TeX for the PDF edition", file=sys.stderr)
        return 1
    root = Path(root).resolve()
    tex = target_name(root)
    out = Path(out).resolve() if out else root / "_build" / "pdf" / Path(tex).with_suffix(".pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix=".pdf-", dir=out.parent))
    try:
        done = subprocess.run([jupyter_book(), "build", str(root), "--builder", "latex",
                               "--path-output", str(work), *JB_ARGS],
                              capture_output=True, text=True)
        sphinx_log = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
        latex_dir = work / "_build" / "latex"
        if done.returncode != 0 or not (latex_dir / tex).is_file():
            print("\n".join(problems(sphinx_log) or sphinx_log.strip().splitlines()[-20:]),
                  file=sys.stderr)
            print(f"error: the LaTeX build (Sphinx) failed; {out} is left as it was.",
                  file=sys.stderr)
            return 1
        latexmk = subprocess.run(
            ["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", "-halt-on-error",
             tex], cwd=latex_dir, capture_output=True, text=True, errors="replace",
            env={**os.environ,
                                                                      "LATEXOPTS": ""})
        log_path = (latex_dir / tex).with_suffix(".log")
        log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.is_file() else ""
        report = log_report(log)
        pdf = (latex_dir / tex).with_suffix(".pdf")
        seconds = time.monotonic() - started
        counts = (f"{len(report['errors'])} LaTeX error(s), {len(report['warnings'])} "
                  f"warning(s), {len(report['overfull'])} overfull and "
                  f"{len(report['underfull'])} underfull box(es)")
        if latexmk.returncode != 0 or report["errors"] or report["warnings"] or not pdf.is_file():
            for line in report["errors"] + report["warnings"]:
                print(f"{log_path.name}: {line}", file=sys.stderr)
            if not report["errors"] and latexmk.returncode != 0:
                print(latexmk.stdout[-2000:] + latexmk.stderr[-2000:], file=sys.stderr)
            print(f"error: the PDF build failed ({counts}); {out} is left as it was.",
                  file=sys.stderr)
            return 1
        os.replace(pdf, out)
        print(f"built {out} in {seconds:.0f} s: {counts}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(ROOT), help="project root (with _config.yml)")
    parser.add_argument("--out", default=None, help="the PDF to write "
                        "(default: ROOT/_build/pdf/<latex target name>.pdf)")
    args = parser.parse_args(argv)
    return build(Path(args.root), Path(args.out) if args.out else None)


if __name__ == "__main__":
    sys.exit(main())
