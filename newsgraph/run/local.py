"""The local runner: the engine in this process, or in N worker processes each with its own pipeline."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from newsgraph.model import Article, InputError
from newsgraph.run.base import Item

_worker_engine = None


def _start_worker(batch_size: int) -> None:
    """Build the worker's pipeline once, when the worker process starts."""
    global _worker_engine
    from newsgraph.engine import Engine

    _worker_engine = Engine(batch_size=batch_size)


def _analyze_in_worker(batch: list[Item], date: str | None) -> list[Article | InputError]:
    return list(_worker_engine.analyze(batch, date))


class LocalRunner:
    """One process (``workers=1``) or a pool of worker processes fed in bounded, ordered batches.

    At most ``2 * workers`` batches are in flight, so memory stays flat however long the input is.
    """

    def __init__(self, workers: int = 1, batch_size: int = 32) -> None:
        self.workers = max(1, workers)
        self.batch_size = batch_size

    def analyze(self, items: Iterable[Item], date: str | None = None) -> Iterator[Article | InputError]:
        if self.workers == 1:
            from newsgraph.engine import Engine

            yield from Engine(batch_size=self.batch_size).analyze(items, date)
            return
        yield from self._analyze_in_pool(iter(items), date)

    def _analyze_in_pool(self, stream: Iterator[Item], date: str | None) -> Iterator[Article | InputError]:
        context = multiprocessing.get_context("fork")
        with context.Pool(self.workers, initializer=_start_worker, initargs=(self.batch_size,)) as pool:
            pending: deque = deque()
            while True:
                while len(pending) < 2 * self.workers and (batch := list(islice(stream, self.batch_size))):
                    pending.append(pool.apply_async(_analyze_in_worker, (batch, date)))
                if not pending:
                    return
                yield from pending.popleft().get()
