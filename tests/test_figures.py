"""Figure exports: three formats, 300 dpi, byte-identical from run to run, declared first."""

import re
import struct

import matplotlib.pyplot as plt
import pytest

from analysis.errors import InputError
from analysis.publish import citation, figures
from conftest import ROOT, snapshot


def toy_figure(width=4.0):
    figures.use_style()
    fig, ax = plt.subplots(figsize=(width, 2.5))
    ax.barh([0, 1, 2], [3, 1, 2], color=[figures.KAZAKHSTAN, figures.TURKMENISTAN,
                                         figures.REFERENCE])
    ax.set_title("A toy figure")
    return fig


@pytest.fixture
def toy_root(tmp_path):
    (tmp_path / "data" / "codebooks").mkdir(parents=True)
    (tmp_path / citation.FIGURES_CATALOGUE).write_text(
        "name,chapter,title,source,alt\nfig-toy,book/toy,A toy figure,made up for the test,"
        "\"Three horizontal bars of lengths 3, 1 and 2\"\n",
        encoding="utf-8")
    (tmp_path / citation.CITATION_FILE).write_bytes((ROOT / citation.CITATION_FILE).read_bytes())
    return tmp_path


def test_exports_three_formats_into_the_one_folder(toy_root):
    written = figures.export(toy_figure, "fig-toy", toy_root)
    folder = toy_root / "data" / "derived" / "figures"
    assert written == sorted([folder / f"fig-toy{w}.{fmt}" for w in ("", "-column")
                              for fmt in ("pdf", "png", "svg")] + [folder / "fig-toy.exports.json"])
    assert sorted(p.name for p in toy_root.rglob("*") if p.is_file()) == sorted(
        [p.name for p in written] + ["figures.csv", citation.CITATION_FILE])


def test_two_exports_are_byte_identical(toy_root, tmp_path_factory):
    other = tmp_path_factory.mktemp("again")
    (other / "data" / "codebooks").mkdir(parents=True)
    (other / citation.FIGURES_CATALOGUE).write_bytes(
        (toy_root / citation.FIGURES_CATALOGUE).read_bytes())
    (other / citation.CITATION_FILE).write_bytes((ROOT / citation.CITATION_FILE).read_bytes())
    for root in (toy_root, other):
        figures.export(toy_figure, "fig-toy", root)
    first = snapshot(toy_root / "data" / "derived")
    assert first == snapshot(other / "data" / "derived")
    assert len(first) == 7  # six exports and their record


def test_an_unchanged_figure_is_not_exported_again_and_a_changed_one_is(toy_root, monkeypatch):
    figures.export(toy_figure, "fig-toy", toy_root)
    folder = toy_root / "data" / "derived" / "figures"
    before = snapshot(folder)
    rendered = []
    real = figures.render_exports
    monkeypatch.setattr(figures, "render_exports",
                        lambda fig, *a: rendered.append(fig) or real(fig, *a))
    figures.export(toy_figure, "fig-toy", toy_root)
    assert rendered == [] and snapshot(folder) == before

    def other(width=4.0):
        fig = toy_figure(width)
        fig.axes[0].patches[1].set_width(2)  # one bar drawn longer
        return fig
    figures.export(other, "fig-toy", toy_root)
    assert len(rendered) == 2  # both widths
    after = snapshot(folder)
    assert all(after[name] != before[name] for name in before)
    figures.export(toy_figure, "fig-toy", toy_root)  # back: the same bytes as the first time
    assert snapshot(folder) == before


def test_the_runner_exports_what_the_kernel_would_have(toy_root, tmp_path_factory,
                                                       monkeypatch):
    """Under the runner (a staging folder) a changed figure is left pickled for the runner,
    whose worker exports the bytes that an export in the kernel writes."""
    from analysis.io import inputs
    figures.export(toy_figure, "fig-toy", toy_root)
    direct = snapshot(toy_root / "data" / "derived" / "figures")
    for path in (toy_root / "data" / "derived" / "figures").iterdir():
        path.unlink()
    staging = tmp_path_factory.mktemp("staging")
    monkeypatch.setenv(inputs.STAGING_ENV, str(staging))
    [job] = figures.export(toy_figure, "fig-toy", toy_root)
    assert job == staging / figures.JOBS_DIR / "fig-toy.pickle"
    assert figures.export_job(job, toy_root, staging) == sorted(
        f"data/derived/figures/{name}" for name in direct)
    assert snapshot(staging / "data" / "derived" / "figures") == direct and not job.exists()


