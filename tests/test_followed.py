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


def test_figure_rows_name_every_marker_and_the_rows_it_rests_on():
    table = through([
        {"commitment_id": "c1", "commitment_key": "k1", "short_label": "Forum",
         "verdict": "delivered", "deadline": "in 2022", "deadline_end": "2022-12-31",
         "search_ids": "s1"},
        {"commitment_id": "c2", "commitment_key": "k2", "short_label": "Zone",
         "verdict": "no later report found", "deadline_end": None, "search_ids": "s2; s3"}])
    rows = pd.DataFrame([
        {"followup_id": "f1", "commitment_key": "k1", "event_date": "2022-10-14",
         "kind": "held", "address": "https://a.example/1"},
        {"followup_id": "f2", "commitment_key": "k1", "event_date": "2022-10-15",
         "kind": "held", "address": "https://a.example/2"}])
    kinds = followed.markers(table, rows)
    out = followed.figure_rows(table, kinds, rows, pd.Timestamp("2021-10-25"))
    assert list(zip(out["lane"], out["element"], out["date"], strict=True)) == [
        (1, "commitment", "2021-10-25"), (1, "follow-up", "2022-10-14"),
        (1, "deadline", "2022-12-31"), (2, "commitment", "2021-10-25"),
        (2, "note", "2021-10-25")]
    assert out["source_rows"].tolist() == [
        "follow_through:c1; commitments:c1",
        "follow_through:c1; commitment_followups:f1; commitment_followups:f2",
        "follow_through:c1; commitments:c1", "follow_through:c2; commitments:c2",
        "follow_through:c2; commitment_searches:s2; commitment_searches:s3"]
    marker = out.iloc[1]
    assert (marker["label"], marker["counts_as"]) == ("held Oct 2022", "delivered")
    assert marker["address"] == "https://a.example/1; https://a.example/2"
    assert out.loc[2, "label"] == "deadline in 2022"
    assert out.loc[4, "label"] == "searched: no later report found"
    assert followed.lane_note(pd.Series({"verdict": "delivered"})) is None
