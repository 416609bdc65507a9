"""Codebooks: CSV files of words a reader can see and disagree with, and the one way they are
matched in a text (documented for readers on the Methods page, book/methods.md).

A codebook cell holds one or more *terms* separated by ";". A term is literal text with three
conveniences, so that it stays readable:

- a trailing "*" on a word means "and any ending" (``commodit*`` matches commodity,
  commodities);
- a trailing "+" on a word means "or a regular ending": s, es, ed, ing, er, ers (``export+``
  matches export, exports, exported, exporter, but not exportation);
- any run of spaces matches any run of white space.

A term never matches inside a longer word: it must not follow a letter, digit or hyphen, nor
be followed by a letter or digit. Case follows one of three rules, each extractor naming its
own: ``any`` (case is ignored: themes, sectors, keywords), ``exact`` (Turkey, not turkey:
country names, levels, place names) or ``first`` (the first letter in either case, the rest
exact: actors' names and roles at the start of a sentence or inside it). Where several terms
could match at one position, the longest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.errors import InputError
from analysis.io import paths, text_hygiene

TERM_SEPARATOR = ";"


def read(path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[dict]:
    """Rows of a codebook; the header must name `required` (and may name `optional`) columns,
    and every required cell must be filled. The text is read by the text-hygiene rule
    (analysis.io.text_hygiene). A codebook declared in CODEBOOKS is also checked against its
    declaration (terms, key, values), whoever reads it. Each row carries `_line`, its first
    line as a spreadsheet counts it (header = line 1)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "file", "a codebook", "no such file")
    header, records = text_hygiene.csv_rows(path, text_hygiene.table_text(path))
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in required and c not in optional]
    if missing or unknown:
        raise InputError(path, "line 1 (header)", f"columns {list(required + optional)}",
                         f"missing {missing}, unknown {unknown}")
    declared = _BY_FILE.get(path.name) if path.parent.name == "codebooks" else None
    if declared is not None:
        text_hygiene.check_cells(path, header, records, one_line=declared.one_line,
                                 keywords=declared.term_columns, separator=TERM_SEPARATOR)
    rows = []
    for line, cells in records:
        row = {k: v.strip() for k, v in zip(header, cells, strict=True)}
        for name in required:
            if not row[name]:
                raise InputError(path, f"line {line}, column {name!r}", "a value",
                                 "an empty cell")
        rows.append(row | {"_line": line})
    if not rows:
        raise InputError(path, "body", "at least one row", "a header and no rows")
    if declared is not None:
        _check_rows(path, declared, rows)
    return rows


def _check_rows(path: Path, book: Codebook, rows: list[dict]) -> None:
    """A codebook's cells by meaning: term lists hold at least one term, each a word and not
    a lone "*"; whole numbers are whole numbers; values come from their vocabulary; keys are
    unique."""
    seen: dict[tuple, int] = {}
    for row in rows:
        where = f"line {row['_line']}"
        for name in book.term_columns:
            cell = row.get(name, "")
            if cell and not terms(cell):
                raise InputError(path, f"{where}, column {name!r}",
                                 f"at least one term, terms separated by {TERM_SEPARATOR!r}",
                                 repr(cell))
            for term in terms(cell) if cell else []:
                if not term.replace("*", "").strip():
                    raise InputError(path, f"{where}, column {name!r}",
                                     "terms that are words ('*' only ends a word)", repr(term))
        for name in book.whole_numbers:
            if not row[name].isdigit():
                raise InputError(path, f"{where}, column {name!r}", "a whole number",
                                 repr(row[name]))
        for name, allowed in book.values:
            if row.get(name) and row[name] not in allowed:
                raise InputError(path, f"{where}, column {name!r}",
                                 f"one of {', '.join(allowed)}", repr(row[name]))
        if book.key:
            key = tuple(row.get(k, "") for k in book.key)
            if key in seen:
                raise InputError(path, f"{where}, columns {list(book.key)}",
                                 "a key no other row has",
                                 f"{list(key)}, as on line {seen[key]}")
            seen[key] = row["_line"]


def check(book: Codebook, root: Path = paths.ROOT) -> list[dict]:
    """Read one declared codebook and check it against its declaration."""
    return read(path_of(book.name, root), book.required, book.optional)


