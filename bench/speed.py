"""Throughput of newsgraph's engine against bare spaCy on the same articles, measured side by side.

    python -m bench.speed --articles 500 [--rounds 3] [--out speed.json]
    python -m bench.speed --compare 300 [--out compare.json]
    python -m bench.speed --sentence-shares 120
    python -m bench.speed --profile 300 [--rounds 2]

Contenders, in interleaved rounds (the order rotates each round; the median round counts):

- ``spacy``: the pinned model as loaded by ``newsgraph.nlp.load_model()``, ``nlp.pipe(texts)`` with every
  component on and spaCy's default batch size (the model's ``nlp.batch_size``);
- ``spacy-engine-batch``: the same at the engine's batch size (``--batch-size``), for reference;
- ``engine-full``: ``Engine(fast=False).analyze`` (spaCy's own ``nlp.pipe``) plus ``to_dict()`` records;
- ``engine-fast``: ``Engine(fast=True).analyze`` (``newsgraph.fastpath``) plus ``to_dict()`` records.

Words are whitespace-separated words of the article texts. The machine may be shared, so only the
ratios measured in one run mean much; the load average is reported with them.

``--sentence-shares N`` reports which shares of the words sit in sentences holding an event, place,
actor mention, entity, quotation mark or time word. ``--compare N`` instead analyses N articles with the fast path off and on and reports the share of
articles whose whole records, and of records per section, that are identical. ``--profile N`` runs
the fast engine over N articles and reports the CPU seconds of each pipeline step and extractor (its own
time, without the steps upstream of it), of making the Docs, of building the records and of ``to_dict``,
per round (the first round also fills the fast path's per-token caches).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"


def load_articles(path: Path, count: int) -> list[dict]:
    """``count`` articles spread evenly over the corpus (every k-th record), so that all sources appear."""
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    records = [r for r in records if r.get("text", "").strip()]
    step = max(1, len(records) // count)
    return records[::step][:count]


def contenders(batch_size: int) -> dict[str, Callable[[list], int]]:
    """Each contender analyses the raw articles and returns how many results it produced."""
    from newsgraph.engine import Engine
    from newsgraph.nlp import get_pipeline, load_model

    bare = load_model()
    pipeline = get_pipeline()
    full = Engine(pipeline, batch_size=batch_size, fast=False)
    fast = Engine(pipeline, batch_size=batch_size, fast=True)

    def run_spacy(raws: list) -> int:
        return sum(1 for _ in bare.pipe(raw.text for raw in raws))

    def run_spacy_engine_batch(raws: list) -> int:
        return sum(1 for _ in bare.pipe((raw.text for raw in raws), batch_size=batch_size))

    def run_engine(engine: Engine) -> Callable[[list], int]:
        return lambda raws: sum(1 for article in engine.analyze(raws) if article.to_dict())

    return {
        "spacy": run_spacy,
        "spacy-engine-batch": run_spacy_engine_batch,
        "engine-full": run_engine(full),
        "engine-fast": run_engine(fast),
    }


def measure(
    runs: dict[str, Callable[[list], int]], raws: list, rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall-clock and CPU seconds (this process) per round for each contender, the order rotating from
    round to round. CPU time is what other jobs on a shared machine disturb least."""
    names = list(runs)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        order = names[number % len(names) :] + names[: number % len(names)]
        for name in order:
            started, started_cpu = time.perf_counter(), time.process_time()
            produced = runs[name](raws)
            seconds[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
            if produced != len(raws):
                raise RuntimeError(f"{name} produced {produced} results for {len(raws)} articles")
            print(f"round {number + 1} {name}: {seconds[name][-1]:.1f} s, cpu {cpu[name][-1]:.1f} s", file=sys.stderr)
    return seconds, cpu


def summarise(
    seconds: dict[str, list[float]], cpu: dict[str, list[float]], articles: int, words: int
) -> dict[str, dict]:
    base, base_cpu = statistics.median(seconds["spacy"]), statistics.median(cpu["spacy"])
    rows = {}
    for name, times in seconds.items():
        median, median_cpu = statistics.median(times), statistics.median(cpu[name])
        rows[name] = {
            "seconds": [round(t, 2) for t in times],
            "cpu_seconds": [round(t, 2) for t in cpu[name]],
            "median_seconds": round(median, 2),
            "median_cpu_seconds": round(median_cpu, 2),
            "articles_per_s": round(articles / median, 2),
            "words_per_s": round(words / median),
            "ratio_to_spacy": round(base / median, 3),
            "cpu_ratio_to_spacy": round(base_cpu / median_cpu, 3),
        }
    return rows


def markdown(rows: dict[str, dict]) -> str:
    lines = [
        "| contender | median s | articles/s | words/s | speed vs bare spaCy | median CPU s | CPU speed vs bare spaCy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['median_seconds']} | {row['articles_per_s']} | {row['words_per_s']:,} "
            f"| {row['ratio_to_spacy']:.3f} | {row['median_cpu_seconds']} | {row['cpu_ratio_to_spacy']:.3f} |"
        )
    return "\n".join(lines)


SECTIONS = ("sentences", "entities", "actors", "quotes", "times", "places", "events")


def compare(raws: list) -> dict:
    """How many articles, and records per section, the fast path gives exactly as the full path does."""
    from newsgraph.engine import Engine
    from newsgraph.nlp import get_pipeline

    pipeline = get_pipeline()
    full = [a.to_dict() for a in Engine(pipeline, fast=False).analyze(raws)]
    fast = [a.to_dict() for a in Engine(pipeline, fast=True).analyze(raws)]
    report: dict = {"articles": len(raws), "identical_articles": sum(a == b for a, b in zip(full, fast, strict=True))}
    for section in SECTIONS:
        records = sum(len(a.get(section) or []) for a in full)
        same = sum(
            sum(1 for x, y in zip(a.get(section) or [], b.get(section) or [], strict=False) if x == y)
            for a, b in zip(full, fast, strict=True)
        )
        report[section] = {"full": records, "fast": sum(len(b.get(section) or []) for b in fast), "identical": same}
    return report


TIME_HINT = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday|"
    r"tomorrow|week|month|year|day|night|morning|evening|ago|since|until|decade|century|hour|minute)",
    re.IGNORECASE,
)
QUOTE_HINT = re.compile("[\"\u201c\u201d\u2018\u2019']")


