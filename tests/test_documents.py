"""Lists of signed documents: the primary source's 20, communiqués of other summits, and the
labelled corpus in tests/corpus/signed_documents/ (every list exact, every control empty)."""

import importlib.util

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.io import codebooks
from analysis.pipeline import load
from analysis.tables.signed_documents import Classifiers, classify, document_level, sector_of
from analysis.text.documents import (
    COLUMNS,
    instrument_of,
    item_spans,
    parse_signed_documents,
    parse_title,
    stated_counts,
)
from conftest import ROOT

BOOKS = Classifiers.of(codebooks.load("levels"), codebooks.load("sectors"),
                       codebooks.load("countries"))

# ---------------------------------------------------------------- the primary source


@pytest.fixture(scope="module")
def parsed(primary_text):
    return parse_signed_documents(primary_text)


@pytest.fixture(scope="module")
def table():
    return load.table("signed_documents")


def test_primary_source_lists_20_documents_in_order(parsed, primary_text):
    assert list(parsed.columns) == COLUMNS
    assert len(parsed) == 20
    assert parsed["start"].is_monotonic_increasing
    for row in parsed.itertuples():
        assert primary_text[row.start:row.end] == row.title
    assert parsed.loc[19, "title"].endswith("on the Turkmenistan/Republic of Kazakhstan border")


def test_first_document_is_the_presidents_joint_statement(parsed, table):
    first = parsed.loc[0]
    assert first["instrument"] == "joint statement"
    assert first["party_a"] == "the President of the Republic of Kazakhstan Kassym-Jomart Tokayev"
    assert first["party_b"] == "the President of Turkmenistan Gurbanguly Berdimuhamedov"
    assert first["subject"] == ""
    assert table.loc[0, "level"] == "heads of state"
    assert (table.loc[0, "party_a_country"], table.loc[0, "party_b_country"]) == ("KAZ", "TKM")


def test_instruments_of_the_primary_source(parsed):
    assert parsed["instrument"].value_counts().to_dict() == {
        "memorandum of understanding": 8,
        "agreement": 5,
        "memorandum": 4,
        "joint statement": 1,
        "memorandum of intent": 1,
        "agreement of intent": 1,
    }


@pytest.mark.parametrize("position, instrument, party_a, party_b, subject", [
    (3, "agreement", "the Government of the Republic of Kazakhstan",
     "the Government of Turkmenistan", "on the regime of the Kazakh-Turkmen state border"),
    (6, "agreement", "the Ministry of Finance of the Republic of Kazakhstan",
     "the State Customs Service of Turkmenistan",
     "on the organization of the exchange of preliminary information on goods and vehicles "
     "transported between the Republic of Kazakhstan and Turkmenistan"),
    (7, "memorandum",
     "the Ministry of Information and Public Development of the Republic of Kazakhstan",
     "the State Committee of Turkmenistan on Television, Radio Broadcasting and Cinematography",
     "on cooperation in the field of information"),
    (8, "memorandum of understanding",
     "the Ministry of Ecology, Geology and Natural Resources of the Republic of Kazakhstan",
     "the Ministry of Agriculture and Environmental Protection of Turkmenistan",
     "on cooperation in the field of environmental protection"),
    (11, "memorandum of intent",
     "the Ministry of Labor and Social Protection of the Population of the Republic of "
     "Kazakhstan",
     "the Ministry of Labor and Social Protection of the Population of Turkmenistan",
     "on cooperation in the social and labor sphere"),
    (16, "memorandum", "JSC “National Company “Kazakhstan Temir Zholy”",
     "the Agency “Turkmendemiryollary” of the Agency of Transport and Communications under the "
     "Cabinet of Ministers of Turkmenistan",
     "on the basic principles of cooperation in the field of railway transport and the "
     "development of container transportation"),
    (18, "memorandum of understanding", "Al-Farabi Kazakh National University",
     "Makhtumkuli Turkmen State University", ""),
    (20, "agreement of intent", "", "",
     "on the construction of a cable border crossing and the linking of information and "
     "communication telecommunication networks of JSC “Jusan Mobile” and CE “Turkmentelecom” "
     "on the Turkmenistan/Republic of Kazakhstan border"),
])
def test_rows_of_the_primary_source(parsed, position, instrument, party_a, party_b, subject):
    row = parsed.loc[position - 1]
    assert (row["instrument"], row["party_a"], row["party_b"], row["subject"]) == (
        instrument, party_a, party_b, subject)


def test_both_border_agreements_are_in_sector_border(table):
    border = table[table["sector"] == "border"]
    assert border["position"].tolist() == [2, 3]
    assert border["sector_keyword"].tolist() == ["delimitation", "border"]
    assert "Caspian Sea" in border.iloc[0]["title"]
    assert "regime" in border.iloc[1]["title"]


@pytest.mark.parametrize("position, level, sector", [
    (1, "heads of state", "political"),
    (2, "interstate", "border"),             # a Treaty between the states, says the statement
    (4, "intergovernmental", "emergencies"),     # no parties: state level by default
    (5, "interagency", "defence"),
    (6, "interagency", "customs"),
    (13, "interagency", "statistics"),           # sector from the parties' names
    (16, "enterprise", "transport"),             # a company and an agency
    (17, "academic", "public administration"),   # an academy under the President
    (19, "academic", "education and science"),   # an institute of a ministry
    (20, "enterprise", "telecommunications"),    # a cable border crossing is not "border"
])
def test_level_and_sector_of_rows(table, position, level, sector):
    row = table.loc[position - 1]
    assert (row["level"], row["sector"]) == (level, sector)


