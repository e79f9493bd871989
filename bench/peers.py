"""newsgraph's quotation and date extractors beside the peers that run here, on the same corpus articles.

    python -m bench.peers --articles 200 [--rounds 3] [--out peers.json]

Quotations: newsgraph's ``extract_quotes`` and textacy's ``direct_quotations`` both read a parsed spaCy
Doc, so both get the same Docs (our pipeline, run once beforehand) and only the extractors are timed.
newsgraph also finds indirect and mixed quotations in that time; the counts are of direct ones.
Dates: dateparser's ``search_dates`` reads raw text; newsgraph's ``find_times`` reads a tagged and
parsed Doc. Both are timed on the same articles and reference dates; the spaCy pipeline that
``find_times`` needs is reported beside them (bare spaCy over the same texts), since dateparser needs
none. Rounds are interleaved and the median CPU seconds of this process count; the machine may be
shared, so only ratios from one run mean much. Accuracy side by side lives in ``eval/``
(``python -m eval.quotes_textacy``, ``python -m eval.time_tempeval3 --peer dateparser``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import corpus_records, load_average, machine

DEFAULT_DATE = "2005-06-15"  # for the corpus articles that carry no date, the same for every contender
failures: dict[str, int] = {}  # articles a contender raised on, counted over all rounds


def load(count: int, seed: int) -> list[dict]:
    """``count`` corpus articles with text, drawn with ``seed``; each with a reference date."""
    records = [r for r in corpus_records(count * 2, seed) if (r.get("text") or "").strip()][:count]
    for record in records:
        published = str(record.get("published") or record.get("date") or "")[:10]
        record["reference"] = published if len(published) == 10 and published[4] == "-" else DEFAULT_DATE
    return records


def contenders(records: list[dict]) -> tuple[dict[str, Callable[[], int]], dict[str, str]]:
    """Each contender runs over all the articles and returns how many items it found."""
    from dateparser.search import search_dates
    from textacy.extract import direct_quotations

    from newsgraph.engine import Engine
    from newsgraph.extract.quotes import extract_quotes
    from newsgraph.extract.sections import REFERENCE_DATE_KEY
    from newsgraph.extract.time.core import find_times
    from newsgraph.model import RawArticle
    from newsgraph.nlp import get_pipeline, load_model

    failures.clear()
    engine = Engine(get_pipeline())
    raws = [RawArticle(input=str(i), text=r["text"], published=r["reference"]) for i, r in enumerate(records)]
    docs = list(engine._pipe([engine._make_doc(raw, None) for raw in raws]))  # the shared, analysed Docs
    bare = load_model()
    texts = [r["text"] for r in records]
    bases = [dt.datetime.fromisoformat(r["reference"]) for r in records]

    def ours_quotes() -> int:  # counts direct quotations, as textacy finds; indirect ones are found too
        return sum(1 for doc in docs for quote in extract_quotes(doc) if quote.get("kind") == "direct")

    def textacy_quotes() -> int:
        found = 0
        for doc in docs:
            try:
                found += len(list(direct_quotations(doc)))
            except ValueError:  # textacy gives up on a text with unbalanced quotation marks
                failures["textacy direct_quotations"] = failures.get("textacy direct_quotations", 0) + 1
        return found

    def ours_times() -> int:
        return sum(len(find_times(doc, doc.user_data[REFERENCE_DATE_KEY])) for doc in docs)

    def dateparser_dates() -> int:
        found = 0
        for text, base in zip(texts, bases, strict=True):
            found += len(search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or [])
        return found

    def spacy_pipeline() -> int:
        return sum(1 for _ in bare.pipe(texts))

    runs = {
        "newsgraph quotations (extract_quotes)": ours_quotes,
        "textacy direct_quotations": textacy_quotes,
        "newsgraph times (find_times)": ours_times,
        "dateparser search_dates": dateparser_dates,
        "bare spaCy pipeline (what find_times needs first)": spacy_pipeline,
    }
    kinds = {
        name: ("direct quotations" if "quot" in name else "articles" if "spaCy" in name else "dates") for name in runs
    }
    return runs, kinds


def measure(runs: dict[str, Callable[[], int]], rounds: int) -> tuple[dict[str, list[float]], dict[str, int]]:
    names = list(runs)
    cpu: dict[str, list[float]] = {name: [] for name in names}
    found: dict[str, int] = {}
    for number in range(rounds):
        for name in names[number % len(names) :] + names[: number % len(names)]:
            started = time.process_time()
            found[name] = runs[name]()
            cpu[name].append(time.process_time() - started)
    return cpu, found


def table(cpu: dict[str, list[float]], found: dict[str, int], kinds: dict[str, str], articles: int) -> list[dict]:
    median = {name: statistics.median(values) for name, values in cpu.items()}
    pairs = {
        "newsgraph quotations (extract_quotes)": "textacy direct_quotations",
        "newsgraph times (find_times)": "dateparser search_dates",
    }
    rows = []
    for name, seconds in median.items():
        peer = pairs.get(name)
        rows.append(
            {
                "contender": name,
                "cpu_seconds": round(seconds, 3),
                "articles_per_second": round(articles / seconds, 1) if seconds else None,
                "found": found[name],
                "found_kind": kinds[name],
                "speed_vs_peer": round(median[peer] / seconds, 2) if peer and seconds else None,
                "failed_articles_per_round": failures.get(name, 0) // max(1, len(cpu[name])),
            }
        )
    return rows


def markdown(rows: list[dict]) -> str:
    lines = [
        "| contender | articles/s (CPU) | found | articles it failed on | speed ÷ peer's |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = f"{r['speed_vs_peer']:.2f}" if r["speed_vs_peer"] is not None else ""
        lines.append(
            f"| {r['contender']} | {r['articles_per_second']} | {r['found']} {r['found_kind']} "
            f"| {r['failed_articles_per_round']} | {ratio} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peers", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7, help="Which corpus articles are drawn (default 7).")
    parser.add_argument("--out", type=Path, help="Write the results as JSON here.")
    args = parser.parse_args(argv)
    records = load(args.articles, args.seed)
    runs, kinds = contenders(records)
    load_before = load_average()
    cpu, found = measure(runs, args.rounds)
    rows = table(cpu, found, kinds, len(records))
    print(markdown(rows))
    if args.out:
        report = {
            "articles": len(records),
            "rounds": args.rounds,
            "rows": rows,
            "cpu_seconds_per_round": cpu,
            "machine": {**machine(), "load_average_before": load_before, "load_average_after": load_average()},
        }
        args.out.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
