"""The event coder on sentences we wrote and on the seed article, with actors, times and places given
to it the way the earlier components leave them on the Doc."""

from __future__ import annotations

import re

import pytest

from newsgraph.extract.events.core import extract_events
from newsgraph.extract.sections import REFERENCE_DATE_KEY, set_actor_mentions, set_section

CODES = {"Putin": "RUSGOV", "Lukashenko": "BLRGOV", "Russia": "RUS", "Belarus": "BLR", "media": "MED"}


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_model

    return load_model()


def register_actors(doc) -> None:
    """Actor mentions for the names we use, as the actors component would leave them."""
    mentions = []
    for name, code in CODES.items():
        for match in re.finditer(rf"\b{name}\b", doc.text):
            mentions.append(
                {
                    "start": match.start(),
                    "end": match.end(),
                    "text": name,
                    "actor": code,
                    "actor_id": code,
                    "name": name,
                }
            )
    set_actor_mentions(doc, mentions)


def coded(nlp, text: str, published: str = "2020-09-14"):
    doc = nlp(text)
    doc.user_data[REFERENCE_DATE_KEY] = published
    register_actors(doc)
    return doc, extract_events(doc)


def triples(events):
    return {(e["code"], (e["source"] or {}).get("actor"), (e["target"] or {}).get("actor")) for e in events}


def test_verbal_event_with_spans_and_contract_fields(nlp):
    doc, events = coded(nlp, "Putin hosted Lukashenko in Sochi.")
    event = next(e for e in events if e["code"] == "043")
    assert event["source"] == {"text": "Putin", "start": 0, "end": 5, "actor": "RUSGOV", "actor_id": "RUSGOV"}
    assert event["target"]["text"] == "Lukashenko" and event["target"]["actor"] == "BLRGOV"
    assert event["trigger"] == {"text": "hosted", "start": 6, "end": 12}
    assert event["root"] == "04" and event["quad_class"] == 1 and event["goldstein"] == 2.8
    assert event["plover"] == {"event": "CONSULT", "mode": "visit"}
    assert event["modality"] == "asserted" and not event["negated"] and event["attributed_to"] is None
    assert event["date"] == "2020-09-14" and event["date_basis"] == "published" and event["id"] == "v1"


def test_symmetric_verb_with_coordinated_subjects_gives_both_directions(nlp):
    _, events = coded(nlp, "Russia and Belarus met in Sochi.")
    assert {("040", "RUS", "BLR"), ("040", "BLR", "RUS")} <= triples(events)


def test_meeting_a_demand_is_not_a_meeting(nlp):
    _, events = coded(nlp, "Russia struggled to meet demand for gas.")
    assert not any(e["root"] == "04" for e in events)


def test_passive_takes_the_source_from_by(nlp):
    _, events = coded(nlp, "Lukashenko was criticized by Putin.")
    assert ("111", "RUSGOV", "BLRGOV") in triples(events)


def test_light_verb_noun_event(nlp):
    _, events = coded(nlp, "Putin had a meeting with Lukashenko on Monday.")
    assert ("040", "RUSGOV", "BLRGOV") in triples(events)
    assert any(e["trigger"]["text"] == "had a meeting" for e in events)


def test_relative_clause_subject_is_the_antecedent(nlp):
    _, events = coded(nlp, "Putin met Lukashenko, who arrived in Russia for talks.")
    assert ("042", "BLRGOV", "RUS") in triples(events)


def test_reported_event_and_the_statement(nlp):
    _, events = coded(nlp, "Lukashenko said that Russia attacked Belarus.")
    statement = next(e for e in events if e["code"] == "010")
    attack = next(e for e in events if e["code"] == "180")
    assert statement["source"]["actor"] == "BLRGOV" and statement["modality"] == "asserted"
    assert attack["modality"] == "reported" and (attack["source"]["actor"], attack["target"]["actor"]) == ("RUS", "BLR")


def test_reported_event_is_attributed_to_the_covering_quote(nlp):
    doc = nlp('"Russia attacked Belarus," Lukashenko said.')
    set_section(doc, "quotes", [{"id": "q1", "start": 1, "end": 24, "text": doc.text[1:24]}])
    event = next(e for e in extract_events(doc) if e["code"] == "180")
    assert event["attributed_to"] == "q1" and event["modality"] == "reported"


