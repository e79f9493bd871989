"""Actor coding against the PLOVER gold-standard records (``../shared/eval/events/plover-gsr``).

Each record is a sentence from the CAMEO manual with its source and target actors (text, CAMEO country
or international code, sector). For every gold actor whose text occurs in the sentence we take the
actor mention that covers its first occurrence and compare codes:

- country accuracy: the first three letters agree (``IGO``/``NGO`` compare as such);
- full-code accuracy: country and first role code agree (a gold actor without sector wants none);
- coverage: some actor mention covers the gold text at all;
- sentence mode: precision and recall of the set of actor countries found in the sentence.

Systems: ``ours`` (the built-in knowledge base), ``phoenix`` (the Phoenix actor and agent dictionaries
read by our PETRARCH reader) and ``ours+phoenix`` (both, ours first), side by side.

    python -m eval.actors [--shared ../shared] [--systems ours,phoenix,ours+phoenix] [--limit N] [--check-floors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "eval" / "floors" / "actors.json"
GSR = ("eval", "events", "plover-gsr", "PLOVER_GSR_CAMEO.txt")
PHOENIX = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
)
INTERNATIONAL = ("IGO", "NGO")


def gold_records(shared: Path) -> Iterator[dict[str, Any]]:
    """GSR records that have a text and at least one actor given as a dict."""
    for record in json.loads(shared.joinpath(*GSR).read_text("utf-8")):
        if not record.get("text"):
            continue
        actors = [
            actor
            for role in ("source", "target")
            if isinstance(record.get(role), list)
            for actor in record[role]
            if isinstance(actor, dict) and actor.get("code")
        ]
        if actors:
            yield {"id": record["id"], "text": record["text"], "date": record.get("date"), "actors": actors}


def gold_code(actor: dict[str, Any]) -> tuple[str, str | None]:
    sector = (actor.get("sector") or "").upper()[:3]
    return actor["code"].upper()[:3], (sector if sector.isalpha() else None)


def covering_code(actors: list[dict[str, Any]], start: int, end: int) -> str | None:
    """The code of the tightest actor mention containing [start, end), else the longest overlapping."""
    spans = [(s, e, a["code"]) for a in actors for s, e in a["mentions"]]
    containing = [x for x in spans if x[0] <= start and end <= x[1]]
    if containing:
        return min(containing, key=lambda x: x[1] - x[0])[2]
    overlapping = [x for x in spans if x[0] < end and start < x[1]]
    return max(overlapping, key=lambda x: x[1] - x[0])[2] if overlapping else None


def country_agrees(predicted: str, country: str) -> bool:
    if country in INTERNATIONAL:
        return predicted.startswith(country)
    return predicted[:3] == country


def full_agrees(predicted: str, country: str, sector: str | None) -> bool:
    if not country_agrees(predicted, country):
        return False
    if country in INTERNATIONAL:
        return True
    return (predicted[3:6] or None) == sector


def make_engine(system: str, shared: Path):
    from newsgraph.engine import Engine
    from newsgraph.extract.actors import component  # noqa: F401  (registers the factory)
    from newsgraph.nlp import load_model

    nlp = load_model()
    folder = shared / "dictionaries" / "petrarch2"
    phoenix = [str(folder / name) for name in PHOENIX]
    dictionaries = {"ours": ["builtin"], "phoenix": phoenix, "ours+phoenix": ["builtin", *phoenix]}[system]
    nlp.add_pipe("newsgraph_actors", config={"dictionaries": dictionaries})
    return Engine(nlp)


def score_system(system: str, records: list[dict[str, Any]], shared: Path) -> dict[str, Any]:
    """Figures for one system over the gold records."""
    from newsgraph.model import RawArticle

    engine = make_engine(system, shared)
    raws = [RawArticle(input=r["id"], text=r["text"], published=r["date"]) for r in records]
    tally = {"actors": 0, "covered": 0, "country": 0, "full": 0, "found": 0, "gold": 0, "hit": 0}
    for record, article in zip(records, engine.analyze(raws), strict=True):
        actors = article.to_dict()["actors"]
        for actor in record["actors"]:
            country, sector = gold_code(actor)
            start = record["text"].find(actor.get("actorText") or "\0")
            if start < 0:
                continue
            predicted = covering_code(actors, start, start + len(actor["actorText"])) or ""
            tally["actors"] += 1
            tally["covered"] += bool(predicted)
            tally["country"] += country_agrees(predicted, country)
            tally["full"] += full_agrees(predicted, country, sector)
        gold = {gold_code(a)[0] for a in record["actors"]}
        found = {a["code"][:3] for a in actors if a["code"]}
        tally["gold"] += len(gold)
        tally["found"] += len(found)
        tally["hit"] += len(gold & found)
    return summarise(system, len(records), tally)


def summarise(system: str, sentences: int, tally: dict[str, int]) -> dict[str, Any]:
    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    precision, recall = ratio(tally["hit"], tally["found"]), ratio(tally["hit"], tally["gold"])
    return {
        "system": system,
        "sentences": sentences,
        "gold_actors": tally["actors"],
        "coverage": ratio(tally["covered"], tally["actors"]),
        "country_accuracy": ratio(tally["country"], tally["actors"]),
        "full_code_accuracy": ratio(tally["full"], tally["actors"]),
        "sentence_country_precision": precision,
        "sentence_country_recall": recall,
        "sentence_country_f1": ratio(round(2 * precision * recall * 10000), round((precision + recall) * 10000)),
    }


def check_floors(results: list[dict[str, Any]]) -> list[str]:
    """Figures that fell below their pinned floor."""
    floors = json.loads(FLOORS.read_text("utf-8"))
    failures = []
    for result in results:
        for metric, floor in floors.get(result["system"], {}).items():
            if result[metric] < floor:
                failures.append(f"{result['system']} {metric}: {result[metric]} < floor {floor}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--systems", default="ours,phoenix,ours+phoenix")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--check-floors", action="store_true")
    args = parser.parse_args(argv)
    records = list(gold_records(args.shared))
    records = records[: args.limit] if args.limit else records
    results = [score_system(system, records, args.shared) for system in args.systems.split(",")]
    for result in results:
        print(json.dumps(result))
    failures = check_floors(results) if args.check_floors else []
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
