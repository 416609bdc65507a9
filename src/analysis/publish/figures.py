"""Figures: one house style, one palette, and one way to publish a figure from a notebook.

A chapter writes a *drawing function* `draw(width)` that returns a figure made for `width`
inches (it chooses the height and wraps its labels to fit, with `wrap`), and calls
`publish(draw, name)`, which:

1. refuses a figure that is not declared in data/codebooks/figures.csv (name, chapter, title,
   source line): the declaration is what its citation and its metadata are generated from;
2. draws it at each width of `WIDTHS` — full width (7 in) and column width (3.5 in) — adds a
   small source line inside the image (so a copied figure keeps it), lays it out, and refuses
   it if any text is under `MIN_TEXT_PT` at that size, is cut with "…" or runs off the figure
   (checked when it is to be exported: a figure whose exports are current passed the check);
3. exports each width to data/derived/figures/<name>.{png,svg,pdf} (full width) and
   <name>-column.{png,svg,pdf} (column width): PNG at 300 dpi; title, source, licence and
   version in the metadata; byte-identical from run to run (no dates, no software versions,
   a fixed SVG hash salt); all six files written at once or none. Exporting is most of a
   chapter's run (PDF font subsetting above all), so it is done only when the figure changed:
   the *export key* is the SHA-256 of the finished figures, pickled so that equal drawings give
   equal bytes, and of the export code (this module, matplotlib's version).
   <name>.exports.json records the key and the digest of each file; a figure whose key and files
   still match is not exported again. Under tools/run_notebooks.py a changed figure is not
   exported in the kernel either: it is pickled into the staging folder, and the runner exports
   every such figure outside the kernels, several at a time (`export_job`);
4. glues the full-width figure under `name` (placed with ```{glue:figure} name``` and
   `:name: name`) and its "cite this figure" block under `name-cite`, then closes the figures.
   What is glued is the PNG IPython's inline backend makes of the figure (`screen_png`), and
   its SHA-256 goes into the record as `screen`: when the figure is unchanged and its stored
   chapter still shows that image, the stored image is glued again and not rendered (it was
   most of the time a chapter's cells took where no figure changed).

A figure is not even drawn when what its notebook's outputs depend on is what it was when the
figure was last drawn: the runner (and nbval, through book/conftest.py) gives the kernel the
digest of the notebook's code, reads, modules and pins (`inputs.INPUTS_ENV`), and the record
keeps it as `inputs`. Those determine the drawing (a notebook cannot read what it did not
declare), so an equal digest, stored files that match the record and a stored chapter showing
the recorded image are the figure as it would be drawn. Drawing was most of what a chapter's
cells still took when no figure changed; a changed input or line of code draws every figure of
its notebook again, and the export key above then decides which are exported.

The palette is declared once, in data/codebooks/palette.csv (meaning, colour): each colour has
one meaning across the book (Okabe–Ito colours, distinguishable with the common forms of colour
blindness). The constants below are read from it.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import CodeType, FunctionType
from typing import TYPE_CHECKING

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.colors import to_hex, to_rgb
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.transforms import TransformNode

from analysis.errors import InputError
from analysis.io import codebooks, inputs, paths
from analysis.publish import citation
from analysis.schema.row_ids import ROW_IDS, SOURCE_ROWS

if TYPE_CHECKING:  # pandas is imported where a figure's data is written, not to export it
    import pandas as pd

# The two widths every figure is exported at (inches): a page's text width and a two-column
# journal's column width. The full-width export is the one the book shows.
WIDTHS = {"full": 7.0, "column": 3.5}
MIN_TEXT_PT = 7.0
SOURCE_LINE_PT = 7.0
TEXT_PT = 8.0  # body text of a figure: axis labels, legends
SMALL_PT = 7.0  # tick labels, annotations: never below MIN_TEXT_PT
STYLE = {
    "figure.dpi": 150,  # the book's HTML shows the full-width figure at 150 dpi
    "savefig.dpi": 150,
    "font.size": TEXT_PT,
    "axes.titlesize": TEXT_PT,
    "axes.labelsize": TEXT_PT,
    "xtick.labelsize": SMALL_PT,
    "ytick.labelsize": SMALL_PT,
    "legend.fontsize": SMALL_PT,
    "legend.title_fontsize": SMALL_PT,
    "figure.titlesize": TEXT_PT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "kz-tm-report",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
}
EXPORT_DPI = 300
# Rendered text (hinted at screen resolution) runs a little wider than its outline: a wrapped
# line is kept this much narrower than the room it has.
WRAP_SLACK = 1.08


@cache
def palette(root: Path = paths.ROOT) -> dict[str, str]:
    """The book's colours by meaning, from data/codebooks/palette.csv; one meaning a colour."""
    inputs.check("codebook:palette")
    path = codebooks.path_of("palette", root)
    out: dict[str, str] = {}
    for row in codebooks.read(path, ("meaning", "colour"), ("name", "used_for")):
        line, meaning, colour = row["_line"], row["meaning"].strip(), row["colour"].strip()
        try:
            colour = to_hex(colour)
        except ValueError:
            raise InputError(path, f"line {line}, column 'colour'", "a colour like #56B4E9",
                             repr(colour)) from None
        if colour in out.values():
            raise InputError(path, f"line {line}, column 'colour'",
                             "a colour used for one meaning only", f"{colour} again")
        out[meaning] = colour
    return out


