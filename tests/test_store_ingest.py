"""Ingest into a real SQLite file with the real engine: resume, duplicates before analysis, failed inputs."""

from __future__ import annotations

import json

import pytest
from conftest import STORE_BACKENDS, new_database
from test_store import dump
from test_store_dedup import OTHER, REPRINT, WIRE

from newsgraph.engine import Engine
from newsgraph.store import open_store
from newsgraph.store.ingest import IngestReport, ingest

HARBOUR = (
    "On Tuesday, the mayor of Rostock, Anna Berger, opened a new ferry terminal at the city harbour. "
    "The terminal cost 40 million euros and will serve routes to Denmark and Sweden."
)


class CountingEngine(Engine):
    """The real engine, counting the articles it is asked to analyse."""

    def __init__(self, nlp) -> None:
        super().__init__(nlp)
        self.analysed: list[str] = []

    def analyze(self, items, date=None):
        items = list(items)
        self.analysed.extend(getattr(item, "input", "") for item in items)
        return super().analyze(items, date)


@pytest.fixture(params=STORE_BACKENDS)
def db_url(request, tmp_path) -> str:
    return new_database(request.param, tmp_path)


@pytest.fixture
def counting(engine) -> CountingEngine:
    return CountingEngine(engine.nlp)


def write_news(folder, **texts: str) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, "utf-8")
        paths.append(str(path))
    return paths


def run(paths, db, engine, **options) -> IngestReport:
    with open_store(db) as store:
        return ingest(paths, store, engine=engine, plain=True, **options)


def test_ingest_twice_leaves_the_database_identical(tmp_path, db_url, counting):
    paths = write_news(tmp_path / "news", wire=WIRE, other=OTHER, harbour=HARBOUR)
    first = run(paths, db_url, counting)
    assert (first.stored, first.duplicates, first.skipped, first.errors) == (3, 0, 0, [])
    before = dump(db_url)
    second = run(paths, db_url, counting)
    assert (second.stored, second.skipped) == (0, 3)
    assert dump(db_url) == before
    assert len(counting.analysed) == 3  # nothing analysed twice


def test_a_rerun_resumes_after_a_partial_ingest(tmp_path, db_url, counting):
    paths = write_news(tmp_path / "news", wire=WIRE, other=OTHER, harbour=HARBOUR)
    run(paths[:1], db_url, counting)
    report = run(paths, db_url, counting)
    assert (report.stored, report.skipped) == (2, 1)
    assert counting.analysed == [paths[0], paths[1], paths[2]]
    with open_store(db_url) as store:
        assert {a.input for a in store.iter_articles()} == set(paths)


def test_exact_copies_are_linked_not_analysed(tmp_path, db_url, counting):
    feed = tmp_path / "wire.jsonl"
    records = [
        {"id": "w1", "text": WIRE, "source": "NORDIC WIRE", "published": "2025-02-05"},
        {"id": "w2", "text": WIRE.upper().replace(". ", ".  "), "source": "COPY DESK", "published": "2025-02-06"},
        {"id": "o1", "text": OTHER, "source": "NORDIC WIRE"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    report = run([str(feed)], db_url, counting)
    assert (report.stored, report.duplicates) == (2, 1)
    assert counting.analysed == [f"{feed}#1", f"{feed}#3"]
    with open_store(db_url) as store:
        copy = store.get_article("w2")
        assert copy.duplicate_of == "w1"
        assert (copy.source, copy.published, copy.input) == ("COPY DESK", "2025-02-06", f"{feed}#2")
        assert copy.entities == [] and copy.sentences == []
        assert store.get_article("w1").entities  # the original was analysed
        assert store.stats()["duplicates"] == {"total": 1, "exact": 1, "near": 0}
        assert [h.id for h in store.search("research stations")] == ["w1"]  # copies are left out of search


def test_near_copies_are_linked_across_runs(tmp_path, db_url, counting):
    run(write_news(tmp_path / "day1", wire=WIRE, other=OTHER), db_url, counting)
    report = run(write_news(tmp_path / "day2", reprint=REPRINT), db_url, counting)  # a new store rebuilds the index
    assert (report.stored, report.duplicates) == (0, 1)
    assert len(counting.analysed) == 2
    with open_store(db_url) as store:
        reprint = next(a for a in store.iter_articles() if a.input.endswith("reprint.txt"))
        original = next(a for a in store.iter_articles() if a.input.endswith("wire.txt"))
        assert reprint.duplicate_of == original.id and reprint.text == REPRINT
        assert store.stats()["duplicates"] == {"total": 1, "exact": 0, "near": 1}


def test_near_copies_in_one_batch_link_to_the_first(tmp_path, db_url, counting):
    paths = write_news(tmp_path / "news", a_wire=WIRE, b_reprint=REPRINT, c_other=OTHER)
    report = run(paths, db_url, counting)
    assert (report.stored, report.duplicates) == (2, 1)
    with open_store(db_url) as store:
        wire, reprint, other = (next(a for a in store.iter_articles() if a.input == p) for p in paths)
        assert reprint.duplicate_of == wire.id and wire.duplicate_of is None and other.duplicate_of is None


def test_bad_inputs_are_reported_stored_and_retried(tmp_path, db_url, counting):
    folder = tmp_path / "news"
    good = write_news(folder, wire=WIRE)
    bad = folder / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\x03binary\x00")
    report = run([str(folder), str(tmp_path / "missing.txt")], db_url, counting)
    assert report.failed and report.stored == 1
    assert sorted(e.input for e in report.errors) == sorted([str(bad), str(tmp_path / "missing.txt")])
    with open_store(db_url) as store:
        assert sorted(e.input for e in store.errors()) == sorted(e.input for e in report.errors)
        kept = [a.to_dict() for a in store.iter_articles()]
        assert [a["input"] for a in kept] == good
    bad.write_text(HARBOUR, "utf-8")  # the input is fixed; the rerun retries it
    report = run([str(folder)], db_url, counting)
    assert (report.stored, report.skipped, report.errors) == (1, 1, [])
    with open_store(db_url) as store:
        assert [e.input for e in store.errors()] == [str(tmp_path / "missing.txt")]
        assert store.get_article(kept[0]["id"]).to_dict() == kept[0]  # the stored article was not touched
        assert [a.input for a in store.iter_articles()] == [*good, str(bad)]


def test_empty_text_is_an_error_not_an_article(tmp_path, db_url, counting):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": "   "}) + "\n" + json.dumps({"text": HARBOUR}) + "\n", "utf-8")
    report = run([str(feed)], db_url, counting)
    assert report.stored == 1 and [e.input for e in report.errors] == [f"{feed}#1"]
