"""Score newsgraph's quotations against PolNeAR (political news attribution relations, brat standoff).

    python -m eval.quotes_polnear [--split dev|train] [--limit N] [--check-floors] [--json]

Each PolNeAR attribution has a Content span (possibly in fragments), a Cue and usually a Source. Our
records are matched against them role by role (content ↔ quote text, source ↔ speaker, cue ↔ cue):

- exact: the spans are equal once both are normalised: surrounding spaces, quotation marks and
  trailing punctuation are stripped, and a content's leading "that" (PolNeAR includes the
  complementiser, our contract does not). A gold content made of fragments ("A," said X. "B.") is
  one unit, as are our quotations that share one cue (we report each fragment as its own record):
  exact when the normalised fragments are the same, or when one span equals the gold's whole extent
  or one of its fragments (the attribution measure uses this last rule record by record).
- overlap: the spans share at least one character.

Role scores are P/R/F1 over the distinct spans of that role (one-to-one, greedy in text order).
Attribution accuracy: of the gold attributions whose content we matched, the share for which the same
record's speaker also matches the gold source; joint recall is the same count over all gold
attributions with a source. "direct" restricts both sides to direct quotations (gold: content wholly
inside quotation marks; ours: kind "direct").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "quotes" / "polnear" / "data"
FLOORS = Path(__file__).resolve().parent / "floors" / "quotes.json"
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"
STRIP_CHARS = " \t\n\u00a0.,;:!?" + QUOTE_CHARS
LEADING_THAT = re.compile(r"^that\s+", re.IGNORECASE)

Spans = list[tuple[int, int]]


@dataclass
class Attribution:
    """One attribution: its content fragments, cue and source (each a list of character ranges)."""

    content: Spans
    cue: Spans = field(default_factory=list)
    source: Spans = field(default_factory=list)

    def role(self, name: str) -> Spans:
        return getattr(self, name)


@dataclass
class Document:
    name: str
    text: str
    gold: list[Attribution]


def parse_ranges(field_text: str) -> Spans:
    """``"12 30;34 40"`` → ``[(12, 30), (34, 40)]``."""
    return [(int(a), int(b)) for a, b in (part.split() for part in field_text.split(";"))]


def read_brat(ann: str) -> list[Attribution]:
    """The attributions of one PolNeAR ``.ann`` file."""
    spans: dict[str, tuple[str, Spans]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = (label, parse_ranges(ranges))
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    found = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""), ("", []))[1]
        if content:
            cue = spans.get(relation.get("Cue", ""), ("", []))[1]
            source = spans.get(relation.get("Source", ""), ("", []))[1]
            found.append(Attribution(content, cue, source))
    return found


def load_split(split: str, limit: int | None = None) -> list[Document]:
    """The PolNeAR documents of a split, texts with their gold attributions, in file-name order."""
    folder = POLNEAR / split
    docs = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        text_path = folder / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")
        if text_path.exists():
            docs.append(Document(ann.stem, text_path.read_text("utf-8"), read_brat(ann.read_text("utf-8"))))
        if limit and len(docs) >= limit:
            break
    return docs


def normalised(text: str, span: tuple[int, int], content: bool) -> tuple[int, int]:
    """The span without surrounding spaces, quotation marks, trailing punctuation (and leading "that")."""
    start, end = span
    while start < end and text[start] in STRIP_CHARS:
        start += 1
    while end > start and text[end - 1] in STRIP_CHARS:
        end -= 1
    if content and LEADING_THAT.match(text[start:end]):
        start += LEADING_THAT.match(text[start:end]).end()
    return start, end


def variants(text: str, ranges: Spans, content: bool) -> set[tuple[int, int]]:
    """The normalised forms a gold span may be matched by: each fragment and the whole extent."""
    pieces = list(ranges) + ([(ranges[0][0], ranges[-1][1])] if len(ranges) > 1 else [])
    return {normalised(text, piece, content) for piece in pieces}


def overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def matches(text: str, predicted: Spans, gold: Spans, exact: bool, content: bool) -> bool:
    if not predicted or not gold:
        return False
    if not exact:
        return overlaps(predicted, gold)
    if len(predicted) > 1:
        return {normalised(text, p, content) for p in predicted} == {normalised(text, g, content) for g in gold}
    return normalised(text, predicted[0], content) in variants(text, gold, content)


def predicted_units(records: list[dict], role: str) -> list[Spans]:
    """Our spans of one role; the contents of records sharing one cue form one unit, as in PolNeAR."""
    if role != "content":
        return [record_spans(r, role) for r in records]
    units: dict[tuple[int, int], Spans] = {}
    for record in records:
        units.setdefault((record["cue"]["start"], record["cue"]["end"]), []).extend(record_spans(record, role))
    return [sorted(spans) for spans in units.values()]


@dataclass
class Counts:
    tp_pred: int = 0
    predicted: int = 0
    tp_gold: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp_pred += other.tp_pred
        self.predicted += other.predicted
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    def scores(self) -> dict[str, float]:
        p = self.tp_pred / self.predicted if self.predicted else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1), "gold": self.gold}


def role_counts(text: str, predicted: list[Spans], gold: list[Spans], exact: bool, content: bool) -> Counts:
    """One-to-one greedy matching of the distinct spans of one role."""
    predicted = [list(s) for s in dict.fromkeys(tuple(s) for s in predicted if s)]
    gold = [list(s) for s in dict.fromkeys(tuple(s) for s in gold if s)]
    used: set[int] = set()
    hits = 0
    for spans in predicted:
        j = next((j for j, g in enumerate(gold) if j not in used and matches(text, spans, g, exact, content)), None)
        if j is not None:
            used.add(j)
            hits += 1
    return Counts(hits, len(predicted), hits, len(gold))


def record_spans(record: dict, role: str) -> Spans:
    part = record if role == "content" else record.get({"source": "speaker", "cue": "cue"}[role])
    return [(part["start"], part["end"])] if isinstance(part, dict) and "start" in part else []


def is_direct_gold(text: str, attribution: Attribution) -> bool:
    """Gold content wholly inside quotation marks."""
    first = text[attribution.content[0][0] : attribution.content[0][1]].strip()
    last = text[attribution.content[-1][0] : attribution.content[-1][1]].strip().rstrip(".,;:!?")
    return bool(first) and first[0] in QUOTE_CHARS and bool(last) and last[-1] in QUOTE_CHARS


def attribution_counts(text: str, records: list[dict], gold: list[Attribution], exact: bool) -> tuple[int, int, int]:
    """(gold with content matched, of which source also matched by the same record, gold with a source)."""
    content_hits = both = 0
    for attribution in (g for g in gold if g.source):
        hits = [r for r in records if matches(text, record_spans(r, "content"), attribution.content, exact, True)]
        content_hits += bool(hits)
        both += any(matches(text, record_spans(r, "source"), attribution.source, exact, False) for r in hits)
    return content_hits, both, sum(1 for g in gold if g.source)


def score_document(text: str, records: list[dict], gold: list[Attribution]) -> dict[str, dict]:
    """Counts for one document, overall and for direct quotations alone."""
    out: dict[str, dict] = {}
    subsets = {
        "all": (records, gold),
        "direct": ([r for r in records if r["kind"] == "direct"], [g for g in gold if is_direct_gold(text, g)]),
    }
    for subset, (recs, golds) in subsets.items():
        for exact in (True, False):
            mode = "exact" if exact else "overlap"
            for role in ("content", "source", "cue"):
                out[f"{subset}/{role}/{mode}"] = role_counts(
                    text, predicted_units(recs, role), [g.role(role) for g in golds], exact, role == "content"
                )
            out[f"{subset}/attribution/{mode}"] = attribution_counts(text, recs, golds, exact)
    return out


def run_extractor(docs: list[Document]) -> list[list[dict]]:
    """Our quotations for each document, texts taken as they are (plain mode)."""
    from newsgraph.engine import Engine
    from newsgraph.model import RawArticle

    engine = Engine()
    raws = [RawArticle(input=d.name, text=d.text, id=d.name) for d in docs]
    return [article.to_dict().get("quotes") or [] for article in engine.analyze(raws, "2016-10-01")]


def evaluate(split: str = "dev", limit: int | None = None) -> dict:
    """Scores of our extractor on a PolNeAR split."""
    docs = load_split(split, limit)
    started = time.perf_counter()
    predictions = run_extractor(docs)
    seconds = time.perf_counter() - started
    totals: dict[str, Counts] = {}
    attributions: dict[str, list[int]] = {}
    for doc, records in zip(docs, predictions, strict=True):
        for key, value in score_document(doc.text, records, doc.gold).items():
            if isinstance(value, Counts):
                totals.setdefault(key, Counts()).add(value)
            else:
                attributions[key] = [a + b for a, b in zip(attributions.get(key, [0, 0, 0]), value, strict=True)]
    result: dict = {"split": split, "documents": len(docs), "seconds": round(seconds, 1)}
    result.update({key: counts.scores() for key, counts in sorted(totals.items())})
    for key, (content_hits, both, with_source) in sorted(attributions.items()):
        result[key] = {
            "accuracy": round(100 * both / content_hits, 1) if content_hits else 0.0,
            "joint_recall": round(100 * both / with_source, 1) if with_source else 0.0,
            "gold": with_source,
        }
    return result


def below_floors(result: dict, floors: dict) -> list[str]:
    """Every floored figure the result falls below, as "key.metric: value < floor"."""
    failures = []
    for key, metrics in floors.get(result["split"], {}).items():
        for metric, floor in metrics.items():
            value = result.get(key, {}).get(metric, 0.0)
            if value < floor:
                failures.append(f"{key}.{metric}: {value} < {floor}")
    return failures


def table(result: dict) -> Iterator[str]:
    yield f"PolNeAR {result['split']}: {result['documents']} documents, extractor {result['seconds']} s"
    for key, value in result.items():
        if isinstance(value, dict):
            yield f"  {key:<28} " + "  ".join(f"{k} {v}" for k, v in value.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.quotes_polnear", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.add_argument("--check-floors", action="store_true", help=f"exit 1 below the floors in {FLOORS.name}")
    args = parser.parse_args(argv)
    if not POLNEAR.exists():
        print(f"{POLNEAR}: PolNeAR is not available", file=sys.stderr)
        return 2
    result = evaluate(args.split, args.limit)
    print(json.dumps(result, indent=1) if args.json else "\n".join(table(result)))
    if args.check_floors and args.limit is None:
        failures = below_floors(result, json.loads(FLOORS.read_text("utf-8")))
        for failure in failures:
            print(f"below floor: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
