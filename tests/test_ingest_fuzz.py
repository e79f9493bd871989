"""The atheris fuzz target for the readers, run for about 20 seconds (slow; skipped without atheris)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
LABELS = ("a.txt", "a.html", "a.rss", "a.jsonl", "a.warc", "a.warc.gz", "-", "noext")
SEEDS = {
    "a.txt": b"Title\n\nOUTLET\n\nPublished: 14 September 2020\n\nBy Anna Nowak\n\nThe port reopened.The mayor spoke.\n",
    "a.jsonl": b'{"text": "The port reopened.", "title": "Port", "date": "2020-09-14"}\n{"text": 1}\n',
    "a.warc": b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\nContent-Length: 96\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The port reopened on Monday.</p></body></html>"
    b"\r\n\r\n",
}


def seed_corpus(folder: Path) -> Path:
    """Real inputs, each behind the two bytes that pick its label and the --plain flag."""
    folder.mkdir()
    seeds = dict(SEEDS)
    for path in FIXTURES.iterdir():
        seeds[{".html": "a.html", ".rss": "a.rss", ".atom": "a.rss"}.get(path.suffix, "a.txt") + path.name] = (
            path.read_bytes()
        )
    for number, (label, data) in enumerate(seeds.items()):
        index = next(i for i, known in enumerate(LABELS) if label.startswith(known))
        (folder / f"seed{number}").write_bytes(bytes([index, number % 2]) + data)
    return folder


@pytest.mark.slow
def test_fuzz_readers_for_twenty_seconds(tmp_path):
    pytest.importorskip("atheris")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    corpus = seed_corpus(tmp_path / "corpus")
    command = [sys.executable, str(ROOT / "fuzz" / "fuzz_readers.py"), "-max_total_time=20", "-max_len=20000"]
    result = subprocess.run(
        [*command, f"-artifact_prefix={tmp_path}/", str(corpus)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=180,
    )
    report = result.stderr.decode(errors="replace")
    assert result.returncode == 0, report[-3000:]
    assert "Done" in report
