"""The one rule for the characters of every input, declared here once: what is normalised
and what is refused in a table input (a codebook, a reference table, the source catalogue), and
what is only reported in a source text, whose fixity is of its bytes and which is never changed.

Text pasted from web pages and word processors brings look-alike letters, zero-width and
non-breaking spaces, byte-order marks, Windows line ends and stray line breaks; each either
changes a match silently or reaches a published table. A normalisation here gives exactly the
derived output of the clean file; a refusal is one line naming the file, the line, the column,
the character's place and the character by its Unicode name. The Methods page states this rule
from the declarations below (analysis.publish.pages writes book/text_hygiene.md).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import InputError

# --- sizes ----------------------------------------------------------------------------------

CELL_LIMIT = 4000  # characters in one cell of a table input
ONE_LINE_LIMIT = 200  # characters in an identifier, vocabulary value, number or date cell
TABLE_LIMIT = 1_000_000  # bytes of one table input
SOURCE_LIMIT = 10_000_000  # bytes of one source text

# --- what is normalised in a table input --------------------------------------------------

SPACES = "".join(chr(c) for c in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F,
                                  0x3000))


@dataclass(frozen=True)
class Normalisation:
    """One change made to a table input's text before it is read, in the order listed."""

    name: str
    rule: str


NORMALISED = (
    Normalisation("line ends", "a Windows line end (CR LF) becomes a line feed (LF)"),
    Normalisation("composition", "letters are composed as Unicode NFC: an e followed by a "
                                 "combining acute accent becomes é"),
    Normalisation("spaces", "a non-breaking space (U+00A0, U+202F) and every other space "
                            "character (U+2000 to U+200A, U+205F, U+3000) becomes a plain space, "
                            "so that a keyword pasted from a web page matches"),
)


def normalise(text: str) -> str:
    """A table input's text after the normalisations of NORMALISED, in their order."""
    text = text.replace("\r\n", "\n")
    text = unicodedata.normalize("NFC", text)
    return text.translate({ord(c): " " for c in SPACES})


# --- what is refused in a table input (and reported in a source text) ----------------------

@dataclass(frozen=True)
class Refusal:
    """One kind of character or cell a table input may not hold."""

    name: str
    rule: str


REFUSED = (
    Refusal("byte-order mark", "a byte-order mark (U+FEFF) at the start of a file, as some "
                               "editors write when saving 'UTF-8 with BOM'"),
    Refusal("mixed script", "a word whose letters come from two scripts (a Cyrillic а in a "
                            "Latin word, a Latin a in a Cyrillic word); the rule is per word, "
                            "so a wholly Cyrillic word in a Russian title is not an error"),
    Refusal("invisible", "a zero-width or other invisible character (Unicode format "
                         "characters such as U+200B ZERO WIDTH SPACE, U+200D ZERO WIDTH JOINER, "
                         "U+00AD SOFT HYPHEN, the direction marks, and the Hangul fillers)"),
    Refusal("control", "a control character (every one but the line feed, a tab included) "
                       "and a lone carriage return"),
    Refusal("unassigned", "a code point with no character assigned, or for private use"),
    Refusal("line break in a cell", "a line break inside an identifier, a vocabulary value, a "
                                    "number, a date or a keyword cell"),
    Refusal("empty keyword", "an empty keyword in a keyword list: two separators with nothing "
                             "between them, or a separator at the end"),
    Refusal("size", f"a cell of more than {CELL_LIMIT:,} characters (an identifier, a "
                    f"vocabulary value, a number or a date: {ONE_LINE_LIMIT}) and a table file "
                    f"of more than {TABLE_LIMIT:,} bytes (a source text: {SOURCE_LIMIT:,} "
                    f"bytes)"),
)

SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN", "ARABIC", "HEBREW")
FILLERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
WORD = re.compile(r"[^\W\d_]+")
# The characters scan looks at: all but printable ASCII (U+0020 to U+007E) and the line feed,
# none of which is refused.
CHECKED = re.compile(r"[^\x20-\x7e\n]")


def describe(char: str) -> str:
    """A character as a reader can look it up: U+0430 CYRILLIC SMALL LETTER A."""
    name = unicodedata.name(char, "") or {
        "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "CHARACTER TABULATION"}.get(
        char, "a code point with no name")
    return f"U+{ord(char):04X} {name}"


def script_of(char: str) -> str | None:
    """The script of a letter, as the first word of its Unicode name (LATIN, CYRILLIC...)."""
    first = unicodedata.name(char, "").split(" ")[0]
    return first if first in SCRIPTS else None