KAZAKHSTAN = palette()["kazakhstan"]
TURKMENISTAN = palette()["turkmenistan"]
PRIMARY = palette()["primary_source"]
REFERENCE = palette()["reference_page"]
ACCOUNT = palette()["presidency_account"]
STATEMENT = palette()["joint_statement"]
RAILWAY = palette()["railway"]
PORT_LINK = palette()["port_link"]


def tint(colour: str, amount: float) -> str:
    """`colour` mixed with white (amount 0 = white, 1 = the colour): a fill for areas."""
    r, g, b = to_rgb(colour)
    return to_hex((1 - amount + amount * r, 1 - amount + amount * g, 1 - amount + amount * b))


def shades(colour: str, n: int) -> list[str]:
    """`n` shades of one colour from dark to light, for an ordered scale of one meaning."""
    r, g, b = to_rgb(colour)
    out = []
    for i in range(n):
        t = i / max(n - 1, 1)
        if t < 0.25:  # darker than the colour itself
            k = 0.55 + 1.8 * t
            out.append(to_hex((r * k, g * k, b * k)))
        else:
            out.append(tint(colour, 1 - 0.8 * (t - 0.25) / 0.75))
    return out


# Metadata that would change from run to run (dates, software versions) is left out.
_VOLATILE = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def use_style() -> None:
    mpl.rcParams.update(STYLE)


@cache
def text_width_in(text: str, size: float = SMALL_PT) -> float:
    """Width of one line of `text` at `size` points in the house font, in inches: its advance
    width as the font lays it out (never narrower than its ink, so a wrap made with it fits)."""
    if not text:
        return 0.0
    prop = FontProperties(family=mpl.rcParams["font.family"], size=size)
    width, _, _ = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    return width / 72


def wrap(text: str, width_in: float, size: float = SMALL_PT) -> str:
    """`text` broken into lines no wider than `width_in` inches at `size` points; words are
    never cut (a word wider than the line stands alone on its line)."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and text_width_in(lines[-1] + " " + word, size) * WRAP_SLACK <= width_in:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def source_line(fig_decl: citation.Figure, book: citation.Book) -> str:
    return (f"Source: {fig_decl.source}. Figure {fig_decl.name}, version {book.version}, "
            f"{figure_licence(book)}.")


def figure_licence(book: citation.Book) -> str:
    """The licence of figures and text: the Creative Commons one among the book's licences."""
    for licence in book.licenses:
        if licence.upper().startswith("CC"):
            return licence
    raise InputError(Path(citation.CITATION_FILE), "key 'license'",
                     "a Creative Commons licence for the text and figures",
                     repr(list(book.licenses)))