def _publish(root, draw, monkeypatch) -> bytes:
    """Publish a figure as a chapter does; the PNG it glues."""
    import myst_nb

    glued = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display=True:
                        glued.setdefault(name, value))
    figures.publish(draw, "fig-toy", root)
    return glued["fig-toy"].png


def _store_chapter(root, png: bytes, text: str = "<Figure size 600x375 with 1 Axes>") -> None:
    """A stored chapter showing `png` under fig-toy, as myst-nb's glue stores it."""
    import base64
    import json

    output = {"output_type": "display_data", "metadata": {"scrapbook": {"name": "fig-toy"}},
              "data": {figures.SCREEN_MIME: base64.b64encode(png).decode("ascii"),
                       figures.SCREEN_MIME.replace("image/png", "text/plain"): text}}
    (root / "book").mkdir(exist_ok=True)
    (root / "book" / "toy.ipynb").write_text(json.dumps(
        {"cells": [{"cell_type": "code", "outputs": [output]}]}), encoding="utf-8")


def test_an_unchanged_figure_shows_its_stored_image_and_a_changed_one_is_drawn(
        toy_root, monkeypatch):
    import hashlib
    import json

    record = toy_root / "data" / "derived" / "figures" / "fig-toy.exports.json"
    first = _publish(toy_root, toy_figure, monkeypatch)
    assert json.loads(record.read_text())["screen"] == hashlib.sha256(first).hexdigest()
    _store_chapter(toy_root, first)
    real, drawn = figures.screen_png, []
    monkeypatch.setattr(figures, "screen_png", lambda fig: drawn.append(fig) or real(fig))
    assert _publish(toy_root, toy_figure, monkeypatch) == first and drawn == []
    _store_chapter(toy_root, b"an image edited by hand")  # not the recorded one: drawn again
    assert _publish(toy_root, toy_figure, monkeypatch) == first and len(drawn) == 1

    def other(width=4.0):
        fig = toy_figure(width)
        fig.axes[0].patches[1].set_width(2)
        return fig
    _store_chapter(toy_root, first)
    changed = _publish(toy_root, other, monkeypatch)
    assert changed != first and len(drawn) == 2
    assert json.loads(record.read_text())["screen"] == hashlib.sha256(changed).hexdigest()


def test_a_figure_is_not_drawn_again_under_the_inputs_it_was_drawn_under(toy_root, monkeypatch):
    """Under the runner or nbval (an inputs digest in the environment) a figure whose record
    was made under that digest, whose files match the record and whose chapter shows the
    recorded image is not drawn: the stored image and files are what drawing it would give.
    Other inputs, an edited export, an edited image or no digest at all: drawn again."""
    import json

    from analysis.io import inputs

    drawn = []

    def counted(width=4.0):
        drawn.append(width)
        return toy_figure(width)
    folder = toy_root / "data" / "derived" / "figures"
    record = folder / "fig-toy.exports.json"
    monkeypatch.setenv(inputs.INPUTS_ENV, "inputs of a first run")
    first = _publish(toy_root, counted, monkeypatch)
    assert len(drawn) == 2 and json.loads(record.read_text())["inputs"] == figures.drawn_from(
        "fig-toy")
    _store_chapter(toy_root, first)
    before = snapshot(folder)
    assert _publish(toy_root, counted, monkeypatch) == first and len(drawn) == 2
    assert snapshot(folder) == before

    monkeypatch.setenv(inputs.INPUTS_ENV, "other inputs")  # drawn, the same: only recorded
    assert _publish(toy_root, counted, monkeypatch) == first and len(drawn) == 4
    assert json.loads(record.read_text())["inputs"] == figures.drawn_from("fig-toy")
    assert _publish(toy_root, counted, monkeypatch) == first and len(drawn) == 4

    (folder / "fig-toy-column.svg").write_text("<svg/>", encoding="utf-8")
    assert _publish(toy_root, counted, monkeypatch) == first and len(drawn) == 6
    assert snapshot(folder) == {**before, "fig-toy.exports.json": record.read_bytes()}
    _store_chapter(toy_root, b"an image edited by hand")
    assert _publish(toy_root, counted, monkeypatch) == first and len(drawn) == 8
    _store_chapter(toy_root, first)
    monkeypatch.delenv(inputs.INPUTS_ENV)
    assert _publish(toy_root, counted, monkeypatch) == first and len(drawn) == 10