def test_level_mix_and_countries(table):
    assert table["level"].value_counts().to_dict() == {
        "interagency": 11, "intergovernmental": 2, "academic": 3, "enterprise": 2,
        "heads of state": 1, "interstate": 1}
    named = table.dropna(subset=["party_a"])
    assert set(named["party_a_country"]) == {"KAZ"}
    assert set(named["party_b_country"]) == {"TKM"}
    assert table["party_a"].isna().sum() == 3


def test_every_row_is_linked_to_its_paragraph(table):
    paragraphs = load.table("paragraphs").set_index("paragraph_id")
    for row in table.itertuples():
        para = paragraphs.loc[row.paragraph_id]
        assert para["start"] <= row.start and row.end <= para["end"]
        assert para["kind"] == "list_item"


# ---------------------------------------------------------------- other communiqués of the genre

UZBEKISTAN_KYRGYZSTAN = """\
Bishkek, 26 January 2023. The talks were followed by a signing ceremony.

The following documents were signed in the presence of the Presidents:
1. Joint Declaration of the Presidents of the Republic of Uzbekistan and the Kyrgyz Republic on \
comprehensive strategic partnership;
2. Treaty between the Republic of Uzbekistan and the Kyrgyz Republic on certain sections of the \
Uzbek-Kyrgyz state border;
3. Agreement between the Cabinet of Ministers of the Republic of Uzbekistan and the Cabinet of \
Ministers of the Kyrgyz Republic on joint management of the water resources of the Kempir-Abad \
reservoir;
4. Programme of cultural and humanitarian cooperation between the Ministry of Culture and Tourism \
of the Republic of Uzbekistan and the Ministry of Culture, Information, Sports and Youth Policy \
of the Kyrgyz Republic for 2023-2025;
5. Roadmap for the development of trade and economic cooperation for 2023-2024.

The heads of state then visited the exhibition of industrial products.
"""

KAZAKHSTAN_AZERBAIJAN = """\
Baku, 24 August 2022 – Following the talks in narrow and extended formats, the parties signed:

● Memorandum of Understanding between the Ministry of Energy of the Republic of Kazakhstan and \
the Ministry of Energy of the Republic of Azerbaijan on cooperation in the field of renewable \
energy;

● Protocol on amendments to the Agreement between the Government of the Republic of Kazakhstan \
and the Government of the Republic of Azerbaijan on international road transport;

● Contract between JSC “NC “KazMunayGas” and the State Oil Company of the Republic of \
Azerbaijan on the supply of crude oil;

● Agreement of intent between Nazarbayev University and ADA University on academic exchanges.

The Presidents also held a joint press conference.
"""

# A hyphen list with no lead-in, after ordinary prose, no blank lines, items ending with ".".
WITHOUT_LEAD_IN = """\
Astana hosted the sixth meeting of the Intergovernmental Commission. The co-chairs noted \
that mutual trade grew by a third.
- Agreement between the Government of the Republic of Kazakhstan and the Government of the \
Republic of Tajikistan on military-technical cooperation.
- Action Plan for 2024-2026 on the implementation of the Strategic Partnership Treaty.
- Memorandum of cooperation between LLP “Kazakhtelecom” and OJSC “Tajiktelecom”.
The next meeting will be held in Dushanbe.
"""

# Bullets with hard-wrapped lines, and a numbered "1)" list under a heading without a colon.
WRAPPED_AND_NUMBERED = """\
Documents signed
1) Agreement on mutual recognition of education documents;
2) Memorandum of Understanding between the Ministry of Health of the Kyrgyz Republic and the
   Ministry of Health of the Republic of Tajikistan in the field of medical education;
3) Joint Statement by the Presidents of Kyrgyzstan and Tajikistan.

In addition, in the framework of the business forum:
• Memorandum between JSC “Kyrgyz Temir Zholu” and SUE “Rohi Ohani Tojikiston” on
  container transit;
• Contract between LLC “Kyrgyzaltyn” and LLC “TALCO Gold” on the supply of ore.
"""

# A lead-in followed by items that carry no marker at all.
UNMARKED = """\
During the visit the sides signed the following documents:

Agreement between the Government of Turkmenistan and the Government of the Russian Federation \
on cooperation in the field of migration;
Programme of cooperation between the Ministries of Foreign Affairs for 2024-2025.

Agreement was also reached to hold the next round of consultations in Moscow.
"""

# The list run into one sentence after the lead-in, and a marked list with Windows line ends.
INLINE_AND_CRLF = (
    "Following the talks, the following documents were signed: the Agreement on trade between "
    "Kazakhstan and Azerbaijan; the Memorandum of Understanding on tourism; and the Programme of "
    "cultural cooperation for 2024-2026. Then the Presidents met the press.\r\n\r\n"
    "The parties also signed:\r\n"
    "– The Agreement on the establishment of the Supreme Interstate Council between the Republic "
    "of Kazakhstan and the Republic of Uzbekistan;\r\n"
    "– and Memorandum of Understanding (MoU) between «Kazakh Invest» NC JSC and the Ministry of "
    "Investments of the Republic of Uzbekistan on investment cooperation.\r\n"
)

NO_LIST = """\
President Tokayev met the Prime Minister of Uzbekistan. The parties discussed the implementation \
of the agreements signed earlier and noted that an agreement on the border had been ratified.

– The agreement is important for both peoples, he said.

A memorandum on tourism is being prepared. He recalled the documents signed in 2017: the
Agreement on trade was among them.
"""


def _rows(text):
    frame = parse_signed_documents(text)
    for row in frame.itertuples():
        assert " ".join(text[row.start:row.end].split()) == row.title
    return frame


