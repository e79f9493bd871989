"""The pieces of the ConfliBERT-span, IndiaPoliceEvents and PETRARCH-unit scorers, on inputs written here
(the corpora themselves are scored by the slow floor test in test_events_eval.py)."""

from __future__ import annotations

from eval.events_conflibert_spans import Tally as SpanTally
from eval.events_conflibert_spans import align, gold_spans, normal, overlaps
from eval.events_india_police import answers, police_source, sentence_answers
from eval.events_petrarch_unit import INCLUDE, Tally, gold_triples, our_triples

TEXT = "The U.S. army on Monday attacked Iraq's Republican Guard, officials said."
TAGGED = [
    ("The", "B-S"),
    ("U.S.", "I-S"),
    ("army", "I-S"),
    ("on", "O"),
    ("Monday", "O"),
    ("attacked", "O"),
    ("Iraq", "B-T"),
    ("'s", "I-T"),
    ("Republican", "I-T"),
    ("Guard", "I-T"),
    (",", "O"),
    ("officials", "O"),
    ("said", "O"),
    (".", "O"),
]


def spans_text(spans):
    return [TEXT[a:b] for a, b in spans]


def test_bio_words_align_to_the_untokenized_sentence():
    assert spans_text(s for s in align(["Iraq", "'s"], TEXT) if s) == ["Iraq", "'s"]
    gold = gold_spans(TAGGED, TEXT)
    assert spans_text(gold["S"]) == ["The U.S. army"]
    assert spans_text(gold["T"]) == ["Iraq's Republican Guard"]
    assert gold["R"] == []


def test_spans_are_compared_without_article_and_punctuation():
    source = gold_spans(TAGGED, TEXT)["S"][0]
    assert TEXT[slice(*normal(TEXT, source))] == "U.S. army"
    tally = SpanTally()
    predicted = [normal(TEXT, (TEXT.index("army"), TEXT.index("army") + 4))]
    tally.add(predicted, [normal(TEXT, source)], overlaps)
    assert tally.figures() == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    exact = SpanTally()
    exact.add(predicted, [normal(TEXT, source)], lambda a, b: a == b)
    assert exact.figures()["f1"] == 0.0


def event(code, source=None, actor=None):
    return {
        "code": code,
        "root": code[:2],
        "source": {"text": source, "actor": actor} if source else None,
        "target": None,
    }


def test_india_police_questions_from_codes():
    assert answers("173") == {"ARREST"}
    assert answers("1823") == {"KILL", "FORCE"}
    assert answers("193") == {"FORCE"} and answers("191") == set()
    sentence = "99 persons have been killed in police firing."
    assert police_source(event("1823"), sentence)
    assert not police_source(event("1823"), "99 persons have been killed by a mob.")
    assert police_source(event("173"), "Ten men were arrested.")
    assert police_source(event("180", "the cops"), "")
    assert police_source(event("180", "officers", "INDCOP"), "")
    said = sentence_answers([event("180", "the mob"), event("010", "police")], "")
    assert said == {"any_source": {"FORCE"}, "police_source": set()}


def test_petrarch_triples_and_tally():
    row = {"events": [{"source": "ARN", "target": "GON", "eventcode": "064"}]}
    assert gold_triples(row) == {("ARN", "GON", "064")}
    ours = our_triples(
        [
            {"code": "064", "source": {"actor": "ARN"}, "target": {"actor": "GON"}},
            {"code": "010", "source": {"actor": "ARN"}, "target": None},
        ]
    )
    assert ours == {("ARN", "GON", "064")}
    tally = Tally()
    tally.add(gold_triples(row), ours)
    tally.add(set(), {("ARN", "", "222")})
    figures = tally.figures()
    assert (figures["fully_correct"], figures["missed"], figures["false_positives"]) == (0.5, 0, 1)
    assert "AGENTS" not in INCLUDE and "COMPOUNDx" not in INCLUDE and "ERROR" in INCLUDE
