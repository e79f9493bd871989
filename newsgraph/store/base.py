"""The one narrow interface every storage backend implements (SQLite, PostgreSQL)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from newsgraph.dedup import Fingerprint
from newsgraph.model import Article, InputError


class StoreUnavailable(RuntimeError):
    """The database cannot be opened: missing file, bad URL, unreachable server, missing driver, newer schema."""


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a listing or search covers: publication dates (inclusive), outlet, duplicates."""

    since: str | None = None
    until: str | None = None
    source: str | None = None
    duplicates: bool = True


EVERYTHING = ArticleFilter()
ORIGINALS = ArticleFilter(duplicates=False)


@dataclass(frozen=True)
class SearchHit:
    """One full-text search result; ``snippet`` marks matched words with [brackets]."""

    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    input: str
    duplicate_of: str | None
    score: float
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return {"schema": "newsgraph.search_hit/1", **asdict(self)}


@dataclass(frozen=True)
class DuplicateMatch:
    """The stored article a new text copies: ``kind`` is "exact" or "near", with the estimated similarity."""

    article_id: str
    kind: str
    similarity: float


@dataclass(frozen=True)
class EventFilter:
    """Which events a query covers. Actor codes match by prefix ('RUS' matches 'RUSGOV'); ``dyad`` takes
    events between two actors in either direction; ``code`` matches CAMEO codes by prefix; dates are the
    events' own dates (inclusive, ISO); ``outlet`` the article's source."""

    actor: str | None = None
    source_actor: str | None = None
    target_actor: str | None = None
    dyad: tuple[str, str] | None = None
    code: str | None = None
    root: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    article_id: str | None = None


@dataclass(frozen=True)
class QuoteFilter:
    """Which quotations a query covers: a speaker (actor code prefix, or part of the speaker's name), words
    that must all occur in the quotation, the outlet and the article's publication dates (inclusive)."""

    speaker: str | None = None
    words: tuple[str, ...] = ()
    outlet: str | None = None
    since: str | None = None
    until: str | None = None


class Store(ABC):
    """Articles with every contract section, input errors, duplicate fingerprints and full-text search.

    Writes are per article and atomic; saving an article already stored with the same content changes
    nothing. A store is a context manager; ``close()`` releases the connection.
    """

    url: str

    # -- writing -------------------------------------------------------------------------------------------

    @abstractmethod
    def save_article(self, article: Article, fingerprint: Fingerprint | None = None) -> bool:
        """Insert or replace the article keyed by its id, in one transaction; False when nothing changed."""

    @abstractmethod
    def record_error(self, error: InputError) -> None:
        """Remember an input that failed (a later run retries it)."""

    @abstractmethod
    def clear_error(self, input_label: str) -> None:
        """Forget the failure of an input that has now been read."""

    # -- reading -------------------------------------------------------------------------------------------

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None:
        """The stored article, exactly as saved, or None."""

    @abstractmethod
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""

    @abstractmethod
    def iter_articles(self, where: ArticleFilter = EVERYTHING) -> Iterator[Article]:
        """Stored articles in storage order."""

    @abstractmethod
    def errors(self) -> list[InputError]:
        """Inputs whose last attempt failed."""

    @abstractmethod
    def search(self, query: str, where: ArticleFilter = ORIGINALS, limit: int = 20) -> list[SearchHit]:
        """Articles whose title or text match every word and "quoted phrase" of ``query``, best first."""

    @abstractmethod
    def article_page(self, where: ArticleFilter = ORIGINALS, offset: int = 0, limit: int = 20) -> list[dict[str, Any]]:
        """Article summaries (id, title, source, published, url, input, duplicate_of, counts), newest first."""

    @abstractmethod
    def count_articles(self, where: ArticleFilter = ORIGINALS) -> int:
        """How many articles ``where`` covers."""

    @abstractmethod
    def query_events(
        self, where: EventFilter, offset: int = 0, limit: int | None = None, evidence: bool = True
    ) -> list[dict[str, Any]]:
        """Events as ``{"event", "place", "article"}`` dicts (contract records; ``article`` has id, title,
        source, url, published, and its text when ``evidence``), by event date then storage order."""

    @abstractmethod
    def count_events(self, where: EventFilter) -> int:
        """How many events ``where`` covers."""

    @abstractmethod
    def query_quotes(self, where: QuoteFilter, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        """Quotations as ``{"quote", "article"}`` dicts, by publication date then storage order."""

    @abstractmethod
    def count_quotes(self, where: QuoteFilter) -> int:
        """How many quotations ``where`` covers."""

    @abstractmethod
    def actor_page(self, query: str | None = None, offset: int = 0, limit: int = 50) -> list[dict[str, Any]]:
        """Actor codes with a name, country, and how many articles and events mention each, most frequent first;
        ``query`` keeps codes starting with it or names containing it."""

    @abstractmethod
    def count_actors(self, query: str | None = None) -> int:
        """How many distinct actor codes ``actor_page`` would list."""

    @abstractmethod
    def event_places(self, where: EventFilter) -> list[dict[str, Any]]:
        """Places of events with coordinates: name, country, lat, lon and the number of events there."""

    @abstractmethod
    def find_duplicate(self, fingerprint: Fingerprint) -> DuplicateMatch | None:
        """The first stored original that this text copies exactly or nearly, or None."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts by section and source, the date range, duplicates and errors."""

    @abstractmethod
    def schema_version(self) -> int:
        """The migration version the database is at."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
