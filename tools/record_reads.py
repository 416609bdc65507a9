"""Loaded into a notebook's kernel by tools/run_notebooks.py: record the files it reads, writes.

An audit hook (PEP 578) sees every file the kernel opens, however it is opened
(analysis.load, analysis.reference, pandas, open()), and every rename (atomic writes end with
one). Project files are logged, one `r PATH` or `w PATH` a line with PATH relative to the
project root, to a log that the runner reads after the notebook has run: what it read becomes
part of its execution key, what it wrote part of its outputs. Left out: the analysis package's
own files (src/, keyed by a static scan instead), tools/, _build/, .venv/, .git/ and caches.
Nothing is bound in the notebook's namespace and the hook costs a few string tests per event.
"""

from __future__ import annotations

import os
import sys

SKIPPED = ("src", "tools", "_build", ".venv", ".git")


def writes(args: tuple) -> bool:
    """Whether an `open` event opens for writing."""
    mode = args[1] if len(args) > 1 else None
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
    return bool(flags & (os.O_WRONLY | os.O_RDWR))


def install(log_path: str, root: str) -> None:
    root = os.path.realpath(root)
    inside = root + os.sep
    log = open(log_path, "a", encoding="utf-8", buffering=1)  # kept open for the kernel's life
    seen: set[tuple[str, str]] = set()
    busy = False

    def note(kind: str, name) -> None:
        path = os.path.realpath(os.path.join(os.getcwd(), os.fsdecode(name)))
        if not path.startswith(inside):
            return
        rel = os.path.relpath(path, root).replace(os.sep, "/")
        if rel.split("/")[0] in SKIPPED or "__pycache__" in rel or (kind, rel) in seen:
            return
        seen.add((kind, rel))
        log.write(f"{kind} {rel}\n")

    def hook(event: str, args: tuple) -> None:
        nonlocal busy
        if busy or event not in ("open", "os.rename") or not args:
            return
        busy = True
        try:
            if event == "open" and not isinstance(args[0], int):
                note("w" if writes(args) else "r", args[0])
            elif event == "os.rename" and len(args) > 1 and not isinstance(args[1], int):
                note("w", args[1])
        except (TypeError, ValueError, OSError):
            pass
        finally:
            busy = False

    sys.addaudithook(hook)