def test_each_chapter_shows_the_image_its_figure_record_names(monkeypatch):
    """After a run, every figure's record names the image its chapter shows and the inputs
    its chapter has now, so the next run of an unchanged chapter draws no figure."""
    import json

    import run_notebooks

    from analysis.io import inputs

    for name in citation.read_figures(ROOT):
        record = json.loads((ROOT / citation.FIGURES_DIR / f"{name}{figures.RECORD_SUFFIX}")
                            .read_text(encoding="utf-8"))
        shown = figures._stored_screen(ROOT, name, record.get("screen"))
        assert shown is not None, f"{name}: its chapter does not show the image its record names"
        assert shown[0].startswith(b"\x89PNG") and shown[1].startswith("<Figure"), name
        rel = f"{citation.figure(name, ROOT).chapter}.ipynb"
        monkeypatch.setenv(inputs.INPUTS_ENV, run_notebooks.stored_inputs_key(ROOT, rel))
        assert record.get("inputs") == figures.drawn_from(name), (
            f"{name}: its record was not made under its chapter's inputs (make notebooks)")


def test_a_hand_edited_export_is_exported_again(toy_root):
    figures.export(toy_figure, "fig-toy", toy_root)
    folder = toy_root / "data" / "derived" / "figures"
    before = snapshot(folder)
    (folder / "fig-toy-column.svg").write_text("edited", encoding="utf-8")
    figures.export(toy_figure, "fig-toy", toy_root)
    assert snapshot(folder) == before


def test_a_changed_title_exports_the_figure_again(toy_root):
    """The title, source and licence are in the files' metadata: a changed declaration is a
    changed export even when the drawing is the same."""
    figures.export(toy_figure, "fig-toy", toy_root)
    catalogue = toy_root / citation.FIGURES_CATALOGUE
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "A toy figure", "A retitled toy figure"), encoding="utf-8")
    figures.export(toy_figure, "fig-toy", toy_root)
    svg = (toy_root / "data" / "derived" / "figures" / "fig-toy.svg").read_text(encoding="utf-8")
    assert "<title>A retitled toy figure</title>" in svg


def test_the_export_key_is_the_drawing_not_where_it_was_made():
    """Two processes drawing the same figure get one key (matplotlib's id()-keyed parents and
    a lambda tick formatter do not enter it); a changed label or formatter changes it."""
    import subprocess
    import sys
    script = ("import matplotlib; matplotlib.use('Agg')\n"
              "import matplotlib.pyplot as plt\nfrom analysis.publish import figures\n"
              "def draw(w, label='a'):\n    fig, ax = plt.subplots(figsize=(w, 2))\n"
              "    ax.barh([label, 'b'], [1, 2]); ax.legend(['x'])\n"
              "    ax.xaxis.set_major_formatter(lambda v, _: f'{v:g} ' + SUFFIX)\n"
              "    return fig\n"
              "figs = {n: figures.draw_all(lambda w: draw(w, LABEL), 'fig-agreements-levels')[n]"
              " for n in ['full']}\n"
              "print(figures.export_key({n: figs['full'] for n in figures.WIDTHS}))\n")

    def key(label, suffix):
        code = f"LABEL = {label!r}\nSUFFIX = {suffix!r}\n" + script
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, cwd=ROOT).stdout.strip()
    first = key("a", "km")
    assert len(first) == 64 and key("a", "km") == first
    assert key("c", "km") != first and key("a", "mi") != first


