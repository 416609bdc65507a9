"""Map drawing for print: a frame of the view's true aspect, labels that do not collide, and a
scale bar of the stated length."""

import math

import matplotlib.pyplot as plt
import pytest

from analysis.publish import figures, maps

VIEW, LAT0 = (49.0, 36.0, 60.0, 45.6), 41.0


@pytest.fixture
def map_axes():
    figures.use_style()
    fig, ax = maps.map_figure(3.5, VIEW, LAT0, below=0.5)
    yield fig, ax
    plt.close(fig)


def test_the_frame_has_the_views_true_aspect(map_axes):
    fig, ax = map_axes
    box = ax.get_window_extent(fig.canvas.get_renderer())
    expected = (VIEW[3] - VIEW[1]) / ((VIEW[2] - VIEW[0]) * math.cos(math.radians(LAT0)))
    assert box.height / box.width == pytest.approx(expected, rel=1e-3)


def test_labels_of_nearby_points_do_not_collide(map_axes):
    fig, ax = map_axes
    points = [("Garabogaz", 52.57, 41.54), ("Garabogazköl (Garabogaz Bay)", 52.9, 41.45),
              ("Turkmenbashi", 52.97, 40.02), ("Kuryk", 51.65, 43.2), ("Aktau", 51.15, 43.65)]
    labels = [{"text": t, "lon": x, "lat": y} for t, x, y in points]
    placed = maps.place_labels(ax, labels, [(x, y) for _, x, y in points])
    renderer = fig.canvas.get_renderer()
    boxes = [artist.get_window_extent(renderer) for artist in placed]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_the_scale_bar_is_as_long_as_it_says(map_axes):
    fig, ax = map_axes
    before = len(ax.lines)
    maps.scale_bar(ax, 200, LAT0)
    bar = ax.lines[before + 2]  # the outline, from 0 to the full length
    xs = bar.get_xdata()
    km = (max(xs) - min(xs)) * maps.KM_PER_DEGREE * math.cos(math.radians(LAT0))
    assert km == pytest.approx(200)
    assert any(t.get_text() == "200 km" for t in ax.texts)
