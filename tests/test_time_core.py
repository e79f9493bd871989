"""Temporal expressions found and normalised in sentences we wrote, through the real spaCy pipeline."""

from __future__ import annotations

import pytest
from conftest import assert_spans_match

from newsgraph.extract.sections import REFERENCE_DATE_KEY, get_section

REF = "2020-09-14"  # a Monday


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def times(nlp):
    def run(text: str, reference: str | None = REF) -> list[dict]:
        doc = nlp.make_doc(text)
        doc.user_data[REFERENCE_DATE_KEY] = reference
        found = get_section(nlp(doc), "times")
        assert_spans_match({"text": text, "times": found})
        return found

    return run


def only(found: list[dict], words: str) -> dict:
    hits = [t for t in found if words.lower() in t["text"].lower()]
    assert len(hits) == 1, (words, found)
    return hits[0]


CASES = [
    ("On Monday, September 14, 2020, the two leaders met.", "Monday, September 14, 2020", "DATE", "2020-09-14"),
    ("The treaty was signed in October 2000.", "October 2000", "DATE", "2000-10"),
    ("The data were published on 2020-09-14.", "2020-09-14", "DATE", "2020-09-14"),
    ("On Monday, September 14, the two leaders met.", "September 14", "DATE", "2020-09-14"),
    ("Twenty years ago the two leaders first met.", "Twenty years ago", "DATE", "2000"),
    ("He was closely watching the weekend protests.", "weekend", "DATE", "2020-W37-WE"),
    ("Sales fell last year.", "last year", "DATE", "2019"),
    ("The ministers will meet next month.", "next month", "DATE", "2020-10"),
    ("Police arrested him yesterday.", "yesterday", "DATE", "2020-09-13"),
    ("The court rules today.", "today", "DATE", "2020-09-14"),
    ("The talks are now over.", "now", "DATE", "PRESENT_REF"),
    ("Protests grew over the summer of 2020.", "summer of 2020", "DATE", "2020-SU"),
    ("Profit rose in the third quarter of 2019.", "third quarter", "DATE", "2019-Q3"),
    ("Growth was faster in the 1990s.", "1990s", "DATE", "199"),
    ("The empire fell in the 19th century.", "century", "DATE", "18"),
    ("She has led the party for twenty years.", "twenty years", "DURATION", "P20Y"),
    ("The flight took four hours.", "four hours", "DURATION", "PT4H"),
    ("The committee meets every week.", "every week", "SET", "P1W"),
    ("The vote opened at 10 a.m. in the capital.", "10 a.m.", "TIME", "2020-09-14T10:00"),
    ("Prices have recently risen.", "recently", "DATE", "PAST_REF"),
    ("Nobody knows what happens in the future.", "the future", "DATE", "FUTURE_REF"),
    ("The strike began early last winter.", "winter", "DATE", "2020-WI"),
]


@pytest.mark.parametrize(("text", "words", "kind", "value"), CASES, ids=[c[1] for c in CASES])
def test_expression_is_normalised(times, text, words, kind, value):
    record = only(times(text), words)
    assert (record["type"], record["value"]) == (kind, value)


def test_weekday_follows_the_tense(times):
    wednesday = "2020-09-16"
    assert only(times("The talks took place on Monday.", wednesday), "Monday")["value"] == "2020-09-14"
    assert only(times("The talks will take place on Monday.", wednesday), "Monday")["value"] == "2020-09-21"
    assert only(times("The ministers met on Friday.", wednesday), "Friday")["value"] == "2020-09-11"
    assert only(times("The ministers will meet on Friday.", wednesday), "Friday")["value"] == "2020-09-18"


def test_modifier_on_a_duration(times):
    record = only(times("The closed-door session ran for more than four hours."), "four hours")
    assert record["text"] == "more than four hours"
    assert (record["type"], record["value"], record["mod"]) == ("DURATION", "PT4H", "MORE_THAN")


def test_records_follow_the_contract(times):
    found = times("On Monday the president said that 20 years ago, in October 2000, he met them for two days.")
    assert [t["id"] for t in found] == [f"t{i}" for i in range(1, len(found) + 1)]
    assert all(t["type"] in ("DATE", "TIME", "DURATION", "SET") and t["value"] for t in found)
    assert [t["start"] for t in found] == sorted(t["start"] for t in found)


def test_sets_count_their_frequency_and_skip_attributive_adjectives(times):
    record = only(times("The ministers meet twice a year."), "twice a year")
    assert (record["type"], record["value"], record["freq"]) == ("SET", "P1Y", "2X")
    assert only(times("They meet weekly in Paris."), "weekly")["value"] == "P1W"
    assert times("It is a weekly paper.") == []


def test_no_reference_date_gives_vague_values(times):
    assert only(times("Sales fell last year.", None), "last year")["value"] == "PAST_REF"
    assert only(times("The treaty was signed in October 2000.", None), "October 2000")["value"] == "2000-10"


@pytest.mark.parametrize(
    "text",
    ["May I ask a question?", "The 6-year-old boy was found.", "The Sun reported it.", "Prices fall when rates rise."],
)
def test_look_alikes_are_not_times(times, text):
    assert times(text) == []


def test_component_is_in_the_pipeline(nlp):
    assert "newsgraph_times" in nlp.pipe_names
