"""What the store gives back, written out: JSON Lines exports, search results and statistics."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from newsgraph.store.base import EVERYTHING, ArticleFilter, SearchHit, Store


def export_jsonl(store: Store, out: TextIO | str | Path, where: ArticleFilter = EVERYTHING) -> int:
    """Write stored articles as ``newsgraph.article/1`` JSON Lines; return how many were written.

    A file is written under a temporary name and renamed when complete, so it is never left half-written.
    """
    if not isinstance(out, str | Path):
        return _write_articles(store, out, where)
    with replaced_when_complete(out) as temp, open(temp, "w", encoding="utf-8") as stream:
        return _write_articles(store, stream, where)


@contextmanager
def replaced_when_complete(out: str | Path) -> Iterator[Path]:
    """A temporary path next to ``out`` to write; it becomes ``out`` when the block ends without an error,
    and is removed otherwise, so ``out`` is never left half-written."""
    path = Path(out)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        yield Path(temp)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_articles(store: Store, stream: TextIO, where: ArticleFilter) -> int:
    count = 0
    for article in store.iter_articles(where):
        stream.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    stream.flush()
    return count


def hits_table(hits: Iterable[SearchHit]) -> str:
    """Search results for people: date, outlet, title and id, then the matching passage."""
    lines = []
    for hit in hits:
        lines.append(f"{hit.published or '----------'}  {hit.source or '-'}  {hit.title or '(untitled)'}  [{hit.id}]")
        lines.append(f"    {' '.join(hit.snippet.split())}")
    return "\n".join(lines) + ("\n" if lines else "")


def stats_table(stats: dict[str, Any]) -> str:
    """The store's statistics for people."""
    dup = stats["duplicates"]
    published = stats["published"]
    lines = [
        f"database        {stats['database']} (schema version {stats['schema_version']})",
        f"articles        {stats['articles']}",
        f"duplicates      {dup['total']} ({dup['exact']} exact, {dup['near']} near)",
        f"published       {published['first'] or '-'} .. {published['last'] or '-'} ({published['unknown']} undated)",
        f"failed inputs   {stats['errors']}",
        "sections        records (articles with any)",
    ]
    with_any = stats["articles_with"]
    for name, count in stats["sections"].items():
        suffix = f" ({with_any[name]})" if name in with_any else ""
        lines.append(f"  {name:<16}{count}{suffix}")
    lines.append("sources         articles")
    for row in stats["sources"]:
        lines.append(f"  {row['source'] or '(unknown)':<16}{row['articles']}")
    return "\n".join(lines) + "\n"
