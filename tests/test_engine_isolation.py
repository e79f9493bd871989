"""One article that breaks or stalls the pipeline becomes an error record; the rest of its batch goes on."""

from __future__ import annotations

import time

import pytest
from spacy.language import Language

from newsgraph.engine import Engine, check_text
from newsgraph.model import Article, InputError, RawArticle
from newsgraph.nlp import load_model


@Language.component("test_breaks_on_marker")
def breaks_on_marker(doc):
    """A component with a bug that only one kind of text triggers."""
    if "Zanzibar" in doc.text:
        raise ValueError("min() arg is an empty sequence")
    if "Timbuktu" in doc.text:
        time.sleep(30)
    return doc


@pytest.fixture(scope="module")
def fragile_engine():
    nlp = load_model()
    nlp.add_pipe("test_breaks_on_marker", last=True)
    return Engine(nlp=nlp, batch_size=8, seconds_per_article=2)


def raw(label: str, text: str) -> RawArticle:
    return RawArticle(input=label, text=text)


def test_a_crashing_article_is_isolated(fragile_engine):
    batch = [raw("a", "The council met in Oslo on Monday."), raw("b", "Ferries left Zanzibar at dawn."),
             raw("c", "Talks resumed in Geneva.")]  # fmt: skip
    results = list(fragile_engine.analyze(batch))
    assert [type(r) for r in results] == [Article, InputError, Article]
    assert results[1].input == "b" and "analysis failed: ValueError" in results[1].error


def test_a_stalling_article_hits_its_time_limit(fragile_engine):
    started = time.monotonic()
    results = list(fragile_engine.analyze([raw("slow", "A caravan reached Timbuktu."), raw("ok", "Rain fell.")]))
    assert time.monotonic() - started < 20
    assert isinstance(results[0], InputError) and "time limit" in results[0].error
    assert isinstance(results[1], Article)


def test_a_wall_of_characters_is_refused_before_the_tokenizer():
    problem = check_text(raw("wall", "Before. " + '"' * 10_000 + " after."))
    assert problem is not None and "without white space" in problem.error
