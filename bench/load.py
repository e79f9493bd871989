"""The HTTP API under concurrent load: errors, latency percentiles and requests per second.

    python -m bench.load --requests 2000 --concurrency 20            # ingests 300 corpus articles first
    python -m bench.load --requests 2000 --concurrency 20 --db news.db   # an existing database

Starts ``newsgraph serve`` on a free port of 127.0.0.1 as a child process over a SQLite database of real
analysed articles (``newsgraph ingest`` of articles spread over ../shared/corpus/news.jsonl, unless --db
names one), sends a bounded number of GET requests at the given concurrency with httpx, then stops the
server. The mix: article listings, full-text searches, dyad tables, events by actor, single articles.
Client and server share the machine, so requests/s is a floor for the server alone. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
HOST = "127.0.0.1"


def spread_sample(corpus: Path, count: int, out: Path) -> Path:
    """``count`` lines taken at even steps through the corpus (so every dataset in it has a share)."""
    with corpus.open(encoding="utf-8") as source:
        lines = source.readlines()
    step = max(1, len(lines) // max(count, 1))
    out.write_text("".join(lines[::step][:count]), encoding="utf-8")
    return out


def ingest(sample: Path, db: Path) -> float:
    """``newsgraph ingest`` the sample into ``db``; the seconds it took."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "newsgraph", "ingest", str(sample), "--db", str(db)]
    subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def request_paths(db: Path, count: int, seed: int = 2000) -> list[tuple[str, str]]:
    """``count`` (kind, API path) pairs: a shuffled mix over the ids, title words and actor codes in ``db``."""
    from newsgraph.store import open_store

    with open_store(db, create=False) as store:
        pages = store.article_page(limit=500)
        actors = [row["code"] for row in store.actor_page(limit=40)] or ["RUS"]
    ids = [row["id"] for row in pages] or ["missing"]
    words = [w for row in pages for w in (row["title"] or "").split() if w.isalpha() and len(w) > 3] or ["news"]
    rng = random.Random(seed)
    makers = [
        ("/api/articles", lambda: f"/api/articles?page={rng.randint(1, 5)}&size=20"),
        ("/api/search", lambda: f"/api/search?q={rng.choice(words)}"),
        ("/api/dyads/RUS/BLR", lambda: "/api/dyads/RUS/BLR"),
        ("/api/dyads/A/B", lambda: f"/api/dyads/{rng.choice(actors)}/{rng.choice(actors)}"),
        ("/api/events?actor=", lambda: f"/api/events?actor={rng.choice(actors)}"),
        ("/api/articles/ID", lambda: f"/api/articles/{quote(rng.choice(ids), safe='')}"),  # as the web page does
    ]
    chosen = (makers[i % len(makers)] for i in rng.sample(range(count), count))
    return [(kind, make()) for kind, make in chosen]


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    """``newsgraph serve`` on loopback, its standard error going to ``log`` (a pipe could fill and stall it)."""
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    with log.open("w") as stderr:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr, text=True)


def server_exceptions(log: Path) -> Counter[str]:
    """The exceptions the server logged, by their last traceback line."""
    pattern = re.compile(r"^[A-Za-z_.]+(Error|Exception)\b.*")
    return Counter(line.strip()[:160] for line in log.read_text(errors="replace").splitlines() if pattern.match(line))


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60.0) -> float:
    """Poll until the server answers; the seconds it took to come up."""
    import httpx

    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if server.poll() is not None:
            raise RuntimeError(f"newsgraph serve exited with status {server.returncode}")
        try:
            if httpx.get(f"{base}/api/stats", timeout=2.0).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"newsgraph serve did not answer at {base} within {seconds:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


