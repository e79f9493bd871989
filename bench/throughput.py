"""Throughput of newsgraph's full analyze path against bare spaCy on the same articles, side by side.

    python -m bench.throughput --articles 500 [--rounds 3] [--seed 13 | --first] [--out results.json]

In one process: spaCy's ``nlp.pipe`` with the same model (``newsgraph.nlp.load_model()``) and
newsgraph's ``Engine.analyze`` over ``RawArticle`` records, with every ``Article`` turned into its
contract dict and serialised to JSON. The rounds alternate which side goes first and the median is
reported, so drift in the machine's load touches both sides alike. Peak memory is measured for each
side in its own child process (the kernel's ``ru_maxrss`` for that child).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.common import corpus_records, load_average, machine, peak_rss_mb, rss_mb, run_measured

SIDES = ("spacy", "newsgraph")
BATCH_SIZE = 32


def raw_articles(records: list[dict]) -> list:
    from newsgraph.model import RawArticle

    return [
        RawArticle(
            input=f"news.jsonl:{r.get('id')}",
            text=r["text"],
            id=r.get("id"),
            title=r.get("title"),
            source=r.get("publisher"),
            published=r.get("date"),
            url=r.get("url"),
        )
        for r in records
    ]


def spacy_runner() -> Callable[[list[dict]], int]:
    """Bare spaCy: the pinned model's ``nlp.pipe`` over the texts and nothing else."""
    from newsgraph.nlp import MAX_TEXT_CHARS, load_model

    nlp = load_model()
    nlp.max_length = MAX_TEXT_CHARS

    def run(records: list[dict]) -> int:
        return sum(1 for _ in nlp.pipe((r["text"] for r in records), batch_size=BATCH_SIZE))

    return run


def newsgraph_runner() -> Callable[[list[dict]], int]:
    """newsgraph's analyze path: RawArticles → Engine.analyze → Article → to_dict() → JSON text."""
    from newsgraph.engine import Engine

    engine = Engine(batch_size=BATCH_SIZE)

    def run(records: list[dict]) -> int:
        return sum(
            1 for article in engine.analyze(raw_articles(records)) if json.dumps(article.to_dict(), ensure_ascii=False)
        )

    return run


RUNNERS = {"spacy": spacy_runner, "newsgraph": newsgraph_runner}


def timed(run: Callable[[list[dict]], int], records: list[dict]) -> float:
    start = time.perf_counter()
    done = run(records)
    seconds = time.perf_counter() - start
    if done != len(records):
        raise SystemExit(f"bench: {done} of {len(records)} articles came back")
    return seconds


def measure_speed(records: list[dict], rounds: int) -> dict[str, list[float]]:
    """Seconds per round for each side, alternating which side runs first, after a warm-up pass each."""
    runners = {side: make() for side, make in RUNNERS.items()}
    for run in runners.values():
        timed(run, records[:5])
    seconds: dict[str, list[float]] = {side: [] for side in SIDES}
    for r in range(rounds):
        for side in SIDES if r % 2 == 0 else SIDES[::-1]:
            seconds[side].append(timed(runners[side], records))
    return seconds


def measure_memory(args: argparse.Namespace) -> dict[str, dict]:
    """Each side alone in a child process: peak RSS over loading the model and one pass."""
    results = {}
    for side in SIDES:
        cmd = [sys.executable, "-m", "bench.throughput", "--worker", side, "--articles", str(args.articles)]
        cmd += ["--first"] if args.first else ["--seed", str(args.seed)]
        with tempfile.TemporaryFile() as out:
            measured = run_measured(cmd, stdout=out)
            out.seek(0)
            report = json.loads(out.read() or b"{}")
        if measured.returncode:
            raise SystemExit(f"bench: the {side} worker exited with status {measured.returncode}")
        # The worker's own high-water mark at its end is exact; the polled one is the fallback.
        results[side] = {"peak_rss_mb": round(measured.peak_rss_mb, 1), **report}
    return results


def worker(side: str, records: list[dict]) -> None:
    """One pass of one side (run in a child process by ``measure_memory``)."""
    run = RUNNERS[side]()
    loaded = rss_mb(os.getpid())
    seconds = timed(run, records)
    peak = peak_rss_mb(os.getpid())
    print(
        json.dumps(
            {
                "rss_after_load_mb": round(loaded or 0, 1),
                "peak_rss_mb": round(peak or 0, 1),
                "seconds": round(seconds, 2),
            }
        )
    )


def summarise(records: list[dict], seconds: dict[str, list[float]] | None, memory: dict | None) -> dict:
    """Per side: median time, words/s, articles/s (when timed) and peak memory (when measured)."""
    words = sum(len(r["text"].split()) for r in records)
    sides: dict[str, dict] = {side: dict((memory or {}).get(side, {})) for side in SIDES}
    for side, times in (seconds or {}).items():
        median = statistics.median(times)
        sides[side].update(
            seconds_median=round(median, 3),
            seconds_rounds=[round(s, 3) for s in times],
            words_per_second=round(words / median, 1),
            articles_per_second=round(len(records) / median, 2),
        )
    ratio = None
    if seconds:
        ratio = round(sides["newsgraph"]["words_per_second"] / sides["spacy"]["words_per_second"], 3)
    return {"articles": len(records), "words": words, "sides": sides, "ratio_newsgraph_over_spacy": ratio}


def format_table(result: dict) -> str:
    s, n = result["sides"]["spacy"], result["sides"]["newsgraph"]
    rows = []
    if result["ratio_newsgraph_over_spacy"] is not None:
        rows += [
            ("words/s", s["words_per_second"], n["words_per_second"], f"{result['ratio_newsgraph_over_spacy']:.2f}"),
            ("articles/s", s["articles_per_second"], n["articles_per_second"], ""),
            ("seconds (median)", s["seconds_median"], n["seconds_median"], ""),
        ]
    if "peak_rss_mb" in s:
        rows.append(("peak RSS MB (own process)", s["peak_rss_mb"], n["peak_rss_mb"], ""))
    rounds = len(s.get("seconds_rounds", []))
    lines = [
        f"{result['articles']} articles, {result['words']} words, {rounds} timed rounds",
        "",
        "| | bare spaCy nlp.pipe | newsgraph analyze | newsgraph / spaCy |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {name} | {a} | {b} | {c} |" for name, a, b, c in rows]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500, help="How many articles of news.jsonl (default 500).")
    parser.add_argument("--rounds", type=int, default=3, help="Timed rounds per side, interleaved (default 3).")
    parser.add_argument("--seed", type=int, default=13, help="Seed of the article sample (default 13).")
    parser.add_argument("--first", action="store_true", help="Take the first N articles instead of a sample.")
    parser.add_argument("--no-memory", action="store_true", help="Skip the peak-memory child processes.")
    parser.add_argument("--no-speed", action="store_true", help="Skip the timed rounds (peak memory only).")
    parser.add_argument("--out", metavar="PATH", help="Write the results as JSON to PATH.")
    parser.add_argument("--worker", choices=SIDES, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    records = corpus_records(args.articles, None if args.first else args.seed)
    if args.worker:
        worker(args.worker, records)
        return 0
    load_before = load_average()
    seconds = None if args.no_speed else measure_speed(records, args.rounds)
    memory = None if args.no_memory else measure_memory(args)
    result = summarise(records, seconds, memory)
    result["selection"] = "first" if args.first else f"sample seed {args.seed}"
    result["machine"] = {**machine(), "load_average_before": load_before, "load_average_after": load_average()}
    print(format_table(result))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