def test_numbered_list_uzbekistan_kyrgyzstan():
    frame = _rows(UZBEKISTAN_KYRGYZSTAN)
    assert frame["instrument"].tolist() == [
        "joint declaration", "treaty", "agreement", "programme", "roadmap"]
    assert frame[["party_a", "party_b"]].values.tolist() == [
        ["the Republic of Uzbekistan", "the Kyrgyz Republic"],
        ["the Republic of Uzbekistan", "the Kyrgyz Republic"],
        ["the Cabinet of Ministers of the Republic of Uzbekistan",
         "the Cabinet of Ministers of the Kyrgyz Republic"],
        ["the Ministry of Culture and Tourism of the Republic of Uzbekistan",
         "the Ministry of Culture, Information, Sports and Youth Policy of the Kyrgyz Republic"],
        ["", ""],
    ]
    assert frame["subject"].tolist() == [
        "on comprehensive strategic partnership",
        "on certain sections of the Uzbek-Kyrgyz state border",
        "on joint management of the water resources of the Kempir-Abad reservoir",
        "of cultural and humanitarian cooperation for 2023-2025",
        "for the development of trade and economic cooperation for 2023-2024",
    ]
    assert frame.loc[4, "title"].endswith("for 2023-2024")   # closing "." dropped


def test_bulleted_list_kazakhstan_azerbaijan():
    frame = _rows(KAZAKHSTAN_AZERBAIJAN)
    assert frame["instrument"].tolist() == [
        "memorandum of understanding", "protocol", "contract", "agreement of intent"]
    assert frame[["party_a", "party_b"]].values.tolist() == [
        ["the Ministry of Energy of the Republic of Kazakhstan",
         "the Ministry of Energy of the Republic of Azerbaijan"],
        ["the Government of the Republic of Kazakhstan",
         "the Government of the Republic of Azerbaijan"],
        ["JSC “NC “KazMunayGas”", "the State Oil Company of the Republic of Azerbaijan"],
        ["Nazarbayev University", "ADA University"],
    ]
    assert frame.loc[1, "subject"] == ("on amendments to the Agreement on international road "
                                       "transport")


def test_hyphen_list_without_lead_in():
    frame = _rows(WITHOUT_LEAD_IN)
    assert frame["instrument"].tolist() == ["agreement", "action plan", "memorandum"]
    assert frame.loc[0, "party_b"] == "the Government of the Republic of Tajikistan"
    assert frame.loc[2, ["party_a", "party_b"]].tolist() == ["LLP “Kazakhtelecom”",
                                                            "OJSC “Tajiktelecom”"]


def test_wrapped_items_and_two_lists():
    frame = _rows(WRAPPED_AND_NUMBERED)
    assert frame["instrument"].tolist() == [
        "agreement", "memorandum of understanding", "joint statement", "memorandum", "contract"]
    assert frame.loc[1, "party_b"] == "the Ministry of Health of the Republic of Tajikistan"
    assert frame.loc[1, "subject"] == "in the field of medical education"
    assert frame.loc[2, ["party_a", "party_b"]].tolist() == ["Kyrgyzstan", "Tajikistan"]
    assert frame.loc[3, "party_b"] == "SUE “Rohi Ohani Tojikiston”"
    assert frame.loc[3, "subject"] == "on container transit"


def test_unmarked_items_after_a_lead_in():
    frame = _rows(UNMARKED)
    assert frame["instrument"].tolist() == ["agreement", "programme"]
    assert frame.loc[0, "party_b"] == "the Government of the Russian Federation"
    assert frame.loc[1, "party_a"] == ""


def test_inline_list_and_windows_line_ends():
    frame = _rows(INLINE_AND_CRLF)
    assert frame["title"].tolist()[:3] == [
        "Agreement on trade between Kazakhstan and Azerbaijan",
        "Memorandum of Understanding on tourism",
        "Programme of cultural cooperation for 2024-2026"]
    assert frame["instrument"].tolist() == [
        "agreement", "memorandum of understanding", "programme", "agreement",
        "memorandum of understanding"]
    assert frame.loc[3, "title"].startswith("The Agreement on the establishment")
    assert frame.loc[3, ["party_a", "party_b", "subject"]].tolist() == [
        "the Republic of Kazakhstan", "the Republic of Uzbekistan",
        "on the establishment of the Supreme Interstate Council"]
    assert frame.loc[4, ["party_a", "party_b", "subject"]].tolist() == [
        "«Kazakh Invest» NC JSC", "the Ministry of Investments of the Republic of Uzbekistan",
        "on investment cooperation"]
    assert not frame["title"].str.contains("\r").any()


def test_a_text_without_a_list_gives_an_empty_frame():
    frame = parse_signed_documents(NO_LIST)
    assert frame.empty and list(frame.columns) == COLUMNS
    assert parse_signed_documents("").empty


@pytest.mark.parametrize("value", [None, b"- Agreement on trade;", 42, ["Agreement"]])
def test_non_text_input_is_a_type_error(value):
    with pytest.raises(TypeError, match="expects the text as str"):
        parse_signed_documents(value)


def test_classification_of_other_summits():
    frame = classify(pd.concat([parse_signed_documents(UZBEKISTAN_KYRGYZSTAN),
                                parse_signed_documents(KAZAKHSTAN_AZERBAIJAN)],
                               ignore_index=True), BOOKS)
    assert frame["level"].tolist() == [
        "heads of state", "interstate", "intergovernmental", "interagency",
        "intergovernmental", "interagency", "intergovernmental", "enterprise", "academic"]
    assert frame["party_a_country"].tolist()[:4] == ["UZB"] * 4
    assert frame["party_b_country"].tolist()[:4] == ["KGZ"] * 4
    assert frame["party_b_country"].tolist()[5:8] == ["AZE", "AZE", "AZE"]
    assert frame["sector"].tolist() == [
        "political", "border", "water", "culture", "trade", "energy", "transport", "energy",
        "education and science"]


