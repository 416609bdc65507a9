"""Score the documents-list parser on the labelled corpus in tests/corpus/signed_documents/.

Each list there is a text (`NN_name.txt`) and its labels (`NN_name.yml`: the shapes it shows,
the number of items, and per item the instrument, the parties and the subject); controls
(`control_NN_name.yml`, count 0) are texts that must give no row. The parser's rows are
aligned with the labelled items in order (`align`: a row and an item are the same document
when most of their words are shared), so a missed or an extra row does not shift the rest.
Prints, per shape and over all lists:

  lists exact   lists whose rows are exactly the labelled items
  items exact   items right in instrument, parties and subject
  instrument    items with the right instrument
  parties       items with the right parties (all of them, in order)
  invented      rows that are no labelled item

then, over every text (lists and controls), the four measures of the issue: texts exact,
instruments, parties and invented rows; and, for the controls, the rows each gave (must be
0) and, where labelled, the numbers of documents their sentences state
(analysis.text.documents.stated_counts: reported, never rows). A list can show several shapes,
so the shape rows overlap; "all lists" counts each list once.

    .venv/bin/python tools/score_documents.py [--corpus DIR] [--show-misses]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from analysis.text.documents import parse_signed_documents, stated_counts

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "signed_documents"
LABELS = ("instrument", "parties", "subject")


def load_corpus(folder: Path = CORPUS) -> list[tuple[str, str, dict]]:
    """(name, text, labels) for every labelled text in `folder`, sorted by name."""
    out = []
    for label_path in sorted(folder.glob("*.yml")):
        text_path = label_path.with_suffix(".txt")
        if not text_path.is_file():
            raise SystemExit(f"{label_path}: no text beside it; expected {text_path.name}")
        try:
            labels = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise SystemExit(f"{label_path}: not valid YAML ({error})") from None
        if not isinstance(labels, dict) or labels.get("kind") not in ("list", "control"):
            raise SystemExit(f"{label_path}: expected a mapping with kind 'list' or 'control'")
        items = labels.get("items") or []
        for n, item in enumerate(items, start=1):
            if not isinstance(item, dict) or set(item) != set(LABELS):
                raise SystemExit(f"{label_path}: item {n}: expected the keys {list(LABELS)}, "
                                 f"found {item!r}")
        if labels.get("count") != len(items):
            raise SystemExit(f"{label_path}: count {labels.get('count')} but "
                             f"{len(items)} items labelled")
        out.append((label_path.stem, text_path.read_text(encoding="utf-8"), labels))
    if not out:
        raise SystemExit(f"{folder}: no labelled texts (*.yml beside *.txt)")
    return out


def parsed_items(text: str) -> list[dict]:
    """The parser's rows as label dicts: instrument, parties (in order), subject."""
    frame = parse_signed_documents(text)
    return [{"instrument": row.instrument,
             "parties": [p for p in (row.party_a, row.party_b, row.party_c) if p],
             "subject": row.subject}
            for row in frame.itertuples(index=False)]


# A row and a labelled item are the same document when at least this share of their words
# (instrument, parties, subject) is common to both.
SAME_DOCUMENT = 0.5


def _words(item: dict) -> set[str]:
    text = " ".join([item["instrument"], item["subject"], *item["parties"]])
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _likeness(found: dict, expected: dict) -> float:
    a, b = _words(found), _words(expected)
    return len(a & b) / len(a | b) if a | b else 1.0


def align(found: list[dict], expected: list[dict]) -> list[tuple[int, int]]:
    """Pairs (row, item) of the same document, in order on both sides: the most pairs, and
    among those the greatest likeness (a longest common subsequence)."""
    n, m = len(found), len(expected)
    best = [[(0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            likeness = _likeness(found[i], expected[j])
            if likeness >= SAME_DOCUMENT:
                pairs, total = best[i + 1][j + 1]
                options.append((pairs + 1, total + likeness))
            best[i][j] = max(options)
    out, i, j = [], 0, 0
    while i < n and j < m:
        likeness = _likeness(found[i], expected[j])
        if likeness >= SAME_DOCUMENT and best[i][j] == (best[i + 1][j + 1][0] + 1,
                                                         best[i + 1][j + 1][1] + likeness):
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def compare(found: list[dict], expected: list[dict]) -> dict:
    """Counts for one text: items, items exact, right instrument, right parties, invented
    rows, and whether the text is exact (for a control: no row)."""
    pairs = [(found[i], expected[j]) for i, j in align(found, expected)]
    return {
        "items": len(expected),
        "exact": sum(all(f[k] == e[k] for k in LABELS) for f, e in pairs),
        "instrument": sum(f["instrument"] == e["instrument"] for f, e in pairs),
        "parties": sum(f["parties"] == e["parties"] for f, e in pairs),
        "invented": len(found) - len(pairs),
        "list_exact": int(found == expected),
    }


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.0f}%)" if d else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show-misses", action="store_true",
                        help="print each wrong item beside its label")
    args = parser.parse_args(argv)

    by_shape: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    texts: dict[str, int] = defaultdict(int)
    controls, counted = [], []
    for name, text, labels in load_corpus(args.corpus):
        found = parsed_items(text)
        counts = compare(found, labels["items"])
        texts["texts"] += 1
        for key, value in counts.items():
            texts[key] += value
        if labels.get("kind") == "control":
            controls.append((name, len(found)))
            if "stated_counts" in labels:
                counted.append((name, [n for n, _, _ in stated_counts(text)],
                                labels["stated_counts"]))
            continue
        for shape in [*labels["shapes"], "all lists"]:
            by_shape[shape]["lists"] += 1
            for key, value in counts.items():
                by_shape[shape][key] += value
        if args.show_misses and not counts["list_exact"]:
            print(f"--- {name}: {len(found)} rows for {len(labels['items'])} items")
            for i in range(max(len(found), len(labels["items"]))):
                f = found[i] if i < len(found) else None
                e = labels["items"][i] if i < len(labels["items"]) else None
                if f != e:
                    print(f"  {i + 1} found    {f}\n  {i + 1} expected {e}")

    header = ("shape", "lists", "lists exact", "items exact", "instrument", "parties", "invented")
    rows = [(shape, str(c["lists"]), _pct(c["list_exact"], c["lists"]),
             _pct(c["exact"], c["items"]), _pct(c["instrument"], c["items"]),
             _pct(c["parties"], c["items"]), str(c["invented"]))
            for shape, c in sorted(by_shape.items(), key=lambda kv: (kv[0] == "all lists", kv[0]))]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    print(f"\ntexts (lists and controls): {texts['texts']}; texts exact "
          f"{_pct(texts['list_exact'], texts['texts'])}; instruments "
          f"{_pct(texts['instrument'], texts['items'])}; parties "
          f"{_pct(texts['parties'], texts['items'])}; invented rows {texts['invented']}")
    wrong = [(n, k) for n, k in controls if k]
    print(f"\ncontrols: {len(controls)}, giving no row: {len(controls) - len(wrong)}"
          + "".join(f"\n  {n}: {k} rows" for n, k in wrong))
    for name, found_counts, expected_counts in counted:
        verdict = "right" if found_counts == expected_counts else "WRONG"
        print(f"  {name}: counts stated {found_counts}, labelled {expected_counts} ({verdict};"
              " reported, never rows)")
    exact = by_shape["all lists"]["list_exact"] == by_shape["all lists"]["lists"]
    return 0 if exact and not wrong else 1


if __name__ == "__main__":
    sys.exit(main())
