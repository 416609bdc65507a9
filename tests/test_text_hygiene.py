"""The text-hygiene rule (analysis.io.text_hygiene): each normalisation gives the derived output
of the clean file byte for byte; each refused kind stops `python -m analysis derive` with one
line naming the file, the line, the column, the character's place and the character by its
Unicode name, with data/derived/ untouched; a character of a source text is reported and the
source kept as stored; plausibility and size as declared. Every fault is made here, in a
throw-away copy of the project."""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from pathlib import Path

import pytest
from test_input_faults import CATALOGUE, SOURCE, refused, run, set_cell

from analysis.errors import InputError
from analysis.io import codebooks, reference, sources, text_hygiene
from conftest import ROOT, snapshot

R, C = "data/reference/", "data/codebooks/"


def cell(root: Path, relative: str, line: int, column: str) -> str:
    rows = list(csv.reader(io.StringIO((root / relative).read_text(encoding="utf-8"),
                                       newline="")))
    return rows[line - 1][rows[0].index(column)]


def change_cell(root: Path, relative: str, line: int, column: str, change) -> None:
    set_cell(root, relative, line, column, change(cell(root, relative, line, column)))


def rewrite(root: Path, relative: str, change) -> None:
    path = root / relative
    path.write_bytes(change(path.read_text(encoding="utf-8")).encode("utf-8"))


def table_inputs(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in [
        *(root / "data/codebooks").glob("*.csv"), *(root / "data/reference").glob("*.csv"),
        root / CATALOGUE])


# --- normalised: the derived output of the clean file, byte for byte -----------------------

def _crlf(root: Path) -> None:
    for relative in table_inputs(root):
        rewrite(root, relative, lambda t: t.replace("\n", "\r\n"))


def _decomposed(root: Path) -> None:
    for relative in (C + "instruments.csv", C + "countries.csv", R + "places.csv"):
        rewrite(root, relative, lambda t: unicodedata.normalize("NFD", t))


def _non_breaking(root: Path) -> None:
    rewrite(root, C + "themes.csv", lambda t: t.replace("fishing zones", "fishing\u00a0zones")
                                               .replace("state border", "state\u202fborder"))
    rewrite(root, R + "places.csv", lambda t: t.replace("Garabogaz Bay", "Garabogaz\u00a0Bay"))


NORMALISED = {"CR LF line ends in every table input": _crlf,
              "decomposed accents (NFD)": _decomposed,
              "non-breaking spaces in keywords": _non_breaking}


@pytest.mark.parametrize("kind", NORMALISED)
def test_a_normalised_input_derives_the_clean_files_bytes(project_copy, kind):
    before = snapshot(project_copy / "data" / "derived")
    clean = {p: (project_copy / p).read_bytes() for p in table_inputs(project_copy)}
    NORMALISED[kind](project_copy)
    assert any((project_copy / p).read_bytes() != b for p, b in clean.items()), "no change made"
    done = run(project_copy, "derive")
    assert done.returncode == 0, done.stderr
    assert snapshot(project_copy / "data" / "derived") == before
    done = run(project_copy, "verify")
    assert done.returncode == 0, done.stderr


# --- refused: one line, the character named, data/derived untouched -----------------------

