"""Versioned schema migrations: ``migrations/NNNN_name[.dialect].sql`` applied in order, each recorded.

A migration file without a dialect suffix serves every backend; ``NNNN_name.sqlite.sql`` and
``NNNN_name.postgresql.sql`` are the same step written for one backend's SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsgraph.store.base import StoreUnavailable

DIALECTS = ("sqlite", "postgresql")
_FILE = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+?)(?:\.(?P<dialect>sqlite|postgresql))?\.sql$")


class SchemaTooNew(StoreUnavailable):
    """The database was written by a newer newsgraph; it is left untouched."""


@dataclass(frozen=True)
class Migration:
    """One schema step."""

    version: int
    name: str
    sql: str


@cache
def migrations_for(dialect: str) -> tuple[Migration, ...]:
    """Every migration for a backend, in version order; each version must exist for it exactly once."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown SQL dialect {dialect!r}")
    found: dict[int, Migration] = {}
    for entry in sorted(resources.files("newsgraph.store").joinpath("migrations").iterdir(), key=lambda e: e.name):
        match = _FILE.match(entry.name)
        if not match or match["dialect"] not in (None, dialect):
            continue
        version = int(match["version"])
        if version in found:
            raise RuntimeError(f"two migrations numbered {version:04d} for {dialect}")
        found[version] = Migration(version, match["name"], entry.read_text("utf-8"))
    expected = list(range(1, len(found) + 1))
    if sorted(found) != expected:
        raise RuntimeError(f"{dialect} migrations are not numbered 1..{len(found)}: {sorted(found)}")
    return tuple(found[v] for v in expected)


def latest_version(dialect: str) -> int:
    """The schema version a store of this backend reaches once migrated."""
    return len(migrations_for(dialect))


def pending(dialect: str, current: int, target: int | None = None) -> list[Migration]:
    """The migrations that take a schema from ``current`` to ``target`` (default: the latest)."""
    steps = migrations_for(dialect)
    target = len(steps) if target is None else target
    if current > len(steps):
        raise SchemaTooNew(f"database schema version {current} is newer than this newsgraph ({len(steps)})")
    return [m for m in steps if current < m.version <= target]