def test_negation_is_never_asserted(nlp):
    _, events = coded(nlp, "Putin said that Russia was not going to interfere in the internal affairs of Belarus.")
    interfere = next(e for e in events if "interfere" in e["trigger"]["text"])
    assert interfere["negated"] and interfere["modality"] != "asserted"
    _, events = coded(nlp, "Russia supported Belarus without interfering in its affairs.")
    assert next(e for e in events if "interfer" in e["trigger"]["text"])["negated"]


def test_modality_intended_and_hypothetical(nlp):
    _, events = coded(nlp, "Russia will attack Belarus.")
    threat = next(e for e in events if e["trigger"]["text"] == "attack")
    assert threat["code"] == "138" and threat["modality"] == "intended"  # an announced attack is a threat
    _, events = coded(nlp, "Russia will provide aid to Belarus.")
    assert ("033", "RUS", "BLR") in triples(events)
    _, events = coded(nlp, "It is unknown whether Russia is going to provide military support to Belarus.")
    aid = next(e for e in events if e["root"] == "07")
    assert aid["code"] == "072" and aid["modality"] == "hypothetical"
    _, events = coded(nlp, "If Russia attacks Belarus, the alliance will respond.")
    assert next(e for e in events if e["code"] == "180")["modality"] == "hypothetical"


def test_must_in_a_reported_clause_is_a_demand(nlp):
    _, events = coded(nlp, "Lukashenko said that Russia must provide aid to Belarus.")
    assert ("103", "BLRGOV", "RUS") in triples(events)


def test_a_speaker_announcing_its_own_act_expresses_intent(nlp):
    _, events = coded(nlp, "Russia said it would provide aid to Belarus.")
    assert ("033", "RUS", "BLR") in triples(events)


def test_promises_are_intent_codes_refined_by_what_is_promised(nlp):
    _, events = coded(nlp, "Lukashenko promised to talk to Putin.")
    assert ("036", "BLRGOV", "RUSGOV") in triples(events)
    _, events = coded(nlp, "Putin promised that Russia would fulfill all its obligations to Belarus.")
    assert ("030", "RUSGOV", "BLR") in triples(events)


def test_date_and_place_come_from_the_events_own_clause(nlp):
    text = "In October 2000, at a similar meeting in Sochi with Lukashenko, Putin also said that Russia would help."
    doc = nlp(text)
    doc.user_data[REFERENCE_DATE_KEY] = "2020-09-14"
    register_actors(doc)
    october, sochi = text.index("October 2000"), text.index("Sochi")
    set_section(
        doc,
        "times",
        [
            {
                "id": "t1",
                "text": "October 2000",
                "start": october,
                "end": october + 12,
                "type": "DATE",
                "value": "2000-10",
            }
        ],
    )
    set_section(
        doc,
        "places",
        [{"id": "p1", "text": "Sochi", "start": sochi, "end": sochi + 5, "name": "Sochi", "country": "RUS"}],
    )
    meeting = next(e for e in extract_events(doc) if e["root"] == "04")
    assert (meeting["source"]["actor"], meeting["target"]["actor"]) == ("RUSGOV", "BLRGOV")
    assert meeting["date"] == "2000-10" and meeting["date_basis"] == "text" and meeting["place"] == "p1"


def test_spans_hold_the_text(nlp):
    doc, events = coded(
        nlp,
        "Russian President Vladimir Putin had a meeting with President of the Republic of Belarus "
        "Alexander Lukashenko, who arrived in Russia for a work visit.",
    )
    for event in events:
        for part in ("source", "target", "trigger"):
            if event[part]:
                assert doc.text[event[part]["start"] : event[part]["end"]] == event[part]["text"]
    assert any(e["target"] and e["target"]["text"].endswith("Alexander Lukashenko") for e in events)