ZWSP = "\u200b"
REFUSED = {
    "a Cyrillic letter in a Latin place name": (
        R + "places.csv", lambda r: change_cell(r, R + "places.csv", 2, "name",
                                                lambda t: t.replace("a", "\u0430", 1)),
        r"line 2, column 'name', character \d+: expected the letters of a word in one script; "
        r"found U\+0430 CYRILLIC SMALL LETTER A in '\w+', a word otherwise in Latin letters "
        r"\(a look-alike typed for a letter of the other script\?\)"),
    "a Latin letter in a Cyrillic word": (
        R + "railway_figures.csv",
        lambda r: set_cell(r, R + "railway_figures.csv", 2, "note", "Казахстaн"),
        r"line 2, column 'note', character \d+: expected the letters of a word in one script; "
        r"found U\+0061 LATIN SMALL LETTER A in 'Казахстaн', a word otherwise in Cyrillic "
        r"letters .*"),
    "a zero-width space inside a theme keyword": (
        C + "themes.csv", lambda r: change_cell(r, C + "themes.csv", 3, "patterns",
                                                lambda t: t.replace("turnover", "turn" + ZWSP
                                                                    + "over")),
        r"line 3, column 'patterns', character \d+: expected visible characters only; found "
        r"U\+200B ZERO WIDTH SPACE, an invisible character"),
    "a control character in a note": (
        R + "border_lengths.csv",
        lambda r: change_cell(r, R + "border_lengths.csv", 3, "reported_by",
                              lambda t: t + "\x07"),
        r"line 3, column 'reported_by', character \d+: expected no control character; found "
        r"U\+0007 a code point with no name, a control character"),
    "a line break inside a fact id": (
        R + "trade_turnover.csv",
        lambda r: set_cell(r, R + "trade_turnover.csv", 2, "fact_id", "tt\n01"),
        r"line 2, column 'fact_id': expected a value on one line; found U\+000A LINE FEED "
        r"after 'tt' \(a line break inside a quoted cell\)"),
    "a line break inside a keyword cell": (
        C + "sectors.csv", lambda r: change_cell(r, C + "sectors.csv", 2, "keywords",
                                                 lambda t: t.replace(";", ";\n", 1)),
        r"line 2, column 'keywords': expected a keyword list on one line; found U\+000A LINE "
        r"FEED after .*"),
    "an empty keyword": (
        C + "sectors.csv",
        lambda r: change_cell(r, C + "sectors.csv", 2, "keywords", lambda t: t + "; ;"),
        r"line 2, column 'keywords': expected keywords separated by ';', none empty; found an "
        r"empty keyword \(keyword \d+ of \d+\) in '.*'"),
    "a trailing separator in a gazetteer's aliases": (
        R + "places.csv", lambda r: set_cell(r, R + "places.csv", 2, "aliases", "Aqtau;"),
        r"line 2, column 'aliases': expected keywords separated by ';', none empty; found an "
        r"empty keyword \(keyword 2 of 2\) in 'Aqtau;'"),
    "a byte-order mark": (
        R + "trade_turnover.csv", lambda r: rewrite(r, R + "trade_turnover.csv",
                                                    lambda t: "\ufeff" + t),
        r"line 1, column 'fact_id', character 1: expected text without a byte-order mark; found "
        r"U\+FEFF ZERO WIDTH NO-BREAK SPACE: a byte-order mark \(save the file as UTF-8 "
        r"without BOM\)"),
    "a lone carriage return in the catalogue": (
        CATALOGUE, lambda r: change_cell(r, CATALOGUE, 2, "title", lambda t: t + "\r"),
        r"line 2, column 'title', character \d+: expected no control character; found "
        r"U\+000D CARRIAGE RETURN, a control character"),
    # size: a cell beyond the declared size, a file beyond it, never the CSV reader's traceback
    "a cell of 5,000 characters": (
        R + "border_lengths.csv",
        lambda r: set_cell(r, R + "border_lengths.csv", 3, "note", "x" * 5000),
        r"line 3: expected cells of at most 4,000 characters; found a cell of 5,000 characters"),
    "a cell longer than the CSV reader's limit": (
        C + "sectors.csv",
        lambda r: set_cell(r, C + "sectors.csv", 3, "description", "x" * 200_000),
        r"line 3: expected cells of at most 4,000 characters in CSV; found a cell longer than "
        r"131,072 characters"),
    "a cell of 1 MB": (
        R + "trade_turnover.csv",
        lambda r: set_cell(r, R + "trade_turnover.csv", 2, "note", "x" * 1_048_576),
        r"file: expected at most 1,000,000 bytes; found 1,05\d,\d{3} bytes"),
    # plausibility: ranges per measure, dates no later than the day the page was read
    "a trade value of 10^15 US dollars": (
        R + "trade_turnover.csv",
        lambda r: set_cell(r, R + "trade_turnover.csv", 2, "value_usd", "1000000000000000"),
        r"line 2, column 'value_usd': expected a bilateral trade value within its plausible "
        r"range, 1,000,000 to 100,000,000,000 US dollars; found 1e\+15"),
    "a border of 45,800 km": (
        R + "border_lengths.csv",
        lambda r: set_cell(r, R + "border_lengths.csv", 2, "value", "45800"),
        r"line 2, column 'value': expected a border length within its plausible range, 1 to "
        r"10,000 kilometres; found 45800"),
    "a tonnage of 5,000 million t": (
        R + "railway_figures.csv",
        lambda r: set_cell(r, R + "railway_figures.csv", 25, "value", "5000"),
        r"line 25, column 'value': expected a tonnage within its plausible range, 0.001 to "
        r"1,000 million tonnes; found 5000"),
    "a milestone dated decades after its page was read": (
        R + "border_milestones.csv",
        lambda r: set_cell(r, R + "border_milestones.csv", 2, "date", "2061-05-01"),
        r"line 2, column 'date': expected a date no later than the day its page was read "
        r"\(accessed \d{4}-\d\d-\d\d\); found '2061-05-01'"),
}


