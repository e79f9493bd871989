"""Shared pieces for the benchmarks: the corpus, child processes measured for peak memory, the machine."""

from __future__ import annotations

import json
import os
import platform
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``../shared`` next to the repository, or ``$NEWSGRAPH_SHARED`` when set."""
    return Path(os.environ.get("NEWSGRAPH_SHARED") or ROOT.parent / "shared")


def corpus_path() -> Path:
    """``../shared/corpus/news.jsonl``; exit with a message when it is not there."""
    path = shared_dir() / "corpus" / "news.jsonl"
    if not path.exists():
        raise SystemExit(f"bench: {path} not found (set NEWSGRAPH_SHARED to the folder holding corpus/news.jsonl)")
    return path


def corpus_lines(count: int, seed: int | None = None) -> list[str]:
    """``count`` JSON lines of the corpus: the first ones, or a sample drawn with ``seed`` (file order kept)."""
    with corpus_path().open(encoding="utf-8") as stream:
        if seed is None:
            return [line for _, line in zip(range(count), stream, strict=False)]
        lines = stream.readlines()
    chosen = sorted(random.Random(seed).sample(range(len(lines)), min(count, len(lines))))
    return [lines[i] for i in chosen]


def corpus_records(count: int, seed: int | None = None) -> list[dict]:
    return [json.loads(line) for line in corpus_lines(count, seed)]


@dataclass
class Measured:
    """A finished child process: exit status, wall time, peak resident memory, RSS samples over time."""

    returncode: int
    seconds: float
    peak_rss_mb: float
    rss_samples_mb: list[tuple[float, float]] = field(default_factory=list)


def proc_status_mb(pid: int, key: str) -> float | None:
    """A memory line of ``/proc/PID/status`` (``VmRSS``: resident now, ``VmHWM``: its peak so far) in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def rss_mb(pid: int) -> float | None:
    return proc_status_mb(pid, "VmRSS")


def peak_rss_mb(pid: int) -> float | None:
    return proc_status_mb(pid, "VmHWM")


def run_measured(cmd: list[str], stdout, stderr=None, sample_every: float = 0.5, poll: float = 0.1) -> Measured:
    """Run ``cmd`` from the repository root, polling its peak RSS and sampling its RSS along the way.

    The peak is the process's own high-water mark (``VmHWM``), read every ``poll`` seconds until it
    exits; it only misses growth in the last ``poll`` seconds. The kernel's ``ru_maxrss`` for a child is
    not used: on Linux it also counts the parent's resident memory at the moment of the fork.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=stdout, stderr=stderr)
    samples: list[tuple[float, float]] = []
    peak, next_sample = 0.0, 0.0
    while True:
        pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, peak_rss_mb(proc.pid) or 0.0)
        elapsed = time.perf_counter() - start
        if elapsed >= next_sample and (rss := rss_mb(proc.pid)) is not None:
            samples.append((round(elapsed, 2), round(rss, 1)))
            next_sample = elapsed + sample_every
        time.sleep(poll)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(proc.returncode, time.perf_counter() - start, peak, samples)


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return None
    return out.stdout.strip() or None


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict:
    """What the figures were measured on: CPUs, memory, Python, spaCy, and the load at the time."""
    import spacy

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        (int(line.split()[1]) for line in _read("/proc/meminfo").splitlines() if line.startswith("MemTotal")), 0
    )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": sys.version.split()[0],
        "spacy": spacy.__version__,
        "platform": platform.platform(),
        "commit": git_commit(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""
