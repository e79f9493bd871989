"""Shared fixtures: paths to ../shared (tests that need it skip cleanly without it) and one engine."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_b9f8470c17a25195.txt"
EXAMPLE = ROOT / "examples" / "news" / "baltic-ministers.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def engine():
    from newsgraph.engine import Engine

    return Engine()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", SEED.name).read_text("utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_text):
    from newsgraph import analyze

    return analyze(seed_text, plain=False)


# The store backends a suite runs on; PostgreSQL on a throwaway server (newsgraph/store/testing.py).
STORE_BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.service)]
_database_numbers = itertools.count(1)


def new_database(backend: str, folder: Path) -> str:
    """A new, empty database: a SQLite file in ``folder``, or a database on the shared throwaway
    PostgreSQL server (the test skips when the server binaries or the driver are not installed)."""
    if backend == "sqlite":
        return str(folder / "news.db")
    from newsgraph.store.testing import PostgresUnavailable, server_binaries, shared_postgres

    if server_binaries() is None:
        pytest.skip("PostgreSQL server binaries are not installed (scripts/services.sh installs them)")
    try:
        server = shared_postgres()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    return server.create_database(f"newsgraph_fixture_{os.getpid()}_{next(_database_numbers)}")


@pytest.fixture(scope="module", params=STORE_BACKENDS)
def backend(request) -> str:
    """Each test using it runs once per store backend; module scope keeps one database per module and backend."""
    return request.param


@pytest.fixture(scope="session")
def sample_corpus(engine) -> list:
    """The articles of tests/browser/sample_corpus.py, analysed once per session."""
    from tests.browser.sample_corpus import SAMPLES, annotate, raw_article

    return [annotate(engine.analyze_one(raw_article(sample)), sample) for sample in SAMPLES]


@pytest.fixture(scope="module")
def sample_db(backend, sample_corpus, tmp_path_factory) -> str:
    """The URL of a database of ``backend`` holding the sample corpus, filled once per test module."""
    from newsgraph.store import open_store

    url = new_database(backend, tmp_path_factory.mktemp(f"samples-{backend}"))
    with open_store(url) as store:
        for article in sample_corpus:
            store.save_article(article)
    return url


def assert_spans_match(record: dict) -> None:
    """Every span of a contract record satisfies ``text[start:end] == span['text']``."""
    text = record["text"]
    for section in ("entities", "quotes", "times", "places"):
        for span in record.get(section) or []:
            assert text[span["start"] : span["end"]] == span["text"], (section, span)
            for sub in ("speaker", "cue"):
                part = span.get(sub)
                if isinstance(part, dict) and "start" in part:
                    assert text[part["start"] : part["end"]] == part["text"], (section, sub, part)
    for event in record.get("events") or []:
        for sub in ("source", "target", "trigger"):
            part = event.get(sub)
            if isinstance(part, dict) and "start" in part:
                assert text[part["start"] : part["end"]] == part["text"], ("events", sub, part)
