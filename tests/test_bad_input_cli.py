"""Bad input through the CLI: one error record and one stderr line each, the rest processed, exit status 1."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
STORY = (
    "On Wednesday, the council of Tartu voted to build a new footbridge across the Emajogi river, the mayor "
    "said after the session. Work is expected to start in the autumn."
)


def run_cli(*args: str, stdin: bytes | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", "analyze", *args, "--format", "jsonl"],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=timeout,
    )


def truncated_warc(path: Path) -> None:
    """Two HTML responses in a WARC.gz, cut through the second."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    ends = []
    for n in range(2):
        html = f"<html><head><title>Story {n}</title></head><body><article><p>{STORY}</p></article></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        url = f"https://t.example/{n}"
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=http)
        )
        ends.append(stream.tell())
    path.write_bytes(stream.getvalue()[: (ends[0] + ends[1]) // 2])


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    files = {
        "good": ("good.txt", f"Tartu approves footbridge\n\nTARTU DAILY\n\n{STORY}\n".encode()),
        "binary": ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        "empty": ("empty.txt", b""),
        "no_article": ("nav.html", b"<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>"),
        "broken_feed": ("broken.rss", b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</titl></item>'),
        "undecodable": ("junk.txt", bytes(range(0x80, 0x100)) * 40),
        "quotes": ("quotes.txt", b'"' * 10_000),
        "long_sentence": ("long.txt", (" ".join(["word"] * 10_000)).encode()),
    }
    paths = {}
    for key, (name, data) in files.items():
        paths[key] = folder / name
        paths[key].write_bytes(data)
    paths["big"] = folder / "big.txt"
    with paths["big"].open("wb") as stream:
        line = (STORY + "\n").encode()
        stream.write(line * (50_000_000 // len(line) + 1))
    paths["truncated_warc"] = folder / "cut.warc.gz"
    truncated_warc(paths["truncated_warc"])
    paths["bad_jsonl"] = folder / "mixed.jsonl"
    paths["bad_jsonl"].write_text(json.dumps({"text": STORY}) + '\n{"text": "unterminated\n')
    return paths


@pytest.fixture(scope="module")
def bad_run(bad_inputs):
    order = ["good", "binary", "empty", "big", "no_article", "broken_feed", "truncated_warc", "bad_jsonl"]
    order += ["undecodable", "quotes", "long_sentence"]
    started = time.perf_counter()
    result = run_cli(*(str(bad_inputs[key]) for key in order))
    elapsed = time.perf_counter() - started
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return result, records, elapsed


def records_for(records: list[dict], path: Path) -> list[dict]:
    return [r for r in records if r["input"].split("#")[0] == str(path)]


def test_exit_status_and_time(bad_run):
    result, _, elapsed = bad_run
    assert result.returncode == 1, result.stderr.decode()[-2000:]
    assert elapsed < 180


def test_stderr_holds_one_line_per_error_and_nothing_else(bad_run):
    result, records, _ = bad_run
    errors = [f"newsgraph: {r['input']}: {r['error']}" for r in records if r["schema"] == "newsgraph.error/1"]
    assert result.stderr.decode().splitlines() == errors


@pytest.mark.parametrize(
    "key, reason",
    [
        ("binary", "PNG"),
        ("empty", "empty input"),
        ("big", "larger than"),
        ("no_article", "no article text found"),
        ("broken_feed", "broken feed XML"),
        ("undecodable", "undecodable"),
    ],
)
def test_one_error_record_and_one_stderr_line(bad_inputs, bad_run, key, reason):
    result, records, _ = bad_run
    (error,) = records_for(records, bad_inputs[key])
    assert error["schema"] == "newsgraph.error/1"
    assert set(error) == {"schema", "input", "error"}
    assert reason in error["error"]
    lines = [line for line in result.stderr.decode().splitlines() if str(bad_inputs[key]) in line]
    assert lines == [f"newsgraph: {error['input']}: {error['error']}"]


def test_truncated_warc_keeps_first_record(bad_inputs, bad_run):
    _, records, _ = bad_run
    article, error = records_for(records, bad_inputs["truncated_warc"])
    assert article["schema"] == "newsgraph.article/1" and article["title"] == "Story 0"
    assert error["schema"] == "newsgraph.error/1" and error["input"].endswith("cut.warc.gz#2")


def test_invalid_json_line_named_and_other_line_read(bad_inputs, bad_run):
    _, records, _ = bad_run
    article, error = records_for(records, bad_inputs["bad_jsonl"])
    assert article["schema"] == "newsgraph.article/1" and article["input"].endswith("mixed.jsonl#1")
    assert error["schema"] == "newsgraph.error/1" and error["input"].endswith("mixed.jsonl#2")


@pytest.mark.parametrize("key", ["quotes", "long_sentence"])
def test_pathological_text_gives_one_record(bad_inputs, bad_run, key):
    _, records, _ = bad_run
    (record,) = records_for(records, bad_inputs[key])
    assert record["schema"] in ("newsgraph.article/1", "newsgraph.error/1")


def test_good_input_still_analysed(bad_inputs, bad_run):
    _, records, _ = bad_run
    (article,) = records_for(records, bad_inputs["good"])
    assert article["title"] == "Tartu approves footbridge" and article["source"] == "TARTU DAILY"
    assert article["text"].startswith("On Wednesday")
    assert any("Tartu" in e["text"] for e in article["entities"])


def test_stdin_is_read_and_detected():
    page = (
        "<!DOCTYPE html><html><head><title>Tartu approves footbridge</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><p>{STORY}</p></article></body></html>"
    )
    result = run_cli("-", stdin=page.encode("utf-16"))
    assert result.returncode == 0, result.stderr.decode()
    (article,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert article["input"] == "-"
    assert article["title"] == "Tartu approves footbridge"
    assert article["text"] == STORY
