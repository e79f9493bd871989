"""Scaling of the runners on the same articles, measured side by side in one run.

    python -m bench.scaling --articles 300            # local runner, 1 vs 2 workers, and Spark local[2]
    python -m bench.scaling --articles 300 --no-spark

Each runner analyses the first N lines of ../shared/corpus/news.jsonl (written to a temporary JSON Lines
file and read with ``newsgraph.ingest.read_inputs``). The spaCy pipeline is built once in this process
first (timed on its own): the local runner's worker processes are forked from it and so start with it, and
both local passes measure analysis alone. Spark's JVM start-up (``spark_session``) is timed on its own and
left out of Spark's throughput; Spark's Python workers are fresh processes, so its time does include each
worker building its pipeline once. Spark's records are compared with the local runner's, field for field.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"


@dataclass
class Timing:
    """One runner's pass over the articles."""

    name: str
    seconds: float
    records: int

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def write_sample(corpus: Path, count: int, folder: Path, skip: frozenset[str] = frozenset()) -> Path:
    """The first ``count`` lines of the corpus, less those whose id is in ``skip``, as a JSON Lines file."""
    path = folder / "sample.jsonl"
    with corpus.open(encoding="utf-8") as source:
        kept = (line for line in source if not skip or json.loads(line).get("id") not in skip)
        path.write_text("".join(itertools.islice(kept, count)), encoding="utf-8")
    return path


def local_records(sample: Path, workers: int) -> tuple[Timing, list[dict[str, Any]]]:
    """Records of the local runner with ``workers`` processes, and the time they took."""
    from newsgraph.ingest import read_inputs
    from newsgraph.run import LocalRunner

    started = time.perf_counter()
    records = [r.to_dict() for r in LocalRunner(workers=workers).analyze(read_inputs([str(sample)]))]
    return Timing(
        f"local, {workers} worker{'s' if workers > 1 else ''}", time.perf_counter() - started, len(records)
    ), [json.loads(json.dumps(r)) for r in records]


def spark_records(sample: Path, out: Path, master: str) -> tuple[float, Timing, list[dict[str, Any]]]:
    """JVM start-up seconds, then the timing and records of ``analyze_to_parquet`` + ``read_records``."""
    from newsgraph.run.spark import analyze_to_parquet, read_records, spark_session

    os.environ.setdefault("PYSPARK_SUBMIT_ARGS", "--conf spark.ui.showConsoleProgress=false pyspark-shell")
    started = time.perf_counter()
    session = spark_session(master, "newsgraph-bench")
    session.sparkContext.setLogLevel("ERROR")
    jvm = time.perf_counter() - started
    try:
        started = time.perf_counter()
        analyze_to_parquet(session, [str(sample)], str(out))
        records = read_records(session, str(out))
        timing = Timing(f"Spark {master}", time.perf_counter() - started, len(records))
    finally:
        session.stop()
    return jvm, timing, records


def spark_available() -> str | None:
    """Why Spark cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'newsgraph[spark]')"
    return None if shutil.which("java") else "no Java runtime on PATH"


def first_difference(left: list[dict[str, Any]], right: list[dict[str, Any]]) -> str:
    """Where two record lists first differ, for the report."""
    if len(left) != len(right):
        return f"{len(left)} vs {len(right)} records"
    for index, (a, b) in enumerate(zip(left, right, strict=True)):
        if a != b:
            keys = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
            return f"record {index + 1} ({a.get('id')}): fields {', '.join(keys)}"
    return ""


def pipeline_seconds() -> float:
    """Build the spaCy pipeline in this process (cached for the runs that follow); the seconds it took."""
    started = time.perf_counter()
    from newsgraph.nlp import get_pipeline

    get_pipeline()
    return time.perf_counter() - started


def run(
    articles: int, spark: bool, master: str, corpus: Path, pool: bool = True, skip: frozenset[str] = frozenset()
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="newsgraph-scaling-") as tmp:
        sample = write_sample(corpus, articles, Path(tmp), skip)
        pipeline = pipeline_seconds()
        one, reference = local_records(sample, 1)
        report: dict[str, Any] = {"articles": articles, "pipeline_seconds": pipeline, "timings": [one], "skip": skip}
        if pool:
            two, records_two = local_records(sample, 2)
            report["timings"].append(two)
            report["two_workers_identical"] = records_two == reference
            report["ratio_2_to_1"] = two.rate / one.rate if one.rate else None
        why_not = spark_available() if spark else "skipped (--no-spark)"
        report["spark_skipped"] = why_not
        if why_not is None:
            jvm, timing, records = spark_records(sample, Path(tmp) / "spark-out", master)
            report.update(
                spark_jvm_seconds=jvm,
                spark_identical=records == reference,
                spark_difference=first_difference(records, reference),
                spark_records=len(records),
                ratio_spark_to_local=timing.rate / one.rate if one.rate else None,
            )
            report["timings"].append(timing)
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [f"newsgraph runner scaling: {report['articles']} articles of news.jsonl, {os.cpu_count()} CPUs", ""]
    if report["skip"]:
        lines.append(f"left out (--skip-id): {', '.join(sorted(report['skip']))}")
    lines.append(f"{'runner':<22} {'seconds':>9} {'records':>8} {'articles/s':>11}")
    for t in report["timings"]:
        lines.append(f"{t.name:<22} {t.seconds:>9.1f} {t.records:>8} {t.rate:>11.2f}")
    lines.append("")
    lines.append(f"pipeline load in this process (not in local throughput): {report['pipeline_seconds']:.1f} s")
    if "ratio_2_to_1" in report:
        lines.append(f"2 workers / 1 worker throughput: {report['ratio_2_to_1']:.2f}x")
        lines.append(f"2 workers identical records: {'yes' if report['two_workers_identical'] else 'NO'}")
    if report["spark_skipped"]:
        lines.append(f"Spark: {report['spark_skipped']}")
    else:
        same = "yes" if report["spark_identical"] else f"NO ({report['spark_difference']})"
        lines.append(f"Spark JVM start-up (not in its throughput): {report['spark_jvm_seconds']:.1f} s")
        lines.append(f"Spark / local 1-worker throughput: {report['ratio_spark_to_local']:.2f}x")
        lines.append(f"Spark identical records: {same} ({report['spark_records']} records)")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="How many lines of the corpus to analyse.")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSON Lines of articles.")
    parser.add_argument("--master", default="local[2]", help="Spark master URL.")
    parser.add_argument("--no-spark", action="store_true", help="Only the local runner.")
    parser.add_argument("--no-pool", action="store_true", help="Skip the 2-worker local run.")
    parser.add_argument("--skip-id", action="append", default=[], help="Leave out the article with this id.")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"{args.corpus}: no such corpus", file=sys.stderr)
        return 2
    report = run(
        args.articles, not args.no_spark, args.master, args.corpus, pool=not args.no_pool, skip=frozenset(args.skip_id)
    )
    sys.stdout.write(format_report(report))
    return 0 if report.get("two_workers_identical", True) and report.get("spark_identical", True) else 1


if __name__ == "__main__":
    sys.exit(main())
