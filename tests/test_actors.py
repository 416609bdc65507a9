"""Actors: aliases merged, the longest phrase wins, counts exact."""

import pytest
from genre import COMPOSITE

from analysis.io import codebooks
from analysis.pipeline import load
from analysis.text import actors


@pytest.fixture(scope="module")
def cast():
    return actors.from_codebook(codebooks.load("actors"))


def test_tokayev_is_one_actor_with_both_spellings():
    table = load.table("actors").set_index("actor_id")
    row = table.loc["tokayev"]
    assert row["aliases"] == "Kassym-Jomart Tokayev; Kassym-Zhomart Tokayev; Tokayev"
    assert (row["mentions"], row["name_mentions"], row["role_mentions"]) == (41, 18, 23)
    assert row["references"] == 35
    assert (row["mentions_presidency_account"], row["mentions_joint_statement"],
            row["mentions_other_events"]) == (26, 13, 2)
    mentions = load.table("actor_mentions")
    own = mentions[mentions["actor_id"] == "tokayev"]
    assert own["alias"].value_counts().to_dict() == {
        "Tokayev": 9, "President of Kazakhstan": 8, "President of the Republic of Kazakhstan": 9,
        "Kassym-Jomart Tokayev": 5, "Kassym-Zhomart Tokayev": 4, "Kazakh leader": 2,
        "leader of Kazakhstan": 2, "head of Kazakhstan": 2}
    assert not any(a.startswith("Kassym") for a in table.drop("tokayev")["aliases"])


def test_other_named_actors_counts():
    table = load.table("actors").set_index("actor_id")
    assert table.loc["berdimuhamedov", ["mentions", "name_mentions", "role_mentions"]].tolist() \
        == [25, 10, 15]
    assert table.loc["unga", "mentions"] == 6
    assert table.loc["cica", ["mentions", "references"]].tolist() == [4, 3]
    assert table.loc["caricc", ["mentions", "references"]].tolist() == [2, 1]
    assert table.loc["nazarbayev", ["mentions", "references"]].tolist() == [2, 1]
    assert len(table) == 57


def test_longest_phrase_wins(cast):
    text = ("The Academy of Public Administration under the President of the Republic of "
            "Kazakhstan met the First President of the Republic of Kazakhstan and the "
            "President of Kazakhstan.")
    found = [(m.actor_id, m.form) for m in actors.find(text, cast)]
    assert found == [("kz_academy", "name"), ("nazarbayev", "role"), ("tokayev", "role")]


def test_role_and_name_side_by_side_are_one_reference(cast):
    text = "President of Turkmenistan Gurbanguly Berdimuhamedov met Tokayev."
    found = actors.find(text, cast)
    assert [(m.actor_id, m.form, m.reference) for m in found] == [
        ("berdimuhamedov", "role", 1), ("berdimuhamedov", "name", 1), ("tokayev", "name", 2)]


def test_plurals_adjectives_and_words_inside_words_are_not_mentions(cast):
    text = "The Presidents of the Kazakh side; Kazakhstani goods; the UNESCO office."
    assert actors.find(text, cast) == []


def test_a_text_of_the_genre(cast):
    found = [(m.actor_id, COMPOSITE[m.start:m.end]) for m in actors.find(COMPOSITE, cast)]
    tokayev = [q for a, q in found if a == "tokayev"]
    assert tokayev == ["President of Kazakhstan", "Kassym-Jomart Tokayev",
                       "President of Kazakhstan", "President of the Republic of Kazakhstan",
                       "Kassym-Zhomart Tokayev", "President of the Republic of Kazakhstan",
                       "Kassym-Zhomart Tokayev", "Tokayev"]


def test_an_alias_given_to_two_actors_is_refused(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("actor_id,name,kind,aliases\na,A,person,Smith\nb,B,person,Smith\n",
                    encoding="utf-8")
    with pytest.raises(Exception, match=r"line 3.*'Smith' already given to 'a'"):
        actors.from_codebook(codebooks.load_file(path))


def test_non_text_is_a_type_error(cast):
    with pytest.raises(TypeError):
        actors.find(42, cast)


def test_the_zhomart_spelling_is_only_in_the_joint_statement():
    mentions = load.table("actor_mentions")
    zhomart = mentions[mentions["alias"] == "Kassym-Zhomart Tokayev"]
    jomart = mentions[mentions["alias"] == "Kassym-Jomart Tokayev"]
    assert set(zhomart["part"]) == {"joint_statement"}
    assert jomart.groupby("part").size().to_dict() == {
        "joint_statement": 1, "other_events": 1, "presidency_account": 3}
    assert jomart.loc[jomart["part"] == "joint_statement", "paragraph_id"].tolist() == ["p107"]
