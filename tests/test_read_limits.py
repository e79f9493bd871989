"""Reading one document has a time limit: a page that keeps a parser busy becomes an error record,
and the inputs after it are still read. Also: limits nest, and parsers that catch every Exception
cannot swallow the timeout."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.ingest import read_inputs
from newsgraph.ingest.guard import READ_SECONDS_ENV, read_seconds
from newsgraph.limits import AnalysisTimeout, time_limit
from newsgraph.model import InputError, RawArticle
from tests.test_ingest_formats import write_warc

ROOT = Path(__file__).resolve().parents[1]
SMALL = "Ministers met in Oslo on Monday to talk about fishing rights, officials said.\n"


def heavy_page(paragraphs: int = 20_000) -> str:
    """A well-formed but very long page: trafilatura needs seconds for it."""
    body = "".join(
        f"<div><p>Paragraph {i}: the ministers of Ruritania met in Zenda to talk about trade.</p></div>"
        for i in range(paragraphs)
    )
    return f"<html><head><title>Long page</title></head><body><article>{body}</article></body></html>"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("limits")
    (folder / "heavy.html").write_text(heavy_page(), "utf-8")
    (folder / "small.txt").write_text(SMALL, "utf-8")
    return folder / "heavy.html", folder / "small.txt"


def test_the_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(READ_SECONDS_ENV, raising=False)
    assert read_seconds() == 60.0
    monkeypatch.setenv(READ_SECONDS_ENV, "0")
    assert read_seconds() is None
    monkeypatch.setenv(READ_SECONDS_ENV, "2.5")
    assert read_seconds() == 2.5


def test_a_slow_page_becomes_an_error_and_the_next_input_is_read(inputs, monkeypatch):
    heavy, small = inputs
    monkeypatch.setenv(READ_SECONDS_ENV, "0.05")
    started = time.monotonic()
    records = list(read_inputs([str(heavy), str(small)]))
    assert time.monotonic() - started < 5
    assert isinstance(records[0], InputError)
    assert records[0].input == str(heavy) and "time limit of 0.05 s" in records[0].error
    assert isinstance(records[1], RawArticle) and records[1].text.startswith("Ministers met in Oslo")


def test_a_slow_warc_record_does_not_stop_the_archive(tmp_path, monkeypatch):
    path = tmp_path / "crawl.warc.gz"
    small_page = f"<html><body><article><p>{SMALL * 3}</p></article></body></html>"
    write_warc(path, True, [
        ("https://a.example/long", "text/html", heavy_page().encode(), "200 OK"),
        ("https://a.example/short", "text/html", small_page.encode(), "200 OK"),
    ])  # fmt: skip
    monkeypatch.setenv(READ_SECONDS_ENV, "1")  # a short page takes trafilatura some tens of milliseconds
    records = list(read_inputs([str(path)]))
    assert [type(r) for r in records] == [InputError, RawArticle]
    assert records[0].input == f"{path}#3" and "time limit" in records[0].error
    assert records[1].url == "https://a.example/short"


def test_the_cli_names_the_input_and_goes_on(inputs):
    heavy, small = inputs
    env = {**os.environ, READ_SECONDS_ENV: "0.05"}
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "analyze", str(heavy), str(small), "--format", "jsonl"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1
    assert f"{heavy}: reading ran past its time limit" in done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2 and '"newsgraph.error/1"' in lines[0] and '"newsgraph.article/1"' in lines[1]


def test_a_catch_all_handler_cannot_swallow_the_timeout():
    def careless_parser() -> None:
        while True:
            try:
                sum(range(10_000))
            except Exception:  # what some parsers do around each step
                pass

    started = time.monotonic()
    with pytest.raises(AnalysisTimeout):
        with time_limit(0.1, "reading"):
            careless_parser()
    assert time.monotonic() - started < 2


def test_limits_nest_without_extending_each_other():
    started = time.monotonic()
    with pytest.raises(AnalysisTimeout, match="outer"):
        with time_limit(0.2, "outer"):
            with time_limit(5, "inner"):  # longer than the outer one: the outer still ends the work
                time.sleep(0.05)
            while True:
                pass
    assert time.monotonic() - started < 1
    with pytest.raises(AnalysisTimeout, match="inner"):
        with time_limit(5, "outer"):
            with time_limit(0.1, "inner"):
                while True:
                    pass
