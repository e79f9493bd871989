"""Shared pieces of the event scorers: where the corpora are and how to code plain sentences."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
EVENTS = SHARED / "eval" / "events"


def code_sentences(texts: Iterable[str]) -> Iterator[list[dict[str, Any]]]:
    """The events our coder finds in each sentence, read on its own (no actors, times or places)."""
    from newsgraph.extract.events.core import extract_events
    from newsgraph.nlp import load_model

    nlp = load_model()
    for doc in nlp.pipe(texts, batch_size=64):
        yield extract_events(doc)


def best_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event a sentence is about: among those that are not bare statements (else among all), an
    asserted one before a reported one, then the earliest."""
    if not events:
        return None
    substantive = [e for e in events if e["code"] != "010"] or events
    return min(substantive, key=lambda e: (e["modality"] != "asserted", e["trigger"]["start"]))


def print_scores(corpus: Path, score: Callable[[], dict[str, Any]]) -> None:
    """The command-line face of a scorer: its figures as JSON, or a clear exit when the corpus is absent."""
    if not corpus.exists():
        sys.exit(f"{corpus} is not available")
    print(json.dumps(score(), indent=2))
