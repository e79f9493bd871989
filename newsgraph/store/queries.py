"""Read queries over the indexed section tables: article pages, events, quotations, actors, event places.

Every value a caller gives travels as a bound parameter; only fixed SQL fragments written here are joined
into the query text. Actor codes and CAMEO codes match by prefix through ``LIKE`` with the wildcard
characters of the value escaped.

On SQLite an event query that names an actor (``actor``, ``source_actor``, ``target_actor``, ``dyad``)
selects its events in a subquery over the events table alone, ``e.rowid IN (SELECT x.rowid FROM events x
WHERE …)``, and joins articles and places to what it returns. Left in the joined query, the actor
conditions lose to the ``ORDER BY e.event_date``: SQLite then walks the whole events table in date order
through ``events_date`` (seconds per dyad on a million events) instead of reading the rows the actor
prefix indexes of migration 0005 point to. PostgreSQL's planner finds those rows through the same indexes
from the plain join, and does worse with the subquery (it walks ``events_date`` to fill a page), so it
keeps the plain join (``bench/README.md`` has the figures). Counting reads the events table alone unless
the filter names an outlet: every event has its article, and at most one place has an event's place id.
"""

from __future__ import annotations

import json
from typing import Any

from newsgraph.store.base import ORIGINALS, ArticleFilter, EventFilter, QuoteFilter

_EVENT_FROM = (
    "FROM events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN places p ON p.article_id = e.article_id AND p.record_id = e.place_id"
)
_QUOTE_FROM = "FROM quotes q JOIN articles a ON a.id = q.article_id"
_QUOTE_TEXT = "lower(substr(a.text, q.span_start + 1, q.span_end - q.span_start))"


def like_prefix(value: str) -> str:
    """A LIKE pattern matching values that start with ``value`` (used with ESCAPE '\\')."""
    return _escape_like(value) + "%"


def like_contains(value: str) -> str:
    """A LIKE pattern matching values that contain ``value`` (used with ESCAPE '\\')."""
    return "%" + _escape_like(value) + "%"


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _json(value: Any) -> Any:
    """A JSON column as Python (a driver may already have decoded it; NULL stays None)."""
    return json.loads(value) if isinstance(value, str | bytes) else value


class Conditions:
    """WHERE conditions and their parameters, built one fixed fragment at a time."""

    def __init__(self) -> None:
        self.parts: list[str] = ["1 = 1"]
        self.params: list[Any] = []

    def add(self, fragment: str, *params: Any) -> None:
        self.parts.append(fragment)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.parts)


def _actor_prefix(column: str) -> str:
    return f"{column} LIKE ? ESCAPE '\\'"


def names_actor(where: EventFilter) -> bool:
    """Whether an event filter names an actor, which the actor prefix indexes can find."""
    return bool(where.actor or where.source_actor or where.target_actor or where.dyad)


def event_conditions(where: EventFilter, alias: str = "e") -> Conditions:
    """The conditions of an event filter on the events table (as ``alias``) alone; ``outlet`` is not among them."""
    found = Conditions()
    src, tgt = _actor_prefix(f"{alias}.source_actor"), _actor_prefix(f"{alias}.target_actor")
    if where.actor:
        pattern = like_prefix(where.actor.upper())
        found.add(f"({src} OR {tgt})", pattern, pattern)
    if where.source_actor:
        found.add(src, like_prefix(where.source_actor.upper()))
    if where.target_actor:
        found.add(tgt, like_prefix(where.target_actor.upper()))
    if where.dyad:
        first, second = (like_prefix(code.upper()) for code in where.dyad)
        found.add(f"(({src} AND {tgt}) OR ({src} AND {tgt}))", first, second, second, first)
    if where.code:
        found.add(f"{alias}.code LIKE ? ESCAPE '\\'", like_prefix(where.code))
    if where.root:
        found.add(f"{alias}.root = ?", where.root.zfill(2))
    if where.quad_class is not None:
        found.add(f"{alias}.quad_class = ?", where.quad_class)
    if where.since:
        found.add(f"{alias}.event_date >= ?", where.since)
    if where.until:
        found.add(f"substr({alias}.event_date, 1, ?) <= ?", len(where.until), where.until)  # "2024-05" takes all May
    if where.article_id:
        found.add(f"{alias}.article_id = ?", where.article_id)
    return found


