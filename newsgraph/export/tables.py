"""Write stored records out: contract JSON Lines, event/quote/article tables as CSV or Parquet, GDELT TSV.

CSV and Parquet tables are written a page of articles at a time, so an export holds one page in memory
however large the store. Every page gets the same column types (``COLUMN_TYPES``), so the pages agree
with each other: one CSV header, one Parquet schema.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import Any

import pandas as pd

from newsgraph.analysis.frames import EVENT_COLUMNS, QUOTE_COLUMNS, events_frame, quotes_frame
from newsgraph.store.views import replaced_when_complete

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
TABLES = ("events", "quotes", "articles")
ARTICLE_COLUMNS = ["id", "input", "url", "source", "title", "published", "published_basis", "language"]
COUNTED_SECTIONS = ("entities", "actors", "quotes", "times", "places", "events")
PAGE_ARTICLES = 500

# Columns that are not text; the types are those a whole-store table had, integers made nullable.
COLUMN_TYPES = {
    "events": {
        "date": "date", "quad_class": "integer", "goldstein": "number", "lat": "number", "lon": "number",
        "geonameid": "number", "negated": "boolean", "sentence_start": "integer", "sentence_end": "integer",
    },
    "quotes": {"published": "date", "start": "integer", "end": "integer"},
    "articles": {f"n_{section}": "integer" for section in COUNTED_SECTIONS},
}  # fmt: skip
PANDAS_TYPES = {"date": "datetime64[us]", "integer": "Int64", "number": "float64", "boolean": "bool"}


def table_columns(table: str) -> list[str]:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
    if table == "articles":
        return [*ARTICLE_COLUMNS, *(f"n_{section}" for section in COUNTED_SECTIONS)]
    return list(EVENT_COLUMNS if table == "events" else QUOTE_COLUMNS)


def articles_frame(articles: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per article with its metadata and section counts."""
    rows = []
    for a in articles:
        row = {k: a.get(k) for k in ARTICLE_COLUMNS}
        row.update({f"n_{s}": len(a.get(s) or []) for s in COUNTED_SECTIONS})
        rows.append(row)
    return pd.DataFrame(rows, columns=table_columns("articles"))


_BUILDERS = {"events": events_frame, "quotes": quotes_frame, "articles": articles_frame}


def table_frame(articles: Iterable[dict[str, Any]], table: str) -> pd.DataFrame:
    """The whole table of the articles in one frame, its column types as pandas infers them."""
    table_columns(table)
    return _BUILDERS[table](articles)


def table_pages(
    articles: Iterable[dict[str, Any]], table: str, page_size: int = PAGE_ARTICLES
) -> Iterator[pd.DataFrame]:
    """The table's rows for each page of ``page_size`` articles, in article order, every page with the same
    columns and types; at least one (maybe empty) page. Only the rows of one page are held at a time."""
    columns = table_columns(table)
    build = _BUILDERS[table]
    remaining, size = iter(articles), max(page_size, 1)
    pages = 0
    for first in remaining:  # each article is turned into rows as it is read, and not kept
        pages += 1
        yield _typed(build(chain([first], islice(remaining, size - 1))), table, columns)
    if not pages:
        yield _typed(build([]), table, columns)


def _typed(frame: pd.DataFrame, table: str, columns: list[str]) -> pd.DataFrame:
    frame = frame.reindex(columns=columns)
    for column, kind in COLUMN_TYPES[table].items():
        frame[column] = frame[column].astype(PANDAS_TYPES[kind])
    return frame


def export_records(
    articles: Iterable[dict[str, Any]], fmt: str, out: str, table: str = "events", page_size: int = PAGE_ARTICLES
) -> int:
    """Write the articles' records to ``out`` (``-`` for standard output) and return how many rows.

    ``articles`` is read once, in order; CSV and Parquet hold the rows of ``page_size`` articles at a time
    (a Parquet row group each), and a file appears under its name only when complete.
    """
    if fmt == "jsonl":
        return _write_jsonl(articles, out)
    if fmt == "gdelt":
        from newsgraph.export.gdelt import gdelt_rows

        rows = list(gdelt_rows(events_frame(articles)))
        with _open_text(out) as stream:
            csv.writer(stream, delimiter="\t", lineterminator="\n").writerows(rows)
        return len(rows)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    table_columns(table)  # refuse an unknown table before writing anything
    if fmt == "parquet":
        if out == "-":
            raise ValueError("Parquet is written to a file: give --out PATH")
        with replaced_when_complete(out) as temp:
            return write_parquet(table_pages(articles, table, page_size), temp, table)
    with _open_text(out) as stream:
        return write_csv(table_pages(articles, table, page_size), stream)


def write_csv(pages: Iterable[pd.DataFrame], stream: Any) -> int:
    """Write the pages as one CSV table (the header once) and return how many rows."""
    count = 0
    for number, page in enumerate(pages):
        page.to_csv(stream, index=False, header=number == 0)
        count += len(page)
    stream.flush()
    return count


def write_parquet(pages: Iterable[pd.DataFrame], path: str | Path, table: str) -> int:
    """Write the pages as one Parquet file, a row group each, and return how many rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for page in pages:
            if len(page):
                writer.write_table(pa.Table.from_pandas(page, schema=schema, preserve_index=False))
                count += len(page)
    return count


def arrow_schema(table: str) -> Any:
    """The Parquet schema of a table: the column types of ``COLUMN_TYPES``, text otherwise."""
    import pyarrow as pa

    kinds = {"date": pa.timestamp("us"), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    types = COLUMN_TYPES[table]
    return pa.schema([(c, kinds[types[c]] if c in types else pa.large_string()) for c in table_columns(table)])


def _write_jsonl(articles: Iterable[dict[str, Any]], out: str) -> int:
    count = 0
    with _open_text(out) as stream:
        for article in articles:
            stream.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
    return count


@contextmanager
def _open_text(out: str) -> Iterator[Any]:
    """Standard output for ``-`` (left open), else a text file that appears under ``out`` once complete."""
    if out == "-":
        yield sys.stdout
        return
    with replaced_when_complete(out) as temp, open(temp, "w", encoding="utf-8", newline="") as stream:
        yield stream
