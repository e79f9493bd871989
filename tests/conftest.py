"""Shared fixtures: paths to ../shared (tests that need it skip cleanly without it) and one engine."""

from __future__ import annotations

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
