"""Atomic writes: a file is either its old self or its new self, never half written."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write several files only once all of them are ready: a failure before this point
    leaves every old file in place."""
    for path, data in files.items():
        write_bytes_atomic(path, data)


# --- a whole folder at once ------------------------------------------------------------------

STAGING_MARK = "-staging-"
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def exchange(a: Path, b: Path) -> None:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE): at every moment each
    name holds one whole set."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),
                      _RENAME_EXCHANGE) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"cannot swap {a} and {b}: {os.strerror(errno)}")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stale_staging(target: Path) -> list[Path]:
    """Staging folders a killed run of `replace_directory` left next to `target`."""
    target = Path(target)
    return sorted(target.parent.glob(f".{target.name}{STAGING_MARK}*"))


def replace_directory(target: Path, files: dict[str, bytes], keep: tuple[str, ...] = (),
                      check=None) -> None:
    """Make `target` hold exactly `files` (names relative to it), plus its sub-folders named in
    `keep`, in one step: the files are written into a staging folder next to `target`, checked
    by `check(staging)` when given, then the two folders are swapped by one rename. A failure or
    a kill at any moment leaves either the old folder or the new one under `target`; a staging
    folder a killed run left behind is removed by the next run."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in stale_staging(target):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING_MARK}", dir=target.parent))
    try:
        os.chmod(staging, 0o755)
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(path, 0o644)
        for name in keep:
            if (target / name).is_dir():
                shutil.copytree(target / name, staging / name, copy_function=shutil.copy2)
        if check is not None:
            check(staging)
        _fsync_dir(staging)
        if target.is_dir():
            exchange(staging, target)
        else:
            os.rename(staging, target)
        _fsync_dir(target.parent)
    finally:
        # after the swap `staging` holds the old set; before it, the unfinished new one
        shutil.rmtree(staging, ignore_errors=True)
