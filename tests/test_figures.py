"""Figure exports: three formats, 300 dpi, byte-identical from run to run, declared first."""

import re
import struct

import matplotlib.pyplot as plt
import pytest

from analysis.errors import InputError
from analysis.publish import citation, figures
from conftest import ROOT, snapshot


def toy_figure():
    figures.use_style()
    fig, ax = plt.subplots(figsize=(4, 2.5))
    ax.barh([0, 1, 2], [3, 1, 2], color=[figures.KAZAKHSTAN, figures.TURKMENISTAN,
                                         figures.REFERENCE])
    ax.set_title("A toy figure")
    return fig


@pytest.fixture
def toy_root(tmp_path):
    (tmp_path / "data" / "codebooks").mkdir(parents=True)
    (tmp_path / citation.FIGURES_CATALOGUE).write_text(
        "name,chapter,title,source,alt\nfig-toy,book/toy,A toy figure,made up for the test,"
        "Three horizontal bars of lengths 3, 1 and 2\n",
        encoding="utf-8")
    return tmp_path


def test_exports_three_formats_into_the_one_folder(toy_root):
    fig = toy_figure()
    written = figures.export(fig, "fig-toy", toy_root)
    plt.close(fig)
    folder = toy_root / "data" / "derived" / "figures"
    assert written == [folder / "fig-toy.pdf", folder / "fig-toy.png", folder / "fig-toy.svg"]
    assert sorted(p.name for p in toy_root.rglob("*") if p.is_file()) == [
        "fig-toy.pdf", "fig-toy.png", "fig-toy.svg", "figures.csv"]


def test_two_exports_are_byte_identical(toy_root, tmp_path_factory):
    other = tmp_path_factory.mktemp("again")
    (other / "data" / "codebooks").mkdir(parents=True)
    (other / citation.FIGURES_CATALOGUE).write_bytes(
        (toy_root / citation.FIGURES_CATALOGUE).read_bytes())
    for root in (toy_root, other):
        fig = toy_figure()
        figures.export(fig, "fig-toy", root)
        plt.close(fig)
    first = snapshot(toy_root / "data" / "derived")
    assert first == snapshot(other / "data" / "derived")
    assert len(first) == 3


def test_exports_carry_no_date_or_software_version(toy_root):
    fig = toy_figure()
    figures.export(fig, "fig-toy", toy_root)
    plt.close(fig)
    folder = toy_root / "data" / "derived" / "figures"
    svg = (folder / "fig-toy.svg").read_text(encoding="utf-8")
    pdf = (folder / "fig-toy.pdf").read_bytes()
    png = (folder / "fig-toy.png").read_bytes()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert "<title>A toy figure</title>" in svg
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf and b"/Creator" not in pdf
    assert b"/Title (A toy figure)" in pdf
    assert b"Software" not in png and b"Title\x00A toy figure" in png


def test_png_is_300_dpi(toy_root):
    fig = toy_figure()
    figures.export(fig, "fig-toy", toy_root)
    plt.close(fig)
    png = (toy_root / "data/derived/figures/fig-toy.png").read_bytes()
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1200, 750)
    phys = png.index(b"pHYs")
    assert struct.unpack(">IIB", png[phys + 4:phys + 13]) == (11811, 11811, 1)  # 300 dpi


def test_an_undeclared_figure_is_refused_and_nothing_is_written(toy_root):
    fig = toy_figure()
    with pytest.raises(InputError, match=r"figures.csv, column 'name': expected a row declaring "
                                         r"figure 'fig-other' .*; found only \['fig-toy'\]"):
        figures.export(fig, "fig-other", toy_root)
    plt.close(fig)
    assert not (toy_root / "data" / "derived").exists()


def test_committed_exports_are_what_the_chapter_draws():
    """The committed PNG has the size the style gives the chapter's figure at 300 dpi."""
    png = (ROOT / "data/derived/figures/fig-source-sections.png").read_bytes()
    assert struct.unpack(">II", png[16:24]) == (2400, 1140)  # figsize (8, 3.8) at 300 dpi
    svg = (ROOT / "data/derived/figures/fig-source-sections.svg").read_text(encoding="utf-8")
    assert re.search(r"<title>Length of each section", svg)
