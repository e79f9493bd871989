"""The seed article through the whole foundation: reader, date inference, NER, offsets."""

from __future__ import annotations

from conftest import assert_spans_match


def test_seed_metadata_recovered(seed_article):
    assert seed_article.title == "Lukashenko and Putin reaffirm 20 years of their friendship"
    assert seed_article.source == "PRAVDA"
    assert seed_article.published == "2020-09-14"
    assert seed_article.published_basis == "inferred"


def test_seed_body_is_clean(seed_article):
    assert seed_article.text.startswith("On Monday")
    assert "Full Article" not in seed_article.text
    assert "challenges. The President" in seed_article.text
    assert 'situation. "Everything' in seed_article.text


def test_seed_entities_and_spans(seed_article):
    texts = {(e["text"], e["label"]) for e in seed_article.entities}
    assert ("Vladimir Putin", "PERSON") in texts
    assert ("Lukashenko", "PERSON") in texts
    assert any(t == "Sochi" for t, _ in texts) and any(t == "Minsk" for t, _ in texts)
    assert_spans_match(seed_article.to_dict())


def test_seed_sentences_split_at_repaired_glue(seed_article):
    starts = [seed_article.text[s:e] for s, e in seed_article.sentences]
    assert any(s.startswith("The President of Russia said") for s in starts)
    assert any(s.startswith('"Everything') for s in starts)