def event_query_conditions(where: EventFilter, key: str | None = None) -> Conditions:
    """The WHERE clause of an event query over ``e`` (events) joined to ``a`` (articles).

    With ``key``, the column that names an event row (SQLite's rowid), and an actor named, the event
    conditions go into a subquery on the events table alone, which the actor indexes serve.
    """
    if key and names_actor(where):
        inner = event_conditions(where, "x")
        found = Conditions()
        found.add(f"e.{key} IN (SELECT x.{key} FROM events x WHERE {inner.sql()})", *inner.params)
    else:
        found = event_conditions(where, "e")
    if where.outlet:
        found.add("lower(a.source) = lower(?)", where.outlet)
    return found


def quote_conditions(where: QuoteFilter) -> Conditions:
    """The WHERE clause of a quotation query over ``q`` (quotes) and ``a`` (articles)."""
    found = Conditions()
    if where.speaker:
        name = like_contains(where.speaker.lower())
        found.add(
            f"({_actor_prefix('q.speaker_actor')} OR lower(q.speaker_name) LIKE ? ESCAPE '\\' "
            "OR lower(q.speaker_text) LIKE ? ESCAPE '\\')",
            like_prefix(where.speaker.upper()),
            name,
            name,
        )
    for word in where.words:
        found.add(f"{_QUOTE_TEXT} LIKE ? ESCAPE '\\'", like_contains(word.lower()))
    if where.outlet:
        found.add("lower(a.source) = lower(?)", where.outlet)
    if where.since:
        found.add("a.published >= ?", where.since)
    if where.until:
        found.add("substr(a.published, 1, ?) <= ?", len(where.until), where.until)
    return found


def _page(offset: int, limit: int | None) -> tuple[str, list[int]]:
    if limit is None:
        return (" LIMIT ? OFFSET ?", [2**62, max(offset, 0)]) if offset else ("", [])
    return " LIMIT ? OFFSET ?", [max(limit, 0), max(offset, 0)]