def sentence_shares(raws: list) -> dict:
    """Shares of words in sentences by what they hold, from the full engine's records: how much text a
    "parse only sentences that can hold something" shortcut could skip."""
    from newsgraph.engine import Engine

    totals = {"words": 0, "event_place_actor": 0, "entity": 0, "quote_mark": 0, "time_hint": 0}
    totals |= {"needs_parse": 0, "holds_nothing": 0}
    for article in Engine(fast=True).analyze(raws):
        record = article.to_dict()
        text = record["text"]
        starts = {
            "event": [v["trigger"]["start"] for v in record["events"]],
            "place": [p["start"] for p in record["places"]],
            "actor": [m[0] for a in record["actors"] for m in a["mentions"]],
            "entity": [e["start"] for e in record["entities"]],
        }
        for start, end in record["sentences"]:
            words = len(text[start:end].split())
            holds = {kind: any(start <= x < end for x in xs) for kind, xs in starts.items()}
            quote, time_hint = bool(QUOTE_HINT.search(text[start:end])), bool(TIME_HINT.search(text[start:end]))
            rest = text[start:end].split()[1:]
            capital = any(w[:1].isupper() or any(c.isdigit() for c in w) for w in rest)
            needs = holds["event"] or holds["place"] or holds["actor"] or quote or time_hint
            totals["words"] += words
            totals["event_place_actor"] += words * (holds["event"] or holds["place"] or holds["actor"])
            totals["entity"] += words * holds["entity"]
            totals["quote_mark"] += words * quote
            totals["time_hint"] += words * time_hint
            totals["needs_parse"] += words * needs
            totals["holds_nothing"] += words * (not (needs or holds["entity"] or capital))
    return {k: (v if k == "words" else round(v / max(1, totals["words"]), 3)) for k, v in totals.items()}