@dataclass(frozen=True)
class Finding:
    """A character the rule refuses (in a table input) or reports (in a source text)."""

    offset: int
    kind: str
    expected: str
    found: str


def scan(text: str) -> list[Finding]:
    """Every refused character of `text`, in the order of the text."""
    findings = []
    if text.startswith("\ufeff"):
        findings.append(Finding(0, "byte-order mark", "text without a byte-order mark",
                                f"{describe(chr(0xFEFF))}: a byte-order mark (save the file "
                                f"as UTF-8 without BOM)"))
    for match in CHECKED.finditer(text):  # printable ASCII and the line feed pass as they are
        offset, char = match.start(), match.group(0)
        if offset == 0 and char == "\ufeff":
            continue
        category = unicodedata.category(char)
        if category == "Cf" or char in FILLERS:
            findings.append(Finding(offset, "invisible", "visible characters only",
                                    f"{describe(char)}, an invisible character"))
        elif category == "Cc":
            findings.append(Finding(offset, "control", "no control character",
                                    f"{describe(char)}, a control character"))
        elif category in ("Cn", "Co", "Cs"):
            findings.append(Finding(offset, "unassigned", "assigned characters only",
                                    f"{describe(char)}, unassigned or for private use"))
    for word in WORD.finditer(text):
        if word.group(0).isascii():  # Latin letters only
            continue
        scripts = [script_of(c) for c in word.group(0)]
        named = [s for s in scripts if s]
        if len(set(named)) < 2:
            continue
        counts = Counter(named)
        main = max(counts, key=lambda s: (counts[s], -named.index(s)))
        at = next(i for i, s in enumerate(scripts) if s and s != main)
        findings.append(Finding(
            word.start() + at, "mixed script", "the letters of a word in one script",
            f"{describe(word.group(0)[at])} in {word.group(0)!r}, a word otherwise in "
            f"{main.title()} letters (a look-alike typed for a letter of the other script?)"))
    return sorted(findings, key=lambda f: f.offset)


def decomposed(text: str) -> list[Finding]:
    """Every mark that NFC would compose with the character before it: reported in a source
    text (never changed), where a keyword, composed, would not match it."""
    if unicodedata.is_normalized("NFC", text):
        return []
    return [Finding(i, "composition", "composed letters (Unicode NFC)",
                    f"{describe(char)} not composed with the {text[i - 1]!r} before it (a "
                    f"composed keyword does not match it)")
            for i, char in enumerate(text) if i and unicodedata.combining(char)
            and unicodedata.normalize("NFC", text[i - 1:i + 1]) != text[i - 1:i + 1]]


def line_and_character(text: str, offset: int) -> tuple[int, int]:
    """The line (first = 1) and the character within it (first = 1) of an offset."""
    start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - start + 1


def _column_at(text: str, offset: int) -> str | None:
    """The header name of the CSV column holding the character at `offset` (invisible and
    control characters left out of the name, so that it reads as the reader sees it)."""
    marker = "\ue000"
    try:
        rows = list(csv.reader(io.StringIO(text[:offset] + marker, newline="")))
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return None
    index = len(rows[-1]) - 1 if rows else -1
    if not 0 <= index < len(header):
        return None
    return "".join(c for c in header[index] if unicodedata.category(c)[0] != "C").strip()


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(path, f"line {line}, byte {exc.start}", "UTF-8 text",
                         f"the byte {data[exc.start:exc.start + 1].hex()!r} (another encoding: "
                         f"latin-1, UTF-16?)") from None


def _read_bytes(path: Path, limit: int) -> bytes:
    path = Path(path)
    size = path.stat().st_size
    if size > limit:
        raise InputError(path, "file", f"at most {limit:,} bytes", f"{size:,} bytes")
    return path.read_bytes()


def table_text(path: Path) -> str:
    """A table input's text: UTF-8, within its size, normalised, and free of every refused
    character (the first one found is refused in one line)."""
    path = Path(path)
    text = normalise(_decode(path, _read_bytes(path, TABLE_LIMIT)))
    findings = scan(text)
    if findings:
        first = findings[0]
        line, char = line_and_character(text, first.offset)
        column = _column_at(text, first.offset)
        place = f"line {line}" + (f", column {column!r}" if column else "")
        raise InputError(path, f"{place}, character {char}", first.expected, first.found)
    return text


class TextWarning(UserWarning):
    """A character of a source text the rule would refuse in a table: reported, not changed."""


