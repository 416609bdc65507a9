"""Tables for readers: every table a chapter shows is rendered here, the same way.

A chapter calls `show(frame, name, caption, columns)`; the table is glued under `name`
(tbl-...) as MyST text and placed in a markdown cell with

    ```{glue:md} tbl-...
    :format: myst
    ```

The MyST is a numbered `list-table` with a caption and `:name:`, so `{numref}` and a citation can
point to it, and it renders alike in the HTML and in the LaTeX/PDF edition (no HTML). In it:

- no index column; each heading is the column's `label` in its table's declaration
  (analysis.schema.table.Column), unless the chapter gives one;
- an empty cell is a dash, "—", and a note under the table says what a dash means there;
- numbers carry thousands separators ("130,000,000"); dates read as prose ("25 October 2021")
  while the data keep ISO 8601;
- text is never cut: the cell wraps (the column widths are proportional to the longest text);
- an address is a link, with its site as the link text;
- evidence is a link to the paragraph in the source chapter, whose table of paragraphs carries
  one label per paragraph (`paragraph_label`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from analysis.tables.locate import paragraph_at, paragraphs_by_source

EMPTY = "—"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# myst: a cell already written in MyST by the chapter (e.g. with `link` or `evidence`);
# anchor: a paragraph id shown as its number and labelled so that `evidence` links land on it.
KINDS = ("text", "integer", "number", "date", "address", "paragraph", "code", "myst", "anchor")
# Characters that mean something in MyST/CommonMark (and its dollar-math and substitution
# extensions): escaped in table text so that a cell shows exactly what the data hold.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>$|#~!%])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])(\s)")


@dataclass(frozen=True)
class Col:
    """How one column is shown: `name` in the frame; `label` (default: the declaration's);
    `kind` one of KINDS (default: from the declared type, else text); `empty`: what a dash
    means in this column (default: "not given"); `decimals` for numbers."""

    name: str
    label: str | None = None
    kind: str | None = None
    empty: str | None = None
    decimals: int | None = None

    def __post_init__(self):
        if self.kind is not None and self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: kind must be one of {KINDS}, "
                             f"not {self.kind!r}")


def paragraph_label(paragraph_id: str) -> str:
    """The label of a paragraph in the source chapter's table of paragraphs."""
    return f"source-{paragraph_id}"


def paragraph_number(paragraph_id: str) -> int:
    match = re.fullmatch(r"p(\d+)", str(paragraph_id))
    if not match:
        raise ValueError(f"a paragraph id like p023 was expected; found {paragraph_id!r}")
    return int(match.group(1))


def readable_date(iso: str, short: bool = False) -> str:
    """An ISO 8601 date of day, month or year precision as prose: 25 October 2021,
    October 2021, 2021 (short: 25 Oct 2021)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(iso))
    if not match:
        raise ValueError(f"an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) was expected; "
                         f"found {iso!r}")
    year, month, day = match.groups()
    if month is None:
        return year
    name = MONTHS[int(month) - 1]
    name = name[:3] if short and len(name) > 4 else name
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def number(value, decimals: int | None = None) -> str:
    """A number with thousands separators; whole numbers without decimals."""
    value = float(value)
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if value.is_integer():
        return f"{value:,.0f}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def escape(text: str) -> str:
    """Text shown as written: MyST markup characters escaped, one line."""
    text = " ".join(str(text).split())
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\2\\\3\4", text)
    if text[:1] in "-+":
        text = "\\" + text
    return text


def link(address: str) -> str:
    """An address as a link whose text is its site; a name that is not an address as text."""
    address = str(address).strip()
    parts = urlsplit(address)
    if parts.scheme in ("http", "https") and parts.netloc:
        site = parts.netloc.removeprefix("www.")
        return f"[{escape(site)}](<{address}>)"
    return escape(address)


def evidence(paragraph_id: str) -> str:
    """A link to the paragraph in the source chapter."""
    return (f"{{ref}}`paragraph {paragraph_number(paragraph_id)} "
            f"<{paragraph_label(paragraph_id)}>`")


def paragraph_of(starts: pd.Series, paragraphs: pd.DataFrame,
                 source_id: str | None = None) -> pd.Series:
    """The id of the paragraph of `source_id` that holds each character offset (table
    `paragraphs`), by the rule derived tables use (analysis.tables.locate). Without
    `source_id`, `paragraphs` must hold one source: offsets of two texts are not comparable."""
    by_source = paragraphs_by_source(paragraphs)
    if source_id is None:
        if len(by_source) != 1:
            raise ValueError(f"paragraphs of {len(by_source)} sources ({sorted(by_source)}): "
                             "name the source_id the offsets are in")
        (source_id,) = by_source
    ids = [paragraph_at(by_source, source_id, int(start))["paragraph_id"] for start in starts]
    return pd.Series(ids, index=starts.index, dtype="string")


def country_name(code: str) -> str:
    """The name of a country from its ISO alpha-3 code (data/codebooks/countries.csv)."""
    from analysis.io import codebooks, paths

    rows = codebooks.read(paths.ROOT / "data" / "codebooks" / "countries.csv",
                          ("iso3", "name", "aliases"), ("note",))
    names = {r["iso3"]: r["name"] for r in rows}
    if code not in names:
        raise ValueError(f"data/codebooks/countries.csv: expected a row for {code!r}; "
                         f"found only {sorted(names)}")
    return names[code]


def record(row: pd.Series, name: str, caption: str, columns: list[Col | str],
           table: str | None = None, note: str = "") -> str:
    """One row shown as a two-column table, a field a line (a catalogue entry)."""
    declared = _declared_columns(table)
    lines = []
    for c in (c if isinstance(c, Col) else Col(c) for c in columns):
        decl = declared.get(c.name)
        label = c.label or (decl.heading if decl is not None else c.name.replace("_", " "))
        kind = _kind(c, decl)
        lines.append({"field": label[:1].upper() + label[1:],
                      "value": _cell(row[c.name], kind, c.decimals)})
    frame = pd.DataFrame(lines, columns=["field", "value"])
    return markdown(frame, name, caption, [Col("field", "Field"), Col("value", "Value", "myst")],
                    note=note)


def _declared_columns(table: str | None) -> dict:
    if table is None:
        return {}
    from analysis.io import reference
    from analysis.pipeline import load

    for declared in reference.REFERENCE_TABLES:
        if declared.name == table:
            return {c.name: c for c in declared.columns}
    return {c.name: c for c in load.declaration(table).columns}


_KIND_OF_TYPE = {"integer": "integer", "number": "number", "date": "date"}


def _kind(col: Col, decl) -> str:
    """The kind a column is shown as: the chapter's, else its declared type's; a column
    named address (or ..._address) is shown as links."""
    if col.kind:
        return col.kind
    if col.name == "address" or col.name.endswith("_address"):
        return "address"
    return _KIND_OF_TYPE.get(decl.type, "text") if decl is not None else "text"


def _cell(value, kind: str, decimals: int | None) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or str(value) == "":
        return EMPTY
    if kind == "integer":
        return number(int(value), 0)
    if kind == "number":
        return number(value, decimals)
    if kind == "date":
        return readable_date(str(value))
    if kind == "address":
        return link(str(value))
    if kind == "paragraph":
        return evidence(str(value))
    if kind == "myst":
        return str(value)
    if kind == "anchor":
        return f"({paragraph_label(str(value))})=\n\n    {paragraph_number(str(value))}"
    if kind == "code":
        return f"`{str(value).replace('`', '')}`"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape(str(value))


def _visible_length(cell: str) -> int:
    cell = cell.split("\n")[-1]
    cell = re.sub(r"\{ref\}`([^<`]*)<[^>]*>`", r"\1", cell)
    cell = re.sub(r"\[([^\]]*)\]\(<[^>]*>\)", r"\1", cell)
    return len(cell.replace("\\", ""))


def markdown(frame: pd.DataFrame, name: str, caption: str, columns: list[Col | str],
             table: str | None = None, note: str = "") -> str:
    """The MyST list-table of `frame`'s `columns` (Col or a column name), labelled `name`,
    captioned `caption` (MyST). `table` names the declaration the labels and kinds come from.
    Under the table: what a dash means in each column that has one, then `note`."""
    if not re.fullmatch(r"tbl-[a-z0-9]+(?:-[a-z0-9]+)*", name):
        raise ValueError(f"a table label like tbl-agreements-documents was expected; "
                         f"found {name!r}")
    declared = _declared_columns(table)
    cols = [c if isinstance(c, Col) else Col(c) for c in columns]
    missing = [c.name for c in cols if c.name not in frame.columns]
    if missing:
        raise ValueError(f"table {name}: columns {missing} are not in the frame "
                         f"(it has {list(frame.columns)})")
    headings, kinds = [], []
    for c in cols:
        decl = declared.get(c.name)
        label = c.label or (decl.heading if decl is not None else c.name.replace("_", " "))
        headings.append(escape(label[:1].upper() + label[1:]))
        kinds.append(_kind(c, decl))
    body = [[_cell(row[c.name], kind, c.decimals) for c, kind in zip(cols, kinds, strict=True)]
            for _, row in frame.iterrows()]
    lengths = [max([_visible_length(headings[i]) * 0.8]
                   + [_visible_length(r[i]) for r in body]) for i in range(len(cols))]
    widths = [max(4, min(40, round(n))) for n in lengths]
    lines = [f":::{{list-table}} {caption}", ":header-rows: 1", f":name: {name}",
             f":widths: {' '.join(str(w) for w in widths)}", ":class: reader-table", ""]
    for row in [headings, *body]:
        for i, cell in enumerate(row):
            lines.append(("* - " if i == 0 else "  - ") + cell)
    lines.append(":::")
    dashes = []
    for c, i in zip(cols, range(len(cols)), strict=True):
        if any(r[i] == EMPTY for r in body):
            dashes.append(f"{headings[i]}: {c.empty or 'not given'}")
    after = []
    if dashes:
        after.append(f"A dash (—) marks an empty cell. {'; '.join(dashes)}.")
    if note:
        after.append(note)
    return "\n".join(lines) + ("\n\n" + " ".join(after) if after else "") + "\n"


def show(frame: pd.DataFrame | pd.Series, name: str, caption: str, columns: list[Col | str],
         table: str | None = None, note: str = "") -> None:
    """Glue the table's MyST under `name`, for a ```{glue:md}``` placement; a Series (one
    row) is shown as a field/value table."""
    from IPython.display import Markdown
    from myst_nb import glue

    render = record if isinstance(frame, pd.Series) else markdown
    glue(name, Markdown(render(frame, name, caption, columns, table, note)), display=False)