def profile(raws: list, rounds: int, batch_size: int) -> list[dict[str, float]]:
    """CPU seconds per engine step, extractor and glue stage, one dict per round (in pipeline order)."""
    import newsgraph.engine as engine_module
    from newsgraph.engine import Engine

    engine = Engine(batch_size=batch_size, fast=True)
    own: dict[str, float] = {}
    inner = [0.0]  # CPU seconds spent in timed stages nested inside the one running

    def timed(name: str, call: Callable[[], object]) -> object:
        inner.append(0.0)
        started = time.process_time()
        try:
            return call()
        finally:
            elapsed = time.process_time() - started
            own[name] = own.get(name, 0.0) + elapsed - inner.pop()
            inner[-1] += elapsed

    def timed_step(name: str, component: object) -> object:
        if not hasattr(component, "pipe"):
            return lambda doc: timed(name, lambda: component(doc))

        class Timed:
            def pipe(self, docs, batch_size: int = 128):  # noqa: ANN001, ANN201 - mirrors spaCy's pipe
                stream = component.pipe(docs, batch_size=batch_size)
                while (doc := timed(name, lambda: next(stream, None))) is not None:
                    yield doc

        return Timed()

    engine.steps = [(name, timed_step(name, component)) for name, component in engine.steps]
    make_doc, build_article = engine._make_doc, engine_module.build_article
    engine._make_doc = lambda raw, date: timed("make_doc", lambda: make_doc(raw, date))
    engine_module.build_article = lambda raw, doc: timed("build_article", lambda: build_article(raw, doc))
    report = []
    try:
        for _ in range(rounds):
            own.clear()
            started = time.process_time()
            articles = list(engine.analyze(raws))
            own["analyze (total)"] = time.process_time() - started
            timed("to_dict", lambda done=articles: [article.to_dict() for article in done])
            steps = sum(own.get(name, 0.0) for name, _ in engine.steps)
            own["other"] = own["analyze (total)"] - steps - own["make_doc"] - own["build_article"]
            report.append({name: round(seconds, 3) for name, seconds in own.items()})
    finally:
        engine_module.build_article = build_article
    return report


def failing_articles(raws: list) -> list[tuple[str, str]]:
    """Articles the engine raises on, each analysed on its own (outside the timed rounds)."""
    from newsgraph.engine import Engine

    engine = Engine(fast=True)
    failing = []
    for raw in raws:
        try:
            next(engine.analyze([raw])).to_dict()
        except Exception as exc:  # noqa: BLE001 - any failure excludes the article; it is reported
            failing.append((raw.id, f"{type(exc).__name__}: {exc}"))
    return failing


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32, help="the engine's batch size")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument(
        "--skip-failing", action="store_true", help="first drop (and report) articles the engine raises on"
    )
    parser.add_argument("--sentence-shares", type=int, metavar="N", help="shares of words by sentence content")
    parser.add_argument("--compare", type=int, metavar="N", help="compare fast and full records on N articles")
    parser.add_argument("--profile", type=int, metavar="N", help="CPU seconds per step of the fast engine")
    args = parser.parse_args(argv)

    from newsgraph.model import RawArticle

    records = load_articles(args.corpus, args.compare or args.sentence_shares or args.profile or args.articles)
    raws = [RawArticle(input=r.get("id", str(i)), text=r["text"], id=r.get("id")) for i, r in enumerate(records)]
    excluded = failing_articles(raws) if args.skip_failing else []
    if excluded:
        print(f"excluded {len(excluded)} article(s) the engine fails on: {excluded}", file=sys.stderr)
        raws = [raw for raw in raws if raw.id not in {article for article, _ in excluded}]
    words = sum(len(raw.text.split()) for raw in raws)
    if args.sentence_shares:
        print(json.dumps(sentence_shares(raws), indent=2))
        return 0
    if args.profile:
        rounds = profile(raws, args.rounds, args.batch_size)
        print(f"load average {load_average()}; CPU seconds per round")
        for name in rounds[0]:
            print(f"{name:32} " + " ".join(f"{r.get(name, 0.0):8.3f}" for r in rounds))
        if args.out:
            args.out.write_text(
                json.dumps({"articles": len(raws), "rounds": rounds}, indent=2) + "\n", encoding="utf-8"
            )
        return 0
    if args.compare:
        report = compare(raws)
        print(json.dumps(report, indent=2))
        if args.out:
            args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return 0 if report["identical_articles"] == report["articles"] else 1
    runs = contenders(args.batch_size)
    runs["spacy"](raws[:5])  # warm-up: lazy tables and caches load outside the timed rounds
    load_before = load_average()
    seconds, cpu = measure(runs, raws, args.rounds)
    rows = summarise(seconds, cpu, len(raws), words)
    print(markdown(rows))
    report = {
        "articles": len(raws),
        "excluded": excluded,
        "words": words,
        "rounds": args.rounds,
        "engine_batch_size": args.batch_size,
        "corpus": str(args.corpus),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "results": rows,
    }
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
