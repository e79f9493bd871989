"""Latency of the store's read queries over about a million synthetic events, on SQLite and PostgreSQL.

    python -m bench.store_latency --events 1000000 --out /tmp/store_latency.json   # both backends
    python -m bench.store_latency --events 1000000 --backend sqlite --db big.db     # keeps the SQLite store

Both stores hold the same generated contract-shaped articles: a text of words drawn from a Zipf-distributed
made-up vocabulary (so full-text search has common and rare words), actors from a few dozen countries and
CAMEO roles, events with codes from ``newsgraph/data/events/cameo_codes.tsv`` and dates over six years. They
are written with the rows ``Store.save_article`` writes, in batches (``executemany`` on SQLite, ``COPY`` on
PostgreSQL), to a SQLite file and to a database of a throwaway PostgreSQL server
(``newsgraph.store.testing.TemporaryPostgres``) unless ``--pg-url`` names one. Then each query kind runs
many times with different actor pairs, words or pages, the same arguments on each backend, and its latency
percentiles are reported: the dyad table (``analysis.queries.dyad_table``, what ``/api/dyads/A/B``
serves), a page of an actor's events with its count (``/api/events?actor=``), full-text search
(``/api/search``), a page of the article list with its count (``/api/articles?page=``) and one article.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.common import load_average, machine
from newsgraph import dedup
from newsgraph.dedup import Fingerprint
from newsgraph.model import ARTICLE_SCHEMA, Article
from newsgraph.store.records import (
    _NOT_IN_RECORD,
    ARTICLE_COLUMNS,
    SECTION_COLUMNS,
    TABLE_SECTIONS,
    dumps,
    mention_rows,
    section_rows,
)

ROOT = Path(__file__).resolve().parent.parent
CAMEO_CODES = ROOT / "newsgraph" / "data" / "events" / "cameo_codes.tsv"
COUNTRIES = (
    "RUS BLR UKR USA CHN GBR FRA DEU POL LTU LVA EST FIN SWE NOR TUR IRN IRQ SYR ISR PSE EGY SAU IND PAK AFG "
    "JPN KOR PRK BRA MEX VEN NGA ZAF KEN ETH"
).split()
ROLES = ("", "GOV", "MIL", "OPP", "REB", "CVL", "MED", "BUS", "JUD", "LEG", "COP")
INTERNATIONAL = ("IGOUNO", "IGOEUR", "IGONAT", "NGO", "MNC")
SOURCES = ("PRAVDA", "BBC", "REUTERS", "TASS", "AP", "AFP", "DW", "ALJAZEERA")
FIRST_DAY, DAYS = date(2018, 1, 1), 6 * 365
SYLLABLES = "ka lo mi ne su ra to vi be da ge ho ju pe qu si te wa xo ze an or ul im es".split()


def cameo_codes(path: Path = CAMEO_CODES) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as table:
        return [row for row in csv.DictReader(table, delimiter="\t") if row["code"]]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """``size`` distinct made-up words; their order is their Zipf rank (the first is the commonest)."""
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))] = None
    return list(words)


class Generator:
    """Contract-shaped articles with a given number of events each, reproducible from a seed."""

    def __init__(self, events_per_article: int, seed: int = 8) -> None:
        self.rng = random.Random(seed)
        self.events_per_article = events_per_article
        self.codes = cameo_codes()
        self.words = vocabulary(5000, self.rng)
        self.weights = [1 / rank for rank in range(1, len(self.words) + 1)]
        self.actors = [c + r for c in COUNTRIES for r in ROLES] + list(INTERNATIONAL)

    def article(self, number: int) -> Article:
        rng = self.rng
        words = rng.choices(self.words, self.weights, k=rng.randint(120, 400))
        text = " ".join(words) + "."
        starts = _word_starts(words)
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        countries = rng.sample(COUNTRIES, 4)
        cast = [c + rng.choice(ROLES) for c in countries] + [rng.choice(self.actors) for _ in range(2)]
        actors = [self._actor(i, code) for i, code in enumerate(dict.fromkeys(cast), 1)]
        events = [self._event(i, text, starts, cast, published) for i in range(1, self.events_per_article + 1)]
        return Article(
            id=f"synthetic-{number:07d}",
            input=f"synthetic.jsonl#{number + 1}",
            text=text,
            source=rng.choice(SOURCES),
            title=" ".join(words[:8]),
            published=published.isoformat(),
            published_basis="given",
            sentences=[[0, len(text)]],
            actors=actors,
            events=events,
        )

    def _actor(self, index: int, code: str) -> dict[str, Any]:
        country = code[:3] if code[:3] in COUNTRIES else None
        sector = code[3:6] or None
        return {"id": f"a{index}", "code": code, "name": code.title(), "country": country, "sector": sector,
                "mentions": []}  # fmt: skip

    def _event(self, index: int, text: str, starts: list[int], cast: list[str], published: date) -> dict[str, Any]:
        rng = self.rng
        code = rng.choice(self.codes)
        source, target = rng.sample(cast, 2)
        at = rng.randrange(len(starts) - 2)
        day = published - timedelta(days=rng.randrange(3))
        return {
            "id": f"v{index}",
            "code": code["code"],
            "root": code["root"],
            "label": code["label"],
            "quad_class": int(code["quad_class"]),
            "goldstein": float(code["goldstein"]),
            "source": _span(text, starts, at, source),
            "target": _span(text, starts, at + 2, target),
            "trigger": _span(text, starts, at + 1),
            "sentence": [0, len(text)],
            "date": day.isoformat(),
            "date_basis": "published",
            "place": None,
            "negated": False,
            "modality": "asserted",
            "attributed_to": None,
            "confidence": round(rng.uniform(0.3, 0.95), 2),
        }


def _word_starts(words: list[str]) -> list[int]:
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word) + 1
    return starts


def _span(text: str, starts: list[int], index: int, actor: str | None = None) -> dict[str, Any]:
    start = starts[index]
    end = text.index(" ", start) if " " in text[start:] else len(text) - 1
    span: dict[str, Any] = {"text": text[start:end], "start": start, "end": end}
    if actor:
        span["actor"] = actor
    return span


def article_rows(article: Article) -> dict[str, list[dict[str, Any]]]:
    """The rows ``SQLStore.save_article`` writes for an article, table by table, in the order it writes them.

    The article row is made as ``records.article_row`` makes it but from a shallow copy of the fields
    (``Article.to_dict`` deep-copies every event, most of the cost of a save); tests check both agree.
    """
    record = {"schema": ARTICLE_SCHEMA, **{f.name: getattr(article, f.name) for f in fields(article)}}
    row = {name: record.get(name) for name in ARTICLE_COLUMNS}
    row["sentences"] = dumps(record.get("sentences") or [])
    row["record"] = dumps({k: v for k, v in record.items() if k not in _NOT_IN_RECORD})
    rows: dict[str, list[dict[str, Any]]] = {"articles": [row]}
    for section in TABLE_SECTIONS:
        rows[section] = section_rows(article, section)
    rows["actor_mentions"] = mention_rows(article)
    fingerprint = Fingerprint.of(article.text)
    rows["fingerprints"] = [
        {
            "article_id": article.id,
            "text_hash": fingerprint.text_hash,
            "method": dedup.METHOD,
            "signature": dedup.signature_bytes(fingerprint.signature),
        }
    ]
    rows["fingerprint_bands"] = [
        {"article_id": article.id, "band": band, "bucket": bucket}
        for band, bucket in dedup.band_buckets(fingerprint.signature)
    ]
    return rows


def batches(generator: Generator, articles: int, size: int) -> Iterator[dict[str, list[tuple]]]:
    """The rows of ``articles`` generated articles, ``size`` articles at a time, as column tuples per table."""
    for first in range(0, articles, size):
        batch: dict[str, list[tuple]] = {}
        for number in range(first, min(first + size, articles)):
            for table, rows in article_rows(generator.article(number)).items():
                batch.setdefault(table, []).extend(tuple(r[c] for c in columns_of(table)) for r in rows)
        yield batch


def columns_of(table: str) -> tuple[str, ...]:
    """The columns a fill writes to a table, in a fixed order."""
    if table == "articles":
        return (*ARTICLE_COLUMNS, "sentences", "record")
    if table in SECTION_COLUMNS:
        return ("article_id", "seq", "data", *(column.name for column in SECTION_COLUMNS[table]))
    return {
        "actor_mentions": ("article_id", "actor_seq", "seq", "span_start", "span_end"),
        "fingerprints": ("article_id", "text_hash", "method", "signature"),
        "fingerprint_bands": ("article_id", "band", "bucket"),
    }[table]


def write_sqlite(store, batch: dict[str, list[tuple]]) -> None:
    """One batch in one transaction, a prepared INSERT run over each table's rows (executemany)."""
    conn = store._conn
    conn.execute("BEGIN IMMEDIATE")
    for table, rows in batch.items():
        names = columns_of(table)
        conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", rows)
    conn.execute("COMMIT")