def terms(cell: str) -> list[str]:
    """The terms of a codebook cell, in the order written, without empty ones."""
    if not isinstance(cell, str):
        raise TypeError(f"a codebook cell must be str, not {type(cell).__name__}")
    return [t.strip() for t in cell.split(TERM_SEPARATOR) if t.strip()]


CASE_RULES = {"any": re.IGNORECASE, "exact": 0, "first": 0}
REGULAR_ENDING = r"(?:s|es|ed|ing|ers?)?"


def term_regex(term: str, case: str = "any") -> str:
    """The regex for one term (see the module's doc): literal words, "*" for any word ending,
    "+" for a regular ending, flexible white space, never inside a longer word."""
    if not isinstance(term, str):
        raise TypeError(f"a term must be str, not {type(term).__name__}")
    if not term.strip():
        raise ValueError("a term must not be empty")
    if case not in CASE_RULES:
        raise ValueError(f"case rule {case!r}: expected one of {sorted(CASE_RULES)}")
    parts = []
    for word in term.split():
        if word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + r"[\w’'-]*")
        elif word.endswith("+") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + REGULAR_ENDING)
        else:
            parts.append(re.escape(word))
    first = term.strip()[0]
    if case == "first" and first.isalpha():
        parts[0] = (f"[{re.escape(first.upper())}{re.escape(first.lower())}]"
                    + parts[0][len(re.escape(first)):])
    return r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w])"


def compile_terms(items, flags: int = re.IGNORECASE, case: str | None = None) -> re.Pattern:
    """One pattern for several terms; at any position the longest term is tried first. `case`
    names the case rule (and then decides the flags)."""
    items = list(items)
    if not items:
        raise ValueError("at least one term is needed")
    if case is not None:
        if case not in CASE_RULES:
            raise ValueError(f"case rule {case!r}: expected one of {sorted(CASE_RULES)}")
        flags = CASE_RULES[case]
    ordered = sorted(set(items), key=lambda t: (-len(t), t))
    return re.compile("|".join(f"(?:{term_regex(t, case or 'any')})" for t in ordered), flags)


def first_keyword(text: str, pairs, case: str = "any") -> tuple[str, str]:
    """(value, keyword) of the first (keyword, value) pair, in codebook order, whose keyword
    occurs in `text`; ("", "") if none does."""
    for keyword, value in pairs:
        if compile_terms([keyword], case=case).search(text or ""):
            return value, keyword
    return "", ""


# --- a codebook read once, handed down as data ------------------------------------------

@dataclass(frozen=True, eq=False)
class Loaded:
    """A codebook as io read and checked it, handed to builders and classifiers as data: its
    rows in the file's order (each with `_line`) and, for messages only, the file they came
    from. Compared by identity, so what is compiled from it is compiled once."""

    name: str
    file: str
    rows: tuple[dict, ...]

    def __iter__(self):
        return iter(self.rows)


def load_file(path: Path) -> Loaded:
    """A codebook file read and checked against its declaration (by its file name)."""
    path = Path(path)
    declared = _BY_FILE.get(path.name)
    if declared is None:
        raise InputError(path, "file", f"a declared codebook ({', '.join(sorted(_BY_FILE))})",
                         repr(path.name))
    return Loaded(declared.name, str(path),
                  tuple(read(path, declared.required, declared.optional)))


def load(name: str, root: Path = paths.ROOT) -> Loaded:
    """The declared codebook `name` of the project at `root`, read and checked."""
    return load_file(path_of(name, root))


@cache
def committed(name: str) -> Loaded:
    """The project's own codebook `name`, read once: what a chapter or a parser's test uses
    where no builder hands it one."""
    return load(name)


# --- the document codebooks: countries, sectors, levels ----------------------------------
# Each compiles the rows of a codebook io read (a builder hands the one it was given); without
# one, the project's own.

def keywords(cell: str) -> tuple[str, ...]:
    return tuple(terms(cell))


def word_pattern(words: tuple[str, ...], flags=re.IGNORECASE) -> re.Pattern:
    """One regex matching any of `words` as terms (compile_terms), longest first."""
    return compile_terms(list(words), flags)


@dataclass(frozen=True)
class Entry:
    """One row of a keyword codebook: a label and the whole-word pattern of its keywords."""

    label: str
    keywords: tuple[str, ...]
    pattern: re.Pattern
    rank: int = 0
    instruments: re.Pattern | None = None

    def names_instrument(self, text: str) -> str | None:
        """The instrument word of this level (levels.csv column `instruments`) in `text`."""
        if self.instruments is None:
            return None
        match = self.instruments.search(text or "")
        return match.group(0) if match else None

    def search(self, text: str) -> str | None:
        """The keyword as written in `text` at its first match, or None."""
        match = self.pattern.search(text or "")
        return match.group(0) if match else None


