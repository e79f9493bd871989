"""Every runner gives the same records for the same inputs: one process, two processes, Spark."""

from __future__ import annotations

import itertools
import json
import shutil

import pytest
from conftest import ROOT, shared_path

from newsgraph.ingest import read_inputs
from newsgraph.run import LocalRunner


@pytest.fixture(scope="module")
def mixed_input(tmp_path_factory):
    """Twelve real articles, one invalid line, and our example page in a folder."""
    corpus = shared_path("corpus", "news.jsonl")
    folder = tmp_path_factory.mktemp("runners")
    lines = list(itertools.islice(corpus.open(encoding="utf-8"), 12))
    (folder / "news.jsonl").write_text("".join(lines[:6]) + "{not json\n" + "".join(lines[6:]), encoding="utf-8")
    pages = folder / "pages"
    pages.mkdir()
    shutil.copy(ROOT / "examples" / "news" / "baltic-ministers.txt", pages / "page.txt")
    return [str(folder / "news.jsonl"), str(pages)]


def records(runner, inputs):
    return [r.to_dict() for r in runner.analyze(read_inputs(inputs))]


def test_two_workers_match_one_process(mixed_input):
    single = records(LocalRunner(workers=1), mixed_input)
    assert len(single) == 14
    assert [r["schema"] for r in single].count("newsgraph.error/1") == 1
    assert records(LocalRunner(workers=2, batch_size=4), mixed_input) == single


@pytest.mark.service
def test_spark_local_mode_matches_local_runner(mixed_input, tmp_path):
    pytest.importorskip("pyspark")
    if not shutil.which("java"):
        pytest.skip("Spark needs a Java runtime")
    from newsgraph.run.spark import analyze_to_parquet, read_records, spark_session

    session = spark_session("local[2]")
    try:
        failures = analyze_to_parquet(session, mixed_input, str(tmp_path / "out"))
        spark_records = read_records(session, str(tmp_path / "out"))
    finally:
        session.stop()
    assert failures == 1
    assert spark_records == records(LocalRunner(workers=1), mixed_input)
    assert json.loads(json.dumps(spark_records[0]))["schema"] == "newsgraph.article/1"
