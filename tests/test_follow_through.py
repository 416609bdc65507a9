"""Follow-through: one verdict rule for every commitment, tried on invented follow-up rows, and
commitment keys that must name exactly one clause."""

from types import SimpleNamespace

import pandas as pd
import pytest
from genre import COMMUNIQUE

from analysis.errors import InputError
from analysis.io import codebooks
from analysis.tables.commitments import COMMITMENTS, resolve_keys
from analysis.tables.follow_through import build_follow_through
from analysis.text.commitments import parse_commitments
from conftest import ROOT

KINDS = codebooks.load_file(ROOT / "data" / "codebooks" / "followup_kinds.csv")
TEXTS = {"s": SimpleNamespace(record={"event_date": "2021-10-25"}, text="")}


def commitment(key, deliverable="document", deadline=None, tracked=True) -> dict:
    row = dict.fromkeys(COMMITMENTS.column_names)
    return row | {"commitment_id": f"c-{key}", "commitment_key": key, "short_label": key,
                  "tracked": tracked, "tracking": "tracked: invented", "part": "statement",
                  "strength": "agreed", "actor": "The Sides", "verb": "agreed to",
                  "deadline": deadline, "deliverable": deliverable, "source_id": "s",
                  "start": 0, "end": 1, "quote": "x"}


def followup(n, key, kind, when, precision="day") -> dict:
    return {"followup_id": f"f{n}", "commitment_key": key, "event_date": when,
            "event_date_precision": precision, "kind": kind}


def search(n, key, result="found") -> dict:
    return {"search_id": f"s{n}", "commitment_key": key, "searched_on": "2026-01-31",
            "result": result}


def run(commitments, followups, searches) -> pd.DataFrame:
    frame = build_follow_through(
        pd.DataFrame(commitments), TEXTS,
        pd.DataFrame(followups, columns=["followup_id", "commitment_key", "event_date",
                                         "event_date_precision", "kind"]),
        pd.DataFrame(searches, columns=["search_id", "commitment_key", "searched_on",
                                        "result"]), KINDS)
    return frame.set_index("commitment_key", drop=False)


def test_each_verdict_by_the_one_rule():
    out = run(
        [commitment("treaty"), commitment("forum", "event"), commitment("bridge", "facility"),
         commitment("trade"), commitment("zone", "facility"), commitment("office", "facility"),
         commitment("unkeyed")],
        [followup(1, "treaty", "target restated", "2022-03-01"),
         followup(2, "treaty", "signed", "2023-05-02"),
         followup(3, "treaty", "ratified", "2024-01-10"),
         followup(4, "forum", "talks held", "2022-06"),
         followup(5, "bridge", "construction began", "2023"),
         followup(6, "trade", "target restated", "2024-04-04"),
         followup(7, "trade", "figure reported", "2024-05-05"),
         followup(8, "office", "abandoned", "2023-09-09"),
         followup(9, "office", "talks held", "2022-09-09")],
        [search(1, "treaty"), search(2, "zone", "none")])
    assert out["verdict"].to_dict() == {
        "treaty": "delivered", "forum": "in progress", "bridge": "in progress",
        "trade": "restated", "zone": "no later report found", "office": "abandoned",
        "unkeyed": "not searched"}
    # both sides: every follow-up row the verdict rests on, by date, and those that decided
    assert out.at["treaty", "followup_ids"] == "f1; f2; f3"
    assert out.at["treaty", "delivery_ids"] == "f2; f3"
    assert out.at["treaty", "verdict_rule"] == "delivered: f2 (signed), f3 (ratified)"
    assert out.at["trade", "followup_ids"] == "f6; f7"
    assert pd.isna(out.at["zone", "followup_ids"]) and out.at["zone", "search_ids"] == "s2"
    # silence is never a failure: no row says broken or not done
    assert not out["verdict"].str.contains("broken|not done").any()


def test_a_delivery_of_another_kind_of_thing_is_a_step():
    out = run([commitment("railway", None), commitment("centre", "facility")],
              [followup(1, "railway", "signed", "2021-11-20"),
               followup(2, "centre", "signed", "2025-01-01"),
               followup(3, "centre", "opened", "2025-08-03")], [])
    assert out.at["railway", "verdict"] == "in progress"
    assert out.at["centre", "verdict"] == "delivered"
    assert out.at["centre", "first_delivery_date"] == "2025-08-03"