@cache
def countries(book: Loaded | None = None) -> tuple[Entry, ...]:
    """Country names and adjectives (case-sensitive: "Turkey", not "turkey"), by ISO alpha-3."""
    book = book or committed("countries")
    return tuple(Entry(r["iso3"], keywords(r["aliases"]),
                       word_pattern(keywords(r["aliases"]) + (r["name"],), flags=0))
                 for r in book)


@cache
def sectors(book: Loaded | None = None) -> tuple[Entry, ...]:
    book = book or committed("sectors")
    return tuple(Entry(r["sector"], keywords(r["keywords"]), word_pattern(keywords(r["keywords"])))
                 for r in book)


def sea_routes(root: Path = paths.ROOT) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """The declared waypoints of each sea link, {(from place, to place): [(lon, lat), ...]}
    in order, from data/codebooks/sea_routes.csv."""
    from analysis.io import inputs

    inputs.check("codebook:sea_routes")
    path = path_of("sea_routes", root)
    out: dict[tuple[str, str], list[tuple[int, float, float]]] = {}
    for r in read(path, ("from_place_id", "to_place_id", "order", "lon", "lat"), ("note",)):
        point = []
        for column, low, high in (("lon", -180, 180), ("lat", -90, 90)):
            try:
                value = float(r[column])
            except ValueError:
                value = None
            if value is None or not low <= value <= high:
                raise InputError(path, f"line {r['_line']}, column {column!r}",
                                 f"a {column} in degrees between {low} and {high}",
                                 repr(r[column]))
            point.append(value)
        key = (r["from_place_id"].strip(), r["to_place_id"].strip())
        out.setdefault(key, []).append((int(r["order"]), *point))
    return {k: [(lon, lat) for _, lon, lat in sorted(v)] for k, v in out.items()}


@cache
def levels(book: Loaded | None = None) -> tuple[Entry, ...]:
    """Levels in the order they are tried; keywords are case-sensitive (CE, not 'ce').

    `keywords` classify a party by its name; `instruments` (optional) classify a document by
    its kind (Treaty: interstate; Joint Statement: heads of state). A level needs one or both.
    """
    book = book or committed("levels")
    out = []
    for r in book:
        line = r["_line"]
        if not r["rank"].strip().isdigit():
            raise InputError(book.file, f"line {line}, column 'rank'", "a whole number",
                             r["rank"])
        words, kinds = keywords(r.get("keywords", "")), keywords(r.get("instruments", ""))
        if not words and not kinds:
            raise InputError(book.file, f"line {line}", "keywords or instruments", "both empty")
        out.append(Entry(r["level"], words,
                         word_pattern(words, flags=0) if words else re.compile(r"(?!)"),
                         int(r["rank"]),
                         word_pattern(kinds, flags=re.IGNORECASE) if kinds else None))
    return tuple(out)


@dataclass(frozen=True)
class Instrument:
    """One row of data/codebooks/instruments.csv: a normalised kind of instrument and the terms
    that name it, in the singular and in the plural ("agreements on trade and transit")."""

    label: str
    terms: tuple[str, ...]
    plurals: tuple[str, ...]


@cache
def instruments(book: Loaded | None = None) -> tuple[Instrument, ...]:
    """Kinds of signed instrument, in the file's order; every term belongs to one kind."""
    book = book or committed("instruments")
    seen: dict[str, str] = {}
    out = []
    for r in book:
        terms, plurals = keywords(r["keywords"]), keywords(r.get("plurals", ""))
        for term in terms + plurals:
            if term.casefold() in seen:
                raise InputError(book.file, f"line {r['_line']}", "each term in one row only",
                                 f"{term!r} also in the row of {seen[term.casefold()]!r}")
            seen[term.casefold()] = r["instrument"]
        out.append(Instrument(r["instrument"], terms, plurals))
    return tuple(out)


def country_of(text: str, countries: tuple[Entry, ...]) -> str | None:
    """ISO alpha-3 of the country named first in `text` (by position), or None."""
    best = None
    for entry in countries:
        match = entry.pattern.search(text or "")
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), entry.label)
    return best[1] if best else None