def test_exports_carry_no_date_or_software_version(toy_root):
    figures.export(toy_figure, "fig-toy", toy_root)
    folder = toy_root / "data" / "derived" / "figures"
    svg = (folder / "fig-toy.svg").read_text(encoding="utf-8")
    pdf = (folder / "fig-toy.pdf").read_bytes()
    png = (folder / "fig-toy.png").read_bytes()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert "<title>A toy figure</title>" in svg
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf and b"/Creator" not in pdf
    assert b"/Title (A toy figure)" in pdf
    assert b"Software" not in png and b"Title\x00A toy figure" in png
    version = citation.read_book(ROOT).version
    for data in (svg.encode(), pdf, png):  # a file that travels alone says where it is from
        assert b"made up for the test" in data and b"CC-BY-4.0" in data
        assert f"version {version}".encode() in data


def test_png_is_300_dpi_at_each_width(toy_root):
    figures.export(toy_figure, "fig-toy", toy_root)
    for suffix, inches in (("", 7.0), ("-column", 3.5)):
        png = (toy_root / f"data/derived/figures/fig-toy{suffix}.png").read_bytes()
        width, _ = struct.unpack(">II", png[16:24])
        assert width == inches * 300
    phys = png.index(b"pHYs")
    assert struct.unpack(">IIB", png[phys + 4:phys + 13]) == (11811, 11811, 1)  # 300 dpi


def test_an_undeclared_figure_is_refused_and_nothing_is_written(toy_root):
    with pytest.raises(InputError, match=r"figures.csv, column 'name': expected a row declaring "
                                         r"figure 'fig-other' .*; found only \['fig-toy'\]"):
        figures.export(toy_figure, "fig-other", toy_root)
    assert not (toy_root / "data" / "derived").exists()


def test_committed_exports_are_what_the_chapter_draws():
    """The committed PNGs are 7 in and 3.5 in wide at 300 dpi and carry the declared title."""
    for suffix, inches in (("", 7.0), ("-column", 3.5)):
        png = (ROOT / f"data/derived/figures/fig-source-sections{suffix}.png").read_bytes()
        assert struct.unpack(">II", png[16:24])[0] == inches * 300
    svg = (ROOT / "data/derived/figures/fig-source-sections.svg").read_text(encoding="utf-8")
    assert re.search(r"<title>Length of each section", svg)


def test_small_text_is_refused(toy_root):
    def tiny(width):
        fig = toy_figure(width)
        fig.axes[0].text(0, 0, "too small", fontsize=6)
        return fig

    with pytest.raises(ValueError, match=r"'too small': expected at least 7.0 pt; found 6 pt"):
        figures.export(tiny, "fig-toy", toy_root)
    assert not (toy_root / "data" / "derived").exists()


def test_cut_or_overflowing_labels_are_refused(toy_root):
    def cut(width):
        fig = toy_figure(width)
        fig.axes[0].set_yticks([0, 1, 2], ["a", "b", "a label cut…"])
        return fig

    def overflowing(width):
        fig = toy_figure(width)
        fig.axes[0].text(2.5, 1, "a long annotation " * 6)
        return fig

    with pytest.raises(ValueError, match="wrapped, never cut"):
        figures.export(cut, "fig-toy", toy_root)
    with pytest.raises(ValueError, match="runs off the figure"):
        figures.export(overflowing, "fig-toy", toy_root)


def test_wrap_keeps_words_whole_and_fits():
    text = "Agreement on the junction point of the Kazakhstan-Turkmenistan-Uzbekistan borders"
    lines = figures.wrap(text, 1.2).split("\n")
    assert " ".join(lines) == text and len(lines) > 1
    assert all(figures.text_width_in(line) <= 1.2 or " " not in line for line in lines)


def test_palette_has_one_meaning_per_colour():
    colours = figures.palette(ROOT)
    assert len(set(colours.values())) == len(colours)
    assert {"kazakhstan", "turkmenistan", "primary_source", "reference_page",
            "presidency_account", "joint_statement"} <= set(colours)


def test_a_palette_colour_given_twice_is_refused(tmp_path):
    (tmp_path / "data" / "codebooks").mkdir(parents=True)
    (tmp_path / "data" / "codebooks" / "palette.csv").write_text(
        "meaning,colour,name,used_for\na,#000000,black,x\nb,#000000,black,y\n",
        encoding="utf-8")
    with pytest.raises(InputError, match=r"palette.csv, line 3, column 'colour': expected a "
                                         r"colour used for one meaning only; found #000000"):
        figures.palette(tmp_path)


# --- every figure of the book, as a journal prints it -----------------------------------------

