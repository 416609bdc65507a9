"""Every declared figure, drawn at page and at column width as the book draws it, reads on its
own: no two pieces of text touch, no text leaves the canvas, and its legend entries stay
distinct printed in grey (told apart by more than colour)."""

import matplotlib.pyplot as plt
import pytest
from figure_drawings import drawings, finished

from analysis.publish import citation, figures, legibility
from conftest import ROOT

DECLARED = sorted(citation.read_figures(ROOT))


@pytest.fixture(scope="module", params=DECLARED)
def drawn(request):
    figs = finished(request.param)
    yield request.param, figs
    for fig in figs.values():
        plt.close(fig)


def test_every_declared_figure_is_drawn_by_a_chapter():
    assert sorted(drawings()) == DECLARED


def test_no_text_touches_other_text_or_leaves_the_canvas(drawn):
    name, figs = drawn
    problems = []
    for width, fig in figs.items():
        problems += [f"{name} at {width} width: {a!r} touches {b!r}"
                     for a, b in legibility.collisions(fig)]
        problems += [f"{name} at {width} width: {s!r} runs off the canvas"
                     for s in legibility.off_canvas(fig)]
    assert not problems, "\n".join(problems)


def test_legend_entries_stay_distinct_in_grey(drawn):
    name, figs = drawn
    problems = [f"{name} at {width} width: legend entries {a!r} and {b!r} look alike in grey"
                for width, fig in figs.items() for a, b in legibility.alike_in_grey(fig)]
    problems += [f"{name} at {width} width: the key of {label!r} is too short to show its "
                 "dashes; lengthen the legend's handles" for width, fig in figs.items()
                 for label in legibility.short_dash_keys(fig)]
    assert not problems, "\n".join(problems)


def test_every_declared_figure_passes_the_export_text_check(drawn):
    """The check an export makes (size, no "…", on the figure), made here on every figure as
    drawn now, whether or not its stored exports are current."""
    name, figs = drawn
    for width, fig in figs.items():
        try:
            figures.check_text(fig)
        except ValueError as exc:
            pytest.fail(f"{name} at {width} width: {exc}")
