"""Ingest: read inputs, skip what is stored, link duplicates, analyse the rest, store each article.

Everything that can be decided without NLP is decided first: an article whose id is already stored
is skipped (so a rerun resumes where the last one stopped), and an exact or near copy of a stored
article (or of one earlier in the same batch) is stored unanalysed, linked by ``duplicate_of`` to
the first copy. Failed inputs go to the ``errors`` table and are retried by the next run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TextIO

from tqdm import tqdm

from newsgraph.dedup import THRESHOLD, Fingerprint, similarity
from newsgraph.engine import Engine, check_text, publication_date
from newsgraph.ingest import read_inputs
from newsgraph.ingest.identity import stable_id
from newsgraph.model import Article, InputError, RawArticle
from newsgraph.run.base import Runner
from newsgraph.store.base import DuplicateMatch, Store

# Called once per article or error: outcome ("stored", "duplicate", "skipped", "error"), input, detail.
Listener = Callable[[str, str, str | None], None]


@dataclass
class IngestReport:
    """What one ingest run did."""

    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        return (
            f"{self.stored} stored, {self.duplicates} duplicates linked, "
            f"{self.skipped} already stored, {len(self.errors)} failed"
        )


@dataclass
class _Planned:
    raw: RawArticle
    fingerprint: Fingerprint
    duplicate: DuplicateMatch | None


def article_id(raw: RawArticle) -> str:
    """The id the engine will give this article (the input's id, else a stable hash of url or text)."""
    return raw.id or stable_id(raw.url, raw.text)


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    engine: Engine | Runner | None = None,
    plain: bool = False,
    date: str | None = None,
    batch_size: int = 32,
    listener: Listener | None = None,
) -> IngestReport:
    """Store every article of ``inputs`` (files, folders, ``-``), analysing only new originals."""
    return ingest_items(
        read_inputs(inputs, plain=plain), store, engine=engine, date=date, batch_size=batch_size, listener=listener
    )


def ingest_items(
    items: Iterable[RawArticle | InputError],
    store: Store,
    *,
    engine: Engine | None = None,
    date: str | None = None,
    batch_size: int = 32,
    listener: Listener | None = None,
) -> IngestReport:
    """Store articles already read (``read_stream`` output, say), analysing only new originals."""
    if engine is None:
        from newsgraph import default_engine

        engine = default_engine()
    run = _IngestRun(store, engine, date, listener or (lambda *_: None))
    items = iter(items)
    while batch := list(islice(items, batch_size)):
        run.ingest_batch(batch)
    return run.report


class _IngestRun:
    def __init__(self, store: Store, engine: Engine | Runner, date: str | None, listener: Listener) -> None:
        self.store = store
        self.engine = engine
        self.date = date
        self.listener = listener
        self.report = IngestReport()

    def ingest_batch(self, batch: list[RawArticle | InputError]) -> None:
        planned: list[_Planned] = []
        for item in batch:
            plan = self._plan(item, planned)
            if plan is not None:
                planned.append(plan)
        originals = [p.raw for p in planned if p.duplicate is None]
        analysed = iter(self.engine.analyze(originals, self.date))
        for plan in planned:
            if plan.duplicate is None:
                self._store_analysed(plan, next(analysed))
            else:
                self._store_duplicate(plan)

    def _plan(self, item: RawArticle | InputError, planned: list[_Planned]) -> _Planned | None:
        """What to do with one item: None when it is settled now (an error, or already stored)."""
        if isinstance(item, InputError):
            self._fail(item)
            return None
        item.id = article_id(item)
        if self.store.has_article(item.id) or any(p.raw.id == item.id for p in planned):
            self.store.clear_error(item.input)
            self.report.skipped += 1
            self.listener("skipped", item.input, item.id)
            return None
        problem = check_text(item)
        if problem is not None:
            self._fail(problem)
            return None
        fingerprint = Fingerprint.of(item.text)
        duplicate = self.store.find_duplicate(fingerprint) or _match_in_batch(fingerprint, planned)
        return _Planned(item, fingerprint, duplicate)

    def _store_analysed(self, plan: _Planned, result: Article | InputError) -> None:
        if isinstance(result, InputError):
            self._fail(result)
            return
        self.store.save_article(result, plan.fingerprint)
        self.store.clear_error(result.input)
        self.report.stored += 1
        self.listener("stored", result.input, result.id)

    def _store_duplicate(self, plan: _Planned) -> None:
        raw, match = plan.raw, plan.duplicate
        assert match is not None
        self.store.save_article(duplicate_article(raw, match.article_id, self.date), plan.fingerprint)
        self.store.clear_error(raw.input)
        self.report.duplicates += 1
        self.listener("duplicate", raw.input, f"{match.kind} copy of {match.article_id}")

    def _fail(self, error: InputError) -> None:
        self.store.record_error(error)
        self.report.errors.append(error)
        self.listener("error", error.input, error.error)


def _match_in_batch(fingerprint: Fingerprint, planned: list[_Planned]) -> DuplicateMatch | None:
    """The first original earlier in this batch (not stored yet) that the text copies."""
    for plan in planned:
        if plan.duplicate is not None:
            continue
        if plan.fingerprint.text_hash == fingerprint.text_hash:
            return DuplicateMatch(article_id(plan.raw), "exact", 1.0)
        score = similarity(plan.fingerprint.signature, fingerprint.signature)
        if score >= THRESHOLD:
            return DuplicateMatch(article_id(plan.raw), "near", score)
    return None


def duplicate_article(raw: RawArticle, original_id: str, date: str | None) -> Article:
    """The record of an unanalysed copy: its own metadata and text, no sections, linked to the original."""
    published, basis = publication_date(raw, date)
    return Article(
        id=article_id(raw),
        input=raw.input,
        text=raw.text,
        url=raw.url,
        source=raw.source,
        title=raw.title,
        published=published,
        published_basis=basis,
        language=raw.language,
        author=raw.author,
        duplicate_of=original_id,
    )


def store_as_you_go(records: Iterable[Article | InputError], store: Store) -> Iterator[Article | InputError]:
    """Pass analysed records on, saving each article and remembering each error in ``store``."""
    for record in records:
        if isinstance(record, Article):
            store.save_article(record)
            store.clear_error(record.input)
        else:
            store.record_error(record)
        yield record


class ProgressBar:
    """A listener drawing a tqdm bar (articles/s) on standard error and printing each failure above it."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.bar = tqdm(desc="ingest", unit=" articles", file=self.stream, disable=_disabled(self.stream, enabled))
        self.counts = {"stored": 0, "duplicate": 0, "skipped": 0, "error": 0}

    def __call__(self, outcome: str, label: str, detail: str | None) -> None:
        if outcome == "error":
            tqdm.write(f"newsgraph: {label}: {detail}", file=self.stream)
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        self.bar.set_postfix(self.counts, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _disabled(stream: TextIO, enabled: bool | None) -> bool:
    if enabled is not None:
        return not enabled
    return not (hasattr(stream, "isatty") and stream.isatty())
