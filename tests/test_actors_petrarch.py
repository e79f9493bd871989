"""Reading PETRARCH/TABARI actor and agent dictionaries: a small dictionary written here, and the
Phoenix dictionaries from ../shared when present."""

from __future__ import annotations

import pytest

from newsgraph.extract.actors.kb import load_kb
from newsgraph.extract.actors.lexicon import Lexicon
from newsgraph.extract.actors.petrarch import petrarch_date, read_petrarch_text

ACTORS = """\
# a comment line
FREEDONIA_ [FRE]
+FREEDONIAN_
+FREEDONIA_CITY_ # the capital, coded as the country

RUFUS_FIREFLY_  # a leader
+FIREFLY_
+PRESIDENT_FIREFLY_
	[FREELI 700101-330101]
	[FREGOV 330101-331231]
	[FREGOV >20000115]
	[FRE]
TRENTINO_
	[SYLGOV <991231]
	[SYLELI]

THE_LEAGUE_OF_NATIONS_ [IGOLON]
LON_
SYLVANIAN_ARMY [SYLMIL]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
POLICE {} [~COP]
POLICE!PERSON! [~COP]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
PEACEKEEPING_TROOPS {} [IGO~]
"""


def test_dates_with_two_and_four_digit_years():
    assert petrarch_date("080508") == "2008-05-08"
    assert petrarch_date("720101") == "1972-01-01"
    assert petrarch_date("19870101") == "1987-01-01"


def test_actor_entries_with_synonyms_and_dated_codes():
    kb = read_petrarch_text(ACTORS)
    firefly = kb.people["Rufus Firefly"]
    assert {"FIREFLY", "PRESIDENT FIREFLY", "RUFUS FIREFLY"} <= firefly.aliases
    assert firefly.code_on("1933-06-01") == "FREGOV"
    assert firefly.code_on("1950-06-01") == "FRE"  # outside every dated code: the undated default
    assert firefly.code_on("2020-06-01") == "FREGOV"
    assert kb.people["Trentino"].code_on("1990-01-01") == "SYLGOV"
    assert kb.people["Trentino"].code_on("2001-01-01") == "SYLELI"
    named = {o.name: o for o in kb.organisations}
    assert named["Freedonia"].kind == "country" and "FREEDONIA CITY" in named["Freedonia"].aliases
    assert named["The League Of Nations"].code == "IGOLON" and "LON" in named["The League Of Nations"].aliases
    assert named["Sylvanian Army"].code == "SYLMIL"


def test_agent_entries_with_macros_and_plurals():
    roles = read_petrarch_text(AGENTS).roles
    assert roles["police"].sector == "COP" and roles["policewomen"].sector == "COP"
    assert roles["chambers of commerce"].sector == "BUS"
    assert roles["peacekeeping troops"].sector == "IGO"


def test_dictionary_phrases_match_in_any_case_but_start_with_a_capital():
    lexicon = Lexicon(read_petrarch_text(ACTORS))
    text = "President Firefly of Freedonia met the sylvanian army and the Sylvanian Army."
    found = {(text[h.start : h.end], h.kind) for h in lexicon.find(text)}
    assert ("President Firefly", "person") in found and ("Freedonia", "country") in found
    assert ("the Sylvanian Army", "org") in found and ("sylvanian army", "org") not in found


@pytest.fixture(scope="module")
def phoenix():
    from tests.conftest import shared_path

    folder = shared_path("dictionaries", "petrarch2")
    names = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.agents.txt")
    return load_kb(tuple(str(folder / name) for name in names))


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Vladimir Putin", "2020-09-14", "RUSGOV"),
        ("Vladimir Putin", "1995-01-01", "RUSELI"),
        ("Alyaksandr Lukashenka", "2020-09-14", "BLRGOV"),
        ("Alyaksandr Lukashenka", "1990-01-01", "BLRELI"),
    ],
)
def test_phoenix_leaders_by_date(phoenix, name, date, code):
    assert phoenix.people[name].code_on(date) == code


def test_phoenix_names_and_agents_are_found(phoenix):
    lexicon = Lexicon(phoenix)
    text = "Russian President Vladimir Putin told the United Nations that police in Belarus were calm."
    found = {text[h.start : h.end]: h for h in lexicon.find(text)}
    assert found["Russian President Vladimir Putin"].key == "Vladimir Putin"
    assert phoenix.organisations[int(found["the United Nations"].key)].code == "IGOUNO"
    assert found["police"].kind == "role" and phoenix.roles["police"].sector == "COP"
    assert found["Belarus"].kind == "country" and found["Belarus"].key == "BLR"


def test_builtin_and_phoenix_combined_keep_our_titles(phoenix):
    kb = load_kb(("builtin",))
    kb.extend(phoenix)
    assert kb.roles["president"].office == "president"
    assert kb.people["Vladimir Putin"].code_on("2020-09-14") == "RUSGOV"
    assert "president" in kb.people["Vladimir Putin"].offices_on("2020-09-14")


@pytest.mark.slow
def test_component_reads_dictionaries_from_its_config(seed_text):
    from newsgraph.extract import sections
    from newsgraph.extract.actors import component  # noqa: F401  (registers the factory)
    from newsgraph.nlp import load_model
    from tests.conftest import shared_path

    phoenix = shared_path("dictionaries", "petrarch2", "Phoenix.Countries.actors.txt")
    nlp = load_model()
    nlp.add_pipe("newsgraph_actors", config={"dictionaries": [str(phoenix)]})
    doc = nlp.make_doc(seed_text)
    doc.user_data[sections.REFERENCE_DATE_KEY] = "2020-09-14"
    doc = nlp(doc)
    codes = {a["name"]: a["code"] for a in sections.get_section(doc, "actors")}
    assert codes["Vladimir Putin"] == "RUSGOV"
    assert "Alexander Lukashenko" not in codes  # Phoenix spells him Lukashenka
