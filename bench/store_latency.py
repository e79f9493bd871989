"""Latency of the store's read queries on a SQLite store of about a million synthetic events.

    python -m bench.store_latency --events 1000000                 # builds a temporary store, then queries it
    python -m bench.store_latency --events 1000000 --db big.db     # keeps the store; a later run reuses it

The store is filled through the real ``Store.save_article`` with generated contract-shaped articles: a
text of words drawn from a Zipf-distributed made-up vocabulary (so full-text search has common and rare
words), actors from a few dozen countries and CAMEO roles, events with codes from
``newsgraph/data/events/cameo_codes.tsv`` and dates over several years. The build rate is reported.
Then each query kind runs many times with different actor pairs or words, and its latency percentiles
are reported: the dyad table (``analysis.queries.dyad_table``, what ``/api/dyads/A/B`` serves), a page
of an actor's events with its count (``query_events`` + ``count_events``, what ``/api/events?actor=``
serves) and full-text search (``store.search``, ``/api/search``).
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsgraph.model import Article

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


def build(store, generator: Generator, articles: int, progress: bool = True) -> float:
    """Save ``articles`` generated articles through ``save_article``; the seconds it took."""
    started = time.perf_counter()
    for number in range(articles):
        store.save_article(generator.article(number))
        if progress and number and number % 1000 == 0:
            rate = number / (time.perf_counter() - started)
            print(f"  built {number} articles ({rate:.0f}/s)", file=sys.stderr, flush=True)
    return time.perf_counter() - started


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


def query_kinds(store, generator: Generator, repeats: int) -> dict[str, Iterator[Callable[[], Any]]]:
    """The query kinds to time, each as ``repeats`` calls with different arguments."""
    from newsgraph.analysis.queries import dyad_table
    from newsgraph.store import EventFilter

    rng = random.Random(88)
    pairs = [rng.sample(COUNTRIES, 2) for _ in range(repeats)]
    role_pairs = [(a + "GOV", b) for a, b in rng.sample(pairs, len(pairs))]
    actors = [rng.choice(generator.actors) for _ in range(repeats)]
    common = [rng.choice(generator.words[:50]) for _ in range(repeats)]
    rare = [rng.choice(generator.words[1000:]) for _ in range(repeats)]
    two = [f"{rng.choice(generator.words[:300])} {rng.choice(generator.words[:300])}" for _ in range(repeats)]

    def events_page(actor: str) -> list:
        where = EventFilter(actor=actor)
        store.count_events(where)
        return store.query_events(where, 0, 50, evidence=False)

    return {
        "dyad table, two countries": (lambda a=a, b=b: dyad_table(store, a, b) for a, b in pairs),
        "dyad table, GOV + country": (lambda a=a, b=b: dyad_table(store, a, b) for a, b in role_pairs),
        "events page of an actor": (lambda a=a: events_page(a) for a in actors),
        "search, a common word": (lambda w=w: store.search(w) for w in common),
        "search, a rare word": (lambda w=w: store.search(w) for w in rare),
        "search, two words": (lambda w=w: store.search(w) for w in two),
    }


def query_plan(store, sql: str, params: list[Any]) -> str:
    rows = store._conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return "; ".join(row[-1] for row in rows)


def dyad_plan(store) -> str:
    """How SQLite runs the dyad query (does it use an index on the actor columns?)."""
    from newsgraph.store.base import EventFilter
    from newsgraph.store.queries import event_conditions

    found = event_conditions(EventFilter(dyad=("RUS", "BLR")))
    sql = "SELECT e.data FROM events e JOIN articles a ON a.id = e.article_id WHERE " + found.sql()
    return query_plan(store, sql, found.params)


def run(events: int, per_article: int, repeats: int, db: Path | None) -> dict[str, Any]:
    from newsgraph.store import EventFilter, open_store

    articles = max(1, events // per_article)
    generator = Generator(per_article)
    with tempfile.TemporaryDirectory(prefix="newsgraph-store-") as tmp:
        path = db or Path(tmp) / "store.db"
        with open_store(path) as store:
            stored = store.count_events(EventFilter())
            report: dict[str, Any] = {"articles": articles, "per_article": per_article, "built": None}
            if stored == 0:
                seconds = build(store, generator, articles)
                report["built"] = {"seconds": seconds, "articles_per_s": articles / seconds,
                                   "events_per_s": articles * per_article / seconds}  # fmt: skip
            else:
                generator.rng = random.Random(0)  # reuse: only the vocabulary and actor lists are needed
            report["events"] = store.count_events(EventFilter())
            report["db_mb"] = Path(path).stat().st_size / 1e6
            report["dyad_plan"] = dyad_plan(store)
            report["queries"] = {}
            for name, calls in query_kinds(store, generator, repeats).items():
                samples, rows = timed(calls)
                report["queries"][name] = {**percentiles(samples), "mean_rows": rows / len(samples)}
    report["repeats"] = repeats
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [f"newsgraph store latency: SQLite, {report['events']:,} events in {report['articles']:,} articles "
             f"({report['db_mb']:.0f} MB)"]  # fmt: skip
    built = report["built"]
    if built:
        lines.append(f"build through save_article: {built['seconds']:.0f} s, {built['articles_per_s']:.1f} articles/s, "
                     f"{built['events_per_s']:,.0f} events/s")  # fmt: skip
    else:
        lines.append("build: reused an existing store")
    lines.append(f"dyad query plan: {report['dyad_plan']}")
    lines.append("")
    lines.append(f"{'query (' + str(report['repeats']) + ' runs each)':<30} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} "
                 f"{'max ms':>9} {'rows':>8}")  # fmt: skip
    for name, q in report["queries"].items():
        lines.append(f"{name:<30} {q['p50']:>9.1f} {q['p95']:>9.1f} {q['p99']:>9.1f} {q['max']:>9.1f} "
                     f"{q['mean_rows']:>8.1f}")  # fmt: skip
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.store_latency", description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="About how many events to store.")
    parser.add_argument("--per-article", type=int, default=50, help="Events in each generated article.")
    parser.add_argument("--repeats", type=int, default=100, help="Runs of each query kind.")
    parser.add_argument("--db", type=Path, help="Keep the store in this file (reused if it holds events).")
    args = parser.parse_args(argv)
    sys.stdout.write(format_report(run(args.events, args.per_article, args.repeats, args.db)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
