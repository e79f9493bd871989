"""The seed article's temporal expressions, as a careful reader normalises them."""

from __future__ import annotations

from conftest import assert_spans_match


def values(article, words: str) -> list[tuple[str, str]]:
    return [(t["type"], t["value"]) for t in article.times if words.lower() in t["text"].lower()]


def test_seed_times(seed_article):
    record = seed_article.to_dict()
    assert_spans_match(record)
    assert record["published"] == "2020-09-14"
    assert ("DATE", "2020-09-14") in values(seed_article, "September 14")
    assert ("DATE", "2000-10") in values(seed_article, "October 2000")
    assert ("DATE", "2000") in values(seed_article, "20 years ago")
    assert ("DATE", "2020-W37-WE") in values(seed_article, "weekend")
    assert any(kind == "DURATION" for kind, _ in values(seed_article, "more than four hours"))
