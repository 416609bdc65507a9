"""Command line: python -m analysis {derive,check,verify-sources}."""

from __future__ import annotations

import argparse
import sys

from analysis.errors import AnalysisError
from analysis.io import paths, sources
from analysis.pipeline import derive


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    parser.add_argument("command", choices=["derive", "check", "verify-sources"])
    parser.add_argument("--root", default=str(paths.ROOT), help="project root")
    args = parser.parse_args(argv)
    try:
        if args.command == "derive":
            written = derive.derive(args.root)
            print(f"derived {len(written)} files into data/derived/")
        elif args.command == "check":
            derive.check(args.root)
            print("data/derived/ matches a fresh derivation")
        else:
            from pathlib import Path

            loaded = sources.load_all(Path(args.root) / "data" / "sources" / "catalogue.csv")
            print(f"{len(loaded)} source(s) match their recorded SHA-256")
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
