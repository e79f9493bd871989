"""The one interface every runner offers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from newsgraph.model import Article, InputError, RawArticle

Item = RawArticle | InputError


class Runner(Protocol):
    """Analyses raw articles and yields one Article or InputError per item, in input order."""

    def analyze(self, items: Iterable[Item], date: str | None = None) -> Iterator[Article | InputError]: ...
