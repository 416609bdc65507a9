"""The legibility checks (analysis.publish.legibility) find what they are for, on small
figures made to fail: text on text, text off the canvas, legend keys alike in grey; and they
leave alone what a reader does not see (a hidden legend, tick labels outside the view)."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

from analysis.publish import figures, legibility


@pytest.fixture
def fig():
    """A column-width figure in the house style, at its screen dpi, as the book draws one."""
    with mpl.rc_context():
        figures.use_style()
        figure, ax = plt.subplots(figsize=(3.5, 2.5))
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 10)
        yield figure
        plt.close(figure)


def test_two_texts_on_one_place_are_named_as_a_pair(fig):
    ax = fig.axes[0]
    ax.text(5, 5, "Aktau port")
    ax.text(5.2, 5.1, "Turkmenbashi")
    ax.text(1, 9, "far away")
    assert legibility.collisions(fig) == [("Aktau port", "Turkmenbashi")]


def test_texts_apart_do_not_collide(fig):
    ax = fig.axes[0]
    ax.text(1, 1, "one")
    ax.text(6, 8, "two")
    assert legibility.collisions(fig) == []


def test_text_running_off_the_canvas_is_named(fig):
    fig.axes[0].text(9.5, 5, "a label far too long for the right edge")
    assert legibility.off_canvas(fig) == ["a label far too long for the right edge"]


def test_a_hidden_legend_and_ticks_outside_the_view_are_not_read(fig):
    ax = fig.axes[0]
    ax.plot([0, 10], [0, 10], label="series")
    ax.legend().set_visible(False)
    ax.set_xticks([0, 5, 10, 20], ["0", "5", "10", "twenty"])
    ax.set_xlim(0, 10)
    texts = [s for s, _ in legibility.text_extents(fig)]
    assert "series" not in texts and "twenty" not in texts and "5" in texts


def test_a_moved_text_is_measured_where_it_is_now(fig):
    ax = fig.axes[0]
    ax.text(5, 5, "here")
    moving = ax.text(1, 1, "there")
    assert legibility.collisions(fig) == []
    moving.set_position((5.1, 5))
    assert legibility.collisions(fig) == [("here", "there")]


@pytest.mark.parametrize("width", [0.8, 1.5, 3])
@pytest.mark.parametrize("second", ["#d95f02", "#7570b3", "#000000", "#bbbbbb"])
@pytest.mark.parametrize("where", ["upper left", "upper right", "center"])
def test_keys_told_apart_only_by_colour_are_alike_in_grey(fig, width, second, where):
    """Whatever the shades (black against green, light grey against green), the line's width
    and where the legend stands (so at which fraction of a pixel each key does), above the
    lines drawn."""
    ax = fig.axes[0]
    ax.plot([0, 10], [1, 2], color="#1b9e77", linewidth=width, label="Kazakhstan")
    ax.plot([0, 10], [3, 4], color=second, linewidth=width, label="Turkmenistan")
    ax.legend(loc=where, handlelength=3)
    assert legibility.alike_in_grey(fig) == [("Kazakhstan", "Turkmenistan")]


def test_keys_of_one_size_are_cut_to_one_size_wherever_they_stand(fig):
    ax = fig.axes[0]
    for n in range(6):
        ax.plot([0, 10], [n, n + 1], linewidth=1.5, label=f"series {n}")
    ax.legend(loc="center", handlelength=3, labelspacing=0.37)
    sizes = {key.shape for _, key in legibility.legend_handles(fig)}
    assert len(sizes) == 1, sizes


@pytest.mark.parametrize("style", [{"linestyle": "--"}, {"linestyle": ":"},
                                   {"marker": "o", "markersize": 5}])
def test_keys_that_differ_by_dashes_or_marks_are_distinct(fig, style):
    ax = fig.axes[0]
    ax.plot([0, 10], [1, 2], color="#1b9e77", linewidth=1.5, label="Kazakhstan")
    ax.plot([0, 10], [3, 4], color="#d95f02", linewidth=1.5, label="Turkmenistan", **style)
    ax.legend(loc="upper left", handlelength=3)
    assert legibility.alike_in_grey(fig) == []


@pytest.mark.parametrize("hatch, alike", [("", True), ("//", False), ("..", False)])
def test_filled_keys_are_told_apart_by_hatching_not_by_shade(fig, hatch, alike):
    ax = fig.axes[0]
    ax.bar([1], [2], color="#1b9e77", label="Kazakhstan")
    ax.bar([3], [2], color="#d95f02", hatch=hatch, label="Turkmenistan")
    ax.legend(loc="upper left")
    assert (legibility.alike_in_grey(fig) != []) is alike


def test_keys_with_different_line_styles_are_distinct_in_grey(fig):
    ax = fig.axes[0]
    ax.plot([0, 10], [1, 2], color="#1b9e77", linewidth=3, label="Kazakhstan")
    ax.plot([0, 10], [3, 4], color="#d95f02", linewidth=3, linestyle=(0, (1, 1.5)),
            label="Turkmenistan")
    ax.legend(loc="upper left", handlelength=4)
    assert legibility.alike_in_grey(fig) == []
