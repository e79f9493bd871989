"""Score newsgraph's temporal expressions on TempEval-3's TimeBank and AQUAINT (TBAQ-cleaned).

    python -m eval.time_tempeval3 [--corpus TimeBank|AQUAINT] [--limit N] [--check] [--errors]
                                  [--peer dateparser]

Each .tml file's text (tags stripped, entities decoded) is analysed in plain mode with the document
creation time (DCT) as the reference date; the DCT expression itself is not scored, as in the
TempEval-3 scorer. Figures: strict span P/R/F1 (same offsets), relaxed span P/R/F1 (overlap), and,
over relaxed matches, type and value F1 (P = matched with the right attribute / system expressions,
R = the same / gold expressions) plus type and value accuracy. ``--check`` compares the full-corpus
figures with eval/floors/time.json and exits 1 below a floor. ``--peer dateparser`` scores
dateparser's ``search_dates`` on the same texts and reference dates (it returns a datetime for each
phrase, so its value is taken as the day; compare it on "day value accuracy", the share of matched
expressions whose gold value is a calendar day that get that day right).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "eval" / "time" / "tempeval3" / "TBAQ-cleaned"
FLOORS = ROOT / "eval" / "floors" / "time.json"
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
DAY = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass
class Document:
    """One TimeML document: plain text, DCT and gold TIMEX3 spans (DCT excluded)."""

    name: str
    text: str
    dct: str
    gold: list[dict] = field(default_factory=list)


def read_timeml(path: Path) -> Document:
    """The text between <TEXT> tags with its inline TIMEX3 expressions as character spans."""
    raw = path.read_text("utf-8")
    dct_match = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]+)"', raw)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    pieces: list[str] = []
    gold: list[dict] = []
    length, position, open_timex = 0, 0, None
    for tag in TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag[2] == "TIMEX3" and not tag[1]:
            open_timex = dict(ATTRIBUTE.findall(tag[3])) | {"start": length}
        elif tag[2] == "TIMEX3" and open_timex is not None:
            gold.append(open_timex | {"end": length})
            open_timex = None
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    for g in gold:
        g["text"] = text[g["start"] : g["end"]]
    return Document(path.stem, text, dct_match[1][:10] if dct_match else "", gold)


def overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def pair_up(gold: list[dict], system: list[dict]) -> list[tuple[dict, dict]]:
    """Relaxed one-to-one pairs: each gold expression with the free system one overlapping it most."""
    pairs, used = [], set()
    for g in gold:
        options = [(overlap(g, s), i) for i, s in enumerate(system) if i not in used and overlap(g, s) > 0]
        if options:
            _, best = max(options)
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    day_pairs: int = 0
    day_ok: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, doc: Document, system: list[dict]) -> None:
        self.gold += len(doc.gold)
        self.system += len(system)
        spans = {(s["start"], s["end"]) for s in system}
        self.strict += sum((g["start"], g["end"]) in spans for g in doc.gold)
        pairs = pair_up(doc.gold, system)
        self.relaxed += len(pairs)
        self.type_ok += sum(g.get("type") == s["type"] for g, s in pairs)
        self.value_ok += sum(g.get("value") == s["value"] for g, s in pairs)
        days = [(g, s) for g, s in pairs if DAY.fullmatch(g.get("value", ""))]
        self.day_pairs += len(days)
        self.day_ok += sum(g["value"] == s["value"][:10] for g, s in days)
        self._note_errors(doc, system, pairs)

    def _note_errors(self, doc: Document, system: list[dict], pairs: list[tuple[dict, dict]]) -> None:
        matched_gold = {id(g) for g, _ in pairs}
        matched_system = {id(s) for _, s in pairs}
        for g, s in pairs:
            if g.get("value") != s["value"] or g.get("type") != s["type"]:
                self.errors.append(
                    f"VALUE\t{doc.name}\t{doc.dct}\t{g['text']!r} {g.get('type')} {g.get('value')}"
                    f"\t{s['text']!r} {s['type']} {s['value']} [{s.get('rule')}]"
                )
        self.errors += [f"MISS\t{doc.name}\t{g['text']!r} {g.get('type')} {g.get('value')}"
                        for g in doc.gold if id(g) not in matched_gold]  # fmt: skip
        self.errors += [f"SPURIOUS\t{doc.name}\t{s['text']!r} {s['type']} {s['value']} [{s.get('rule')}]"
                        for s in system if id(s) not in matched_system]  # fmt: skip

    def figures(self) -> dict[str, float]:
        def f1(hits: int) -> tuple[float, float, float]:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        out: dict[str, float] = {}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed), ("type", self.type_ok),
                           ("value", self.value_ok)):  # fmt: skip
            p, r, f = f1(hits)
            out |= {f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f}
        out["type_accuracy"] = self.type_ok / self.relaxed if self.relaxed else 0.0
        out["value_accuracy"] = self.value_ok / self.relaxed if self.relaxed else 0.0
        out["day_value_accuracy"] = self.day_ok / self.day_pairs if self.day_pairs else 0.0
        return {k: round(100 * v, 2) for k, v in out.items()}


def documents(corpus: str, limit: int | None) -> list[Document]:
    paths = sorted((TBAQ / corpus).glob("*.tml"))[:limit]
    return [read_timeml(p) for p in paths]


Extractor = Callable[[list[Document]], Iterator[list[dict]]]


def newsgraph_times(docs: list[Document]) -> Iterator[list[dict]]:
    """newsgraph's times for each document, in plain mode with the DCT as the publication date."""
    from newsgraph.engine import Engine
    from newsgraph.model import RawArticle

    raws = [RawArticle(input=d.name, text=d.text, published=d.dct or None) for d in docs]
    for article in Engine().analyze(raws):
        yield getattr(article, "times", [])


