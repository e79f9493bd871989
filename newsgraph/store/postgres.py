"""The PostgreSQL store (psycopg 3): the same schema and behaviour, search by tsvector."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from newsgraph.store.base import ORIGINALS, ArticleFilter, SearchHit, StoreUnavailable
from newsgraph.store.migrations import Migration
from newsgraph.store.sql import SQLStore

_TERM = re.compile(r'"([^"]*)"|(\S+)')
# Any fixed number: serialises migrations between processes opening the same database at once.
_MIGRATION_LOCK = 0x6E657773
_HEADLINE = "StartSel=[, StopSel=], MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=1"


def redact_password(url: str) -> str:
    """The URL with any password replaced by ***, for messages and statistics."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def search_terms(query: str) -> list[str]:
    """The words and "quoted phrases" of a plain query; each must match."""
    return [(phrase or word).strip() for phrase, word in _TERM.findall(query) if (phrase or word).strip()]


class PostgresStore(SQLStore):
    """A PostgreSQL database named by a ``postgresql://`` URL; each article written in one transaction."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreUnavailable("PostgreSQL needs the psycopg package: pip install 'newsgraph[postgres]'") from exc
        try:
            connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreUnavailable(f"{redact_password(url)}: cannot connect: {exc}") from exc
        super().__init__(redact_password(url), connection)

    def _sql(self, query: str) -> str:
        return query.replace("?", "%s")

    def _execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        # Without parameters psycopg sends the text as is, which lets a migration hold several statements.
        return self._conn.execute(self._sql(query), tuple(params)) if params else self._conn.execute(query)

    def _table_exists(self, name: str) -> bool:
        query = "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
        return self._value(query, [name]) is not None

    def _run_migration(self, migration: Migration) -> None:
        with self._transaction():
            self._execute("SELECT pg_advisory_xact_lock(?)", [_MIGRATION_LOCK])
            self._execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
            )
            if self._value("SELECT 1 FROM schema_migrations WHERE version = ?", [migration.version]):
                return  # another process applied it while we waited for the lock
            self._execute(migration.sql)
            self._execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, now())",
                [migration.version, migration.name],
            )

    def search(self, query: str, where: ArticleFilter = ORIGINALS, limit: int = 20) -> list[SearchHit]:
        terms = search_terms(query)
        if not terms:
            return []
        match = " && ".join(["phraseto_tsquery('english', ?)"] * len(terms))
        condition, params = self._filter_sql(where, "a")
        rows = self._rows(
            "WITH q AS (SELECT " + match + " AS query), "
            "best AS (SELECT a.n, ts_rank(a.search, q.query) AS score FROM articles a, q "
            f"WHERE a.search @@ q.query AND {condition} ORDER BY score DESC, a.n LIMIT ?) "
            "SELECT a.id, a.title, a.source, a.published, a.url, a.input, a.duplicate_of, "
            f"best.score::float AS score, ts_headline('english', a.text, q.query, '{_HEADLINE}') AS snippet "
            "FROM best JOIN articles a ON a.n = best.n, q ORDER BY best.score DESC, a.n",
            [*terms, *params, limit],
        )
        return [SearchHit(**row) for row in rows]
