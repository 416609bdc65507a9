"""Commitment clauses: the parser on invented texts of three genres and a news narrative, and
on the primary source's own examples."""

import pytest
from genre import COMMUNIQUE, DECLARATION, NEWS_NARRATIVE, PRESS_RELEASE

from analysis.errors import InputError
from analysis.io import codebooks
from analysis.text.commitments import parse_commitments
from conftest import ROOT

SOURCE = (ROOT / "data" / "sources" / "nca-2021-10-26-tokayev-state-visit.txt").read_text(
    encoding="utf-8")


def pinned(text: str) -> list[tuple]:
    """Each clause as (its text, strength, actor, where the actor is written, verb, deadline,
    target), so a test pins spans and offsets exactly."""
    return [(text[c["start"]:c["end"]], c["strength"], c["actor"], c["actor_start"], c["verb"],
             c["deadline"], c["target"]) for c in parse_commitments(text)]


def test_a_communique_with_the_sides_shall_and_an_actor_in_an_earlier_sentence():
    sides = COMMUNIQUE.index("The Sides shall")
    assert pinned(COMMUNIQUE) == [
        ("The Sides shall establish a joint working group on energy by the end of 2024.",
         "will", "The Sides", sides, "shall", "by the end of 2024", None),
        ("They will also hold the next session of the Intergovernmental Commission in Tbilisi "
         "in 2025.", "will", "The Sides", sides, "will", "in 2025", None),
        ("The ministries of transport were instructed to prepare a roadmap for the Lars "
         "crossing no later than 1 March 2025.", "instructed", "The ministries of transport",
         COMMUNIQUE.index("The ministries"), "were instructed to",
         "no later than 1 March 2025", None),
    ]
    first = parse_commitments(COMMUNIQUE)[0]
    assert (first["start"], first["end"]) == (sides, COMMUNIQUE.index(" They will"))


def test_a_declaration_with_member_states_support():
    assert pinned(DECLARATION) == [
        ("Member States support the initiative of Romania to convene a regional water forum.",
         "supported", "Member States", DECLARATION.index("Member States support"), "support",
         None, None),
        ("Member States agreed to raise joint investment in river ports to EUR 2 billion by "
         "2030.", "agreed", "Member States", DECLARATION.index("Member States agreed"),
         "agreed to", "by 2030", "EUR 2 billion"),
        ("The Chair noted the progress made since the previous summit.", "position",
         "The Chair", DECLARATION.index("The Chair"), "noted", None, None),
    ]


def test_a_press_release_with_will_a_pronoun_and_a_passive():
    ministry = PRESS_RELEASE.index("The Ministry will")
    clauses = parse_commitments(PRESS_RELEASE)
    assert pinned(PRESS_RELEASE) == [
        ("The Ministry will open a trade house in Tashkent in the second half of 2024.", "will",
         "The Ministry", ministry, "will", "in the second half of 2024", None),
        ("It will also launch an export portal next year, the minister said.", "will",
         "The Ministry", ministry, "will", "next year", None),
        ("A memorandum with the Uzbek side was signed at the ceremony.", "done",
         "The Ministry", ministry, "was signed", None, None),
    ]
    assert [c["actor_referred"] for c in clauses] == [False, True, True]


def test_a_news_narrative_commits_nobody():
    assert parse_commitments(NEWS_NARRATIVE) == []


def test_the_sources_own_examples():
    by_verb = {(c["verb"], SOURCE[c["start"]:c["end"]][:40]): c
               for c in parse_commitments(SOURCE)}
    found = {(c["strength"], c["actor"], c["verb"], c["deadline"], c["target"])
             for c in by_verb.values()}
    assert ("agreed", "The heads of state", "agreed to", None, None) in found
    assert ("instructed", "the governments", "were asked to", None, None) in found
    assert ("instructed", "the concerned ministries and departments", "were instructed to",
            "in 2022", None) in found
    assert ("proposed", "Kazakhstan", "proposed", None, None) in found
    # the passive proposal keeps the proposer of the sentence before it
    assert ("proposed", "Kazakhstan", "proposal has been placed", None, None) in found
    assert ("supported", "Tokayev", "welcomed", None, None) in found
    assert ("supported", "President Tokayev", "expressed his country’s readiness to", None,
            "US $ 130 million") in found
    # "He supported ..." keeps the Kazakh leader of the sentence before
    assert ("supported", "The Kazakh leader", "supported", "in 2022", None) in found


def test_clauses_are_spans_of_the_text_in_reading_order():
    clauses = parse_commitments(SOURCE)
    starts = [c["start"] for c in clauses]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for c in clauses:
        assert SOURCE[c["verb_start"]:c["verb_end"]] == c["verb"]
        assert SOURCE[c["actor_start"]:c["actor_end"]] == c["actor"]
        assert c["start"] <= c["verb_start"] < c["verb_end"] <= c["end"]


def test_a_participle_opens_no_clause():
    text = "Noting the progress made, the ministers stressed the need for more work."
    assert [(c["verb"], c["actor"]) for c in parse_commitments(text)] == [
        ("stressed", "the ministers")]


def test_a_strength_outside_the_vocabulary_is_refused_in_one_line(tmp_path):
    path = tmp_path / "codebooks" / "commitment_strength.csv"
    path.parent.mkdir()
    path.write_text("pattern,strength,actor\nvowed to,promised,before\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        codebooks.commitment_strength(codebooks.load_file(path))
    message = str(err.value)
    assert "line 2" in message and "'strength'" in message and "'promised'" in message
    assert "\n" not in message


def test_the_parser_refuses_what_is_not_text():
    with pytest.raises(TypeError):
        parse_commitments(None)