def seed_doc(nlp, text: str):
    """The seed's Doc with the actors, times and places a careful reader marks."""
    doc = nlp(text)
    doc.user_data[REFERENCE_DATE_KEY] = "2020-09-14"
    register_actors(doc)
    times = []
    for words, value in (("September 14", "2020-09-14"), ("October 2000", "2000-10")):
        start = text.index(words)
        times.append(
            {
                "id": f"t{len(times) + 1}",
                "text": words,
                "start": start,
                "end": start + len(words),
                "type": "DATE",
                "value": value,
            }
        )
    set_section(doc, "times", times)
    places = []
    for name, country in (("Sochi", "RUS"), ("Minsk", "BLR")):
        for match in re.finditer(name, text):
            places.append(
                {
                    "id": f"p{len(places) + 1}",
                    "text": name,
                    "start": match.start(),
                    "end": match.end(),
                    "name": name,
                    "country": country,
                }
            )
    set_section(doc, "places", places)
    return doc, places


def test_seed_events(nlp, seed_article):
    text = seed_article.text
    doc, places = seed_doc(nlp, text)
    events = extract_events(doc)
    names = {p["id"]: p["name"] for p in places}

    def between(e, a, b):
        return ((e["source"] or {}).get("actor") or "").startswith(a) and (
            (e["target"] or {}).get("actor") or ""
        ).startswith(b)

    def asserted(e):
        return not e["negated"] and e["modality"] == "asserted"

    meeting = [e for e in events if e["root"] == "04" and (between(e, "RUS", "BLR") or between(e, "BLR", "RUS"))]
    assert any(e["date"] == "2020-09-14" and names.get(e["place"]) == "Sochi" for e in meeting)
    assert any(
        e["trigger"]["text"] == "had a meeting" and e["source"]["text"].endswith("Vladimir Putin") for e in meeting
    )
    assert any(e["date"] == "2000-10" for e in meeting)
    thanks_2000 = [e for e in events if e["trigger"]["text"] == "thanked" and e["date"] == "2000-10"]
    assert thanks_2000 and thanks_2000[0]["date_basis"] == "text"  # "Lukashenko then thanked Putin"
    assert any(
        e["root"] == "05" and between(e, "RUS", "BLR") and e["trigger"]["text"] == "congratulate" for e in events
    )
    assert any(e["root"] == "05" and between(e, "BLR", "RUS") and e["trigger"]["text"] == "thanked" for e in events)
    assert any(e["root"] == "03" and between(e, "RUS", "BLR") and e["trigger"]["text"] == "promised" for e in events)
    assert any(e["root"] == "11" and between(e, "BLR", "MED") for e in events)
    assert any(e["root"] == "14" and names.get(e["place"]) == "Minsk" for e in events)
    assert not any(asserted(e) and "interfer" in e["trigger"]["text"] for e in events)
    assert not any(
        asserted(e) and e["quad_class"] == 4 and (between(e, "RUS", "BLR") or between(e, "BLR", "RUS")) for e in events
    )


def test_a_titled_name_takes_the_persons_actor_code(nlp):
    text = "Putin had a meeting with President of the Republic of Belarus Alexander Lukashenko."
    doc = nlp(text)
    belarus, name = text.index("Republic of Belarus"), text.index("Alexander Lukashenko")
    set_actor_mentions(
        doc,
        [
            {"start": 0, "end": 5, "actor": "RUSGOV", "actor_id": "a1", "name": "Putin"},
            {"start": belarus, "end": belarus + 19, "actor": "BLR", "actor_id": "a2", "name": "Belarus"},
            {"start": name, "end": name + 20, "actor": "BLRGOV", "actor_id": "a3", "name": "Lukashenko"},
        ],
    )
    meeting = next(e for e in extract_events(doc) if e["source"]["actor"] == "RUSGOV")
    assert meeting["target"]["actor"] == "BLRGOV" and meeting["target"]["actor_id"] == "a3"


def test_where_a_symmetric_meeting_happened_is_not_a_party(nlp):
    _, events = coded(nlp, "The two ministers met for three hours at Blackwater Lodge.")
    meetings = [e for e in events if e["code"] == "040"]
    assert meetings and all(
        "Lodge" not in ((e["target"] or {}).get("text") or "") + ((e["source"] or {}).get("text") or "")
        for e in meetings
    )