def test_classification_of_wrapped_and_unmarked_lists():
    frame = classify(pd.concat([parse_signed_documents(WITHOUT_LEAD_IN),
                                parse_signed_documents(WRAPPED_AND_NUMBERED),
                                parse_signed_documents(UNMARKED)], ignore_index=True), BOOKS)
    assert frame["level"].tolist() == [
        "intergovernmental", "intergovernmental", "enterprise",
        "intergovernmental", "interagency", "heads of state", "enterprise", "enterprise",
        "intergovernmental", "intergovernmental"]
    assert frame["sector"].tolist() == [
        "defence", "political", "unclassified",
        "education and science", "education and science", "political", "transport",
        "industry and mining", "labour and social", "foreign policy"]
    assert frame["sector_keyword"].tolist()[0] == "military"   # in "military-technical"
    assert frame[["party_a_country", "party_b_country"]].iloc[8].tolist() == ["TKM", "RUS"]


# ---------------------------------------------------------------- the rules one by one


def test_longest_instrument_wins():
    assert parse_title("Memorandum of Understanding on tourism")["instrument"] == \
        "memorandum of understanding"
    assert parse_title("Agreement of intent on a joint venture")["instrument"] == \
        "agreement of intent"
    assert parse_title("Road Map on trade")["instrument"] == "roadmap"
    assert parse_title("Intergovernmental Agreement on air services")["instrument"] == \
        "agreement"


def test_level_rules():
    assert document_level("agreement", "Agreement on civil defence", "", "", books=BOOKS) == (
        "intergovernmental", "no parties named; intergovernmental by default")
    assert document_level("memorandum", "x", "JSC “KTZ”", "the Ministry of Transport",
                          books=BOOKS)[0] == \
        "enterprise"
    assert document_level("joint statement", "Joint Statement", "Kazakhstan", "Uzbekistan",
                          "the Presidents", books=BOOKS)[0] == "heads of state"
    assert document_level("memorandum", "x", "the Deutsche Bundesbank",
                          "the National Bank of Kazakhstan", books=BOOKS) == (
        "interagency", "parties: unclassified and interagency")


def test_sector_rules():
    assert sector_of("on the regime of the state border", "", "", books=BOOKS)[:2] == (
        "border", "border")
    assert sector_of("on cooperation", "the Ministry of Agriculture", "", books=BOOKS)[::2] == (
        "agriculture", "parties")
    assert sector_of("", "", "Treaty on something new", books=BOOKS)[0] == "unclassified"


def test_a_broken_codebook_names_its_file_and_line(project_copy):
    path = project_copy / "data" / "codebooks" / "sectors.csv"
    path.write_text("sector,keywords\nborder,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sectors\.csv, line 2, column 'keywords'"):
        codebooks.sectors(codebooks.load("sectors", project_copy))


