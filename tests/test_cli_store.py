"""The database commands end to end on real files and real databases (SQLite, PostgreSQL): ingest, analyze --db,
search, export, stats."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, ROOT, new_database

from newsgraph.cli import main

# Written for these tests; the events are invented.
FERRY = (
    "Rostock harbour, May 14, 2024. The mayor of Rostock, Anna Berger, opened a new ferry terminal on "
    "Tuesday. The terminal will serve routes to Denmark and Sweden, the city said."
)
FLOOD = (
    "Heavy rain flooded the centre of Porto on Sunday, closing two metro lines and the main bridge over the "
    "Douro. The city council said that no one was hurt."
)


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ferry.txt").write_text(FERRY, "utf-8")
    (folder / "flood.txt").write_text(FLOOD, "utf-8")
    (folder / "baltic.txt").write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    return folder


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ingest_with_a_bad_input_through_python_m(tmp_path, news):
    bad = news / "zz-binary.txt"
    bad.write_bytes(b"\x00\x01\x02\x03\x00binary")
    db = tmp_path / "news.db"
    command = [sys.executable, "-m", "newsgraph", "ingest", str(news), "--db", str(db), "--date", "2024-05-14"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert f"newsgraph: {bad}: " in done.stderr and "binary" in done.stderr
    assert "3 stored" in done.stderr and "1 failed" in done.stderr
    stats = json.loads(invoke("stats", "--db", str(db), "--format", "json").stdout)
    assert stats["articles"] == 3 and stats["errors"] == 1


def test_ingest_rerun_skips_and_search_finds(backend, tmp_path, news):
    db = new_database(backend, tmp_path)
    first = invoke("ingest", str(news), "--db", db)
    assert first.exit_code == 0, first.stderr
    assert "3 stored, 0 duplicates linked, 0 already stored, 0 failed" in first.stderr
    again = invoke("ingest", str(news), "--db", db)
    assert again.exit_code == 0 and "0 stored, 0 duplicates linked, 3 already stored" in again.stderr

    table = invoke("search", "ferry terminal", "--db", db, "--format", "table")
    assert table.exit_code == 0 and "[ferry] [terminal]" in table.stdout.lower()
    hits = [json.loads(line) for line in invoke("search", "city", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert {h["input"] for h in hits} == {str(news / "ferry.txt"), str(news / "flood.txt")}
    assert all(h["schema"] == "newsgraph.search_hit/1" for h in hits)
    dated = invoke(
        "search", "energy", "--db", db, "--since", "2024-03-01", "--until", "2024-03-31", "--format", "jsonl"
    )
    assert [json.loads(line)["source"] for line in dated.stdout.splitlines()] == ["NORTHERN WIRE"]
    by_outlet = invoke("search", "energy", "--db", db, "--source", "northern wire", "--format", "jsonl", "--limit", "1")
    assert len(by_outlet.stdout.splitlines()) == 1
    assert invoke("search", "energy", "--db", db, "--source", "nobody", "--format", "jsonl").stdout == ""


def test_export_and_stats(backend, tmp_path, news):
    db = new_database(backend, tmp_path)
    invoke("ingest", str(news), "--db", db, "--date", "2024-05-14")
    out = tmp_path / "all.jsonl"
    done = invoke("export", "--db", db, "--format", "jsonl", "--out", str(out))
    assert done.exit_code == 0 and "exported 3 articles" in done.stderr
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["input"] for r in records] == sorted(str(p) for p in news.iterdir())
    assert all(r["schema"] == "newsgraph.article/1" and r["entities"] for r in records)
    to_stdout = invoke("export", "--db", db, "--out", "-", "--source", "NORTHERN WIRE")
    assert [json.loads(line)["source"] for line in to_stdout.stdout.splitlines()] == ["NORTHERN WIRE"]
    for fmt in ("csv", "parquet"):
        path = tmp_path / f"articles.{fmt}"
        done = invoke("export", "--db", db, "--format", fmt, "--table", "articles", "--out", str(path))
        assert done.exit_code == 0 and "exported 3 articles rows" in done.stderr
        frame = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
        assert frame["input"].tolist() == [r["input"] for r in records] and (frame["n_entities"] > 0).all()
    table = invoke("stats", "--db", db).stdout
    assert "articles        3" in table and "NORTHERN WIRE" in table and "entities" in table


def test_analyze_with_db_stores_what_it_prints(backend, tmp_path, news):
    db = new_database(backend, tmp_path)
    missing = str(tmp_path / "missing.txt")
    done = invoke("analyze", str(news / "ferry.txt"), missing, "--format", "jsonl", "--db", db)
    assert done.exit_code == 1 and f"{missing}: no such file" in done.stderr
    printed = [json.loads(line) for line in done.stdout.splitlines()]
    exported = [json.loads(line) for line in invoke("export", "--db", db).stdout.splitlines()]
    assert exported == [r for r in printed if r["schema"] == "newsgraph.article/1"]
    stats = json.loads(invoke("stats", "--db", db, "--format", "json").stdout)
    assert stats["errors"] == 1


def test_reading_commands_need_an_existing_database(tmp_path):
    for command in (["search", "x"], ["export"], ["stats"]):
        done = CliRunner().invoke(main, [*command, "--db", str(tmp_path / "absent.db")])
        assert done.exit_code == 1 and "no such database" in done.stderr
    assert not (tmp_path / "absent.db").exists()


def test_bad_dates_are_refused(tmp_path):
    done = CliRunner().invoke(main, ["search", "x", "--db", str(tmp_path / "a.db"), "--since", "someday"])
    assert done.exit_code == 2 and "not a date" in done.stderr