def country_named(name: str, countries: tuple[Entry, ...]) -> str | None:
    """ISO alpha-3 of the country whose name or alias is exactly `name`, or None."""
    for entry in countries:
        if entry.pattern.fullmatch(name or ""):
            return entry.label
    return None


def ends_with_country(text: str, countries: tuple[Entry, ...]) -> bool:
    """Whether `text` ends with a country's name: "... of the Republic of Kazakhstan"."""
    stripped = text.rstrip(" ,”\"»")
    for entry in countries:
        for match in entry.pattern.finditer(stripped):
            if match.end() == len(stripped):
                return True
    return False


# --- the declarations: every codebook, its columns and what its cells must mean ------------

@dataclass(frozen=True)
class Codebook:
    """A codebook under data/codebooks/: its columns (required and optional), its key (unique
    on every row), the columns holding ";"-separated term lists (each with at least one term)
    and, for some columns, the values allowed."""

    name: str
    description: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    term_columns: tuple[str, ...] = ()
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()
    whole_numbers: tuple[str, ...] = ()

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def one_line(self) -> tuple[str, ...]:
        """Columns whose cells are identifiers or values (key, vocabularies, numbers), which
        the text-hygiene rule keeps on one line."""
        return (*self.key, *(name for name, _ in self.values), *self.whole_numbers)


_DOC = ("note", "description")
# How firmly a clause commits its actor, firmest first (data/codebooks/commitment_strength.csv).
STRENGTHS = ("done", "agreed", "instructed", "will", "proposed", "supported", "position")
# What a later reported fact counts as for a verdict (data/codebooks/followup_kinds.csv).
COUNTS_AS = ("delivered", "in progress", "restated", "abandoned", "context")
LABEL_PRIORITIES = ("1", "2")  # 1: labelled at page and column width; 2: at page width only
EVENT_LABEL_OPTIONAL = ("timeline", "short", "priority")
CODEBOOKS = (
    Codebook("actors", "People, states and organisations: aliases (names) and roles.",
             ("actor_id", "name", "kind", "aliases"), ("country", "roles"),
             key=("actor_id",), term_columns=("aliases", "roles")),
    Codebook("claims", "Checkable claims of the primary source and the reference fact each "
             "is compared with.",
             ("claim_id", "topic", "claim", "source_pattern", "rule"),
             ("source_value", "reference_table", "fact_id", "reference_field", "qualifier_field",
              "note"),
             key=("claim_id", "fact_id")),
    Codebook("commitment_deliverables", "Nouns that make a commitment concrete: a document "
             "to sign, an event to hold, a body or facility to create.",
             ("terms", "deliverable"), ("note",), key=("deliverable",), term_columns=("terms",),
             values=(("deliverable", ("document", "event", "facility")),)),
    Codebook("commitment_keys", "Stable keys of the commitments tracked against later pages: "
             "each names its commitment clause by an exact phrase of the primary source lying "
             "in that clause alone, a short label for a figure lane, and the deadline as "
             "written.", ("key", "anchor", "short_label"), ("deadline_as_written", "note"),
             key=("key",)),
    Codebook("commitment_strength", "Verb patterns of a commitment clause, one a row, and the "
             "strength each gives (done ... position), with where its actor is written.",
             ("pattern", "strength", "actor"), ("note",), key=("pattern",),
             term_columns=("pattern",),
             values=(("strength", STRENGTHS), ("actor", ("before", "after")))),
    Codebook("countries", "Country names and adjectives, by ISO 3166-1 alpha-3.",
             ("iso3", "name", "aliases"), _DOC, key=("iso3",), term_columns=("aliases",)),
    Codebook("discrepancies", "Things the primary source's parts say differently.",
             ("discrepancy_id", "kind", "thing", "a_label", "a_pattern", "b_label", "b_pattern",
              "note"), key=("discrepancy_id",),
             values=(("kind", ("naming", "content", "spelling")),)),
    Codebook("chronology_labels", "Short labels of reference rows for the chronology figure, "
             "by fact_id: priority 1 is drawn at page and column width, 2 at page width only; "
             "a row not listed keeps its dot without a label.",
             ("fact_id", "short", "priority"), ("note",), key=("fact_id",),
             values=(("priority", LABEL_PRIORITIES),)),
    Codebook("event_labels", "Keywords that label a dated event, the chapter timeline an "
             "event so labelled is drawn on (border: the border chapter's legal timeline), and "
             "its short label on the chronology figure (priority as in chronology_labels).",
             ("keyword", "label"), EVENT_LABEL_OPTIONAL, key=("keyword",),
             term_columns=("keyword",),
             values=(("timeline", ("border",)), ("priority", LABEL_PRIORITIES))),
    Codebook("followup_kinds", "What each kind of later reported fact counts as for a "
             "commitment's verdict, and the kind of deliverable a delivery delivers.",
             ("kind", "counts_as", "why"), ("delivers",), key=("kind",),
             values=(("counts_as", COUNTS_AS),
                     ("delivers", ("document", "event", "facility")))),
    Codebook("figures", "Every figure of the book: name, chapter, title, source and the "
             "alternative text that says what it shows.",
             ("name", "chapter", "title", "source", "alt"), key=("name",)),
    Codebook("instruments", "Kinds of signed instrument and the terms that name them, singular "
             "and plural.", ("instrument", "keywords"), ("plurals", "description"),
             key=("instrument",), term_columns=("keywords", "plurals")),
    Codebook("levels", "Levels of a signed document's parties, in the order tried, and the "
             "instruments that set a level by themselves (a treaty: interstate).",
             ("level", "rank"), ("keywords", "instruments", *_DOC), key=("level",),
             term_columns=("keywords", "instruments"),
             whole_numbers=("rank",)),
    Codebook("link_modes", "Keywords giving a transport link's mode.", ("keyword", "mode"),
             ("why",), key=("keyword",), term_columns=("keyword",)),
    Codebook("link_status", "Keywords giving a transport link's status.",
             ("keyword", "status"), ("why",), key=("keyword",), term_columns=("keyword",)),
    Codebook("palette", "The book's colours, one meaning each (colour-blind safe).",
             ("meaning", "colour"), ("name", "used_for"), key=("meaning",)),
    Codebook("quantity_subjects", "Keywords that say what a number measures.",
             ("keyword", "subject"), key=("keyword",), term_columns=("keyword",)),
    Codebook("sea_routes", "The course the map draws for a sea link between two ports: "
             "waypoints on water in order (a cartographic choice, checked against the "
             "basemap's land), with why each is there.",
             ("from_place_id", "to_place_id", "order", "lon", "lat"), ("note",),
             key=("from_place_id", "to_place_id", "order"), whole_numbers=("order",)),
    Codebook("sectors", "Sectors of a signed document, in the order tried.",
             ("sector", "keywords"), _DOC, key=("sector",), term_columns=("keywords",)),
    Codebook("themes", "Themes of running text and the terms that signal them.",
             ("theme", "label", "description", "patterns"), key=("theme",),
             term_columns=("patterns",)),
)
_BY_FILE = {c.file_name: c for c in CODEBOOKS}


