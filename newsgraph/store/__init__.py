"""Storage: one ``Store`` interface with SQLite (default, embedded) and PostgreSQL backends.

from newsgraph.store import open_store
with open_store("news.db") as store:          # or "sqlite:///news.db", "postgresql://..."
    store.save_article(article)
    hits = store.search("pipeline sanctions")
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.store.base import (
    ArticleFilter,
    DuplicateMatch,
    EventFilter,
    QuoteFilter,
    SearchHit,
    Store,
    StoreUnavailable,
)

__all__ = [
    "ArticleFilter",
    "DuplicateMatch",
    "EventFilter",
    "QuoteFilter",
    "SearchHit",
    "Store",
    "StoreUnavailable",
    "open_store",
]


def open_store(target: str | Path, *, create: bool = True) -> Store:
    """Open the store a path or URL names, migrating its schema to the latest version.

    A plain path or ``sqlite:///path`` opens SQLite; ``postgresql://...`` (or ``postgres://``) PostgreSQL.
    With ``create=False`` a SQLite file that does not exist is an error instead of being made.
    Raises StoreUnavailable when the database cannot be opened.
    """
    name = str(target)
    if name.startswith(("postgresql://", "postgres://")):
        from newsgraph.store.postgres import PostgresStore

        return PostgresStore(name)
    if name.startswith("sqlite://"):
        name = name.removeprefix("sqlite://")
        name = name[1:] if name.startswith("/") else name
    elif "://" in name:
        raise StoreUnavailable(
            f"unknown database URL scheme: {name.split('://', 1)[0]}:// (use a path, sqlite:/// or postgresql://)"
        )
    if not create and not Path(name).is_file():
        raise StoreUnavailable(f"{name}: no such database")
    from newsgraph.store.sqlite import SQLiteStore

    return SQLiteStore(name)