@pytest.mark.parametrize("fault", REFUSED)
def test_a_refused_character_or_value_stops_derive_in_one_line(project_copy, fault):
    file, change, pattern = REFUSED[fault]
    before = snapshot(project_copy / "data" / "derived")
    change(project_copy)
    refused(project_copy, run(project_copy, "derive"), file, pattern)
    assert snapshot(project_copy / "data" / "derived") == before
    assert not list((project_copy / "data").glob(".derived-staging-*"))


def test_the_faults_above_are_the_ones_named():
    """The tonnage fault is made on a row whose unit is million_t (checked, not assumed)."""
    assert cell(ROOT, R + "railway_figures.csv", 25, "unit") == "million_t"
    assert cell(ROOT, R + "border_lengths.csv", 2, "unit") == "km"


# --- the rule per word, per kind ------------------------------------------------------------

def kinds(text: str) -> list[str]:
    return [f.kind for f in text_hygiene.scan(text)]


def test_a_wholly_cyrillic_word_in_a_latin_text_is_not_an_error():
    assert kinds("Визит Токаева в Туркменистан (Tokayev's visit), Ашхабад-Ashgabat") == []
    assert kinds("Aktau, Актау") == []


def test_a_look_alike_is_found_in_either_direction_and_named():
    (latin,) = text_hygiene.scan("the port of Аktau")  # a Cyrillic А first
    assert latin.kind == "mixed script" and "U+0410 CYRILLIC CAPITAL LETTER A" in latin.found
    (cyrillic,) = text_hygiene.scan("порт Aктау")  # a Latin A first
    assert "U+0041 LATIN CAPITAL LETTER A" in cyrillic.found and "Cyrillic" in cyrillic.found
    assert text_hygiene.scan("Ακταυ Akτau")[0].found.startswith("U+03C4 GREEK SMALL LETTER TAU")


@pytest.mark.parametrize("char,kind", [
    ("\u200b", "invisible"), ("\u200d", "invisible"), ("\u2060", "invisible"),
    ("\u00ad", "invisible"), ("\u200f", "invisible"), ("\u3164", "invisible"),
    ("\x00", "control"), ("\t", "control"), ("\r", "control"), ("\x1b", "control"),
    ("\ue000", "unassigned"), ("\U000e0001", "invisible"), ("\u0378", "unassigned"),
])
def test_each_invisible_control_or_unassigned_character_is_refused(char, kind):
    assert kinds(f"Aktau{char} port") == [kind]


def test_the_normalisations_are_the_declared_ones_in_order():
    assert text_hygiene.normalise("a\r\nb\u00a0c\u202fd\u3000e\u2009f") == "a\nb c d e f"
    assert text_hygiene.normalise("Türkiye".replace("ü", "u\u0308")) == "Türkiye"
    assert text_hygiene.normalise("a\rb") == "a\rb"  # a lone CR is refused, not changed
    assert [n.name for n in text_hygiene.NORMALISED] == ["line ends", "composition", "spaces"]


