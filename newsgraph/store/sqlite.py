"""The default store: one SQLite file in WAL mode, with FTS5 full-text search."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from newsgraph.store.base import ORIGINALS, ArticleFilter, SearchHit, StoreUnavailable
from newsgraph.store.migrations import Migration
from newsgraph.store.sql import SQLStore

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(query: str) -> str:
    """An FTS5 MATCH expression requiring every word and "quoted phrase" of a plain query.

    Each term becomes a quoted phrase of its words, so punctuation (``U.S.``, ``-``, ``:``) never
    reaches FTS5's own syntax.
    """
    phrases = []
    for phrase, word in _TERM.findall(query):
        tokens = _WORD.findall(phrase or word)
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " AND ".join(phrases)


def sql_statements(script: str) -> list[str]:
    """The statements of a SQL script, split where a line completes one (a trigger body stays whole)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    leftover = [ln for ln in pending.splitlines() if ln.strip() and not ln.strip().startswith("--")]
    if leftover:
        raise ValueError(f"unterminated SQL statement: {leftover[0]!r}")
    return statements


def _use_wal(connection: sqlite3.Connection, seconds: float = 30.0) -> None:
    """Switch a connection to write-ahead logging. On a new file the switch needs the database to itself,
    and SQLite answers "locked" at once (no busy wait) while another process is doing the same, so the
    switch is tried again for up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class SQLiteStore(SQLStore):
    """A SQLite database file; each article is written in one ``BEGIN IMMEDIATE`` transaction."""

    dialect = "sqlite"
    begin_sql = "BEGIN IMMEDIATE"
    event_key = "rowid"

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
            _use_wal(connection)
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(f"{path}: cannot open as a SQLite database: {exc}") from exc
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        self.path = path
        super().__init__(f"sqlite:///{path}", connection)

    def _table_exists(self, name: str) -> bool:
        query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        return self._value(query, [name]) is not None

    def _run_migration(self, migration: Migration) -> None:
        with self._transaction():
            self._execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            if self._value("SELECT 1 FROM schema_migrations WHERE version = ?", [migration.version]):
                return  # another connection applied it while this one waited to write
            for statement in sql_statements(migration.sql):
                self._conn.execute(statement)
            self._execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, datetime('now'))",
                [migration.version, migration.name],
            )

    def search(self, query: str, where: ArticleFilter = ORIGINALS, limit: int = 20) -> list[SearchHit]:
        match = fts5_query(query)
        if not match:
            return []
        condition, params = self._filter_sql(where, "a")
        rows = self._rows(
            "SELECT a.id, a.title, a.source, a.published, a.url, a.input, a.duplicate_of, "
            "-bm25(articles_fts, 2.0, 1.0) AS score, "
            "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet "
            "FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? AND {condition} ORDER BY score DESC, a.n LIMIT ?",
            [match, *params, limit],
        )
        return [SearchHit(**row) for row in rows]