def test_first_delivery_days_and_deadlines():
    out = run([commitment("late", "event", "in 2022"), commitment("on-time", "event", "in 2022"),
               commitment("month", "event", "next year"), commitment("open", "event", "in 2023"),
               commitment("none", "event")],
              [followup(1, "late", "held", "2024-06-25"),
               followup(2, "on-time", "held", "2022-10-14"),
               followup(3, "month", "held", "2022-06", "month"),
               followup(4, "none", "held", "2021-12-20")], [search(1, "open", "none")])
    assert out["deadline_met"].to_dict() == {"late": "no", "on-time": "yes", "month": "yes",
                                             "open": "no delivery report",
                                             "none": "no deadline"}
    assert out.at["late", "days_to_delivery"] == 974  # 25 October 2021 to 25 June 2024
    assert out.at["none", "days_to_delivery"] == 56
    assert pd.isna(out.at["month", "days_to_delivery"])  # a month gives no day count
    assert out.at["month", "deadline_end"] == "2022-12-31"  # "next year" after the event
    assert out["deadline_passed"].to_dict() == {"late": True, "on-time": True, "month": True,
                                                "open": True, "none": False}


def test_a_followup_naming_an_unknown_key_is_refused_in_one_line():
    with pytest.raises(InputError) as err:
        run([commitment("treaty")], [followup(1, "tready", "signed", "2023-01-01")], [])
    message = str(err.value)
    assert "commitment_followups.csv" in message and "f1" in message and "'tready'" in message
    assert "\n" not in message


def keys(*anchors) -> list[dict]:
    return [{"key": f"k{i}", "anchor": a, "short_label": a, "_line": i + 2}
            for i, a in enumerate(anchors)]


def test_a_key_names_exactly_one_clause():
    clauses = parse_commitments(COMMUNIQUE)
    found = resolve_keys(keys("joint working group", "roadmap for the Lars crossing"), clauses,
                         COMMUNIQUE, "commitment_keys.csv")
    assert {i: row["key"] for i, row in found.items()} == {0: "k0", 2: "k1"}


@pytest.mark.parametrize("anchor, found", [
    ("reviewed the state of bilateral relations", "in 0 commitment clauses"),  # no clause
    ("The Sides", "in 2 places in the source"),  # in two places
    ("a joint working group on trade", "in 0 places in the source"),  # not in the text
    ("in 2025.\n\nThe ministries", "in 0 commitment clauses"),  # across two clauses
])
def test_a_key_resolving_to_no_clause_or_to_several_is_refused(anchor, found):
    with pytest.raises(InputError) as err:
        resolve_keys(keys("joint working group", anchor), parse_commitments(COMMUNIQUE),
                     COMMUNIQUE, "commitment_keys.csv")
    message = str(err.value)
    assert "commitment_keys.csv" in message and "line 3" in message and "'k1'" in message
    assert found in message and "exactly one commitment clause" in message


def test_two_keys_on_one_clause_are_refused():
    with pytest.raises(InputError, match="one key a commitment"):
        resolve_keys(keys("joint working group", "on energy"), parse_commitments(COMMUNIQUE),
                     COMMUNIQUE, "commitment_keys.csv")


def test_the_projects_keys_each_name_one_clause():
    from analysis.pipeline import load

    table = load.table("commitments")
    book = codebooks.read(ROOT / "data" / "codebooks" / "commitment_keys.csv",
                          ("key", "anchor", "short_label"), ("deadline_as_written", "note"))
    assert sorted(table["commitment_key"].dropna()) == sorted(r["key"] for r in book)


def test_the_first_delivery_is_the_earliest_and_most_exact_date():
    out = run([commitment("days", "event")],
              [followup(1, "days", "held", "2024-06", "month"),
               followup(2, "days", "held", "2024-06-25"),
               followup(3, "days", "held", "2024-10-02")], [])
    assert out.at["days", "first_delivery_date"] == "2024-06-25"
    assert out.at["days", "followup_ids"] == "f1; f2; f3"