def test_a_term_in_two_rows_of_the_instruments_codebook_is_refused(project_copy):
    path = project_copy / "data" / "codebooks" / "instruments.csv"
    path.write_text("instrument,keywords\nagreement,agreement\ntreaty,treaty;Agreement\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"instruments\.csv, line 3.*'Agreement'"):
        codebooks.instruments(codebooks.load("instruments", project_copy))


# ---------------------------------------------------------------- the labelled corpus

_spec = importlib.util.spec_from_file_location("score_documents",
                                               ROOT / "tools" / "score_documents.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)
CORPUS = score.load_corpus()


def test_the_corpus_is_large_enough_and_varied():
    lists = [labels for _, _, labels in CORPUS if labels["kind"] == "list"]
    assert len(lists) >= 25
    assert len({labels["style"].split(" (")[0] for labels in lists}) >= 6
    shapes = {shape for labels in lists for shape in labels["shapes"]}
    assert {"wrapped", "unmarked", "no-instrument item", "lead-in", "vocabulary", "markers",
            "run-in", "parties-quote", "parties-and-subject", "parties-adjective",
            "parties-three", "declaration and decisions"} <= shapes
    controls = [name for name, _, labels in CORPUS if labels["kind"] == "control"]
    assert len(controls) >= 4


@pytest.mark.parametrize("name, text, labels", CORPUS, ids=[name for name, _, _ in CORPUS])
def test_corpus_text_is_parsed_exactly(name, text, labels):
    frame = _rows(text)
    assert score.parsed_items(text) == labels["items"]
    assert len(frame) == labels["count"]


def test_the_scoring_script_prints_every_shape_and_passes(capsys):
    assert score.main([]) == 0
    out = capsys.readouterr().out
    assert "all lists" in out and "run-in" in out and "controls: " in out


# ---------------------------------------------------------------- the new rules one by one


def test_hard_wrapped_item_after_a_capitalised_word():
    text = ("The following documents were signed:\n"
            "- Protocol between the Ministry of Health of the Slovak\n"
            "Republic and the Ministry of Health of Mongolia;\n"
            "- Agreement on the amendment of the Air Services\n"
            "Agreement;\n")
    frame = _rows(text)
    assert frame["title"].tolist() == [
        "Protocol between the Ministry of Health of the Slovak Republic and the Ministry of "
        "Health of Mongolia",
        "Agreement on the amendment of the Air Services Agreement"]
    assert frame.loc[0, "party_a"] == "the Ministry of Health of the Slovak Republic"


def test_hyphen_without_a_space_and_roman_numerals_are_markers():
    assert len(item_spans("Signed:\n-the Agreement on trade,\n-the Protocol on transit.\n")) == 2
    assert len(item_spans("These include:\n(i) MoU on tourism\n(ii) MoU on sport\n")) == 2


def test_items_without_an_instrument_stay_in_their_list():
    frame = _rows("The sides signed the following documents:\nAgreement on trade;\n"
                  "A document on youth exchanges;\nProtocol on transit.\n")
    assert frame["instrument"].tolist() == ["agreement", "", "protocol"]


def test_a_run_in_plural_gives_each_piece_its_instrument():
    frame = _rows("The ministers signed agreements on trade, transit, and tourism.")
    assert frame["title"].tolist() == ["agreements on trade", "transit", "tourism"]
    assert set(frame["instrument"]) == {"agreement"}


def test_one_agreement_in_prose_or_a_planned_one_is_no_row():
    assert parse_signed_documents("In 2015 they signed an agreement on trade.").empty
    assert parse_signed_documents(
        "An agreement on trade and a memorandum on transit will be signed tomorrow, and two "
        "more are to be signed, including an agreement on tourism and a protocol on sport.").empty
    assert parse_signed_documents("“We signed an agreement on trade and a memorandum on "
                                  "transit,” the minister said.").empty


def test_counts_stated_without_a_list_are_reported_not_rows():
    text = "Following the talks, 14 documents were signed. Ten agreements were signed later."
    assert parse_signed_documents(text).empty
    assert [n for n, _, _ in stated_counts(text)] == [14, 10]
    assert stated_counts("The 14 documents on the table were discussed.") == []


@pytest.mark.parametrize("title, instrument, parties, subject", [
    ("“Roadmap” for the development of trade for 2024-2026", "roadmap", [],
     "for the development of trade for 2024-2026"),
    ("“Agreement between the Government of Mongolia and the Government of Japan on trade”",
     "agreement", ["the Government of Mongolia", "the Government of Japan"], "on trade"),
    ("exchange of letters between the Uzbek and Turkish Foreign Ministries on consulates",
     "exchange of letters", ["the Uzbek Foreign Ministry", "the Turkish Foreign Ministry"],
     "on consulates"),
    ("Memorandum between the two academies in the field of science and education",
     "memorandum", [], "between the two academies in the field of science and education"),
    ("Agreement between the Governments of Azerbaijan, Georgia and Turkey on tariffs",
     "agreement", ["the Government of Azerbaijan", "the Government of Georgia",
                   "the Government of Turkey"], "on tariffs"),
    ("MOU between the Ministry of Ecology, Geology and Mining of Mongolia and Ulaanbaatar "
     "University", "memorandum of understanding",
     ["the Ministry of Ecology, Geology and Mining of Mongolia", "Ulaanbaatar University"], ""),
    ("Convention between the Republic of Austria and the Slovak Republic for the avoidance of "
     "double taxation", "convention", ["the Republic of Austria", "the Slovak Republic"],
     "for the avoidance of double taxation"),
])
def test_parties_and_subjects(title, instrument, parties, subject):
    parsed = parse_title(title)
    found = [p for p in (parsed["party_a"], parsed["party_b"], parsed["party_c"]) if p]
    assert (parsed["instrument"], found, parsed["subject"]) == (instrument, parties, subject)


def test_the_vocabulary_comes_from_the_codebook():
    kinds = {row.label for row in codebooks.instruments(codebooks.load("instruments"))}
    for title in ("Decision on the chairmanship", "MoU on tourism", "Exchange of Notes on aid",
                  "Regulations on the Joint Commission", "Protocol of Intent on rail",
                  "Action Plan for 2024", "Contract on supply", "Joint Communiqué",
                  "Convention on taxes", "Charter of the Council", "Plan of action on trade"):
        assert instrument_of(title)[0] in kinds
    assert instrument_of("MOU on tourism")[0] == "memorandum of understanding"
    assert instrument_of("Plan of action on trade")[0] == "action plan"


def test_notes_under_items_and_numbering_across_them():
    frame = _rows("1. Agreement on trade\nSigned by: the two ministers\n\n"
                  "2. Protocol on transit\nThe protocol opens a new route, officials said.\n\n"
                  "3. Memorandum on tourism\n")
    assert frame["title"].tolist() == ["Agreement on trade", "Protocol on transit",
                                       "Memorandum on tourism"]
    # numbering that does not go on is a new list, which needs a lead-in of its own
    assert len(_rows("1. Agreement on trade;\n2. Protocol on transit.\nThe talks ended.\n"
                     "7. Memorandum on tourism\n")) == 2


def test_passive_run_in_needs_two_pieces():
    frame = _rows("During the visit, agreements on visas and on transit were signed.")
    assert frame["title"].tolist() == ["agreements on visas", "on transit"]
    assert frame["instrument"].tolist() == ["agreement", "agreement"]
    assert parse_signed_documents("An agreement on visas was signed in 2020.").empty


def test_a_long_unwrapped_item_does_not_swallow_the_next_line():
    text = ("The following documents were signed:\n"
            "1. Memorandum of Understanding between the Ministry of Health of Mongolia and the "
            "Ministry of Health of Japan on cooperation in the field of health\n"
            "Officials from both ministries attended the ceremony\n")
    assert _rows(text)["title"].tolist() == [
        "Memorandum of Understanding between the Ministry of Health of Mongolia and the Ministry "
        "of Health of Japan on cooperation in the field of health"]


def test_the_colon_of_the_lead_in_is_not_the_datelines():
    frame = _rows("BAKU, 2 May (AZERTAC): The sides signed: an agreement on trade, a memorandum "
                  "on transit and a protocol on tourism.")
    assert frame["instrument"].tolist() == ["agreement", "memorandum", "protocol"]


def test_a_note_on_the_signatories_is_not_part_of_the_title():
    frame = _rows("The following documents were signed:\n"
                  "– “Agreement on trade” – signed by the Ministers of Trade;\n"
                  "– Protocol on transit (signed by the deputy ministers).\n")
    assert frame["title"].tolist() == ["“Agreement on trade”", "Protocol on transit"]
    assert frame["subject"].tolist() == ["on trade", "on transit"]


def test_subheadings_over_groups_of_items_are_not_items():
    frame = _rows("The following documents were signed:\n"
                  "I. Political documents\n1. Joint Statement on friendship\n"
                  "II. Cooperation documents\n2. Agreement on trade\n\n"
                  "Commercial agreements:\nContract on the supply of wheat;\n"
                  "Memorandum on a joint venture.\n")
    assert frame["title"].tolist() == ["Joint Statement on friendship", "Agreement on trade",
                                       "Contract on the supply of wheat",
                                       "Memorandum on a joint venture"]


def test_a_row_of_a_flattened_table_is_its_first_cell():
    frame = _rows("List of Outcomes\n\nS.No.\tName of MoU/Agreement\tDescription\n"
                  "1.\tAgreement on visas\tThe Agreement will ease travel.\n"
                  "2.\tProgramme of cultural exchanges\tThe Programme is for 2025-2027.\n")
    assert frame["title"].tolist() == ["Agreement on visas", "Programme of cultural exchanges"]


def test_a_company_name_and_nested_straight_quotes_end_a_party():
    assert parse_title("Contract between the State Concern “Turkmengaz” and Hyundai "
                       "Engineering Co., Ltd. for the construction of a plant")["party_b"] == \
        "Hyundai Engineering Co., Ltd."
    parsed = parse_title('Agreement on a joint venture between JSC "NC "Kazakhstan Temir '
                         'Zholy" and "Azerbaijan Railways" CJSC')
    assert (parsed["party_a"], parsed["party_b"]) == ('JSC "NC "Kazakhstan Temir Zholy"',
                                                      '"Azerbaijan Railways" CJSC')
    parsed = parse_title("Plan of consultations between the Foreign Ministries of Russia and "
                         "Uzbekistan for 2025-2026")
    assert (parsed["party_a"], parsed["party_b"]) == ("the Foreign Ministry of Russia",
                                                      "the Foreign Ministry of Uzbekistan")


def test_plurals_naming_kinds_of_documents_are_no_rows():
    assert parse_signed_documents(
        "Pakistan and Uzbekistan on Monday signed agreements and memoranda of understanding "
        "worth $2.5 billion.").empty


def test_a_quoted_title_signed_in_a_sentence_is_one_row_unless_signed_earlier():
    frame = _rows("The Presidents signed the “Declaration on strategic partnership”.\n\n"
                  "The “Agreement between the Government of A and the Government of B on "
                  "trade” was signed. The document was signed by the two ministers.\n")
    assert frame["instrument"].tolist() == ["declaration", "agreement"]
    assert frame.loc[1, "party_b"] == "the Government of B"
    assert parse_signed_documents("In 2019 the sides signed the “Agreement on trade”.").empty
    assert parse_signed_documents("The “Agreement on trade” is to be signed.").empty


def test_a_title_in_capitals_is_read_in_title_case():
    parsed = parse_title("AGREEMENT ON TRANSIT TRADE BETWEEN THE GOVERNMENT OF THE REPUBLIC OF "
                         "KAZAKHSTAN AND THE GOVERNMENT OF TURKMENISTAN")
    assert (parsed["instrument"], parsed["party_a"], parsed["party_b"], parsed["subject"]) == (
        "agreement", "THE GOVERNMENT OF THE REPUBLIC OF KAZAKHSTAN",
        "THE GOVERNMENT OF TURKMENISTAN", "ON TRANSIT TRADE")


def test_a_table_flattened_one_cell_a_line():
    frame = _rows("List of Outcomes during the official visit of the Prime Minister of A to B\n"
                  "\nS.No.\nName of MoU/Agreement\nDescription\n"
                  "1.\nAgreement on visas\nThe Agreement will ease travel.\n"
                  "2.\nProgramme of cultural exchanges\nExchange of artists and of exhibitions.\n")
    assert frame["title"].tolist() == ["Agreement on visas", "Programme of cultural exchanges"]


def test_a_sentence_after_the_title_within_an_item_is_not_the_title():
    frame = _rows("The following documents were signed:\n"
                  "- Memorandum on healthcare. The memorandum provides for training;\n"
                  "- Contract with Hyundai Engineering Co. Ltd. for a plant.\n")
    assert frame["title"].tolist() == ["Memorandum on healthcare",
                                       "Contract with Hyundai Engineering Co. Ltd. for a plant"]


def test_signatories_named_before_the_instrument_are_the_parties():
    parsed = parse_title("Mongolia's Ministry of Economy and Development and Japan International "
                         "Cooperation Agency (JICA) signed a Loan Agreement for the Airport")
    assert (parsed["instrument"], parsed["party_a"], parsed["party_b"], parsed["subject"]) == (
        "agreement", "Mongolia's Ministry of Economy and Development",
        "Japan International Cooperation Agency (JICA)", "for the Airport")
    parsed = parse_title("MoU on mining between Mongolia's Ministry of Mining and Heavy Industry "
                         "and Japan's Ministry of Economy, Trade and Industry")
    assert parsed["party_a"] == "Mongolia's Ministry of Mining and Heavy Industry"


def test_one_document_signed_beside_a_run_in_list_but_not_alone():
    text = ("The two heads of state signed a joint statement on partnership. They also "
            "witnessed the signing of documents, including an agreement on visas and a plan "
            "for mining.")
    assert _rows(text)["instrument"].tolist() == ["joint statement", "agreement", "plan"]
    assert parse_signed_documents(
        "The two heads of state signed a joint statement on partnership.").empty


def test_a_numbered_list_of_outcomes_in_sentences():
    frame = _rows("List of Outcomes of the Summit\n\n"
                  "1. The Ministry of Trade of A and the Ministry of Trade of B signed the "
                  "Memorandum on Investment.\n\n"
                  "2. A will support B in hosting the Forum.\n\n"
                  "3. The two sides signed the Agreement on Customs.\n\n"
                  "4. The two sides agreed to open a direct flight.\n")
    assert frame["instrument"].tolist() == ["memorandum", "agreement"]
    assert (frame.loc[0, "party_a"], frame.loc[0, "subject"]) == ("the Ministry of Trade of A",
                                                                   "on Investment")


def test_signature_lead_in_space_columns_and_a_number_of_others():
    frame = _rows("The leaders welcomed the signature of: the Memorandum on raw materials; and "
                  "the Financing Agreement for connectivity.")
    assert frame["instrument"].tolist() == ["memorandum", "agreement"]
    frame = _rows("List of Agreements signed\n\nNo.   Agreement      Signatory\n"
                  "1.    Agreement on defence     Minister of Defence\n"
                  "2.    Programme of culture     Secretary (Culture)\n")
    assert frame["title"].tolist() == ["Agreement on defence", "Programme of culture"]
    frame = _rows("A package of documents was signed, including the Memorandum on trade, the "
                  "Programme of culture for 2025-2027 and a number of others.")
    assert frame["subject"].tolist() == ["on trade", "of culture for 2025-2027"]


def test_an_item_saying_its_title_was_signed_and_a_list_naming_no_instrument():
    frame = _rows("The following documents were signed:\n"
                  "- The Agreement on agriculture was signed by the Ministers of Agriculture;\n"
                  "- The Programme of culture for 2025-2028 was signed by the two ministers.\n")
    assert frame["title"].tolist() == ["The Agreement on agriculture",
                                       "The Programme of culture for 2025-2028"]
    assert frame["instrument"].tolist() == ["agreement", "programme"]
    assert parse_signed_documents("Following the talks, the following agreements were reached:\n"
                                  "- to increase trade to $10 billion;\n"
                                  "- to launch a joint venture.\n").empty


def test_a_heading_of_kinds_and_a_note_after_a_closing_quote():
    frame = _rows("List of Outcomes\n\nAgreements/MoUs\n\n"
                  "•\tAgreement on disaster management\n•\tMoU on training of diplomats\n")
    assert frame["title"].tolist() == ["Agreement on disaster management",
                                       "MoU on training of diplomats"]
    frame = _rows("The following documents were signed:\n"
                  "- “Agreement on digital development” signed by the Ministers;\n"
                  "- “Plan of Joint Actions for 2025-2026” signed by the Ministers.\n")
    assert frame["subject"].tolist() == ["on digital development", "for 2025-2026"]
    assert frame["instrument"].tolist() == ["agreement", "action plan"]


def test_lists_of_documents_planned_or_in_force_give_no_row():
    assert parse_signed_documents(
        "The programme of the visit provides for the signing of the following documents:\n"
        "– Agreement on visa-free travel;\n– Programme of cultural cooperation.\n").empty
    assert parse_signed_documents(
        "The legal framework of relations comprises more than 50 documents, including:\n"
        "– Treaty on Friendship of 1993;\n– Agreement on the Border of 2001.\n").empty
    assert parse_signed_documents(
        "The commission reviewed the documents:\n"
        "– Treaty on Friendship of 1993;\n– Agreement on the Border of 2001.\n").empty
    assert len(_rows("The following documents were signed:\n"
                     "– Agreement on visa-free travel;\n"
                     "– Protocol amending the Agreement on the Border of 2001.\n")) == 2


# ---------------------------------------------------------------- article paragraphs, spread
# enumerations and elliptical parties (texts written for these tests)

def _kinds_and_subjects(text):
    frame = parse_signed_documents(text)
    return list(zip(frame["instrument"], frame["subject"], strict=True))


def test_article_paragraphs_after_a_lead_in_even_when_the_first_names_no_instrument():
    text = ("The following documents were signed:\n\n"
            "A document on cooperation in the field of sport between the sports committees.\n\n"
            "An agreement on air services.\n\n"
            "A youth exchange document for 2027-2028\n\n"
            "The ceremony took place at the residence.\n")
    assert _kinds_and_subjects(text) == [
        ("", "A document on cooperation in the field of sport between the sports committees"),
        ("agreement", "on air services"),
        ("", "A youth exchange document for 2027-2028")]
    # without a lead-in, or with one to drafts, the same paragraphs are no list
    assert parse_signed_documents(text.split("\n\n", 1)[1]).empty
    assert parse_signed_documents(text.replace("The following documents were signed:",
                                               "The experts discussed the draft documents:")
                                  ).empty


def test_an_enumeration_spread_over_paragraphs():
    text = ("Astana, 1 March 2027: The Presidents affixed their signatures to the Joint "
            "Declaration on friendship.\n\n"
            "Later, the Agreement on trade and the Memorandum on tourism were also signed.\n\n"
            "In addition, the Roadmap on industry was adopted by the ministers.\n\n"
            "The Treaty on the border was signed in 1998.\n")
    assert _kinds_and_subjects(text) == [("joint declaration", "on friendship"),
                                         ("agreement", "on trade"), ("memorandum", "on tourism"),
                                         ("roadmap", "on industry")]
    # a paragraph saying one document was signed, with no list beside it, gives no row
    assert parse_signed_documents("The Agreement on trade has also been signed.").empty


def test_a_run_in_list_signed_earlier_or_described_gives_no_row():
    assert parse_signed_documents(
        "In 1997, the Presidents signed the Treaty on friendship and the Agreement on trade."
    ).empty
    assert _kinds_and_subjects(
        "The sides signed the Agreement on trade and the Memorandum on tourism. The Agreement "
        "on visas, which was signed by the ministers, allows stays of 30 days.") == [
        ("agreement", "on trade"), ("memorandum", "on tourism")]
    assert parse_signed_documents("The following agreements were reached:\n\n"
                                  "An agreement to open a trade house;\n\n"
                                  "An agreement to add flights.\n").empty


@pytest.mark.parametrize("title, parties, subject", [
    ("Agreement between the Ministries of Agriculture and Water Resources of Kyrgyzstan and "
     "Tajikistan on irrigation", ["the Ministry of Agriculture and Water Resources of Kyrgyzstan",
                                  "the Ministry of Agriculture and Water Resources of Tajikistan"],
     "on irrigation"),
    ("Memorandum between the Kyrgyz and Tajik energy ministries on power exchanges",
     ["the Kyrgyz energy ministry", "the Tajik energy ministry"], "on power exchanges"),
    ("Memorandum between the Kazakh and Uzbek Chambers of Commerce and Industry on a council",
     ["the Kazakh Chamber of Commerce and Industry", "the Uzbek Chamber of Commerce and Industry"],
     "on a council"),
    ("Protocol between the customs services on data and joint inspections", [],
     "between the customs services on data and joint inspections"),
    ("Memorandum between the Energy Ministries of the two countries on grids and storage", [],
     "between the Energy Ministries of the two countries on grids and storage"),
    ("Programme between the chambers of commerce and industry of the two countries", [],
     "between the chambers of commerce and industry of the two countries"),
])
def test_elliptical_parties(title, parties, subject):
    parsed = parse_title(title)
    assert [p for p in (parsed["party_a"], parsed["party_b"], parsed["party_c"]) if p] == parties
    assert parsed["subject"] == subject


@pytest.mark.parametrize("title, parties, subject", [
    ("Agreement between the Kazakh, Kyrgyz and Uzbek Governments on water sharing",
     ["the Kazakh Government", "the Kyrgyz Government", "the Uzbek Government"],
     "on water sharing"),
    ("Memorandum between the Mongolian and Turkmen Academies of Sciences on joint research",
     ["the Mongolian Academy of Sciences", "the Turkmen Academy of Sciences"],
     "on joint research"),
    ("Protocol between the Customs Services of Tajikistan and Uzbekistan on data exchange",
     ["the Customs Service of Tajikistan", "the Customs Service of Uzbekistan"],
     "on data exchange"),
    ("Programme of cooperation between the Ministries of Culture and Tourism of the Republic of "
     "Azerbaijan and the Republic of Kazakhstan for 2027-2029",
     ["the Ministry of Culture and Tourism of the Republic of Azerbaijan",
      "the Ministry of Culture and Tourism of the Republic of Kazakhstan"],
     "of cooperation for 2027-2029"),
    ("Agreement between the Uzbek and Afghan Central Banks on payments in national currencies",
     ["the Uzbek Central Bank", "the Afghan Central Bank"], "on payments in national currencies"),
    ("Joint Communiqué of the Foreign Ministries of Kazakhstan and Mongolia",
     ["the Foreign Ministry of Kazakhstan", "the Foreign Ministry of Mongolia"], ""),
    ("AGREEMENT BETWEEN THE KAZAKH AND RUSSIAN GOVERNMENTS ON GAS",
     ["THE KAZAKH GOVERNMENT", "THE RUSSIAN GOVERNMENT"], "ON GAS"),
    # controls: no body is shared, or its members are the names themselves, or none is named
    ("Agreement between Kazakhstan and Russian Railways on freight transit",
     ["Kazakhstan", "Russian Railways"], "on freight transit"),
    ("Agreement between the United States of America and the United Arab Emirates on aviation",
     ["the United States of America", "the United Arab Emirates"], "on aviation"),
    ("Twinning agreement between the cities of Almaty and Tashkent", ["Almaty", "Tashkent"], ""),
    ("Joint Declaration of the Presidents of Kazakhstan and Mongolia",
     ["Kazakhstan", "Mongolia"], ""),
    ("Joint Statement of the Ministers of Energy of Kazakhstan and Uzbekistan",
     ["Kazakhstan", "Uzbekistan"], ""),
    ("Memorandum between the education ministries on student exchanges", [],
     "between the education ministries on student exchanges"),
    ("Agreement between the Governments of the two countries on visas", [],
     "between the Governments of the two countries on visas"),
])
def test_a_shared_plural_body_is_one_body_of_each_name(title, parties, subject):
    parsed = parse_title(title)
    assert [p for p in (parsed["party_a"], parsed["party_b"], parsed["party_c"]) if p] == parties
    assert parsed["subject"] == subject


def test_and_an_article_opens_the_next_piece_of_a_run_in_list():
    assert _kinds_and_subjects(
        "The sides signed a memorandum between the foreign ministries on consultations and "
        "visas and a programme of cooperation for 2027.") == [
        ("memorandum", "between the foreign ministries on consultations and visas"),
        ("programme", "of cooperation for 2027")]


def test_inverted_signing_plural_bodies_and_documents_still_to_come():
    assert _kinds_and_subjects(
        "The Presidents signed the Joint Statement on partnership and the Agreement on space.\n\n"
        "Also signed were the Memorandum on health and the Programme of exchanges.\n") == [
        ("joint statement", "on partnership"), ("agreement", "on space"),
        ("memorandum", "on health"), ("programme", "of exchanges")]
    parsed = parse_title("Memorandum between the Academies of Sciences of Turkmenistan and "
                         "Azerbaijan on research")
    assert (parsed["party_a"], parsed["party_b"], parsed["subject"]) == (
        "the Academy of Sciences of Turkmenistan", "the Academy of Sciences of Azerbaijan",
        "on research")
    parsed = parse_title("Agreement between the Republic of Kazakhstan and the United States of "
                         "America on trade")
    assert (parsed["party_a"], parsed["party_b"]) == ("the Republic of Kazakhstan",
                                                      "the United States of America")
    assert parse_signed_documents("The working group will prepare the following documents:\n\n"
                                  "An agreement on water;\n\nA memorandum on weather.\n").empty
    assert parse_signed_documents("The Treaty on Friendship and the Agreement on Trade have been "
                                  "signed since independence.").empty