def finish(fig, text: str) -> None:
    """Add the source line under the drawing and lay the figure out (its text is checked by
    `check_text` before it is exported)."""
    width, height = fig.get_size_inches()
    margin = 0.05
    line = wrap(text, width - 2 * margin, SOURCE_LINE_PT)
    band = (line.count("\n") + 1) * SOURCE_LINE_PT * 1.25 / 72 + 2 * margin
    fig.set_size_inches(width, height + band)
    if all(ax.get_subplotspec() is not None for ax in fig.axes):
        fig.tight_layout(pad=0.3, rect=(0, band / (height + band), 1, 1))
    else:  # laid out by hand (a map): keep every axes' size in inches, move it up
        for ax in fig.axes:  # the position as set, not as the resized figure's aspect bends it
            x0, y0, w, h = ax.get_position(original=True).bounds
            ax.set_position((x0, (y0 * height + band) / (height + band), w,
                             h * height / (height + band)))
    fig.text(margin / width, margin / (height + band), line, fontsize=SOURCE_LINE_PT,
             color="#4D4D4D", ha="left", va="bottom", linespacing=1.1)


def check_text(fig) -> None:
    """Refuse a figure with text under MIN_TEXT_PT, cut with "…", or running off the figure."""
    shown_dpi = fig.dpi
    try:
        for dpi in (shown_dpi, EXPORT_DPI):
            fig.set_dpi(dpi)
            _check_text_at(fig)
    finally:
        fig.set_dpi(shown_dpi)


def lay_out(fig):
    """Lay the figure out at its dpi as the Agg renderer measures text, without rasterising
    anything (a tenth of a full draw), and return that renderer: what the extents of its
    artists are measured with."""
    renderer = fig._get_renderer()
    with renderer._draw_disabled():
        fig.draw(renderer)
    return renderer


def _check_text_at(fig) -> None:
    renderer = lay_out(fig)
    box = fig.bbox
    for text in fig.findobj(mpl.text.Text):
        content = text.get_text()
        if not text.get_visible() or not content.strip() or id(text) in _undrawn_ticks(fig):
            continue
        where = f"figure text {content!r}"
        if text.get_fontsize() < MIN_TEXT_PT:
            raise ValueError(f"{where}: expected at least {MIN_TEXT_PT} pt; "
                             f"found {text.get_fontsize():g} pt")
        if "…" in content:
            raise ValueError(f"{where}: a label is wrapped, never cut; found '…'")
        extent = text.get_window_extent(renderer)
        if (extent.x0 < box.x0 - 1 or extent.x1 > box.x1 + 1 or extent.y0 < box.y0 - 1
                or extent.y1 > box.y1 + 1):
            raise ValueError(f"{where}: runs off the figure ({fig.get_size_inches()[0]:g} in "
                             "wide); wrap it or make room")


def _undrawn_ticks(fig) -> set[int]:
    """Tick labels outside their axis's view: matplotlib keeps them but does not draw them."""
    out = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            span = (high - low) * 1e-9
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - span <= tick.get_loc() <= high + span:
                    out.update({id(tick.label1), id(tick.label2)})
    return out


def metadata(fmt: str, fig_decl: citation.Figure, book: citation.Book) -> dict:
    licence = figure_licence(book)
    about = f"Figure {fig_decl.name} of {book.title}, version {book.version}"
    fields = {
        "png": {"Title": fig_decl.title, "Source": fig_decl.source, "Copyright": licence,
                "Description": about},
        "svg": {"Title": fig_decl.title, "Source": fig_decl.source, "Rights": licence,
                "Description": about},
        "pdf": {"Title": fig_decl.title, "Author": book.author_text,
                "Subject": f"Source: {fig_decl.source}",
                "Keywords": f"{about}; licence {licence}"},
    }[fmt]
    return {**_VOLATILE[fmt], **fields}