def dateparser_times(docs: list[Document]) -> Iterator[list[dict]]:
    """dateparser's search_dates on each document, relative to its DCT, located in the text in order."""
    import datetime as dt

    from dateparser.search import search_dates

    for doc in docs:
        base = dt.datetime.fromisoformat(doc.dct) if doc.dct else None
        found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base} if base else {}) or []
        records, cursor = [], 0
        for phrase, when in found:
            start = doc.text.find(phrase, cursor)
            if start >= 0:
                cursor = start + len(phrase)
                records.append({"text": phrase, "start": start, "end": cursor, "type": "DATE",
                                "value": when.date().isoformat(), "rule": "dateparser"})  # fmt: skip
        yield records


def score(corpus: str, limit: int | None = None, extractor: Extractor = newsgraph_times) -> tuple[Tally, int, float]:
    """Run an extractor over the corpus and tally the comparison with the gold expressions."""
    docs = documents(corpus, limit)
    started = time.perf_counter()
    tally = Tally()
    for doc, times in zip(docs, extractor(docs), strict=True):
        tally.add(doc, times)
    return tally, len(docs), time.perf_counter() - started


def print_table(
    corpus: str, n_docs: int, seconds: float, tally: Tally, figures: dict[str, float], system: str = "newsgraph"
) -> None:
    print(f"{system} on TempEval-3 {corpus}: {n_docs} documents, {tally.gold} gold TIMEX3, {tally.system} found, "
          f"{seconds:.1f} s")  # fmt: skip
    print(f"{'measure':<10}{'P':>8}{'R':>8}{'F1':>8}")
    for name in ("strict", "relaxed", "type", "value"):
        print(f"{name:<10}{figures[name + '_p']:>8.2f}{figures[name + '_r']:>8.2f}{figures[name + '_f1']:>8.2f}")
    print(f"type accuracy {figures['type_accuracy']:.2f}  value accuracy {figures['value_accuracy']:.2f}  "
          f"day value accuracy {figures['day_value_accuracy']:.2f} ({tally.day_pairs} matched day values)")  # fmt: skip


def check_floors(corpus: str, figures: dict[str, float]) -> list[str]:
    floors = json.loads(FLOORS.read_text("utf-8")).get(corpus, {})
    return [f"{corpus} {k}: {figures[k]} < floor {v}" for k, v in floors.items() if figures.get(k, 0.0) < v]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="TimeBank", choices=["TimeBank", "AQUAINT"])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--check", action="store_true", help="fail below the floors (full corpus only)")
    parser.add_argument("--errors", action="store_true", help="list misses, spurious and wrong values")
    parser.add_argument("--peer", choices=["dateparser"], help="also score a peer library on the same texts")
    args = parser.parse_args(argv)
    if not (TBAQ / args.corpus).is_dir():
        print(f"{TBAQ / args.corpus} is not available", file=sys.stderr)
        return 2
    tally, n_docs, seconds = score(args.corpus, args.limit)
    figures = tally.figures()
    if args.errors:
        print("\n".join(tally.errors))
    print_table(args.corpus, n_docs, seconds, tally, figures)
    if args.peer == "dateparser":
        peer, _, peer_seconds = score(args.corpus, args.limit, dateparser_times)
        print()
        print_table(args.corpus, n_docs, peer_seconds, peer, peer.figures(), system="dateparser.search_dates")
    failures = check_floors(args.corpus, figures) if args.check and args.limit is None else []
    for failure in failures:
        print("BELOW FLOOR:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
