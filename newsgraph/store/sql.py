"""The Store over a DB-API connection, shared by the SQLite and PostgreSQL backends.

Queries are written with ``?`` placeholders; a backend with another paramstyle rewrites them in
``_sql``. Backends supply the connection, how a transaction starts, how a migration script runs,
and full-text search.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from newsgraph import dedup
from newsgraph.dedup import Fingerprint
from newsgraph.model import Article, InputError
from newsgraph.store.base import EVERYTHING, ArticleFilter, DuplicateMatch, Store
from newsgraph.store.migrations import Migration, pending
from newsgraph.store.queries import QueryMixin
from newsgraph.store.records import (
    ARTICLE_COLUMNS,
    TABLE_SECTIONS,
    article_from_rows,
    article_row,
    mention_rows,
    section_rows,
)

SECTION_TABLES = (*TABLE_SECTIONS, "actor_mentions")
FINGERPRINT_TABLES = ("fingerprints", "fingerprint_bands")
_ARTICLE_FIELDS = ", ".join((*ARTICLE_COLUMNS, "sentences", "record"))


class SQLStore(QueryMixin, Store):
    """Everything but connecting, transactions, migration scripts and search, in portable SQL."""

    dialect: str
    begin_sql = "BEGIN"

    def __init__(self, url: str, connection: Any) -> None:
        self.url = url
        self._conn = connection
        self._fingerprints_checked = False
        self.migrate()

    # -- plumbing --------------------------------------------------------------------------------------------

    def _sql(self, query: str) -> str:
        return query

    def _execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(self._sql(query), tuple(params))

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._execute(query, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _value(self, query: str, params: Sequence[Any] = ()) -> Any:
        row = self._execute(query, params).fetchone()
        return row[0] if row else None

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._execute(self.begin_sql)
        try:
            yield
        except BaseException:
            self._execute("ROLLBACK")
            raise
        self._execute("COMMIT")

    def _insert(self, table: str, row: dict[str, Any], conflict: str = "") -> None:
        names = list(row)
        query = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) {conflict}"
        self._execute(query, [row[n] for n in names])

    # -- migrations ------------------------------------------------------------------------------------------

    @abstractmethod
    def _table_exists(self, name: str) -> bool: ...

    @abstractmethod
    def _run_migration(self, migration: Migration) -> None:
        """Run one migration script and record it, all in one transaction."""

    def schema_version(self) -> int:
        if not self._table_exists("schema_migrations"):
            return 0
        return int(self._value("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))

    def migrate(self, target: int | None = None) -> int:
        """Bring the schema to ``target`` (default: the latest version); return the version reached."""
        for migration in pending(self.dialect, self.schema_version(), target):
            self._run_migration(migration)
        return self.schema_version()

    # -- writing ---------------------------------------------------------------------------------------------

    def save_article(self, article: Article, fingerprint: Fingerprint | None = None) -> bool:
        stored = self.get_article(article.id)
        if stored is not None and stored.to_dict() == article.to_dict() and self._has_fingerprint(article.id):
            return False
        fingerprint = fingerprint or Fingerprint.of(article.text)
        with self._transaction():
            self._write_article(article, fingerprint)
        return True

    def _write_article(self, article: Article, fingerprint: Fingerprint) -> None:
        row = article_row(article)
        updates = ", ".join(f"{name} = excluded.{name}" for name in row if name != "id")
        self._insert("articles", row, f"ON CONFLICT (id) DO UPDATE SET {updates}")
        for table in SECTION_TABLES:
            self._execute(f"DELETE FROM {table} WHERE article_id = ?", [article.id])
        for section in TABLE_SECTIONS:
            for section_row in section_rows(article, section):
                self._insert(section, section_row)
        for mention in mention_rows(article):
            self._insert("actor_mentions", mention)
        self._write_fingerprint(article.id, fingerprint)

    def _write_fingerprint(self, article_id: str, fingerprint: Fingerprint) -> None:
        for table in FINGERPRINT_TABLES:
            self._execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        row = {
            "article_id": article_id,
            "text_hash": fingerprint.text_hash,
            "method": dedup.METHOD,
            "signature": dedup.signature_bytes(fingerprint.signature),
        }
        self._insert("fingerprints", row)
        for band, bucket in dedup.band_buckets(fingerprint.signature):
            self._insert("fingerprint_bands", {"article_id": article_id, "band": band, "bucket": bucket})

    def record_error(self, error: InputError) -> None:
        with self._transaction():
            self._insert(
                "errors",
                {"input": error.input, "error": error.error},
                "ON CONFLICT (input) DO UPDATE SET error = excluded.error, attempts = errors.attempts + 1",
            )

    def clear_error(self, input_label: str) -> None:
        self._execute("DELETE FROM errors WHERE input = ?", [input_label])

    # -- reading ---------------------------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        rows = self._rows(f"SELECT {_ARTICLE_FIELDS} FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        sections = {
            section: [
                r["data"]
                for r in self._rows(f"SELECT data FROM {section} WHERE article_id = ? ORDER BY seq", [article_id])
            ]
            for section in TABLE_SECTIONS
        }
        return article_from_rows(rows[0], sections)

    def has_article(self, article_id: str) -> bool:
        return self._value("SELECT 1 FROM articles WHERE id = ?", [article_id]) is not None

    def iter_articles(self, where: ArticleFilter = EVERYTHING) -> Iterator[Article]:
        condition, params = self._filter_sql(where, "articles")
        ids = [
            row[0] for row in self._execute(f"SELECT id FROM articles WHERE {condition} ORDER BY n", params).fetchall()
        ]
        for article_id in ids:
            article = self.get_article(article_id)
            if article is not None:
                yield article

    def errors(self) -> list[InputError]:
        return [
            InputError(r["input"], r["error"]) for r in self._rows("SELECT input, error FROM errors ORDER BY input")
        ]

    def _filter_sql(self, where: ArticleFilter, alias: str) -> tuple[str, list[Any]]:
        conditions, params = ["1 = 1"], []
        if where.since:
            conditions.append(f"{alias}.published >= ?")
            params.append(where.since)
        if where.until:
            conditions.append(f"{alias}.published <= ?")
            params.append(where.until)
        if where.source:
            conditions.append(f"lower({alias}.source) = lower(?)")
            params.append(where.source)
        if not where.duplicates:
            conditions.append(f"{alias}.duplicate_of IS NULL")
        return " AND ".join(conditions), params

    # -- duplicates ------------------------------------------------------------------------------------------

    def find_duplicate(self, fingerprint: Fingerprint) -> DuplicateMatch | None:
        self._ensure_fingerprints()
        exact = self._value(
            "SELECT a.id FROM fingerprints f JOIN articles a ON a.id = f.article_id "
            "WHERE f.text_hash = ? AND a.duplicate_of IS NULL ORDER BY a.n LIMIT 1",
            [fingerprint.text_hash],
        )
        if exact is not None:
            return DuplicateMatch(exact, "exact", 1.0)
        for candidate, signature in self._near_candidates(fingerprint):
            score = dedup.similarity(fingerprint.signature, dedup.signature_from_bytes(bytes(signature)))
            if score >= dedup.THRESHOLD:
                return DuplicateMatch(candidate, "near", score)
        return None

    def _near_candidates(self, fingerprint: Fingerprint) -> list[tuple[str, bytes]]:
        """Originals sharing a band bucket with the signature, first stored first, with their signatures."""
        buckets = dedup.band_buckets(fingerprint.signature)
        match = " OR ".join(["(b.band = ? AND b.bucket = ?)"] * len(buckets))
        rows = self._execute(
            "SELECT a.id, f.signature FROM articles a JOIN fingerprints f ON f.article_id = a.id "
            "WHERE a.duplicate_of IS NULL AND a.id IN "
            f"(SELECT b.article_id FROM fingerprint_bands b WHERE {match}) ORDER BY a.n",
            [value for pair in buckets for value in pair],
        )
        return [(key, data) for key, data in rows.fetchall()]

    def _has_fingerprint(self, article_id: str) -> bool:
        query = "SELECT 1 FROM fingerprints WHERE article_id = ? AND method = ?"
        return self._value(query, [article_id, dedup.METHOD]) is not None

    def _ensure_fingerprints(self) -> None:
        """Compute fingerprints for articles stored without one (older schema) or with another method."""
        if self._fingerprints_checked:
            return
        missing = self._rows(
            "SELECT a.id, a.text FROM articles a LEFT JOIN fingerprints f ON f.article_id = a.id "
            "WHERE f.article_id IS NULL OR f.method <> ? ORDER BY a.n",
            [dedup.METHOD],
        )
        for row in missing:
            with self._transaction():
                self._write_fingerprint(row["id"], Fingerprint.of(row["text"]))
        self._fingerprints_checked = True

    # -- statistics ------------------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        count = self._value
        exact = count(
            "SELECT COUNT(*) FROM articles d JOIN articles o ON o.id = d.duplicate_of "
            "JOIN fingerprints fd ON fd.article_id = d.id JOIN fingerprints fo ON fo.article_id = o.id "
            "WHERE fd.text_hash = fo.text_hash"
        )
        duplicates = count("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL")
        sources = self._rows(
            "SELECT source, COUNT(*) AS articles FROM articles GROUP BY source ORDER BY COUNT(*) DESC, source"
        )
        return {
            "database": self.url,
            "schema_version": self.schema_version(),
            "articles": count("SELECT COUNT(*) FROM articles"),
            "duplicates": {"total": duplicates, "exact": exact, "near": duplicates - exact},
            "sections": {table: count(f"SELECT COUNT(*) FROM {table}") for table in SECTION_TABLES},
            "articles_with": {s: count(f"SELECT COUNT(DISTINCT article_id) FROM {s}") for s in TABLE_SECTIONS},
            "sources": sources,
            "published": {
                "first": count("SELECT MIN(published) FROM articles"),
                "last": count("SELECT MAX(published) FROM articles"),
                "unknown": count("SELECT COUNT(*) FROM articles WHERE published IS NULL"),
            },
            "errors": count("SELECT COUNT(*) FROM errors"),
        }

    def close(self) -> None:
        self._conn.close()
