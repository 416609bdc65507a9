"""Command line: python -m analysis {derive,check,verify,verify-sources}.

Every error a person can act on prints one line, `error: <file>, <place>: expected ...; found
...`, and exits 1, without a traceback; ANALYSIS_DEBUG=1 shows the traceback as well.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
import warnings
from pathlib import Path

from analysis.errors import AnalysisError
from analysis.io import paths, sources
from analysis.io.text_hygiene import TextWarning


def _show_warning(message, category, *args, **kwargs) -> None:
    """A reported character of a source text: one line on stderr, like an error."""
    if issubclass(category, TextWarning):
        print(f"warning: {message}", file=sys.stderr)
    else:
        _default_show(message, category, *args, **kwargs)


_default_show = warnings.showwarning


def _derive(root: str) -> int:
    from analysis.pipeline import derive

    written = derive.derive(root)
    print(f"derived {len(written)} files into data/derived/")
    return 0


def run(args) -> int:
    if args.command == "derive":
        return _derive(args.root)
    if args.command == "check":
        from analysis.pipeline import derive

        derive.check(args.root)
        print("data/derived/ matches a fresh derivation")
    elif args.command == "verify":
        from analysis.pipeline import verify

        try:
            count = verify.verify(args.root)
        except verify.NeedsDerive as exc:
            if not args.derive_if_needed:
                raise
            print(f"==> {exc}: deriving again")
            _derive(args.root)
            count = verify.verify(args.root)
        print(f"verified {count} files: the sources match the catalogue, data/derived/ matches "
              f"datapackage.json")
    else:
        loaded = sources.load_all(Path(args.root) / "data" / "sources" / "catalogue.csv")
        print(f"{len(loaded)} source(s) match their recorded SHA-256")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    parser.add_argument("command", choices=["derive", "check", "verify", "verify-sources"])
    parser.add_argument("--root", default=str(paths.ROOT), help="project root")
    parser.add_argument("--derive-if-needed", action="store_true",
                        help="verify: derive again when a derived file is missing or an input "
                             "changed since the last derive")
    args = parser.parse_args(argv)
    warnings.showwarning = _show_warning
    debug = os.environ.get("ANALYSIS_DEBUG", "") not in ("", "0")
    try:
        return run(args)
    except (AnalysisError, OSError) as exc:
        if debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; data/derived/ keeps its last complete set", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
