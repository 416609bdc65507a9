"""Where the project's files live, resolved from the repository root once."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
SOURCES = DATA / "sources"
REFERENCE = DATA / "reference"
DERIVED = DATA / "derived"
CATALOGUE = SOURCES / "catalogue.csv"
