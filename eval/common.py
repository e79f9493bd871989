"""Shared pieces for the scorers: where the corpora are, running the engine, P/R/F1, tables, JSON and floors.

A scorer module (``eval/<name>.py``) reads its corpus with ``shared_file``, runs the engine with
``analyze_plain``, counts matches with ``match_spans`` into ``Score`` objects, and ends with
``finish``, which prints the table, writes the JSON results and compares the scores with
``eval/floors/<name>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
FLOORS_DIR = Path(__file__).resolve().parent / "floors"


class SharedMissing(SystemExit):
    """The annotated corpora are not where we expect them; exits with a message, not a traceback."""


def shared_dir() -> Path:
    """``../shared`` next to the repository, or ``$NEWSGRAPH_SHARED`` when set."""
    return Path(os.environ.get("NEWSGRAPH_SHARED") or ROOT.parent / "shared")


def shared_file(*parts: str) -> Path:
    """A path under the shared folder; exit with a clear message when it is not there."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        raise SharedMissing(
            f"eval: {path} not found; the annotated corpora live in ../shared next to the repository "
            "(set NEWSGRAPH_SHARED to point elsewhere)"
        )
    return path


# ---------------------------------------------------------------- running the engine


def analyze_plain(texts: Iterable[str], batch_size: int = 32, label: str = "eval") -> Iterator[Any]:
    """Articles for texts taken exactly as given (``--plain``), in input order, in batches."""
    from newsgraph.engine import Engine
    from newsgraph.model import InputError, RawArticle

    engine = Engine(batch_size=batch_size)
    raws = (RawArticle(input=f"{label}#{i}", text=text) for i, text in enumerate(texts, start=1))
    for result in engine.analyze(raws):
        if isinstance(result, InputError):
            raise ValueError(result.message())
        yield result


# ---------------------------------------------------------------- counting matches


class LabelledSpan(NamedTuple):
    """A labelled character range; ``doc`` keeps spans of different documents apart."""

    start: int
    end: int
    label: str
    doc: int | str = 0


@dataclass
class Score:
    """True positives, false positives and false negatives, and the P/R/F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
        }


def spans_overlap(a: LabelledSpan, b: LabelledSpan) -> bool:
    return a.doc == b.doc and a.start < b.end and b.start < a.end


def match_spans(
    gold: Iterable[LabelledSpan], pred: Iterable[LabelledSpan], mode: str = "exact", typed: bool = True
) -> Score:
    """Count matches one to one. ``exact``: same start and end; ``overlap``: any shared character.

    With ``typed`` the labels must agree too. In overlap mode each gold span takes the first
    (leftmost) unused prediction that overlaps it, so one long prediction never counts twice.
    """
    if mode not in ("exact", "overlap"):
        raise ValueError(f"unknown matching mode {mode!r}; use 'exact' or 'overlap'")
    gold, pred = sorted(set(gold)), sorted(set(pred))
    key = (lambda s: s) if typed else (lambda s: s._replace(label=""))
    if mode == "exact":
        tp = len({key(s) for s in gold} & {key(s) for s in pred})
        return Score(tp, len(pred) - tp, len(gold) - tp)
    by_doc: dict[int | str, list[LabelledSpan]] = {}
    for p in pred:
        by_doc.setdefault(p.doc, []).append(p)
    used: set[LabelledSpan] = set()
    tp = 0
    for g in gold:
        for p in by_doc.get(g.doc, []):
            if p not in used and spans_overlap(g, p) and (not typed or g.label == p.label):
                used.add(p)
                tp += 1
                break
    return Score(tp, len(pred) - tp, len(gold) - tp)


def score_by_label(gold: Sequence[LabelledSpan], pred: Sequence[LabelledSpan], mode: str = "exact") -> dict[str, Score]:
    """One typed score per label (gold or predicted), plus ``overall`` (micro-averaged)."""
    labels = sorted({s.label for s in gold} | {s.label for s in pred})
    scores = {
        label: match_spans([s for s in gold if s.label == label], [s for s in pred if s.label == label], mode)
        for label in labels
    }
    scores["overall"] = sum(scores.values(), Score())
    return scores


# ---------------------------------------------------------------- reporting


def flatten_metrics(results: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """``{"exact": {"overall": {"f1": 0.7}}}`` → ``{"exact.overall.f1": 0.7}`` (numbers only)."""
    flat: dict[str, float] = {}
    for key, value in results.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten_metrics(value, name + "."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            flat[name] = value
    return flat


def format_table(title: str, scores: dict[str, Score]) -> str:
    """A Markdown table of P/R/F1 per row (percentages), with gold and predicted counts."""
    lines = [
        f"{title}",
        "",
        "| | P | R | F1 | gold | pred |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, s in scores.items():
        lines.append(
            f"| {name} | {100 * s.precision:.1f} | {100 * s.recall:.1f} | {100 * s.f1:.1f} "
            f"| {s.tp + s.fn} | {s.tp + s.fp} |"
        )
    return "\n".join(lines)


def load_floors(name: str, path: Path | None = None) -> dict[str, float]:
    """The pinned minimum for each metric (``eval/floors/<name>.json``); empty when there is none."""
    path = path or FLOORS_DIR / f"{name}.json"
    if not path.exists():
        return {}
    floors = json.loads(path.read_text("utf-8"))
    return {k: float(v) for k, v in floors.items() if not k.startswith("_")}


def check_floors(metrics: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One message per metric below its floor (or missing from the results)."""
    failures = []
    for metric, floor in sorted(floors.items()):
        value = metrics.get(metric)
        if value is None:
            failures.append(f"{metric}: no such metric in the results (floor {floor})")
        elif value < floor:
            failures.append(f"{metric}: {value:.4f} is below its floor {floor:.4f}")
    return failures


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Options every scorer takes."""
    parser.add_argument("--limit", type=int, metavar="N", help="Score only the first N documents (a quick look).")
    parser.add_argument("--json", dest="json_out", metavar="PATH", help="Write the results as JSON to PATH.")
    parser.add_argument(
        "--floors",
        metavar="PATH",
        type=Path,
        help="Compare with this floors file (default: eval/floors/<name>.json, checked on full runs only).",
    )


def finish(name: str, results: dict[str, Any], tables: list[str], args: argparse.Namespace) -> int:
    """Print the tables, write the JSON, compare with the floors; the exit status (1 = below a floor).

    Floors are pinned for full runs, so a ``--limit`` run is only compared when ``--floors`` names a file.
    """
    print("\n\n".join(tables))
    metrics = flatten_metrics(results.get("metrics", {}))
    checked = args.floors is not None or not args.limit
    floors = load_floors(name, args.floors) if checked else {}
    failures = check_floors(metrics, floors)
    results = {
        "scorer": name,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **results,
        "floors": {"checked": bool(floors), "failures": failures},
    }
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    if floors:
        print(f"\nfloors ({len(floors)} metrics): " + ("all met" if not failures else "FAILED"))
    for failure in failures:
        print(f"eval {name}: {failure}", file=sys.stderr)
    return 1 if failures else 0
