"""Write stored records out: contract JSON Lines, event/quote/article tables as CSV or Parquet, GDELT TSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from newsgraph.analysis.frames import events_frame, quotes_frame

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
TABLES = ("events", "quotes", "articles")
ARTICLE_COLUMNS = ["id", "input", "url", "source", "title", "published", "published_basis", "language"]


def articles_frame(articles: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per article with its metadata and section counts."""
    rows = []
    for a in articles:
        row = {k: a.get(k) for k in ARTICLE_COLUMNS}
        row.update(
            {f"n_{s}": len(a.get(s) or []) for s in ("entities", "actors", "quotes", "times", "places", "events")}
        )
        rows.append(row)
    return pd.DataFrame(rows)


def table_frame(articles: Iterable[dict[str, Any]], table: str) -> pd.DataFrame:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
    build = {"events": events_frame, "quotes": quotes_frame, "articles": articles_frame}[table]
    return build(articles)


def export_records(articles: Iterable[dict[str, Any]], fmt: str, out: str, table: str = "events") -> int:
    """Write the articles' records to ``out`` (``-`` for standard output) and return how many rows."""
    if fmt == "jsonl":
        return _write_jsonl(articles, out)
    if fmt == "gdelt":
        from newsgraph.export.gdelt import gdelt_rows

        rows = list(gdelt_rows(events_frame(articles)))
        with _open_text(out) as stream:
            csv.writer(stream, delimiter="\t", lineterminator="\n").writerows(rows)
        return len(rows)
    frame = table_frame(articles, table)
    if fmt == "csv":
        with _open_text(out) as stream:
            frame.to_csv(stream, index=False)
    elif fmt == "parquet":
        if out == "-":
            raise ValueError("Parquet is written to a file: give --out PATH")
        frame.to_parquet(out, index=False)
    else:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return len(frame)


def _write_jsonl(articles: Iterable[dict[str, Any]], out: str) -> int:
    count = 0
    with _open_text(out) as stream:
        for article in articles:
            stream.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
    return count


class _open_text:
    """A text file to write, or standard output for ``-`` (left open)."""

    def __init__(self, out: str) -> None:
        self.out = out

    def __enter__(self):
        self.stream = sys.stdout if self.out == "-" else Path(self.out).open("w", encoding="utf-8", newline="")
        return self.stream

    def __exit__(self, *exc) -> None:
        if self.stream is not sys.stdout:
            self.stream.close()