def write_postgres(store, batch: dict[str, list[tuple]]) -> None:
    """One batch in one transaction, each table's rows sent with COPY."""
    conn = store._conn
    with conn.transaction(), conn.cursor() as cursor:
        for table, rows in batch.items():
            with cursor.copy(f"COPY {table} ({', '.join(columns_of(table))}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


WRITERS = {"sqlite": write_sqlite, "postgresql": write_postgres}


def fill(stores: dict[str, Any], generator: Generator, articles: int, batch: int = 250) -> dict[str, Any]:
    """Write the same generated articles to every store; seconds spent generating and writing to each.

    The rows are exactly those ``save_article`` writes (articles, every section table, fingerprints and
    their bands) but go in batches of ``batch`` articles; only one batch is held in memory at a time.
    SQLite gets a 256 MB page cache for the fill; PostgreSQL is ANALYZEd after it (autovacuum would do
    the same a little later).
    """
    seconds = dict.fromkeys(stores, 0.0)
    generating, done = 0.0, 0
    for backend, store in stores.items():
        if backend == "sqlite":
            store._conn.execute("PRAGMA cache_size = -262144")
    started = time.perf_counter()
    rows = batches(generator, articles, batch)
    while True:
        clock = time.perf_counter()
        chunk = next(rows, None)
        generating += time.perf_counter() - clock
        if chunk is None:
            break
        for backend, store in stores.items():
            clock = time.perf_counter()
            WRITERS[backend](store, chunk)
            seconds[backend] += time.perf_counter() - clock
        done += len(chunk["articles"])
        if done % 2000 < batch:
            rate = done / (time.perf_counter() - started)
            print(f"  filled {done} of {articles} articles ({rate:.0f}/s)", file=sys.stderr, flush=True)
    for backend, store in stores.items():
        if backend == "postgresql":
            clock = time.perf_counter()
            store._conn.execute("ANALYZE")
            seconds[backend] += time.perf_counter() - clock
    events = articles * generator.events_per_article
    return {
        "generate_seconds": generating,
        "write": {
            b: {"seconds": s, "articles_per_s": articles / s, "events_per_s": events / s} for b, s in seconds.items()
        },
    }


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50, p95, p99 and max of latencies in seconds, as milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000, "max": max(samples) * 1000}


