"""The PETRARCH-2 verb-dictionary reader and the events component's ``verb_patterns`` option."""

from __future__ import annotations

import pytest

from newsgraph.extract.events.petrarch import read_verb_file, read_verb_text
from newsgraph.extract.events.tables import builtin_patterns, cameo_codes, load_patterns
from tests.conftest import shared_path

# A small dictionary in PETRARCH-2's format, written for these tests.
DICTIONARY = """\
<!-- a comment line -->
&WIDGETS
+GADGETS
+SPARE_PARTS
&PREPS_
+IN
+AT

--- SNUB  [125]  ---
SNUB {SNUBS SNUBBED SNUBBING}   # a verb with its forms
REBUFF
- * INVITATION  [901]
- * FORMAL &WIDGETS INVITATION  [908]
- * &WIDGETS  [902]
- * (AGAINST {THE PLAN})  [903]
- * &PREPS RESOLUTION  [904]
- SAID * TO  [905]
- + * DOWN $  [906:907]

--- VISIT  [042:043]  ---
VISIT

--- DRIFT  [---]  ---
DRIFT
DRIFT_OFF [0874]
- * AWAY  [075A]
"""


@pytest.fixture(scope="module")
def read():
    return read_verb_text(DICTIONARY)


def by(read, lemma, **fields):
    found = [p for p in read.patterns if p.lemma == lemma and all(getattr(p, k) == v for k, v in fields.items())]
    assert found, (lemma, fields, [p for p in read.patterns if p.lemma == lemma])
    return found[0]


def test_groups_synsets_and_defaults(read):
    assert read.groups == 3
    assert read.synsets["WIDGETS"] == ["GADGETS", "SPARE_PARTS"]
    assert by(read, "snub", object=None, prep=None, particle=None).code == "125"
    assert by(read, "rebuff", object=None, prep=None, particle=None).code == "125"  # a group's verbs share it
    assert not [p for p in read.patterns if p.lemma == "drift" and p.particle is None]  # [---]: no default
    assert by(read, "drift", particle="off").code == "0874"


def test_patterns_become_object_and_preposition_constraints(read):
    assert by(read, "snub", code="901").object == "invitation"
    widgets = by(read, "snub", code="902").object.split("|")
    assert {"gadgets", "gadget", "parts", "part"} <= set(widgets)
    against = by(read, "snub", code="903")
    assert (against.prep, against.object) == ("against", "plan")
    assert all(p.target == "phrase" for p in read.patterns)


def test_words_before_the_object_head_are_modifiers(read):
    formal = by(read, "snub", code="908")
    assert formal.object == "invitation"
    assert formal.modifiers[0] == "formal" and "gadget" in formal.modifiers[1].split("|")
    assert by(read, "snub", code="903").modifiers == ()  # "the" is no modifier
    assert formal.specificity > by(read, "snub", code="901").specificity


def test_a_set_of_prepositions_gives_one_pattern_each(read):
    assert {(p.prep, p.object) for p in read.patterns if p.code == "904"} == {
        ("in", "resolution"),
        ("at", "resolution"),
    }


def test_what_our_matcher_cannot_express_is_skipped(read):
    codes = {p.code for p in read.patterns}
    assert "905" not in codes  # words before the verb
    assert not [p for p in read.patterns if p.lemma == "drift" and p.particle == "away"]  # code 075A
    assert read.skipped == 2


def test_paired_codes_give_the_reverse_event(read):
    down = by(read, "snub", code="906")
    assert (down.particle, down.reverse) == ("down", "907")
    assert by(read, "visit").reverse == "043"


def test_codes_outside_cameo_read_as_their_root():
    row = cameo_codes()["902"]
    assert (row["code"], row["root"], row["plover"]) == ("902", "90", None)
    assert cameo_codes()["1717"]["quad_class"] == cameo_codes()["170"]["quad_class"]
    with pytest.raises(KeyError):
        cameo_codes()["---"]


def test_load_patterns_combines_sources(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(DICTIONARY, "utf-8")
    assert load_patterns(("builtin",)) is None
    alone = load_patterns((str(path),))
    assert set(alone) == {("snub", "verb"), ("rebuff", "verb"), ("visit", "verb"), ("drift", "verb")}
    both = load_patterns(("builtin", str(path)))
    assert both[("visit", "verb")] == alone[("visit", "verb")]  # the later source replaces ours for "visit"
    assert both[("arrest", "verb")] == builtin_patterns()[("arrest", "verb")]


@pytest.fixture(scope="module")
def coders(tmp_path_factory):
    """Our model with the events component alone: ours, and one reading the test dictionary."""
    from newsgraph.extract.events import component  # noqa: F401  (registers the factory)
    from newsgraph.nlp import load_model

    path = tmp_path_factory.mktemp("verbs") / "verbs.txt"
    path.write_text(DICTIONARY, "utf-8")
    nlp = load_model()
    nlp.add_pipe("newsgraph_events", name="ours")
    nlp.add_pipe("newsgraph_events", name="loaded", config={"verb_patterns": ["builtin", str(path)]})
    return nlp


def test_component_codes_with_loaded_patterns(coders):
    from newsgraph.extract.sections import get_section

    text = "Arnor snubbed the invitation from Gondor on Wednesday."
    with coders.select_pipes(disable=["ours"]):
        events = get_section(coders(text), "events")
    assert [(e["code"], e["source"]["text"], e["target"]["text"]) for e in events] == [("901", "Arnor", "Gondor")]
    with coders.select_pipes(disable=["loaded"]):
        assert all(e["code"] != "901" for e in get_section(coders(text), "events") or [])


def test_component_requires_the_modifiers(coders):
    from newsgraph.extract.sections import get_section

    with coders.select_pipes(disable=["ours"]):
        events = get_section(coders("Arnor snubbed the formal gadget invitation from Gondor."), "events")
    assert [e["code"] for e in events] == ["908"]


def test_component_emits_reverse_events(coders):
    from newsgraph.extract.sections import get_section

    with coders.select_pipes(disable=["ours"]):
        events = get_section(coders("The Arnor president visited Gondor."), "events")
    found = {(e["code"], e["source"]["text"], e["target"]["text"]) for e in events}
    assert found == {("042", "The Arnor president", "Gondor"), ("043", "Gondor", "The Arnor president")}


def test_petrarch_dictionaries_read():
    validate = read_verb_file(shared_path("eval", "events", "petrarch-unit", "dictionaries", "PETR.Validate.verbs.txt"))
    assert validate.groups == 260 and len(validate.patterns) > 400
    cameo = read_verb_file(shared_path("dictionaries", "petrarch2", "CAMEO.2.0.txt"))
    assert cameo.groups == 397 and len(cameo.patterns) > 30000
    assert all(p.code.isdigit() and len(p.code) in (3, 4) for p in cameo.patterns)
