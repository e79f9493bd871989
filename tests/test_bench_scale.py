"""The scaling, store-latency and load benchmarks run end to end at tiny sizes and print their tables.

No timings are asserted: the figures belong to the benchmarks' reports (bench/SCALE.md), not to tests.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import shared_path

from bench import load, scaling, store_latency


def test_scaling_local_runner_prints_its_table(capsys):
    corpus = shared_path("corpus", "news.jsonl")
    assert scaling.main(["--articles", "6", "--no-spark", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "local, 1 worker" in out and "local, 2 workers" in out
    assert "2 workers identical records: yes" in out


@pytest.mark.service
@pytest.mark.slow
def test_scaling_spark_gives_the_local_runners_records(capsys):
    pytest.importorskip("pyspark")
    if not shutil.which("java"):
        pytest.skip("Spark needs a Java runtime")
    corpus = shared_path("corpus", "news.jsonl")
    assert scaling.main(["--articles", "6", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "Spark JVM start-up" in out
    assert "Spark identical records: yes (6 records)" in out


def test_store_latency_prints_percentiles_of_every_query_kind(capsys, tmp_path):
    db = tmp_path / "store.db"
    command = ["--events", "2000", "--repeats", "5", "--backend", "sqlite", "--db", str(db)]
    assert store_latency.main(command) == 0
    out = capsys.readouterr().out
    assert "2,000 events in 40 articles" in out
    for kind in ("dyad table, two countries", "events page of an actor", "search, a rare word"):
        assert kind in out
    assert "INDEX events_target_source_prefix" in out
    assert store_latency.main(command) == 0
    assert "reused an existing store" in capsys.readouterr().out


def test_generated_articles_keep_every_span_on_their_text():
    article = store_latency.Generator(events_per_article=5).article(0)
    assert len(article.events) == 5
    for event in article.events:
        for part in ("source", "target", "trigger"):
            span = event[part]
            assert article.text[span["start"] : span["end"]] == span["text"]


@pytest.mark.service
def test_load_prints_errors_latency_and_rate(capsys):
    shared_path("corpus", "news.jsonl")
    load.main(["--requests", "40", "--concurrency", "4", "--articles", "6"])
    out = capsys.readouterr().out
    assert "40 GET requests, 4 at a time" in out
    assert "requests/s" in out
    assert "not sent" not in out