def render_exports(fig, fig_decl: citation.Figure, book: citation.Book) -> dict[str, bytes]:
    """The figure's bytes in every export format, rendered in memory."""
    out = {}
    with mpl.rc_context({"svg.hashsalt": STYLE["svg.hashsalt"]}):
        for fmt in citation.EXPORT_FORMATS:
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=EXPORT_DPI,
                        metadata=metadata(fmt, fig_decl, book))
            out[fmt] = buffer.getvalue()
    return out


def draw_all(draw: Callable[[float], object], name: str, root: Path = paths.ROOT) -> dict:
    """The declared figure drawn and finished at every width of WIDTHS."""
    fig_decl = citation.figure(name, root)
    book = citation.read_book(root)
    figs = {}
    try:
        for width_name, width in WIDTHS.items():
            use_style()
            fig = draw(width)
            figs[width_name] = fig
            if abs(fig.get_size_inches()[0] - width) > 1e-6:
                raise ValueError(f"figure {name}: drawn for {width} in, found "
                                 f"{fig.get_size_inches()[0]:g} in wide")
            finish(fig, source_line(fig_decl, book))
    except BaseException:
        for fig in figs.values():
            plt.close(fig)
        raise
    return figs


def export(draw: Callable[[float], object], name: str, root: Path = paths.ROOT) -> list[Path]:
    """Draw the declared figure at every width and write its six exports; all or nothing."""
    figs = draw_all(draw, name, root)
    try:
        return _write(figs, name, root)[0]
    finally:
        for fig in figs.values():
            plt.close(fig)


RECORD_SUFFIX = ".exports.json"
JOBS_DIR = ".figure-jobs"  # in the runner's staging folder: figures the runner exports


_CONSTANTS = (str, bytes, int, float, bool, tuple, frozenset, type(None))


class _StablePickler(pickle.Pickler):
    """Pickles a figure to the same bytes in every process (for its key only, never read
    back): matplotlib keys a transform's parents by id(), so they are written as a list."""

    def reducer_override(self, obj):
        if isinstance(obj, FunctionType) and obj is not _function:  # a formatter: what it does
            closure = tuple(cell.cell_contents for cell in obj.__closure__ or ())
            constants = {name: obj.__globals__[name] for name in obj.__code__.co_names
                         if name in obj.__globals__
                         and isinstance(obj.__globals__[name], _CONSTANTS)}
            return _function, (obj.__module__, obj.__qualname__, _code_key(obj.__code__),
                               closure, constants)
        if not isinstance(obj, TransformNode):
            return NotImplemented
        reduced = obj.__reduce_ex__(4)
        state = {**reduced[2], "_parents": list(reduced[2].get("_parents", {}).values())}
        return (*reduced[:2], state, *reduced[3:])


def _code_key(code: CodeType) -> tuple:
    """What a function's code does, without where it was compiled (file, line numbers)."""
    return (code.co_code, code.co_names, tuple(_code_key(c) if isinstance(c, CodeType) else c
                                                for c in code.co_consts))


def _function(*parts):
    """Stands for a function in a figure's key (a key is never unpickled)."""


@cache
def _exporter_digest() -> str:
    """What the exports depend on besides the figure: this code and matplotlib's version."""
    return hashlib.sha256(Path(__file__).read_bytes() + mpl.__version__.encode()).hexdigest()


def export_key(figs: dict, about: str = "") -> str:
    """What an export is made of: the drawings, the export code, and `about` (the figure's
    declaration and the book's record, which the files carry as metadata)."""
    digest = hashlib.sha256((_exporter_digest() + about).encode())
    for width_name in WIDTHS:
        buffer = io.BytesIO()
        _StablePickler(buffer, protocol=4).dump(figs[width_name])
        digest.update(width_name.encode() + buffer.getvalue())
    return digest.hexdigest()


