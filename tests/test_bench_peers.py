"""A smoke run of the peers benchmark on a few corpus articles (shape only; no timing assertions)."""

from __future__ import annotations

import json

import pytest
from conftest import shared_path

from bench import peers


def test_peers_bench_reports_every_contender(tmp_path, capsys):
    shared_path("corpus", "news.jsonl")
    pytest.importorskip("textacy")
    pytest.importorskip("dateparser")
    out = tmp_path / "peers.json"
    assert peers.main(["--articles", "4", "--rounds", "1", "--out", str(out)]) == 0
    report = json.loads(out.read_text("utf-8"))
    names = [row["contender"] for row in report["rows"]]
    assert names[:4] == [
        "newsgraph quotations (extract_quotes)",
        "textacy direct_quotations",
        "newsgraph times (find_times)",
        "dateparser search_dates",
    ]
    rows = {row["contender"]: row for row in report["rows"]}
    assert rows["newsgraph times (find_times)"]["speed_vs_peer"] > 0
    assert rows["bare spaCy pipeline (what find_times needs first)"]["found"] == 4
    assert "| textacy direct_quotations |" in capsys.readouterr().out