async def send_all(base: str, paths: list[tuple[str, str]], concurrency: int, deadline: float) -> dict[str, Any]:
    """Send every path with at most ``concurrency`` in flight; stop sending when ``deadline`` seconds pass."""
    import httpx

    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    queue = iter(paths)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:

        async def worker() -> None:
            for kind, path in queue:
                if time.perf_counter() - started > deadline:
                    outcomes["not sent (time bound)"] += 1
                    continue
                sent = time.perf_counter()
                try:
                    response = await client.get(path)
                    outcome = str(response.status_code)
                except httpx.HTTPError as exc:
                    outcome = type(exc).__name__
                outcomes[outcome] += 1
                if outcome != "200":
                    failures[f"{kind} {outcome}"] += 1
                latencies.append(time.perf_counter() - sent)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return {
        "seconds": time.perf_counter() - started,
        "latencies": latencies,
        "outcomes": outcomes,
        "failures": failures,
    }


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    samples = result["latencies"]
    cuts = statistics.quantiles(samples, n=100, method="inclusive") if len(samples) > 1 else samples * 99
    unsent = result["outcomes"].pop("not sent (time bound)", 0)
    ok = result["outcomes"].get("200", 0)
    return {
        "sent": len(samples),
        "unsent": unsent,
        "ok": ok,
        "errors": len(samples) - ok,
        "outcomes": dict(result["outcomes"]),
        "failures": dict(result["failures"]),
        "p50_ms": cuts[49] * 1000,
        "p99_ms": cuts[98] * 1000,
        "max_ms": max(samples) * 1000,
        "per_second": len(samples) / result["seconds"],
        "seconds": result["seconds"],
    }


def run(requests: int, concurrency: int, articles: int, db: Path | None, deadline: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="newsgraph-load-") as tmp:
        report: dict[str, Any] = {"ingest_seconds": None}
        if db is None:
            db = Path(tmp) / "news.db"
            report["ingest_seconds"] = ingest(spread_sample(CORPUS, articles, Path(tmp) / "sample.jsonl"), db)
        from newsgraph.store import open_store

        with open_store(db, create=False) as store:
            report["articles"] = store.count_articles()
        paths = request_paths(db, requests)
        port = free_port()
        base = f"http://{HOST}:{port}"
        log = Path(tmp) / "serve.log"
        server = start_server(db, port, log)
        try:
            report["startup_seconds"] = wait_until_up(base, server)
            result = asyncio.run(send_all(base, paths, concurrency, deadline))
        finally:
            stop_server(server)
            report["server_exceptions"] = server_exceptions(log)
    report.update(summarise(result), requests=requests, concurrency=concurrency)
    report["by_endpoint"] = Counter(kind for kind, _ in paths)
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [f"newsgraph API load: {report['articles']} stored articles, {report['requests']} GET requests, "
             f"{report['concurrency']} at a time, server and client on 127.0.0.1"]  # fmt: skip
    if report["ingest_seconds"] is not None:
        lines.append(f"ingest (not timed below): {report['ingest_seconds']:.0f} s")
    lines.append(f"server start-up (not timed below): {report['startup_seconds']:.1f} s")
    lines.append("mix: " + ", ".join(f"{path} {n}" for path, n in sorted(report["by_endpoint"].items())))
    lines.append("")
    lines.append(
        f"{'sent':>6} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'requests/s':>11} {'seconds':>8}"
    )
    lines.append(f"{report['sent']:>6} {report['errors']:>7} {report['p50_ms']:>8.1f} {report['p99_ms']:>8.1f} "
                 f"{report['max_ms']:>8.1f} {report['per_second']:>11.1f} {report['seconds']:>8.1f}")  # fmt: skip
    if report["unsent"]:
        lines.append(f"not sent, time bound reached: {report['unsent']}")
    if report["errors"]:
        lines.append("outcomes: " + ", ".join(f"{k}: {v}" for k, v in sorted(report["outcomes"].items())))
        lines.append("failures: " + ", ".join(f"{k}: {v}" for k, v in sorted(report["failures"].items())))
    for exception, count in report["server_exceptions"].most_common(5):
        lines.append(f"server logged {count}x: {exception}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="How many requests to send in all.")
    parser.add_argument("--concurrency", type=int, default=20, help="Requests in flight at once.")
    parser.add_argument("--articles", type=int, default=300, help="Corpus articles to ingest first.")
    parser.add_argument("--db", type=Path, help="Serve this SQLite database instead of ingesting.")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="Stop sending after this long.")
    args = parser.parse_args(argv)
    report = run(args.requests, args.concurrency, args.articles, args.db, args.max_seconds)
    sys.stdout.write(format_report(report))
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