def pdf_text(path):
    """(size in pt, character, bbox) of every character drawn in a PDF, and the page box."""
    import math

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Device(PDFPageAggregator):
        def __init__(self, manager):
            super().__init__(manager, laparams=None)
            self.sizes = []

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            # the glyph's height in user space: the font size times the text matrix's scale
            self.sizes.append(fontsize * math.hypot(matrix[2], matrix[3]))
            return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs,
                                       graphicstate)

    manager = PDFResourceManager()
    device = Device(manager)
    with open(path, "rb") as fh:
        pages = list(PDFPage.get_pages(fh))
        assert len(pages) == 1
        PDFPageInterpreter(manager, device).process_page(pages[0])
    layout = device.get_result()

    def chars(item):
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from chars(child)

    found = list(chars(layout))
    assert len(found) == len(device.sizes)
    return [(s, c.get_text(), c.bbox) for s, c in zip(device.sizes, found, strict=True)], \
        layout.bbox


@pytest.mark.parametrize("name", sorted(citation.read_figures(ROOT)))
def test_every_figure_at_column_width_has_no_text_under_7pt_and_nothing_cut(name):
    fig = citation.figure(name, ROOT)
    text, page = pdf_text(ROOT / fig.export_path("pdf", "column"))
    assert page[2] - page[0] == pytest.approx(3.5 * 72)
    smallest = min(size for size, _, _ in text)
    assert smallest >= figures.MIN_TEXT_PT - 0.01, f"{name}: {smallest:.2f} pt"
    assert "…" not in "".join(ch for _, ch, _ in text)
    for _, ch, (x0, y0, x1, y1) in text:
        assert page[0] - 0.5 <= x0 and x1 <= page[2] + 0.5, f"{name}: {ch!r} off the page"
        assert page[1] - 0.5 <= y0 and y1 <= page[3] + 0.5, f"{name}: {ch!r} off the page"
    assert "Source:" in "".join(ch for _, ch, _ in text)


def test_full_width_exports_are_7_inches():
    for name in citation.read_figures(ROOT):
        _, page = pdf_text(ROOT / citation.figure(name, ROOT).export_path("pdf"))
        assert page[2] - page[0] == pytest.approx(7 * 72), name


def test_a_figure_data_file_holds_values_and_row_ids_in_fixed_bytes():
    import pandas as pd
    frame = pd.DataFrame({"instrument": ["treaty", "memorandum"], "documents": [1, 12],
                          "share": [1 / 13, 12 / 13],
                          "source_rows": ["signed_documents:1", "signed_documents:2; "
                                          "signed_documents:3"],
                          "address": [pd.NA, "https://example.org/page"]})
    data = figures.figure_data(frame, "fig-toy")
    assert data == figures.figure_data(frame.copy(), "fig-toy")
    assert data.decode("utf-8").splitlines() == [
        "instrument,documents,share,source_rows,address",
        "treaty,1,0.07692307692,signed_documents:1,",
        "memorandum,12,0.9230769231,signed_documents:2; signed_documents:3,"
        "https://example.org/page"]


@pytest.mark.parametrize(("rows", "message"), [
    (None, r"figure fig-toy, its data: expected a column 'source_rows' naming the rows drawn; "
           r"found columns \['documents'\]"),
    ("three rows", r"figure fig-toy, its data, row 1, column 'source_rows': expected row ids "
                   r"like 'signed_documents:3; signed_documents:4'; found 'three rows'"),
])
def test_figure_data_without_its_rows_is_refused_in_one_line(rows, message):
    import pandas as pd
    frame = pd.DataFrame({"documents": [3]})
    if rows is not None:
        frame["source_rows"] = [rows]
    with pytest.raises(ValueError, match=f"^{message}$"):
        figures.figure_data(frame, "fig-toy")


def test_the_cite_block_links_the_figure_data_when_there_is_some():
    fig = citation.figure("fig-agreements-levels", ROOT)
    book = citation.read_book(ROOT)
    link = ("{download}`data for this figure (CSV) "
            "</data/derived/figures/fig-agreements-levels.csv>`")
    assert link in citation.figure_cite_markdown(fig, book, with_data=True)
    assert "data for this figure" not in citation.figure_cite_markdown(fig, book)