def test_a_refusal_names_line_column_and_character(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text('id,words\na1,"one\ntwo"\na2,Ak\u200btau\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        text_hygiene.table_text(path)
    assert str(err.value) == (f"{path}, line 4, column 'words', character 6: expected visible "
                              f"characters only; found U+200B ZERO WIDTH SPACE, an invisible "
                              f"character")


# --- the primary source: reported, never changed --------------------------------------------

def test_a_look_alike_in_a_source_is_reported_and_the_source_kept(project_copy):
    path = project_copy / SOURCE
    text = path.read_text(encoding="utf-8")
    at = text.index("Ashgabat")
    changed = (text[:at] + "\u0410" + text[at + 1:]).encode("utf-8")
    path.write_bytes(changed)
    rewrite(project_copy, CATALOGUE, lambda t: t.replace(
        hashlib.sha256(text.encode("utf-8")).hexdigest(), hashlib.sha256(changed).hexdigest()))
    done = run(project_copy, "verify-sources")
    assert done.returncode == 0, done.stderr
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    assert done.stderr.splitlines() == [
        f"warning: {path}, line {line}, character {column}: U+0410 CYRILLIC CAPITAL LETTER A "
        f"in 'Аshgabat', a word otherwise in Latin letters (a look-alike typed for a letter of "
        f"the other script?) (the source is kept as stored; its fixity is of its bytes)"]
    assert path.read_bytes() == changed
    with pytest.warns(text_hygiene.TextWarning, match="U\\+0410 CYRILLIC CAPITAL LETTER A"):
        loaded = sources.load_all(project_copy / CATALOGUE)
    assert loaded["nca-2021-10-26-tokayev-state-visit"].text.encode("utf-8") == changed


# --- every committed input passes the rule today ----------------------------------------------

@pytest.mark.parametrize("relative", table_inputs(ROOT))
def test_every_committed_table_input_passes_the_rule(relative):
    path = ROOT / relative
    text = text_hygiene.table_text(path)
    assert text.encode("utf-8") == path.read_bytes(), "a committed input is not normalised"
    if path.parent.name == "codebooks":
        book = next(b for b in codebooks.CODEBOOKS if b.file_name == path.name)
        codebooks.check(book, ROOT)
    elif path.parent.name == "reference":
        table = next(t for t in reference.REFERENCE_TABLES if t.path_name == path.name)
        reference.read_checked(table, ROOT)
    else:
        sources.read_catalogue(path)


def test_every_committed_source_has_nothing_to_report():
    for source in sources.load_all().values():
        assert source.report == ()


def test_a_date_still_to_come_is_accepted_where_marked_planned(project_copy):
    path = R + "railway_milestones.csv"
    set_cell(project_copy, path, 2, "date", "2061-05-01")
    set_cell(project_copy, path, 2, "precision", "day")
    with pytest.raises(InputError, match=r"unless column 'date_qualifier' says planned or "
                                         r"expected; found '2061-05-01'"):
        reference.read_checked(reference.RAILWAY_MILESTONES, project_copy)
    set_cell(project_copy, path, 2, "date_qualifier", "planned")
    frame = reference.read_checked(reference.RAILWAY_MILESTONES, project_copy)
    assert frame.at[0, "date"] == "2061-05-01"


def test_an_identifier_beyond_its_size_is_refused(tmp_path):
    rows = [(2, ["tt01", "a note"]), (3, ["t" * 201, "a note"])]
    with pytest.raises(InputError, match=r"line 3, column 'fact_id': expected a value of at "
                                         r"most 200 characters; found 201 characters"):
        text_hygiene.check_cells(tmp_path / "t.csv", ["fact_id", "note"], rows,
                                 one_line=("fact_id",))
    text_hygiene.check_cells(tmp_path / "t.csv", ["fact_id", "note"],
                             [(2, ["tt01", "n" * 4000])], one_line=("fact_id",))


def test_a_source_reports_each_character_once_with_how_often(tmp_path):
    path = tmp_path / "source.txt"
    path.write_bytes("Line one\r\nLine two\r\nAktаu port\r\n".encode())
    with pytest.warns(text_hygiene.TextWarning):
        text, report = text_hygiene.source_text(path)
    assert text == path.read_bytes().decode("utf-8")
    assert report == (
        f"{path}, line 1, character 9: U+000D CARRIAGE RETURN, a control character, and 2 more "
        f"like it (the source is kept as stored; its fixity is of its bytes)",
        f"{path}, line 3, character 4: U+0430 CYRILLIC SMALL LETTER A in 'Aktаu', a word "
        f"otherwise in Latin letters (a look-alike typed for a letter of the other script?) "
        f"(the source is kept as stored; its fixity is of its bytes)")


def test_a_decomposed_letter_in_a_source_is_reported(tmp_path):
    path = tmp_path / "source.txt"
    path.write_bytes("Tu\u0308rkmenistan and Ko\u0308l".encode())
    with pytest.warns(text_hygiene.TextWarning):
        _, report = text_hygiene.source_text(path)
    assert report == (f"{path}, line 1, character 3: U+0308 COMBINING DIAERESIS not composed "
                      f"with the 'u' before it (a composed keyword does not match it), and 1 "
                      f"more like it (the source is kept as stored; its fixity is of its "
                      f"bytes)",)