def decoded_source(path: Path) -> str:
    """A source text as stored: UTF-8 within its size, or refused in one line."""
    return _decode(Path(path), _read_bytes(Path(path), SOURCE_LIMIT))


def source_text(path: Path) -> tuple[str, tuple[str, ...]]:
    """A source text exactly as stored (never normalised: its fixity is of its bytes) and a
    report line for each character the rule refuses in a table input, and for letters not
    composed as NFC, each also issued as a TextWarning."""
    path = Path(path)
    text = decoded_source(path)
    report, seen = [], Counter()
    findings = sorted(scan(text) + decomposed(text), key=lambda f: f.offset)
    for finding in findings:
        seen[finding.kind, text[finding.offset]] += 1
    for finding in findings:
        count = seen.pop((finding.kind, text[finding.offset]), 0)
        if not count:
            continue  # the same character again: counted on its first report
        line, char = line_and_character(text, finding.offset)
        again = f", and {count - 1} more like it" if count > 1 else ""
        report.append(f"{path}, line {line}, character {char}: {finding.found}{again} (the "
                      f"source is kept as stored; its fixity is of its bytes)")
    for item in report:
        warnings.warn(item, TextWarning, stacklevel=2)
    return text, tuple(report)


def normalised_bytes(path: Path) -> bytes:
    """A table input's bytes as derive reads it (after NORMALISED), so that a file differing
    from another only by what is normalised publishes and hashes the same; other files as
    stored."""
    data = Path(path).read_bytes()
    if Path(path).suffix != ".csv":
        return data
    try:
        return normalise(data.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return data


def content_hash(path: Path) -> str:
    return "sha256:" + hashlib.sha256(normalised_bytes(path)).hexdigest()


# --- rows and cells -------------------------------------------------------------------------

def csv_rows(path: Path, text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and rows (each with its first line, as a spreadsheet counts it: header = 1) of a
    table input's text; a row whose number of cells differs from the header's, a cell beyond
    CELL_LIMIT and what the CSV reader cannot parse are refused naming the line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, line = [], 1
    try:
        for cells in reader:
            for cell in cells:
                if len(cell) > CELL_LIMIT:
                    raise InputError(path, f"line {line}", f"cells of at most {CELL_LIMIT:,} "
                                     f"characters", f"a cell of {len(cell):,} characters")
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        found = (f"a cell longer than {csv.field_size_limit():,} characters"
                 if "field larger" in str(exc) else f"text the CSV reader cannot read ({exc})")
        raise InputError(path, f"line {line}", f"cells of at most {CELL_LIMIT:,} characters "
                         f"in CSV", found) from None
    header = rows[0][1] if rows else []
    for line, cells in rows[1:]:
        if len(cells) != len(header):
            raise InputError(path, f"line {line}", f"{len(header)} cells, as in the header",
                             f"{len(cells)} cells (a comma too many or too few?)")
    return header, rows[1:]


def check_cells(path: Path, header: list[str], rows: list[tuple[int, list[str]]],
                one_line: tuple[str, ...] = (), keywords: tuple[str, ...] = (),
                separator: str = ";") -> None:
    """A line break in a cell of a `one_line` or `keywords` column, and an empty keyword in a
    `keywords` column (a list holding no keyword at all is left to its reader's own check)."""
    for line, cells in rows:
        for name, cell in zip(header, cells, strict=True):
            name = name.strip()
            if name in one_line and len(cell) > ONE_LINE_LIMIT:
                raise InputError(path, f"line {line}, column {name!r}",
                                 f"a value of at most {ONE_LINE_LIMIT} characters",
                                 f"{len(cell):,} characters")
            if name in one_line or name in keywords:
                if "\n" in cell:
                    before = cell[:cell.index("\n")]
                    what = "a keyword list" if name in keywords else "a value"
                    raise InputError(path, f"line {line}, column {name!r}",
                                     f"{what} on one line", f"{describe(chr(10))} after "
                                     f"{before!r} (a line break inside a quoted cell)")
            if name in keywords and cell.strip():
                parts = cell.split(separator)
                if any(p.strip() for p in parts) and not all(p.strip() for p in parts):
                    at = next(i for i, p in enumerate(parts) if not p.strip()) + 1
                    raise InputError(path, f"line {line}, column {name!r}",
                                     f"keywords separated by {separator!r}, none empty",
                                     f"an empty keyword (keyword {at} of {len(parts)}) in "
                                     f"{cell!r}")