def timed(calls: Iterator[Callable[[], Any]]) -> tuple[list[float], int]:
    """Latency of each call, and the total number of rows or hits the calls returned."""
    samples, rows = [], 0
    for call in calls:
        started = time.perf_counter()
        result = call()
        samples.append(time.perf_counter() - started)
        rows += len(result)
    return samples, rows


def query_kinds(store, generator: Generator, articles: int, repeats: int) -> dict[str, Iterator[Callable[[], Any]]]:
    """The query kinds to time, each as ``repeats`` calls with different arguments (the same on every backend)."""
    from newsgraph.analysis.queries import dyad_table
    from newsgraph.store import EventFilter

    rng = random.Random(88)
    pairs = [rng.sample(COUNTRIES, 2) for _ in range(repeats)]
    role_pairs = [(a + "GOV", b) for a, b in rng.sample(pairs, len(pairs))]
    actors = [rng.choice(generator.actors) for _ in range(repeats)]
    common = [rng.choice(generator.words[:50]) for _ in range(repeats)]
    rare = [rng.choice(generator.words[1000:]) for _ in range(repeats)]
    two = [f"{rng.choice(generator.words[:300])} {rng.choice(generator.words[:300])}" for _ in range(repeats)]
    pages = [rng.randrange(max(1, articles // 20)) for _ in range(repeats)]
    ids = [f"synthetic-{rng.randrange(articles):07d}" for _ in range(repeats)]

    def events_page(actor: str) -> list:
        where = EventFilter(actor=actor)
        store.count_events(where)
        return store.query_events(where, 0, 50, evidence=False)

    def article_page(page: int) -> list:
        store.count_articles()
        return store.article_page(offset=page * 20, limit=20)

    return {
        "dyad table, two countries": (lambda a=a, b=b: dyad_table(store, a, b) for a, b in pairs),
        "dyad table, GOV + country": (lambda a=a, b=b: dyad_table(store, a, b) for a, b in role_pairs),
        "events page of an actor": (lambda a=a: events_page(a) for a in actors),
        "search, a common word": (lambda w=w: store.search(w) for w in common),
        "search, a rare word": (lambda w=w: store.search(w) for w in rare),
        "search, two words": (lambda w=w: store.search(w) for w in two),
        "article list page": (lambda p=p: article_page(p) for p in pages),
        "one article": (lambda i=i: [store.get_article(i)] for i in ids),
    }


def plans(store, backend: str) -> dict[str, str]:
    """How the database runs the dyad query and an actor's events page (EXPLAIN QUERY PLAN / EXPLAIN)."""
    from newsgraph.store import EventFilter

    statement = getattr(store, "events_statement", None)
    if statement is None:
        return {}
    found = {}
    for name, where, limit in (
        ("dyad", EventFilter(dyad=("RUS", "BLR")), None),
        ("actor page", EventFilter(actor="RUSGOV"), 50),
    ):
        sql, params = statement(where, 0, limit, evidence=False)
        if backend == "sqlite":
            rows = store._execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
            found[name] = "; ".join(row[-1] for row in rows)
        else:
            rows = store._execute(f"EXPLAIN {sql}", params).fetchall()
            found[name] = " | ".join(re.sub(r"\s*\(cost=[^)]*\)", "", row[0]).strip() for row in rows)
    return found


def open_backends(stack: ExitStack, backends: list[str], db: Path | None, pg_url: str | None) -> dict[str, Any]:
    from newsgraph.store import open_store

    stores: dict[str, Any] = {}
    for backend in backends:
        if backend == "sqlite":
            path = db or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="newsgraph-store-"))) / "store.db"
            stores[backend] = stack.enter_context(open_store(path))
        else:
            if pg_url is None:
                from newsgraph.store.testing import TemporaryPostgres

                pg_url = stack.enter_context(TemporaryPostgres()).create_database("latency")
            stores[backend] = stack.enter_context(open_store(pg_url))
    return stores