def _record_path(folder: Path, name: str) -> Path:
    return folder / citation.FIGURES_DIR / f"{name}{RECORD_SUFFIX}"


def _current(root: Path, name: str, key: str) -> dict[Path, bytes] | None:
    """The stored exports of figure `name` and their record, if they are those of `key`."""
    record_path = _record_path(root, name)
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        if record.get("key") != key:
            return None
        files = {record_path: record_path.read_bytes()}
        for rel, digest in record["files"].items():
            data = (root / rel).read_bytes()
            if hashlib.sha256(data).hexdigest() != digest:
                return None
            files[root / rel] = data
        return files
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _rendered(figs: dict, name: str, key: str, root: Path, target: Path,
              screen: str | None = None, drawn_from: str | None = None) -> dict[Path, bytes]:
    """Every export of the figure and its record, rendered in memory, keyed by where they go
    (`screen`: the SHA-256 of the image its chapter shows, see `screen_png`; `drawn_from`: the
    digest of the notebook's inputs it was drawn under, see `drawn_from`)."""
    fig_decl = citation.figure(name, root)
    book = citation.read_book(root)
    files, digests = {}, {}
    for width_name, fig in figs.items():
        data = render_exports(fig, fig_decl, book)
        for fmt in citation.EXPORT_FORMATS:
            rel = fig_decl.export_path(fmt, width_name)
            files[target / rel] = data[fmt]
            digests[rel.as_posix()] = hashlib.sha256(data[fmt]).hexdigest()
    record = {"about": "Export key of this figure (analysis.publish.figures) and the SHA-256 of "
                       "each file exported with it; do not edit by hand.",
              "key": key, "files": dict(sorted(digests.items()))}
    if screen is not None:
        record["screen"] = screen
    if drawn_from is not None:
        record["inputs"] = drawn_from
    files[_record_path(target, name)] = _record_bytes(record)
    return files


def _record_bytes(record: dict) -> bytes:
    return (json.dumps(record, indent=1) + "\n").encode()


SCREEN_MIME = "application/papermill.record/image/png"  # how myst-nb's glue stores a PNG


def screen_png(fig) -> bytes:
    """The full-width figure as its chapter shows it: the PNG that IPython's inline backend
    would make of it (150 dpi, cropped to its drawing)."""
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", bbox_inches="tight", base64=False)


def _stored_screen(root: Path, name: str, digest: str | None) -> tuple[bytes, str] | None:
    """The image the stored chapter shows under `name`, and its text form, if it is the one of
    `digest` (the record's): a figure that did not change is then not rendered again for the
    screen."""
    if not digest:
        return None
    notebook = Path(root) / f"{citation.figure(name, root).chapter}.ipynb"
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            for output in cell.get("outputs", ()):
                if output.get("metadata", {}).get("scrapbook", {}).get("name") == name:
                    png = base64.b64decode(output["data"][SCREEN_MIME])
                    text = output["data"].get(SCREEN_MIME.replace("image/png", "text/plain"))
                    if hashlib.sha256(png).hexdigest() != digest or not isinstance(text, str):
                        return None
                    return png, text
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return None


def drawn_from(name: str) -> str | None:
    """The digest a figure's record keeps as `inputs`: the running notebook's inputs
    (`inputs.INPUTS_ENV`, set by the runner and by nbval), this module and the figure's name;
    None where no one set them (JupyterLab, nbconvert), and the figure is always drawn."""
    notebook = os.environ.get(inputs.INPUTS_ENV)
    if not notebook:
        return None
    return hashlib.sha256(f"{_exporter_digest()}\n{name}\n{notebook}".encode()).hexdigest()


