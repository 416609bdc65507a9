"""The chronology figure's rows and labels: lanes by kind, one range for rows that give one
event different dates, short labels from the codebooks, and a thinning rule that never lets two
labels touch (tested on invented rows, not only on the book's)."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.chapters import chronology as lanes
from analysis.pipeline import load
from analysis.publish import figures, legibility, timeline


def rows(*specs):
    """Invented chronology rows: (date, kind, origin, row_id, event, conflict_group)."""
    return pd.DataFrame([{"date": d, "date_end": None, "kind": k, "origin": o,
                          "table": "events" if o == "primary" else "other_events",
                          "row_id": i, "event": e, "sourced": True, "conflict_group": g,
                          "address": None if o == "primary" else f"https://example.org/{i}"}
                         for d, k, o, i, e, g in specs])


LABELS = ({"x1": ("Relations", "1"), "x3": ("A visit", "2")}, {"A primary event": ("Said", "1")})


def test_rows_go_to_the_lane_of_their_kind_and_conflicts_become_one_range():
    frame = lanes.figure_rows(rows(
        ("1992-08-27", "diplomatic_relations", "reference", "x1", "Relations", "x1, x2"),
        ("1992-10", "diplomatic_relations", "reference", "x2", "Relations", "x1, x2"),
        ("2013-05-10", "visit", "reference", "x3", "A visit", None),
        ("2021", "date in the primary source", "primary", "p1@3", "A primary event", None)),
        LABELS)
    assert len(frame) == 3
    first = frame.iloc[0]
    assert first["lane"] == "relations and visits" and first["conflict"]
    assert (first["start"], first["end"]) == (pd.Timestamp("1992-08-27"),
                                             pd.Timestamp("1992-10-15"))
    assert first["short"] == "Relations" and first["rows"] == "x1, x2"
    assert first["dates"] == "1992-08-27, 1992-10"
    assert first["source_rows"] == "chronology:other_events/x1; chronology:other_events/x2"
    assert first["address"] == "https://example.org/x1; https://example.org/x2"
    assert frame.iloc[2]["address"] == ""
    assert frame.iloc[2][["lane", "short", "priority"]].tolist() == [
        "dates in the primary source", "Said", "1"]


def test_a_kind_without_a_lane_is_named():
    with pytest.raises(KeyError, match=r"chronology kinds \['coronation'\] are in no lane"):
        lanes.figure_rows(rows(("2001", "coronation", "reference", "x9", "?", None)), LABELS)


def test_the_column_width_tries_only_first_priority_labels_latest_first():
    frame = lanes.figure_rows(rows(
        ("1992-08-27", "diplomatic_relations", "reference", "x1", "Relations", None),
        ("2013-05-10", "visit", "reference", "x3", "A visit", None),
        ("2021", "date in the primary source", "primary", "p1@3", "A primary event", None),
        ("2022", "visit", "reference", "x4", "Unlabelled", None)), LABELS)
    assert lanes.labelled(frame, "column")["short"].tolist() == ["Said", "Relations"]
    assert lanes.labelled(frame, "full")["short"].tolist() == ["Said", "Relations", "A visit"]


def test_every_declared_label_belongs_to_a_row_of_the_chronology():
    chronology = load.table("chronology")
    by_fact, by_label = lanes.short_labels()
    assert set(by_fact) <= set(chronology["row_id"])
    assert set(by_label) <= set(chronology["event"])
    assert set(chronology["kind"]) <= set(lanes.LANE_OF)


def test_crowded_labels_are_thinned_never_overlapped():
    figures.use_style()
    fig, ax = plt.subplots(figsize=(3.5, 1.5))
    ax.set_xlim(pd.Timestamp("2000-01-01"), pd.Timestamp("2030-01-01"))
    ax.set_ylim(-0.5, 3)
    ax.set_xticks([])
    ax.set_yticks([])
    items = [{"text": f"An event of some length number {i}", "lane": "a",
              "x": pd.Timestamp(f"{2001 + i}-06-01")} for i in range(20)]
    drawn = timeline.place(ax, items, {"a": 0.0}, 1.0, 2)
    try:
        assert 0 < len(drawn) < len(items)  # some thinned, some drawn
        assert legibility.collisions(fig) == []
        assert legibility.off_canvas(fig) == []
    finally:
        plt.close(fig)
