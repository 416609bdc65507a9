"""The "What followed" chapter's arithmetic: counts over tracked rows only, markers grouped by
lane, kind and month, and a lane for every tracked commitment."""

import pandas as pd

from analysis.chapters import followed


def through(rows) -> pd.DataFrame:
    base = {"commitment_key": None, "short_label": None, "tracked": True, "deadline": None,
            "deadline_met": "no deadline", "deadline_passed": False, "days_to_delivery": None,
            "deliverable": "event", "deliverable_words": "forum"}
    return pd.DataFrame([base | r for r in rows])


def test_counts_are_over_tracked_rows_and_silence_is_not_overdue():
    commitments = pd.DataFrame({
        "strength": ["agreed", "will", "position", "done"], "part": ["a", "a", "b", "b"],
        "tracked": [True, True, False, False], "commitment_key": ["k1", None, "k2", None]})
    table = through([
        {"commitment_id": "c1", "commitment_key": "k1", "verdict": "delivered",
         "days_to_delivery": 300, "deadline": "in 2022", "deadline_met": "no",
         "deadline_passed": True},
        {"commitment_id": "c2", "verdict": "not searched", "deadline": "next year",
         "deadline_met": "no delivery report", "deadline_passed": True},
        {"commitment_id": "c3", "commitment_key": "k2", "tracked": False,
         "verdict": "delivered", "days_to_delivery": 10}])
    n = followed.counts(commitments, table)
    assert (n["commitments_n"], n["tracked_n"], n["untracked_n"]) == (4, 2, 2)
    assert (n["delivered_n"], n["not_searched_n"], n["restated_n"]) == (1, 1, 0)
    assert (n["late_n"], n["overdue_n"], n["past_deadline_n"]) == (1, 0, 1)
    assert n["unsearched_deadline_n"] == 1
    assert (n["median_days"], n["days_n"]) == (300, 1)  # the untracked row's 10 days left out
    assert (n["keyed_untracked_n"], n["keyed_untracked_delivered_n"]) == (1, 1)
    assert n["strength_position_n"] == 1 and n["part_a_n"] == 2


def test_markers_merge_one_kind_in_one_month_and_keep_every_row():
    table = through([{"commitment_id": "c1", "commitment_key": "k1", "verdict": "delivered",
                      "deliverable": "document"},
                     {"commitment_id": "c2", "commitment_key": "k2", "verdict": "in progress",
                      "tracked": True, "deliverable": None}])
    rows = pd.DataFrame([
        {"followup_id": "f1", "commitment_key": "k1", "event_date": "2024-10-10",
         "kind": "signed"},
        {"followup_id": "f2", "commitment_key": "k1", "event_date": "2024-10-11",
         "kind": "signed"},
        {"followup_id": "f3", "commitment_key": "k1", "event_date": "2023",
         "kind": "target restated"},
        {"followup_id": "f4", "commitment_key": "k2", "event_date": "2021-11",
         "kind": "signed"}])
    out = followed.markers(table, rows)
    assert list(zip(out["lane"], out["label"], out["counts_as"], out["followup_ids"],
                    strict=True)) == [
        (0, "target restated 2023", "restated", "f3"),
        (0, "signed Oct 2024", "delivered", "f1; f2"),
        (1, "signed Nov 2021", "in progress", "f4")]  # a signing toward no document: a step


def test_a_lane_without_a_key_says_so():
    row = pd.Series({"short_label": None, "commitment_id": "c34",
                     "deliverable_words": "state visit"})
    assert followed.lane_label(row) == "c34: state visit (no key)"
    assert followed.short_date("2022-06-29") == "Jun 2022" and followed.short_date("2023") == "2023"
