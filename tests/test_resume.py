"""Exactly-once, resumable ingest: a run killed with SIGKILL and run again equals an uninterrupted run."""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import ROOT, shared_path

ARTICLES = 40


def ingest_command(source, db, *extra):
    return [sys.executable, "-m", "newsgraph", "ingest", str(source), "--db", str(db), *extra]


def stored_count(db) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def export(db) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "newsgraph", "export", "--db", str(db)], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    corpus = shared_path("corpus", "news.jsonl")
    path = tmp_path_factory.mktemp("resume") / "batch.jsonl"
    lines = list(itertools.islice(corpus.open(encoding="utf-8"), ARTICLES))
    copy = {**json.loads(lines[3]), "id": "copy-of-record-4"}
    path.write_text("".join(lines[:20]) + "{broken\n" + "".join(lines[20:]) + json.dumps(copy) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_then_rerun_equals_uninterrupted_run(source, tmp_path, workers):
    reference = tmp_path / "reference.db"
    whole = subprocess.run(ingest_command(source, reference, "--workers", workers), cwd=ROOT, capture_output=True)
    assert whole.returncode == 1  # the broken line is reported, the rest stored
    assert stored_count(reference) == ARTICLES + 1  # 40 originals and one exact copy, linked

    killed = tmp_path / "killed.db"
    process = subprocess.Popen(ingest_command(source, killed, "--workers", workers), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 300
    while stored_count(killed) < 8 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = stored_count(killed)
    assert 0 < partial < ARTICLES + 1, "the kill should land in the middle of the batch"

    again = subprocess.run(ingest_command(source, killed, "--workers", workers), cwd=ROOT, capture_output=True)
    assert again.returncode == 1
    assert b"already stored" in again.stderr
    assert export(killed) == export(reference)