class QueryMixin:
    """The Store's read queries, for a SQL store offering ``_rows``, ``_value`` and ``_filter_sql``."""

    _rows: Any
    _value: Any
    _filter_sql: Any
    # The column naming an event row, when an actor's events are to be picked in a subquery (SQLite).
    event_key: str | None = None

    def article_page(self, where: ArticleFilter = ORIGINALS, offset: int = 0, limit: int = 20) -> list[dict[str, Any]]:
        # The page's articles are chosen first, so that events and quotations are counted for them alone
        # and not for every article an OFFSET skips.
        condition, params = self._filter_sql(where, "pa")
        page, page_params = _page(offset, limit)
        return self._rows(
            "SELECT a.id, a.title, a.source, a.published, a.url, a.input, a.duplicate_of, "
            "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events, "
            "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
            f"FROM articles a WHERE a.n IN (SELECT pa.n FROM articles pa WHERE {condition} "
            f"ORDER BY pa.published DESC, pa.n DESC{page}) ORDER BY a.published DESC, a.n DESC",
            [*params, *page_params],
        )

    def count_articles(self, where: ArticleFilter = ORIGINALS) -> int:
        condition, params = self._filter_sql(where, "a")
        return int(self._value(f"SELECT COUNT(*) FROM articles a WHERE {condition}", params))

    def events_statement(
        self, where: EventFilter, offset: int = 0, limit: int | None = None, evidence: bool = True
    ) -> tuple[str, list[Any]]:
        """The SELECT ``query_events`` runs and its parameters (``?`` placeholders)."""
        found = event_query_conditions(where, self.event_key)
        page, page_params = _page(offset, limit)
        text = ", a.text" if evidence else ""
        sql = (
            "SELECT e.data AS event, p.data AS place, a.id, a.title, a.source, a.url, a.published"
            f"{text} {_EVENT_FROM} WHERE {found.sql()} ORDER BY e.event_date, a.n, e.seq{page}"
        )
        return sql, [*found.params, *page_params]

    def query_events(
        self, where: EventFilter, offset: int = 0, limit: int | None = None, evidence: bool = True
    ) -> list[dict[str, Any]]:
        rows = self._rows(*self.events_statement(where, offset, limit, evidence))
        return [
            {
                "event": _json(row.pop("event")),
                "place": _json(row.pop("place")),
                "article": row,
            }
            for row in rows
        ]

    def count_events(self, where: EventFilter) -> int:
        if where.outlet:
            found = event_query_conditions(where, self.event_key)
            tables = "events e JOIN articles a ON a.id = e.article_id"
        else:
            found, tables = event_conditions(where, "e"), "events e"
        return int(self._value(f"SELECT COUNT(*) FROM {tables} WHERE {found.sql()}", found.params))

    def query_quotes(self, where: QuoteFilter, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        found = quote_conditions(where)
        page, page_params = _page(offset, limit)
        rows = self._rows(
            "SELECT q.data AS quote, a.id, a.title, a.source, a.url, a.published "
            f"{_QUOTE_FROM} WHERE {found.sql()} ORDER BY a.published, a.n, q.seq{page}",
            [*found.params, *page_params],
        )
        return [{"quote": _json(row.pop("quote")), "article": row} for row in rows]

    def count_quotes(self, where: QuoteFilter) -> int:
        found = quote_conditions(where)
        return int(self._value(f"SELECT COUNT(*) {_QUOTE_FROM} WHERE {found.sql()}", found.params))

    def _actor_conditions(self, query: str | None) -> Conditions:
        found = Conditions()
        found.add("ac.code IS NOT NULL")
        if query:
            found.add(
                f"({_actor_prefix('ac.code')} OR lower(ac.name) LIKE ? ESCAPE '\\')",
                like_prefix(query.upper()),
                like_contains(query.lower()),
            )
        return found

    def actor_page(self, query: str | None = None, offset: int = 0, limit: int = 50) -> list[dict[str, Any]]:
        found = self._actor_conditions(query)
        page, page_params = _page(offset, limit)
        return self._rows(
            "SELECT ac.code, MAX(ac.name) AS name, MAX(ac.country) AS country, "
            "COUNT(DISTINCT ac.article_id) AS articles, "
            "(SELECT COUNT(*) FROM events e WHERE e.source_actor = ac.code OR e.target_actor = ac.code) AS events "
            f"FROM actors ac WHERE {found.sql()} GROUP BY ac.code "
            f"ORDER BY COUNT(DISTINCT ac.article_id) DESC, ac.code{page}",
            [*found.params, *page_params],
        )

    def count_actors(self, query: str | None = None) -> int:
        found = self._actor_conditions(query)
        return int(self._value(f"SELECT COUNT(DISTINCT ac.code) FROM actors ac WHERE {found.sql()}", found.params))

    def event_places(self, where: EventFilter) -> list[dict[str, Any]]:
        found = event_query_conditions(where, self.event_key)
        found.add("p.lat IS NOT NULL AND p.lon IS NOT NULL")
        return self._rows(
            "SELECT p.name, p.country, p.lat, p.lon, COUNT(*) AS events, COUNT(DISTINCT e.article_id) AS articles "
            f"{_EVENT_FROM} WHERE {found.sql()} GROUP BY p.name, p.country, p.lat, p.lon "
            "ORDER BY COUNT(*) DESC, p.name",
            found.params,
        )