def run(
    events: int,
    per_article: int,
    repeats: int,
    backends: list[str],
    db: Path | None = None,
    pg_url: str | None = None,
) -> dict[str, Any]:
    from newsgraph.store import EventFilter

    articles = max(1, events // per_article)
    report: dict[str, Any] = {"articles": articles, "per_article": per_article, "repeats": repeats, "backends": {}}
    with ExitStack() as stack:
        stores = open_backends(stack, backends, db, pg_url)
        empty = {b: s for b, s in stores.items() if s.count_events(EventFilter()) == 0}
        report["fill"] = fill(empty, Generator(per_article), articles) if empty else None
        generator = Generator(per_article)  # the vocabulary and actor lists the queries draw from
        for backend, store in stores.items():
            found: dict[str, Any] = {"filled": backend in empty, "events": store.count_events(EventFilter())}
            found["schema_version"] = store.schema_version()
            found["version"] = server_version(store, backend)
            found["db_mb"] = database_mb(store, backend)
            found["plans"] = plans(store, backend)
            found["queries"] = {}
            for name, calls in query_kinds(store, generator, articles, repeats).items():
                samples, rows = timed(calls)
                found["queries"][name] = {**percentiles(samples), "mean_rows": rows / len(samples)}
            report["backends"][backend] = found
    return report


def server_version(store, backend: str) -> str:
    if backend == "sqlite":
        return str(store._value("SELECT sqlite_version()"))
    return str(store._value("SHOW server_version"))


def database_mb(store, backend: str) -> float:
    if backend == "sqlite":
        return Path(store.path).stat().st_size / 1e6
    return int(store._value("SELECT pg_database_size(current_database())")) / 1e6


def same_rows(report: dict[str, Any], name: str) -> bool:
    """Whether every backend returned the same number of rows or hits for a query kind."""
    return len({found["queries"][name]["mean_rows"] for found in report["backends"].values()}) == 1


def differing(report: dict[str, Any]) -> list[str]:
    first = next(iter(report["backends"].values()))
    return [name for name in first["queries"] if not same_rows(report, name)]


BACKEND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def format_report(report: dict[str, Any]) -> str:
    backends = report["backends"]
    first = next(iter(backends.values()))
    lines = [f"newsgraph store latency: {first['events']:,} events in {report['articles']:,} articles"]
    for backend, found in backends.items():
        reused = "" if found["filled"] else ", reused an existing store"
        name = f"{BACKEND_NAMES[backend]} {found['version']}"
        lines.append(f"  {name}: {found['db_mb']:.0f} MB, schema {found['schema_version']}{reused}")
    if report["fill"]:
        filled = report["fill"]
        writes = [
            f"{BACKEND_NAMES[b]} {w['seconds']:.0f} s ({w['events_per_s']:,.0f} events/s)"
            for b, w in filled["write"].items()
        ]
        lines.append(f"fill: generating rows {filled['generate_seconds']:.0f} s; writing them: " + "; ".join(writes))
    for backend, found in backends.items():
        for name, plan in found["plans"].items():
            lines.append(f"{BACKEND_NAMES[backend]} plan, {name}: {plan}")
    lines.append("")
    header = f"{'query (' + str(report['repeats']) + ' runs each)':<28}"
    for backend in backends:
        label = BACKEND_NAMES[backend]
        header += f" {label + ' p50':>15} {label + ' p95':>15}"
    lines.append(header + f" {'rows':>8}")
    for name in first["queries"]:
        line = f"{name:<28}"
        for found in backends.values():
            q = found["queries"][name]
            line += f" {q['p50']:>15.1f} {q['p95']:>15.1f}"
        lines.append(line + f" {first['queries'][name]['mean_rows']:>8.1f}")
    lines.append("(milliseconds; rows: mean rows or hits returned per run)")
    if len(backends) > 1:
        same = all(same_rows(report, name) for name in first["queries"])
        lines.append(f"same rows on every backend: {'yes' if same else 'NO: ' + ', '.join(differing(report))}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.store_latency", description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="About how many events to store.")
    parser.add_argument("--per-article", type=int, default=50, help="Events in each generated article.")
    parser.add_argument("--repeats", type=int, default=100, help="Runs of each query kind.")
    parser.add_argument("--backend", nargs="+", choices=list(WRITERS), default=list(WRITERS), help="Stores to measure.")
    parser.add_argument("--db", type=Path, help="Keep the SQLite store in this file (reused if it holds events).")
    parser.add_argument(
        "--pg-url", help="Use this PostgreSQL database instead of a throwaway server (reused if filled)."
    )
    parser.add_argument("--out", type=Path, help="Also write the report as JSON to this file.")
    args = parser.parse_args(argv)
    started, load = machine(), load_average()  # the commit and the load as the run starts
    report = run(args.events, args.per_article, args.repeats, args.backend, args.db, args.pg_url)
    report["machine"] = {**started, "load_average": {"start": load, "end": load_average()}}
    sys.stdout.write(format_report(report))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