def _undrawn(name: str, root: Path) -> tuple[dict[Path, bytes], Shown] | None:
    """The stored exports of a figure and what its chapter shows, when the figure need not be
    drawn: its record was made under the running notebook's inputs, its files still match the
    record and the stored chapter shows the recorded image."""
    digest = drawn_from(name)
    if digest is None:
        return None
    try:
        record = json.loads(_record_path(root, name).read_text(encoding="utf-8"))
        if record.get("inputs") != digest:
            return None
        stored = _current(root, name, record["key"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    shown = _stored_screen(root, name, record.get("screen"))
    if stored is None or shown is None:
        return None
    return stored, Shown(*shown)


def _hand_over(stored: dict[Path, bytes], root: Path, target: Path) -> list[Path]:
    """Under the runner, the stored exports copied to its staging folder: it records what the
    notebook writes, and moves only what changed into place."""
    from analysis.io.atomic import write_all_atomic

    if target != root:
        write_all_atomic({target / p.relative_to(root): data for p, data in stored.items()})
    return sorted(target / p.relative_to(root) for p in stored)


class Shown:
    """What `publish` glues for a figure: its screen PNG, with the figure's own text form
    (a glued figure gives the same output as the figure would)."""

    def __init__(self, png: bytes, text: str):
        self.png, self.text = png, text

    def _repr_png_(self) -> str:
        return base64.b64encode(self.png).decode("ascii")

    def __repr__(self) -> str:
        return self.text


def _write(figs: dict, name: str, root: Path, screen: bool = False
           ) -> tuple[list[Path], bytes | None]:
    """Export the figures unless their exports are current; return the files and, with
    `screen`, the full-width figure's screen PNG (the stored one when the figure is
    unchanged and its record names it)."""
    from analysis.io.atomic import write_all_atomic

    root = Path(root)
    # under the notebook runner: its staging folder, moved into place when the whole
    # notebook ran
    target = inputs.export_root(root)
    key = export_key(figs, repr((citation.figure(name, root), citation.read_book(root))))
    stored = _current(root, name, key)
    drawn = drawn_from(name)
    if stored is not None:  # unchanged: the stored files are the exports (no rendering), and
        # their text passed the check this module makes (its code is part of the key)
        png = None
        record_path = _record_path(root, name)
        record = json.loads(stored[record_path])
        if screen:
            shown = _stored_screen(root, name, record.get("screen"))
            png = shown[0] if shown else None
            if png is None:  # not shown before, or shown otherwise: drawn, and recorded
                png = screen_png(figs["full"])
                record["screen"] = hashlib.sha256(png).hexdigest()
        if drawn is not None:  # the same drawing from these inputs too
            record["inputs"] = drawn
        if _record_bytes(record) != stored[record_path]:
            stored = {**stored, record_path: _record_bytes(record)}
            if target == root:
                write_all_atomic({record_path: stored[record_path]})
        return _hand_over(stored, root, target), png
    for fig in figs.values():
        check_text(fig)
    try:  # pickled before it is drawn for the screen, as its key was
        pickled = pickle.dumps(figs) if target != root else None
    except (pickle.PicklingError, AttributeError, TypeError):
        pickled = None  # a figure holding a local function (a lambda): exported here
    png = screen_png(figs["full"]) if screen else None
    digest = hashlib.sha256(png).hexdigest() if png is not None else None
    if pickled is not None:  # the runner exports it outside the kernel, with the other figures
        job = target / JOBS_DIR / f"{name}.pickle"
        job.parent.mkdir(parents=True, exist_ok=True)
        job.write_bytes(pickle.dumps({"name": name, "key": key, "figs": pickled,
                                      "screen": digest, "inputs": drawn}))
        return [job], png
    files = _rendered(figs, name, key, root, target, digest, drawn)
    write_all_atomic(files)
    return sorted(files), png


def export_worker() -> None:
    """Start of a process that runs export_job: it draws nothing on screen."""
    mpl.use("Agg")


def export_job(job: Path, root: Path, target: Path) -> list[str]:
    """Export one figure the kernel left in `job` (a pickle) into `target`; the runner calls it
    in worker processes. Returns the files written, relative to `target`."""
    from analysis.io.atomic import write_all_atomic

    use_style()
    request = pickle.loads(Path(job).read_bytes())
    request["figs"] = pickle.loads(request["figs"])
    try:
        files = _rendered(request["figs"], request["name"], request["key"], Path(root),
                          Path(target), request.get("screen"), request.get("inputs"))
        write_all_atomic(files)
    finally:
        for fig in request["figs"].values():
            plt.close(fig)
    Path(job).unlink()
    return sorted(str(p.relative_to(target)) for p in files)


def figure_data(frame: pd.DataFrame, name: str) -> bytes:
    """The CSV bytes of a figure's data: one row per thing drawn, its values, and in column
    `source_rows` the ids of the rows it comes from (`table:key`, several joined by "; "); a
    fact from outside the primary source also carries its page (`address`). LF, UTF-8, no
    index, numbers in one fixed format, so that equal data gives equal bytes."""
    where = f"figure {name}, its data"
    if SOURCE_ROWS not in frame.columns:
        raise ValueError(f"{where}: expected a column {SOURCE_ROWS!r} naming the rows drawn; "
                         f"found columns {list(frame.columns)}")
    for number, ids in enumerate(frame[SOURCE_ROWS], 1):
        if not isinstance(ids, str) or not ROW_IDS.fullmatch(ids):
            raise ValueError(f"{where}, row {number}, column {SOURCE_ROWS!r}: expected row ids "
                             f"like 'signed_documents:3; signed_documents:4'; found {ids!r}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([_data_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def _data_cell(value) -> str:
    import pandas as pd

    if hasattr(value, "item"):  # a NumPy scalar: as the Python value it stands for
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = f"{value:.10g}"
        return "0" if text == "-0" else text
    return str(value)


def publish(draw: Callable[[float], object], name: str, root: Path = paths.ROOT,
            data: pd.DataFrame | None = None) -> None:
    """Export the figure at both widths with its data (`data`: see figure_data), glue the
    full-width one and its cite block."""
    from IPython.display import Markdown
    from myst_nb import glue

    from analysis.io.atomic import write_bytes_atomic

    table = figure_data(data, name) if data is not None else None
    fig_decl = citation.figure(name, root)
    undrawn = _undrawn(name, root)
    figs = {}
    try:
        if undrawn is not None:
            stored, shown = undrawn
            _hand_over(stored, root, inputs.export_root(root))
        else:
            figs = draw_all(draw, name, root)
            _, png = _write(figs, name, root, screen=True)
            shown = Shown(png, repr(figs["full"]))
        if table is not None:
            path = inputs.export_root(root) / fig_decl.data_path
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, table)
        block = citation.figure_cite_markdown(fig_decl, citation.read_book(root),
                                              with_data=table is not None)
        glue(name, shown, display=False)
        glue(f"{name}-cite", Markdown(block), display=False)
    finally:
        for fig in figs.values():
            plt.close(fig)


LINE_IN = SMALL_PT * 1.25 / 72  # one line of tick-label text, in inches


def label_rows(labels: list[str], gap: float = 0.7) -> tuple[list[float], float]:
    """Where each (wrapped) category label of a bar chart sits, in lines of text from the
    top, so that a label of several lines gets the room it needs; and the axis length in
    lines. Use with `ax.set_ylim(length, 0)` and a figure LINE_IN * length inches taller."""
    centres, top = [], 0.0
    for label in labels:
        rows = max(label.count("\n") + 1, 1) + gap
        centres.append(top + rows / 2)
        top += rows
    return centres, top


def label_width(width: float, share: float) -> float:
    """Inches available to a label that may take `share` of a figure `width` inches wide."""
    return max(width * share, 0.8)

