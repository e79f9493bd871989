"""Peak memory of ``newsgraph analyze`` streaming corpora of growing size: it should stay flat.

    python -m bench.memory --sizes 1000 10000 [--out results.json]

For each size N, the first N lines of ``../shared/corpus/news.jsonl`` are written to a temporary
JSON Lines file and ``python -m newsgraph analyze FILE --format jsonl`` runs on it in a child process
(from the repository root, so this checkout's code runs), its output going to /dev/null. Reported:
the child's peak RSS (kernel ``ru_maxrss``), its RSS sampled along the run, wall time and articles/s.
Slow: the full engine over 10,000 articles takes minutes (see bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.common import corpus_lines, load_average, machine, run_measured


def peak_per_quarter(samples: list[tuple[float, float]], run_seconds: float) -> list[float | None]:
    """The highest sampled RSS (MB) in each quarter of the run: growth shows as a rising sequence."""
    quarters: list[list[float]] = [[], [], [], []]
    for at, rss in samples:
        quarters[min(3, int(4 * at / max(run_seconds, 1e-9)))].append(rss)
    return [max(q) if q else None for q in quarters]


def measure_size(size: int, workdir: Path) -> dict:
    """Run the CLI on the first ``size`` articles; its peak RSS, RSS along the run, time and errors."""
    path = workdir / f"news-{size}.jsonl"
    path.write_text("".join(corpus_lines(size)), "utf-8")
    err_path = workdir / f"news-{size}.stderr"
    with open(os.devnull, "wb") as devnull, err_path.open("wb") as err:
        cmd = [sys.executable, "-m", "newsgraph", "analyze", str(path), "--format", "jsonl"]
        measured = run_measured(cmd, stdout=devnull, stderr=err, sample_every=1.0)
    # The CLI reports each bad input on standard error as "newsgraph: INPUT: REASON".
    errors = [line for line in err_path.read_text("utf-8", "replace").splitlines() if line.startswith("newsgraph: ")]
    return {
        "articles": size,
        "exit_status": measured.returncode,
        "input_errors": len(errors),
        "seconds": round(measured.seconds, 1),
        "articles_per_second": round(size / measured.seconds, 2),
        "peak_rss_mb": round(measured.peak_rss_mb, 1),
        "peak_rss_mb_per_quarter": peak_per_quarter(measured.rss_samples_mb, measured.seconds),
        "rss_samples_mb": measured.rss_samples_mb,
    }


def format_table(rows: list[dict]) -> str:
    lines = [
        "| articles | peak RSS MB | highest sampled RSS MB in each quarter of the run | seconds | articles/s | input errors |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for r in rows:
        along = " / ".join("-" if x is None else f"{x:.0f}" for x in r["peak_rss_mb_per_quarter"])
        lines.append(
            f"| {r['articles']} | {r['peak_rss_mb']} | {along} | {r['seconds']} "
            f"| {r['articles_per_second']} | {r['input_errors']} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1000, 10000], help="Corpus sizes (default 1000 10000)."
    )
    parser.add_argument("--out", metavar="PATH", help="Write the results as JSON to PATH.")
    args = parser.parse_args(argv)
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        rows = [measure_size(size, Path(tmp)) for size in args.sizes]
    print(format_table(rows))
    if args.out:
        result = {
            "runs": rows,
            "machine": {**machine(), "load_average_before": load_before, "load_average_after": load_average()},
        }
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 1 if any(r["exit_status"] not in (0, 1) for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
