"""Loaded into a notebook's kernel by tools/run_notebooks.py: record which data files it opens.

An audit hook (PEP 578) sees every file the kernel opens, however it is opened
(analysis.load, analysis.reference, pandas, open()). Files under the project's data/ folder
opened for reading (what a notebook writes, a figure file say, is an output, not an input) are
appended, one path relative to the project root a line, to a log that the runner reads after
the notebook has run; those files and their bytes become part of the notebook's execution key.
Nothing is bound in the notebook's namespace and the hook costs a string comparison per open.
"""

from __future__ import annotations

import os
import sys


def writes(args: tuple) -> bool:
    """Whether an `open` event opens for writing: what a notebook writes is not an input."""
    mode = args[1] if len(args) > 1 else None
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
    return bool(flags & (os.O_WRONLY | os.O_RDWR))


def install(log_path: str, root: str) -> None:
    root = os.path.realpath(root)
    data = os.path.join(root, "data") + os.sep
    log = open(log_path, "a", encoding="utf-8", buffering=1)  # kept open for the kernel's life
    seen: set[str] = set()
    busy = False

    def hook(event: str, args: tuple) -> None:
        nonlocal busy
        if event != "open" or busy or not args or isinstance(args[0], int) or writes(args):
            return
        busy = True
        try:
            path = os.path.realpath(os.path.join(os.getcwd(), os.fsdecode(args[0])))
            if path.startswith(data) and path not in seen:
                seen.add(path)
                log.write(os.path.relpath(path, root).replace(os.sep, "/") + "\n")
        except (TypeError, ValueError, OSError):
            pass
        finally:
            busy = False

    sys.addaudithook(hook)