@dataclass(frozen=True)
class VerbPattern:
    """One row of commitment_strength.csv: a verb pattern, its strength and where the clause
    writes its actor (before the verb, as a subject, or after it: "the initiative of X")."""

    pattern: str
    strength: str
    actor: str
    regex: re.Pattern


def commitment_strength(book: Loaded | None = None) -> tuple[VerbPattern, ...]:
    """The verb patterns of a commitment clause, checked against their declaration."""
    rows = book or committed("commitment_strength")
    return tuple(VerbPattern(r["pattern"], r["strength"], r["actor"],
                             re.compile(term_regex(r["pattern"]), re.IGNORECASE))
                 for r in rows)


def commitment_deliverables(book: Loaded | None = None) -> tuple[Entry, ...]:
    """Nouns of a concrete deliverable, by kind (document, event, facility)."""
    rows = book or committed("commitment_deliverables")
    return tuple(Entry(r["deliverable"], keywords(r["terms"]), word_pattern(keywords(r["terms"])))
                 for r in rows)


def followup_kinds(book: Loaded | None = None) -> dict[str, tuple[str, str]]:
    """What each kind of follow-up counts as for a verdict, and for a delivery the kind of
    deliverable it delivers: kind -> (counts_as, delivers or "")."""
    rows = book or committed("followup_kinds")
    return {r["kind"]: (r["counts_as"], r.get("delivers", "")) for r in rows}


def path_of(name: str, root: Path = paths.ROOT) -> Path:
    """The file of a declared codebook."""
    return Path(root) / "data" / "codebooks" / f"{name}.csv"
