"""The benchmark harness: corpus selection, per-process peak memory, and a smoke run of the throughput bench.

No timing assertions: the machine is shared, so only the shape of the results is checked.
"""

from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import shared_path

from bench import common, memory, throughput


def test_corpus_selection_is_repeatable():
    shared_path("corpus", "news.jsonl")
    first = common.corpus_lines(3)
    assert len(first) == 3 and json.loads(first[0])["text"]
    assert common.corpus_lines(5, seed=7) == common.corpus_lines(5, seed=7)
    assert common.corpus_lines(5, seed=7) != common.corpus_lines(5, seed=8)


def test_child_peak_memory_is_its_own(tmp_path):
    """A child holding 200 MB reports at least that; a small child is not charged for its parent's memory
    (the kernel's ru_maxrss would charge it: it counts the parent's resident set at the fork)."""
    parent_ballast = b"p" * (300 * 2**20)
    big = common.run_measured(
        [sys.executable, "-c", "import time; b = b'x' * (200 * 2**20); time.sleep(0.6)"],
        stdout=None,
        sample_every=0.1,
    )
    small = common.run_measured([sys.executable, "-c", "import time; time.sleep(0.3)"], stdout=None)
    assert len(parent_ballast) > 0
    assert big.returncode == 0 and big.peak_rss_mb >= 200
    assert max(rss for _, rss in big.rss_samples_mb) >= 200
    assert 0 < small.peak_rss_mb < 100
    failed = common.run_measured([sys.executable, "-c", "raise SystemExit(3)"], stdout=None)
    assert failed.returncode == 3


def test_peak_rss_per_quarter_of_the_run():
    samples = [(0.5, 50.0), (1.5, 300.0), (2.0, 120.0), (4.5, 310.0), (7.9, 200.0)]
    assert memory.peak_per_quarter(samples, 8.0) == [300.0, 120.0, 310.0, 200.0]
    assert memory.peak_per_quarter([(0.1, 80.0)], 8.0) == [80.0, None, None, None]


def test_memory_table_lists_each_size():
    row = {
        "articles": 1000,
        "peak_rss_mb": 400.0,
        "peak_rss_mb_per_quarter": [300.0, None, 390.0, 380.0],
        "seconds": 60.0,
        "articles_per_second": 16.7,
        "input_errors": 0,
    }
    assert "| 1000 | 400.0 | 300 / - / 390 / 380 | 60.0 | 16.7 | 0 |" in memory.format_table([row])


def test_throughput_smoke_prints_a_ratio(tmp_path, engine, capsys):
    shared_path("corpus", "news.jsonl")
    out = tmp_path / "throughput.json"
    assert throughput.main(["--articles", "10", "--rounds", "1", "--no-memory", "--out", str(out)]) == 0
    table = capsys.readouterr().out
    assert re.search(r"\| words/s \| [\d.]+ \| [\d.]+ \| \d+\.\d\d \|", table)
    result = json.loads(out.read_text())
    assert result["articles"] == 10 and result["words"] > 0
    assert result["ratio_newsgraph_over_spacy"] > 0
    assert set(result["sides"]) == {"spacy", "newsgraph"}
    assert result["machine"]["cpus"] >= 1


@pytest.mark.slow
def test_throughput_memory_workers_report_peak_rss(tmp_path, capsys):
    shared_path("corpus", "news.jsonl")
    out = tmp_path / "throughput.json"
    assert throughput.main(["--articles", "4", "--rounds", "1", "--out", str(out)]) == 0
    assert "peak RSS MB" in capsys.readouterr().out
    sides = json.loads(out.read_text())["sides"]
    for side in ("spacy", "newsgraph"):
        assert sides[side]["peak_rss_mb"] >= sides[side]["rss_after_load_mb"] > 50
